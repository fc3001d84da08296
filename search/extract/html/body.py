"""Find the article text with trafilatura: drop link lists, join sections split by ads, add the lead."""
from __future__ import annotations

import re
from copy import deepcopy

import trafilatura
from lxml import html as lxml_html

from search.extract.html import meta
from search.extract.html.chrome import WORD, fold_line
from search.extract.html.tree import prepare_tree

TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": True}
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

# The standfirst sits in a "teaser" or "lead" box that trafilatura drops as boilerplate; the
# description <meta> names it (gdp.de's abstract, evref.ch's uk-text-lead, dbjr.de's teaser).
# A "dek" or "strapline" under US and UK headlines is a subtitle, not kept.
LEAD_XPATH = "//body//*[self::p or self::div or self::span or self::h2 or self::strong]"
LEAD_CLASS = re.compile(r"teaser|lead|abstract|chapo|intro|excerpt|standfirst", re.I)
LEAD_PROBE_WORDS = 8
LEAD_MAX_GROWTH = 1.5
# Without a matching description, a standfirst is the box of a lead class just above the text
# (impulse.de's "article-excerpt", zoo-berlin.de's "teaser-text", spdfraktion.de's "text-intro").
# Whole class words only ("leadMediaThumbnail" is no lead), and no "abstract": US sites' dek.
LEAD_BOX_CLASS = re.compile(
    r"(?:^|[-_ ])(?:teaser|excerpt|intro|standfirst|chapo|lead)(?:[-_ ]|$)", re.I)
LEAD_MAX_DEPTH = 4
LEAD_MIN_WORDS = 10
LEAD_MAX_WORDS = 80


def run_trafilatura(tree: lxml_html.HtmlElement) -> str:
    """Return trafilatura's text without runs of lines that are all links (menus, link lists)."""
    plain = trafilatura.extract(deepcopy(tree), **TRAFILATURA_OPTIONS) or ""
    marked = trafilatura.extract(tree, include_links=True, **TRAFILATURA_OPTIONS) or ""
    linked = {fold_line(text) for text, is_link in link_lines(marked) if is_link}
    lines = [(line, fold_line(line) in linked) for line in plain.splitlines() if line.strip()]
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
    tree = prepare_tree(deepcopy(tree))
    text = run_trafilatura(deepcopy(tree))
    parts = [run_trafilatura(page) for page in sibling_sections(tree, text)]
    wider = "\n".join(part for part in parts if part)
    return wider if extends(wider, text) else text


def _first_paragraph(tree: lxml_html.HtmlElement, text: str) -> lxml_html.HtmlElement | None:
    """Return the element holding the first long paragraph of the extracted text."""
    first = next((line for line in text.splitlines() if len(line.split()) >= LEAD_PROBE_WORDS * 2), "")
    probe = " ".join(fold_line(first).split()[:LEAD_PROBE_WORDS])
    if not probe:
        return None
    for node in tree.iter("p", "div", "td", "li"):
        if fold_line(node.text_content()).startswith(probe):
            found = node
            while (inner := next((c for c in found if fold_line(c.text_content()).startswith(probe)),
                                 None)) is not None:
                found = inner
            return found
    return None


def is_running_text(box: lxml_html.HtmlElement) -> bool:
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
        same = [c for c in same if c is box or is_running_text(c)]
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


def find_lead(tree: lxml_html.HtmlElement, body: str) -> str | None:
    """Return the standfirst the body lacks: the one the description opens, or a lead box above."""
    return described_lead(tree, body) or classed_lead(tree, body)


def classed_lead(tree: lxml_html.HtmlElement, body: str) -> str | None:
    """Return the text of the nearest box with a lead class above the body's first paragraph."""
    first = _first_paragraph(tree, body)
    if first is None:
        return None
    above = set(first.iterancestors())
    for box in list(first.iterancestors())[:LEAD_MAX_DEPTH]:
        found = None
        for node in box.iter():
            if node is first:
                break
            if isinstance(node.tag, str) and node not in above and LEAD_BOX_CLASS.search(
                    node.get("class", "")):
                found = node
        if found is not None:
            text = " ".join(found.text_content().split())
            linked = sum(len(a.text_content().split()) for a in found.iter("a"))
            words = len(text.split())
            if (LEAD_MIN_WORDS <= words <= LEAD_MAX_WORDS and not text.endswith(("...", "…"))
                    and linked <= MAX_PROSE_LINK_SHARE * words
                    and fold_line(text) not in fold_line(body)):
                return text
            return None
    return None


def described_lead(tree: lxml_html.HtmlElement, body: str) -> str | None:
    """Return the visible paragraph that the description opens, in a box of a lead class."""
    description = meta.extract_description(tree)
    words = fold_line(description or "").split()[:LEAD_PROBE_WORDS]
    if len(words) < LEAD_PROBE_WORDS or " ".join(words) in fold_line(body):
        return None
    probe = " ".join(words)
    for node in tree.xpath(LEAD_XPATH):
        text = " ".join(node.text_content().split())
        if fold_line(text).startswith(probe) and len(text) <= LEAD_MAX_GROWTH * len(description):
            boxes = [node, *list(node.iterancestors())[:2]]
            return text if any(LEAD_CLASS.search(b.get("class", "")) for b in boxes) else None
    return None
