"""Read the HTML forms of mail: pipermail, Hypermail and MHonArc message pages, and HTML-only
mail parts.

These archivers write one message a page, with the body between fixed comment markers and the
metadata in a fixed header; regular expressions read them faster than a full parse, and the
text inside the markers is plain `<pre>`/`<br>` text with a few inline tags.
"""
from __future__ import annotations

import email.utils
import html
import re
import urllib.parse
import warnings
from dataclasses import dataclass


PIPERMAIL_BODY = re.compile(r"<!--beginarticle-->(.*?)<!--endarticle-->", re.S | re.I)
PIPERMAIL_SUBJECT = re.compile(r"<H1>(.*?)</H1>", re.S | re.I)
PIPERMAIL_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S | re.I)
PIPERMAIL_AUTHOR = re.compile(r"</H1>\s*<B>(.*?)</B>", re.S | re.I)
PIPERMAIL_ADDRESS = re.compile(r"</H1>.*?<A\b[^>]*>(.*?)</A>", re.S | re.I)
PIPERMAIL_DATE = re.compile(r"</H1>.*?<I>(.*?)</I>", re.S | re.I)
# The page's reply link names the message it answers: mailto:list?Subject=...&In-Reply-To=<id, quoted>.
PIPERMAIL_REPLY_TO = re.compile(r'<LINK REL="made" HREF="mailto:[^"]*?[?&](?:amp;)?In-Reply-To=([^"&]+)"', re.I)
PIPERMAIL_LIST = re.compile(r"More information about the\s+(.*?)\s+mailing list", re.S | re.I)

HYPERMAIL_BODY = re.compile(r'<!--\s*body="start"\s*-->(.*?)<!--\s*body="end"\s*-->', re.S | re.I)
HYPERMAIL_FIELD = re.compile(r'<!--\s*(\w+)="(.*?)"\s*-->', re.S)
HYPERMAIL_HEADERS = re.compile(r'<address class="headers">.*?</address>', re.S | re.I)
HYPERMAIL_RECEIVED = re.compile(r'<span id="received">.*?</span>', re.S | re.I)  # "Received on <date>"
HYPERMAIL_LIST = re.compile(r"<title>.*\(([^()]+)\)\s*</title>", re.S | re.I)
# MHonArc (lists.gnu.org, lists.debian.org, mail-archive.com): the message's fields in comments
# before the page ("<!--X-Subject: ... -->", escaped as HTML), its header as a list
# ("<li><em>From</em>: Name &lt;addr&gt;</li>") and its body between X-Body-of-Message markers.
MHONARC_BODY = re.compile(r"<!--X-Body-of-Message-->(.*?)(?:<!--X-Body-of-Message-End-->|<!--X-MsgBody-End-->)",
                          re.S)
