"""Tests for the kinds of wrong speaker the rules gave on the bbc-news development articles
(`evals/labels/bbc-news.jsonl`): each case is one kind, written anew, with the right reading
beside it."""
from __future__ import annotations

import pytest

from search.extract.speakers.attribution import extract_quotes, extract_speakers


def speakers_of(body: str) -> list[str]:
    """Return the speakers a body's quotes name."""
    return extract_speakers(extract_quotes(body))


@pytest.mark.parametrize("body, speakers", [
    # a title won or a run of form carried on is no speech ...
    ("Ross Keane and Tilly Marr claimed the individual titles at the cross country meeting.", []),
    ("Mikel Sorra continued his run of fine form to beat Ivo Lanz in the semi-final.", []),
    ("Sadie Pruitt claims the vital first break and serves out the set.", []),
    # ... but a claim whose clause follows, or a cue that ends its tag, reports words
    ("Owen Tarrant, of the Orlo laboratory, claims the sprinter regularly used drugs.",
     ["Owen Tarrant"]),
    ("Ross Keane claimed the government had misled voters.", ["Ross Keane"]),
    ('"We will carry on," Mikel Sorra continued.', ["Mikel Sorra"]),
])
def test_a_cue_with_an_object_and_no_clause_reports_no_words(body: str,
                                                            speakers: list[str]) -> None:
    assert speakers_of(body) == speakers
