"""Find a query's words in a text without re-tokenising it, and cut Whoosh's own fragments.

Whoosh's highlighter re-tokenises the whole text with the field's analyzer (0.6 ms a hit at
the median on the 20k benchmark archive). Here a regular expression finds the words that may
be written forms of the query's terms (their stems' first letters, any case, any accent, any
joiner), and only those words are checked with the analyzer; the fragments are those of Whoosh's
ContextFragmenter, fed only the tokens near a match, each word analysed once per process. The
marks and fragments are Whoosh's own (tests compare them); 0.16 ms a hit at the median.
"""
from __future__ import annotations

import re
from collections import deque

from whoosh import highlight
from whoosh.analysis import Token
from whoosh.support.charset import accent_map

from search.schema import ORIGINAL_MARK, WORD_PATTERN

SNIPPET_CHARS = 240
# Characters of context a snippet keeps before its first and after its last match.
SURROUND = 70
COMPOUND = re.compile(WORD_PATTERN)  # the tokenizer's own words
WORD_START = re.compile(r"(?<!\w)\w")
SEPARATOR_CHARS = "-\u2010\u2011.'\u2019"  # those schema.WORD_PATTERN allows inside a word
# "ceasefir" must find "cease-fire": a separator may sit between any two letters.
JOINER = f"[{SEPARATOR_CHARS}]?"


class Marker:
    """Find where a field's query terms occur in a text, analysing only the candidate words."""

    def __init__(self, terms: frozenset[str], analyzer) -> None:
        self.terms = terms
        self.analyzer = analyzer
        starts = {_written_form(written_start(t)) for t in terms}
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(sorted(starts, key=len, reverse=True))
                                  + ")", re.IGNORECASE) if starts else None
        self.tokens = word_tokens(analyzer)
        self._by_word: dict[str, list[tuple[int, int, str]]] = {}

    def first_match(self, text: str, end: int) -> int | None:
        """Return where the first marked word starting before `end` starts, None if none."""
        if self.pattern is None:
            return None
        for candidate in self.pattern.finditer(text, 0, end):
            word = COMPOUND.match(text, compound_start(text, candidate.start()))
            if self._marked(word.group()):
                return word.start()
        return None

    def spans(self, text: str, end: int) -> list[tuple[int, int, str]]:
        """Return (startchar, endchar, term) of each marked word starting before `end`."""
        found: list[tuple[int, int, str]] = []
        if self.pattern is None or end <= 0:
            return found
        covered = 0
        for candidate in self.pattern.finditer(text, 0, end):
            if candidate.start() < covered:
                continue  # another part of a compound already analysed
            word = COMPOUND.match(text, compound_start(text, candidate.start()))
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
# depend on the query. Emptied when it grows past WORD_CACHE_SIZE (about 220 bytes a word,
# so some 11 MB at most; the 61 benchmark queries fill 6,000).
WORD_CACHE_SIZE = 50_000
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
        usable = all(isinstance(t, str) and written_start(t) for t in terms)
        cache[fieldname] = Marker(terms, field.analyzer) if usable else None
    return cache[fieldname]


def written_start(term: str) -> str:
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


def compound_start(text: str, at: int) -> int:
    """Return where the tokenizer's word holding `at` (the start of a run of \\w) starts."""
    while at >= 2 and text[at - 1] in SEPARATOR_CHARS and is_word_char(text[at - 2]):
        at -= 2
        while at > 0 and is_word_char(text[at - 1]):
            at -= 1
    return at


def is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def best_fragments(fragments: list[highlight.Fragment], count: int) -> list[highlight.Fragment]:
    """Return the `count` best-scored fragments in text order (ties: the earlier one)."""
    scorer = highlight.BasicFragmentScorer()
    scored = sorted(((scorer(f), f) for f in fragments), key=lambda sf: (-sf[0], sf[1].startchar))
    return sorted((f for score, f in scored[:count] if score >= 1), key=highlight.FIRST)


def context_fragments(text: str, marker: Marker) -> list[highlight.Fragment]:
    """Return the fragments Whoosh's ContextFragmenter(SNIPPET_CHARS, SURROUND) makes of a text.

    The same token stream (matched tokens merged), but only near the marked words: far from
    every match, outside a fragment, a token cannot reach any fragment and is not read.
    """
    spans = marker.spans(text, len(text))
    frags = _Fragmenter(text)
    firsts, terms, tokens = frags.firsts, marker.terms, marker.tokens
    pos = next_span = 0
    checked = -1
    while True:
        if frags.pending is None and frags.countdown < 0:
            while next_span < len(spans) and spans[next_span][0] < pos:
                next_span += 1
            if next_span == len(spans):
                break
            if checked != next_span:  # once per match: may the words before it be skipped?
                checked = next_span
                resume = _resume_at(text, compound_start(text, spans[next_span][0]), pos)
                if resume > pos:
                    pos = resume
                    firsts.clear()
        word = COMPOUND.search(text, pos)
        if word is None:
            break
        pos, at = word.end(), word.start()
        for start, end, term in tokens(word.group()):
            start, end = at + start, at + end
            if term not in terms and frags.pending is None and frags.countdown < 0:
                firsts.append(start)  # outside a fragment, only the context before it counts
                while firsts and end - firsts[0] > SURROUND:
                    firsts.popleft()
            else:
                frags.take(start, end, term, term in terms)
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
    resume = compound_start(text, found.start()) if found else word_start
    before = word_start
    while before > 0 and not is_word_char(text[before - 1]):
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
        self.pending: list | None = None  # a matched token that the next may merge with

    def take(self, start: int, end: int, term: str, matched: bool) -> None:
        """Take the next token, merging matched tokens that overlap (Whoosh's highlighter)."""
        pending = self.pending
        if not matched:
            if pending is not None:
                self.feed(*pending, True)
                self.pending = None
            self.feed(start, end, term, False)
        elif pending is None:
            self.pending = [start, end, term]
        elif start <= pending[1]:
            if end > pending[1]:
                pending[2] += term[pending[1] - end:]
                pending[1] = end
        else:
            self.feed(*pending, True)
            self.pending = None
            self.feed(start, end, term, True)

    def feed(self, start: int, end: int, term: str, matched: bool) -> None:
        """Take the next token of the merged stream."""
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
        if self.pending is not None:
            self.feed(*self.pending, True)
            self.pending = None
        if self.tokens:
            self._emit()
        return self.fragments
