"""Mail threads: which message answers which, from In-Reply-To and References (JWZ's way).

Jamie Zawinski's threading algorithm (https://www.jwz.org/doc/threading.html), simplified: every
Message-ID named anywhere gets a container; each References chain links its ids parent to child
unless that would make a loop; a message's own parent is its In-Reply-To (else its last
reference). A message whose parent chain ends at a message the archive lacks still has one root
(the missing message's id), so its replies share a thread. Only a message naming no parent at all,
whose subject says it is a reply ("Re: ..."), is joined by subject to the latest message with the
same subject at most three months before it (JWZ's subject grouping, kept to the messages that left
no references and to the weeks a reply comes in); a page that
kept no headers at all (pipermail's HTML) by its subject alone, as its archiver threaded it.

A thread's id is a hash of its root's Message-ID: stable while the archive grows, since a root
changes only when a missing ancestor arrives.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date
from dataclasses import dataclass, field

from search.extract.mail.chrome import REPLY_SUBJECT, clean_subject

__all__ = ["MAIL_KINDS", "MailRef", "ThreadInfo", "ThreadTable", "build_threads", "is_mail", "thread_documents",
           "thread_id"]

MAIL_KINDS = frozenset(("pipermail-archive", "pipermail-message", "pipermail-html", "hypermail", "mhonarc",
                        "mbox", "eml", "usenet"))

MAX_DEPTH = 1000  # a parent chain longer than this is a loop the link checks missed
HEADERLESS_DAYS = 31  # how long after a message one with its subject and no headers answers it
REPLY_DAYS = 90  # how far from a message a "Re:" with its subject and no parent answers it (99.9% of replies)


@dataclass
class MailRef:
    """What threading needs of one message."""

    id: str  # the document id
    message_id: str | None
    reply_to: str | None = None
    references: list[str] = field(default_factory=list)  # ancestors, the parent last
    subject: str | None = None
    date: str | None = None  # YYYY-MM-DD
    position: int = 0


@dataclass
class ThreadInfo:
    """A message's place in its thread."""

    thread: str
    in_reply_to: str | None  # the document id of the message it answers, when the archive has it
    depth: int
    parent: str | None = None  # the document it is listed under (its nearest held ancestor)


@dataclass
class ThreadTable:
    """Every message's place, and each thread's documents with each parent before its replies."""

    info: dict[str, ThreadInfo]
    members: dict[str, list[str]]

    def ordered(self, thread: str) -> list[str]:
        """Return the document ids of a thread, parents before replies, replies by date."""
        return self.members.get(thread, [])

    def size(self, thread: str) -> int:
        """Return how many documents a thread holds."""
        return len(self.members.get(thread, ()))


def is_mail(kind: str | None) -> bool:
    """Tell whether a document kind is a mail message."""
    return kind in MAIL_KINDS


def thread_documents(docs: list) -> list:
    """Set `thread` and `in_reply_to` of the mail `Document`s among docs (in place); return docs."""
    mail = [d for d in docs if is_mail(d.kind)]
    table = build_threads(MailRef(d.id, d.message_id, (d.references or [None])[-1], list(d.references),
                                  d.subject, d.date, d.position) for d in mail)
    for doc in mail:
        doc.thread, doc.in_reply_to = table.info[doc.id].thread, table.info[doc.id].in_reply_to
    return docs


