"""The index the Whoosh extensions are checked against: their answers must equal Whoosh's own."""
from __future__ import annotations

import pytest
from whoosh import index as whoosh_index

from search import build_from_documents, current_build
from search.index.indexer import document_fields
from search.whooshext.scoring import ListedLengthsBM25F
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
    with ix.searcher(weighting=ListedLengthsBM25F()) as s:
        yield s
    ix.close()
