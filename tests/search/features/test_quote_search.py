"""Who said what: quotes of a speaker matching words, on an index built in the test."""
from __future__ import annotations

import json

import pytest
from whoosh.qparser import QueryParser

from search.documents import Document, Quote
from search.errors import BadQuery
from search.query.request import SearchRequest
from search.features.quote_search import QuoteFinder, quote_snippet, quote_snippets, speaker_names
from search.index.schema import build_schema

HANIYEH, BLINKEN, MARZOUK = "Ismail Haniyeh", "Antony Blinken", "Musa Abu Marzouk"
DOCS = [
    Document(id="q1", source="q1.txt", kind="text-dump", title="Haniyeh on the truce",
             outlet="Al Mayadeen English", date="2024-03-06", speakers=[HANIYEH],
             quotes=[Quote(HANIYEH, "The ceasefire must be permanent", "said"),
                     Quote(HANIYEH, "We will not give up our demands", "said")],
             body="Talks on a permanent ceasefire stalled. Haniyeh spoke in Doha."),
    # Haniyeh is quoted here, and the body says ceasefire, but not in his words.
    Document(id="q2", source="q2.txt", kind="text-dump", title="Blinken in Cairo",
             outlet="Reuters", date="2024-05-01", speakers=[BLINKEN, HANIYEH],
             quotes=[Quote(BLINKEN, "The proposal is extraordinarily generous", "said"),
                     Quote(HANIYEH, "Israel is stalling", "told reporters")],
             body="Blinken pressed for a ceasefire deal in Cairo on Wednesday."),
    Document(id="q3", source="q3.txt", kind="text-dump", title="Hamas studies the offer",
             outlet="Reuters", date="2024-05-23", speakers=[MARZOUK, BLINKEN],
             quotes=[Quote(MARZOUK, "We are studying the offer in a positive spirit",
                           "according to"),
                     Quote(BLINKEN, "A ceasefire is within reach", "said")],
             body="Hamas said it was studying the latest offer."),
    Document(id="q4", source="q4.txt", kind="pipermail-message", title="Re: ceasefire",
             outlet="peace-list", date=None, speakers=[BLINKEN],
             quotes=[Quote(BLINKEN, "Ceasefire now, and hostages home", "wrote")],
             body="Forwarding what Blinken wrote about a ceasefire."),
]


@pytest.fixture(scope="module")
def finder(open_index):
    return QuoteFinder(open_index(DOCS))


def texts(result: dict) -> list[tuple[str, str]]:
    return [(row["doc_id"], row["text"]) for row in result["quotes"]]


@pytest.mark.parametrize("q, speakers, expected", [
    ("ceasefire", ["Ismail Haniyeh"], [("q1", "The ceasefire must be permanent")]),
    ("ceasefire", ["Blinken"], [("q3", "A ceasefire is within reach"),
                                ("q4", "Ceasefire now, and hostages home")]),
    ("ceasefire", [], [("q3", "A ceasefire is within reach"),
                       ("q1", "The ceasefire must be permanent"),
                       ("q4", "Ceasefire now, and hostages home")]),
    ("", ["ismail haniyeh"], [("q2", "Israel is stalling"),
                              ("q1", "The ceasefire must be permanent"),
                              ("q1", "We will not give up our demands")]),
    ('"positive spirit"', ["Abu Marzouk"],
     [("q3", "We are studying the offer in a positive spirit")]),
    ("studies", [], [("q3", "We are studying the offer in a positive spirit")]),
    ("ceasefire -hostages", ["Blinken"], [("q3", "A ceasefire is within reach")]),
    ("generous OR reach", ["Blinken"], [("q3", "A ceasefire is within reach"),
                                        ("q2", "The proposal is extraordinarily generous")]),
    ("ceasefire", ["Nobody Atall"], []),
    ("doha", [], []),  # in a body, never in a quote
    ("stalled", [], [("q2", "Israel is stalling")]),  # stemmed like the index
])
def test_quotes_match_the_speaker_and_the_words(finder, q, speakers, expected):
    result = finder.find(SearchRequest(q=q, speakers=speakers, per_page=20))
    assert texts(result) == expected
    assert result["total"] == len(expected)


def test_quote_rows_carry_their_document(finder):
    result = finder.find(SearchRequest(q="within reach", speakers=["Antony Blinken"]))
    assert result["quotes"] == [{
        "text": "A ceasefire is within reach", "speaker": BLINKEN, "cue": "said",
        "doc_id": "q3", "title": "Hamas studies the offer", "outlet": "Reuters",
        "date": "2024-05-23"}]
    assert result["speakers"] == [BLINKEN] and result["documents"] == 1


