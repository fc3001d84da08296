"""Tests for masking a paragraph's quotations (`quotations.mask_quotes`)."""
from __future__ import annotations

from search.extract.speakers.attribution import extract_quotes
from search.extract.speakers.people import Body
from search.extract.speakers.quotations import mask_quotes

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
