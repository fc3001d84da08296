"""The copies of messages held twice, found per segment and combined once per index generation.

An archive regenerated twice, or kept as an mbox and as monthly files, holds every message
twice; each file's copy is indexed (so removing one file keeps the other), and searches leave
out all copies but the first (`threadindex.duplicate_messages` states the rule). Reading every
Message-ID of a 48,000-document index and the stored fields of its mail took about 3 s, and
every new generation paid it again. A segment never changes once written but for the documents
it marks deleted, so, as with the columns (`engine/columns.py`), each segment's `MailPart` is
read once per process and kept while the segment is live; a generation combines the parts:
the Message-IDs held twice within a segment, those two segments share (found once per pair,
from the smaller segment's side), and the groups of mail with no Message-ID, shifted by each
segment's document base with its current deletions left out.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from search.engine.segmentcache import kept_for_generation, persisted
from search.engine.segmentmemo import SegmentMemo
from search.extract.mail.chrome import clean_subject
from search.features.threads import MAIL_KINDS, MailRef
from search.whooshext.segmentreading import segment_postings

__all__ = ["MailCopies", "MailGeneration", "MailPart", "NEAR_DAYS", "StoredMail", "pair_unnamed",
           "read_mail_part", "read_mail_part_stored"]

# The modules whose code makes a segment's `MailPart` (its cached copy is keyed by their source).
MAIL_MODULES = ("engine/mailcopies.py", "features/threads.py", "extract/mail/chrome.py",
                "whooshext/segmentreading.py")
NOT_ASCII = re.compile(r"[^\x00-\x7f]|\?")
OBSCURED_AT = re.compile(r"(\S) at (\S)")  # an address as pipermail hides it: "ann at example.org"
NEAR_DAYS = 7  # how far apart one message's two copies may be dated (time zones, late delivery, and
# the Date a regenerated pipermail .txt rewrites: "Sun Oct  8" for a page of Wed Oct  4)

T = TypeVar("T")
Entry = tuple[bool, int, int, int]  # (has no Message-ID, docnum, day as an ordinal, text's digest)


@dataclass
class StoredMail:
    """What one segment's mail documents store that threads and copies need, read once."""

    refs: list[tuple[int, MailRef]]  # (docnum, what threading needs), ascending
    keyed: dict[tuple[str, str], list[Entry]]  # (sender, subject) -> its mail
    unnamed_keys: frozenset[tuple[str, str]]  # the keys of `keyed` with mail lacking a Message-ID


@dataclass
class MailGeneration:
    """The mail of one index generation: its copies held twice, and its stored mail by docnum."""

    held_twice: frozenset[int]
    leaves: list  # (segment id, segment reader, docbase, deleted docnums)
    parts: dict[str, MailPart]
    # Where its live mail is: (segment id, docbase, deleted mail) of each segment holding mail.
    layout: tuple = ()
    memo: dict = field(default_factory=dict)  # the process's, shared by its generations

    def derived(self, name: str, build: Callable[[], T], modules: tuple[str, ...] = ()) -> T:
        """Return what `build` makes of this generation's mail, reused from the last generation
        whose mail was the same (the same segments at the same docbases, the same deletions and
        copies): a commit of news alone threads no mail again (0.3 s at 23,000 messages).

        A process that opens the index first loads it from beside the segments where another
        process made it for the same mail (`segmentcache.kept_for_generation`; `modules` make it,
        with this one's): threading 23,478 messages took 0.47 s of CPU in every new process.
        """
        key = (self.layout, self.held_twice)
        found = self.memo.get(name)
        if found is not None and found[0] == key:
            return found[1]
        # the index's folder, from a segment in files of its own (as the indexer writes them)
        folder = next((getattr(leaf.storage(), "folder", None) for _, leaf, _, _ in self.leaves
                       if getattr(leaf.storage(), "folder", None)), None)
        value = kept_for_generation(folder, name, _key_bytes(key), build, MAIL_MODULES + modules)
        self.memo[name] = (key, value)
        return value

    def refs(self) -> Iterator[tuple[int, MailRef]]:
        """Yield (docnum, what threading needs) of every live mail document, ascending."""
        for segid, leaf, base, deleted in self.leaves:
            for docnum, ref in _stored(self.parts[segid], leaf).refs:
                if docnum not in deleted:
                    yield base + docnum, ref


