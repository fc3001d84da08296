"""Snippets and highlighted titles: Whoosh's escaping formatter, marks as <mark>.

Whoosh's highlighter re-tokenises the whole text with the field's analyzer (0.6 ms a hit at
the median on the 20k benchmark archive). Instead a regular expression finds the words that may
be written forms of the query's terms (their stems' first letters, any case, any accent, any
joiner), and only those words are checked with the analyzer; the fragments are those of Whoosh's
ContextFragmenter, fed only the tokens near a match, each word analysed once per process. The
marks and fragments are Whoosh's own (tests compare them); 0.16 ms a hit at the median.
"""
from __future__ import annotations

import re
from collections import deque
from html import escape

from whoosh import highlight
from whoosh.analysis import Token
from whoosh.support.charset import accent_map

from search.schema import ORIGINAL_MARK, WORD_PATTERN

SNIPPETS = 3
SNIPPET_CHARS = 240
OPENING_CHARS = 240
# Only this much of a body is searched for a first match; a hit whose matches all lie further on
# shows its opening instead.
HIGHLIGHT_CHARS = 30_000
# A body longer than this is highlighted in a window of this size around its first match.
WINDOW_CHARS = 2_000
CONTEXT_BEFORE = 300
# Characters of context a snippet keeps before its first and after its last match.
SURROUND = 70
COMPOUND = re.compile(WORD_PATTERN)  # the tokenizer's own words
WORD_START = re.compile(r"(?<!\w)\w")
WORD = re.compile(r"\w")
SEPARATOR_CHARS = "-\u2010\u2011.'\u2019"  # those schema.WORD_PATTERN allows inside a word
JOINER = f"[{SEPARATOR_CHARS}]?"
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
        text, start, end = fragment.text, fragment.startchar, fragment.endchar
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

    def format(self, fragments, replace=False):
        return [self.format_fragment(f, replace=replace) for f in fragments]


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
            text = marker.window(body)
            fragments = SnippetFormatter().format(
                best_fragments(context_fragments(text, marker))) if text else []
    fragments = [f.strip() for f in fragments if f.strip()]
    return fragments or [escape(opening(body), quote=False)]


def _around(body: str, at: int) -> str:
    """Return WINDOW_CHARS of a long body from a word boundary CONTEXT_BEFORE before `at`."""
    if len(body) <= WINDOW_CHARS:
        return body
    start = body.rfind(" ", 0, max(0, at - CONTEXT_BEFORE)) + 1
    return body[start:start + WINDOW_CHARS]


class Marker:
    """Find where a field's query terms occur in a text, analysing only the candidate words."""

    def __init__(self, terms: frozenset[str], analyzer) -> None:
        self.terms = terms
        self.analyzer = analyzer
        starts = {_written_form(_written_start(t)) for t in terms}
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(sorted(starts, key=len, reverse=True))
                                  + ")", re.IGNORECASE) if starts else None
        self.tokens = word_tokens(analyzer)
        self._by_word: dict[str, list[tuple[int, int, str]]] = {}

    def window(self, body: str) -> str:
        """Return the part of a body to highlight (see `_around`); "" when nothing matches."""
        if self.pattern is None:
            return ""
        for candidate in self.pattern.finditer(body, 0, HIGHLIGHT_CHARS):
            word = COMPOUND.match(body, _compound_start(body, candidate.start()))
            if self._marked(word.group()):
                return _around(body, word.start())
        return ""

    def spans(self, text: str, end: int) -> list[tuple[int, int, str]]:
        """Return (startchar, endchar, term) of each marked word starting before `end`."""
        found: list[tuple[int, int, str]] = []
        if self.pattern is None or end <= 0:
            return found
        covered = 0
        for candidate in self.pattern.finditer(text, 0, end):
            if candidate.start() < covered:
                continue  # another part of a compound already analysed
            word = COMPOUND.match(text, _compound_start(text, candidate.start()))
            covered = word.end()
            at = word.start()
            found.extend((at + s, at + e, term) for s, e, term in self._marked(word.group()))
        return found

    def _marked(self, word: str) -> list[tuple[int, int, str]]:
        cached = self._by_word.get(word)
        if cached is None:
            cached = []
            for start, end, term in sorted(t for t in self.tokens(word) if t[2] in self.terms):
                if cached and start <= cached[-1][1]:  # overlapping tokens: one mark, as Whoosh
                    cached[-1] = (cached[-1][0], max(end, cached[-1][1]), cached[-1][2])
                else:
                    cached.append((start, end, term))
            self._by_word[word] = cached
        return cached


