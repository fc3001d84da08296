"""Read mail archives into `Extracted` items: one per message.

Kinds: "pipermail-archive" (Mailman's monthly .txt), "pipermail-message" (one pipermail page saved
as text), "pipermail-html", "hypermail", "mbox", "eml", "usenet". Errors form a small tree:
`MailError` (a ValueError) -> `NotMail` (the bytes are not mail of that kind), `UnknownMailKind`.
"""
from __future__ import annotations

import email.utils
import re
from collections import Counter
from collections.abc import Iterator
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32

from search.extract.mail import article, chrome, htmlforms, listchrome
from search.documents import Extracted
from search.extract.mail.decode import decode_bytes, decode_header_value

KINDS = ("pipermail-archive", "pipermail-message", "pipermail-html", "hypermail", "mbox", "eml", "usenet")

# An mbox "From " line starts a message only when a header line follows it.
ENVELOPE = re.compile(rb"^From [^\n]*\r?\n(?=[\w-]+:)", re.M)
ENVELOPE_DATE = re.compile(r"(\w{3} \w{3}\s+\d+ \d\d:\d\d:\d\d(?: \w+)? \d{4})\s*$")
# pipermail's .txt archive drops Content-Type but keeps the parts ("This is a multi-part message").
INLINE_BOUNDARY = re.compile(rb"^--([^\s-][^\s]{5,})\r?\n(?=Content-[\w-]+:)", re.M)
HEADER_LINE = re.compile(r"^[A-Za-z][\w-]*:(?:[ \t]|$)")
# Pipermail's .txt archive keeps only these headers (Mailman's Archiver/pipermail.py).
PIPERMAIL_HEADERS = {"from", "date", "subject", "in-reply-to", "references", "message-id"}
MAIL_HEADERS = {"from", "date", "subject", "message-id", "to", "received", "return-path", "mime-version"}
PIPERMAIL_HTML = re.compile(r"<!--beginarticle-->|<LINK REL=\"made\" HREF=\"mailto:", re.I)
# Every alternative holds '="', which detect_mail_kind looks for before this case-blind scan.
HYPERMAIL = re.compile(r'<!--\s*body="start"\s*-->|content="hypermail|<!-- isosent="', re.I)
# A pipermail page saved as text: subject, "Name addr at host", asctime date (seed 000).
PIPERMAIL_MESSAGE = re.compile(
    r"\A\s*(?P<subject>[^\n]+)\n\s*\n(?P<author>[^\n]*?)\s*(?P<address>\S+ at \S+)\s*\n"
    r"(?P<date>\w{3} \w{3}\s+\d+ \d\d:\d\d:\d\d(?: \w+)? \d{4})\s*\n"
)
OBFUSCATED_AT = re.compile(r"^(\S+) at (\S+)")
# "address (Name)": the name is the whole comment, parentheses inside it too ("Chris (FeedTagger)"),
# as pipermail's page shows it; `parseaddr` drops inner parentheses.
COMMENT_NAME = re.compile(r"^\S+(?:@| at )\S+\s+\((.+)\)\s*$")
LIST_ID = re.compile(r"<([^.>]+)[.>]")


class MailError(ValueError):
    """The bytes cannot be read as mail of the kind asked for."""


class NotMail(MailError):
    """The bytes are empty, binary, or do not hold a message of the given kind."""


class UnknownMailKind(MailError):
    """The kind is not one `read_mail` knows."""


def detect_mail_kind(head: bytes) -> str | None:
    """Return the mail kind of a file from its first bytes, or None when it is not mail."""
    if not head.strip() or b"\x00" in head[:8192]:
        return None
    text = head[:16384].decode("latin-1")
    if PIPERMAIL_HTML.search(text):
        return "pipermail-html"
    # The case-blind scan alone cost 39 us a Usenet post.
    if '="' in text and HYPERMAIL.search(text):
        return "hypermail"
    if text.startswith("From ") and ENVELOPE.match(head):
        names = _header_names(text.split("\n", 1)[1])
        return "pipermail-archive" if names and names <= PIPERMAIL_HEADERS else "mbox"
    if PIPERMAIL_MESSAGE.match(text):
        return "pipermail-message"
    names = _header_names(text)
    if "newsgroups" in names and ("from" in names or "message-id" in names):
        return "usenet"
    if len(names & MAIL_HEADERS) >= 2:
        return "eml"
    return None


