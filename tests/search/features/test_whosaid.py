"""Who said what: speaker:"X" words matches only where X is quoted saying the words."""
from __future__ import annotations

import pytest

from search.documents import Document, Quote
from search.engine.search import SearchEngine
from search.query.request import SearchRequest

DOCS = [
    # Marzouk says "permanent"; Netanyahu is only mentioned.
    Document(id="said", source="a.txt", kind="text-dump", title="Talks",
             body='"The ceasefire must be permanent," Musa Abu Marzouk said. '
                  "Benjamin Netanyahu was in Jerusalem.",
             speakers=["Musa Abu Marzouk"],
             quotes=[Quote("Musa Abu Marzouk", "The ceasefire must be permanent", "said")]),
    # Both are quoted, but the word "permanent" is Netanyahu's, not Marzouk's.
    Document(id="other", source="b.txt", kind="text-dump", title="More talks",
             body='"Nothing is permanent," Benjamin Netanyahu said. "We want a deal," '
                  "Musa Abu Marzouk told reporters.",
             speakers=["Benjamin Netanyahu", "Musa Abu Marzouk"],
             quotes=[Quote("Benjamin Netanyahu", "Nothing is permanent", "said"),
                     Quote("Musa Abu Marzouk", "We want a deal", "told")]),
]


@pytest.fixture(scope="module")
def engine(open_index):
    return SearchEngine(open_index(DOCS))


@pytest.mark.parametrize("q, ids", [
    ('speaker:"Abu Marzouk" permanent', ["said"]),
    ("speaker:Netanyahu permanent", ["other"]),
    ('speaker:"Abu Marzouk" deal', ["other"]),
    ('speaker:Marzouk "must be permanent"', ["said"]),
    ("speaker:Netanyahu ceasefire", []),  # mentioned beside the words, never saying them
    ("permanent", ["said", "other"]),  # without a speaker, words match anywhere
])
def test_words_must_be_in_the_speaker_s_own_quote(engine, q, ids):
    result = engine.search(SearchRequest(q=q))
    assert sorted(h["id"] for h in result["hits"]) == sorted(ids)
    assert result["total"] == len(ids)


def test_the_snippet_is_the_quote_with_its_cue(engine):
    (hit,) = engine.search(SearchRequest(q='speaker:"Abu Marzouk" permanent'))["hits"]
    assert hit["snippets"] == ["“The ceasefire must be permanent,” Musa Abu Marzouk said"]


BROWNS = [
    # One page names him in full; another, only "Brown" (no first name on the page).
    Document(id="full", source="c.txt", kind="text-dump", title="Budget day",
             body='"The budget is prudent," Gordon Brown said.', speakers=["Gordon Brown"],
             quotes=[Quote("Gordon Brown", "The budget is prudent", "said")]),
    Document(id="short", source="d.txt", kind="text-dump", title="Budget row",
             body='"A dodgy budget," Brown said. "My next novel," Dan Brown said.',
             speakers=["Brown", "Dan Brown"],
             quotes=[Quote("Brown", "A dodgy budget", "said"),
                     Quote("Dan Brown", "My next novel", "said")]),
]


@pytest.mark.parametrize("q, ids", [
    # A surname that is also a name of its own finds every name holding it, as speaker:Brown
    # alone does, not only the pages that gave no first name.
    ("speaker:Brown budget", ["full", "short"]),
    ('speaker:"Gordon Brown" budget', ["full"]),
    ("speaker:gordon budget", ["full"]),
    ("speaker:Brown novel", ["short"]),
])
def test_a_surname_finds_every_speaker_holding_it(open_index, q, ids):
    result = SearchEngine(open_index(BROWNS)).search(SearchRequest(q=q))
    assert sorted(h["id"] for h in result["hits"]) == ids


@pytest.mark.parametrize("q, note", [
    # A question naming a speaker: the who-said query is offered, its words without the frame.
    ("what did Gordon Brown say about the budget",
     'Gordon Brown is quoted in the archive: speaker:"Gordon Brown" budget finds where '
     "Gordon Brown is quoted saying budget"),
    ("gordon brown budget", 'gordon brown is quoted in the archive: speaker:"gordon brown" '
                            "budget finds where gordon brown is quoted saying budget"),
    ("Brown on the budget", "Brown is quoted in the archive: speaker:Brown budget finds where "
                            "Brown is quoted saying budget"),
    ("what did Dan Brown say", 'Dan Brown is quoted in the archive: speaker:"Dan Brown" finds '
                               "the documents quoting Dan Brown"),
    ("Sir Gordon Brown budget", 'Gordon Brown is quoted in the archive: speaker:"Gordon Brown" '
                                "budget finds where Gordon Brown is quoted saying budget"),
    ("what did Mr Brown say", "Brown is quoted in the archive: speaker:Brown finds the documents "
                              "quoting Brown"),
    ("brown budget", None),  # one word in small letters is a word, not a name
    ("Gordon Brown novel", None),  # he is never quoted saying it: nothing offered
    ("budget novel", None),
])
def test_a_question_naming_a_speaker_offers_the_who_said_query(open_index, q, note):
    notes = SearchEngine(open_index(BROWNS)).search(SearchRequest(q=q))["notes"]
    offered = [n for n in notes if "is quoted in the archive" in n]
    assert offered == ([note] if note else [])