# Analysed words, per analyzer, for every request of the process: a word's tokens do not
# depend on the query. Emptied when it grows past WORD_CACHE_SIZE.
WORD_CACHE_SIZE = 200_000
_WORD_TOKENS: dict[int, tuple[object, dict]] = {}


def word_tokens(analyzer):
    """Return word -> its (startchar, endchar, text) tokens, as the highlighter analyses."""
    entry = _WORD_TOKENS.get(id(analyzer))
    if entry is None or entry[0] is not analyzer:
        entry = _WORD_TOKENS[id(analyzer)] = (analyzer, {})  # holding it keeps its id unique
    cache = entry[1]

    def tokens(word: str) -> tuple[tuple[int, int, str], ...]:
        found = cache.get(word)
        if found is None:
            if len(cache) >= WORD_CACHE_SIZE:
                cache.clear()
            found = cache[word] = tuple((t.startchar, t.endchar, t.text) for t in analyzer(
                word, positions=True, chars=True, mode="index", removestops=False))
        return found
    return tokens


def field_marker(results, fieldname: str) -> Marker | None:
    """Return the Marker of a field's query terms for one Results object (built once).

    None when a term has no written form to look for: the caller re-tokenises instead.
    """
    cache = results.__dict__.setdefault("_markers", {})
    if fieldname not in cache:
        field = results.searcher.schema[fieldname]
        terms = frozenset(field.from_bytes(text) for _, text in
                          results.query_terms(expand=True, fieldname=fieldname))
        usable = all(isinstance(t, str) and _written_start(t) for t in terms)
        cache[fieldname] = Marker(terms, field.analyzer) if usable else None
    return cache[fieldname]


def _written_start(term: str) -> str:
    """Return the letters every written form of an indexed term starts with (folded)."""
    if term.startswith(ORIGINAL_MARK):
        return term[len(ORIGINAL_MARK):]
    # A Porter stem differs from its words in its last letter ("happi": "happy") or last two
    # ("copyandpastabl": "copyandpastability").
    return term[:-2] if len(term) > 4 else term[:-1] if len(term) > 1 else term


def _written_form(folded: str) -> str:
    """Return a pattern for a folded word as written: accents, and a joiner between letters."""
    variants = _accented()
    return JOINER.join(f"[{re.escape(c)}{variants[c]}]" if c in variants else re.escape(c)
                       for c in folded)


_ACCENTED: dict[str, str] = {}


def _accented() -> dict[str, str]:
    """Return letter -> the escaped characters that fold to it (the index folds with accent_map)."""
    if not _ACCENTED:
        grouped: dict[str, list[str]] = {}
        for code, folded in accent_map.items():
            grouped.setdefault(folded.lower(), []).append(re.escape(chr(code)))
        _ACCENTED.update((k, "".join(sorted(v))) for k, v in grouped.items())
    return _ACCENTED


def _compound_start(text: str, at: int) -> int:
    """Return where the tokenizer's word holding `at` (the start of a run of \\w) starts."""
    while at >= 2 and text[at - 1] in SEPARATOR_CHARS and _is_word_char(text[at - 2]):
        at -= 2
        while at > 0 and _is_word_char(text[at - 1]):
            at -= 1
    return at


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def best_fragments(fragments: list[highlight.Fragment]) -> list[highlight.Fragment]:
    """Return the SNIPPETS best-scored fragments in text order (ties: the earlier one)."""
    scorer = highlight.BasicFragmentScorer()
    scored = sorted(((scorer(f), f) for f in fragments), key=lambda sf: (-sf[0], sf[1].startchar))
    return sorted((f for score, f in scored[:SNIPPETS] if score >= 1), key=highlight.FIRST)


