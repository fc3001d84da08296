"""Tests for the kinds of speaker error a title gives on pages never seen (issue 18, w-spk4):
each case is one kind, written anew, with a guard beside it that the rule must not overreach."""
from __future__ import annotations

import pytest

from search.extract.speakers.attribution import extract_quotes, extract_speakers


def speakers_of(body: str) -> list[str]:
    """Return the speakers a body's quotes name."""
    return extract_speakers(extract_quotes(body))


@pytest.mark.parametrize("body, speakers", [
    # a title's department is no part of the name after it ...
    ("\u201cThe fund is not a bottomless well,\u201d said UK Chancellor of the Exchequer Tobias "
     "Wren. The meeting in Leeds ended early.", ["Tobias Wren"]),
    ("Minister of Industry and Trade Ayla Demirkan said the mills would export more flour "
     "this season.", ["Ayla Demirkan"]),
    ("Secretary of State for Transport and the Environment Colin Marsh told the committee "
     "that the new line would be built.", ["Colin Marsh"]),
    ("Commerce Undersecretary Dale Pruitt said the tariffs would stay in place.",
     ["Dale Pruitt"]),
    # ... and a body named by its department is nobody
    ("The Ministry of Trade and Industry said the figures were provisional, and Trade Industry "
     "said it agreed.", []),
    # but a person whose name merely follows such a word in the text is still named in full
    ("After the trade fair, Lena Trader said the stands had been busy.", ["Lena Trader"]),
])
def test_title_department_left_out_of_name(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # an honorific's sex chooses among the bearers of a surname, over one of no known sex ...
    ("Ines Calder, 22, died at the cottage of her father, the publisher Peter Calder.\n"
     "Mr Calder told the inquest that the heater had been fitted a week before.",
     ["Peter Calder"]),
    ("Ines Calder and her father Peter Calder ran the shop together.\n"
     "\u201cWe never saw it coming,\u201d Mr. Calder said.", ["Peter Calder"]),
    # ... but a lone bearer of no known sex is still the one the honorific names
    ("Robin Hale runs the ferry.\nMr Hale said the crossing would reopen in May.",
     ["Robin Hale"]),
    ("Ines Calder and Robin Calder ran the shop.\nMs Calder said it would close.", []),
])
def test_honorific_sex_chooses_namesake(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # after an opening phrase or clause, the main clause's subject is whom "he" points back to,
    # not a name later in that sentence ...
    ("Tom Brill wrote the memoir with Lou Carver in 1987.\nIn an earlier interview with the "
     "Ridgeway Courier, Brill expressed concern that Carver may run for mayor.\n"
     "He wrote, \u201cThe man cannot be trusted.\u201d", ["Tom Brill"]),
    ("Dale Ferris built the dam with Paul Ruiz in 1990.\nWhen the flood came in the spring of "
     "2004, Ferris feared that Ruiz had cut corners.\n\u201cThe cracks were there for all to "
     "see,\u201d he said.", ["Dale Ferris"]),
    # ... and a short opening still gives the subject as before
    ("Dale Ferris built the dam with Paul Ruiz in 1990.\nIn court, Ferris said that Ruiz had "
     "cut corners.", ["Dale Ferris"]),
])
def test_subject_after_opening_clause(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a sentence opened by the same pronoun is about its subject: "she said" after it is hers,
    # not the woman that sentence goes on to name ...
    ("Mayor Lena Holt opened the bridge on Monday.\nShe went on to praise the engineer, Maria "
     "Voss, for the design. \u201cIt is a fine day for the town,\u201d she said.", ["Lena Holt"]),
    # ... but after a sentence opened by the other pronoun, the one it names may be meant
    ("Mayor Lena Holt opened the bridge on Monday.\nShe went on to praise the engineer, Paul "
     "Ruiz, for the design. \u201cIt is a fine day for the town,\u201d he said.", ["Paul Ruiz"]),
])
def test_pronoun_goes_on_from_pronoun_subject(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers
