"""The terms of a short text field (author, sender, speaker, outlet, a title's common words) made
from per-word results: what `field.index` gives, without running the analyzer's chain over
every token of every value.

These fields' chains (a word tokenizer, then filters that each act on one token: lower case,
compounds, accent folding, keeping only listed words) give a word the same terms wherever it
stands; only the positions move, by the word's number and by how far the compounds before it
pushed it (CompoundFilter's shift). Each distinct word is run through the chain once and
remembered, as the prose fields' words are (`schema.Expansions`); a value's terms are put
together from them and encoded as Whoosh's Positions or Frequency format does. Senders and
authors are unique to a message as often as not, so remembering whole values (the segment
writer does) misses half the time, but their words repeat. Tests compare every term with
`field.index`.
"""
from __future__ import annotations

import re
from functools import partial

from whoosh import formats
from whoosh.analysis import CharsetFilter, CompositeAnalyzer, LowercaseFilter, RegexTokenizer
from whoosh.system import pack_uint

from search.index.schema import WORD_PATTERN, CompoundFilter, Expansions, OnlyWordsFilter

_WORD = re.compile(WORD_PATTERN)
# Filters that act on each token alone and leave the tokenizer's numbering as it is, but for
# CompoundFilter, whose parts push the words after them (redone in `terms_by_words`).
_PER_WORD_FILTERS = (LowercaseFilter, CompoundFilter, CharsetFilter, OnlyWordsFilter)
# Of those, the filters that leave a lower-cased word of ASCII letters and digits as it is (no
# separator, possessive, Chinese or Japanese in it; the charset filters are checked), or drop it.
_PLAIN_FILTERS = (LowercaseFilter, CompoundFilter, CharsetFilter, OnlyWordsFilter)
_FORMATS = (formats.Positions, formats.Frequency)
# Encoded values remembered: short texts have few distinct position lists and frequencies.
ENCODED_KEPT = 10_000
_POSITIONS = formats.Positions()  # its encoding of positions does not depend on the field
_ENCODED: dict[tuple[int, ...], bytes] = {}


def by_words(field) -> bool:
    """Whether `field` indexes a text with a chain of per-word filters, whose terms
    `terms_by_words` can put together from each word's."""
    analyzer = getattr(field, "analyzer", None)
    if type(field.format) not in _FORMATS or type(analyzer) is not CompositeAnalyzer:
        return False
    tokenizer, *filters = analyzer.items
    return (type(tokenizer) is RegexTokenizer and not tokenizer.gaps
            and tokenizer.expression.pattern == WORD_PATTERN
            and all(type(item) in _PER_WORD_FILTERS for item in filters))


def word_expansions(analyzer) -> Expansions:
    """Return a new memory of the terms `analyzer` (a chain `by_words` accepts) makes of
    single words."""
    filters = analyzer.items[1:]
    plain = all(type(item) in _PLAIN_FILTERS for item in filters) and all(
        chr(c).translate(item.charmap) == chr(c) for item in filters
        if type(item) is CharsetFilter for c in range(128) if not chr(c).isupper())
    # The words a plain word must be one of to be kept (None: any).
    kept = None
    for item in filters:
        if type(item) is OnlyWordsFilter:
            kept = item.words if kept is None else kept & item.words
    return Expansions(partial(_expand, analyzer, plain, kept))


def _expand(analyzer, plain: bool, kept: frozenset[str] | None,
            word: str) -> tuple[tuple[tuple[str, int], ...], int]:
    """The terms the chain makes of one word alone, with their positions, and the highest of
    those (how far the word pushes the words after it)."""
    if plain and word.isascii() and word.isalnum():
        lower = word.lower()
        return (((lower, 0),) if kept is None or lower in kept else ()), 0
    terms = tuple((t.text, t.pos) for t in analyzer(word, positions=True, boosts=True,
                                                     mode="index") if not t.stopped)
    return terms, max((rel for _, rel in terms), default=0)


def terms_by_words(field, expansions: Expansions,
                   value: str) -> list[tuple[bytes, int, float, bytes]]:
    """Return what `field.index(value)` gives (term bytes, frequency, weight, encoded value)
    for a field `by_words` accepts, from the words' expansions."""
    known = expansions.recent
    found: dict[str, list[int]] = {}
    shift = 0
    for i, word in enumerate(_WORD.findall(value)):
        terms, extra = known.get(word) or expansions.miss(word)
        base = i + shift
        for text, rel in terms:
            at = found.get(text)
            if at is None:
                found[text] = [base + rel]
            else:
                at.append(base + rel)
        shift += extra
    boost = field.format.field_boost
    positions = type(field.format) is formats.Positions
    encoded = _ENCODED.get
    made = []
    for text, at in found.items():
        if positions:
            key = tuple(at)
            data = encoded(key) or _encode(key)
        else:
            data = pack_uint(len(at))
        # Whoosh sums each token's boost (1.0) into the weight, then multiplies by the field's.
        made.append((text.encode("utf-8"), len(at), float(len(at)) * boost, data))
    return made


def _encode(positions: tuple[int, ...]) -> bytes:
    """Whoosh's Positions format of a term's positions, remembered."""
    if len(_ENCODED) >= ENCODED_KEPT:
        _ENCODED.clear()
    data = _ENCODED[positions] = _POSITIONS.encode(list(positions))
    return data