def test_filters_paging_and_speaker_counts(finder):
    result = finder.find(SearchRequest(q="ceasefire", outlets=["Reuters"]))
    assert texts(result) == [("q3", "A ceasefire is within reach")]
    page = finder.find(SearchRequest(q="ceasefire", per_page=1, page=2))
    assert page["total"] == 3 and texts(page) == [("q1", "The ceasefire must be permanent")]
    assert page["facets"]["speaker"] == [{"value": BLINKEN, "count": 2},
                                         {"value": HANIYEH, "count": 1}]


def test_words_or_a_speaker_are_required(finder):
    with pytest.raises(BadQuery) as caught:
        finder.find(SearchRequest(q=" "))
    assert caught.value.code == "missing_query"


@pytest.mark.parametrize("wanted, expected", [
    (["Blinken"], {BLINKEN}),
    (["antony blinken"], {BLINKEN}),
    (["Abu Marzouk"], {MARZOUK}),
    (["Blink"], set()),
    (["Mr Blinken"], {BLINKEN}),  # a title typed before the name, which the index keeps without
    (["Sir Antony Blinken"], {BLINKEN}),
    (["Mr"], set()),
    ([], None),
])
def test_speaker_names_match_whole_words(wanted, expected):
    known = {BLINKEN: {1}, HANIYEH: {2}, MARZOUK: {3}}
    assert speaker_names(known, wanted) == expected


@pytest.mark.parametrize("quote, expected", [
    ({"text": "The ceasefire must be permanent.", "speaker": HANIYEH, "cue": "said"},
     "“The ceasefire must be permanent,” Ismail Haniyeh said"),
    ({"text": "We are studying it", "speaker": MARZOUK, "cue": "according to"},
     "“We are studying it”, according to Musa Abu Marzouk"),
])
def test_quote_snippet_reads_like_the_article(quote, expected):
    assert quote_snippet(quote) == expected


def test_quote_snippets_for_a_hit_are_escaped_and_only_the_speakers_words():
    schema = build_schema()
    query = QueryParser("quotes", schema).parse("ceasefire")
    stored = json.dumps([{"speaker": BLINKEN, "text": "A <b>ceasefire</b> is near", "cue": "said"},
                         {"speaker": HANIYEH, "text": "The ceasefire must hold", "cue": "said"}])
    snippets = quote_snippets(stored, {BLINKEN}, query, schema["quotes"].analyzer)
    assert snippets == ["“A &lt;b&gt;ceasefire&lt;/b&gt; is near,” Antony Blinken said"]


def test_other_speakers_holding_the_asked_name_are_named(open_index):
    said = [Quote("Brown", "A dodgy budget", "said"), Quote("Gordon Brown", "Prudence", "said"),
            Quote("Dan Brown", "A novel", "said")]
    docs = [Document(id=f"b{i}", source=f"b{i}.txt", kind="text-dump", title="Budget",
                     body=f'"{q.text}," {q.speaker} said.', speakers=[q.speaker], quotes=[q])
            for i, q in enumerate(said)]
    docs.append(Document(id="b3", source="b3.txt", kind="text-dump", title="Budget again",
                         body='"Prudence again," Gordon Brown said.', speakers=["Gordon Brown"],
                         quotes=[Quote("Gordon Brown", "Prudence again", "said")]))
    finder = QuoteFinder(open_index(docs))
    result = finder.find(SearchRequest(q="", speakers=["brown"]))
    assert result["speakers"] == ["Brown"] and result["total"] == 1  # the exact name, as asked
    assert result["also"] == [{"value": "Gordon Brown", "documents": 2},
                              {"value": "Dan Brown", "documents": 1}]
    assert finder.find(SearchRequest(q="", speakers=["Gordon Brown"]))["also"] == []
    assert finder.find(SearchRequest(q="budget"))["also"] == []


def test_speaker_names_fold_accents_as_the_speaker_field_does():
    known = {"Lawrie Sánchez": {1}, "Gustavo Parente Sanchez": {2}, BLINKEN: {3}}
    assert speaker_names(known, ["sanchez"]) == {"Lawrie Sánchez", "Gustavo Parente Sanchez"}
    assert speaker_names(known, ["Lawrie Sanchez"]) == {"Lawrie Sánchez"}
