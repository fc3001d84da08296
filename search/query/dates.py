"""Dates in queries: `date:` values and ranges, and the last day of a month."""
from __future__ import annotations

import re
from datetime import date, timedelta

from search.errors import BadQuery
from search.query.tree import DateSpan

DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_HELP = ("write date:2024, date:2024-03, date:2024-03-06, date:2024-03..2024-05, "
             "date:>2024-03 or date:[2024-03-01 TO 2024-05-31]")
# The shorter forms of a range that GitHub's search reads: 2024-03..2024-05, 2024.., ..2023,
# and a comparison, >2024-03 (after March), >=2024-03, <2023, <=2023-06.
SPAN = re.compile(r"^(?P<start>[^.]*)\.\.(?P<end>[^.]*)$")
COMPARISON = re.compile(r"^(?P<op>[<>]=?)(?P<value>.+)$")


# A month and year written in plain words ("in march 2024", "Sept. 2023"): searched as words, and
# the notes say how to keep only that month: with the filters, which keep the words' any-word
# reading ("... ceasefire date:2024-03" would require every word).
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_YEAR = re.compile(r"\b(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*+\.?"
                        r"\s++(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
MONTH_WORDS = frozenset("january february march april may june july august september sept october "
                        "november december jan feb mar apr jun jul aug sep oct nov dec".split())


def month_hint(text: str) -> str | None:
    """Return a note for the first month and year written in words in `text`, else None."""
    for found in MONTH_YEAR.finditer(text):
        month = found.group(0).split()[0].rstrip(".").lower()
        if month in MONTH_WORDS:
            number = MONTH_NAMES.index(found.group("month").lower()[:3]) + 1
            month = f"{found.group('year')}-{number:02d}"
            return (f"{found.group(0)!r} is searched as words (the filters from={month} "
                    f"to={month} keep only that month)")
    return None


def parse_date(value: str, kind: str) -> DateSpan:
    """Return the span a date: value names: a day, a month, a year, or a [range]."""
    if kind == "range":
        inner = value[1:-1].strip()
        parts = re.split(r"\s+to\s+|^to\s+|\s+to$|^to$", inner, flags=re.IGNORECASE)
        if len(parts) != 2:
            raise BadQuery(f"cannot read the date range {value!r}: {DATE_HELP}", "bad_date")
        return _range(value, *(None if part.strip() in ("", "*") else part.strip()
                               for part in parts))
    if kind != "word":
        raise BadQuery(f"cannot read the date {value!r}: {DATE_HELP}", "bad_date")
    span, compared = SPAN.match(value), COMPARISON.match(value)
    if span and (span.group("start") or span.group("end")):
        return _range(value, span.group("start") or None, span.group("end") or None)
    if compared:
        first, last = _date_bounds(compared.group("value"))
        op = compared.group("op")
        try:  # after its last day, before its first: past year 9999 or before year 1 no date is
            start = last + timedelta(days=1) if op == ">" else first if op == ">=" else None
            end = first - timedelta(days=1) if op == "<" else last if op == "<=" else None
        except OverflowError:
            raise BadQuery(f"no date is {value}", "bad_date") from None
        return DateSpan(start, end)
    return DateSpan(*_date_bounds(value))


def _range(value: str, first: str | None, last: str | None) -> DateSpan:
    """Return the span from the start of `first` to the end of `last` (None: open)."""
    start = _date_bounds(first)[0] if first else None
    end = _date_bounds(last)[1] if last else None
    if start is None and end is None:
        raise BadQuery(f"a date range needs at least one end: {DATE_HELP}", "bad_date")
    if start and end and start > end:
        raise BadQuery(f"the date range {value} starts after it ends", "bad_date")
    return DateSpan(start, end)


def month_end(day: date) -> date:
    """Return the last day of `day`'s month (the one home of the rule; web/params.py uses it)."""
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _date_bounds(value: str) -> tuple[date, date]:
    m = DATE_VALUE.match(value)
    try:
        if m and m.group(3):
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return day, day
        if m and m.group(2):
            first = date(int(m.group(1)), int(m.group(2)), 1)
            return first, month_end(first)
        if m:
            return date(int(m.group(1)), 1, 1), date(int(m.group(1)), 12, 31)
    except ValueError:
        pass
    raise BadQuery(f"cannot read the date {value!r}: {DATE_HELP}", "bad_date")
