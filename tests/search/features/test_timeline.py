"""Timeline counts: months for short spans, years for long ones, sums equal to the total."""
from __future__ import annotations

from datetime import date

from search.features.timeline import timeline


def o(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def test_months_with_gaps_filled_and_undated_last():
    counts = timeline([o("2024-01-05"), o("2024-03-01"), o("2024-03-30"), None])
    assert counts == [{"period": "2024-01", "count": 1}, {"period": "2024-02", "count": 0},
                      {"period": "2024-03", "count": 2}, {"period": "undated", "count": 1}]


def test_long_spans_count_per_year():
    counts = timeline([o("1993-04-01"), o("1998-01-01"), o("1998-12-31")])
    assert [c["period"] for c in counts] == ["1993", "1994", "1995", "1996", "1997", "1998"]
    assert counts[-1]["count"] == 2


def test_sum_equals_the_number_of_documents():
    ordinals = [o("2003-12-01"), None, o("2021-06-01"), None] + [o("2010-05-05")] * 7
    assert sum(c["count"] for c in timeline(ordinals)) == len(ordinals)


def test_nothing_matched_is_an_empty_timeline():
    assert timeline([]) == []
