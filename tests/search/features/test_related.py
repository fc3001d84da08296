"""Related documents: Whoosh's more-like-this ranking, scored from the posting blocks."""
from __future__ import annotations

import pytest

from search.documents import Document
from search.features.related import KEY_TERMS, related_documents

TOPICS = ["ceasefire talks in cairo stall over hostages and aid",
          "oil prices rise as opec cuts output and demand grows",
          "twisted web templates render deferred resources lazily"]
DOCS = [Document(id=f"n{n}", source=f"n{n}.txt", kind="text-dump", title=f"Story {n}",
                 outlet="Wire", date=f"2024-01-{n + 1:02d}", speakers=[],
                 body=" ".join([TOPICS[n % 3]] * (1 + n % 4) + [TOPICS[(n + 1) % 3]] * (n % 2)
                               + [f"word{n} filler{n % 5}"]))
        for n in range(24)]


@pytest.fixture(scope="module")
def index(open_index):
    return open_index(DOCS)


@pytest.mark.parametrize("doc_id", ["n0", "n5", "n13", "n22"])
def test_related_documents_are_whooshs_more_like_this(index, doc_id):
    searcher, columns = index.current()
    docnum = searcher.document_number(id=doc_id)
    body = searcher.stored_fields(docnum)["body"]
    found = [r["id"] for r in related_documents(searcher, columns, docnum, body, limit=5)]
    expected = [hit["id"] for hit in searcher.more_like(docnum, "body", text=body, top=5,
                                                        numterms=KEY_TERMS)]
    assert found == expected and len(found) == 5 and doc_id not in found
