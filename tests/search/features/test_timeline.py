"""Timeline counts: months for short spans, years for long ones, sums equal to the total."""
from __future__ import annotations

from collections import Counter

from search.features.timeline import timeline_of_months


def timeline(days: list[str | None]) -> list[dict]:
    """Count days by "YYYY-MM" as the engine's columns do (None: undated), then chart them."""
    return timeline_of_months(Counter(day[:7] if day else None for day in days))


def test_months_with_gaps_filled_and_undated_last():
    counts = timeline(["2024-01-05", "2024-03-01", "2024-03-30", None])
    assert counts == [{"period": "2024-01", "count": 1}, {"period": "2024-02", "count": 0},
                      {"period": "2024-03", "count": 2}, {"period": "undated", "count": 1}]


def test_long_spans_count_per_year():
    counts = timeline(["1993-04-01", "1998-01-01", "1998-12-31"])
    assert [c["period"] for c in counts] == ["1993", "1994", "1995", "1996", "1997", "1998"]
    assert counts[-1]["count"] == 2


def test_sum_equals_the_number_of_documents():
    ordinals = ["2003-12-01", None, "2021-06-01", None] + ["2010-05-05"] * 7
    assert sum(c["count"] for c in timeline(ordinals)) == len(ordinals)


def test_nothing_matched_is_an_empty_timeline():
    assert timeline([]) == []
