"""Read mail archives into `Extracted` items: one per message.

Kinds: "pipermail-archive" (Mailman's monthly .txt), "pipermail-message" (one pipermail page saved
as text), "pipermail-html", "hypermail", "mhonarc", "mbox", "eml", "usenet". Errors form a small tree:
`MailError` (a ValueError) -> `NotMail` (the bytes are not mail of that kind), `UnknownMailKind`.
"""
from __future__ import annotations

import re
from codecs import BOM_UTF8
from collections import Counter
from collections.abc import Iterator
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32

from search.extract.mail import article, chrome, digests, headers, htmlforms, listchrome
from search.documents import Extracted
from search.extract.mail.decode import decode_bytes, decode_header_value

KINDS = ("pipermail-archive", "pipermail-message", "pipermail-html", "hypermail", "mhonarc", "mbox", "eml", "usenet")

# An mbox "From " line starts a message only when a header line follows it.
ENVELOPE = re.compile(rb"^From [^\n]*\r?\n(?=[\w-]+:)", re.M)
ENVELOPE_END = re.compile(rb"\d\d:\d\d(?::\d\d)?(?: [\w+-]+)? \d{4}\r?$")  # "Mon Jan  5 10:00:00 2009"
# pipermail's .txt archive drops Content-Type but keeps the parts ("This is a multi-part message").
INLINE_BOUNDARY = re.compile(rb"^--([^\s-][^\s]{5,})\r?\n(?=Content-[\w-]+:)", re.M)
HEADER_LINE = re.compile(r"^[A-Za-z][\w-]*:(?:[ \t]|$)")
# RFC 5322 field syntax: a name of printable ASCII but ":" and space, then ":".
FIELD_LINE = re.compile(r"^[!-9;-~]{1,76}:")
# A header line after the first that is neither folded nor a field (FIELD_LINE's bytes).
BROKEN_HEADER_LINE = re.compile(rb"\n(?![ \t]|[!-9;-~]{1,76}:)")
# A plausible header block: at least this many fields, and at most one line that is no field.
MIN_FIELDS = 2
MAX_BROKEN_LINES = 1
# mboxo/mboxrd escape body lines starting "From " as ">From "; mboxrd adds a ">" per level.
ESCAPED_FROM = re.compile(rb"^>(>*From )", re.M)
ESCAPED_FROM_TEXT = re.compile(r"^>(>*From )", re.M)
NUL = b"\x00"
# Lines the feed parser reads as headers (its headerRE) as fields: a field name and ":", or folded.
# Not "From " lines, which it may give to the body (last in the headers) or set apart (first).
HEADER_LINES = re.compile(rb"(?:(?:[\x21-\x39\x3b-\x7e]*:|[\t ])[^\n]*\n)*")
# Pipermail's .txt archive keeps only these headers (Mailman's Archiver/pipermail.py).
PIPERMAIL_HEADERS = {"from", "date", "subject", "in-reply-to", "references", "message-id"}
MAIL_HEADERS = {"from", "date", "subject", "message-id", "to", "received", "return-path", "mime-version"}
# Fields only mail has: one of them makes a plausible header block a message.
MAIL_ONLY_HEADERS = {"from", "message-id", "received", "return-path", "mime-version", "in-reply-to",
                     "references", "content-type", "content-transfer-encoding", "list-id", "x-mailer"}
PIPERMAIL_HTML = re.compile(r"<!--beginarticle-->|<LINK REL=\"made\" HREF=\"mailto:", re.I)
# Every alternative holds '="', which detect_mail_kind looks for before this case-blind scan.
HYPERMAIL = re.compile(r'<!--\s*body="start"\s*-->|content="hypermail|<!-- isosent="', re.I)
# MHonArc writes the message's fields in comments before its page, the body between markers.
MHONARC = re.compile(r"<!--X-(?:Message-Id|Subject):|<!--X-Body-of-Message-->")
# A pipermail page saved as text: subject, "Name addr at host", asctime date (seed 000).
PIPERMAIL_MESSAGE = re.compile(
    r"\A\s*(?P<subject>[^\n]+)\n\s*\n(?P<author>[^\n]*?)\s*(?P<address>\S+ at \S+)\s*\n"
    r"(?P<date>\w{3} \w{3}\s+\d+ \d\d:\d\d:\d\d(?: \w+)? \d{4})\s*\n"
)


class MailError(ValueError):
    """The bytes cannot be read as mail of the kind asked for."""


