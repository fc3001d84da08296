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

# The rule, measured on the development split of ranking-dev (evals/relevance.py: 342 queries,
# cranfield, npl and time and half of cisi and medline, whose queries are long requests; nDCG@10
# / Recall@100, plain BM25 (bm25s) 0.396 / 0.644 on the same queries):
# - each word scored by BM25F proper (search/postings.py): where adding up each field's own
#   BM25 (Whoosh's Or of fields, its idf never below 1) gave 0.322 / 0.671 on the 295 queries
#   of cranfield, npl and time (0.415 / 0.692 for BM25F): a title word counted twice and
#   "what", "did" weighed an eighth of the subject;
# - a word typed n times weighs n times, in its score and in its share of the query's idf (as
#   BM25's query term frequency, bm25s and Lucene): 0.4129 / 0.6672 -> 0.4251 / 0.6723, cisi
#   0.298 -> 0.385 (its requests say "titles" three times). Saturating it, qtf * 9 / (8 + qtf):
#   0.4230; sqrt(qtf) 0.4190; only in the score, not the share: 0.4235;
# - documents holding all the words first, at any length (all-words only for queries of up to
#   2 or 4 words: 0.4239, 0.4247; at any length 0.4251); a two-word query keeps its all-word
#   hits on top;
# - the rest multiplied by the share of the query's idf they hold, ** COORD_POWER, for queries
#   of up to COORD_MAX_WORDS words: a little coordination puts "Haniyeh ... ceasefire" before
#   "what did ... ceasefire", and helps the short title-like queries of npl; past a few words
#   it buries documents that answer a long request with some of its words. With qtf: power
#   0.25 at any length 0.4251 / 0.6723, 0 0.4290 / 0.6744 (npl 0.441 -> 0.434), 0.5 0.4205,
#   1 0.4061; 0.25 up to 4 / 6 / 8 / 10 / 12 / 16 words 0.4288 / 0.4300 / 0.4300 / 0.4303 /
#   0.4279 / 0.4265 (recall best at 8: 0.6788); min(0.25, 1 / words) 0.4275 / 0.6770.
#   Without qtf, on the 295 queries of cranfield, npl and time: 0.25 0.4157, 0 0.4146, 0.5
#   0.4109, 1 0.4008 (counting words instead of weighing them by idf, 0.5: 0.4047);
# - the function words of a question of more than 4 words left out (search/query/plain.py):
#   0.4376 / 0.6850;
# - kept as they are, measured with the rules above: the 32 rarest words of a long text
#   (search/query/compile.py; 24: 0.4375 / 0.6864, 48: 0.4346 / 0.6867, all: 0.4350 / 0.6872:
#   12 of cisi's 37 dev requests pass 32 words, and the words left out are the collection's
#   commonest, "information", "retrieval", "system", "library", "data": they add recall
#   there and cost precision), stemming
#   (searching the unstemmed words: 0.4034 / 0.6433), the title's weight of 9 (3 at indexing,
#   3 at query time; 1.5 / 3 / 4.5 / 6: 0.4263 / 0.4282 / 0.4295 / 0.4313, within noise and
#   it weighs in every other query), BM25's k1 = 1.2, b = 0.75 (k1 0.9: 0.4318 / 0.6842; 1.6:
#   0.4391 / 0.6825; b 0.6 or 0.9: 0.4351).
# - no proximity boost (issue 17, item 3: dropped). Measured on the 295 queries of cranfield,
#   npl and time by re-ranking each query's first 100 hits (0.4210 / 0.6986 before) with the
#   analysed words' positions: Tao & Zhai's log(0.3 + exp(-minimum distance of two query
#   words)) added to the score (normalised by the top score) at weight 0.02 / 0.05 / 0.1 / 0.2
#   gave 0.4204 / 0.4197 / 0.4190 / 0.4122; a BM25TP-like sum of 1/distance^2 over pairs of
#   different query words within 5 positions, log1p of it at 0.03 / 0.05 / 0.08, gave 0.4242
#   / 0.4263 / 0.4252 (window 3 or 10 the same within 0.001). The best, +0.005, is cranfield
#   alone (0.337 -> 0.344; npl 0.441 -> 0.444, time 0.643 -> 0.644) and turns negative past
#   0.05 on time and npl: too small and too unstable to pay for reading positions of 100
#   documents a query, which the 50 ms budget of a 10-word question
#   (search/whooshext/blockmatch.py scores from the posting blocks, without positions) cannot
#   afford.
COORD_POWER = 0.25
COORD_MAX_WORDS = 8


class AnyWordsQuery(wq.Or):
    """An OR of plain words, one subquery a word; Whoosh's own matchers add up the parts."""

    def __init__(self, subqueries, boost: float = 1.0, words: tuple[str, ...] = (),
                 typed: tuple[int, ...] = ()) -> None:
        super().__init__(subqueries, boost=boost)
        self.words = tuple(words)
        self.typed = tuple(typed) or (1,) * len(self.subqueries)


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
    summed idf (each as many times as it was typed) it holds (1.0: all of them).
    """
    n = len(words)
    whole = counts >= n
    with_all = int(whole.sum())
    if COORD_POWER and n <= COORD_MAX_WORDS:
        scores = scores * held ** COORD_POWER
    if with_all:  # all the words first, in an AND's order, above the best of the rest
        scores = scores.copy()
        scores[whole] = classic[whole] + scores[~whole].max(initial=0.0)
    return ids, scores, Reading(words, with_all, len(ids))
