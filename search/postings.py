"""Match and score plain queries straight from Whoosh's posting blocks.

Whoosh matches a query one document at a time through a tree of Python matchers, about 60% of a
/search query's time on the 20k benchmark archive. A query made only of terms, OR, AND, AND NOT
and date sets (most of what people type) is evaluated here instead: each term's posting blocks
are read whole and scored with Whoosh's own BM25F formula on the index's own field lengths, and
the parts are combined as sets. Any other query (phrases, wildcards Whoosh would expand, a
weighting other than BM25F) is left to Whoosh: `score_matches` returns None.

The scores are Whoosh's to the last bit for a term; sums may differ from Whoosh's in the last
bit, since Whoosh adds the parts of an OR or AND in an order that depends on the segment.
"""
from __future__ import annotations

import time

from whoosh import query as wq
from whoosh import scoring
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import TimeLimit

from search.compile import DocnumSet

# The score Whoosh gives a document for an AND NOT part (InverseMatcher's default weight) and
# for a date set (DocnumSet's ListMatcher).
NOT_WEIGHT = 1.0
DATE_SET_WEIGHT = 1.0
UNREAD = -1.0


class Unsupported(Exception):
    """A part of the query that only Whoosh's matchers evaluate."""


def score_matches(searcher, query, lengths: dict, deadline: float) -> dict[int, float] | None:
    """Return docnum -> score for every document matching `query`; None to leave it to Whoosh.

    `lengths` caches field lengths per segment and field; keep one per searcher.

    Raises:
        TimeLimit: the deadline passed.
    """
    if type(searcher.weighting) is not scoring.BM25F:
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
        if isinstance(q, DocnumSet):
            # Its ListMatcher's weight of 0.0 is falsy, so Whoosh's ListMatcher.weight() gives 1.0.
            return dict.fromkeys(q.docnums, DATE_SET_WEIGHT)
        if q is wq.NullQuery:
            return {}
        if type(q) is wq.Or:
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
            for d, s in self.node(sub).items():
                found[d] = found[d] + s if d in found else s
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
        searcher, fieldname = self.searcher, q.fieldname
        if fieldname not in searcher.schema:
            return {}
        field = searcher.schema[fieldname]
        if not field.scorable:
            raise Unsupported(f"unscored field {fieldname}")
        try:
            text = field.to_bytes(q.text)
        except ValueError:
            return {}
        w = self.weighting
        idf, avgfl = searcher.idf(fieldname, text), searcher.avg_field_length(fieldname) or 1
        B, K1 = w._field_B.get(fieldname, w.B), w.K1
        found: dict[int, float] = {}
        for leaf, offset in searcher.leaf_searchers():
            if (fieldname, text) not in leaf.reader():
                continue
            ids, weights = _postings(leaf.reader().postings(fieldname, text))
            lengths = self._lengths(leaf, fieldname)
            for d, tf in zip(ids, weights):
                fl = lengths[d]
                if fl == UNREAD:
                    fl = lengths[d] = leaf.doc_field_length(d, fieldname, 1)
                # Whoosh's scoring.bm25, written out: the same operations, the same float.
                found[offset + d] = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        if q.boost != 1.0:
            found = {d: s * q.boost for d, s in found.items()}
        return found

    def _lengths(self, leaf, fieldname: str) -> list[float]:
        key = (id(leaf), fieldname)
        if key not in self.lengths:
            self.lengths[key] = [UNREAD] * leaf.doc_count_all()
        return self.lengths[key]


def _postings(matcher) -> tuple[list[int], list[float]]:
    """Return the ids and weights of a segment's posting list, read a block at a time."""
    deleted = frozenset()
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        deleted, matcher = matcher._ids, matcher.child
    if type(matcher) is not W3LeafMatcher:
        raise Unsupported(type(matcher).__name__)
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids.extend(matcher._ids)
        weights.extend(matcher._weights)
        matcher._next_block()
    if deleted:
        kept = [(d, w) for d, w in zip(ids, weights) if d not in deleted]
        ids, weights = [d for d, _ in kept], [w for _, w in kept]
    return ids, weights
