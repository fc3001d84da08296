"""Find a query's words in a text without re-tokenising it, and cut fragments around them.

Whoosh's highlighter re-tokenises the whole text with the field's analyzer (0.6 ms a hit at
the median on the 20k benchmark archive). Here a regular expression finds the words that may
be written forms of the query's terms (their stems' first letters, any case, any accent, any
joiner), and only those words are checked with the analyzer (each word once per process); the
marks are Whoosh's own (tests compare them). Fragments are cut from the marks' offsets, the
shape of Whoosh's ContextFragmenter without reading the words between the marks.
"""
from __future__ import annotations

import re

from whoosh import highlight
from whoosh.analysis import Token

from search.extract.folding import CJK
from search.index.schema import (ACCENT_FOLDS, ORIGINAL_MARK, SEPARATOR_CHARS, WORD_PATTERN,
                                 ProseAnalyzer)
from search.whooshext.terminfos import existing_terms, term_infos

SNIPPET_CHARS = 240
# Characters of context a snippet keeps before its first and after its last match.
SURROUND = 70
COMPOUND = re.compile(WORD_PATTERN)  # the tokenizer's own words
WORD_START = re.compile(r"(?<!\w)\w")
# "ceasefir" must find "cease-fire": a separator may sit between any two letters.
JOINER = f"[{SEPARATOR_CHARS}]?"
# The same in text folded by fold(), where the typographic ones are their ASCII forms: a class
# holding characters past 255 compiles to a bitmap, 50 of them for a 10-word question.
FOLDED_SEPARATORS = {"\u2010": "-", "\u2011": "-", "\u2019": "'"}
FOLDED_JOINER = "[-.']?"
# A term this many times another's weight (idf) is the one a long body's window starts at.
HEAVIER = 1.5


class Marker:
    """Find where a field's query terms occur in a text, analysing only the candidate words."""

    def __init__(self, terms: frozenset[str], analyzer,
                 weights: dict[str, float] | None = None) -> None:
        self.terms = terms
        self.analyzer = analyzer
        # How much finding each term in a fragment is worth (its idf): None scores every term
        # alike, as Whoosh's BasicFragmentScorer does.
        self.weights = weights
        self._heaviest: Marker | None | bool = False  # False: not built yet
        # Plain letters and joiners, matched in the text with its accents and joiners folded
        # one for one (fold()): a class of every accented form of each letter took 57 ms to
        # compile for a 10-word question, each time, since a new query's pattern is in no
        # cache; this one takes 2 ms.
        starts = sorted({written_start(t) for t in terms},
                        key=lambda start: len(_alternative(start)), reverse=True)
        self._starts = starts
        self._pattern: re.Pattern | None = None
        # Most text is ASCII: there the pattern runs over the lower-cased text, case-sensitive,
        # and each word start is checked after its first letter, so that the regex engine can
        # skip to the places where one of those letters is (it cannot skip ahead to a
        # lookbehind or to a letter of any case): about half the time a text. Compiled when
        # first needed, as is the other. None: never used (a start is not ASCII).
        self._fast: re.Pattern | bool | None = (False if all(s.isascii() for s in starts)
                                                 else None)
        self.tokens = word_tokens(analyzer)
        self._by_word: dict[str, list[tuple[int, int, str]]] = {}

    def _candidates(self, text: str, end: int):
        """Yield the matches of the word starts in the text, up to `end`, as the pattern of
        every case over the folded text finds them."""
        folded = fold(text[:end] if end < len(text) else text)
        if self._fast is not None and folded.isascii():
            if self._fast is False:
                self._fast = re.compile("(?:" + "|".join(
                    _alternative(start.lower(), checked_after_first=True)
                    for start in self._starts) + ")")
            return self._fast.finditer(folded.lower())
        if self._pattern is None:
            # a pair of Chinese or Japanese characters is a term wherever it stands in its run;
            # the other starts share one look behind (one each made every place cost one a term)
            words = [_alternative(start) for start in self._starts if not CJK.match(start)]
            pairs = [_alternative(start) for start in self._starts if CJK.match(start)]
            self._pattern = re.compile("|".join(
                ([r"(?<!\w)(?:" + "|".join(words) + ")"] if words else [])
                + (["(?:" + "|".join(pairs) + ")"] if pairs else [])), re.IGNORECASE)
        return self._pattern.finditer(folded)

    def first_match(self, text: str, end: int) -> int | None:
        """Return where the first marked word starting before `end` starts, None if none."""
        if not self._starts:
            return None
        for candidate in self._candidates(text, end):
            word = COMPOUND.match(text, compound_start(text, candidate.start()))
            if self._marked(word.group()):
                return word.start()
        return None

    def heaviest(self) -> Marker | None:
        """Return a Marker of the rarest of the terms (the highest weight) alone; None when
        they weigh the same or are not weighed.

        A long body is highlighted in a window from a first match: from the first match of the
        rarest word it holds, not of "what" or "say", words of nearly every page.
        """
        if self._heaviest is False:
            self._heaviest = None
            weights = [self.weights[t] for t in self.terms if t in self.weights] \
                if self.weights else []
            # Only where a common word stands beside a rarer one: between words of about the
            # same rarity, the first match of any is as good.
            if weights and max(weights) >= HEAVIER * min(weights):
                top = max(weights)
                self._heaviest = Marker(frozenset(t for t in self.terms
                                                  if self.weights.get(t) == top), self.analyzer)
        return self._heaviest

    def marks_at(self, text: str, at: int) -> bool:
        """Tell whether the word starting at `at` is marked."""
        word = COMPOUND.match(text, at)
        return bool(word and self._marked(word.group()))

    def spans(self, text: str, end: int) -> list[tuple[int, int, str]]:
        """Return (startchar, endchar, term) of each marked word starting before `end`."""
        found: list[tuple[int, int, str]] = []
        if not self._starts or end <= 0:
            return found
        covered = 0
        # Looked up once a text, not once a candidate word.
        by_word, match, separators = self._by_word, COMPOUND.match, SEPARATOR_CHARS
        for candidate in self._candidates(text, end):
            at = candidate.start()
            if at < covered:
                continue  # another part of a compound already analysed
            if at >= 2 and text[at - 1] in separators:  # else it starts no compound earlier
                at = compound_start(text, at)
            word = match(text, at)
            covered = word.end()
            written = word.group()
            marks = by_word.get(written)
            if marks is None:
                marks = self._marked(written)
            if marks:
                at = word.start()
                found.extend([(at + s, at + e, term) for s, e, term in marks])
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

    expand = analyzer.expand if isinstance(analyzer, ProseAnalyzer) else None

    def tokens(word: str) -> tuple[tuple[int, int, str], ...]:
        found = cache.get(word)
        if found is None:
            if len(cache) >= WORD_CACHE_SIZE:
                cache.clear()
            found = cache[word] = _plain_word_tokens(word, expand) or tuple(
                (t.startchar, t.endchar, t.text) for t in analyzer(
                    word, positions=True, chars=True, mode="index", removestops=False))
        return found
    return tokens


