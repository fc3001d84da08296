"""The threads of an index's mail: built once per searcher generation, and what hits, documents
and /thread/<id> say of them (search/features/threads.py holds the threading itself)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from search.features.threads import MAIL_KINDS, MailRef, ThreadTable, build_threads, is_mail

__all__ = ["IndexedThreads", "add_mail_fields", "duplicate_messages", "index_threads", "mail_place",
           "thread_answer"]


@dataclass
class IndexedThreads:
    """The threads of an index's mail, by document id and by document number."""

    table: ThreadTable
    docnum_of: dict[str, int]
    id_of: dict[int, str]

    def thread_of(self, docnum: int) -> str | None:
        """Return the thread of a document number, or None when it is no mail."""
        place = self.table.info.get(self.id_of.get(docnum, ""))
        return place.thread if place else None

    def docnums(self, thread: str) -> frozenset[int]:
        """Return the document numbers of a thread."""
        return frozenset(self.docnum_of[d] for d in self.table.ordered(thread) if d in self.docnum_of)


def thread_docnums(searcher, columns=None) -> Callable[[str], frozenset[int]]:
    """Return thread id -> its document numbers, the threads built on the first call only."""
    return lambda thread: index_threads(searcher, columns).docnums(thread)


def index_threads(searcher, columns=None) -> IndexedThreads:
    """Return the threads of the mail an index holds, built once per searcher generation.

    Kept on `columns` (one per generation) when given. Reads the stored fields of the mail
    documents only (found by their kind), paid by the first request that needs threads.
    """
    cached = getattr(columns, "threads", None)
    if cached is not None:
        return cached
    refs: list[MailRef] = []
    docnum_of: dict[str, int] = {}
    reader = searcher.reader()
    for docnum in _mail_docnums(reader):
        stored = reader.stored_fields(docnum)
        if stored["id"] in docnum_of:
            continue
        docnum_of[stored["id"]] = docnum
        when = stored.get("date")
        references = list(stored.get("references") or [])
        refs.append(MailRef(stored["id"], stored.get("message_id") or None, (references or [None])[-1],
                            references, stored.get("subject") or stored.get("title") or None,
                            when.strftime("%Y-%m-%d") if when else None, int(stored.get("position") or 0)))
    found = IndexedThreads(build_threads(refs), docnum_of, {n: d for d, n in docnum_of.items()})
    if columns is not None:
        columns.threads = found
    return found


def _mail_docnums(reader) -> list[int]:
    """Return the live document numbers of mail, ascending, from the kind terms (no stored fields)."""
    found: set[int] = set()
    for kind in MAIL_KINDS:
        if reader.doc_frequency("kind", kind):
            found.update(d for d in reader.postings("kind", kind).all_ids() if not reader.is_deleted(d))
    return sorted(found)


def duplicate_messages(searcher, columns=None) -> frozenset[int]:
    """Return the document numbers of mail held twice (one Message-ID in two files) but the first.

    An archive regenerated twice, or kept as an mbox and as monthly files, holds every message
    twice; each file's copy is indexed (so removing one file keeps the other), and searches leave
    out all copies but the first. Read from the message_id terms, not the stored fields: cheap
    enough for every generation of any index. Kept on `columns` when given.
    """
    cached = getattr(columns, "duplicate_messages", None)
    if cached is not None:
        return cached
    reader = searcher.reader()
    extra: set[int] = set()
    if "message_id" in searcher.schema:
        for term, info in reader.iter_field("message_id"):
            if info.doc_frequency() < 2 or not term:
                continue
            live = sorted(d for d in reader.postings("message_id", term).all_ids() if not reader.is_deleted(d))
            extra.update(live[1:])
    found = frozenset(extra)
    if columns is not None:
        columns.duplicate_messages = found
    return found


def add_mail_fields(hits: list[dict], page: list, searcher, columns, sizes: bool) -> None:
    """Give each hit its thread and the document it answers (None for what is not mail)."""
    threads = None
    for hit, found in zip(hits, page):
        hit["thread"] = hit["in_reply_to"] = None
        if is_mail(hit.get("kind")):
            threads = threads or index_threads(searcher, columns)
            place = threads.table.info.get(hit["id"])
            if place is not None:
                hit["thread"], hit["in_reply_to"] = place.thread, place.in_reply_to
        if sizes:
            hit["thread_size"] = threads.table.size(hit["thread"]) if hit["thread"] else 1


def mail_place(searcher, columns, doc: dict) -> dict:
    """Return a document's mail fields: Message-ID, thread, the document it answers, its replies."""
    place = None
    if is_mail(doc.get("kind")):
        threads = index_threads(searcher, columns)
        place = threads.table.info.get(doc["id"])
    if place is None:
        return {"message_id": doc.get("message_id"), "thread": None, "in_reply_to": None, "replies": []}
    replies = [d for d in threads.table.ordered(place.thread) if threads.table.info[d].in_reply_to == doc["id"]]
    return {"message_id": doc.get("message_id"), "thread": place.thread, "in_reply_to": place.in_reply_to,
            "replies": replies, "thread_size": threads.table.size(place.thread)}


def thread_answer(searcher, columns, thread: str) -> dict | None:
    """Return `{"thread", "subject", "messages"}` of a thread, parents before replies; None if absent."""
    threads = index_threads(searcher, columns)
    ids = threads.table.ordered(thread)
    if not ids:
        return None
    messages = []
    for doc_id in ids:
        stored = searcher.stored_fields(threads.docnum_of[doc_id])
        place = threads.table.info[doc_id]
        when = stored.get("date")
        messages.append({"id": doc_id, "title": stored.get("title") or "",
                         "author": stored.get("author") or None,
                         "date": when.strftime("%Y-%m-%d") if when else None,
                         "in_reply_to": place.in_reply_to, "depth": place.depth})
    return {"thread": thread, "subject": messages[0]["title"], "messages": messages}
