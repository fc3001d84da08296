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


INTERVIEW = (
    "{intro}\n"
    "Q: {address}What did the first morning feel like?\n"
    "A: Inspired and humbled, to be honest.\n"
    "Q: How do you plan your day?\n"
    "A: I block time for meetings and separate time for email.\n")


@pytest.mark.parametrize("intro, address, speakers", [
    # the one person the introduction names answers
    ("Northwind is thrilled to have Junior Pascal as its new chief executive.", "",
     ["Junior Pascal"]),
    # of two people named, the one the questions address answers
    ("Ada Brandt sat down with Lior Hamm after the launch.", "Lior – ", ["Lior Hamm"]),
    # two people and no address: who answers is not known
    ("Ada Brandt sat down with Lior Hamm after the launch.", "", []),
    # no person: a company's FAQ answers for no one
    ("Northwind answers its customers' questions.", "", []),
])
def test_interview_answers_are_the_interviewees(intro: str, address: str,
                                                speakers: list[str]) -> None:
    quotes = extract_quotes(INTERVIEW.format(intro=intro, address=address))
    assert extract_speakers(quotes) == speakers
    assert all(q.cue == "answered" for q in quotes)


def test_one_answer_line_is_no_interview() -> None:
    body = ("Ada Brandt runs the shop.\nQ: Is it open on Sundays?\n"
            "A: Yes, from ten.\nThe shop opened in 2001.")
    assert extract_quotes(body) == []


DEBATE = (
    "Senator Jon Smale debated Mary Jonas on Monday.\n"
    "SMALE: We will win this election, believe me.\n"
    "JONAS: No, you won't win anything at all.\n"
    "SMALE: We will, and the polls show it.\n"
    "JONAS: The polls are wrong, as always.\n")


def test_transcript_lines_are_their_speakers() -> None:
    quotes = extract_quotes(DEBATE)
    assert extract_speakers(quotes) == ["Jon Smale", "Mary Jonas"]
    assert quotes[0].text == "We will win this election, believe me."


@pytest.mark.parametrize("body", [
    # a list of people and roles is no transcript
    "The panel met.\nJane Dorn: chief executive of Acme, Leeds.\n"
    "John Smale: chief economist at a bank in York.\n",
    # nor are headlines under a label, though they say "my" and "your"
    "Relevant Reading: How To Talk About Money With Your Son\nSome text.\n"
    "Relevant Reading: Why My Teen Girls Are Helping Me\n",
    # nor one line by a person
    "Jane Dorn: I ran as fast as I could, then hid.\nThe police came.\n",
])
def test_labelled_lines_that_are_no_transcript(body: str) -> None:
    assert extract_quotes(body) == []


def test_author_note_is_no_speech() -> None:
    body = ("Jon Smale is a senior reporter at the Daily Courier. "
            "He has written about politics for ten years.")
    assert extract_quotes(body) == []
