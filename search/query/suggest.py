"""Did you mean: a correction for words the index hardly knows, from its own vocabulary."""
from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from whoosh import query as wq

from search.query.tree import And, ParsedQuery, Word, leaves
from search.index.schema import ORIGINAL_MARK, fold_word, stem_word

# Fields whose vocabulary corrections come from, for words typed without a field (the title's
# words are nearly all in bodies too).
VOCABULARY_FIELDS = ("body",)
# A word in more documents than this is taken as meant, and not corrected.
RARE_WORD_DOCS = 2
# A correction must be this many times more frequent than the word it replaces.
MORE_FREQUENT = 5
MIN_WORD_CHARS = 4
# Candidates keep the first letters of the typed word: typos there are rare, and the index's
# vocabulary is read only in that range (Whoosh's automaton-based terms_within was 4-10x slower).
FIXED_PREFIX = 2
# Prefix ranges of the vocabulary kept per reader, each as its terms by length (a range of a
# common two letters holds a few thousand terms at 50,000 documents); past it they start again.
RANGES_KEPT = 256

_RANGES: WeakKeyDictionary = WeakKeyDictionary()


# `speaker:Ismail Haniyeh` reads as "Ismail quoted saying Haniyeh" (search/features/whosaid.py),
# and finds nothing where `speaker:"Ismail Haniyeh"` finds the person: a name typed without its
# quotation marks is offered back with them, when the index names a speaker so.
NAME_FIELDS = ("speaker",)


def suggest(searcher, parsed: ParsedQuery, typed: str) -> str | None:
    """Return the query with a speaker's name quoted or misspelt words corrected, or None when
    there is nothing to offer."""
    quoted = quoted_name(searcher, parsed, typed)
    if quoted:
        return quoted
    reader = searcher.reader()
    corrected = typed
    changed = False
    for node, negated in leaves(parsed.tree):
        if not isinstance(node, Word) or node.kind != "word" or negated:
            continue
        word = fold_word(node.text)
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


def quoted_name(searcher, parsed: ParsedQuery, typed: str) -> str | None:
    """Return the query with `speaker:First Last` written `speaker:"First Last"` when the index
    has a speaker of those names in that order, else None."""
    items = parsed.tree.items if isinstance(parsed.tree, And) else []
    for at, item in enumerate(items):
        if not (isinstance(item, Word) and item.field in NAME_FIELDS and item.kind == "word"):
            continue
        names = [item.text]
        for following in items[at + 1:]:
            if not (isinstance(following, Word) and following.field is None
                    and following.kind == "word" and following.text[:1].isupper()):
                break
            words = [t.text for t in searcher.schema[item.field].analyzer(
                " ".join([*names, following.text]))]
            if len(words) < 2 or searcher.search(wq.Phrase(item.field, words), limit=1).is_empty():
                break
            names.append(following.text)
        if len(names) > 1:
            typed_name = r"\s+".join(re.escape(n) for n in names)
            written = re.compile(rf"(?<![\w-])(\w+):{typed_name}(?![\w*~-])")
            corrected, n = written.subn(lambda m: f'{m.group(1)}:"{" ".join(names)}"', typed,
                                        count=1)
            if n:
                return corrected
    return None


def best_correction(reader, fields: list[str], word: str) -> str | None:
    """Return the most likely word of the index for a rare or unknown word, or None."""
    own = max((_docs(reader, f, word) for f in fields), default=0)
    if own > RARE_WORD_DOCS:
        return None
    for maxdist in (1, 2):
        scored: dict[str, int] = {}
        for field in fields:
            for term, _ in terms_near(reader, field, word, maxdist, FIXED_PREFIX):
                surface = term.lstrip(ORIGINAL_MARK)
                if surface != word:
                    docs = reader.doc_frequency(field, term)
                    scored[surface] = max(scored.get(surface, 0), docs)
        if scored:
            surface, docs = min(scored.items(), key=lambda kv: (-kv[1], kv[0]))
            return surface if docs >= max(own, 1) * MORE_FREQUENT or own == 0 else None
    return None


def terms_near(reader, field: str, word: str, maxdist: int,
               prefix: int) -> list[tuple[str, int]]:
    """Return the field's terms (plain and marked originals) within `maxdist` edits of `word`.

    Only terms sharing the word's first `prefix` characters are read.
    """
    found = []
    for mark in (ORIGINAL_MARK, ""):
        by_length = terms_by_length(reader, field, mark + word[:prefix])
        near = len(mark) + len(word)
        in_reach = sorted(term for length in range(near - maxdist, near + maxdist + 1)
                          for term in by_length.get(length, ()))
        for term in in_reach:  # in the vocabulary's order, as Whoosh lists them
            dist = edit_distance(word, term[len(mark):], maxdist)
            if dist is not None:
                found.append((term, dist))
    return found


def terms_by_length(reader, field: str, prefix: str) -> dict[int, list[str]]:
    """Return the field's terms starting with `prefix`, by length; read once per reader.

    Merging the segments' term lists was most of a rare word's suggestion, once for each edit
    distance tried, in every query with that word's first letters.
    """
    kept = _RANGES.get(reader)
    if kept is None:
        kept = _RANGES[reader] = {}
    found = kept.get((field, prefix))
    if found is None:
        found = {}
        for term in reader.expand_prefix(field, prefix):
            term = term.decode("utf-8") if isinstance(term, bytes) else term
            found.setdefault(len(term), []).append(term)
        if len(kept) >= RANGES_KEPT:
            kept.clear()
        kept[(field, prefix)] = found
    return found


def edit_distance(a: str, b: str, maxdist: int) -> int | None:
    """Return the Levenshtein distance of a and b if it is at most `maxdist`, else None."""
    if abs(len(a) - len(b)) > maxdist:
        return None
    # A common start and end change no distance: the table is for the letters between them
    # (candidates share their first letters with the word, and a typo is mostly one place).
    shorter = min(len(a), len(b))
    start = 0
    while start < shorter and a[start] == b[start]:
        start += 1
    end = 0
    while end < shorter - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start:len(a) - end], b[start:len(b) - end]
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (ca != cb))
        if min(current) > maxdist:
            return None
        previous = current
    return previous[-1] if previous[-1] <= maxdist else None


def _docs(reader, field: str, word: str) -> int:
    return max(reader.doc_frequency(field, word), reader.doc_frequency(field, stem_word(word)),
               reader.doc_frequency(field, ORIGINAL_MARK + word))