@dataclass
class MailPart:
    """What one segment says of its mail's copies, by its own docnums, deleted ones included."""

    mail: np.ndarray  # the mail documents, ascending
    ids: frozenset[str]  # every Message-ID the segment holds ("" left out)
    repeated: dict[str, np.ndarray]  # a Message-ID two or more of its documents hold -> them
    unnamed: np.ndarray  # its mail with no Message-ID, ascending
    located: dict[str, np.ndarray] = field(default_factory=dict)  # other ids, read as needed
    stored: StoredMail | None = None  # what its mail's stored fields say, read on first need

    def holders(self, leaf, message_id: str) -> np.ndarray:
        """Return the documents holding a Message-ID (read once from the segment)."""
        docs = self.repeated.get(message_id)
        if docs is None:
            docs = self.located.get(message_id)
        if docs is None:
            docs = self.located[message_id] = _postings(leaf, "message_id", message_id)
        return docs


def read_mail_part(leaf) -> MailPart:
    """Read one segment reader's Message-IDs and mail documents (no stored fields)."""
    empty = np.zeros(0, dtype=np.int32)
    if "message_id" not in leaf.schema:
        return MailPart(empty, frozenset(), {}, empty)
    ids: list[str] = []
    repeated: dict[str, np.ndarray] = {}
    for term, info in leaf.iter_field("message_id"):
        if not term:
            continue
        ids.append(term)
        if info.doc_frequency() >= 2:
            repeated[term] = _postings(leaf, "message_id", term)
    mail = [_postings(leaf, "kind", kind) for kind in sorted(MAIL_KINDS)
            if leaf.doc_frequency("kind", kind)]
    mail_docs = np.unique(np.concatenate(mail)) if mail else empty
    unnamed = (_postings(leaf, "message_id", "") if leaf.doc_frequency("message_id", "")
               else empty)
    return MailPart(mail_docs, frozenset(ids), repeated,
                    np.intersect1d(mail_docs, unnamed).astype(np.int32))


class MailCopies:
    """The mail parts of the segments a process has open, and the Message-IDs pairs share."""

    def __init__(self) -> None:
        # and the Message-IDs each pair of segments shares
        # (kept on disk for the next process with its stored mail: segmentcache.py)
        self._segments: SegmentMemo[MailPart] = SegmentMemo(persisted(
            "mail", read_mail_part_stored, MAIL_MODULES))
        self._memo: dict = {}  # MailGeneration.derived

    def generation(self, leaves: list) -> MailGeneration:
        """Return the mail of a generation: the global docnums of mail held twice but the one
        kept, and its stored mail (read per segment when first asked for).

        `leaves` holds (segment id, segment reader, docbase, deleted docnums) of a generation.
        """
        self._segments.follow(leaves)
        extra = self._named_copies(leaves)
        if any(_live(self._segments.parts[segid].unnamed, deleted).size
               for segid, _, _, deleted in leaves):  # only an archive with mail lacking one pays
            extra |= self._unnamed_copies(leaves) - extra
        layout = tuple((segid, base, _deleted_mail(self._segments.parts[segid].mail, deleted))
                       for segid, _, base, deleted in leaves if self._segments.parts[segid].mail.size)
        return MailGeneration(frozenset(extra), leaves, dict(self._segments.parts), layout, self._memo)

    def _named_copies(self, leaves: list) -> set[int]:
        """Return every live holder of a Message-ID but the first (the lowest docnum)."""
        wanted: dict[str, set[str]] = {segid: set(self._segments.parts[segid].repeated) for segid, *_ in leaves}
        for i, (segid, *_) in enumerate(leaves):
            for other, *_ in leaves[:i]:
                shared = self._shared_ids(segid, other)
                wanted[segid].update(shared)
                wanted[other].update(shared)
        holders: dict[str, list[int]] = {}
        for segid, leaf, base, deleted in leaves:
            part = self._segments.parts[segid]
            for message_id in wanted[segid]:
                docs = _live(part.holders(leaf, message_id), deleted)
                holders.setdefault(message_id, []).extend((docs + base).tolist())
        extra: set[int] = set()
        for docs in holders.values():
            if len(docs) > 1:
                extra.update(sorted(docs)[1:])
        return extra

    def _shared_ids(self, one: str, other: str) -> frozenset[str]:
        parts = self._segments.parts
        # set & set walks the smaller one: a commit's small segment against the large ones
        return self._segments.pair((one, other), lambda: parts[one].ids & parts[other].ids)

    def _unnamed_copies(self, leaves: list) -> set[int]:
        """Return the mail with no Message-ID that repeats another (see `pair_unnamed`)."""
        stored = {segid: _stored(self._segments.parts[segid], leaf) for segid, leaf, _, _ in leaves}
        wanted = {key for segid, _, _, deleted in leaves for key in stored[segid].unnamed_keys
                  if any(no_id and d not in deleted for no_id, d, *_ in stored[segid].keyed[key])}
        extra: set[int] = set()
        for key in wanted:
            group = [(no_id, base + d, day, text) for segid, _, base, deleted in leaves
                     for no_id, d, day, text in stored[segid].keyed.get(key, ()) if d not in deleted]
            extra |= pair_unnamed(group)
        return extra


