"""Plain words as ranked any-word retrieval: on a small index, and on the five seeds."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from search.query.anyword import AnyWordsQuery, Reading, rank
from search.query.compile import Compiler
from search.engine.search import SearchEngine
from search.index.indexer import update_index
from search.whooshext.blockmatch import score_matches
from search.query.request import SearchRequest
from search.query.parse import parse
from search.engine.searcher import IndexHandle
from tests.search.engine.test_search import DOCS

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def engine(open_index):
    return SearchEngine(open_index(DOCS))


def search(engine, q, **kw) -> dict:
    return engine.search(SearchRequest(q=q, per_page=100, **kw))


def test_documents_with_all_the_words_come_first_in_the_order_and_gives(engine):
    both = [h["id"] for h in search(engine, "ceasefire AND talks")["hits"]]
    found = search(engine, "ceasefire talks")
    any_word = {h["id"] for h in search(engine, "ceasefire OR talks")["hits"]}
    assert [h["id"] for h in found["hits"]][:len(both)] == both == ["h2"]
    assert {h["id"] for h in found["hits"]} == any_word and found["total"] == len(any_word) > 1
    assert found["interpreted"] == "ceasefire OR talks"
    assert found["notes"][-1].startswith("1 document(s) with all 2 words first")


def test_facets_and_timeline_count_the_documents_found(engine):
    found = search(engine, "ceasefire stalemate summit")
    assert sum(p["count"] for p in found["timeline"]) == found["total"] == len(found["hits"])
    assert sum(o["count"] for o in found["facets"]["year"]) == found["total"]


def test_no_document_with_every_word_still_finds_the_best(engine):
    found = search(engine, "what did Haniyeh say about the cease fire in Gaza")
    assert found["hits"] and found["notes"][-1].startswith("no document has all")
    assert found["hits"][0]["id"] in ("h1", "h3")


def test_only_common_words_are_searched_not_refused(engine):
    found = search(engine, "yet")
    assert found["total"] == 0 and "only common words" in found["notes"][0]


def test_only_common_words_find_the_titles_written_with_them(engine):
    # "Stalemate in Doha": "in" is in no prose field's index, but in the title's words.
    found = search(engine, "in")
    assert [h["id"] for h in found["hits"]] == ["n1"]
    assert search(engine, "the markets")["interpreted"] == "markets"  # not with other words


def test_a_quoted_phrase_of_only_common_words_is_searched_where_such_words_are_indexed(engine):
    found = search(engine, '"in"')  # a title's common word: "Stalemate in Doha"
    assert [h["id"] for h in found["hits"]] == ["n1"]
    assert "holds only common words" in found["notes"][0]
    assert [h["id"] for h in search(engine, '"of"')["hits"]] == ["n1"]  # the outlet's name
    assert search(engine, 'title:"of"')["total"] == 0  # titles alone
    assert [h["id"] for h in search(engine, 'title:"in"')["hits"]] == ["n1"]
    # beside other words it is left out, as before, and says so
    found = search(engine, '"to be" stalemate')
    assert {h["id"] for h in found["hits"]} == {"n1", "n2"}
    assert any("too common" in note for note in found["notes"])


def test_the_fast_path_finds_what_whoosh_finds(engine):
    searcher, columns = engine.handle.current()
    query = Compiler(searcher, columns).compile(parse("doha talks stalemate").tree)
    assert isinstance(query, AnyWordsQuery)
    scores = score_matches(searcher, query, {}, float("inf"))
    assert set(scores) == {hit.docnum for hit in searcher.search(query, limit=None)}
    assert scores.reading.words == ("doha", "talks", "stalemate")


def test_rank_lifts_every_word_above_the_rest_and_weighs_what_is_held():
    ids = np.array([1, 2, 3])
    scores = np.array([5.0, 1.0, 1.0])
    classic = np.array([9.0, 2.0, 3.0])
    counts = np.array([1, 2, 1])
    held = np.array([0.2, 1.0, 0.8])
    kept, ranked, reading = rank(ids, scores, classic, counts, held, ("a", "b"))
    assert kept.tolist() == [1, 2, 3] and reading.with_all == 1 and reading.found == 3
    assert ranked[1] > ranked[0] > ranked[2]  # doc 2 holds both; doc 1's 0.2 of the idf weighs


def test_many_words_keep_the_rarest_and_say_which_were_left_out(engine, monkeypatch):
    import search.query.compile as compile_module

    monkeypatch.setattr(compile_module, "MAX_ANY_WORDS", 2)
    found = search(engine, "stalemate talks ceasefire")
    assert any("left out" in note and "ceasefire" in note for note in found["notes"])


def test_many_words_keep_words_the_index_holds_not_ones_no_document_has(engine, monkeypatch):
    import search.query.compile as compile_module

    monkeypatch.setattr(compile_module, "MAX_ANY_WORDS", 2)
    # The two rarest by count are words no document holds: they would find nothing.
    found = search(engine, "zzyzxqq qqvvzzk stalemate talks")
    assert found["total"] > 0 and found["interpreted"] == "stalemate OR talks"
    assert any("found in no document" in note and "zzyzxqq" in note for note in found["notes"])


@pytest.fixture(scope="module")
def seeds_engine(tmp_path_factory):
    index = tmp_path_factory.mktemp("seeds") / "index"
    update_index(ROOT / "seeds", index)
    handle = IndexHandle(index)
    yield SearchEngine(handle)
    handle.close()


@pytest.mark.parametrize("question, first", [
    # Haniyeh is quoted on the ceasefire in these two ("comprehensive", "permanent").
    ("what did Haniyeh say about the ceasefire",
     {"Hamas refuses to yield in negotiations amid U.S. pressure",
      "Stalemate Persists: Hamas Insists on Terms as Gaza Truce Negotiations Hit Roadblocks"}),
    # Blinken's "generous" offer and his bridging plan.
    ("Blinken pressure on Hamas to accept the deal",
     {"Hamas refuses to yield in negotiations amid U.S. pressure",
      "Are Hamas and Israel on equal footing in cease-fire negotiations?"}),
])
def test_the_seeds_answer_questions_in_plain_words(seeds_engine, question, first):
    found = search(seeds_engine, question)
    assert {h["title"] for h in found["hits"][:2]} == first


def test_a_short_query_keeps_its_first_hits_on_the_seeds(seeds_engine):
    before = [h["id"] for h in search(seeds_engine, "ceasefire AND Cairo")["hits"]]
    now = [h["id"] for h in search(seeds_engine, "ceasefire Cairo")["hits"]]
    assert len(before) == 4 and now[:4] == before


@pytest.mark.parametrize("with_all, found, note", [
    (0, 0, "no document has any of the 3 words"),
    (2, 2, "every document found has all 3 words"),
    (0, 5, "no document has all 3 words; documents with any of them, most of the words first"),
    (2, 5, "2 document(s) with all 3 words first, then documents with any of them, more of the "
           "words first"),
])
def test_the_note_says_how_the_words_were_ranked(with_all, found, note):
    assert Reading(("a", "b", "c"), with_all, found).note() == note


@pytest.mark.parametrize("text", ["a TO", "OR[a", "yet"])
def test_what_the_answer_says_it_read_reads_back_as_the_query(engine, text):
    shown = search(engine, text)["interpreted"]
    assert search(engine, shown)["total"] == search(engine, text)["total"]


def first(engine, q) -> str:
    return search(engine, q)["hits"][0]["id"]


def test_a_word_typed_more_often_weighs_more(engine):
    # g1 holds Guterres, t1 and t2 Paris: the word typed three times decides which comes first.
    assert first(engine, "Guterres Guterres Guterres Paris") == "g1"
    assert first(engine, "Guterres Paris Paris Paris") in ("t1", "t2")
    found = search(engine, "Guterres Paris Paris Paris")
    assert "words typed more than once weigh more: 'Paris' 3 times" in found["notes"]


def test_spellings_of_one_word_are_one_part_typed_as_often_as_both(engine):
    searcher, columns = engine.handle.current()
    query = Compiler(searcher, columns).compile(parse("Guterres talks Gutérres Doha").tree)
    assert query.words == ("Guterres", "talks", "Doha") and query.typed == (2, 1, 1)


def test_a_question_loses_its_function_words_a_short_query_keeps_them(engine):
    found = search(engine, "what did Haniyeh say about the ceasefire")
    assert found["interpreted"] == "Haniyeh OR say OR ceasefire"
    assert "3 common word(s) of a question were left out: what, did, about" in found["notes"]
    assert search(engine, "what ceasefire")["interpreted"] == "what OR ceasefire"


def test_a_pasted_headline_keeps_the_words_that_carry_its_meaning(engine):
    found = search(engine, "Ceasefire talks stall again after Cairo")
    assert found["interpreted"] == "Ceasefire OR talks OR stall OR again OR after OR Cairo"
    assert not any("of a question were left out" in note for note in found["notes"])


def test_a_question_of_only_function_words_keeps_them(engine):
    assert search(engine, "what did they do about it then")["interpreted"] \
        == "what OR did OR they OR do OR about OR then"


def test_coordination_weighs_short_queries_only():
    ids, scores = np.array([1, 2]), np.array([2.0, 1.0])
    classic, counts, held = np.zeros(2), np.array([1, 1]), np.array([0.01, 1.0])
    _, short, _ = rank(ids, scores, classic, counts, held, tuple("ab"))
    _, long, _ = rank(ids, scores, classic, counts, held, tuple("abcdefghij"))
    assert short[1] > short[0]  # doc 2 holds most of the query's idf
    assert long.tolist() == [2.0, 1.0]  # a long request: BM25's order
