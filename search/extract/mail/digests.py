"""The messages a list's digest carries: a MIME digest's parts, a plain-text digest's sections.

A digest subscriber's archive holds one mail a day that carries the list's messages. Read as one
message, only its table of contents was indexed (the first text part) and every message in it was
lost. Mailman sends both forms: MIME (a `multipart/digest` of `message/rfc822` parts, RFC 2046)
and plain text (RFC 1153: "Message: N" sections between lines of dashes).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32

from search.extract.mail.headers import list_id

__all__ = ["carried_messages", "each_message"]

# RFC 1153: a line of 70 dashes after the table of contents, 30 between messages.
SECTION_RULE = re.compile(r"^-{30,}[ \t]*$", re.M)
# A section opens with "Message: N", then the message's own header block.
SECTION_START = re.compile(r"\A\s*Message:\s*\d+[ \t]*\r?\n(?=[\w-]+:)")
# Words a plain-text digest's opening holds (Mailman's "Today's Topics:", LISTSERV's "Topics of
# the day:"); the cheap gate before the sections are looked for.
TOPICS = re.compile(r"^(?:Today's Topics|Topics of (?:the|this) day|Topics)\s*:", re.I | re.M)
# The digest's closing line after its last message, when no list footer stands between.
DIGEST_END = re.compile(r"^End of .{0,200}Digest\b.*(?:\n\*+[ \t]*)?\s*\Z", re.I | re.M)


def each_message(message: Message, archive_list: str | None, read: Callable) -> list:
    """Return `read(m, list)` of the message, or of each message it carries when it is a digest
    (sent to the digest's list: its List-Id, else the archive's)."""
    carried = carried_messages(message)
    carrier = (list_id(message) or archive_list) if carried else archive_list
    return [read(inner, carrier) for inner in carried or [message]]


def carried_messages(message: Message) -> list[Message]:
    """Return the messages a digest carries, in order; an empty list for any other message.

    A reply is never a digest, whatever it quotes: a reply to a digest quoting it whole (a spam
    answer in twisted-web's 2015-October) keeps its own text.
    """
    if message.is_multipart():
        carried = [inner for part in message.walk() if part.get_content_type() == "multipart/digest"
                   for inner in _rfc822_parts(part)]
    else:
        carried = _plain_sections(message)
    if carried and (message["In-Reply-To"] is not None or message["References"] is not None):
        return []
    return carried


def _rfc822_parts(digest: Message) -> list[Message]:
    """Return the messages of a multipart/digest part (its parts are message/rfc822 by default)."""
    found = []
    for part in digest.get_payload():
        if isinstance(part, Message) and part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            if isinstance(inner, Message):
                found.append(inner)
    return found


def _plain_sections(message: Message) -> list[Message]:
    """Return the messages of an RFC 1153 plain-text digest, or [] when the text is not one."""
    # The cheap gate first: every digest says so in its subject ("X Digest, Vol 3, Issue 12",
    # LISTSERV's "X Digest - 5 Jan 2009 to 6 Jan 2009"); reading the payload cost 5% of a post.
    if "igest" not in str(message.get("Subject", "")) or message.get_content_maintype() != "text":
        return []
    raw = message.get_payload()
    if not isinstance(raw, str) or "Message:" not in raw or not TOPICS.search(raw):
        return []
    payload = message.get_payload(decode=True)
    text = payload.decode("latin-1") if isinstance(payload, bytes) else raw  # each message decodes its own
    found = []
    for section in SECTION_RULE.split(text):
        start = SECTION_START.match(section)
        if start:
            section = DIGEST_END.sub("", section[start.end():])
            found.append(BytesParser(policy=compat32).parsebytes(section.encode("latin-1", "replace")))
    return found
