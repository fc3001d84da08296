"""Tests for the kinds of wrong speaker the rules gave on news nobody labelled (BBC, Reuters):
each case is one kind, written anew, with the right reading beside it."""
from __future__ import annotations

import pytest

from search.extract.speakers.attribution import extract_quotes, extract_speakers


def speakers_of(body: str) -> list[str]:
    """Return the speakers a body's quotes name."""
    return extract_speakers(extract_quotes(body))


@pytest.mark.parametrize("body, speakers", [
    # a role stands for the person it is the title of, right before the name ...
    ('Ipswich striker Dale Orme scored. "It was easy," the striker said.', ["Dale Orme"]),
    # ... not for a name that words set apart from it: the spokesman is no one named
    ("Rep. Carl Fenwick introduced the bill, a spokesman for Fenwick said. The spokesman said "
     "the bill had not changed.", []),
    ("A ministry spokesman said Minister Ugo Bellandi approved the venture. The spokesman said "
     "the approval was needed.", []),
    ('"I wish I played there," the 21-year-old told Radio Porto Nueve. "I am not happy."', []),
    # a qualified role is another role: the shadow chancellor is not the chancellor
    ("The chancellor said the cuts proposed by shadow chancellor Owen Lattimer were deep.", []),
])
def test_a_role_stands_only_for_its_title_holder(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a plea in court, a shot and a goal back are no speech ...
    ("Rory Tallis pleaded guilty to fraud and was jailed for two years.", []),
    ("Mr Tallis has pleaded not guilty to the charges.", []),
    ("Striker Abel Nkemdirim snapped in a shot that the keeper saved.", []),
    ("Ivo Marsic hit back after the break to seal the win.", []),
    # ... but a plea to someone, a retort and a hit back at critics are
    ("Rory Tallis pleaded with the jury to believe him.", ["Rory Tallis"]),
    ('"Not now," Abel Nkemdirim snapped.', ["Abel Nkemdirim"]),
    ("Ivo Marsic hit back at his critics, saying he had done nothing wrong.", ["Ivo Marsic"]),
])
def test_sports_and_court_verbs(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a role holder after a verb is the verb's object, not the sentence's subject
    ('Accepting his prize, Lior Adamek described director Marc Oulette as "one of the greatest '
     'of all time".', ["Lior Adamek"]),
    ('Neil Ambrose also praised winger Stu Dowling. He added: "If Stu keeps playing like this '
     'he has to be picked."', ["Neil Ambrose"]),
    # ... and a role holder after a qualifying name still is the subject
    ('Mayor Ana Quist campaign manager Robby Moor released a memo titled "The facts on the race."',
     ["Robby Moor"]),
])
def test_a_verb_keeps_the_subject_before_a_role(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a participle with an object reports no words ...
    ("Owen Darragh stormed to his second win in a week, claiming the 800m in Erfurt.", []),
    ("Fly-half Aaron Mellish was in good form with the boot, adding 10 points.", []),
    # ... nor one after another's tag: the spokesman adds it, not the subject
    ("Tom Brandt gave up the post yesterday, the spokesman said, adding the company will have "
     "no chairman.", []),
    # ... but a clause after it does
    ("Thabo Mvula attacked the plan, saying it treated farmers badly.", ["Thabo Mvula"]),
    ("Rosa Mendel declined to comment, saying the data is private.", ["Rosa Mendel"]),
])
def test_a_participle_reports_a_clause(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a described name a verb follows is what a subject said, not the speaker of a tag
    ("His mother, Gisele, said her son's killer, Warren Lebrun, 17, had copied the game.", []),
    ("Ron Reyes said his new adviser, Frank Carrow, was rebuilding the staff.", ["Ron Reyes"]),
    # ... but a tag after a quotation or a reported clause names its speaker
    ('"A decision is expected by March," said one of their lawyers, Mikis Dimos.', ["Mikis Dimos"]),
    ('The agency found no "ties of any consequence," said the bureau\'s director, James Colm, on '
     'Monday.', ["James Colm"]),
])
def test_a_description_before_a_name_tags_a_quotation(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # partners' names joined by "and" name a firm, not two people
    ('"Rates will rise," added brokers Pollard and Drew in a report.', []),
    ('"It could ignite interest," added Ernst and Young\'s Sanjiv Mehra.', ["Sanjiv Mehra"]),
    ('"It will be its bread and butter," said Wertham and Co analyst Michael Ellery.',
     ["Michael Ellery"]),
    # ... but two full names are two people
    ('"The results show it," said Jonah Wolpert and Dennis McFarlow.',
     ["Dennis McFarlow", "Jonah Wolpert"]),
])
def test_a_firm_named_after_partners_is_no_one(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # describing something as something is a view given ...
    ("President Ivan Radek has described the affair as a crackdown on corruption.",
     ["Ivan Radek"]),
    ("Mikhail Gorsky has described as a sector whose modernisation is essential.",
     ["Mikhail Gorsky"]),
    # ... and "was quoted as saying" after an apposition reports its speaker
    ("A union official, Predrag Petrich, was quoted as saying hundreds of workers were on strike.",
     ["Predrag Petrich"]),
])
def test_views_and_quoted_sayings(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers
