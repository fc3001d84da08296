"""Per-document values of one searcher's columns: facet values and date order, by docnum.

The columns hold docnums by value (outlet -> docnums); counting facets and sorting by date
want the other way round. Built once per searcher's columns, so that a query's facets are
plain counts and its date order a heap over ranks.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from heapq import nsmallest
from itertools import chain

from search.columns import Columns

FACET_LIMIT = 20


@dataclass
class DocValues:
    """Per-document values of one searcher's columns: facet values and date order by docnum."""

    columns: Columns
    outlet_of: dict[int, str]
    speakers_of: dict[int, tuple[str, ...]]
    month_of: list[str | None]  # docnum -> "YYYY-MM", None when undated
    ranks: dict[bool, list[int]]  # newest first? -> docnum -> place in date order
    lengths: dict = field(default_factory=dict)  # field lengths read for scoring (postings.py)

    @classmethod
    def build(cls, columns: Columns, size: int) -> DocValues:
        """Return the values of every docnum below `size`."""
        outlet_of = {d: value for value, docs in columns.outlet.items() for d in docs}
        lists: dict[int, list[str]] = {}
        for value, docs in columns.speaker.items():
            for d in docs:
                lists.setdefault(d, []).append(value)
        month_of: list[str | None] = [None] * size
        names: dict[tuple[int, int], str] = {}
        for d, ordinal in columns.date_of.items():
            day = date.fromordinal(ordinal)
            key = (day.year, day.month)
            if key not in names:
                names[key] = f"{day.year:04d}-{day.month:02d}"
            month_of[d] = names[key]
        return cls(columns, outlet_of, {d: tuple(v) for d, v in lists.items()}, month_of, {})

    def months(self, docnums) -> Counter:
        """Return the documents counted by "YYYY-MM" (None: undated)."""
        return Counter(map(self.month_of.__getitem__, docnums))

    def date_rank(self, newest_first: bool) -> list[int]:
        """Return docnum -> its place in date order, undated documents last, ties by docnum."""
        rank = self.ranks.get(newest_first)
        if rank is None:
            dates = self.columns.dates  # (ordinal, docnum), sorted
            if newest_first:
                dates = sorted(dates, key=lambda od: (-od[0], od[1]))
            size = len(self.month_of)
            rank = list(range(size, 2 * size))  # undated: after every dated one, by docnum
            for place, (_, d) in enumerate(dates):
                rank[d] = place
            self.ranks[newest_first] = rank
        return rank

    def facets(self, matched: set[int], months: Counter) -> dict:
        """Return exact counts of outlet, speaker, year and month over the matched documents.

        `months` is `self.months(matched)` (the timeline counts it too).
        """
        # Set intersections first: most documents name no speaker, many no outlet.
        outlets = Counter(map(self.outlet_of.__getitem__, matched & self.outlet_of.keys()))
        speakers = Counter(chain.from_iterable(map(self.speakers_of.__getitem__,
                                                   matched & self.speakers_of.keys())))
        years: Counter = Counter()
        for month, count in months.items():
            if month is not None:
                years[month[:4]] += count

        def top(counts: Counter) -> list[dict]:
            # A heap over plain tuples: "said" has 1,640 speakers to rank.
            ranked = nsmallest(FACET_LIMIT, ((-c, v) for v, c in counts.items()))
            return [{"value": v, "count": -c} for c, v in ranked]

        return {
            "outlet": top(outlets),
            "speaker": top(speakers),
            "year": [{"value": y, "count": c} for y, c in sorted(years.items(), reverse=True)],
            "month": [{"value": m, "count": c} for m, c in
                      sorted(((m, c) for m, c in months.items() if m is not None), reverse=True)],
        }
