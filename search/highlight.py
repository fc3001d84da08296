"""Snippets and highlighted titles: Whoosh's escaping formatter, marks as <mark>."""
from __future__ import annotations

import re
from html import escape

from whoosh import highlight
from whoosh.support.charset import accent_map

from search.schema import ORIGINAL_MARK

SNIPPETS = 3
SNIPPET_CHARS = 240
OPENING_CHARS = 240
# Highlighting re-tokenises the stored text (WHOOSH-FACTS: 18.6 ms for a long document), so only
# this much of a body is read for snippets; a hit whose matches all lie further on shows its
# opening instead.
HIGHLIGHT_CHARS = 30_000
# A body longer than this is highlighted in a window of this size around its first match.
WINDOW_CHARS = 2_000
CONTEXT_BEFORE = 300
WORD = re.compile(r"\w")
JOINER = "[-\u2010\u2011.'\u2019]?"
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
        # Paragraph breaks inside a fragment read as spaces in a one-line snippet.
        body = " ".join(super().format_fragment(fragment, replace=replace).split())
        text = fragment.text
        before, after = text[:fragment.startchar], text[fragment.endchar:]
        if not WORD.search(before):  # only opening punctuation before: keep it
            head = escape(before.strip(), quote=False)
        else:
            head = "" if SENTENCE_END.search(before) else "… "
        if WORD.search(after):
            tail = " …"
        else:  # only the closing punctuation is left: keep it rather than cut it off
            tail = escape(after.strip(), quote=False)
        return f"{head}{body}{tail}"

    def format(self, fragments, replace=False):
        return [self.format_fragment(f, replace=replace) for f in fragments]


def configure(results) -> None:
    """Set a fresh fragmenter and formatter on a Results object (never shared between requests)."""
    results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
    results.formatter = SnippetFormatter()


def snippets(hit, body: str) -> list[str]:
    """Return up to three marked fragments of the body, or its escaped opening when none match.

    `hit` None means "do not highlight" (the time budget is nearly spent).
    """
    if not body:
        return []
    fragments = []
    if hit is not None:
        text = window(hit.results, body)
        fragments = hit.highlights("body", text=text, top=SNIPPETS) if text else []
    fragments = [f.strip() for f in fragments if f.strip()]
    return fragments or [escape(opening(body), quote=False)]


def window(results, body: str) -> str:
    """Return the part of a body worth highlighting: from just before its first match.

    A regular expression over the folded text finds the first place a query word may start (a
    stem is nearly always a prefix of its words); only WINDOW_CHARS from there are
    re-tokenised. A body with no such place in its first HIGHLIGHT_CHARS (the query matched
    the title or another field) is not tokenised at all: it shows its opening.
    """
    pattern = _word_starts(results)
    if pattern is None:
        return ""
    # Folding may change lengths a little ("ß" -> "ss"): the window has a margin for that.
    found = pattern.search(body[:HIGHLIGHT_CHARS].lower().translate(accent_map))
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
        word = text[len(ORIGINAL_MARK):] if text.startswith(ORIGINAL_MARK) else \
            (text[:-1] if len(text) > 4 else text)
        # "ceasefir" must find "cease-fire": a separator may sit between any two letters.
        starts.add(JOINER.join(re.escape(c) for c in word))
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
