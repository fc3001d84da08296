"""What a message's headers say: sender, dates, Message-IDs and the ids it answers, its list."""
from __future__ import annotations

import email.utils
import functools
import re
from datetime import date, timedelta
from email.message import Message

from search.extract.mail.decode import decode_header_value

__all__ = ["address", "author", "body_charset", "envelope_date", "header_date", "list_id", "message_id",
           "message_ids", "sent_date"]

ENVELOPE_DATE = re.compile(r"(\w{3} \w{3}\s+\d+ \d\d:\d\d:\d\d(?: \w+)? \d{4})\s*$")
OBFUSCATED_AT = re.compile(r"^(\S+) at (\S+)")
# "address (Name)": the name is the whole comment, parentheses inside it too ("Chris (FeedTagger)"),
# as pipermail's page shows it; `parseaddr` drops inner parentheses.
COMMENT_NAME = re.compile(r"^\S+(?:@| at )\S+\s+\((.+)\)\s*$")
LIST_ID = re.compile(r"<([^.>]+)[.>]")
MESSAGE_IDS = re.compile(r"<([^<>\s]{1,250})>")
# An id sent without its brackets counts only when it looks like one (see message_ids).
BARE_MESSAGE_ID = re.compile(r"^[^<>\s@]{1,200}@[^<>\s@]{1,200}$")


# How far ahead of its delivery a message's Date may be. Pipermail archives hold Dates 3 to 7 days
# after their envelopes (twisted-web 2004-2009: held for moderation, or pipermail's own date
# policy), whichever is right; a clock a month or years ahead (spam dated 2037) is wrong.
MAX_CLOCK_AHEAD = timedelta(days=31)

# Senders repeat (a Usenet worker's 10,000 posts come from 5,500), and parseaddr is slow Python.
@functools.lru_cache(maxsize=4096)
def author(sender: str) -> str | None:
    """Return the sender's name from a From header ("Name <a@b>" or "a at b (Name)"), else the address."""
    match = COMMENT_NAME.match(sender)
    name = match.group(1) if match else email.utils.parseaddr(OBFUSCATED_AT.sub(r"\1@\2", sender))[0]
    name = name.strip().strip("'\"").strip()
    return name or address(sender)


@functools.lru_cache(maxsize=4096)
def address(sender: str) -> str | None:
    """Return the sender's address from a From header, "a at b" written back as "a@b", or None."""
    address = email.utils.parseaddr(OBFUSCATED_AT.sub(r"\1@\2", sender.strip()))[1].strip()
    return address if "@" in address else None


def header_date(value: object) -> str | None:
    """Return YYYY-MM-DD of a Date header in the sender's own time zone, or None."""
    text = decode_header_value(value)
    try:
        parsed = email.utils.parsedate_tz(text) if text else None
    except (TypeError, ValueError, IndexError):
        parsed = None
    if not parsed or not 1900 < parsed[0] < 2100 or not 1 <= parsed[1] <= 12 or not 1 <= parsed[2] <= 31:
        return None
    return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}"


def sent_date(value: object, envelope: str | None = None, received: object = None,
              today: date | None = None) -> str | None:
    """Return YYYY-MM-DD of a message's Date header, unless its sender's clock was wrong.

    A Date later than the message's delivery (its mbox envelope's date, else its last Received
    header's; with neither, today) by more than MAX_CLOCK_AHEAD is a wrong clock (spam dated 2037,
    a machine set a year ahead): it sorted first in every "newest first" list and stood alone on
    the timeline. The delivery's day is taken instead, else no date. No Date: the delivery's day.
    """
    said = header_date(value)
    delivered = envelope_date(envelope) or received_date(received)
    if said is None:
        return delivered
    latest = date.fromisoformat(delivered) if delivered else (today or date.today())
    return said if said <= (latest + MAX_CLOCK_AHEAD).isoformat() else delivered


def received_date(received: object) -> str | None:
    """Return the date of a Received header ("from a by b; Tue, 13 Jan 2009 10:00:00 +0000"), or None."""
    text = decode_header_value(received)
    return header_date(text.rsplit(";", 1)[1]) if ";" in text else None


def envelope_date(envelope: str | None) -> str | None:
    """Return the date of an mbox "From " line, or None."""
    match = ENVELOPE_DATE.search(envelope or "")
    return header_date(match.group(1)) if match else None


def message_id(value: object) -> str | None:
    """Return a Message-ID without its angle brackets, or None."""
    text = decode_header_value(value).strip().strip("<>").strip()
    return text or None


def message_ids(value: object) -> list[str]:
    """Return the message ids of an In-Reply-To or References header, in order, without brackets."""
    text = decode_header_value(value)
    found = MESSAGE_IDS.findall(text)
    # An id sent without its brackets counts only when it looks like one: some mailers wrote
    # "In-Reply-To: 0" or a bare number (twisted-web 2004-2005), which would join unrelated threads.
    if not found and BARE_MESSAGE_ID.match(text.strip()):
        found = [text.strip()]
    return list(dict.fromkeys(f.strip() for f in found if f.strip()))


def body_charset(message: Message) -> str | None:
    """Return the charset the first text part declares, or None."""
    for part in message.walk():
        if part.get_content_maintype() == "text":
            try:
                charset = part.get_content_charset()
            except (LookupError, ValueError):
                charset = None
            if charset and charset not in ("us-ascii", "ascii"):
                return charset
    return None


def list_id(message: Message) -> str | None:
    """Return the list name of a List-Id header ("Desc <name.host>"), or None."""
    match = LIST_ID.search(decode_header_value(message["List-Id"]))
    return match.group(1) if match else None
