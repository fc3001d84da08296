"""The one door to Whoosh's private names: checked at start-up, and searches survive one missing."""
from __future__ import annotations

import logging

import pytest
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

from search import IndexHandle, SearchEngine, SearchRequest, build_from_documents, current_build
from search.whooshext import blockmatch, capabilities, postingblocks
from tests.conftest import FIXTURE_DOCS

QUERIES = ("ceasefire", "cairo OR reuters", '"proposal was generous"', "cairo -markets", "said")


@pytest.fixture(autouse=True)
def fresh_probe():
    capabilities.missing.cache_clear()
    capabilities.warn_missing.cache_clear()
    yield
    capabilities.missing.cache_clear()
    capabilities.warn_missing.cache_clear()


@pytest.fixture
def root(tmp_path):
    """The fixture index with one document deleted, so segments carry a deletion filter."""
    from whoosh import index as whoosh_index
    root = tmp_path / "index"
    build_from_documents(root, FIXTURE_DOCS)
    ix = whoosh_index.open_dir(str(current_build(root)))
    with ix.writer() as writer:
        writer.delete_by_term("id", "c3")
    ix.close()
    return root


def answers(root) -> list[list[tuple]]:
    engine = SearchEngine(IndexHandle(root))
    try:
        return [[(h["id"], h["score"]) for h in engine.search(SearchRequest(q=q))["hits"]]
                for q in QUERIES]
    finally:
        engine.handle.close()


def test_the_pinned_whoosh_has_every_name_the_adapter_needs():
    assert capabilities.missing() == {}
    assert capabilities.warn_missing() == ()


def test_a_missing_private_name_is_named_at_start_up_and_searches_answer_the_same(
        root, monkeypatch, caplog):
    fast = answers(root)
    calls = []
    real = blockmatch._Evaluator.node
    monkeypatch.setattr(blockmatch._Evaluator, "node", lambda self, q: calls.append(q) or real(self, q))
    assert answers(root) == fast and calls  # the fast path ran
    calls.clear()
    monkeypatch.delattr(W3LeafMatcher, "_read_data")
    capabilities.missing.cache_clear()
    capabilities.warn_missing.cache_clear()  # a new process, as far as the probe knows
    with caplog.at_level(logging.WARNING, logger="search.whooshext.capabilities"):
        slow = answers(root)
    assert "W3LeafMatcher._read_data" in caplog.text and "block scoring is off" in caplog.text
    assert not calls  # Whoosh's public matchers answered
    assert [[d for d, _ in hits] for hits in slow] == [[d for d, _ in hits] for hits in fast]
    for s_hits, f_hits in zip(slow, fast):
        assert [s for _, s in s_hits] == pytest.approx([s for _, s in f_hits], abs=1e-3)
    assert all(fast) and all("c3" not in [d for d, _ in hits] for hits in fast)


def test_a_deletion_filter_without_the_expected_attributes_is_left_to_whoosh():
    from whoosh.matching import ListMatcher
    matcher = FilterMatcher(ListMatcher([1, 2]), frozenset([1]), exclude=True)
    with pytest.raises(postingblocks.Unsupported, match="ListMatcher"):  # unwrapped, then judged
        postingblocks._live(matcher)
    del matcher._exclude  # as a Whoosh that renamed it would leave a filter
    with pytest.raises(postingblocks.Unsupported, match="deletions"):  # score_matches: None
        postingblocks._live(matcher)
