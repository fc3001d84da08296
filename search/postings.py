"""Match and score plain queries straight from Whoosh's posting blocks.

Whoosh matches a query one document at a time through a tree of Python matchers, about 60% of a
/search query's time on the 20k benchmark archive. A query made only of terms, phrases, OR,
AND, AND NOT and date sets (what search/compile.py makes) is evaluated here instead: each
term's posting blocks are read whole and scored with Whoosh's own BM25F formula on the index's
own field lengths, and the parts are combined as sets; a phrase's words must stand in
consecutive positions. Anything else (a sloppy phrase, a query Whoosh would expand itself, a
weighting other than BM25F) is left to Whoosh: `score_matches` returns None.

The scores are Whoosh's to the last bit for a term; sums may differ from Whoosh's in the last
bit, since Whoosh adds the parts of an OR or AND in an order that depends on the segment.
"""
from __future__ import annotations

import time
from itertools import accumulate, repeat

from whoosh import query as wq
from whoosh import scoring
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import TimeLimit

from search.compile import DocnumSet, SizedOr
from search.scoring import ListedLengthsBM25F, field_lengths

# The score Whoosh gives a document for an AND NOT part (InverseMatcher's default weight) and
# for a date set (DocnumSet's ListMatcher).
NOT_WEIGHT = 1.0
DATE_SET_WEIGHT = 1.0
UNREAD = -1.0
# Weightings whose scores are Whoosh's BM25F (ListedLengthsBM25F only reads lengths faster).
SCORED_AS_BM25F = (scoring.BM25F, ListedLengthsBM25F)
# OR queries that add up their parts' scores (SizedOr only chooses how Whoosh gathers them).
ORS = (wq.Or, SizedOr)


class Unsupported(Exception):
    """A part of the query that only Whoosh's matchers evaluate."""


def score_matches(searcher, query, lengths: dict, deadline: float) -> dict[int, float] | None:
    """Return docnum -> score for every document matching `query`; None to leave it to Whoosh.

    `lengths` caches field lengths per segment and field; keep one per searcher.

    Raises:
        TimeLimit: the deadline passed.
    """
    if type(searcher.weighting) not in SCORED_AS_BM25F:
        return None
    try:
        return _Evaluator(searcher, lengths, deadline).node(query)
    except Unsupported:
        return None