def _plain_word_tokens(word: str, expand) -> tuple[tuple[int, int, str], ...]:
    """Return a word of ASCII letters and digits' tokens from the prose chain's own terms of it,
    each over the whole word; () when the chain itself must run.

    Running the chain with character offsets took 29-38 us a word, 6 new words a query. A plain
    word is one token of the tokenizer, so each term `expand` makes of it at its place spans it
    whole. A stopword or a too short word is kept by the highlighter (stopped) but has no term
    in `expand`: the chain runs for those.
    """
    if expand is None or not (word.isascii() and word.isalnum()):
        return ()
    terms, _ = expand(word)
    if any(rel for _, rel in terms):
        return ()
    return tuple((0, len(word), term) for term, _ in terms)


def field_marker(results, fieldname: str) -> Marker | None:
    """Return the Marker of a field's query terms for one Results object (built once).

    None when a term has no written form to look for: the caller re-tokenises instead.
    """
    cache = results.__dict__.setdefault("_markers", {})
    if fieldname not in cache:
        field = results.searcher.schema[fieldname]
        found = existing_terms(results.searcher, results.q, fieldname)
        terms = frozenset(field.from_bytes(text) for _, text in found)
        usable = all(isinstance(t, str) and written_start(t) for t in terms)
        infos = term_infos(results.searcher)
        weights = {field.from_bytes(text): infos.idf(fieldname, text) for _, text in found}
        cache[fieldname] = Marker(terms, field.analyzer, weights) if usable else None
    return cache[fieldname]


def _alternative(start: str, checked_after_first: bool = False) -> str:
    """Return the pattern of a word start: its letters, a joiner allowed between any two.

    Not preceded by a word character: checked before its first letter, or just after it (the
    same check, a letter later: that letter is one character), for a case-sensitive pattern
    whose every alternative then starts with a letter the regex engine can skip ahead to.
    """
    letters = [re.escape(c) for c in start]
    if checked_after_first:
        letters[0] += r"(?<!\w.)"
    return FOLDED_JOINER.join(letters)


def written_start(term: str) -> str:
    """Return the letters every written form of an indexed term starts with (folded)."""
    if term.startswith(ORIGINAL_MARK):
        return term[len(ORIGINAL_MARK):]
    if CJK.match(term):
        return term  # a pair of characters, never stemmed (index/wordparts.py)
    # A Porter stem differs from its words in its last letter ("happi": "happy") or last two
    # ("copyandpastabl": "copyandpastability").
    return term[:-2] if len(term) > 4 else term[:-1] if len(term) > 1 else term


