"""Read a news page saved as HTML: decode it, find the article text and its metadata.

The body comes from trafilatura, run on a tree prepared for it (layout tables unwrapped, loose
text put into paragraphs, captions removed), widened to every section of an article cut up by
ads, and trimmed of the chrome lines it keeps (tools, see-also links, bylines, copyright).
"""
from __future__ import annotations

import codecs
import re
from copy import deepcopy

import trafilatura
from charset_normalizer import from_bytes
from lxml import html as lxml_html

from search import htmlmeta
from search.documents import Extracted


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
# Past this a page is cut: it keeps trafilatura's time per page bounded.
MAX_PAGE_CHARS = 3_000_000
# A <title> never closed swallows the page (lxml reads it as RCDATA up to </title>); l3s-html's
# 2008 pages from cbn.com and oregonlive.com have one.
TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.I)
TITLE_CLOSE = re.compile(r"</title\s*>", re.I)
TITLE_END = re.compile(r"[<\n]")
MAX_TITLE_CHARS = 400

TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": True}
# Tables used for page layout (2008-era news sites) hold the article beside menus: they are
# read as ordinary blocks, not as data tables whose every cell trafilatura would keep.
LAYOUT_CELL_BLOCKS = "|".join(f".//{tag}" for tag in (
    "table", "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "form", "iframe", "object"))
MIN_LAYOUT_CELL_WORDS = 60
LAYOUT_TAGS = {"table": "div", "tbody": "div", "thead": "div", "tfoot": "div", "tr": "div",
               "td": "div", "th": "div", "caption": "div"}
# Old pages write the article straight into a <div> or <td>, paragraphs split by <br><br>.
LOOSE_TEXT_BOXES = ("div", "td", "th", "center", "body", "article", "section", "main")
INLINE_TAGS = {"a", "b", "i", "em", "strong", "span", "font", "u", "small", "big", "sub", "sup",
               "abbr", "cite", "q", "code", "br", "tt", "s", "strike", "mark", "time", "nobr"}
MIN_LOOSE_WORDS = 40
MAX_LOOSE_LINK_SHARE = 0.25
# Elements that are never the article: photo captions and credits (l3s-html's 2008 pages put
# long captions in <div class="pictureCaption">).
CHROME_TAGS = ("figcaption",)
CHROME_CLASS = re.compile(r"caption|(?:^|[-_ ])(?:photo|image|img)?credits?(?:$|[-_ ])", re.I)
MAX_CHROME_WORDS = 80
# trafilatura's markdown links, to tell menu and link-list lines from prose.
MARKDOWN_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\((?:<[^>]*>|[^)\s]*)\)")
MARKDOWN_ESCAPE = re.compile(r"\\([\[\]])")
MAX_LINE_LINK_SHARE = 0.5
# wired.com cuts an article into <div class="grid ..."> sections with ads between them.
MAX_SECTION_DEPTH = 5
MAX_SECTIONS = 20
MIN_PROSE_WORDS = 20
MAX_PROSE_LINK_SHARE = 0.2
SECTIONS_GROWTH = 1.2  # the sections must add a fifth to the text...
SECTIONS_KEEP = 0.9  # ...and keep nearly all of it

WORD = re.compile(r"\w+")
COPYRIGHT = re.compile(r"©|\(c\) *(?:19|20)\d\d|\bcopyright\b|all rights reserved", re.I)
MAX_COPYRIGHT_WORDS = 30
# Lines that start or end an extracted article but are page furniture.
EDGE_CHROME = re.compile(
    r"^(?:by|von|par|por|posted by|written by)\s+\S+(?:\s+\S+){0,5}$"  # byline
    r"|^(?:\w+day,?\s+)?(?:\d{1,2}\s+\w+|\w+\s+\d{1,2}),?\s+(?:19|20)\d\d\b.{0,30}$"  # date
    r"|^(?:\d+\s+)?comments?$|^(?:print|e-?mail|share|tweet)\b.{0,30}$", re.I)
EDGE_CHROME_PHRASES = {"comments", "print", "email", "share", "advertisement", "related",
                       "read more", "tags", "article tools", "print email", "teilen mit",
                       "wird geladen", "loading", "share this", "teilen", "drucken"}
MAX_EDGE_CHROME_WORDS = 8
# A line pointing to another article, inside or after the text (dw.com's "Read more: ...",
# larepublica.net's "NOTAS RELACIONADAS", lefigaro.fr's "À lire aussi").
SEE_ALSO = re.compile(
    r"^\W*(?:read more|read also|see also|related(?: articles?| stories| posts)?|more on this"
    r"|lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|schon gelesen|weitere beiträge"
    r"|weiterlesen|à lire aussi|lire aussi|vea también|lea también|notas relacionadas"
    r"|leggi anche|czytaj (?:też|także)|last modified|letzte änderung)\b", re.I)
MAX_SEE_ALSO_WORDS = 25
# Short lines of page tools and ad labels, wherever trafilatura leaves them (l3s-html's 2008
# news sites: "Printer friendly page", "Font size:", "Sponsored Links", "Post a comment").
TOOL_LINE = re.compile(
    r"^\W*(?:advertisement|advertiser links|sponsored links|anzeige|publicité|publicidad"
    r"|print(?: this)?(?: article| story| page)?|printer[- ]friendly(?: version| page)?"
    r"|e-?mail(?: this)?(?: article| story| page| to (?:a )?friend)?|send this (?:article|story)"
    r"|article tools|text size|font size|post a comment|have your say|comments rss"
    r"|share(?: this)?(?: article| story| page)?|tags|read on|breaking news|most popular"
    r"|top stories|related (?:links|stories|articles))\W*$", re.I)
# The standfirst sits in a "teaser" or "lead" box that trafilatura drops as boilerplate; the
# description <meta> names it (gdp.de's abstract, evref.ch's uk-text-lead, dbjr.de's teaser).
# A "dek" or "strapline" under US and UK headlines is a subtitle, not kept.
LEAD_XPATH = "//body//*[self::p or self::div or self::span or self::h2 or self::strong]"
LEAD_CLASS = re.compile(r"teaser|lead|abstract|chapo|intro|excerpt|standfirst", re.I)
LEAD_PROBE_WORDS = 8
LEAD_MAX_GROWTH = 1.5


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


def _own_cells(table: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Return the cells of a table, not those of tables nested in it."""
    return [c for c in table.iter("td", "th") if next(c.iterancestors("table")) is table]


def is_layout_table(table: lxml_html.HtmlElement) -> bool:
    """Tell whether a table lays out the page rather than holding data."""
    if table.get("role") == "presentation":
        return True
    for cell in _own_cells(table):
        if cell.xpath(LAYOUT_CELL_BLOCKS):
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
        if box.find("br") is None:
            continue  # a <div> of plain text is one paragraph already
        loose = _loose_words(box)
        links = sum(len(a.text_content().split()) for a in box.iter("a"))
        if loose < MIN_LOOSE_WORDS or links > MAX_LOOSE_LINK_SHARE * loose:
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


def prune_chrome(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Remove captions and credits, which trafilatura would keep as short paragraphs."""
    doomed = [node for node in tree.iter(CHROME_TAGS)]
    doomed += [node for node in tree.xpath("//body//*[@class or @id]")
               if CHROME_CLASS.search(" ".join((node.get("class", ""), node.get("id", ""))))
               and len(node.text_content().split()) <= MAX_CHROME_WORDS]
    for node in doomed:
        if node.getparent() is not None:
            node.drop_tree()
    return tree


def run_trafilatura(tree: lxml_html.HtmlElement) -> str:
    """Return trafilatura's text without runs of lines that are all links (menus, link lists)."""
    plain = trafilatura.extract(deepcopy(tree), **TRAFILATURA_OPTIONS) or ""
    marked = trafilatura.extract(tree, include_links=True, **TRAFILATURA_OPTIONS) or ""
    linked = {_fold(text) for text, is_link in link_lines(marked) if is_link}
    lines = [(line, _fold(line) in linked) for line in plain.splitlines() if line.strip()]
    kept = [text for i, (text, is_link) in enumerate(lines)
            if not (is_link and (i in (0, len(lines) - 1) or lines[i - 1][1] or lines[i + 1][1]))]
    return "\n".join(kept).strip()


def link_lines(marked: str) -> list[tuple[str, bool]]:
    """Return each line of trafilatura's markdown as plain text, and whether it is mostly links."""
    text = MARKDOWN_LINK.sub(lambda m: "\x01" + MARKDOWN_ESCAPE.sub(r"\1", m.group(1)) + "\x02", marked)
    inside, lines = False, []
    for line in text.splitlines():
        linked = total = 0
        for piece in re.split("([\x01\x02])", line):
            if piece in "\x01\x02" and piece:
                inside = piece == "\x01"
                continue
            total += len(piece.split())
            linked += len(piece.split()) if inside else 0
        plain = line.replace("\x01", "").replace("\x02", "")
        lines.append((plain, bool(total) and linked >= MAX_LINE_LINK_SHARE * total))
    return lines


def extract_body(tree: lxml_html.HtmlElement) -> str:
    """Return the article text, paragraphs one a line."""
    tree = deepcopy(tree)
    for node in list(tree.iter("script", "style")):
        node.drop_tree()
    prune_chrome(unwrap_layout_tables(tree))
    wrap_loose_text(tree)
    text = run_trafilatura(deepcopy(tree))
    parts = [run_trafilatura(page) for page in sibling_sections(tree, text)]
    wider = "\n".join(part for part in parts if part)
    return wider if extends(wider, text) else text


def _first_paragraph(tree: lxml_html.HtmlElement, text: str) -> lxml_html.HtmlElement | None:
    """Return the element holding the first long paragraph of the extracted text."""
    first = next((line for line in text.splitlines() if len(line.split()) >= LEAD_PROBE_WORDS * 2), "")
    probe = " ".join(_fold(first).split()[:LEAD_PROBE_WORDS])
    if not probe:
        return None
    for node in tree.iter("p", "div", "td", "li"):
        if _fold(node.text_content()).startswith(probe):
            found = node
            while (inner := next((c for c in found if _fold(c.text_content()).startswith(probe)),
                                 None)) is not None:
                found = inner
            return found
    return None


def is_prose(box: lxml_html.HtmlElement) -> bool:
    """Tell whether a box holds running text: a long paragraph and few links."""
    words = len(box.text_content().split())
    linked = sum(len(a.text_content().split()) for a in box.iter("a"))
    long_para = any(len(p.text_content().split()) >= MIN_PROSE_WORDS for p in box.iter("p"))
    return long_para and linked <= MAX_PROSE_LINK_SHARE * words


def sibling_sections(tree: lxml_html.HtmlElement, text: str) -> list[lxml_html.HtmlElement]:
    """Return the article's sections, each as a page, when ads split it into same-class boxes."""
    node = _first_paragraph(tree, text)
    for box in list(node.iterancestors())[:MAX_SECTION_DEPTH] if node is not None else []:
        parent = box.getparent()
        if parent is None or not box.get("class"):
            continue
        same = [c for c in parent if c.tag == box.tag and c.get("class") == box.get("class")]
        same = [c for c in same if c is box or is_prose(c)]
        if 1 < len(same) <= MAX_SECTIONS:
            pages = [lxml_html.fromstring("<html><body><article></article></body></html>")
                     for _ in same]
            for page, section in zip(pages, same):
                page.find(".//article").append(deepcopy(section))
            return pages
    return []


def _shingles(text: str) -> set[tuple[str, ...]]:
    """Return the set of word 4-grams of a text."""
    words = WORD.findall(text.casefold())
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def extends(wider: str, text: str) -> bool:
    """Tell whether a wider extraction keeps the text and adds much more: the rest of the article."""
    if len(wider) < SECTIONS_GROWTH * len(text):
        return False
    mine = _shingles(text)
    return bool(mine) and len(mine & _shingles(wider)) >= SECTIONS_KEEP * len(mine)


def _fold(text: str) -> str:
    """Return text lower-cased, words only, to compare lines."""
    return " ".join(WORD.findall(text.casefold()))


def is_edge_chrome(line: str, labels: tuple[str | None, ...] = ()) -> bool:
    """Tell whether a line at an end of the body is chrome: a label (headline, site), a byline."""
    folded = _fold(line)
    if not folded or folded in {_fold(label) for label in labels if label}:
        return True
    if len(folded.split()) > MAX_EDGE_CHROME_WORDS:
        return False
    return folded in EDGE_CHROME_PHRASES or bool(EDGE_CHROME.search(line.strip(" |")))


def clean_body(text: str, labels: tuple[str | None, ...] = ()) -> str:
    """Drop empty rows, copyright, tool and see-also lines, and chrome (labels, bylines) at the ends."""
    lines = [line.rstrip() for line in text.splitlines()]
    lines = [line for line in lines if WORD.search(line) and not _is_copyright(line)
             and not (SEE_ALSO.search(line) and len(line.split()) <= MAX_SEE_ALSO_WORDS)
             and not TOOL_LINE.search(line.strip(" |-"))]
    while lines and is_edge_chrome(lines[0], labels):
        lines.pop(0)
    while lines and is_edge_chrome(lines[-1]):
        lines.pop()
    lines = [line.replace("\\|", "|") for line in lines]  # trafilatura escapes cell bars
    return "\n".join(line.strip(" |") if line.startswith("| ") else line for line in lines)


def _is_copyright(line: str) -> bool:
    """Tell whether a short line is a copyright notice."""
    return len(line.split()) <= MAX_COPYRIGHT_WORDS and bool(COPYRIGHT.search(line))


def find_lead(tree: lxml_html.HtmlElement, body: str) -> str | None:
    """Return the standfirst the body lacks: the visible paragraph that the description opens."""
    description = htmlmeta.extract_description(tree)
    words = _fold(description or "").split()[:LEAD_PROBE_WORDS]
    if len(words) < LEAD_PROBE_WORDS or " ".join(words) in _fold(body):
        return None
    probe = " ".join(words)
    for node in tree.xpath(LEAD_XPATH):
        text = " ".join(node.text_content().split())
        if _fold(text).startswith(probe) and len(text) <= LEAD_MAX_GROWTH * len(description):
            boxes = [node, *list(node.iterancestors())[:2]]
            return text if any(LEAD_CLASS.search(b.get("class", "")) for b in boxes) else None
    return None


def extract_html_page(raw: bytes | str) -> Extracted:
    """Extract the article text, title, outlet, date and author of one saved HTML page.

    Args:
        raw: the file's bytes (or already decoded text).

    Returns:
        An `Extracted` of kind "html"; fields the page does not state are None.

    Raises:
        HtmlPageError: the input is empty, binary, or not HTML.
    """
    text = repair_html(decode_html(raw)[:MAX_PAGE_CHARS])
    if not text.strip():
        raise HtmlPageError("empty page")
    tree = parse_html(text)
    meta = htmlmeta.extract_meta(tree)
    body = clean_body(extract_body(tree), (meta.title, meta.outlet, meta.author))
    lead = find_lead(tree, body)
    if lead:
        body = f"{lead}\n{body}"
    return Extracted(kind="html", body=body, title=meta.title, outlet=meta.outlet,
                     date=meta.date, author=meta.author)
