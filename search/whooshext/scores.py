"""A query's matches and scores by docnum, and the filter of every document but a few.

`Scores` is what block scoring (blockmatch.py) answers; `AllBut` is the documents a search of
an archive holding copies of messages may match (engine/threadindex.py builds it once per
generation), read by the scores and by Whoosh's collectors (collectors.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from search.query.anyword import Reading


@dataclass(frozen=True)
class Scores:
    """Every document matching a query, docnums ascending, with their scores (numpy arrays).

    Reads as a mapping of docnum -> score, for the few lookups a page needs.
    """

    ids: np.ndarray
    values: np.ndarray
    reading: Reading | None = None  # how plain words were searched (search/anyword.py)

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self.ids.tolist())

    def __getitem__(self, docnum: int) -> float:
        at = int(np.searchsorted(self.ids, docnum))
        if at < len(self.ids) and self.ids[at] == docnum:
            return float(self.values[at])
        raise KeyError(docnum)

    def only(self, allowed: set[int] | AllBut | np.ndarray) -> Scores:
        """Return the scores of the documents in `allowed`: a set, `AllBut`, or a boolean array
        by docnum (True: allowed) covering every docnum."""
        if isinstance(allowed, AllBut):
            allowed = allowed.mask
        elif not isinstance(allowed, np.ndarray):  # a mask of the documents up to the last match
            size = int(self.ids[-1]) + 1 if len(self.ids) else 0
            docnums = np.fromiter(allowed, dtype=np.int64, count=len(allowed))
            allowed = np.zeros(size, dtype=bool)
            allowed[docnums[docnums < size]] = True
        keep = allowed[self.ids]
        return Scores(self.ids[keep], self.values[keep], self.reading)


class AllBut:
    """Every document but a few (the copies of messages held twice), as a search's filter.

    A set of every other docnum cost a pass over all of them per generation and, per search,
    an array of 48,000 to filter the scores; this holds only what is left out.
    """

    def __init__(self, excluded: frozenset[int], size: int) -> None:
        self.excluded = set(excluded)  # Whoosh's collectors take a set, not a frozenset
        # by docnum, True where kept: a query's matches are filtered by one index into it
        self.mask = np.ones(size, dtype=bool)
        self.mask[np.fromiter(excluded, dtype=np.int64, count=len(excluded))] = False

    def __contains__(self, docnum: int) -> bool:
        return docnum not in self.excluded

    def __bool__(self) -> bool:
        return True  # an archive is never all copies

    def __and__(self, docs) -> set[int]:
        return {d for d in docs if d not in self.excluded}

    __rand__ = __and__