# Each accented word character -> the letter it folds to (the index folds with schema.ACCENT_FOLDS),
# its upper and lower case too, and the typographic joiners -> theirs; one character for one,
# so offsets in the folded text hold.
_FOLD: dict[int, str] = {}


def fold(text: str) -> str:
    """Return the text with accented letters folded to plain ones, each in its place."""
    if text.isascii():
        return text
    if not _FOLD:
        _FOLD.update(_fold_table())
    return text.translate(_FOLD)


def _fold_table() -> dict[int, str]:
    direct: dict[int, str] = {}
    cased: dict[int, str] = {}
    for code, folded in ACCENT_FOLDS.items():
        letter = folded.lower()
        if len(letter) != 1 or not is_word_char(letter):
            continue  # a fold to two letters ("ae") was never looked for: words keep theirs
        char = chr(code)
        if not char.isascii() and is_word_char(char):
            direct[code] = letter
        for other in (char.lower(), char.upper()):
            if len(other) == 1 and not other.isascii() and is_word_char(other):
                cased.setdefault(ord(other), letter)
    return {**cased, **direct, **{ord(k): v for k, v in FOLDED_SEPARATORS.items()}}


def compound_start(text: str, at: int) -> int:
    """Return where the tokenizer's word holding `at` (the start of a run of \\w) starts."""
    while at >= 2 and text[at - 1] in SEPARATOR_CHARS and is_word_char(text[at - 2]):
        at -= 2
        while at > 0 and is_word_char(text[at - 1]):
            at -= 1
    return at


def is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


# A fragment cut from a text: its start and end, and its marks' (startchar, endchar, term).
Window = tuple[int, int, list[tuple[int, int, str]]]


def best_windows(windows: list[Window], count: int,
                 weights: dict[str, float] | None = None) -> list[Window]:
    """Return the `count` best-scored windows in text order (ties: the earlier one).

    Without weights a window is scored as Whoosh's BasicFragmentScorer scores its fragment: the
    marks (each of boost 1) times 100 times the distinct terms marked. With them (each term's
    idf), by the weights of the distinct terms it marks, then by its marks: for "what did
    Haniyeh say" the sentence naming Haniyeh comes before three that hold "what", "did" and
    "say", words of nearly every page.
    """
    if weights is None:
        def score(window: Window) -> tuple:
            return (len(window[2]) * (len({term for _, _, term in window[2]}) * 100 or 1),)
    else:
        def score(window: Window) -> tuple:
            distinct = {term for _, _, term in window[2]}
            return (round(sum(weights.get(term, 0.0) for term in distinct), 9), len(window[2]))
    scored = sorted(windows, key=lambda w: (tuple(-x for x in score(w)), w[0]))
    return sorted((w for w in scored[:count] if w[2]), key=lambda w: w[0])


def context_fragments(text: str, marker: Marker) -> list[highlight.Fragment]:
    """Return the fragments of a text around its marked words, in text order (Whoosh's
    Fragments of `context_windows`)."""
    return [highlight.mkfrag(text, [Token(startchar=s, endchar=e, text=term)
                                    for s, e, term in marks], startchar=start, endchar=end)
            for start, end, marks in context_windows(text, marker)]


def context_windows(text: str, marker: Marker) -> list[Window]:
    """Return the windows of a text around its marked words, in text order.

    A window starts at a word at most SURROUND characters before its first match, takes the
    following matches while it stays within SNIPPET_CHARS, and ends at a word at most SURROUND
    characters after its last match (and before the next match it did not take). Cut from the
    marks' character offsets alone: no word between the matches is read.
    """
    spans = marker.spans(text, len(text))
    windows: list[Window] = []
    i, floor = 0, 0
    while i < len(spans):
        start = word_start_from(text, max(floor, spans[i][0] - SURROUND), spans[i][0])
        j = i + 1
        while j < len(spans) and spans[j][1] - start <= SNIPPET_CHARS:
            j += 1
        last_end = spans[j - 1][1]
        limit = min(last_end + SURROUND, max(start + SNIPPET_CHARS, last_end))
        if j < len(spans):
            limit = min(limit, spans[j][0])
        end = word_end_before(text, limit, last_end)
        # mkfrag's bounds: the window lies within the text
        windows.append((max(0, start), min(len(text), end), spans[i:j]))
        i, floor = j, end
    return windows


def word_start_from(text: str, at: int, ceiling: int) -> int:
    """Return where the first word starting at or after `at` starts (`ceiling` at the latest)."""
    found = WORD_START.search(text, at, ceiling + 1)
    return found.start() if found else ceiling


def word_end_before(text: str, at: int, floor: int) -> int:
    """Return where the last word ending at or before `at` ends (`floor` at the earliest)."""
    end = min(at, len(text))
    if end < len(text) and is_word_char(text[end]):  # inside a word, or just before one
        while end > floor and is_word_char(text[end - 1]):
            end -= 1
    while end > floor and not is_word_char(text[end - 1]):
        end -= 1
    return max(end, floor)