def _header_names(text: str) -> set[str]:
    """Return the lower-cased header names of the header block at the start of text."""
    names: set[str] = set()
    for line in text.lstrip("\r\n").split("\n"):
        if not line.strip():
            break
        if HEADER_LINE.match(line):
            names.add(line.split(":", 1)[0].lower())
        elif not line[:1].isspace():
            return set() if not names else names
    return names


def read_mail(raw: bytes, kind: str) -> Iterator[Extracted]:
    """Yield one `Extracted` per message of a mail file of the given kind.

    Raises:
        UnknownMailKind: kind is not one of KINDS.
        NotMail: the bytes are empty, binary, or hold no message of that kind.
    """
    if kind not in KINDS:
        raise UnknownMailKind(f"unknown mail kind {kind!r}")
    if not raw.strip() or b"\x00" in raw[:8192]:
        raise NotMail("empty or binary input")
    if kind == "pipermail-archive" or kind == "mbox":
        yield from _read_mbox(raw, kind)
    elif kind == "pipermail-message":
        yield _read_saved_page(decode_bytes(raw))
    elif kind in ("pipermail-html", "hypermail"):
        yield _read_page(raw, kind)
    else:
        yield _from_message(_parse(raw), kind)


def split_mbox(raw: bytes) -> list[bytes]:
    """Split an mbox into messages at "From " lines followed by a header."""
    starts = [m.start() for m in ENVELOPE.finditer(raw)]
    if not starts:
        raise NotMail("no mbox 'From ' line followed by headers")
    ends = starts[1:] + [len(raw)]
    return [raw[s:e] for s, e in zip(starts, ends)]


def _read_mbox(raw: bytes, kind: str) -> Iterator[Extracted]:
    """Yield the messages of an mbox or pipermail .txt archive, the list named once for all."""
    messages = [_parse(chunk) for chunk in split_mbox(raw)]
    tags = Counter(t for m in messages if (t := chrome.list_tag(decode_header_value(m["Subject"]))))
    archive_list = tags.most_common(1)[0][0] if tags else None
    for message in messages:
        yield _from_message(message, kind, archive_list)


def _parse(chunk: bytes) -> Message:
    """Parse one message, its mbox "From " line kept apart as the envelope."""
    envelope = None
    if chunk.startswith(b"From "):
        line, _, chunk = chunk.partition(b"\n")
        envelope = line.decode("latin-1").strip()
    message = BytesParser(policy=compat32).parsebytes(chunk)
    message.set_unixfrom(envelope)
    return message


def _from_message(message: Message, kind: str, archive_list: str | None = None) -> Extracted:
    """Build the `Extracted` of one parsed message."""
    subject = decode_header_value(message["Subject"])
    body, quoted = chrome.clean_body(message_text(message))
    carrier = archive_list or chrome.list_tag(subject) or _list_id(message)
    if kind == "usenet":
        groups = decode_header_value(message["Newsgroups"]).replace(" ", "")
        carrier = groups.split(",")[0] or None
    date = _header_date(message["Date"]) or _envelope_date(message.get_unixfrom())
    item = Extracted(
        kind=kind, body=body, title=chrome.clean_subject(subject), outlet=carrier, date=date,
        author=_author(decode_header_value(message["From"])), carrier=carrier, quoted=quoted,
        message_id=_message_id(message["Message-ID"]),
    )
    return _with_article_header(_with_fallback_body(item))


def _with_fallback_body(item: Extracted) -> Extracted:
    """Give a message with no text at all (only a subject, as some posts are) its subject as body."""
    if not item.body.strip() and item.title:
        item.body = item.title
    return item


def message_text(message: Message) -> str:
    """Return the text of a message: its first text/plain part, else its HTML part as text."""
    message = _with_inline_mime(message)
    plain = html = None
    for part in message.walk():
        if part.is_multipart() or "attachment" in str(part.get("Content-Disposition", "")).lower():
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and plain is None:
            plain = _part_text(part)
        elif ctype == "text/html" and html is None:
            html = _part_text(part)
    if plain is not None:
        return plain
    return htmlforms.html_to_text(html) if html else ""


