"""Every hit of a search, not a page: rows for CSV and NDJSON exports, with the search's filters.

The rows come from `SearchEngine.search` itself, a page of MAX_PER_PAGE at a time, so that an
export matches, filters and orders exactly as the search does, whatever the engine's internals.
Pages are read as the response streams; each page uses the searcher current at that moment.
"""
from __future__ import annotations

import csv
import email.utils
import io
import json
import re
from datetime import datetime, timezone
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from email.header import Header
from html import unescape

from search.query.request import MAX_PAGE, MAX_PER_PAGE, SearchRequest

COLUMNS = ("id", "title", "outlet", "date", "speakers", "kind", "source", "score", "url",
           "snippet", "author", "message_id", "thread", "in_reply_to")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TAG = re.compile(r"<[^>]+>")


@dataclass
class Export:
    """The rows of one search, in the search's order, and the total the search reports."""

    total: int
    rows: Iterator[dict]


class Exporter:
    """Reads every hit of a search through the engine; safe to share between requests."""

    def __init__(self, engine) -> None:
        self.engine = engine

    def export(self, request: SearchRequest) -> Export:
        """Run the search's first page now (errors surface before any byte is sent).

        Raises:
            BadQuery: the query or a filter cannot be run.
            IndexMissing: there is no usable index.
        """
        request = replace(request, page=1, per_page=MAX_PER_PAGE, **documents_not_stories(request))
        first = self.engine.search(request)
        return Export(first["total"], self._rows(request, first))

    def _rows(self, request: SearchRequest, first: dict) -> Iterator[dict]:
        result, page, sent = first, 1, 0
        while True:
            for hit in result["hits"]:
                if sent == first["total"]:  # the index grew meanwhile: keep to the total
                    return
                sent += 1
                yield export_row(hit)
            if not result["hits"] or sent >= first["total"] or page >= MAX_PAGE:
                return
            page += 1
            result = self.engine.search(replace(request, page=page))


def documents_not_stories(request: SearchRequest) -> dict:
    """Return the change that lists every copy of a story (exports count documents)."""
    return {"collapse": False} if "collapse" in {f.name for f in fields(request)} else {}


def export_row(hit: dict) -> dict:
    """Return the export shape of one hit (the body is at /doc/<id>.json)."""
    snippets = hit.get("snippets") or []
    return {
        "id": hit["id"],
        "title": hit.get("title") or "",
        "outlet": hit.get("outlet"),
        "date": hit.get("date"),
        "speakers": list(hit.get("speakers") or []),
        "kind": hit.get("kind"),
        "source": hit.get("source"),
        "score": hit.get("score"),
        "url": f"/doc/{hit['id']}",
        "snippet": unescape(TAG.sub("", snippets[0])) if snippets else "",
        "author": hit.get("author"),
        "message_id": hit.get("message_id"),
        "thread": hit.get("thread"),
        "in_reply_to": hit.get("in_reply_to"),
    }


# The columns of a quotes export (/quotes.csv): a quote_search.quote_row with its page's link.
QUOTE_COLUMNS = ("speaker", "text", "cue", "date", "outlet", "title", "doc_id", "url")


