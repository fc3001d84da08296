"""The contract between extraction and indexing.

A reader (text dump, HTML page, mail) turns one item of a file into an `Extracted`: what the item
itself says. `extract.py` then adds what needs the whole picture (a stable id, the quotes and
speakers) and returns `Document`s, which are what the indexer stores.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Quote:
    """Words attributed to a named person, with the cue that attributes them."""

    speaker: str
    text: str
    cue: str = ""


@dataclass
class Extracted:
    """What one reader found in one item (one page, one message) before ids and speakers.

    `body` is the clean text the author wrote, paragraphs separated by newlines. Fields the
    item does not state stay None: a wrong date or outlet is worse than none.
    """

    kind: str
    body: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # YYYY-MM-DD
    author: str | None = None
    carrier: str | None = None  # the list or newsgroup that carried the item
    quoted: str = ""  # quoted replies in mail, kept apart from the body
    message_id: str | None = None
    reply_to: str | None = None  # the Message-ID it answers (In-Reply-To, else the last reference)
    references: list[str] = field(default_factory=list)  # ancestors' Message-IDs, the parent last
    subject: str | None = None  # the subject as sent (threads fall back to it)
    address: str | None = None  # the sender's address


@dataclass
class Document:
    """One searchable document: a page, or one message of a mail archive."""

    id: str
    source: str
    kind: str
    body: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    author: str | None = None
    carrier: str | None = None
    speakers: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quoted: str = ""
    position: int = 0  # the item's place in its file
    # Why the file's chrome was not removed (its reader failed or ran past its budget): the
    # body is then the file's plain text. "" for a cleaned document.
    uncleaned: str = ""
    # Mail only: the message's own id, its thread, and the document it answers (None when the
    # archive lacks it); references are its ancestors' Message-IDs, its parent last.
    message_id: str | None = None
    thread: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    subject: str | None = None
    address: str | None = None

    def to_json(self) -> dict:
        """Return the `extract --json` object: the contract keys first, then the extras."""
        data = asdict(self)
        keys = ["source", "id", "kind", "title", "outlet", "date", "speakers", "body"]
        ordered = {k: data.pop(k) for k in keys}
        ordered.update(data)
        ordered["uncleaned"] = bool(self.uncleaned)
        ordered["uncleaned_reason"] = self.uncleaned
        return ordered
