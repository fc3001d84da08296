"""Read a news page saved as HTML: decode it, find the article text and its metadata."""
from __future__ import annotations

import codecs
import re
from copy import deepcopy

import trafilatura
from charset_normalizer import from_bytes
from lxml import html as lxml_html

from search.documents import Extracted
from search import htmlmeta


class HtmlPageError(ValueError):
    """The bytes are not an HTML page that can be read (empty, binary, unparsable)."""


BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
# Browsers read a declared latin-1 as windows-1252 (curly quotes in 0x80-0x9f).
CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                   "us-ascii": "cp1252", "ascii": "cp1252"}
# Bytes that never occur in text: a NUL or other C0 control marks a binary file.
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
MAX_BINARY_SHARE = 0.01
# A <title> never closed swallows the page (lxml reads it as RCDATA up to </title>).
TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.I)
TITLE_CLOSE = re.compile(r"</title\s*>", re.I)
TITLE_END = re.compile(r"[<\n]")
MAX_TITLE_CHARS = 400

import os
UNWRAP=os.environ.get("UNWRAP")=="1"
TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": os.environ.get("TABLES","1")=="1"}
# Tables used for page layout (2008-era news sites) hold the article beside menus: they are
# read as ordinary blocks, not as data tables whose every cell trafilatura would keep.
LAYOUT_CELL_BLOCKS = "table|p|div|ul|ol|h1|h2|h3|h4|form|iframe|object"
MIN_LAYOUT_CELL_WORDS = 60
LAYOUT_TAGS = {"table": "div", "tbody": "div", "thead": "div", "tfoot": "div", "tr": "div",
               "td": "div", "th": "div", "caption": "div"}


LOOSE=os.environ.get("LOOSE")=="1"
# Old pages write the article straight into a <div> or <td>, paragraphs split by <br><br>.
LOOSE_TEXT_BOXES = ("div", "td", "th", "center", "body", "article", "section", "main")
INLINE_TAGS = {"a", "b", "i", "em", "strong", "span", "font", "u", "small", "big", "sub", "sup",
               "abbr", "cite", "q", "code", "br", "tt", "s", "strike", "mark", "time", "nobr"}
MIN_LOOSE_WORDS = int(os.environ.get("MLW","50"))
MIN_LOOSE_SHARE = float(os.environ.get("MLS","0.5"))


CLEAN=os.environ.get("CLEAN","1")=="1"
WORD = re.compile(r"\w+")
COPYRIGHT = re.compile(r"©|\(c\) *(?:19|20)\d\d|\bcopyright\b|all rights reserved", re.I)
MAX_COPYRIGHT_WORDS = 30
# Lines that start or end an extracted article but are page furniture.
EDGE_CHROME = re.compile(
    r"^(?:by|von|par|por|posted by|written by)\s+\S+(?:\s+\S+){0,5}$"  # byline
    r"|^(?:\w+day,?\s+)?(?:\d{1,2}\s+\w+|\w+\s+\d{1,2}),?\s+(?:19|20)\d\d\b.{0,30}$"  # date
    r"|^(?:\d+\s+)?comments?$|^(?:print|e-?mail|share|tweet)\b.{0,30}$", re.I)
EDGE_CHROME_PHRASES = {"comments", "print", "email", "share", "advertisement", "related",
                       "read more", "tags", "article tools", "print email"}
MAX_EDGE_CHROME_WORDS = 8


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


def is_layout_table(table: lxml_html.HtmlElement) -> bool:
    """Tell whether a table lays out the page rather than holding data."""
    if table.get("role") == "presentation":
        return True
    for cell in table.xpath("./tr/td|./tbody/tr/td|./thead/tr/td|./tr/th|./tbody/tr/th"):
        if cell.xpath(f"./*[self::{' or self::'.join(LAYOUT_CELL_BLOCKS.split('|'))}]"):
            return True
        if len(cell.text_content().split()) >= MIN_LAYOUT_CELL_WORDS:
            return True
    return False