class NotMail(MailError):
    """The bytes are empty, binary, or do not hold a message of the given kind."""


class UnknownMailKind(MailError):
    """The kind is not one `read_mail` knows."""


def detect_mail_kind(head: bytes) -> str | None:
    """Return the mail kind of a file from its first bytes, or None when it is not mail.

    A NUL byte does not stop an mbox or a message being mail: it costs only the message holding it
    (`read_mail` drops NULs per message), not a month of them.
    """
    head = head.removeprefix(BOM_UTF8)  # a BOM some Windows tools write first
    if not head.strip():
        return None
    text = head[:16384].decode("latin-1")
    if NUL not in head[:8192]:
        if PIPERMAIL_HTML.search(text):
            return "pipermail-html"
        # The case-blind scan alone cost 39 us a Usenet post.
        if '="' in text and HYPERMAIL.search(text):
            return "hypermail"
        if "<!--X-" in text and MHONARC.search(text):
            return "mhonarc"
    start = len(text) - len(text.lstrip("\r\n"))  # an mbox may open with a blank line
    if text.startswith("From ", start) and ENVELOPE.match(head, start):
        names = _header_names(text[start:].split("\n", 1)[1])
        return "pipermail-archive" if names and names <= PIPERMAIL_HEADERS else "mbox"
    if NUL not in head[:8192] and PIPERMAIL_MESSAGE.match(text):
        return "pipermail-message"
    names = _header_names(text)
    if "newsgroups" in names and ("from" in names or "message-id" in names):
        return "usenet"
    if names & MAIL_ONLY_HEADERS or len(names & MAIL_HEADERS) >= MIN_FIELDS:
        return "eml"
    return None


def _header_names(text: str) -> set[str]:
    """Return the lower-cased names of a plausible RFC 5322 header block at the start of text.

    The block is fields ("Name: value") and their folded lines up to a blank line; one line that
    is neither is forgiven (a mailer's broken "X-Mailer Outlook"). Anything else is no header block.
    """
    names: set[str] = set()
    broken = 0
    block = text.lstrip("\r\n")
    end = block.find("\n\n")  # the loop stops at the empty line there, if not before
    for line in (block if end < 0 else block[:end]).split("\n"):
        line = line.rstrip("\r")
        if not line.strip():
            break
        if FIELD_LINE.match(line):
            names.add(line.split(":", 1)[0].lower())
        elif not (line[:1].isspace() and names):
            broken += 1
            if broken > MAX_BROKEN_LINES or not names:
                return set()
    return names if len(names) >= MIN_FIELDS else set()


def read_mail(raw: bytes, kind: str) -> Iterator[Extracted]:
    """Yield one `Extracted` per message of a mail file of the given kind.

    Raises:
        UnknownMailKind: kind is not one of KINDS.
        NotMail: the bytes are empty, binary, or hold no message of that kind.
    """
    if kind not in KINDS:
        raise UnknownMailKind(f"unknown mail kind {kind!r}")
    raw = raw.removeprefix(BOM_UTF8)  # a BOM some Windows tools write first
    if not raw.strip():
        raise NotMail("empty input")
    # A NUL costs a message only when the file holds mail around it: a header block or "From " lines.
    if NUL in raw[:8192] and (kind not in ("pipermail-archive", "mbox", "eml", "usenet") or (
            kind in ("eml", "usenet") and not _header_names(raw[:16384].decode("latin-1")))):
        raise NotMail("binary input")
    if kind == "pipermail-archive" or kind == "mbox":
        yield from _read_mbox(raw, kind)
    elif kind == "pipermail-message":
        yield _read_saved_page(decode_bytes(raw))
    elif kind in ("pipermail-html", "hypermail", "mhonarc"):
        yield _read_page(raw, kind)
    else:
        yield from digests.each_message(_parse(raw.replace(NUL, b"")), None, lambda m, c: _from_message(m, kind, c))


def split_mbox(raw: bytes) -> list[bytes]:
    """Split an mbox into messages at "From " lines followed by a header block (past the first, a
    mail header block as detection asks: a body's "From the docs:" then "Note: ..." is no message)."""
    starts = [m.start() for m in ENVELOPE.finditer(raw)]
    if not starts:
        raise NotMail("no mbox 'From ' line followed by headers")
    starts = starts[:1] + [s for s in starts[1:] if _opens_message(raw, s)]
    ends = starts[1:] + [len(raw)]
    return [raw[s:e] for s, e in zip(starts, ends)]


