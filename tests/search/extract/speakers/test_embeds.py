"""Tests for speech a page embeds under its speaker's label: tweets."""
from __future__ import annotations

import pytest

from search.extract.speakers.attribution import extract_quotes, extract_speakers

# A news body with an embedded tweet as a browser's text gives it, link and signature kept.
TWEET_PAGE = (
    "The minister faced questions on Tuesday.\n"
    "When we are insulted it is going to evoke a response. https://t.co/oI5iCg4 "
    "— Mara Kessel (@MaraKessel) December 18, 2018\n"
    "The debate went on late into the night.\n")


def test_embedded_tweet_is_its_signers() -> None:
    quotes = extract_quotes(TWEET_PAGE)
    assert [(q.speaker, q.cue) for q in quotes] == [("Mara Kessel", "tweeted")]
    assert quotes[0].text.startswith("When we are insulted")
    assert "@MaraKessel" not in quotes[0].text


@pytest.mark.parametrize("signature, speakers", [
    ("— Mara Kessel (@MaraKessel) 18 December 2018", ["Mara Kessel"]),
    # an outlet's or a team's tweet is no one's
    ("— The Daily Courier (@dailycourier) June 29, 2016", []),
    ("— Riverside Team (@RiversideTeam) June 29, 2016", []),
    # a name and a handle without a date are a credit or a byline, no tweet
    ("— Mara Kessel (@MaraKessel)", []),
])
def test_tweet_signatures(signature: str, speakers: list[str]) -> None:
    body = f"Prices rose again this week. https://t.co/x {signature}\nMore follows."
    assert extract_speakers(extract_quotes(body)) == speakers


def test_long_line_of_signatures_stays_fast() -> None:
    body = "x — Mara Kessel (@M) " * 5000 + "\n" + "— A B (@" * 5000
    assert extract_quotes(body) == []
