"""Tests for the kinds of error the rules made on modern English web pages (trafilatura-html and
htmldate-html, speakers labelled blind in evals/labels/): each case is one kind, written anew,
with the right reading beside it."""
from __future__ import annotations

import pytest

from search.extract.speakers.attribution import extract_quotes, extract_speakers


def speakers_of(body: str) -> list[str]:
    """Return the speakers a body's quotes name."""
    return extract_speakers(extract_quotes(body))


@pytest.mark.parametrize("body, speakers", [
    # a middle initial "A." is an initial, not the article: the full name is the person's
    ('Registered nurse Wanda A. Pell Morgan said the ward was full. "We had no beds," '
     'Pell Morgan said.', ["Wanda A. Pell Morgan"]),
    ('One of the volunteers was Oscar A. Lindqvist Ruiz, a student. "We knock on every door," '
     'Oscar said.', ["Oscar A. Lindqvist Ruiz"]),
    ('Coach Dana B. Whitfield said the team was ready.', ["Dana B. Whitfield"]),
    # ... and "A." closing a sentence is still no one's initial
    ('The council chose Plan A. "It costs less," Mayor Ruth Okafor said.', ["Ruth Okafor"]),
])
def test_a_middle_initial_a_stays_inside_the_name(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # an award's title is no one's name: the pronoun after it goes to the person, not the award
    ('Tomasz Wilk, from Poland, builds solar lamps for schools.\n2021 Regional Young Person of '
     'the Year\nHe said: "This prize will light more classrooms."', ["Tomasz Wilk"]),
    ('The 2019 Scholar Athlete of the Week said: "I train every morning."', []),
    # ... while the person holding it still speaks under his own name
    ('Lena Fairweather, named Teacher of the Year in May, said the award belonged to her pupils.',
     ["Lena Fairweather"]),
])
def test_an_award_title_is_no_speaker(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # an article and an adjective before a full name with a known given name describe the person
    ('"The answers are not there yet," said a doubtful Margaret Oyelaran, the board\'s chair.',
     ["Margaret Oyelaran"]),
    ('"We will rebuild," said the embattled Thomas Brannigan, the club\'s owner.',
     ["Thomas Brannigan"]),
    # ... not a surname alone, nor a name without a known given name: those stay things
    ('"The answers are not there yet," said a doubtful Oyelaran.', []),
    ('Visitors rode a Go-Kart Track said to be the longest in the county.', []),
])
def test_an_adjective_before_a_full_name_describes_a_person(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a straight mark between two spaces is a dash lost to a wrong charset, not a quotation
    ('Santa Veria closed schools last month when two clusters " one at a shoe factory and one '
     'at a market " emerged near the port.', []),
    ('KINGSTON " Prime Minister Alva Reid urged calm. "We are not afraid," she said.',
     ["Alva Reid"]),
    # ... while a mark against its first word still opens a quotation
    ('He said "not today" and left. "We go at dawn," Captain Ines Barros said.', ["Ines Barros"]),
])
def test_a_straight_mark_between_spaces_is_no_quotation(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers
