"""Counts of matching documents over time: per month, or per year when the span is long."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

# Past this many months between the first and the last document, count per year instead.
MONTHS_BEFORE_YEARS = 36
UNDATED = "undated"


def timeline_of_months(months: Counter) -> list[dict]:
    """Return the timeline of documents already counted by "YYYY-MM" (None: undated)."""
    dated = Counter()
    for month, count in months.items():
        if month is not None and count:
            dated[(int(month[:4]), int(month[5:7]))] += count
    undated = months.get(None, 0)
    periods: list[dict] = []
    if dated:
        first, last = min(dated), max(dated)
        span = (last[0] - first[0]) * 12 + last[1] - first[1]
        if span > MONTHS_BEFORE_YEARS:
            years = Counter()
            for (year, _), count in dated.items():
                years[year] += count
            periods = [{"period": f"{y:04d}", "count": years[y]}
                       for y in range(first[0], last[0] + 1)]
        else:
            periods = [{"period": f"{y:04d}-{m:02d}", "count": dated[(y, m)]}
                       for y, m in _months(first, last)]
    if undated:
        periods.append({"period": UNDATED, "count": undated})
    return periods


def _months(first: tuple[int, int], last: tuple[int, int]) -> Iterable[tuple[int, int]]:
    year, month = first
    while (year, month) <= last:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