def thread_id(root: str) -> str:
    """Return the id of the thread whose root has this Message-ID (or document id)."""
    return hashlib.sha1(f"thread:{root}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def build_threads(messages: Iterable[MailRef]) -> ThreadTable:
    """Thread the messages; every message gets a ThreadInfo, a lone one a thread of its own."""
    refs = {m.id: m for m in messages}
    by_mid = {m.message_id: m.id for m in refs.values() if m.message_id}
    parent_of = _link(refs.values())
    root_of = {doc: _root(doc, refs[doc], parent_of) for doc in refs}
    _join_by_subject(refs, root_of, parent_of)
    info: dict[str, ThreadInfo] = {}
    for doc, m in refs.items():
        held = _held_parent(m, parent_of, by_mid)
        direct = by_mid.get(m.reply_to) if m.reply_to else None
        info[doc] = ThreadInfo(thread=thread_id(root_of[doc]), in_reply_to=direct if direct != doc else None,
                               depth=0, parent=held if held != doc else None)
    return ThreadTable(info, _order(refs, info))


def _link(messages: Iterable[MailRef]) -> dict[str, str]:
    """Return child Message-ID -> parent Message-ID from the References chains and In-Reply-To."""
    parent_of: dict[str, str] = {}
    for m in messages:
        chain = [r for r in m.references if r]
        for parent, child in zip(chain, chain[1:]):
            if child not in parent_of and not _reaches(parent, child, parent_of):
                parent_of[child] = parent
    for m in messages:
        own = m.message_id
        parent = m.reply_to or (m.references[-1] if m.references else None)
        if own and parent and parent != own and not _reaches(parent, own, parent_of):
            parent_of[own] = parent  # a message's own header outranks what others said of it
    return parent_of


def _reaches(start: str, target: str, parent_of: dict[str, str]) -> bool:
    """Tell whether following parents from `start` comes to `target` (linking would loop)."""
    node, steps = start, 0
    while node is not None and steps < MAX_DEPTH:
        if node == target:
            return True
        node, steps = parent_of.get(node), steps + 1
    return steps >= MAX_DEPTH


def _root(doc: str, m: MailRef, parent_of: dict[str, str]) -> str:
    """Return the Message-ID at the top of a message's chain (the document id for one without)."""
    node = m.message_id or m.reply_to or (m.references[-1] if m.references else None)
    if node is None:
        return doc
    for _ in range(MAX_DEPTH):
        up = parent_of.get(node)
        if up is None:
            break
        node = up
    return node


def _join_by_subject(refs: dict[str, MailRef], root_of: dict[str, str], parent_of: dict[str, str]) -> None:
    """Put a "Re:" message that names no parent into the thread of the message with its subject it
    most likely answers (`_answered`), and a message whose headers the archive did not keep into
    that of one with its subject a few weeks before (`_join_headerless`)."""
    ordered = sorted(refs.values(), key=lambda m: (m.date or "9999", m.position, m.id))
    subject_of = {m.id: (clean_subject(m.subject) or "").casefold() for m in ordered}
    same: dict[str, list[MailRef]] = {}  # subject -> its messages by date
    at: dict[str, int] = {}  # document -> its place among its subject's
    for m in ordered:
        if subject_of[m.id]:
            at[m.id] = len(same.setdefault(subject_of[m.id], []))
            same[subject_of[m.id]].append(m)
    _join_headerless(ordered, subject_of, root_of, {m.message_id for m in ordered if m.message_id})
    for m in ordered:  # by date, so that what a reply joins has found its own thread
        if m.reply_to or m.references or not REPLY_SUBJECT.match(m.subject or ""):
            continue
        earlier = _answered(m, same[subject_of[m.id]], at[m.id]) if m.id in at else None
        if earlier is not None and root_of[earlier.id] != root_of[m.id]:
            if m.message_id and earlier.message_id and not _reaches(earlier.message_id, m.message_id,
                                                                    parent_of):
                parent_of[m.message_id] = earlier.message_id
            root_of[m.id] = root_of[earlier.id]


def _answered(reply: MailRef, same: list[MailRef], at: int) -> MailRef | None:
    """Return the message of a reply's subject (`same`, by date; the reply at `at`) it answers:
    the one just before it, when at most `REPLY_DAYS` before (else, for a clock that runs behind,
    the one just after it, when at most that long after); the first one of the subject when the
    reply has no date. None when the nearest are further off: a "Re: help" a year on answers
    another "help"."""
    day = _day(reply.date)
    if day is None:
        return same[0] if at else None
    for near in (same[at - 1] if at else None, same[at + 1] if at + 1 < len(same) else None):
        other = _day(near.date) if near is not None else None
        if other is not None and abs((day - other).days) <= REPLY_DAYS:
            return near
    return None


def _join_headerless(ordered: list[MailRef], subject_of: dict[str, str], root_of: dict[str, str],
                     held: set[str]) -> None:
    """Put a message with no Message-ID (a pipermail HTML page keeps none) whose chain of parents
    reaches no message the archive holds into the thread of the latest message with its subject
    at most `HEADERLESS_DAYS` before it, with every message whose chain ends where its does.

    Such a page names at most the Message-ID it answers, which no other page states as its own,
    and people often reply without "Re:"; the archiver that wrote it threaded it by its subject
    (pipermail's own thread index). A message whose headers were kept is never moved.
    """
    alias: dict[str, str] = {}  # a root -> the root it was joined to

    def final(root: str) -> str:
        while root in alias:
            root = alias[root]
        return root

    latest: dict[str, tuple[date, str]] = {}  # subject -> (day, document) of its latest message
    for m in ordered:  # by date
        key, day = subject_of[m.id], _day(m.date)
        if not key or day is None:
            continue
        before, root = latest.get(key), final(root_of[m.id])
        if (before is not None and not m.message_id and root not in held
                and (day - before[0]).days <= HEADERLESS_DAYS):
            target = final(root_of[before[1]])
            if target != root:
                alias[root] = target
        latest[key] = (day, m.id)
    for m in ordered:
        root_of[m.id] = final(root_of[m.id])


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _held_parent(m: MailRef, parent_of: dict[str, str], by_mid: dict[str, str]) -> str | None:
    """Return the document id of the nearest ancestor the archive holds, or None."""
    node = m.message_id
    parent = parent_of.get(node) if node else (m.reply_to or (m.references[-1] if m.references else None))
    for _ in range(MAX_DEPTH):
        if parent is None:
            return None
        if parent in by_mid:
            return by_mid[parent]
        parent = parent_of.get(parent)
    return None


def _order(refs: dict[str, MailRef], info: dict[str, ThreadInfo]) -> dict[str, list[str]]:
    """Return each thread's documents depth first, children by date; set every depth."""
    children: dict[str | None, list[str]] = {}
    for doc, place in info.items():
        parent = place.parent if place.parent in info and info[place.parent].thread == place.thread else None
        place.parent = parent
        children.setdefault(parent, []).append(doc)

    def when(doc: str) -> tuple:
        m = refs[doc]
        return (m.date or "9999", m.position, doc)

    members: dict[str, list[str]] = {}
    for top in sorted(children.get(None, []), key=when):
        stack = [(top, 0)]
        seen: set[str] = set()
        while stack:
            doc, depth = stack.pop()
            if doc in seen:
                continue
            seen.add(doc)
            info[doc].depth = depth
            members.setdefault(info[doc].thread, []).append(doc)
            stack.extend((kid, depth + 1) for kid in sorted(children.get(doc, []), key=when, reverse=True))
    for doc in sorted(set(info) - {d for docs in members.values() for d in docs}, key=when):
        info[doc].parent, info[doc].depth = None, 0  # only a loop the link checks missed ends here
        members.setdefault(info[doc].thread, []).append(doc)
    return members

