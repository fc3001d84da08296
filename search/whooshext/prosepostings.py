"""A new segment's prose postings gathered as arrays: one dictionary lookup a word, not a list a
term and a tuple a posting.

`index_positions` (search/index/schema.py) turns a field value into each term's positions, a
dictionary lookup and a list append per term of every word, then the pool makes a posting of
each term, in Python. Here a field keeps, for the whole segment, each distinct word's expansion
(its terms with their places relative to the word, and how far its parts push the words after
it, as the analyzer's memory of expansions hands it over) and, per document, only the numbers of
its words. When the segment is written, the terms are numbered in the order of their bytes and
numpy does the rest at once: the positions (StopFilter's numbering, CompoundFilter's
shifts), the postings grouped per term in the order of the terms' bytes and per document, the
weights, and the values, Whoosh's Positions format (a count, then the pickled position deltas)
written for every posting into one buffer. The postings are the ones `index_positions` and the
pool gave, in the same order (tests compare them with the filter chain's, and the segments of
every fixture with Whoosh's writer's).
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from itertools import chain, compress, repeat
from operator import is_, itemgetter
from pickle import dumps
from struct import Struct

import numpy as np

from search.index.schema import ORIGINAL_MARK, WORD_PATTERN, Expansion, ProseAnalyzer

_WORD = re.compile(WORD_PATTERN)
_COUNT = Struct("!I")  # Whoosh's Positions format starts a value with the number of positions
# What pickle protocol 2 writes around a list of small ints: the protocol, an empty list kept in
# the memo, then each int (BININT1 "K", BININT2 "M" or BININT4 "J") and APPEND ("a") after one
# or MARK ("(") before and APPENDS ("e") after several, then STOP (".").
_PICKLE_HEAD = np.frombuffer(b"\x80\x02]q\x00", dtype=np.uint8)
_PICKLE_BATCH = 1000  # pickle appends a longer list in batches; such postings are pickled here


class ProseField:
    """One prose field's postings in a new segment (see the module's docstring)."""

    def __init__(self, analyzer: ProseAnalyzer, format_boost: float) -> None:
        self.analyzer = analyzer
        self.expansions = analyzer.expansions
        self.format_boost = format_boost
        self.word_ids: dict[str, int] = {}
        # Each distinct word's expansion (its terms and their places, how far it pushes the
        # words after it) and number of terms, by the word's number; the terms are numbered
        # when the segment is written.
        self.found: list[Expansion] = []
        self.lengths: list[int] = []
        # Per document with terms: its number, boost and count of words, and its words.
        self.words = array("i")
        self.counts: list[int] = []
        self.docnums: list[int] = []
        self.boosts: list[float] = []

    def add(self, docnum: int, value: str, boost: float) -> int:
        """Add one document's value; return its number of positions (the field's length)."""
        words = _WORD.findall(value)
        ids = list(map(self.word_ids.get, words))
        if None in ids:
            ids = self._learn(words, ids)
        length = sum(map(self.lengths.__getitem__, ids))
        if length:
            self.words.extend(ids)
            self.counts.append(len(ids))
            self.docnums.append(docnum)
            self.boosts.append(boost)
        return length

    def _learn(self, words: list[str], ids: list[int | None]) -> list[int]:
        """Number the words seen for the first time in this segment; return every word's."""
        new = list(dict.fromkeys(compress(words, map(is_, ids, repeat(None)))))
        found = list(map(self.expansions.recent.get, new))
        if None in found:
            miss = self.expansions.miss
            found = [expansion or miss(word) for word, expansion in zip(new, found)]
        known = len(self.found)
        self.word_ids.update(zip(new, range(known, known + len(new))))
        self.found += found
        self.lengths += map(len, map(itemgetter(0), found))
        return list(map(self.word_ids.__getitem__, words))

    def postings(self) -> FieldPostings:
        """Return the field's postings, grouped per term in the order of the terms' bytes; the
        field is emptied (a segment's words take hundreds of megabytes)."""
        if not self.counts:
            empty = np.zeros(0, dtype=np.int64)
            return FieldPostings([], [], empty, empty.astype(np.float64), b"", empty, empty,
                                 (empty, empty))
        terms, docs, places, ordered, pairs = self._occurrences()
        docnums, boosts = self.docnums, self.boosts
        self.__init__(self.analyzer, self.format_boost)  # emptied: its words are done with
        order = stable_order(terms)  # stable: each posting's places in order
        terms = terms[order]
        docs = docs[order]
        places = places[order]
        del order
        new = np.empty(len(terms), dtype=bool)
        new[0] = True
        new[1:] = (terms[1:] != terms[:-1]) | (docs[1:] != docs[:-1])
        firsts = np.flatnonzero(new)
        del new
        freqs = np.diff(np.append(firsts, len(terms)))
        posting_terms = terms[firsts]
        posting_docs = docs[firsts]
        del terms, docs
        starts = np.flatnonzero(np.append(True, posting_terms[1:] != posting_terms[:-1]))
        weights = (freqs.astype(np.float64) * self.format_boost) \
            * np.array(boosts, dtype=np.float64)[posting_docs]
        deltas = places.copy()
        deltas[1:] -= places[:-1]
        deltas[firsts] = places[firsts]
        del places
        buffer, value_starts, value_ends = encode_values(firsts, freqs, deltas)
        # A term's place among the field's terms, by its number (every term has postings).
        written = np.empty(len(ordered), dtype=np.int64)
        written[posting_terms[starts]] = np.arange(len(starts))
        return FieldPostings([ordered[t] for t in posting_terms[starts].tolist()],
                             starts.tolist(),
                             np.array(docnums, dtype=np.int64)[posting_docs],
                             weights, buffer, value_starts, value_ends,
                             (written[pairs[0]], written[pairs[1]]))

    def _occurrences(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str],
                                    tuple[np.ndarray, np.ndarray]]:
        """Every (term, document, position) the field's values give, in the text's order, and
        the terms in the order of their bytes (UTF-8 keeps code point order); terms as their
        place in that order, documents as their place in `docnums` (32-bit numbers: a
        segment's words are counted in millions). Last, the unstemmed forms (`=running`)
        that sort before their stems, and those stems, as two arrays of terms' places
        (`twin_candidates`)."""
        i32 = np.int32
        found = self.found
        expanded = list(chain.from_iterable(map(itemgetter(0), found)))
        texts = list(map(itemgetter(0), expanded))
        ordered = sorted(set(texts))
        place = {term: i for i, term in enumerate(ordered)}
        expanded_terms = np.fromiter(map(place.__getitem__, texts), dtype=i32,
                                     count=len(texts))
        del texts
        pairs = twin_candidates(ordered, expanded_terms)
        expanded_places = np.fromiter(map(itemgetter(1), expanded), dtype=i32,
                                      count=len(expanded))
        del expanded
        word_lengths = np.array(self.lengths, dtype=i32)
        word_starts = np.cumsum(word_lengths, dtype=np.int64) - word_lengths
        words = np.frombuffer(self.words, dtype=i32)
        lengths = word_lengths[words]
        counts = np.array(self.counts, dtype=i32)
        firsts = np.cumsum(counts, dtype=i32) - counts
        doc = np.repeat(np.arange(len(counts), dtype=i32), counts)
        kept = lengths > 0
        # StopFilter: the first word kept keeps its place, the others follow it one by one.
        local = np.arange(len(words), dtype=i32) - firsts[doc]
        first_kept = np.minimum.reduceat(np.where(kept, local, len(words)), firsts)
        del local
        base = np.cumsum(kept, dtype=i32) - kept
        base -= base[firsts][doc]
        del kept
        # CompoundFilter: a compound's parts push every later word of the value.
        extras = np.fromiter(map(itemgetter(1), found), dtype=i32, count=len(found))[words]
        shift = np.cumsum(extras, dtype=i32) - extras
        del extras
        base += shift - shift[firsts][doc]
        del shift
        base += first_kept[doc]
        total = int(lengths.sum(dtype=np.int64))
        which = np.repeat(word_starts[words] - (np.cumsum(lengths, dtype=np.int64) - lengths),
                          lengths)
        del words
        which += np.arange(total)
        terms = expanded_terms[which]
        places = np.repeat(base, lengths)
        places += expanded_places[which]
        return terms, np.repeat(doc, lengths), places, ordered, pairs


