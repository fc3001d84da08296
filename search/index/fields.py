"""A document's Whoosh fields and their digest: computed in the extraction workers, not the writer."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from functools import lru_cache

from search.features import dedup
from search.documents import Document

__all__ = ["document_fields", "fields_digest"]


def document_fields(doc: Document) -> dict:
    """Return the Whoosh fields of a document."""
    fields = {
        "id": doc.id, "source": doc.source, "kind": doc.kind, "position": doc.position,
        "title": doc.title or "", "title_words": doc.title or "", "body": doc.body,
        "quoted": doc.quoted,
        "quotes": "\n".join(q.text for q in doc.quotes),
        "speaker": "\n".join(doc.speakers),
        "speaker_key": ",".join(name.replace(",", " ") for name in doc.speakers),
        "speakers": list(doc.speakers),
        "quotes_json": json.dumps([q.__dict__ for q in doc.quotes]),
        "author": doc.author or "", "carrier": doc.carrier or "",
        "uncleaned": doc.uncleaned,
        "sender": " ".join(filter(None, (doc.author, doc.address))),
        "address": doc.address or "", "message_id": doc.message_id or "",
        "references": list(doc.references), "subject": doc.subject or "",
        **dedup.index_fields(doc.body),
    }
    if doc.outlet:
        fields["outlet"] = doc.outlet
        fields["outlet_key"] = doc.outlet
    if doc.date:
        fields["date"] = _day(doc.date)
    return fields


@lru_cache(maxsize=4096)
def _day(text: str) -> datetime:
    """The datetime of a document's date; remembered: strptime costs 15 us and a run's
    documents share a few thousand days (a datetime cannot be changed, so one is shared)."""
    return datetime.strptime(text, "%Y-%m-%d")


def fields_digest(fields: dict) -> str:
    """Return a short hash of a document's fields, to tell a changed document from the same."""
    text = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