MHONARC_FIELD = re.compile(r"<!--X-([\w-]+): ?(.*?) ?-->")
MHONARC_HEADER = re.compile(r"<li>\s*<(?:em|strong|b)>([\w-]+)</(?:em|strong|b)>\s*:(.*?)</li>", re.S | re.I)
MHONARC_HEAD = re.compile(r"<!--X-Head-of-Message-->(.*?)<!--X-Head-of-Message-End-->", re.S)
META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w.:-]+)""", re.I)

# An archiver's navigation pages: pipermail's month indexes (thread.html, date.html, subject.html,
# author.html: links to the other orders "X.html#start", no article markers), pipermail's list of
# months (rows of links "MONTH/thread.html" ... "MONTH/date.html") and Hypermail's indexes (its
# generator, a "messages-list" of links, no body markers). By these markers, never by a file's name:
# a news site's index.html is an article page. ASCII bytes, read from a file's head.
PIPERMAIL_SORT_LINK = re.compile(rb'<a href="(thread|subject|author|date)\.html#start"', re.I)
PIPERMAIL_MONTH_LINK = re.compile(rb'<a href="([^"/<>]{1,80})/(thread|subject|author|date)\.html"', re.I)
HYPERMAIL_INDEX = re.compile(rb'<meta name="generator" content="hypermail[^>]*>.*?<div class="messages-list">',
                             re.I | re.S)
# MHonArc's indexes (maillist.html, threads.html, mail2.html, thrd3.html): its generator's comment
# and links to its message pages, no body markers.
MHONARC_INDEX_LINK = re.compile(rb'href="msg\d+\.html"', re.I)
MHONARC_INDEX_LINKS = 2
ARTICLE_MARKERS = re.compile(rb'<!--beginarticle-->|<!--\s*body="start"\s*-->|<!--X-Body-of-Message-->', re.I)
# One pipermail month is linked in these orders; a page linking fewer is not the list's index.
PIPERMAIL_ORDERS = 4

BREAK = re.compile(r"\n?<br\s*/?>\n?", re.I)
# Hypermail closes a quote's <em> on the next line ("text\n</em><br />"): one line break, not two.
INLINE_CLOSE_AFTER_NEWLINE = re.compile(r"\n((?:</(?:em|span|i|b|a)>)+)(?=<br)", re.I)
BLOCK_END = re.compile(r"</(?:p|div|li|h\d|tr|blockquote)>|<(?:p|div|li|hr|tr)\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")
# Pipermail links the URLs of a body. It escapes the link's HREF once more than its text, so a URL
# that holds an entity ("?a=1&amp;b=2", as a sender wrote it) reads right only from the HREF
# (twisted-web 2015 invitations); elsewhere the text is right (an HREF can stop short of a quote).
LINKED_URL = re.compile(r'<a\s+href="([^"]*)"\s*>((?:https?|ftp)://[^<]*)</a>', re.I)
# Tags whose text is never part of what the author wrote, for HTML-only mail parts.
HTML_NOISE_TAGS = ("script", "style", "head", "title")


@dataclass
class PageMessage:
    """The fields an archiver's message page states, as text."""

    body: str
    subject: str | None = None
    author: str | None = None
    address: str | None = None
    date: str | None = None
    list_name: str | None = None
    message_id: str | None = None
    reply_to: str | None = None
    references: list[str] | None = None  # ancestors, the parent last, where the page names them


def page_charset(raw: bytes) -> str | None:
    """Return the charset a page's <meta> declares, or None."""
    match = META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def fragment_text(fragment: str) -> str:
    """Turn a <pre>/<br> HTML fragment into text: breaks to newlines, tags dropped, entities decoded."""
    text = LINKED_URL.sub(_linked_url_text, fragment)
    text = INLINE_CLOSE_AFTER_NEWLINE.sub(r"\1", text)
    text = BREAK.sub("\n", text)
    text = BLOCK_END.sub("\n", text)
    return html.unescape(TAG.sub("", text)).replace("\xa0", " ")


def _linked_url_text(match: re.Match[str]) -> str:
    """Return a linked URL's text, from the HREF when the text lost an escape the HREF keeps."""
    href, text = match.group(1), match.group(2)
    if html.unescape(href) != html.unescape(text) and html.unescape(html.unescape(href)) == html.unescape(text):
        return href
    return text


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    """Return the unescaped, whitespace-collapsed first group of a match, or None."""
    match = pattern.search(text)
    if not match:
        return None
    value = " ".join(html.unescape(TAG.sub("", match.group(1))).split())
    return value or None


def read_pipermail_page(page: str) -> PageMessage | None:
    """Read one pipermail message page, or return None when it has no article markers."""
    match = PIPERMAIL_BODY.search(page)
    if not match:
        return None
    head = page[: match.start()]
    return PageMessage(
        body=fragment_text(match.group(1)),
        subject=_first(PIPERMAIL_SUBJECT, head) or _first(PIPERMAIL_TITLE, head),
        author=_first(PIPERMAIL_AUTHOR, head),
        address=_first(PIPERMAIL_ADDRESS, head),
        date=_first(PIPERMAIL_DATE, head),
        list_name=_first(PIPERMAIL_LIST, page[match.end():]),
        reply_to=_reply_to(head),
    )


def _reply_to(head: str) -> str | None:
    """Return the Message-ID a pipermail page says its message answers, or None."""
    found = PIPERMAIL_REPLY_TO.search(head)
    value = urllib.parse.unquote(found.group(1)).strip().strip("<>").strip() if found else ""
    return value or None


