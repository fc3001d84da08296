"""Rank plain words as any-word retrieval: every document with one of the words, more first.

Plain words (search/query/plain.py) compile to an AnyWordsQuery: one part a word, each part the
word's BM25F over the default fields. The fast path (search/whooshext/blockmatch.py) scores the parts from
the posting blocks, counts how many of the words each document holds, and `rank` combines the
two by the rule below, measured on the development split of `make eval` (evals/relevance.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

# The rule, measured on the development split of ranking-dev (295 queries of cranfield, npl and
# time; nDCG@10 / Recall@100, plain BM25 0.394 / 0.672 on the same queries):
# - each word scored by BM25F proper (search/postings.py): 0.415 / 0.692, where adding up each
#   field's own BM25 (Whoosh's Or of fields, its idf never below 1) gave 0.322 / 0.671: a title
#   word counted twice and "what", "did" weighed an eighth of the subject;
# - documents holding all the words first, at any length: 0.417 (all-words only, for queries of
#   up to 4 words, 0.406 / 0.673); a query of two words keeps its all-word hits on top;
# - the rest multiplied by the share of the query's idf they hold, ** COORD_POWER: 0.25 gave
#   0.4157, 0 gave 0.4146, 0.5 0.4109, 1 0.4008 (counting words instead of weighing them by
#   idf, 0.5: 0.4047). A little coordination puts "Haniyeh ... ceasefire" before
#   "what did ... ceasefire"; more buries long documents that answer with other words.
# - no proximity boost (issue 17, item 3: dropped). Measured on the same dev split by re-ranking
#   each query's first 100 hits (0.4210 / 0.6986 before) with the analysed words' positions:
#   Tao & Zhai's log(0.3 + exp(-minimum distance of two query words)) added to the score
#   (normalised by the top score) at weight 0.02 / 0.05 / 0.1 / 0.2 gave 0.4204 / 0.4197 /
#   0.4190 / 0.4122; a BM25TP-like sum of 1/distance^2 over pairs of different query words
#   within 5 positions, log1p of it at 0.03 / 0.05 / 0.08, gave 0.4242 / 0.4263 / 0.4252
#   (window 3 or 10 the same within 0.001). The best, +0.005, is cranfield alone (0.337 ->
#   0.344; npl 0.441 -> 0.444, time 0.643 -> 0.644) and turns negative past 0.05 on time and
#   npl: too small and too unstable to pay for reading positions of 100 documents a query,
#   which the 50 ms budget of a 10-word question (search/whooshext/blockmatch.py scores from
#   the posting blocks, without positions) cannot afford.
COORD_POWER = 0.25


class AnyWordsQuery(wq.Or):
    """An OR of plain words, one subquery a word; Whoosh's own matchers add up the parts."""

    def __init__(self, subqueries, boost: float = 1.0, words: tuple[str, ...] = ()) -> None:
        super().__init__(subqueries, boost=boost)
        self.words = tuple(words)


@dataclass(frozen=True)
class Reading:
    """How plain words were searched: the words, and how many documents held all of them."""

    words: tuple[str, ...]
    with_all: int
    found: int

    def interpreted(self) -> str:
        """Return the words with the operator that ran between them."""
        return " OR ".join(self.words)

    def note(self) -> str:
        """Return the sentence saying how the words were ranked."""
        n = len(self.words)
        if not self.found:
            return f"no document has any of the {n} words"
        if self.with_all == self.found:
            return f"every document found has all {n} words"
        if not self.with_all:
            return (f"no document has all {n} words; documents with any of them, most of "
                    "the words first")
        return (f"{self.with_all} document(s) with all {n} words first, then documents with "
                "any of them, more of the words first")


def idf(matching: int, documents: int) -> float:
    """Return BM25's idf of a word held by `matching` of `documents` documents."""
    return float(np.log(1 + (documents - matching + 0.5) / (matching + 0.5)))


def rank(ids: np.ndarray, scores: np.ndarray, classic: np.ndarray, counts: np.ndarray,
         held: np.ndarray, words: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, Reading]:
    """Return the documents kept, their scores by the rule above, and how it read the words.

    `scores` are the words' BM25F, `classic` what an AND of the words scores (the documents
    with all the words keep that order: a short query finds the same first hits as before),
    `counts` how many of the words each document holds, `held` the share of the words'
    summed idf it holds (1.0: all of them).
    """
    n = len(words)
    whole = counts >= n
    with_all = int(whole.sum())
    if COORD_POWER:
        scores = scores * held ** COORD_POWER
    if with_all:  # all the words first, in an AND's order, above the best of the rest
        scores = scores.copy()
        scores[whole] = classic[whole] + scores[~whole].max(initial=0.0)
    return ids, scores, Reading(words, with_all, len(ids))