def context_fragments(text: str, marker: Marker) -> list[highlight.Fragment]:
    """Return the fragments Whoosh's ContextFragmenter(SNIPPET_CHARS, SURROUND) makes of a text.

    The same token stream (matched tokens merged), but only near the marked words: far from
    every match, outside a fragment, a token cannot reach any fragment and is not read.
    """
    spans = marker.spans(text, len(text))
    frags = _Fragmenter(text)
    firsts, terms, tokens = frags.firsts, marker.terms, marker.tokens
    pending = None  # a matched token waiting to be merged with the next (Whoosh's merge)
    pos = next_span = 0
    checked = -1
    while True:
        if pending is None and frags.countdown < 0:
            while next_span < len(spans) and spans[next_span][0] < pos:
                next_span += 1
            if next_span == len(spans):
                break
            if checked != next_span:  # once per match: may the words before it be skipped?
                checked = next_span
                resume = _resume_at(text, _compound_start(text, spans[next_span][0]), pos)
                if resume > pos:
                    pos = resume
                    firsts.clear()
        word = COMPOUND.search(text, pos)
        if word is None:
            break
        pos, at = word.end(), word.start()
        for start, end, term in tokens(word.group()):
            start, end = at + start, at + end
            if term not in terms:
                if pending is not None:
                    frags.feed(*pending, True)
                    pending = None
                if frags.countdown < 0:  # outside a fragment: only the context before it
                    firsts.append(start)
                    while firsts and end - firsts[0] > SURROUND:
                        firsts.popleft()
                else:
                    frags.feed(start, end, term, False)
            elif pending is None:
                pending = [start, end, term]
            elif start <= pending[1]:
                if end > pending[1]:
                    pending[2] += term[pending[1] - end:]
                    pending[1] = end
            else:
                frags.feed(*pending, True)
                pending = None
                frags.feed(start, end, term, True)
    if pending is not None:
        frags.feed(*pending, True)
    return frags.finish()


def _resume_at(text: str, word_start: int, pos: int) -> int:
    """Return where reading may resume for a match whose word starts at `word_start`.

    Skipping is exact when the word just before the match ends more than SURROUND past the
    resuming point: that word's token drops every earlier one from the fragment's context.
    """
    target = word_start - SURROUND - 20
    if target <= pos:
        return pos
    found = WORD_START.search(text, target, word_start + 1)
    resume = _compound_start(text, found.start()) if found else word_start
    before = word_start
    while before > 0 and not _is_word_char(text[before - 1]):
        before -= 1
    return resume if resume > pos and before - resume > SURROUND else pos


class _Fragmenter:
    """Whoosh's ContextFragmenter.fragment_tokens, fed one token at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.first: int | None = None
        self.firsts: deque[int] = deque()
        self.countdown = -1
        self.tokens: list[Token] = []
        self.length = 0
        self.end = 0
        self.fragments: list[highlight.Fragment] = []

    def feed(self, start: int, end: int, term: str, matched: bool) -> None:
        """Take the next token of the stream."""
        self.end, size = end, end - start
        if self.countdown < 0 and not matched:
            self.firsts.append(start)
            while self.firsts and end - self.firsts[0] > SURROUND:
                self.firsts.popleft()
        elif self.length + size > SNIPPET_CHARS:
            self.countdown = 0
        elif matched:
            self.countdown = SURROUND
            if self.first is None:
                if self.firsts:
                    self.first = self.firsts[0]
                else:
                    self.first = start
                    self.countdown += SURROUND
            self.tokens.append(Token(startchar=start, endchar=end, text=term))
        if self.countdown >= 0:
            self.length += size
            self.countdown -= size
            if self.countdown <= 0:
                self._emit()
                self.firsts.clear()

    def _emit(self) -> None:
        self.fragments.append(highlight.mkfrag(self.text, self.tokens, startchar=self.first,
                                               endchar=self.end))
        self.tokens, self.first, self.length = [], None, 0

    def finish(self) -> list[highlight.Fragment]:
        """Return the fragments, the one still open included."""
        if self.tokens:
            self._emit()
        return self.fragments


def window(results, body: str) -> str:
    """Return the part of a body worth re-tokenising: from just before its first match.

    Only used when the query's terms cannot be looked for directly (see `field_marker`).
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
        # "ceasefir" must find "cease-fire": a separator may sit between any two letters.
        starts.add(JOINER.join(re.escape(c) for c in _written_start(text)))
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
        marks = [Token(startchar=s, endchar=e, text=t) for s, e, t in spans]
        # The plain formatter's fragment: the whole title, escaped, marks as bare <mark>.
        return highlight.Formatter.format_fragment(SnippetFormatter(),
                                                   highlight.Fragment(title, marks))
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
