"""A document's stored fields read from its segment are what Whoosh's searcher gives."""
from __future__ import annotations

from whoosh import index as whoosh_index

from search import build_from_documents, current_build
from search.whooshext.segmentreading import stored_fields
from tests.conftest import FIXTURE_DOCS


def test_every_documents_stored_fields_are_whooshs(searcher):
    assert len(searcher.leaf_searchers()) == 2
    ids = []
    for docnum in range(searcher.doc_count_all()):
        ours = stored_fields(searcher, docnum)
        assert ours == searcher.stored_fields(docnum), docnum
        ids.append(ours["id"])
    assert sorted(ids) == sorted(doc.id for doc in FIXTURE_DOCS)


def test_a_single_segment_reads_the_same(tmp_path):
    root = tmp_path / "index"
    build_from_documents(root, FIXTURE_DOCS)
    ix = whoosh_index.open_dir(str(current_build(root)))
    with ix.searcher() as s:
        assert len(s.leaf_searchers()) == 1
        assert [stored_fields(s, d) for d in range(s.doc_count_all())] == [
            s.stored_fields(d) for d in range(s.doc_count_all())]
    ix.close()
