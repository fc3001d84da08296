"""Snippets and highlighted titles: Whoosh's escaping formatter, marks as <mark>.

Which words are marked is Whoosh's own, found without re-tokenising the text, and fragments are
cut around the marks (search/engine/marks.py); a query whose terms it cannot look for is highlighted by
Whoosh's own highlighter and ContextFragmenter.
"""
from __future__ import annotations

import re
from html import escape

from whoosh import highlight

from search.index.schema import fold_word
from search.engine.marks import (JOINER, SNIPPET_CHARS, SURROUND, Marker, best_windows,
                                 context_fragments, context_windows, field_marker, written_start)

__all__ = ["Marker", "SNIPPET_CHARS", "SURROUND", "context_fragments", "configure", "snippets",
           "marked_title", "opening", "mark_paragraphs"]

SNIPPETS = 3
OPENING_CHARS = 240
# Only this much of a body is searched for a first match; a hit whose matches all lie further on
# shows its opening instead.
HIGHLIGHT_CHARS = 30_000
# A body longer than this is highlighted in a window of this size around its first match.
WINDOW_CHARS = 2_000
CONTEXT_BEFORE = 300
WORD = re.compile(r"\w")
SENTENCE_END = re.compile(r"[.!?…:;]\s*$|\n\s*$")


class SnippetFormatter(highlight.HtmlFormatter):
    """An escaping formatter that returns each fragment apart, with … where it was cut."""

    def __init__(self) -> None:
        super().__init__(tagname="mark", classname="", termclass="")

    def format_token(self, text, token, replace=False):
        """Return one matched token, escaped, inside <mark> (no classes)."""
        ttext = highlight.htmlescape(highlight.get_text(text, token, replace), quote=False)
        return f"<mark>{ttext}</mark>"

    def format_fragment(self, fragment, replace=False):
        """Return one fragment, marked, with an ellipsis at an end cut inside a sentence."""
        return _snippet(fragment.text, fragment.startchar, fragment.endchar,
                        super().format_fragment(fragment, replace=replace))

    def format(self, fragments, replace=False):
        return [self.format_fragment(f, replace=replace) for f in fragments]


def _snippet(text: str, start: int, end: int, marked: str) -> str:
    """Return a fragment's marked HTML on one line, with an ellipsis at an end cut inside a
    sentence."""
    # Paragraph breaks inside a fragment read as spaces in a one-line snippet.
    body = " ".join(marked.split())
    # Searched in place, not sliced: the text may be a whole long body.
    if not WORD.search(text, 0, start):  # only opening punctuation before: keep it
        head = escape(text[:start].strip(), quote=False)
    else:
        head = "" if SENTENCE_END.search(text, max(0, start - 200), start) else "… "
    if WORD.search(text, end):
        tail = " …"
    else:  # only the closing punctuation is left: keep it rather than cut it off
        tail = escape(text[end:].strip(), quote=False)
    return f"{head}{body}{tail}"


def marked_html(text: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> str:
    """Return text[start:end] escaped, each mark's text in <mark>: what Whoosh's
    `Formatter.format_fragment` writes with SnippetFormatter's marks, without its Fragment
    and Token objects (a mark starting inside the one before it is left out, as there)."""
    out, index = [], start
    for mark_start, mark_end, _ in marks:
        if mark_start < index:
            continue
        if mark_start > index:
            out.append(escape(text[index:mark_start], quote=False))
        out.append(f"<mark>{escape(text[mark_start:mark_end], quote=False)}</mark>")
        index = mark_end
    out.append(escape(text[index:end], quote=False))
    return "".join(out)


def configure(results) -> None:
    """Set a fresh fragmenter and formatter on a Results object (never shared between requests)."""
    results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=SURROUND)
    results.formatter = SnippetFormatter()


