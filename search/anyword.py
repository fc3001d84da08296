"""Rank plain words as any-word retrieval: every document with one of the words, more first.

Plain words (search/plainquery.py) compile to an AnyWordsQuery: one part a word, each part the
word's BM25F over the default fields. The fast path (search/postings.py) scores the parts from
the posting blocks, counts how many of the words each document holds, and `rank` combines the
two by the rule below, measured on the development split of `make eval` (evals/relevance.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

# The rule, as measured (dev split of ranking-dev, nDCG@10 / Recall@100; see docs/quality.md):
# a query of up to ALL_WORDS_UP_TO words that some document holds whole answers with those
# documents only, as every query did before (`ceasefire Cairo` keeps its hits and its total);
# longer queries, and short ones no document holds whole, find every document with any of the
# words, its BM25F sum multiplied by (words held / words searched) ** COORD_POWER.
ALL_WORDS_UP_TO = 2
COORD_POWER = 1.0
# What "more of the words" counts: each word held weighs its idf ("idf"), or one ("count").
COORD_BY = "idf"


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
    all_required: bool

    def interpreted(self) -> str:
        """Return the words with the operator that ran between them."""
        return (" AND " if self.all_required else " OR ").join(self.words)

    def note(self) -> str | None:
        """Return the sentence saying how the words were ranked."""
        n = len(self.words)
        if self.all_required:
            return None
        if not self.with_all:
            return (f"no document has all {n} words; documents with any of them, most of "
                    "the words first")
        return (f"{self.with_all} document(s) have all {n} words; documents with any of them "
                "follow, more of the words first")


def idf(matching: int, documents: int) -> float:
    """Return BM25's idf of a word held by `matching` of `documents` documents."""
    return float(np.log(1 + (documents - matching + 0.5) / (matching + 0.5)))


def rank(ids: np.ndarray, scores: np.ndarray, counts: np.ndarray, held: np.ndarray,
         words: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, Reading]:
    """Return the documents kept, their scores by the rule above, and how it read the words.

    `counts` is how many of the words each document holds, `held` the share of the words'
    summed idf it holds (1.0: all of them).
    """
    n = len(words)
    whole = counts >= n
    with_all = int(whole.sum())
    if with_all and n <= ALL_WORDS_UP_TO:
        return ids[whole], scores[whole], Reading(words, with_all, True)
    if COORD_POWER:
        share = held if COORD_BY == "idf" else counts / n
        scores = scores * share ** COORD_POWER
    return ids, scores, Reading(words, with_all, False)
