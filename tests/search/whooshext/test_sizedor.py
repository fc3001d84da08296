"""An OR gathers many matches into an array, and scores as Whoosh's own OR."""
from __future__ import annotations

import pytest
from whoosh import fields, query as wq
from whoosh.filedb.filestore import RamStorage
from whoosh.matching import ArrayUnionMatcher

from search.whooshext.sizedor import SizedOr


@pytest.fixture(scope="module")
def searcher():
    ix = RamStorage().create_index(fields.Schema(title=fields.TEXT, body=fields.TEXT))
    with ix.writer() as writer:
        for n in range(64):
            writer.add_document(title=f"note {n}", body="common words" + " rare" * (n == 7))
    with ix.searcher() as searcher:
        yield searcher


@pytest.mark.parametrize("word, gathered", [("common", True), ("rare", False)])
def test_an_or_gathers_its_matches_only_when_they_are_many(searcher, word, gathered):
    parts = [wq.Term("title", word, boost=3.0), wq.Term("body", word)]
    matcher = SizedOr(parts).matcher(searcher, searcher.context())
    assert isinstance(matcher, ArrayUnionMatcher) is gathered
    ours = [(hit.docnum, round(hit.score, 6)) for hit in searcher.search(SizedOr(parts), limit=None)]
    whooshs = [(hit.docnum, round(hit.score, 6)) for hit in searcher.search(wq.Or(parts), limit=None)]
    assert ours == whooshs and len(ours) == (64 if gathered else 1)
