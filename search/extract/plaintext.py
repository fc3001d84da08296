"""A file's plain text when its cleaning failed or ran past its budget: nothing is lost.

Every step here runs in linear time and touches no chrome rule, so that a page whose cleaning
hangs on a hostile line is still indexed, as saved, with what title and date can be read
cheaply; the document says it is uncleaned.
"""
from __future__ import annotations

import html
import re
from email import message_from_bytes, policy

from search.extract.dates import normalise_date
from search.documents import Extracted
from search.extract.sources import decode_text

# Elements whose text is no text of the page.
HIDDEN_ELEMENTS = ("script", "style", "noscript", "template", "svg")
# `[^<>]` stops at the next "<": a page of "<<<<" costs one pass, not one per "<".
TAG = re.compile(r"<[^<>]*+>")
TITLE = re.compile(r"<title\b[^<>]*+>([^<]{1,300}+)", re.I)
# ISO dates in meta tags and JSON-LD ("2024-03-04T10:00"), the first one of the head.
META_DATE = re.compile(r"\b((?:19|20)\d\d-[01]\d-[0-3]\d)\b")
BLANK_RUN = re.compile(r"\n[ \t\r\f\v]*+(?:\n[ \t\r\f\v]*+)++")
MAX_TITLE_CHARS = 200
HEAD_CHARS = 20_000


def plain_item(raw: bytes, kind: str) -> Extracted:
    """Return the file as one uncleaned item of `kind`: its text, a title and a date if cheap."""
    if kind == "html":
        return _plain_html(decode_text(raw))
    if kind == "text-dump":
        text = decode_text(raw)
        return Extracted(kind=kind, body=_squeeze(text), title=_first_line(text),
                         date=_first_date(text[:HEAD_CHARS]))
    message = message_from_bytes(raw, policy=policy.compat32)
    subject = str(message.get("Subject") or "").strip()[:MAX_TITLE_CHARS] or None
    return Extracted(kind=kind, body=_squeeze(decode_text(raw)), title=subject,
                     date=normalise_date(str(message.get("Date") or "")))


def _plain_html(text: str) -> Extracted:
    head = text[:HEAD_CHARS]
    found = TITLE.search(head)
    title = " ".join(html.unescape(found.group(1)).split())[:MAX_TITLE_CHARS] if found else None
    return Extracted(kind="html", body=_squeeze(html_text(text)), title=title or None,
                     date=_first_date(head))


def html_text(text: str) -> str:
    """Return the text of an HTML page: hidden elements and tags removed, entities decoded."""
    lower = text.lower()
    kept, at = [], 0
    while True:
        starts = [(i, name) for name in HIDDEN_ELEMENTS if (i := lower.find("<" + name, at)) >= 0]
        if not starts:
            kept.append(text[at:])
            break
        start, name = min(starts)
        kept.append(text[at:start])
        end = lower.find("</" + name, start)
        if end < 0:
            break
        at = lower.find(">", end)
        at = len(text) if at < 0 else at + 1
    without = TAG.sub("\n", "".join(kept))
    return html.unescape(without)


def _squeeze(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return BLANK_RUN.sub("\n", "\n".join(line for line in lines if line)).strip()


def _first_line(text: str) -> str | None:
    for line in text[:HEAD_CHARS].splitlines():
        line = " ".join(line.split())
        if line:
            return line[:MAX_TITLE_CHARS]
    return None


def _first_date(text: str) -> str | None:
    found = META_DATE.search(text)
    return normalise_date(found.group(1)) if found else None