def _opens_message(raw: bytes, start: int) -> bool:
    """Tell whether the "From " line at `start` ends with a date or is followed by mail headers."""
    if ENVELOPE_END.search(raw, max(start, (end := raw.index(b"\n", start)) - 40), end):
        return True
    names = _header_names(raw[end + 1:end + 4097].decode("latin-1"))
    return bool(names & MAIL_ONLY_HEADERS) or len(names & MAIL_HEADERS) >= MIN_FIELDS


def _read_mbox(raw: bytes, kind: str) -> Iterator[Extracted]:
    """Yield the messages of an mbox or pipermail .txt archive, each with the list it names itself.

    A pipermail .txt archive is one list's own month: a message in it that names no list (its
    subject lost the tag) was still carried by the list most of its messages name.
    """
    # A NUL (a pasted binary part) is dropped from its own message; the others never see it.
    messages = [_parse(ESCAPED_FROM.sub(rb"\1", chunk.replace(NUL, b""))) for chunk in split_mbox(raw)]
    archive_list = None
    if kind == "pipermail-archive":
        tags = Counter(t for m in messages if (t := chrome.list_tag(decode_header_value(m["Subject"]))))
        archive_list = tags.most_common(1)[0][0] if tags else None
    for message in messages:
        yield from digests.each_message(message, archive_list, lambda m, c: _from_message(m, kind, c))


def _parse(chunk: bytes) -> Message:
    """Parse one message, its mbox "From " line kept apart as the envelope."""
    envelope = None
    if chunk.startswith(b"From "):
        line, _, chunk = chunk.partition(b"\n")
        envelope = line.decode("latin-1").strip()
    message = parse_bytes(_without_broken_header_line(chunk))
    message.set_unixfrom(envelope)
    _mend_folded_boundary(message)
    return message


def parse_bytes(data: bytes) -> Message:
    """Return what `BytesParser(policy=compat32).parsebytes(data)` returns, most messages read faster.

    The feed parser reads every line through a generator and a line buffer (38 us of a Usenet post,
    13 here). Where its work is plain, it is done here with the same policy calls: headers that end
    at the first blank line, every line before it a field or a folded line (HEADER_LINES), none
    opening the block folded or with ":" (which the parser notes as defects) nor holding a carriage
    return (which it also reads as a line's end); then a body that is not multipart nor message/*,
    which it would set as the payload whole.
    """
    end = data.find(b"\n\n")
    if end < 0 or data[:1] in (b" ", b"\t", b":") or b"\r" in data[:end] or b"\n:" in data[:end] \
            or HEADER_LINES.match(data).end() != end + 1:
        return BytesParser(policy=compat32).parsebytes(data)
    message = Message(policy=compat32)
    field: list[str] = []
    for line in data[:end].decode("ascii", "surrogateescape").split("\n"):
        if field and line[0] not in " \t":
            message.set_raw(*compat32.header_source_parse(field))
            field = []
        field.append(line + "\n")
    message.set_raw(*compat32.header_source_parse(field))
    if message.get_content_maintype() in ("multipart", "message"):
        return BytesParser(policy=compat32).parsebytes(data)
    message.set_payload(data[end + 2:].decode("ascii", "surrogateescape"))  # as parsebytes decodes it
    return message


def _without_broken_header_line(chunk: bytes) -> bytes:
    """Drop a header line that is neither a field nor a folded line, so the fields after it stay headers."""
    end = _blank_line(chunk)
    if end < 0 or not BROKEN_HEADER_LINE.search(chunk, 0, end):
        return chunk
    lines = chunk[:end].split(b"\n")
    kept = [l for i, l in enumerate(lines)
            if i == 0 or l[:1] in (b" ", b"\t") or FIELD_LINE.match(l.decode("latin-1"))]
    return chunk if len(kept) == len(lines) else b"\n".join(kept) + chunk[end:]


def _blank_line(chunk: bytes) -> int:
    """Return where the first blank line ("\\r?\\n\\r?\\n") starts, or -1 (found with `find`, not a regex)."""
    found = [i for i in (chunk.find(b"\n\n"), chunk.find(b"\n\r\n")) if i >= 0]
    if not found:
        return -1
    start = min(found)
    return start - 1 if chunk[start - 1:start] == b"\r" else start


