"""BM25F from listed field lengths: the same scores as Whoosh's, in every segment."""
from __future__ import annotations

import pytest
from whoosh import fields, query as wq, scoring
from whoosh.filedb.filestore import RamStorage
from whoosh.writing import NO_MERGE

from search.whooshext.scoring import ListedLengthsBM25F, field_lengths

BODIES = ["the talks went on", "talks " * 40, "", "a short note on the talks and the ceasefire",
          "ceasefire " + "words " * 300]


@pytest.fixture(scope="module")
def ix():
    ix = RamStorage().create_index(fields.Schema(title=fields.TEXT, body=fields.TEXT))
    for start in (0, 3):  # two segments; some documents have no body, the last no title
        with ix.writer() as writer:
            writer.mergetype = NO_MERGE
            for n, body in enumerate(BODIES[start:start + 3], start):
                writer.add_document(title=f"talks {n}" if n < 4 else None, body=body or None)
    return ix


@pytest.mark.parametrize("q", [wq.Term("body", "talks"), wq.Term("body", "ceasefire"),
                               wq.Or([wq.Term("title", "talks"), wq.Term("body", "talks")])])
def test_scores_are_whooshs(ix, q):
    with ix.searcher(weighting=scoring.BM25F()) as theirs, \
            ix.searcher(weighting=ListedLengthsBM25F()) as ours:
        expected = [(h.docnum, h.score) for h in theirs.search(q, limit=None)]
        assert [(h.docnum, h.score) for h in ours.search(q, limit=None)] == expected
        assert expected


def test_lengths_are_read_per_segment_as_whoosh_reads_them(ix):
    with ix.searcher() as searcher:
        for leaf, _ in searcher.reader().leaf_readers():
            for fieldname in ("title", "body"):
                listed = field_lengths(leaf, fieldname)
                assert len(listed) == leaf.doc_count_all()
                assert listed == [leaf.doc_field_length(d, fieldname) or 0
                                  for d in range(leaf.doc_count_all())]
        assert field_lengths(searcher.reader(), "body") is None  # a composite reader
