"""Match and score plain queries straight from Whoosh's posting blocks.

Whoosh matches a query one document at a time through a tree of Python matchers, about 60% of a
/search query's time on the 20k benchmark archive. A query made only of terms, phrases, OR,
AND, AND NOT and date sets (what search/query/compile.py makes) is evaluated here instead: each
term's posting blocks are read whole and scored with Whoosh's own BM25F formula on the index's
own field lengths, on numpy arrays, and the parts are combined as sorted arrays of docnums; a
phrase's words must stand in consecutive positions. Anything else (a sloppy phrase, a query Whoosh would expand itself, a
weighting other than BM25F) is left to Whoosh: `score_matches` returns None.

The scores are Whoosh's to the last bit for a term; sums may differ from Whoosh's in the last
bit, since Whoosh adds the parts of an OR or AND in an order that depends on the segment.
"""
from __future__ import annotations

import time

import numpy as np
from whoosh import query as wq
from whoosh import scoring
from whoosh.searching import TimeLimit

from search.query.anyword import AnyWordsQuery, Reading, idf, rank
from search.whooshext import capabilities
from search.whooshext.scores import Scores
from search.whooshext.postingblocks import (NOTHING, Matches, Unsupported, postings,
                                            placer, positions_decoder, union_ids,
                                            weights_and_values)
from search.query.compile import DocnumSet, SizedOr
from search.whooshext.scoring import ListedLengthsBM25F, field_lengths
from search.whooshext.terminfos import term_infos

# The fast path's name in capabilities.NEEDS: off when a private name it reads is missing.
PATH = "block scoring"
# The score Whoosh gives a document for an AND NOT part (InverseMatcher's default weight) and
# for a date set (DocnumSet's ListMatcher).
NOT_WEIGHT = 1.0
DATE_SET_WEIGHT = 1.0
# Weightings whose scores are Whoosh's BM25F (ListedLengthsBM25F only reads lengths faster).
SCORED_AS_BM25F = (scoring.BM25F, ListedLengthsBM25F)
# OR queries that add up their parts' scores (SizedOr only chooses how Whoosh gathers them).
ORS = (wq.Or, SizedOr)


def score_matches(searcher, query, lengths: dict, deadline: float) -> Scores | None:
    """Return the scores of every document matching `query`; None to leave it to Whoosh.

    `lengths` caches field lengths per segment and field; keep one per searcher.

    Raises:
        TimeLimit: the deadline passed.
    """
    if type(searcher.weighting) not in SCORED_AS_BM25F or not capabilities.available(PATH):
        return None
    evaluator = _Evaluator(searcher, lengths, deadline)
    try:
        ids, scores = evaluator.node(query)
    except Unsupported:
        return None
    return Scores(ids, scores, evaluator.reading)