def twin_candidates(ordered: list[str], expanded: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the unstemmed forms among the terms of the words' expansions (`expanded`: each
    distinct word's terms in turn, as their places in the sorted terms `ordered`) whose stem
    sorts after them (as `=` sorts before letters, but not before digits), and their stems, as
    two arrays of places, each pair once. An expansion gives a marked form right after its
    stem (`_stemmed`, StemKeepingOriginalFilter): the pairs are read, not stemmed again."""
    first = bisect_left(ordered, ORIGINAL_MARK)  # the marked forms: one run of sorted terms
    last = bisect_left(ordered, chr(ord(ORIGINAL_MARK) + 1), first)
    marked = np.flatnonzero((expanded[1:] >= first) & (expanded[1:] < last)) + 1
    forms, stems = expanded[marked].astype(np.int64), expanded[marked - 1].astype(np.int64)
    later = stems > forms
    forms, stems = forms[later], stems[later]
    forms, unique = np.unique(forms, return_index=True)
    return forms, stems[unique]


class FieldPostings:
    """A field's postings: `terms` in order, the index of each one's first posting in
    `starts`, and per posting its document number, weight and value (Whoosh's encoding) as
    arrays (the values as one buffer, each value between its start and end); lists of a
    term's postings are made when asked, one term at a time. `twin_candidates`: unstemmed
    forms and their stems (`twin_candidates()`), as two arrays of places in `terms`."""

    def __init__(self, terms: list[str], starts: list[int], docnums: np.ndarray,
                 weights: np.ndarray, buffer: bytes, value_starts: np.ndarray,
                 value_ends: np.ndarray, twin_candidates: tuple[np.ndarray, np.ndarray]) -> None:
        self.terms = terms
        self.twin_candidates = twin_candidates
        self.starts = starts
        self.ends = starts[1:] + [len(docnums)]
        self.docnum_array = docnums
        self.weight_array = weights
        self.data = buffer
        self.value_buffer = np.frombuffer(buffer, dtype=np.uint8)
        self.value_starts = value_starts
        self.value_ends = value_ends

    def __len__(self) -> int:
        return len(self.docnum_array)

    def postings_of(self, i: int) -> tuple[list[int], list[float], list[bytes]]:
        """Return the `i`th term's docnums, weights and values."""
        a, b = self.starts[i], self.ends[i]
        return (self.docnum_array[a:b].tolist(), self.weight_array[a:b].tolist(),
                self._values(a, b))

    def _values(self, a: int, b: int) -> list[bytes]:
        data = self.data
        return [data[s:e] for s, e in zip(self.value_starts[a:b].tolist(),
                                          self.value_ends[a:b].tolist())]

    def items(self):
        """Yield (term, docnums, weights, values) per term, in order."""
        for i, term in enumerate(self.terms):
            yield (term, *self.postings_of(i))

    def __iter__(self):
        """Yield (term bytes, docnums, weights, values, shared) per term, as `TermPool.terms`
        does: `shared` the bytes of the stem whose postings an unstemmed form has, else None."""
        twins = self.twins()
        keys = self.term_bytes()
        for i, (_, ids, weights, values) in enumerate(self.items()):
            stem = twins.get(i)
            yield keys[i], ids, weights, values, None if stem is None else keys[stem]

    def term_bytes(self) -> list[bytes]:
        """Return the terms as the term table keys them (UTF-8)."""
        return [term.encode("utf-8") for term in self.terms]

    def twins(self) -> dict[int, int]:
        """Return the unstemmed forms (`=running`) whose postings are their stem's (the word is
        the stem's only form in the segment), each with its stem, by their places in `terms`:
        of the candidate pairs the field was given (`twin_candidates`)."""
        return self._same_postings(*self.twin_candidates)

    def _same_postings(self, forms: np.ndarray, stems: np.ndarray) -> dict[int, int]:
        """Return {form: stem} for the pairs of terms whose postings have the same documents
        and values (the same positions, so the same weights too)."""
        starts = np.array(self.starts + [len(self)], dtype=np.int64)
        counts = starts[forms + 1] - starts[forms]
        same = counts == starts[stems + 1] - starts[stems]
        forms, stems, counts = forms[same], stems[same], counts[same]
        if not len(forms):
            return {}
        ends = np.cumsum(counts)
        pair = np.repeat(np.arange(len(counts)), counts)
        within = np.arange(int(ends[-1])) - (ends - counts)[pair]
        a = starts[forms][pair] + within
        b = starts[stems][pair] + within
        value_starts, value_ends = self.value_starts, self.value_ends
        sizes = value_ends[a] - value_starts[a]
        differ = (self.docnum_array[a] != self.docnum_array[b]) \
            | (sizes != value_ends[b] - value_starts[b])
        sizes[differ] = 0  # the bytes of values of the same size compared
        before = np.cumsum(sizes) - sizes
        offset = np.arange(int(sizes.sum())) - np.repeat(before, sizes)
        data = self.value_buffer
        unequal = data[np.repeat(value_starts[a], sizes) + offset] \
            != data[np.repeat(value_starts[b], sizes) + offset]
        differ[np.repeat(np.arange(len(a)), sizes)[unequal]] = True
        kept = np.ones(len(forms), dtype=bool)
        kept[pair[differ]] = False
        return dict(zip(forms[kept].tolist(), stems[kept].tolist()))


def stable_order(numbers: np.ndarray) -> np.ndarray:
    """`np.argsort(numbers, kind="stable")` of numbers from 0 to 2**32 - 1, as two stable sorts
    of their 16-bit halves, low then high (numpy sorts 16-bit numbers by radix: a body field's
    2 million term numbers in 0.07 s, not 0.12)."""
    order = np.argsort((numbers & 0xFFFF).astype(np.uint16), kind="stable")
    high = (numbers >> 16).astype(np.uint16)[order]
    if high.any():
        order = order[np.argsort(high, kind="stable")]
    return order


def encode_positions(positions: list[int]) -> bytes:
    """Return the value Whoosh's Positions format encodes for these positions."""
    deltas = [b - a for a, b in zip([0] + positions, positions)]
    return _COUNT.pack(len(deltas)) + dumps(deltas, 2)


def encode_values(firsts: np.ndarray, freqs: np.ndarray,
                  deltas: np.ndarray) -> tuple[bytes, np.ndarray, np.ndarray]:
    """Return each posting's value as `encode_positions` does, from every posting's first
    delta's index, its number of positions and the deltas: one buffer, each value's start and
    end in it. The values of one position under 256 (most of a field's postings) are one
    pattern but for a byte: they are made as rows of a table, first in the buffer."""
    one = (freqs == 1) & (deltas[firsts] < 256)
    count = int(np.count_nonzero(one))
    if not count:
        return _encode_any(firsts, freqs, deltas)
    rows = np.empty((count, len(_ONE_SMALL)), dtype=np.uint8)
    rows[:] = _ONE_SMALL
    rows[:, _ONE_SMALL_AT] = deltas[firsts[one]]
    starts = np.empty(len(freqs), dtype=np.int64)
    ends = np.empty(len(freqs), dtype=np.int64)
    starts[one] = np.arange(0, count * len(_ONE_SMALL), len(_ONE_SMALL))
    ends[one] = starts[one] + len(_ONE_SMALL)
    other = ~one
    if count == len(freqs):
        return rows.tobytes(), starts, ends
    other_freqs = freqs[other]
    other_deltas = deltas[np.repeat(other, freqs)]
    other_firsts = np.cumsum(other_freqs) - other_freqs
    data, other_starts, other_ends = _encode_any(other_firsts, other_freqs, other_deltas)
    starts[other] = other_starts + rows.size
    ends[other] = other_ends + rows.size
    return rows.tobytes() + data, starts, ends


# A value of one position p under 256: the count (1), then pickle's head, BININT1 p, APPEND,
# STOP; p's byte at _ONE_SMALL_AT.
_ONE_SMALL = np.frombuffer(_COUNT.pack(1) + bytes(_PICKLE_HEAD) + b"K\x00a.", dtype=np.uint8)
_ONE_SMALL_AT = len(_ONE_SMALL) - 3


def _encode_any(firsts: np.ndarray, freqs: np.ndarray,
                deltas: np.ndarray) -> tuple[bytes, np.ndarray, np.ndarray]:
    """`encode_values` for any postings: each value laid out in the buffer by numpy."""
    many = freqs > 1
    # Bytes of each delta's pickled int: opcode and 1, 2 or 4 bytes.
    sizes = np.full(len(deltas), 2, dtype=np.int8)
    sizes[deltas >= 256] = 3
    sizes[(deltas >= 65536) | (deltas < 0)] = 5
    within = np.cumsum(sizes, dtype=np.int64)
    item_bytes = within[np.append(firsts[1:], len(deltas)) - 1] - (within - sizes)[firsts]
    lengths = 4 + len(_PICKLE_HEAD) + many + item_bytes + 2
    ends = np.cumsum(lengths)
    starts = ends - lengths
    buffer = np.zeros(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    counts = freqs.astype(">u4").view(np.uint8).reshape(-1, 4)
    for k in range(4):
        buffer[starts + k] = counts[:, k]
    for k, byte in enumerate(_PICKLE_HEAD):
        buffer[starts + 4 + k] = byte
    buffer[starts[many] + 4 + len(_PICKLE_HEAD)] = ord("(")
    within -= sizes  # each item's offset in the pickled list
    posting = np.repeat(np.arange(len(freqs), dtype=np.int32), freqs)
    items = (starts + 4 + len(_PICKLE_HEAD) + many - within[firsts])[posting]
    del posting
    items += within
    del within
    buffer[items] = ord("K")
    buffer[items[sizes == 3]] = ord("M")
    buffer[items[sizes == 5]] = ord("J")
    buffer[items + 1] = deltas & 0xFF
    for k in range(1, 4):
        wide = np.flatnonzero(sizes > k + 1)
        unsigned = deltas[wide].astype(np.int64) & 0xFFFFFFFF
        buffer[items[wide] + 1 + k] = (unsigned >> (8 * k)) & 0xFF
    buffer[ends - 2] = np.where(many, ord("e"), ord("a"))
    buffer[ends - 1] = ord(".")
    data = buffer.tobytes()
    long = np.flatnonzero(freqs > _PICKLE_BATCH)
    if len(long):  # appended at the end of the buffer, each in place of its posting's
        extra = [data]
        at = len(data)
        for i in long.tolist():
            first = int(firsts[i])
            value = _COUNT.pack(int(freqs[i])) + dumps(deltas[first:first + freqs[i]].tolist(), 2)
            starts[i], ends[i] = at, at + len(value)
            at += len(value)
            extra.append(value)
        data = b"".join(extra)
    return data, starts, ends
