"""Every hit of a search, not a page: rows for CSV and NDJSON exports, with the search's filters.

The rows come from `SearchEngine.search` itself, a page of MAX_PER_PAGE at a time, so that an
export matches, filters and orders exactly as the search does, whatever the engine's internals.
Pages are read as the response streams; each page uses the searcher current at that moment.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from html import unescape

from search.query.parse import MAX_PAGE, MAX_PER_PAGE, SearchRequest

COLUMNS = ("id", "title", "outlet", "date", "speakers", "kind", "source", "score", "url",
           "snippet")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TAG = re.compile(r"<[^>]+>")


@dataclass
class Export:
    """The rows of one search, in the search's order, and the total the search reports."""

    total: int
    rows: Iterator[dict]


class Exporter:
    """Reads every hit of a search through the engine; safe to share between requests."""

    def __init__(self, engine) -> None:
        self.engine = engine

    def export(self, request: SearchRequest) -> Export:
        """Run the search's first page now (errors surface before any byte is sent).

        Raises:
            BadQuery: the query or a filter cannot be run.
            IndexMissing: there is no usable index.
        """
        request = replace(request, page=1, per_page=MAX_PER_PAGE, **documents_not_stories(request))
        first = self.engine.search(request)
        return Export(first["total"], self._rows(request, first))

    def _rows(self, request: SearchRequest, first: dict) -> Iterator[dict]:
        result, page, sent = first, 1, 0
        while True:
            for hit in result["hits"]:
                if sent == first["total"]:  # the index grew meanwhile: keep to the total
                    return
                sent += 1
                yield export_row(hit)
            if not result["hits"] or sent >= first["total"] or page >= MAX_PAGE:
                return
            page += 1
            result = self.engine.search(replace(request, page=page))


def documents_not_stories(request: SearchRequest) -> dict:
    """Return the change that lists every copy of a story (exports count documents)."""
    return {"collapse": False} if "collapse" in {f.name for f in fields(request)} else {}


def export_row(hit: dict) -> dict:
    """Return the export shape of one hit (the body is at /doc/<id>.json)."""
    snippets = hit.get("snippets") or []
    return {
        "id": hit["id"],
        "title": hit.get("title") or "",
        "outlet": hit.get("outlet"),
        "date": hit.get("date"),
        "speakers": list(hit.get("speakers") or []),
        "kind": hit.get("kind"),
        "source": hit.get("source"),
        "score": hit.get("score"),
        "url": f"/doc/{hit['id']}",
        "snippet": unescape(TAG.sub("", snippets[0])) if snippets else "",
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