class _Evaluator:
    def __init__(self, searcher, lengths: dict, deadline: float) -> None:
        self.searcher = searcher
        self.weighting = searcher.weighting
        self.lengths = lengths
        self.deadline = deadline

    def node(self, q) -> dict[int, float]:
        if time.perf_counter() > self.deadline:
            raise TimeLimit
        if isinstance(q, wq.Term):
            return self.term(q)
        if type(q) is wq.Phrase:
            return self.phrase(q)
        if isinstance(q, DocnumSet):
            # Its ListMatcher's weight of 0.0 is falsy, so Whoosh's ListMatcher.weight() gives 1.0.
            return dict.fromkeys(q.docnums, DATE_SET_WEIGHT)
        if q is wq.NullQuery:
            return {}
        if type(q) in ORS:
            found = self.union(q.subqueries)
        elif type(q) is wq.And:
            found = self.intersection(q.subqueries)
        else:
            raise Unsupported(type(q).__name__)
        boost = getattr(q, "boost", 1.0)
        return found if boost == 1.0 else {d: s * boost for d, s in found.items()}

    def union(self, subqueries) -> dict[int, float]:
        if any(isinstance(s, wq.Not) for s in subqueries):
            raise Unsupported("OR NOT")
        found: dict[int, float] = {}
        for sub in subqueries:
            part = self.node(sub)
            # Only the documents in both need a Python addition (left to right, as Whoosh's
            # preloaded OR adds); the rest are copied by dict.update.
            both = {d: found[d] + part[d] for d in found.keys() & part.keys()}
            found.update(part)
            found.update(both)
        return found

    def intersection(self, subqueries) -> dict[int, float]:
        wanted = [self.node(s) for s in subqueries if not isinstance(s, wq.Not)]
        if not wanted:
            raise Unsupported("AND of NOTs only")
        unwanted = [self.node(s.query) for s in subqueries if isinstance(s, wq.Not)]
        smallest = min(wanted, key=len)
        found = {}
        for d in smallest:
            if all(d in part for part in wanted) and not any(d in part for part in unwanted):
                score = wanted[0][d]
                for part in wanted[1:]:
                    score += part[d]
                found[d] = score + NOT_WEIGHT * len(unwanted) if unwanted else score
        return found

    def term(self, q: wq.Term) -> dict[int, float]:
        field = self._field(q.fieldname)
        try:
            text = field.to_bytes(q.text) if field else None
        except ValueError:
            text = None
        if text is None:
            return {}
        idf, avgfl, B, K1 = self._bm25(q.fieldname, text)
        found: dict[int, float] = {}
        for leaf, offset in self.searcher.leaf_searchers():
            if (q.fieldname, text) not in leaf.reader():
                continue
            lengths = self._lengths(leaf, q.fieldname)
            read = lengths.read
            for d, tf, _ in self.postings(leaf.reader().postings(q.fieldname, text)):
                fl = read[d]
                if fl == UNREAD:
                    fl = lengths[d]
                # bm25() written out: this loop runs once for every posting of the query.
                found[offset + d] = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        return _boosted(found, q.boost)

    def phrase(self, q: wq.Phrase) -> dict[int, float]:
        """Score a phrase as Whoosh's SpanNear2 does: the words' scores summed, where they meet."""
        field = self._field(q.fieldname)
        if field is None:
            return {}
        if q.slop != 1 or not field.format.supports("positions"):
            raise Unsupported("phrase with slop")
        try:
            words = [field.to_bytes(w) for w in q.words]
        except ValueError:
            return {}
        scorers = [self._bm25(q.fieldname, w) for w in words]
        decode = field.format.decode_positions
        found: dict[int, float] = {}
        for leaf, offset in self.searcher.leaf_searchers():
            reader = leaf.reader()
            if any((q.fieldname, w) not in reader for w in words):
                continue  # Whoosh's Phrase.matcher: a missing word matches nothing
            matchers = [reader.postings(q.fieldname, w) for w in words]
            lists = [{d: (tf, v) for d, tf, v in self.postings(m, True)} for m in matchers]
            lengths = self._lengths(leaf, q.fieldname)
            for d in set(lists[0]).intersection(*lists[1:]):
                starts = set(decode(lists[0][d][1]))
                for i, postings in enumerate(lists[1:], 1):
                    starts &= {p - i for p in decode(postings[d][1])}
                if starts:
                    found[offset + d] = _tree_sum([bm25(postings[d][0], lengths[d], *params)
                                                   for params, postings in zip(scorers, lists)])
        return _boosted(found, q.boost)

    def postings(self, matcher, values: bool = False) -> list[tuple]:
        """Return a segment's postings as (id, weight, value or None), watching the deadline."""
        return _postings(matcher, values, self.deadline)

    def _field(self, fieldname: str):
        """Return the schema's field, None when absent; refuse fields Whoosh does not score."""
        if fieldname not in self.searcher.schema:
            return None
        field = self.searcher.schema[fieldname]
        if not field.scorable:
            raise Unsupported(f"unscored field {fieldname}")
        return field

    def _bm25(self, fieldname: str, text: bytes) -> tuple[float, float, float, float]:
        """Return (idf, average field length, B, K1) of a term, as Whoosh's BM25FScorer has them."""
        w, searcher = self.weighting, self.searcher
        idf, avgfl = searcher.idf(fieldname, text), searcher.avg_field_length(fieldname) or 1
        return idf, avgfl, w._field_B.get(fieldname, w.B), w.K1

    def _lengths(self, leaf, fieldname: str) -> _Lengths:
        key = (id(leaf), fieldname)
        if key not in self.lengths:
            self.lengths[key] = _Lengths(leaf, fieldname)
        return self.lengths[key]


class _Lengths:
    """A segment's field lengths by docnum, read from Whoosh as they are first needed."""

    def __init__(self, leaf, fieldname: str) -> None:
        self.leaf, self.fieldname = leaf, fieldname
        # The segment's whole length column, read once per process, where search.scoring can.
        listed = field_lengths(leaf.reader(), fieldname)
        self.read = listed if listed is not None else [UNREAD] * leaf.doc_count_all()

    def __getitem__(self, docnum: int) -> float:
        length = self.read[docnum]
        if length == UNREAD:
            length = self.read[docnum] = self.leaf.doc_field_length(docnum, self.fieldname, 1)
        return length


def bm25(tf: float, fl: float, idf: float, avgfl: float, B: float, K1: float) -> float:
    """Return Whoosh's scoring.bm25 for one posting: the same operations, the same float."""
    return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))


def _boosted(found: dict[int, float], boost: float) -> dict[int, float]:
    return found if boost == 1.0 else {d: s * boost for d, s in found.items()}


def _tree_sum(scores: list[float]) -> float:
    """Add scores in the order of Whoosh's make_binary_tree of IntersectionMatchers."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])


def _postings(matcher, values: bool, deadline: float) -> list[tuple]:
    """Return (id, weight, value or None) of a segment's postings, read a block at a time.

    Raises:
        TimeLimit: the deadline passed (checked every block: a common word has thousands).
    """
    deleted = frozenset()
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        deleted, matcher = matcher._ids, matcher.child
    if type(matcher) is not W3LeafMatcher:
        raise Unsupported(type(matcher).__name__)
    found: list[tuple] = []
    while matcher.is_active():
        if time.perf_counter() > deadline:
            raise TimeLimit
        if matcher._data is None:
            matcher._read_data()
        ids = matcher._data[0]
        if not matcher._byteids:  # delta-coded: Whoosh's delta_decode, at C speed
            ids = accumulate(ids)
        matcher._read_weights()
        if values:
            matcher._read_values()
        found.extend(zip(ids, matcher._weights, matcher._values if values else repeat(None)))
        matcher._next_block()
    return [p for p in found if p[0] not in deleted] if deleted else found
