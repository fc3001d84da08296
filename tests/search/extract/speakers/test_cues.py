"""Tests for the cue data's shortcuts: each finds what the pattern it stands for finds."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from search.extract.speakers.cues import INVERTED_CUE, INVERTED_WORDS
from search.extract.speakers.cuewords import CUE_WORD, cue_words

# Pieces of text around cue words: words that hold one ("unsaid", "said_"), marks that end a word
# or join two ("-", "’"), letters that are no ASCII, digits, and the line breaks of a body.
PIECES = st.sampled_from(["said", "Said", "says", "according to", "wrote", "told", "unsaid",
                          "said_", "saidé", "é", "Ann Lee", "9", "-", "’", "“Q1,”", ", ", ". ",
                          " ", "\n", "\t", "the", "x"])
TEXTS = st.lists(PIECES, max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_cue_words_are_the_words_cue_word_finds(text: str) -> None:
    expected = [(m.start(), m.group()) for m in CUE_WORD.finditer(text)]
    assert cue_words(text) == expected
    assert cue_words(text, first=True) == expected[:1]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_an_inverted_cue_opens_at_a_cue_word_it_can_open_with(text: str) -> None:
    starts = {at for at, word in cue_words(text) if word in INVERTED_WORDS}
    assert all(m.start() in starts for m in INVERTED_CUE.finditer(text))


def test_cue_words_of_a_text_that_opens_with_one() -> None:
    assert cue_words("said he, and told her: unsaid") == [(0, "said"), (13, "told")]
