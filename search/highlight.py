"""Snippets and highlighted titles: Whoosh's escaping formatter, marks as <mark>."""
from __future__ import annotations

from html import escape

from whoosh import highlight

SNIPPETS = 3
SNIPPET_CHARS = 240
OPENING_CHARS = 240


class SnippetFormatter(highlight.HtmlFormatter):
    """An escaping formatter that returns each fragment apart instead of one joined string."""

    def __init__(self) -> None:
        super().__init__(tagname="mark", classname="", termclass="")

    def format_token(self, text, token, replace=False):
        """Return one matched token, escaped, inside <mark> (no classes)."""
        ttext = highlight.htmlescape(highlight.get_text(text, token, replace), quote=False)
        return f"<mark>{ttext}</mark>"

    def format(self, fragments, replace=False):
        return [self.format_fragment(f, replace=replace) for f in fragments]


def configure(results) -> None:
    """Set a fresh fragmenter and formatter on a Results object (never shared between requests)."""
    results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
    results.formatter = SnippetFormatter()


def snippets(hit, body: str) -> list[str]:
    """Return up to three marked fragments of the body, or its escaped opening when none match."""
    fragments = hit.highlights("body", text=body, top=SNIPPETS) if body else []
    fragments = [f.strip() for f in fragments if f.strip()]
    return fragments or ([escape(opening(body), quote=False)] if body else [])


def marked_title(hit, title: str) -> str:
    """Return the title escaped, with the query's terms in <mark>."""
    if not title:
        return ""
    results = hit.results
    fragmenter, results.fragmenter = results.fragmenter, highlight.WholeFragmenter()
    try:
        marked = hit.highlights("title", text=title, top=1)
    finally:
        results.fragmenter = fragmenter
    return marked[0] if marked else escape(title, quote=False)


def opening(text: str, limit: int = OPENING_CHARS) -> str:
    """Return the start of a text, cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def mark_paragraphs(text: str, terms: set[str], analyzer) -> list[str]:
    """Return the text's paragraphs escaped, with words matching `terms` (analysed) marked."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if not terms:
        return [escape(p, quote=False) for p in paragraphs]
    marked = []
    for para in paragraphs:
        found = highlight.highlight(para, terms, analyzer, highlight.WholeFragmenter(),
                                    SnippetFormatter(), top=1)
        marked.append(found[0] if found else escape(para, quote=False))
    return marked