class _Evaluator:
    def __init__(self, searcher, lengths: dict, deadline: float) -> None:
        self.searcher = searcher
        self.weighting = searcher.weighting
        self.lengths = lengths
        self.terms = term_infos(searcher)  # each term found once per segment, kept per searcher
        self.deadline = deadline
        self.reading: Reading | None = None

    def node(self, q) -> Matches:
        if time.perf_counter() > self.deadline:
            raise TimeLimit
        if isinstance(q, wq.Term):
            return self.term(q)
        if type(q) is wq.Phrase:
            return self.phrase(q)
        if isinstance(q, DocnumSet):
            # Its ListMatcher's weight of 0.0 is falsy, so Whoosh's ListMatcher.weight() gives 1.0.
            # Sorted by numpy: a month of a mail archive is thousands of documents.
            ids = np.sort(np.fromiter(q.docnums, dtype=np.int64, count=len(q.docnums)))
            return ids, np.full(len(ids), DATE_SET_WEIGHT)
        if q is wq.NullQuery:
            return NOTHING
        if type(q) is AnyWordsQuery:
            found = self.any_words(q)
        elif type(q) in ORS:
            found = self.union(q.subqueries)
        elif type(q) is wq.And:
            found = self.intersection(q.subqueries)
        else:
            raise Unsupported(type(q).__name__)
        return _boosted(found, getattr(q, "boost", 1.0))

    def union(self, subqueries) -> Matches:
        if any(isinstance(s, wq.Not) for s in subqueries):
            raise Unsupported("OR NOT")
        parts = [self.node(sub) for sub in subqueries]
        if not parts:
            return NOTHING
        ids = union_ids([p_ids for p_ids, _ in parts], self.searcher.doc_count_all())
        scores = np.zeros(len(ids))
        place = placer(ids, self.searcher.doc_count_all())
        for p_ids, p_scores in parts:  # added left to right, as Whoosh's preloaded OR adds
            scores[place(p_ids)] += p_scores
        return ids, scores

    def any_words(self, q: AnyWordsQuery) -> Matches:
        """Score plain words: every document with any of them, by the rule of search.query.anyword.

        Each word is scored by BM25F proper: its frequencies in every field, weighted by the
        field's boost and normalised by the field's length, are added before they saturate, so
        a word in a title and a body counts once, and its idf is BM25's probabilistic one.
        """
        parts = [self.word_bm25f(sub) for sub in q.subqueries]
        documents = self.searcher.doc_count_all()
        ids = union_ids([p_ids for p_ids, _, _ in parts], documents)
        scores, classic = np.zeros(len(ids)), np.zeros(len(ids))
        counts, held = np.zeros(len(ids)), np.zeros(len(ids))
        # A word's share of the query: its idf, as many times as it was typed.
        weights = [idf(len(p_ids), documents) * times for (p_ids, _, _), times
                   in zip(parts, q.typed)]
        place = placer(ids, documents)
        for (p_ids, p_scores, p_classic), weight, times in zip(parts, weights, q.typed):
            at = place(p_ids)
            scores[at] += p_scores * times  # a word typed twice weighs twice
            classic[at] += p_classic * times
            counts[at] += 1
            held[at] += weight
        held /= sum(weights) or 1.0
        ids, scores, self.reading = rank(ids, scores, classic, counts, held, q.words)
        return ids, scores

    def word_bm25f(self, part) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return one word's documents, its BM25F there, and the score an AND gives it.

        The BM25F adds the word's boosted, length-normalised frequencies over the fields its
        part searches before they saturate; the AND's score (what Whoosh's Or of the fields
        gives) adds each field's BM25. A phrase in the part (a compound's split form) is
        scored as itself and added to both.
        """
        terms, others = _split_terms(part)
        K1 = self.weighting.K1
        found_ids, found_tf, found_classic = [], [], []
        for term in terms:
            ids, tf, term_idf = self.term_frequencies(term)
            found_ids.append(ids)
            found_tf.append(tf * term.boost)
            found_classic.append(term.boost * term_idf * saturation(tf, K1))
        extra = [self.node(other) for other in others]
        all_ids = found_ids + [e_ids for e_ids, _ in extra]
        ids = union_ids(all_ids, self.searcher.doc_count_all())
        if not len(ids):
            return ids, NOTHING[1], NOTHING[1]
        tf, classic = np.zeros(len(ids)), np.zeros(len(ids))
        place = placer(ids, self.searcher.doc_count_all())
        for t_ids, t_tf, t_classic in zip(found_ids, found_tf, found_classic):
            at = place(t_ids)  # a term's docnums are unique: += adds once each
            tf[at] += t_tf
            classic[at] += t_classic
        scores = idf(len(ids), self.searcher.doc_count_all()) * saturation(tf, K1)
        for e_ids, e_scores in extra:
            at = place(e_ids)
            scores[at] += e_scores
            classic[at] += e_scores
        return ids, scores, classic

    def term_frequencies(self, q: wq.Term) -> tuple[np.ndarray, np.ndarray, float]:
        """Return the documents holding a term, its length-normalised frequency there, and its
        idf as Whoosh has it."""
        found = self._term_postings(q)
        if found is None:
            return NOTHING + (0.0,)
        (term_idf, avgfl, B, _), parts = found
        if not parts:
            return NOTHING + (term_idf,)
        return (np.concatenate([ids for ids, _, _ in parts]),
                np.concatenate([tf / ((1 - B) + B * fl / avgfl) for _, tf, fl in parts]),
                term_idf)

    def intersection(self, subqueries) -> Matches:
        wanted = [self.node(s) for s in subqueries if not isinstance(s, wq.Not)]
        if not wanted:
            raise Unsupported("AND of NOTs only")
        unwanted = [self.node(s.query) for s in subqueries if isinstance(s, wq.Not)]
        ids = min(wanted, key=lambda p: len(p[0]))[0]
        for p_ids, _ in wanted:
            ids = np.intersect1d(ids, p_ids, assume_unique=True)
        for p_ids, _ in unwanted:
            ids = ids[~np.isin(ids, p_ids, assume_unique=True)]
        scores = None
        for p_ids, p_scores in wanted:
            part = p_scores[np.searchsorted(p_ids, ids)]
            scores = part if scores is None else scores + part
        return ids, scores + NOT_WEIGHT * len(unwanted) if unwanted else scores

    def term(self, q: wq.Term) -> Matches:
        found = self._term_postings(q)
        if found is None:
            return NOTHING
        (idf, avgfl, B, K1), parts = found
        if not parts:
            return NOTHING
        # bm25 on arrays: the same operations as on one posting, so the same floats.
        return _boosted((np.concatenate([ids for ids, _, _ in parts]),
                         np.concatenate([bm25(tf, fl, idf, avgfl, B, K1) for _, tf, fl in parts])),
                        q.boost)

    def _term_postings(self, q: wq.Term) -> tuple[tuple, list] | None:
        """Return a term's BM25 figures (idf, avgfl, B, K1) and, for each segment holding it, its
        docnums (global), frequencies and field lengths; None when the field cannot hold it."""
        field = self._field(q.fieldname)
        try:
            text = field.to_bytes(q.text) if field else None
        except ValueError:
            text = None
        if text is None:
            return None
        return self._bm25(q.fieldname, text), self._decoded(q.fieldname, text)

    def _decoded(self, fieldname: str, text: bytes) -> list:
        """Return a term's docnums (global), frequencies and field lengths in each segment
        holding it, read from the blocks once and kept for the next query holding it."""
        parts = self.terms.decoded((PATH, fieldname, text))
        if parts is None:
            parts = []
            for leaf, offset, matcher in self.terms.postings(fieldname, text):
                ids, tf = postings(matcher, self.deadline)
                parts.append((ids + offset, tf, self._lengths(leaf, fieldname).of(ids)))
            self.terms.keep_decoded((PATH, fieldname, text), parts)
        return parts

    def phrase(self, q: wq.Phrase) -> Matches:
        """Score a phrase as Whoosh's SpanNear2 does: the words' scores summed, where they meet.

        The documents holding every word are found first from the words' docnums (kept decoded
        per searcher, as for terms); positions are read only for those, so a phrase whose words
        never meet in a field (most of a phrase's fields) reads none.
        """
        field = self._field(q.fieldname)
        if field is None:
            return NOTHING
        if q.slop != 1 or not field.format.supports("positions"):
            raise Unsupported("phrase with slop")
        try:
            words = [field.to_bytes(w) for w in q.words]
        except ValueError:
            return NOTHING
        common = None
        for w in words:
            parts = self._decoded(q.fieldname, w)
            ids = np.concatenate([p_ids for p_ids, _, _ in parts]) if parts else NOTHING[0]
            common = ids if common is None else np.intersect1d(common, ids, assume_unique=True)
        found: dict[int, float] = {}
        if common is not None and len(common):
            scorers = [self._bm25(q.fieldname, w) for w in words]
            decode = positions_decoder(field.format)
            held = [{leaf: matcher for leaf, _, matcher in self.terms.postings(q.fieldname, w)}
                    for w in words]
            for leaf, offset in self.searcher.leaf_searchers():
                local = common[(common >= offset) & (common < offset + leaf.doc_count_all())]
                if not len(local) or any(leaf not in word for word in held):
                    continue
                local = local - offset
                lists = [weights_and_values(word[leaf], local, self.deadline) for word in held]
                lengths = self._lengths(leaf, q.fieldname)
                for n, d in enumerate(local.tolist()):
                    starts = set(decode(lists[0][n][1]))
                    for i, postings_ in enumerate(lists[1:], 1):
                        if not starts:
                            break
                        starts &= {p - i for p in decode(postings_[n][1])}
                    if starts:
                        found[offset + d] = _tree_sum([bm25(word[n][0], lengths[d], *params)
                                                       for params, word in zip(scorers, lists)])
        ids = np.array(sorted(found), dtype=np.int64)
        return _boosted((ids, np.array([found[d] for d in ids.tolist()], dtype=np.float64)),
                        q.boost)

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
        idf, avgfl = self.terms.idf(fieldname, text), searcher.avg_field_length(fieldname) or 1
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
        # The segment's whole length column, read once per process, where search.whooshext.scoring can.
        listed = field_lengths(leaf.reader(), fieldname)
        self.listed = None if listed is None else np.array(listed, dtype=np.float64)

    def __getitem__(self, docnum: int) -> float:
        if self.listed is not None:
            return float(self.listed[docnum])
        return self.leaf.doc_field_length(docnum, self.fieldname, 1)

    def of(self, docnums: np.ndarray) -> np.ndarray:
        """Return the lengths of many documents of the segment."""
        if self.listed is not None:
            return self.listed[docnums]
        return np.array([self[d] for d in docnums.tolist()], dtype=np.float64)


def saturation(tf, K1: float):
    """Return BM25's saturation of frequencies already normalised by length (BM25F's form):
    the one home of that formula, for the any-word rule's per-word and per-field scores."""
    return tf * (K1 + 1) / (tf + K1)


def bm25(tf, fl, idf: float, avgfl: float, B: float, K1: float):
    """Return Whoosh's scoring.bm25 for postings (floats or arrays): the same operations, the
    same floats. The one home of the formula here."""
    return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))


def _split_terms(part) -> tuple[list, list]:
    """Return the terms of a word's part (an OR of fields and forms), and its other parts."""
    if isinstance(part, wq.Term):
        return [part], []
    if type(part) in ORS and part.boost == 1.0:
        terms, others = [], []
        for sub in part.subqueries:
            t, o = _split_terms(sub)
            terms += t
            others += o
        return terms, others
    return [], [part]


def _boosted(found: Matches, boost: float) -> Matches:
    return found if boost == 1.0 else (found[0], found[1] * boost)


def _tree_sum(scores: list[float]) -> float:
    """Add scores in the order of Whoosh's make_binary_tree of IntersectionMatchers."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])
