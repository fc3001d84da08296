"""The threads of an index's mail: built once per searcher generation, and what hits, documents
and /thread/<id> say of them (search/features/threads.py holds the threading itself)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from search.engine.columns import segment_leaves
from search.engine.mailcopies import MailCopies, MailGeneration
from search.whooshext.scores import AllBut
from search.features.threads import MailRef, ThreadTable, build_threads, is_mail

__all__ = ["IndexedThreads", "add_mail_fields", "duplicate_messages", "generation_mail", "index_threads",
           "kept_documents", "mail_place", "thread_answer"]


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

    Kept on `columns` (one per generation) when given. The mail's stored fields are read once
    per segment (`mailcopies.MailGeneration.refs`); they are threaded again only when the
    generation's mail changed (`MailGeneration.derived`).
    """
    cached = getattr(columns, "threads", None)
    if cached is not None:
        return cached
    mail = generation_mail(searcher, columns)
    found = mail.derived("threads", lambda: _thread_mail(mail), ("engine/threadindex.py",))
    if columns is not None:
        columns.threads = found
    return found


def _thread_mail(mail: MailGeneration) -> IndexedThreads:
    refs: list[MailRef] = []
    docnum_of: dict[str, int] = {}
    for docnum, ref in mail.refs():
        if docnum in mail.held_twice or ref.id in docnum_of:  # one message, one place
            continue
        docnum_of[ref.id] = docnum
        refs.append(ref)
    return IndexedThreads(build_threads(refs), docnum_of, {n: d for d, n in docnum_of.items()})


def generation_mail(searcher, columns=None) -> MailGeneration:
    """Return the mail of a searcher's generation: found with its columns, or read whole."""
    mail = getattr(columns, "mail", None)
    if mail is None:
        mail = MailCopies().generation(segment_leaves(searcher))
        if columns is not None:
            columns.mail = mail
    return mail


def duplicate_messages(searcher, columns=None) -> frozenset[int]:
    """Return the document numbers of mail held twice but the one kept.

    An archive regenerated twice, or kept as an mbox and as monthly files, holds every message
    twice; each file's copy is indexed (so removing one file keeps the other), and searches leave
    out all copies but the first. One Message-ID in two files is read from the message_id terms.
    A copy with no Message-ID (a pipermail page beside its month's .txt) is paired by sender,
    subject and day (`mailcopies.pair_unnamed`): the copy with a Message-ID is kept; two pages
    without one are copies only when their texts are the same. Found with
    a generation's columns, per segment (`engine/mailcopies.py`).
    """
    return generation_mail(searcher, columns).held_twice


def kept_documents(searcher, columns) -> AllBut:
    """Return what a search of an archive holding copies of messages may match: every document
    but the copies, kept once per generation (`AllBut` holds only the copies)."""
    if columns.kept_documents is None:
        columns.kept_documents = AllBut(duplicate_messages(searcher, columns),
                                          searcher.doc_count_all())
    return columns.kept_documents


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