def snippets(hit, body: str) -> list[str]:
    """Return up to three marked fragments of the body, or its escaped opening when none match.

    `hit` None means "do not highlight" (the time budget is nearly spent).
    """
    if not body:
        return []
    fragments = []
    if hit is not None:
        marker = field_marker(hit.results, "body")
        if marker is None:
            text = window(hit.results, body)
            fragments = hit.highlights("body", text=text, top=SNIPPETS) if text else []
        else:
            text = _highlighted_text(body, marker)
            fragments = [_snippet(text, start, end, marked_html(text, start, end, marks))
                         for start, end, marks in best_windows(context_windows(text, marker),
                                                               SNIPPETS, marker.weights)
                         ] if text else []
    fragments = [f.strip() for f in fragments if f.strip()]
    return fragments or [escape(opening(body), quote=False)]


def _highlighted_text(body: str, marker: Marker) -> str:
    """Return the text snippets are cut from: a short body whole, else a window at its match."""
    if len(body) <= WINDOW_CHARS:
        # The window would be the whole body, and a body without a match gives no fragment
        # either way: looking for its first match first only read it twice.
        return body
    first = marker.first_match(body, HIGHLIGHT_CHARS)
    if first is None:
        return ""
    heaviest = marker.heaviest()
    if heaviest is not None and not heaviest.marks_at(body, first):
        later = heaviest.first_match(body, HIGHLIGHT_CHARS)
        first = later if later is not None else first
    return _around(body, first)


def _around(body: str, at: int) -> str:
    """Return WINDOW_CHARS of a long body from a word boundary CONTEXT_BEFORE before `at`."""
    if len(body) <= WINDOW_CHARS:
        return body
    start = body.rfind(" ", 0, max(0, at - CONTEXT_BEFORE)) + 1
    return body[start:start + WINDOW_CHARS]


def window(results, body: str) -> str:
    """Return the part of a body worth re-tokenising: from just before its first match.

    Only used when the query's terms cannot be looked for directly (see `field_marker`).
    """
    pattern = _word_starts(results)
    if pattern is None:
        return ""
    # Folding may change lengths a little ("ß" -> "ss"): the window has a margin for that.
    found = pattern.search(fold_word(body[:HIGHLIGHT_CHARS]))
    if found is None:
        return ""
    if len(body) <= WINDOW_CHARS:
        return body
    start = body.rfind(" ", 0, max(0, found.start() - CONTEXT_BEFORE)) + 1
    return body[start:start + WINDOW_CHARS]


def _word_starts(results):
    cached = getattr(results, "_word_starts", False)
    if cached is not False:
        return cached
    starts = set()
    for fieldname, text in results.q.iter_all_terms():
        if fieldname != "body" or not isinstance(text, str):
            continue
        starts.add(JOINER.join(re.escape(c) for c in written_start(text)))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(sorted(starts, key=len, reverse=True))
                         + ")") if starts else None
    results._word_starts = pattern
    return pattern


def marked_title(hit, title: str) -> str:
    """Return the title escaped, with the query's terms in <mark> (none when `hit` is None)."""
    if not title:
        return ""
    if hit is None:
        return escape(title, quote=False)
    results = hit.results
    marker = field_marker(results, "title")
    if marker is not None:
        spans = marker.spans(title, len(title))
        if not spans:
            return escape(title, quote=False)
        # The plain formatter's fragment: the whole title, escaped, marks as bare <mark>.
        return marked_html(title, 0, len(title), spans)
    fragmenter, results.fragmenter = results.fragmenter, highlight.WholeFragmenter()
    formatter, results.formatter = results.formatter, highlight.HtmlFormatter(
        tagname="mark", classname="", termclass="")
    try:
        marked = hit.highlights("title", text=title, top=1)
    finally:
        results.fragmenter, results.formatter = fragmenter, formatter
    return _plain_marks(marked) if marked else escape(title, quote=False)


def _plain_marks(html: str) -> str:
    # HtmlFormatter writes class attributes even when empty; the page wants plain <mark>.
    return re.sub(r'<mark class="[^"]*">', "<mark>", html)


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