def _mend_folded_boundary(message: Message) -> None:
    """Give a multipart message whose quoted boundary was folded ("foo\\n bar") the boundary its body uses."""
    for part in message.walk():
        boundary = part.get_boundary() if part.get_content_maintype() == "multipart" else None
        if not boundary or not re.search(r"\s", boundary) or part.is_multipart():
            continue
        body = str(part.get_payload())
        for candidate in (re.sub(r"\s+", "", boundary), re.sub(r"\r?\n", "", boundary)):
            if f"--{candidate}" in body:
                part.set_boundary(candidate)
                reparsed = BytesParser(policy=compat32).parsebytes(part.as_bytes())
                part.set_payload(reparsed.get_payload())
                break


def _from_message(message: Message, kind: str, archive_list: str | None = None) -> Extracted:
    """Build the `Extracted` of one parsed message; its list is its List-Id, else its subject's tag."""
    charset = headers.body_charset(message)  # raw 8-bit headers are most often in the body's charset
    field = _first_values(message)
    subject = decode_header_value(field.get("subject"), charset)
    sender = decode_header_value(field.get("from"), charset)
    body, quoted = chrome.clean_body(message_text(message))
    carrier = headers.list_id(message) or chrome.list_tag(subject) or archive_list
    if kind == "usenet":
        groups = decode_header_value(field.get("newsgroups")).replace(" ", "")
        carrier = groups.split(",")[0] or None
    date = headers.sent_date(field.get("date"), message.get_unixfrom(), field.get("received"))
    references = headers.message_ids(field.get("references"))
    parent = (headers.message_ids(field.get("in-reply-to")) or references[-1:] or [None])[0]
    item = Extracted(
        kind=kind, body=body, title=chrome.clean_subject(subject), outlet=carrier, date=date,
        author=headers.author(sender), address=headers.address(sender), carrier=carrier, quoted=quoted,
        message_id=headers.message_id(field.get("message-id")), reply_to=parent,
        references=[r for r in references if r != parent] + ([parent] if parent else []),
        subject=subject or None,
    )
    return _with_article_header(_with_fallback_body(item))


def _first_values(message: Message) -> dict[str, object]:
    """Return each header's first value by its lower-cased name, as `message[name]` gives it.

    One pass over the headers: `message[name]` lower-cases every header's name at each call.
    """
    found: dict[str, object] = {}
    for name, value in message.items():
        found.setdefault(name.lower(), value)
    return found


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
    match = INLINE_BOUNDARY.search(payload) if b"Content-" in payload else None  # the scan cost 7 us a post
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
    carrier = listchrome.list_name_in_footer(rest) or chrome.list_tag(subject)
    body, quoted = chrome.clean_body(rest)
    item = Extracted(
        kind="pipermail-message", body=body, title=chrome.clean_subject(subject), outlet=carrier,
        date=headers.header_date(match.group("date")), author=match.group("author").strip() or None,
        carrier=carrier, quoted=quoted, subject=subject, address=headers.address(match.group("address")),
    )
    return _with_article_header(_with_fallback_body(item))


def _inline_mime_text(text: str) -> str:
    """Return the text part of a page body that shows raw MIME parts, else the body itself."""
    raw = text.encode("utf-8")
    if not INLINE_BOUNDARY.search(raw):
        return text
    return message_text(BytesParser(policy=compat32).parsebytes(raw))


def _read_page(raw: bytes, kind: str) -> Extracted:
    """Read one pipermail, Hypermail or MHonArc message page."""
    page = decode_bytes(raw, htmlforms.page_charset(raw))
    found = htmlforms.PAGE_READERS[kind](page)
    if found is None:
        raise NotMail(f"no message body markers for {kind}")
    carrier = found.list_name or chrome.list_tag(found.subject)
    # The page shows the body as the archive's mbox holds it: ">From " lines escaped (pipermail).
    text = ESCAPED_FROM_TEXT.sub(r"\1", found.body)
    body, quoted = chrome.clean_body(_inline_mime_text(text))
    item = Extracted(
        kind=kind, body=body, title=chrome.clean_subject(found.subject), outlet=carrier,
        date=headers.header_date(found.date), author=found.author or found.address, carrier=carrier, quoted=quoted,
        message_id=found.message_id, reply_to=found.reply_to,
        references=found.references or ([found.reply_to] if found.reply_to else []),
        subject=found.subject, address=headers.address(found.address or ""),
    )
    return _with_article_header(_with_fallback_body(item))
