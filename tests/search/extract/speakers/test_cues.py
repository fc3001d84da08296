"""Tests for the cue data's shortcuts: each finds what the pattern it stands for finds."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from search.extract.speakers.cues import (
    INVERTED_CUE, INVERTED_WORDS, SUBJECT_CUE, SUBJECT_CUE_FROM_CLASS,
)
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


# Pieces of a sentence a subject's cue may be found in: pronouns and the words that hold them
# ("She", "she", "the", "Shell", "_he"), names with titles, initials, particles, an organisation
# after "of", apostrophes and hyphens in names, capitals that are no ASCII, appositions, a relative
# clause, adverbs, cue words; no "l-" (an "al-" name is SUBJECT_CUE's own to find).
SUBJECT_PIECES = st.sampled_from([
    "He", "he", "She", "she", "Shell", "the", "_", "x", "9", "é", "Ž", "Mr. ", "Dr.", "A.",
    "J. ", "Ann Lee", "Smith", " de ", "O'Neil", "Ki-moon", "’s", " of ", "the Party", ", ",
    ", a doctor, ", " - who ", ", who", " also ", " said", " says", " told", "said", ".", " ",
    "\t", "\n", "“Q1,”",
])
SUBJECT_TEXTS = st.lists(SUBJECT_PIECES, max_size=24).map("".join)


def _subject_matches(search, text: str) -> list[tuple]:
    """Every match from every place of a text, with its groups' spans."""
    found = []
    for at in range(len(text) + 1):
        m = search(text, at)
        found.append(m and (m.span(), [m.span(g) for g in SUBJECT_CUE.groupindex]))
    return found


@settings(max_examples=500, deadline=None)
@given(SUBJECT_TEXTS)
def test_the_subject_cue_from_a_class_finds_what_subject_cue_finds(text: str) -> None:
    assert _subject_matches(SUBJECT_CUE_FROM_CLASS.search, text) == _subject_matches(
        SUBJECT_CUE.search, text)


def test_the_subject_cue_from_a_class_of_pronouns_and_names() -> None:
    text = "Then he said it. The_he said. Shell said. Mr. Ann Lee, a doctor, told us; she says"
    found = [m.group("who") for m in SUBJECT_CUE_FROM_CLASS.finditer(text)]
    assert found == ["he", "Shell", "Mr. Ann Lee", "she"]
    assert found == [m.group("who") for m in SUBJECT_CUE.finditer(text)]
