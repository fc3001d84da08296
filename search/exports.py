"""Every hit of a search, not a page: rows for CSV and NDJSON exports, with the search's filters.

The rows are read while the searcher is held, before anything is sent, so that a re-index during
a slow download cannot close the reader under it; only the serialisation streams.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from search.engine import RELEVANCE_THEN_NEWEST, filter_docnums
from search.query import SearchRequest, build_parser, parse_query
from search.searcher import IndexHandle

COLUMNS = ("id", "title", "outlet", "date", "author", "carrier", "kind", "source", "speakers",
           "url")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Export:
    """All rows of one search, in the search's order; `total` is the search's total."""

    total: int
    rows: list[dict]


class Exporter:
    """Reads every hit of a search; one per process, safe to share between requests."""

    def __init__(self, handle: IndexHandle) -> None:
        self.handle = handle
        self._parser = None

    def export(self, request: SearchRequest) -> Export:
        """Return every document the search matches, ordered as the search orders them.

        Raises:
            BadQuery: the query or a filter cannot be run.
            IndexMissing: there is no usable index.
        """
        searcher, columns = self.handle.current()
        if self._parser is None:
            self._parser = build_parser(searcher.schema)
        query = parse_query(self._parser, request.q)
        matched = set(searcher.docs_for_query(query))
        allowed = filter_docnums(columns, request)
        if allowed is not None:
            matched &= allowed
        if not matched:
            return Export(0, [])
        if request.sort == "relevance":
            results = searcher.search(query, limit=None, filter=matched,
                                      sortedby=RELEVANCE_THEN_NEWEST)
            order = [hit.docnum for hit in results]
        else:
            sign = -1 if request.sort == "-date" else 1
            order = sorted(matched, key=lambda d: (d not in columns.date_of,
                                                   sign * columns.date_of.get(d, 0), d))
        return Export(len(matched), [export_row(searcher.stored_fields(d)) for d in order])


def export_row(stored: dict) -> dict:
    """Return the export shape of one stored document (no body: /doc/<id>.json has it)."""
    when = stored.get("date")
    return {
        "id": stored["id"],
        "title": stored.get("title") or "",
        "outlet": stored.get("outlet") or None,
        "date": when.strftime("%Y-%m-%d") if when else None,
        "author": stored.get("author") or None,
        "carrier": stored.get("carrier") or None,
        "kind": stored.get("kind"),
        "source": stored.get("source"),
        "speakers": list(stored.get("speakers") or []),
        "url": f"/doc/{stored['id']}",
    }


def neutralise(cell: str) -> str:
    """Return a cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def csv_lines(rows: Iterable[dict]) -> Iterator[str]:
    """Yield the CSV export line by line: a header, then one line per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        cells = []
        for name in COLUMNS:
            value = row.get(name)
            if isinstance(value, list):
                value = "; ".join(value)
            cells.append(neutralise("" if value is None else str(value)))
        writer.writerow(cells)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def ndjson_lines(rows: Iterable[dict]) -> Iterator[str]:
    """Yield the NDJSON export: one JSON object a line."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"