def unwrap_layout_tables(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Turn layout tables into nested <div>s so their text is judged block by block."""
    for table in reversed(tree.xpath("//table")):
        if is_layout_table(table):
            own = [n for n in table.iterdescendants(*LAYOUT_TAGS)
                   if n.tag != "table" and n.xpath("ancestor::table[1]")[0] is table]
            for node in [table, *own]:
                node.tag = LAYOUT_TAGS[node.tag]
    return tree


def _is_break(item: object) -> bool:
    """Tell whether an item of a box's content is a <br>."""
    return not isinstance(item, str) and item.tag == "br"


def _box_items(box: lxml_html.HtmlElement) -> list:
    """Return a box's content as text strings and elements in order, emptying the box."""
    items: list = [box.text or ""]
    for child in list(box):
        items += [child, child.tail or ""]
        child.tail = None
        box.remove(child)
    box.text = None
    return items


def _loose_words(box: lxml_html.HtmlElement) -> int:
    """Count the words a box holds outside any element but inline ones."""
    texts = [box.text or ""] + [c.tail or "" for c in box]
    texts += [c.text_content() for c in box if c.tag in INLINE_TAGS and c.tag != "a"]
    return sum(len(t.split()) for t in texts)


def wrap_loose_text(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Put text written straight into a <div> or <td>, between <br><br>, into <p>s."""
    for box in list(tree.iter(*LOOSE_TEXT_BOXES)):
        loose = _loose_words(box)
        if loose < MIN_LOOSE_WORDS or loose < MIN_LOOSE_SHARE * len(box.text_content().split()):
            continue
        items = _box_items(box)
        para = lxml_html.Element("p")
        for i, item in enumerate(items):
            if isinstance(item, str):
                if len(para):
                    para[-1].tail = (para[-1].tail or "") + item
                else:
                    para.text = (para.text or "") + item
            elif item.tag in INLINE_TAGS and not (_is_break(item) and _next_is_break(items, i)):
                para.append(item)
            else:
                if para.text or len(para):
                    box.append(para)
                    para = lxml_html.Element("p")
                if not _is_break(item):
                    box.append(item)
        if para.text or len(para):
            box.append(para)
    return tree


def _next_is_break(items: list, i: int) -> bool:
    """Tell whether a <br> at i is followed, past blank text, by another <br>."""
    for item in items[i + 1:]:
        if isinstance(item, str) and not item.strip():
            continue
        return _is_break(item)
    return False


def extract_body(tree: lxml_html.HtmlElement) -> str:
    """Return the article text, paragraphs one a line."""
    tree = unwrap_layout_tables(deepcopy(tree)) if UNWRAP else deepcopy(tree)
    if LOOSE:
        tree = wrap_loose_text(tree)
    text = trafilatura.extract(tree, **TRAFILATURA_OPTIONS) or ""
    return text.strip()


def _fold(text: str) -> str:
    """Return text lower-cased, words only, to compare lines."""
    return " ".join(WORD.findall(text.casefold()))


def is_edge_chrome(line: str, title: str) -> bool:
    """Tell whether a line at the start or end of the body is chrome (headline, byline, tools)."""
    folded = _fold(line)
    if not folded or (title and folded == _fold(title)):
        return True
    if len(folded.split()) > MAX_EDGE_CHROME_WORDS:
        return False
    return folded in EDGE_CHROME_PHRASES or bool(EDGE_CHROME.search(line.strip(" |")))


def clean_body(text: str, title: str | None) -> str:
    """Drop empty table rows and copyright lines, and chrome lines at both ends of the body."""
    lines = [line.rstrip() for line in text.splitlines()]
    lines = [line for line in lines if WORD.search(line) and not _is_copyright(line)]
    while lines and is_edge_chrome(lines[0], title or ""):
        lines.pop(0)
    while lines and is_edge_chrome(lines[-1], ""):
        lines.pop()
    return "\n".join(line.strip(" |") if line.startswith("| ") else line for line in lines)


def _is_copyright(line: str) -> bool:
    """Tell whether a short line is a copyright notice."""
    return len(line.split()) <= MAX_COPYRIGHT_WORDS and bool(COPYRIGHT.search(line))


def extract_html_page(raw: bytes | str) -> Extracted:
    """Extract the article text, title, outlet, date and author of one saved HTML page.

    Args:
        raw: the file's bytes (or already decoded text).

    Returns:
        An `Extracted` of kind "html"; fields the page does not state are None.

    Raises:
        HtmlPageError: the input is empty, binary, or not HTML.
    """
    text = repair_html(decode_html(raw))
    if not text.strip():
        raise HtmlPageError("empty page")
    tree = parse_html(text)
    meta = htmlmeta.extract_meta(tree)
    body = clean_body(extract_body(tree), meta.title) if CLEAN else extract_body(tree)
    return Extracted(kind="html", body=body, title=meta.title, outlet=meta.outlet,
                     date=meta.date, author=meta.author)