def read_mail_part_stored(leaf) -> MailPart:
    """Read one segment's mail part with its stored mail, which every generation's threads read."""
    part = read_mail_part(leaf)
    _stored(part, leaf)
    return part


def _postings(leaf, fieldname: str, text: str) -> np.ndarray:
    return segment_postings(leaf, fieldname, leaf.schema[fieldname].to_bytes(text))


def _deleted_mail(mail: np.ndarray, deleted: set[int]) -> frozenset[int]:
    if not deleted:
        return frozenset()
    return frozenset(np.intersect1d(mail, np.fromiter(deleted, dtype=np.int64, count=len(deleted))).tolist())


def _live(docs: np.ndarray, deleted: set[int]) -> np.ndarray:
    if not deleted or not docs.size:
        return docs
    return docs[~np.isin(docs, np.fromiter(deleted, dtype=np.int64, count=len(deleted)))]


def _stored(part: MailPart, leaf) -> StoredMail:
    """Return a segment's stored mail, read from its stored fields the first time."""
    if part.stored is None:
        part.stored = _read_stored(leaf, part.mail)
    return part.stored


def _read_stored(leaf, mail: np.ndarray) -> StoredMail:
    """Read what threads and copies need of one segment's mail (about 2 s for 23,000 messages)."""
    refs: list[tuple[int, MailRef]] = []
    keyed: dict[tuple[str, str], list[Entry]] = {}
    for docnum in mail.tolist():
        stored = leaf.stored_fields(docnum)
        when = stored.get("date")
        references = list(stored.get("references") or [])
        refs.append((docnum, MailRef(stored["id"], stored.get("message_id") or None,
                                     (references or [None])[-1], references,
                                     stored.get("subject") or stored.get("title") or None,
                                     when.strftime("%Y-%m-%d") if when else None,
                                     int(stored.get("position") or 0))))
        # paired by sender, subject and day, as both copies of a message agree on them
        sender = _sender(stored)
        subject = _lossy(clean_subject(stored.get("subject") or stored.get("title")) or "")
        if sender and when is not None:
            keyed.setdefault((sender, subject), []).append(
                (not stored.get("message_id"), docnum, when.toordinal(), _text_digest(stored.get("body"))))
    unnamed = frozenset(k for k, entries in keyed.items() if any(e[0] for e in entries))
    return StoredMail(refs, keyed, unnamed)


def pair_unnamed(copies: list[Entry]) -> set[int]:
    """Return the mail with no Message-ID of one sender and subject that repeats another.

    Dates at most `NEAR_DAYS` apart (a pipermail page is dated by the server's clock in its
    time zone, the .txt by the sender's Date header). Paired one to one, nearest date first, so
    two messages of one sender on one subject and day stay two while each has its own copy; the
    copies of a Message-ID held twice take part, as the archive may hold their pages twice too.
    Two messages that both lack a Message-ID (pages of an archive kept twice) pair only when
    their texts are the same: a thread's replies of one day by one sender are not copies.
    """
    extra: set[int] = set()
    free = [(day, d, None) for unnamed, d, day, _ in copies if not unnamed]  # not yet paired
    for _, docnum, day, text in sorted(c for c in copies if c[0]):
        near = [(abs(day - other), d) for other, d, other_text in free if other_text in (None, text)]
        match = min(near) if near else (NEAR_DAYS + 1, None)
        if match[0] <= NEAR_DAYS:
            free = [f for f in free if f[1] != match[1]]
            extra.add(docnum)
        else:
            free.append((day, docnum, text))
    return extra


def _sender(stored: dict) -> str:
    """Return who sent a message as both copies write it: the name (an archive that hides
    addresses gives the list's own to every sender, and writes an address as "ann at host"),
    else the address where the name is empty or has nothing `_lossy` keeps."""
    for value in (stored.get("author"), stored.get("address")):
        kept = _lossy(OBSCURED_AT.sub(r"\1@\2", value or ""))
        if kept:
            return kept
    return ""


def _text_digest(body: str | None) -> int:
    """Return a digest of a message's text as any copy of it has it (`_lossy`)."""
    return int.from_bytes(hashlib.blake2b(_lossy(body or "").encode(), digest_size=8).digest(), "big")


def _key_bytes(key: tuple) -> bytes:
    """Return a generation's mail key (its layout and copies held twice) as bytes, sets sorted."""
    layout, held_twice = key
    return repr(([(segid, base, sorted(deleted)) for segid, base, deleted in layout],
                 sorted(held_twice))).encode()


def _lossy(text: str) -> str:
    """Return text as both copies of a message agree on it: a pipermail .txt writes "?" for every
    character beyond ASCII, so neither counts; case and spacing do not count either."""
    return " ".join(NOT_ASCII.sub("", text).lower().split())
