"""Tests for the names' shortcuts: the runs `NAME_RUN` finds (`names.name_runs`) and the lower-case
words `LOWER_WORD` finds, found faster."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from search.extract.speakers.names import ABBREVIATED_TITLES, LOWER_WORD, NAME_RUN, name_runs

# Pieces of names and what stands around them: titles with and without their stop, initials,
# particles, capitals that are no ASCII (and the small letters of Latin Extended-A, which the
# capitals' class holds), the Arabic articles, letters, digits and underscores before a capital
# (which keep a run from opening there), apostrophes and hyphens inside names.
PIECES = st.sampled_from([
    *ABBREVIATED_TITLES, ".", "Mrs.", "Supt.", "St.", "A.", "J.", "P.J.", "A.B.C.D.", " ", "\t",
    "\n", " de ", " bin ", "Smith", "Ann", "Lee", "Ólafur", "ā", "Ž", "al-Maliki", "el-Baz",
    "Al-", "al-", "l-", "x", "_", "9", "O'Neil", "Ki-moon", "’s", ", ", "said", "“Q1,”",
])
TEXTS = st.lists(PIECES, max_size=30).map("".join)


def _runs(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_name_runs_are_the_runs_name_run_finds(text: str) -> None:
    assert _runs(name_runs(text)) == _runs(NAME_RUN.finditer(text))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_name_runs_of_a_text_without_an_arabic_article(text: str) -> None:
    text = text.replace("l-", "l ")  # the shortcut's own pattern, not NAME_RUN, finds these
    assert _runs(name_runs(text)) == _runs(NAME_RUN.finditer(text))


def test_name_runs_of_titles_initials_and_joined_words() -> None:
    text = "Mrs. Ann Lee met A.B.C.D. Smith, 9Ann Lee, Supt. Ki-moon and x_Ann Lee."
    found = [m.group() for m in name_runs(text)]
    assert found == ["Mrs. Ann Lee", "A.B.C.", "D. Smith", "Lee", "Supt. Ki-moon", "Ann Lee"]
    assert found == NAME_RUN.findall(text)


# Lower-case words and what may stand around them: capitals, digits, underscores and letters
# that are no ASCII before or after one (no word boundary there), hyphens inside and at the ends.
LOWER_PIECES = st.sampled_from(["said", "a", "x", "well-known", "-", "--", "Ann", "9", "_", "é",
                                "ſ", "K", " ", "\n", ".", "’", "re-", "-ed"])


@settings(max_examples=600, deadline=None)
@given(st.lists(LOWER_PIECES, max_size=30).map("".join))
def test_lower_words_are_the_small_letter_words_between_word_boundaries(text: str) -> None:
    assert LOWER_WORD.findall(text) == re.findall(r"\b[a-z][a-z\-]+\b", text)


def test_lower_words_of_a_text_that_opens_with_one() -> None:
    assert LOWER_WORD.findall("well-known Ann_said x-ray é-mail re- 9ab") == [
        "well-known", "x-ray", "mail", "re"]
