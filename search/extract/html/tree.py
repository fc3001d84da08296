"""Prepare a page's tree for trafilatura: unwrap layout tables, wrap loose text, drop captions.

Pages of the 2008 era lay the article out in tables and write it straight into a <div> or <td>
with <br><br> between paragraphs; trafilatura reads both badly until they are rewritten.
"""
from __future__ import annotations

import re

from lxml import html as lxml_html

from search.extract.folding import fold_words

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
# A story's first paragraph written loose before the <p>s of the rest (l3s-html's 2008 pages:
# "<div class=newstext>THE HAGUE - Judges ...<p>The ruling ..."), which trafilatura drops.
MIN_LOOSE_LEAD_WORDS = 15
# A <div> holding nothing but a paragraph's text, alone in its parent, which trafilatura may skip
# (trafilatura-html's badische-zeitung.de puts its preview in a bare <div class="freemium__preview">).
MIN_BARE_BOX_WORDS = 30
MAX_LOOSE_LINK_SHARE = 0.25
# Elements that are never the article: photo captions and credits (l3s-html's 2008 pages put
# long captions in <div class="pictureCaption">).
CHROME_TAGS = ("figcaption",)
CHROME_CLASS = re.compile(r"caption|(?:^|[-_ ])(?:photo|image|img)?credits?(?:$|[-_ ])", re.I)
MAX_CHROME_WORDS = 80
# A caption written out beside its image repeats the image's alt text (l3s-html's ctv.ca pages:
# <div class="topPhoto"><img alt="... in this undated file photo."><p>... file photo.</p>).
CAPTION_TAGS = ("p", "div", "span", "td", "small", "em", "i")
MIN_ALT_CAPTION_WORDS = 5
WORD = re.compile(r"\w+")
# A block of many links and no sentence outside them is a menu, a site map or a link list: it is
# dropped before anything else reads the page. trafilatura's fallbacks (readability, jusText)
# and its metadata pass cost seconds per ten thousand elements (a page of 20,000 nav links took
# 15 s), and no article lives there. A run of text outside the links longer than a few words
# ("Subscribe to our daily newsletter for the news", a paragraph) keeps the block.
MIN_LINK_LIST_LINKS = 50
MAX_LINK_LIST_RUN_WORDS = 6
KEPT_BLOCKS = ("html", "body", "head")


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
    """Put text written straight into a <div> or <td>, between <br><br> or before <p>s, into <p>s."""
    for box in list(tree.iter(*LOOSE_TEXT_BOXES)):
        if not has_loose_paragraphs(box):
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


def has_loose_paragraphs(box: lxml_html.HtmlElement) -> bool:
    """Tell whether a box holds prose outside any block: paragraphs split by <br>s or before <p>s."""
    if box.find("p") is not None:
        least = MIN_LOOSE_LEAD_WORDS
    elif box.find("br") is not None:
        least = MIN_LOOSE_WORDS
    elif _is_bare_only_child(box):
        least = MIN_BARE_BOX_WORDS
    else:
        return False
    loose = _loose_words(box)
    links = sum(len(a.text_content().split()) for a in box.iter("a"))
    return loose >= least and links <= MAX_LOOSE_LINK_SHARE * loose


def _is_bare_only_child(box: lxml_html.HtmlElement) -> bool:
    """Tell whether a box holds only text and inline tags, alone in its parent (not one of a run)."""
    parent = box.getparent()
    return (box.tag == "div" and parent is not None and len(parent) == 1
            and all(child.tag in INLINE_TAGS for child in box))


def _next_is_break(items: list, i: int) -> bool:
    """Tell whether a <br> at i is followed, past blank text, by another <br>."""
    for item in items[i + 1:]:
        if isinstance(item, str) and not item.strip():
            continue
        return _is_break(item)
    return False


def alt_captions(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Return the captions that repeat their image's alt text next to it."""
    found = []
    for img in tree.iter("img"):
        alt = _fold(img.get("alt", ""))
        box = img.getparent()
        if len(alt.split()) < MIN_ALT_CAPTION_WORDS or box is None:
            continue
        box = box.getparent() if box.tag == "a" and box.getparent() is not None else box
        found += [node for node in box.iter(*CAPTION_TAGS)
                  if node is not box and _fold(node.text_content()) == alt]
    return found


_fold = fold_words  # to compare a caption with an alt text


def prune_chrome(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Remove captions and credits, which trafilatura would keep as short paragraphs."""
    doomed = [node for node in tree.iter(CHROME_TAGS)]
    doomed += [node for node in tree.xpath("//body//*[@class or @id]")
               if CHROME_CLASS.search(" ".join((node.get("class", ""), node.get("id", ""))))
               and len(node.text_content().split()) <= MAX_CHROME_WORDS]
    doomed += alt_captions(tree)
    for node in doomed:
        if node.getparent() is not None:
            node.drop_tree()
    return tree


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def drop_link_lists(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Remove, in one pass, the widest blocks of many links whose every run of unlinked text is short.

    Linear in the page: each element is judged from its children, last element first.
    """
    nodes = [node for node in tree.iter() if isinstance(node.tag, str)]
    links: dict = {}  # element -> how many <a> it holds, itself included
    prose: set = set()  # elements holding a run of unlinked text of more than a few words
    in_link: set = set()  # elements inside a link, in document order so nested ones cost once
    for node in nodes:
        if node.tag == "a" or node.getparent() in in_link:
            in_link.add(node)
    for node in reversed(nodes):
        count = 1 if node.tag == "a" else 0
        has_prose = node not in in_link and _words(node.text) > MAX_LINK_LIST_RUN_WORDS
        for child in node:
            count += links.get(child, 0)
            has_prose = has_prose or child in prose or (
                node not in in_link and _words(child.tail) > MAX_LINK_LIST_RUN_WORDS)
        links[node] = count
        if has_prose:
            prose.add(node)
    dropped, gone = [], set()
    for node in nodes:  # document order: a dropped block's own blocks go with it
        if node.getparent() in gone:
            gone.add(node)
        elif (links[node] >= MIN_LINK_LIST_LINKS and node not in prose
              and node.tag not in KEPT_BLOCKS and node.getparent() is not None):
            dropped.append(node)
            gone.add(node)
    for node in dropped:
        node.drop_tree()
    return tree


def prepare_tree(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Rewrite a tree in place: no scripts, captions or layout tables; loose text in <p>s."""
    for node in list(tree.iter("script", "style")):
        node.drop_tree()
    prune_chrome(unwrap_layout_tables(tree))
    return wrap_loose_text(tree)
