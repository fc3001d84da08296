"""Answers kept per index generation: given again until the index changes, never shared."""
from __future__ import annotations

from pathlib import Path

import pytest

from search.engine.search import SearchEngine
from search.index.indexer import update_index
from search.query.request import SearchRequest
from search.engine.resultcache import ResultCache
from search.engine.searcher import IndexHandle
from tests.search.engine.test_searcher import write


@pytest.fixture
def engine(tmp_path: Path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(3):
        write(seeds, f"p{n}.txt")
    update_index(seeds, root)
    engine = SearchEngine(IndexHandle(root, refresh_seconds=0), cache_size=8)
    engine.seeds = seeds
    yield engine
    engine.handle.close()


def without_times(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k not in ("cached", "took_ms")}


def test_an_answer_is_given_again_until_the_index_changes(engine):
    first = engine.search(SearchRequest(q="ceasefire"))
    again = engine.search(SearchRequest(q="ceasefire"))
    assert (first["cached"], again["cached"]) == (False, True)
    assert without_times(again) == without_times(first) and first["total"] == 3
    assert engine.search(SearchRequest(q="ceasefire", page=2))["cached"] is False
    write(engine.seeds, "p9.txt")
    update_index(engine.seeds, engine.handle.root)
    changed = engine.search(SearchRequest(q="ceasefire"))
    assert changed["cached"] is False and changed["total"] == 4


def test_a_caller_changing_its_answer_changes_nothing_kept(engine):
    first = engine.search(SearchRequest(q="ceasefire"))
    first["hits"].clear()
    first["total"] = -1
    again = engine.search(SearchRequest(q="ceasefire"))
    again["hits"][0]["title"] = "changed"
    third = engine.search(SearchRequest(q="ceasefire"))
    assert third["total"] == 3 and len(third["hits"]) == 3
    assert "changed" not in {hit["title"] for hit in third["hits"]}


def test_the_least_recently_used_answer_goes_first_and_partial_ones_are_not_kept():
    cache, generation = ResultCache(size=2), object()
    for q in ("a", "b"):
        cache.put(generation, SearchRequest(q=q), {"q": q})
    assert cache.get(generation, SearchRequest(q="a")) == {"q": "a"}  # now the most recent
    cache.put(generation, SearchRequest(q="c"), {"q": "c"})
    assert cache.get(generation, SearchRequest(q="b")) is None and len(cache) == 2
    cache.put(generation, SearchRequest(q="d"), {"q": "d", "partial": True})
    assert cache.get(generation, SearchRequest(q="d")) is None
    assert cache.get(object(), SearchRequest(q="a")) is None  # another generation
    cache.put(object(), SearchRequest(q="e"), {"q": "e"})
    assert len(cache) == 1  # a new generation empties what the old one kept


def test_no_cache_unless_asked_for(tmp_path):
    cache = ResultCache(size=0)
    generation = object()
    cache.put(generation, SearchRequest(q="a"), {"q": "a"})
    assert cache.get(generation, SearchRequest(q="a")) is None


def test_hits_and_misses_are_counted_for_the_benchmark(engine):
    engine.search(SearchRequest(q="ceasefire"))
    engine.search(SearchRequest(q="ceasefire"))
    engine.search(SearchRequest(q="ceasefire", page=2))
    stats = engine.cache_stats()
    assert (stats["hits"], stats["misses"], stats["kept"]) == (1, 2, 2)
    off = ResultCache(size=0)
    off.get(object(), SearchRequest(q="a"))
    assert off.stats() == {"hits": 0, "misses": 0, "size": 0, "kept": 0}