def _with_inline_mime(message: Message) -> Message:
    """Re-read a body that holds raw MIME parts because the archive dropped its Content-Type."""
    if message.is_multipart() or message["Content-Type"] is not None:
        return message
    payload = message.get_payload(decode=True) or b""
    match = INLINE_BOUNDARY.search(payload)
    if not match:
        return message
    boundary = match.group(1).decode("latin-1")
    return BytesParser(policy=compat32).parsebytes(
        f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'.encode("latin-1") + payload
    )


def _part_text(part: Message) -> str:
    """Decode a part's transfer encoding and charset."""
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = str(part.get_payload()).encode("utf-8", "surrogateescape")
    try:
        charset = part.get_content_charset()
    except (LookupError, ValueError):  # a charset parameter that is not text
        charset = None
    return decode_bytes(payload, charset)


def _author(sender: str) -> str | None:
    """Return the sender's name from a From header ("Name <a@b>" or "a at b (Name)")."""
    match = COMMENT_NAME.match(sender)
    name = match.group(1) if match else email.utils.parseaddr(OBFUSCATED_AT.sub(r"\1@\2", sender))[0]
    name = name.strip().strip("'\"").strip()
    return name or None


def _header_date(value: object) -> str | None:
    """Return YYYY-MM-DD of a Date header in the sender's own time zone, or None."""
    text = decode_header_value(value)
    try:
        parsed = email.utils.parsedate_tz(text) if text else None
    except (TypeError, ValueError, IndexError):
        parsed = None
    if not parsed or not 1900 < parsed[0] < 2100 or not 1 <= parsed[1] <= 12 or not 1 <= parsed[2] <= 31:
        return None
    return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}"


def _envelope_date(envelope: str | None) -> str | None:
    """Return the date of an mbox "From " line, or None."""
    match = ENVELOPE_DATE.search(envelope or "")
    return _header_date(match.group(1)) if match else None


def _message_id(value: object) -> str | None:
    """Return a Message-ID without its angle brackets, or None."""
    text = decode_header_value(value).strip().strip("<>").strip()
    return text or None


def _list_id(message: Message) -> str | None:
    """Return the list name of a List-Id header ("Desc <name.host>"), or None."""
    match = LIST_ID.search(decode_header_value(message["List-Id"]))
    return match.group(1) if match else None


def _with_article_header(item: Extracted) -> Extracted:
    """Move a forwarded article's headline/outlet/date lines from the body into the fields."""
    outlet, date, rest = article.split_article_header(item.body, item.title)
    if outlet and date:
        item.outlet, item.date, item.body = outlet, date, rest
    return item


def _read_saved_page(text: str) -> Extracted:
    """Read one pipermail message page saved as text (subject, author, date, body, footer)."""
    match = PIPERMAIL_MESSAGE.match(text)
    if not match:
        raise NotMail("not a saved pipermail message: no subject/author/date lines")
    subject = match.group("subject").strip()
    rest = text[match.end():]
    carrier = chrome.list_tag(subject) or listchrome.list_name_in_footer(rest)
    body, quoted = chrome.clean_body(rest)
    item = Extracted(
        kind="pipermail-message", body=body, title=chrome.clean_subject(subject), outlet=carrier,
        date=_header_date(match.group("date")), author=match.group("author").strip() or None,
        carrier=carrier, quoted=quoted,
    )
    return _with_article_header(_with_fallback_body(item))


def _inline_mime_text(text: str) -> str:
    """Return the text part of a page body that shows raw MIME parts, else the body itself."""
    raw = text.encode("utf-8")
    if not INLINE_BOUNDARY.search(raw):
        return text
    return message_text(BytesParser(policy=compat32).parsebytes(raw))


def _read_page(raw: bytes, kind: str) -> Extracted:
    """Read one pipermail or Hypermail message page."""
    page = decode_bytes(raw, htmlforms.page_charset(raw))
    reader = htmlforms.read_pipermail_page if kind == "pipermail-html" else htmlforms.read_hypermail_page
    found = reader(page)
    if found is None:
        raise NotMail(f"no message body markers for {kind}")
    carrier = chrome.list_tag(found.subject) or found.list_name
    body, quoted = chrome.clean_body(_inline_mime_text(found.body))
    item = Extracted(
        kind=kind, body=body, title=chrome.clean_subject(found.subject), outlet=carrier,
        date=_header_date(found.date), author=found.author, carrier=carrier, quoted=quoted,
        message_id=found.message_id,
    )
    return _with_article_header(_with_fallback_body(item))
