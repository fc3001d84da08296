"""What a document page shows beside the text: its syndicated copies and related documents."""
from __future__ import annotations

from heapq import nlargest

from whoosh import query as wq

from search.engine.columns import Columns
from search.whooshext.blockmatch import score_matches

RELATED = 5
KEY_TERMS = 12


def related_documents(searcher, columns: Columns, docnum: int, body: str,
                      limit: int = RELATED, lengths: dict | None = None) -> list[dict]:
    """Return the documents most like this one (Whoosh's more-like-this), copies left out.

    The key terms come from the stored clean body, so no term vectors are needed. The OR of
    the key terms is scored from the posting blocks (search/whooshext/blockmatch.py), as Whoosh's
    `more_like` would rank it; `lengths` is the searcher's field-length cache.
    """
    if not body.strip():
        return []
    story = columns.clusters.cluster_of.get(docnum, docnum)
    excluded = {docnum} | set(columns.clusters.members.get(story, []))
    best = _most_like(searcher, body, excluded, limit, {} if lengths is None else lengths)
    related = []
    for other in best:
        stored = searcher.stored_fields(other)
        when = stored.get("date")
        related.append({"id": stored["id"], "title": stored.get("title") or "",
                        "outlet": stored.get("outlet") or None,
                        "date": when.strftime("%Y-%m-%d") if when else None})
    return related


def _most_like(searcher, body: str, excluded: set[int], limit: int, lengths: dict) -> list[int]:
    """Return the best `limit` docnums for the body's key terms, highest score first."""
    key_terms = searcher.key_terms_from_text("body", body, numterms=KEY_TERMS)
    query = wq.Or([wq.Term("body", word, boost=weight) for word, weight in key_terms])
    scores = score_matches(searcher, query, lengths, deadline=float("inf"))
    if scores is None:  # a weighting the postings cannot score: Whoosh's own more-like-this
        return [hit.docnum for hit in searcher.search(query, limit=limit, mask=excluded)]
    # Whoosh's order: score, then the lower docnum.
    candidates = ((score, -d) for d, score in zip(scores.ids.tolist(), scores.values.tolist())
                  if d not in excluded)
    return [-negdoc for _, negdoc in nlargest(limit, candidates)]
