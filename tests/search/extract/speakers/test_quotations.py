"""Tests for masking a paragraph's quotations (`quotations.mask_quotes`) and the sentences read."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from search.documents import Quote
from search.extract.speakers.attribution import attributed_quotes, extract_quotes
from search.extract.speakers.people import Body
from search.extract.speakers.quotations import mask_quotes, sentences

# BBC articles join the paragraphs of one quotation, each reopened with a straight mark and only
# the last closed: the second mark opens a quotation, it does not close the first.
REOPENED = ('"We thought we would win," said John Murray, of the Hill Club. "It was very '
            'disappointing. "Whoever is running our strategy has got it right. Blair is on the '
            'back foot." Much of the credit must go to Lynton Crosby, the strategist.')


def test_a_reopened_straight_quotation_is_two_quotations_and_the_text_after_is_no_quote():
    doc = Body()
    masked = mask_quotes(REOPENED, doc)
    assert masked == ("“Q0,” said John Murray, of the Hill Club. “Q1.” “Q2.” Much of the credit "
                      "must go to Lynton Crosby, the strategist.")
    assert doc.quotes == [("We thought we would win,", False),
                          ("It was very disappointing.", True),  # ended by the reopening
                          ("Whoever is running our strategy has got it right. Blair is on the "
                           "back foot.", False)]


def test_the_reopened_quotation_is_its_speakers_and_the_narration_after_it_no_ones():
    quotes = extract_quotes(REOPENED)
    assert {q.speaker for q in quotes} == {"John Murray"}
    assert any(q.text.startswith("Whoever is running") for q in quotes)


def test_straight_marks_that_close_and_open_as_usual_are_unchanged():
    doc = Body()
    assert mask_quotes('He called it "a mess" and "a farce". "We will act," she said.', doc) == \
        'He called it “Q0” and “Q1”. “Q2,” she said.'
    assert [text for text, _ in doc.quotes] == ["a mess", "a farce", "We will act,"]


# Pieces of bodies: people, pronouns, cues, quotations (straight, curly, unclosed), the asked-by
# cue, full stops, abbreviations and line breaks, so that quotations and cues fall anywhere.
BODY_PIECES = st.sampled_from([
    "Ann Lee", "Mr. Bo Chan", "Lee", "She", "he", "said", "told reporters", "asked by Bo Chan",
    "according to Ann Lee", '"We won', '"', "“It is over,”", "‘no’", " ", ", ", ". ", "\n",
    "\n\n", "the farm", "grows corn", "Dr.", "It was late", ":",
])
BODIES = st.lists(BODY_PIECES, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(BODIES, st.integers(min_value=-1, max_value=200))
def test_the_sentences_up_to_a_place_are_the_first_sentences(text: str, last: int) -> None:
    every = sentences(text)
    assert sentences(text, last) == [(a, b) for a, b in every if _line_start(text, a) <= last]
    assert [(a, b) for a, b in every if a <= last] == [
        (a, b) for a, b in sentences(text, last) if a <= last]


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


@settings(max_examples=400, deadline=None)
@given(BODIES)
def test_the_quotes_are_the_same_without_the_sentences_after_the_last_mark_and_cue(
        body: str) -> None:
    assert extract_quotes(body) == attributed_quotes(body)[0]


def test_the_sentences_after_the_last_cue_are_read_only_for_the_filter() -> None:
    body = ("Ann Lee grows corn. “We are fine,” she said. Ann Lee went home. Ann Lee slept.")
    quotes, doc = attributed_quotes(body)
    assert quotes == extract_quotes(body) == [Quote("Ann Lee", "We are fine,", "said")]
    # the features still see the subjects of the last two sentences; the quotes need them not
    assert len(doc.salient) > len(attributed_quotes(body, every_sentence=False)[1].salient)
