"""The one door to Whoosh's private names: checked at start-up, and searches survive one missing."""
from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest
from whoosh.codec.whoosh3 import W3LeafMatcher, W3PerDocReader
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query.compound import CompoundQuery
from whoosh.writing import SegmentWriter

import search

from search import IndexHandle, SearchEngine, SearchRequest, build_from_documents, current_build
from search.whooshext import blockmatch, capabilities, postingblocks, segmentreading
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


def test_with_every_new_fast_path_off_searches_answer_the_same(root, monkeypatch):
    fast = answers(root)
    held = []
    real = segmentreading.hold_files
    monkeypatch.setattr("search.engine.searcher.hold_files",
                        lambda s: held.append(s) or real(s))
    # Whoosh itself calls these, so they cannot be deleted: the probe is told they are gone.
    gone = {"held column files": ["x"], "worker segments": ["y"]}
    monkeypatch.setattr(capabilities, "missing", lambda: gone)
    assert answers(root) == fast and all(fast) and held
    assert not capabilities.available("held column files")


def test_the_probe_names_each_new_private_name_gone(monkeypatch):
    for cls, name, path in ((CompoundQuery, "_matcher", "gathered ORs"),
                            (W3PerDocReader, "_get_column_file", "held column files"),
                            (SegmentWriter, "_finalize_segment", "worker segments")):
        with monkeypatch.context() as m:
            m.delattr(cls, name)
            capabilities.missing.cache_clear()
            assert capabilities.missing() == {path: [s for s in capabilities.NEEDS[path]]}
    capabilities.missing.cache_clear()
    assert capabilities.missing() == {}


def test_a_segment_without_its_terms_reader_gives_the_same_postings(root):
    from whoosh import index as whoosh_index
    ix = whoosh_index.open_dir(str(current_build(root)))
    try:
        with ix.reader() as reader:
            leaf = reader.leaf_readers()[0][0] if hasattr(reader, "leaf_readers") else reader
            terms = list(leaf.lexicon("outlet_key"))
            fast = [segmentreading.segment_postings(leaf, "outlet_key", t).tolist() for t in terms]
            leaf._terms, kept = None, leaf._terms  # as a Whoosh that renamed it would leave it
            try:
                slow = [segmentreading.segment_postings(leaf, "outlet_key", t).tolist()
                        for t in terms]
            finally:
                leaf._terms = kept
    finally:
        ix.close()
    assert terms and any(fast) and slow == fast
    # Deleted documents are included: c3 was deleted, and its outlet still lists it.
    assert sum(len(ids) for ids in fast) == len(FIXTURE_DOCS)


def _private_uses(path: Path, names: frozenset[str]) -> list[str]:
    """Return where a module reads one of `names`: attribute, getattr, keyword or override."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        name = None
        if isinstance(node, ast.Attribute):
            name = node.attr
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name = node.name
        elif isinstance(node, ast.keyword):
            name = node.arg
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            name = node.value
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
            bad = [a.name for a in node.names if a.name.startswith("_")]
            found += [f"{path}:{node.lineno} imports {n} from {node.module}" for n in bad]
        if name in names:
            found.append(f"{path}:{node.lineno} {name}")
    return found


def test_whoosh_private_names_are_read_in_whooshext_only():
    names = capabilities.private_names()
    assert {"_terms", "_finalize_segment", "_get_column_file", "_matcher", "_exclude"} <= names
    package = Path(search.__file__).parent
    outside = [p for p in package.rglob("*.py") if "whooshext" not in p.relative_to(package).parts]
    assert len(outside) > 40
    assert [use for p in outside for use in _private_uses(p, names)] == []
    # The scan finds them where they are.
    assert _private_uses(package / "whooshext" / "segmentreading.py", names)


def test_nothing_outside_whooshext_reads_an_underscore_attribute_of_another_object():
    package = Path(search.__file__).parent
    allowed = {"os._exit", "results._word_starts"}  # the standard library; our own cache entry
    found = []
    for path in package.rglob("*.py"):
        if "whooshext" in path.relative_to(package).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__")
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
                    and ast.unparse(node) not in allowed):
                found.append(f"{path}:{node.lineno} {ast.unparse(node)}")
    assert found == []
