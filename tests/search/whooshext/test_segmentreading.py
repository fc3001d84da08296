"""A document's stored fields read from its segment are what Whoosh's searcher gives."""
from __future__ import annotations

import pytest
from whoosh import index as whoosh_index

from search import build_from_documents, current_build
from search.index.indexer import document_fields
from search.whooshext.segmentreading import stored_fields
from tests.conftest import FIXTURE_DOCS


@pytest.fixture(params=[False, True], ids=["no deletions", "one deleted"])
def searcher(request, tmp_path):
    """The fixture index in two segments, one of them with a deleted document where asked."""
    root = tmp_path / "index"
    build_from_documents(root, FIXTURE_DOCS[:3])
    ix = whoosh_index.open_dir(str(current_build(root)))
    with ix.writer() as writer:  # a second segment
        writer.merge = False
        for doc in FIXTURE_DOCS[3:]:
            writer.add_document(**document_fields(doc))
    if request.param:
        with ix.writer() as writer:
            writer.merge = False
            writer.delete_by_term("id", FIXTURE_DOCS[0].id)
    with ix.searcher() as s:
        yield s
    ix.close()


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