def neutralise(cell: str) -> str:
    """Return a cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def csv_lines(rows: Iterable[dict], columns: tuple[str, ...] = COLUMNS) -> Iterator[str]:
    """Yield the CSV export line by line: a header, then one line per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        cells = []
        for name in columns:
            value = row.get(name)
            if isinstance(value, list):
                value = "; ".join(value)
            cells.append(neutralise("" if value is None else str(value)))
        writer.writerow(cells)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def ndjson_lines(rows: Iterable[dict]) -> Iterator[str]:
    """Yield the NDJSON export: one JSON object a line."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


# mboxrd: a body line starting "From " (after any ">") gets one more ">", so readers unescape it.
MBOX_FROM_LINE = re.compile(r"^(>*From )", re.M)
HEADER_BREAKS = re.compile(r"[\r\n]+")
# RFC 5322: a header line is at most 998 characters and should be at most 78. A longer field is
# folded before a run of spaces or tabs, which a reader's unfolding gives back.
HEADER_WIDTH = 78
HEADER_LIMIT = 998
PLAIN_HEADER = re.compile(r"[\t -~]*")  # printable ASCII and tabs: written as it is
FOLD_POINT = re.compile(r"(?<=[^\t ])(?=[\t ])")


def mbox_message(message: dict) -> str:
    """Return one stored mail message as an mboxrd entry a mail client opens.

    `message` holds the stored fields (`address`, `author`, `date`, `subject` or `title`,
    `message_id`, `references`, `body`, `quoted`). The body is the archive's clean text, with the
    quoted reply after it, as the index keeps them.
    """
    when = message.get("date")
    stamp = when if isinstance(when, datetime) else datetime(1970, 1, 1)
    stamp = stamp.replace(tzinfo=timezone.utc)
    address = _header(message.get("address")) or "unknown@unknown.invalid"
    name = _header(message.get("author"))
    subject = _header(message.get("subject") or message.get("title"))
    lines = [f"From {address} {stamp.strftime('%a %b %d %H:%M:%S %Y')}",
             _from_line(name, address),
             "Date: " + email.utils.format_datetime(stamp),
             header_line("Subject", subject)]
    if message.get("message_id"):
        lines.append(f"Message-ID: <{_header(message['message_id'])}>")
    references = [_header(r) for r in message.get("references") or [] if _header(r)]
    if references:
        lines.append(f"In-Reply-To: <{references[-1]}>")
        lines.append(header_line("References", " ".join(f"<{r}>" for r in references)))
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
              "Content-Transfer-Encoding: 8bit", ""]
    text = (message.get("body") or "").rstrip("\n")
    if message.get("quoted"):
        text += "\n\n" + message["quoted"].rstrip("\n")
    return "\n".join(lines) + "\n" + MBOX_FROM_LINE.sub(r">\1", text) + "\n\n"


def _header(value: object) -> str:
    """Return a value fit for one header line: no line breaks, stripped."""
    return HEADER_BREAKS.sub(" ", str(value or "")).strip()


def header_line(name: str, value: str) -> str:
    """Return the header field `name: value`, folded to RFC 5322's lines ("\n" between them).

    Printable ASCII is folded before its runs of spaces, so unfolding gives the value back. Other
    text (non-ASCII, control characters, an "=?" a reader would decode, a run of 998 characters
    without a space) is written whole as RFC 2047 encoded words, which a reader joins again.
    (email.policy's folder drops a space between encoded words in some texts: not used.)
    """
    if PLAIN_HEADER.fullmatch(value) and "=?" not in value:
        folded = _folded(f"{name}: {value}")
        if folded is not None:
            return folded
    return f"{name}: " + _encoded_words(value, name)


def _folded(field: str) -> str | None:
    """Return an ASCII field folded before runs of spaces, or None when a piece stays too long."""
    first, *pieces = FOLD_POINT.split(field.partition(": ")[2])
    lines = [field.partition(": ")[0] + ": " + first]  # a first line of the name alone reads as " value"
    for piece in pieces:
        if len(lines[-1]) + len(piece) > HEADER_WIDTH:
            lines.append(piece)
        else:
            lines[-1] += piece
    return "\n".join(lines) if max(map(len, lines)) <= HEADER_LIMIT else None


def _encoded_words(value: str, name: str) -> str:
    """Return `value` as RFC 2047 UTF-8 encoded words, one a line, none split inside a character."""
    return Header(value, "utf-8", header_name=name).encode(linesep="\n")


def _from_line(name: str, address: str) -> str:
    """Return the From: field of a sender's name and address (the address cannot be folded).

    A name that is not printable ASCII is one encoded word, as `formataddr` writes it, which
    Python's address parser reads back whole (it puts a space between encoded words of a name,
    which RFC 2047 joins); only a name too long for one line is written as several.
    """
    if not name or name == address:
        return f"From: {address}"
    name = " ".join(name.split())  # an address's name is a phrase: its spaces read as one
    if PLAIN_HEADER.fullmatch(name) and "=?" not in name:
        folded = _folded(f"From: {email.utils.formataddr((name, address))}")
        if folded is not None:
            return folded
    whole = f"From: {email.utils.formataddr((name, address), charset='utf-8')}"
    if len(whole) <= HEADER_LIMIT:
        return whole
    return f"From: {_encoded_words(name, 'From')} <{address}>"


def mbox_lines(messages: Iterable[dict]) -> Iterator[str]:
    """Yield an mbox of the messages, one entry each."""
    for message in messages:
        yield mbox_message(message)
