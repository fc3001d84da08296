"""A page's text as a browser shows it, line by line, and the headline read from it.

Older news sites title every page with their own or their section's name ("The Sports
Network", "Arts and Entertainment", "Bloomberg.com: Japan") and print the headline in a bold
cell or an <h2> that no markup names. The browser-text path finds such a headline among the
lines a reader sees (`textdump.headline`, with its learned chooser); an HTML page whose only title
is its <title>, shown nowhere on the page as a line of its own, takes the headline that path finds
in the page's text laid out here as a browser lays it out: a line per block, cells side by side,
nothing hidden, scripted or styled.
"""
from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from search.extract.folding import fold_words

# Elements a reader never sees as text.
UNSEEN = frozenset({"script", "style", "noscript", "head", "template", "iframe", "svg", "select",
                    "option", "button", "object", "embed", "canvas", "title", "meta", "link"})
# Elements that stand on lines of their own.
BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "section",
    "article", "header", "footer", "nav", "aside", "main", "blockquote", "pre", "form", "dl", "dt",
    "dd", "figure", "figcaption", "address", "center", "hr", "body", "html", "fieldset", "legend",
    "caption", "tbody", "thead", "tfoot"})
CELLS = frozenset({"td", "th"})


def _hidden(element: lxml_html.HtmlElement) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return (element.get("hidden") is not None or "display:none" in style
            or "visibility:hidden" in style)


def shown_text(tree: lxml_html.HtmlElement) -> str:
    """Return the text a browser shows of a page: one line a block, cells apart by a tab,
    spaces squeezed, at most one empty line between blocks. Walked without recursion, so a page
    nested ten thousand deep costs what its size does."""
    body = tree.find("body")
    root = body if body is not None else tree
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if not tag or tag in UNSEEN or _hidden(element):
                walker.skip_subtree()
                continue
            parts.append("\n" if tag in BLOCKS or tag == "br" else "\t" if tag in CELLS else "")
            parts.append(element.text or "")
        else:
            if tag in BLOCKS:
                parts.append("\n")
            if element is not root:
                parts.append(element.tail or "")
    lines: list[str] = []
    for line in "".join(parts).split("\n"):
        squeezed = " ".join(line.split())
        if squeezed or (lines and lines[-1]):
            lines.append(squeezed)
    return "\n".join(lines).strip("\n")


def shown_headline(tree: lxml_html.HtmlElement, title: str | None) -> str | None:
    """Return the headline the page prints where its title is not printed as a line of its own.

    `title` is what the page's <title> gave (None when it has none). A title the page prints
    as a line is its headline: kept. Otherwise the headline the browser-text path finds among
    the page's lines, unless that is the title worded alike (the markup's form kept: its dashes
    and quotes are the page's own); None when it finds none.
    """
    from search.extract.textdump.reader import extract_text_dump  # the text path's own rule

    text = shown_text(tree)
    if title and fold_words(title) in {fold_words(line) for line in text.splitlines()}:
        return None
    found = extract_text_dump(text).title if text else None
    if not found or (title and fold_words(found) == fold_words(title)):
        return None
    return found