def read_hypermail_page(page: str) -> PageMessage | None:
    """Read one Hypermail 2.x message page, or return None when it has no body markers."""
    match = HYPERMAIL_BODY.search(page)
    if not match:
        return None
    fields = {k: html.unescape(v) for k, v in HYPERMAIL_FIELD.findall(page[: match.start()])}
    body = HYPERMAIL_RECEIVED.sub("", HYPERMAIL_HEADERS.sub("", match.group(1), count=1))
    return PageMessage(
        body=fragment_text(body),
        subject=fields.get("subject") or None,
        author=fields.get("name") or None,
        address=fields.get("email") or None,
        date=fields.get("sent") or fields.get("received") or None,
        list_name=_first(HYPERMAIL_LIST, page[: match.start()]),
        message_id=fields.get("id") or None,
        reply_to=(fields.get("inreplyto") or "").strip().strip("<>").strip() or None,
    )


def read_mhonarc_page(page: str) -> PageMessage | None:
    """Read one MHonArc message page, or return None when it has no body markers."""
    match = MHONARC_BODY.search(page)
    if not match:
        return None
    comments = [(name.lower(), " ".join(html.unescape(value).split()))
                for name, value in MHONARC_FIELD.findall(page[: match.start()])]
    fields = dict(reversed(comments))  # the first comment of each name
    shown = MHONARC_HEAD.search(page, 0, match.start())
    header = {name.lower(): " ".join(html.unescape(TAG.sub("", value)).split())
              for name, value in MHONARC_HEADER.findall(shown.group(1) if shown else "")}
    author, address = email.utils.parseaddr(header.get("from", ""))
    references = [value.strip("<>") for name, value in comments if name == "reference" and value.strip("<>")]
    return PageMessage(
        body=fragment_text(match.group(1)),
        subject=fields.get("subject") or header.get("subject") or None,
        author=author or None,
        address=address if "@" in address and not address.endswith("@hidden") else None,  # GNU's "address@hidden"
        date=fields.get("date") or header.get("date") or None,
        message_id=fields.get("message-id", "").strip("<>") or None,
        reply_to=header.get("in-reply-to", "").strip("<> ") or (references or [None])[-1],
        references=references,
    )


# The reader of each archiver's message pages, by the mail kind of the page.
PAGE_READERS = {"pipermail-html": read_pipermail_page, "hypermail": read_hypermail_page, "mhonarc": read_mhonarc_page}


def archive_navigation(head: bytes) -> str | None:
    """Return which archiver's navigation page `head` (a file's first bytes) is, or None.

    Such a page lists an archive's messages (by thread, date, subject, author) or its months: it
    holds no message, and its words are every subject and sender of the month again.
    """
    # Each kind is gated by a string its archiver writes as written here (a bytes search, some
    # microseconds on a large page): a Usenet post or a news page costs three of them.
    month = b'.html#start"' in head
    months = b'/thread.html"' in head
    hypermail = b'class="messages-list"' in head
    mhonarc = b"<!-- MHonArc v" in head
    if not (month or months or hypermail or mhonarc) or ARTICLE_MARKERS.search(head):
        return None
    if month and len({m.group(1).lower() for m in PIPERMAIL_SORT_LINK.finditer(head)}) >= 2:
        return "pipermail's index of a month's messages"
    orders: dict[bytes, set[bytes]] = {}
    for match in PIPERMAIL_MONTH_LINK.finditer(head) if months else ():
        orders.setdefault(match.group(1), set()).add(match.group(2).lower())
        if len(orders[match.group(1)]) == PIPERMAIL_ORDERS:
            return "pipermail's index of a list's months"
    if hypermail and HYPERMAIL_INDEX.search(head):
        return "Hypermail's index of messages"
    if mhonarc and len(MHONARC_INDEX_LINK.findall(head)) >= MHONARC_INDEX_LINKS:
        return "MHonArc's index of messages"
    return None


def html_to_text(markup: str) -> str:
    """Return the visible text of an HTML mail part, one block a line."""
    # imported when a part first needs it: plain-text mail (most of it) never does, and an
    # indexer waits for its imports before its workers start
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    with warnings.catch_warnings():
        # a one-line part that looks like a URL or file name is still the part's text
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup, "lxml")
    for tag in soup(HTML_NOISE_TAGS):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(["p", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote"]):
        block.insert_after("\n")
    for quote in reversed(soup.find_all("blockquote")):  # innermost first, so levels nest
        lines = quote.get_text().strip("\n").split("\n")
        quote.replace_with("\n" + "\n".join("> " + line for line in lines) + "\n")
    text = soup.get_text().replace("\xa0", " ")
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)
