"""What a document page shows beside the text: its syndicated copies and related documents."""
from __future__ import annotations

from search.columns import Columns

RELATED = 5
KEY_TERMS = 12


def other_copies(searcher, columns: Columns, docnum: int) -> list[dict]:
    """Return the other copies of a document's story as [{id, outlet, date}], earliest first."""
    own_id = searcher.stored_fields(docnum)["id"]
    return [c for c in columns.clusters.copies(searcher, docnum) if c["id"] != own_id]


def related_documents(searcher, columns: Columns, docnum: int, body: str,
                      limit: int = RELATED) -> list[dict]:
    """Return the documents most like this one (Whoosh's more-like-this), copies left out.

    The key terms come from the stored clean body, so no term vectors are needed.
    """
    if not body.strip():
        return []
    story = columns.clusters.cluster_of.get(docnum, docnum)
    excluded = {docnum} | set(columns.clusters.members.get(story, []))
    results = searcher.more_like(docnum, "body", text=body, top=limit + len(excluded),
                                 numterms=KEY_TERMS)
    related = []
    for hit in results:
        if hit.docnum in excluded:
            continue
        when = hit.get("date")
        related.append({"id": hit["id"], "title": hit.get("title") or "",
                        "outlet": hit.get("outlet") or None,
                        "date": when.strftime("%Y-%m-%d") if when else None})
        if len(related) == limit:
            break
    return related
