"""Tests for the kinds of wrong speaker the rules gave on the Reuters-21578 development stories
(`evals/labels/reuters.jsonl`): each case is one kind, written anew, with the right reading
beside it."""
from __future__ import annotations

import pytest

from search.extract.speakers.attribution import extract_quotes, extract_speakers


def speakers_of(body: str) -> list[str]:
    """Return the speakers a body's quotes name."""
    return extract_speakers(extract_quotes(body))


@pytest.mark.parametrize("body, speakers", [
    # a company marked by its ticker, or by angle brackets, is what "he" cannot point back to ...
    ("Sanwell Kemp said he recommended Orrin Richfield <ORR> on a short-term basis. Orrin "
     'Richfield rose 1-3/4 to 77.\nHe said "the main thrust of investing in oil is positive."',
     ["Sanwell Kemp"]),
    ("The first batch has to be ready in 1990, spokesman Cort van Ridder said.\nThe Danes chose "
     "between the Mongoose of Italian producer <Kessel Spa> and the Panther of French firm "
     "<Arnault>, Van Ridder said.\nThe Danes had not considered U.S. helicopters, he said.",
     ["Cort van Ridder"]),
    ("Grell Harbour Group Inc <GRHB.O> will run the sites. Grell Harbour said the deal closes "
     "in August.", []),
    ("Lanford Hale (NYSE: LNH) makes boats. Lanford Hale said sales fell in the quarter.", []),
    # ... but a person's name is no ticker's, and a senator's party after the name is no ticker
    ('"We will not wait," said Senator Ada Morrow (D) of Vermont.', ["Ada Morrow"]),
    ('Ada Morrow said the company, Morrow Brands <MRB>, will not wait.', ["Ada Morrow"]),
])
def test_a_listed_company_is_no_person(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a word that ends a company's name in wire copy makes the run a company's ...
    ("Bellamy Industries said revenues for the year were 30.7 mln dlrs.", []),
    ("Health and Harbour Properties said the homes will be leased back.", []),
    ("Orlin Resources said the revised assays compared well.", []),
    # ... as does a body named in the plural with another
    ("Exports rose 2.1 pct in March, the U.S. Agriculture and Commerce Departments said.", []),
    # ... and no part of the name of the minister it comes before
    ("Energy and Mines Minister Tomas Ruiz Ortega said talks would resume.", ["Tomas Ruiz Ortega"]),
    # ... while the person who works there is still a person
    ("Ada Morrow, chairman of Morrow Resources, said the mine would reopen.", ["Ada Morrow"]),
])
def test_a_company_named_for_its_trade_is_no_person(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a word of a company's name, cut from it by a title word before it ("Security", "Anchor",
    # "Mr.", "King", "manager") or standing for the whole, is no person ...
    ("Security Orland Corp said it completed the purchase. Security Orland said the Federal "
     "Reserve approved it.", []),
    ("Anchor Delmar Container Corp said first quarter net rose. Anchor Delmar said the "
     "conversion cut its total debt.", []),
    ("Mr. Tapper Corp said it rescinded the deal. Mr. Tapper said it found more information.", []),
    ("Queen Vistal Productions Inc said it started a tender offer. Queen Vistal said the family "
     "would tender.", []),
    ("The issue was priced at par, said lead manager Brill, Hart and Co Inc. Fees total 2 pct, "
     "Brill said.", []),
    ('Lund and Crane Corp said business failures rose. "Failures rose in the oil states," Lund '
     "said.", []),
    ("Osgood Bancorp reported a loss. The company \"believes it can go on,\" Osgood said.", []),
    # ... but a king with no company of his name is a person, and a chairman named in full is
    # still himself when his company bears his surname
    ('King Fahd said oil prices must be stable. "We want stable prices," King Fahd said.',
     ["Fahd"]),
    ('Chairman Roald Hesse of Hesse Corp said the plant would close. "It is sad," Hesse said.',
     ["Roald Hesse"]),
    # a word that only opens a longer word is not the name: "Brillant Corp"
    ('Brillant Corp will buy it. "We are glad," lead manager Brill said.', ["Brill"]),
])
def test_a_word_of_a_company_name_is_no_person(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


def test_a_name_written_often_before_capitalised_words_stays_fast() -> None:
    # each place of the word is tried once, over at most four words after it
    body = "Brill And Aaa, Bbb Ccc Ddd Eee. " * 5000 + '"We won," Lord Brill said.'
    assert speakers_of(body) == ["Brill"]


@pytest.mark.parametrize("body, speakers", [
    # a one-word name next to an outlet's, a bank's or an institute's noun is theirs ...
    ('MOSCOW - The government daily Vestnik said grain was short. "It is not simple," Vestnik '
     "said.", []),
    ('SEOUL - The national news agency, Hanmun, said the surplus rose. "It will be ten," Hanmun '
     "said.", []),
    ('The tax cut is too small, the Ofra economic institute said. "Too late," said Ofra.', []),
    # ... but not across a comma that opens a clause, nor after a verb
    ('The vote went to the agency, Brill said. "It is fair," Brill said.', ["Brill"]),
    ('Tan Hoon Lee spoke. "It depends on yields," Tan said. Tan said bank rates would fall.',
     ["Tan Hoon Lee"]),
    ('The firm Brill said had failed was sold. "It is sad," Brill said.', ["Brill"]),
])
def test_an_outlet_named_by_one_word_is_no_person(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a common word opening the sentence, dropped from a name the text never writes without
    # it, leaves the tail of an organisation's name, no person's ...
    ('"Firms can set an end point, and staff can ask to stay on past the age of 65." But Age '
     'Concern said a fixed age of 65 was "cowardly".', []),
    # ... but a tail the text also writes alone is still taken, and a given name that is a
    # common word too is kept, as is a particle: "De los Arcos" after "de los Arcos"
    ('"Firms can set an end point, and staff can ask to stay on past the age of 65." But Age '
     'Concern said a fixed age of 65 was "cowardly". Concern grew.', ["Concern"]),
    ('"Firms can set an end point and fix pay." But Grant Keller said a fixed age of 65 was '
     '"cowardly". Grant money is scarce.', ["Grant Keller"]),
])
def test_the_tail_of_a_name_cut_at_a_sentence_start_is_no_person(
        body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


def test_a_tail_written_often_stays_fast() -> None:
    # each place of the tail is looked at once, not the text before it copied each time
    body = ("Age Concern met at the age of 65 in " * 20000
            + '.\n"Firms can stay." But Age Concern said it was "wrong".')
    assert speakers_of(body) == []


@pytest.mark.parametrize("body, speakers", [
    # a firm named by initials after an inverted cue is no speaker's first initial: the one
    # the role names speaks ...
    ('"It is a big move," said E.F. Hutton analyst Michael Lewis.', ["Michael Lewis"]),
    ('"Buyers wait for April," said C.J. Lawrence analysts Harry Mortner.', ["Harry Mortner"]),
    # ... and a name of initials and a surname, or one that ends the sentence, still speaks
    ('"It is a big move," said J.R. Ewing.', ["J.R. Ewing"]),
    ('"It is a big move," said Ann Lee. "Yes, it is."', ["Ann Lee"]),
])
def test_initials_after_an_inverted_cue_are_not_a_name(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers
