"""Did you mean: a correction for words the index hardly knows, from its own vocabulary."""
from __future__ import annotations

import re

from whoosh.support.charset import accent_map

from search.query import ParsedQuery, Word, leaves
from search.schema import ORIGINAL_MARK, stem_word

# Fields whose vocabulary corrections come from, for words typed without a field.
VOCABULARY_FIELDS = ("body", "title")
# A word the index holds in more documents than this is not corrected.
KNOWN_WORD_DOCS = 0
# A correction must be this many times more frequent than the word it replaces.
MORE_FREQUENT = 5
MIN_WORD_CHARS = 4


def suggest(searcher, parsed: ParsedQuery, typed: str) -> str | None:
    """Return the query with misspelt words corrected, or None when there is nothing to offer."""
    reader = searcher.reader()
    corrected = typed
    changed = False
    for node, negated in leaves(parsed.tree):
        if not isinstance(node, Word) or node.kind != "word" or negated:
            continue
        word = node.text.lower().translate(accent_map)
        if len(word) < MIN_WORD_CHARS or not word.isalpha():
            continue
        fields = [node.field] if node.field else list(VOCABULARY_FIELDS)
        fields = [f for f in fields if f in searcher.schema and f != "carrier"]
        better = best_correction(reader, fields, word)
        if better and better != word:
            pattern = re.compile(rf"(?<![\w-]){re.escape(node.text)}(?![\w*~-])", re.I)
            corrected, n = pattern.subn(better, corrected, count=1)
            changed = changed or n > 0
    return corrected if changed else None


def best_correction(reader, fields: list[str], word: str) -> str | None:
    """Return the most likely word of the index for a rare or unknown word, or None."""
    own = max((_docs(reader, f, word) for f in fields), default=0)
    scored: dict[str, tuple[int, int]] = {}
    for field in fields:
        for maxdist, prefix in ((1, 1), (2, 2)):
            for mark in (ORIGINAL_MARK, ""):
                for term in reader.terms_within(field, mark + word, maxdist,
                                                prefix=len(mark) + prefix):
                    surface = term.lstrip(ORIGINAL_MARK)
                    if surface == word:
                        continue
                    docs = reader.doc_frequency(field, term)
                    best = scored.get(surface, (maxdist, 0))
                    scored[surface] = (min(best[0], maxdist), max(best[1], docs))
            if scored:
                break  # a correction one letter away beats any two letters away
    if not scored:
        return None
    surface, (_, docs) = min(scored.items(), key=lambda kv: (kv[1][0], -kv[1][1], kv[0]))
    if own > KNOWN_WORD_DOCS and docs < own * MORE_FREQUENT:
        return None
    return surface


def _docs(reader, field: str, word: str) -> int:
    return max(reader.doc_frequency(field, word), reader.doc_frequency(field, stem_word(word)),
               reader.doc_frequency(field, ORIGINAL_MARK + word))
