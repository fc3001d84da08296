"""Turn a saved page's bytes into a tree: pick the charset, refuse binaries, close a runaway title."""
from __future__ import annotations

import codecs
import re

import trafilatura
from charset_normalizer import from_bytes
from lxml import html as lxml_html


class HtmlPageError(ValueError):
    """The bytes are not an HTML page that can be read (empty, binary, unparsable)."""


BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
# Browsers read a declared latin-1 as windows-1252 (curly quotes in 0x80-0x9f).
CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                   "us-ascii": "cp1252", "ascii": "cp1252"}
# Bytes that never occur in text: NULs and other C0 controls mark a binary file.
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
MAX_BINARY_SHARE = 0.01
# A <title> never closed swallows the page (lxml reads it as RCDATA up to </title>); l3s-html's
# 2008 pages from cbn.com and oregonlive.com have one.
TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.I)
TITLE_CLOSE = re.compile(r"</title\s*>", re.I)
TITLE_END = re.compile(r"[<\n]")
MAX_TITLE_CHARS = 400


def decode_html(raw: bytes | str) -> str:
    """Return the page as text: BOM, then valid UTF-8, then the declared charset, then a guess."""
    if isinstance(raw, str):
        return raw
    if not raw.strip():
        raise HtmlPageError("empty page")
    sample = raw[:4096]
    if len(BINARY_BYTES.findall(sample)) > MAX_BINARY_SHARE * len(sample):
        if not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise HtmlPageError("binary data, not an HTML page")
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(raw)
    if declared:
        try:
            return raw.decode(declared)
        except UnicodeDecodeError:
            pass
    guess = from_bytes(raw[:200_000]).best()
    encoding = guess.encoding if guess else declared or "cp1252"
    return raw.decode(encoding, errors="replace")


def _declared_charset(raw: bytes) -> str | None:
    """Return the Python codec named by the page's <meta charset>, if Python knows it."""
    match = DECLARED_CHARSET.search(raw[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    name = CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def repair_html(text: str) -> str:
    """Close a <title> left open, which would otherwise hide the whole page."""
    opened = TITLE_OPEN.search(text)
    if not opened:
        return text
    start = opened.end()
    closed = TITLE_CLOSE.search(text, start)
    if closed and closed.start() - start <= MAX_TITLE_CHARS and "<" not in text[start:closed.start()]:
        return text
    end = TITLE_END.search(text, start)
    cut = end.start() if end else len(text)
    return text[:cut] + "</title>" + text[cut:]


def parse_html(text: str) -> lxml_html.HtmlElement:
    """Parse the page into an lxml tree, or raise HtmlPageError."""
    tree = trafilatura.load_html(text)
    if tree is None:
        raise HtmlPageError("not parsable as HTML")
    return tree
