"""The threads of an index's mail: built once per searcher generation, and what hits, documents
and /thread/<id> say of them (search/features/threads.py holds the threading itself)."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from search.extract.mail.chrome import clean_subject
from search.features.threads import MAIL_KINDS, MailRef, ThreadTable, build_threads, is_mail

__all__ = ["IndexedThreads", "add_mail_fields", "duplicate_messages", "index_threads", "kept_documents",
           "mail_place", "thread_answer"]


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
    held_twice = duplicate_messages(searcher, columns)
    for docnum in _mail_docnums(reader):
        if docnum in held_twice:  # one message is one place in its thread
            continue
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


NOT_ASCII = re.compile(r"[^\x00-\x7f]|\?")
NEAR_DAYS = 7  # how far apart one message's two copies may be dated (time zones, late delivery, and
# the Date a regenerated pipermail .txt rewrites: "Sun Oct  8" for a page of Wed Oct  4)


def duplicate_messages(searcher, columns=None) -> frozenset[int]:
    """Return the document numbers of mail held twice but the one kept.

    An archive regenerated twice, or kept as an mbox and as monthly files, holds every message
    twice; each file's copy is indexed (so removing one file keeps the other), and searches leave
    out all copies but the first. One Message-ID in two files is read from the message_id terms
    (cheap enough for every generation of any index). A copy with no Message-ID (a pipermail
    page beside its month's .txt) is paired by sender, subject and day (`_unnamed_copies`):
    the copy with a Message-ID is kept. Kept on `columns` when given.
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
        unnamed = set(reader.postings("message_id", "").all_ids()) if reader.doc_frequency("message_id", "") else ()
        mail = _mail_docnums(reader)
        if any(d in unnamed for d in mail):  # only an archive with mail lacking a Message-ID pays
            extra.update(_unnamed_copies(searcher, mail, extra))
    found = frozenset(extra)
    if columns is not None:
        columns.duplicate_messages = found
    return found


def kept_documents(searcher, columns) -> set[int]:
    """Return every document but the copies of messages held twice, once per index generation:
    a search of an archive holding copies is filtered to these, and building the set on every
    request cost a pass over every document number. A set, as Whoosh's filters take no other
    kind; shared by every search of the generation, so never changed in place."""
    if columns.kept_documents is None:
        columns.kept_documents = (set(range(searcher.doc_count_all()))
                                  - duplicate_messages(searcher, columns))
    return columns.kept_documents


def kept_mask(searcher, columns):
    """Return `kept_documents` as a numpy boolean array by docnum (True: kept), once per index
    generation: a query's matches are filtered by one index into it, where turning the set into
    an array for `np.isin` took 0.3 ms a query at 20,000 documents."""
    if columns.kept_mask is None:
        mask = np.ones(searcher.doc_count_all(), dtype=bool)
        mask[np.fromiter(duplicate_messages(searcher, columns), dtype=np.int64)] = False
        columns.kept_mask = mask
    return columns.kept_mask


def _unnamed_copies(searcher, mail: list[int], dropped: set[int]) -> set[int]:
    """Return the mail with no Message-ID that repeats another message held: the same sender
    and subject (a missing subject counts as one), dates at most `NEAR_DAYS` apart (a pipermail
    page is dated by the server's clock in its time zone, the .txt by the sender's Date header).
    Paired one to one, nearest date first, so two messages of one sender on one subject and day
    stay two while each has its own copy; the copies of a Message-ID held twice (`dropped`) take
    part, as the archive may hold their pages twice too.
    """
    reader = searcher.reader()
    same: dict[tuple, list[tuple[bool, int, int]]] = {}
    for docnum in mail:
        stored = reader.stored_fields(docnum)
        sender = _lossy(stored.get("address") or stored.get("author") or "")
        subject = _lossy(clean_subject(stored.get("subject") or stored.get("title")) or "")
        when = stored.get("date")
        if sender and when is not None:
            same.setdefault((sender, subject), []).append(
                (not stored.get("message_id"), docnum, when.toordinal()))
    extra: set[int] = set()
    for copies in same.values():
        free = [(day, d) for unnamed, d, day in copies if not unnamed]  # not yet paired
        for _, docnum, day in sorted(c for c in copies if c[0]):
            match = min((abs(day - other), d) for other, d in free) if free else (NEAR_DAYS + 1, None)
            if match[0] <= NEAR_DAYS:
                free = [(o, d) for o, d in free if d != match[1]]
                extra.add(docnum)
            else:
                free.append((day, docnum))
    return extra - dropped


def _lossy(text: str) -> str:
    """Return text as both copies of a message agree on it: a pipermail .txt writes "?" for every
    character beyond ASCII, so neither counts; case and spacing do not count either."""
    return " ".join(NOT_ASCII.sub("", text).lower().split())


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
