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


@pytest.mark.parametrize("body, speakers", [
    # a firm, a paper or a bank named right after what it is is no person ...
    ("Analyst firm Tarn View predicts that the network will steal market share.", []),
    ("The business newspaper Corra Nueva said the firms will merge next year.", []),
    # ... but a role of its own makes the name after it a person's
    ("The company CEO Andy Vell said the outages were disruptive.", ["Andy Vell"]),
])
def test_a_name_after_what_an_organisation_is_is_the_organisations(body: str,
                                                                   speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a party in short and "fellow" before a name are no part of it ...
    ('Fellow Lib Dem Norma Bakewell said it painted an "unflattering picture".', ["Norma Bakewell"]),
    # ... and the party itself is no one
    ("But the Tories and Lib Dems insisted that voters faced higher taxes.", []),
])
def test_a_british_party_in_short_is_no_name(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a "he said" after a sentence naming two people together is not one of the pair's ...
    ('Marco Dessi insists his old side will win. He admires two colleagues from the old Milan '
     'side - Paolo Mandrini and Alessio Costantini. "I am happy they still play," he said.',
     ["Marco Dessi"]),
    # ... nor is it the subject of what the sentence before reported
    ('Derek Wyman predicted a hard campaign. The MP for Sittingbourne said Prime Minister Tony '
     'Blake had been "trying very hard". But Mr Blake had been "hurt" by the war, he added.',
     ["Derek Wyman"]),
    # ... but a title joined by "and" is no pair, and "he" in the reported sentence itself
    # may be its subject
    ('Trade and Industry Secretary Paul Channing sought to calm fears. "We do not want a trade '
     'war," he said.', ["Paul Channing"]),
    ("The paper said Labour Minister Ghazi al-Gosari had caused uproar when he said his ministry "
     "could not hire women.", ["Ghazi al-Gosari"]),
])
def test_a_pronoun_passes_by_a_pair_and_a_reported_subject(body: str,
                                                           speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # quotations introduced by another clause's cue are not the sentence subject's, nor are
    # the ones that go on after them ...
    ('Mal Glazier owns a 28% stake, and the club\'s statement to the exchange said: "The board '
     'has noted the speculation. "A further announcement will follow."', []),
    # ... but the subject's own cue, however far from the name, introduces the subject's words
    ('Twitter posted losses. The technology columnist Dave Auerbach went so far as to say: '
     '"Twitter as we know it is over."', ["Dave Auerbach"]),
])
def test_a_cue_of_a_second_clause_keeps_its_quotations_from_the_subject(
        body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a surname that is also a broadcaster's name, after a given name, is a person's ...
    ("Tory co-chairman Liam Fox said the plans were a sign of abusive politics.", ["Liam Fox"]),
    # ... while the broadcaster alone stays none
    ("Fox said the show would stay on the air.", []),
])
def test_a_given_name_makes_a_word_surname_a_persons(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a speaker set off by dashes, "stated" after a quotation, a role before a comma, a denial
    # that there was something, a surname that is a nationality: all report words ...
    ("Liberal Democrat Alan Beal - who chairs the committee - said the claims were serious.",
     ["Alan Beal"]),
    ('"It is very difficult," stated Joaquim Sahuna, head of tracing.', ["Joaquim Sahuna"]),
    ('"This picture was the story", said De Telegraaf\'s image editor, Piet Schoenmaker.',
     ["Piet Schoenmaker"]),
    ("Labour's election chief Alan Millward denied there was an attempt to sideline him.",
     ["Alan Millward"]),
    ("Mike German, leader of the party, claimed that one in three homes faced rises.",
     ["Mike German"]),
    # ... but a name after a comma that a clause of its own follows is what was said about
    ("Pantera's said Pizza Inn's largest shareholder, F.J. Spillane, previously granted it an "
     "option.", []),
])
def test_more_shapes_of_reported_speech(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


def test_an_award_is_no_one() -> None:
    body = ('Hanley said the film has an "elegant message". "Christmas is a special time," added '
            'the two-time Academy Award winner. "I believe in the spirit of Christmas," he said.')
    assert "Academy Award" not in speakers_of(body)
