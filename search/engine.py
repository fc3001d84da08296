"""Run a search: match, filter, count facets, rank, page and highlight; return plain dicts."""
from __future__ import annotations

import json
import time
from collections import Counter
from datetime import date

from whoosh import sorting

from search.errors import BadQuery
from search.highlight import configure, mark_paragraphs, marked_title, snippets
from search.query import SearchRequest, build_parser, parse_query
from search.searcher import Columns, IndexHandle

FACET_LIMIT = 20
# Relevance first; among equal scores, the newest document first.
RELEVANCE_THEN_NEWEST = sorting.MultiFacet([sorting.ScoreFacet(),
                                            sorting.FieldFacet("date", reverse=True)])


class SearchEngine:
    """Searches one index; one per process, safe to share between requests."""

    def __init__(self, handle: IndexHandle) -> None:
        self.handle = handle
        self._parser = None

    def search(self, request: SearchRequest) -> dict:
        """Return the page of results, total, facets and timing for a request.

        Raises:
            BadQuery: the query or a filter cannot be run.
            IndexMissing: there is no usable index.
        """
        started = time.perf_counter()
        searcher, columns = self.handle.current()
        if self._parser is None:
            self._parser = build_parser(searcher.schema)
        query = parse_query(self._parser, request.q)
        matched = set(searcher.docs_for_query(query))
        allowed = filter_docnums(columns, request)
        if allowed is not None:
            matched &= allowed
        hits = self._page(searcher, columns, query, matched, request) if matched else []
        return {
            "query": request.q,
            "interpreted": str(query),
            "total": len(matched),
            "page": request.page,
            "per_page": request.per_page,
            "hits": hits,
            "facets": facets(columns, matched),
            "took_ms": round((time.perf_counter() - started) * 1000, 1),
        }

    def _page(self, searcher, columns: Columns, query, matched: set[int],
              request: SearchRequest) -> list[dict]:
        start = (request.page - 1) * request.per_page
        if request.sort == "relevance":
            results = searcher.search(query, limit=start + request.per_page, filter=matched,
                                      sortedby=RELEVANCE_THEN_NEWEST, terms=True)
            configure(results)
            return [hit_dict(hit) for hit in results[start:]]
        # Dates come from the cached column: undated documents last in either direction.
        sign = -1 if request.sort == "-date" else 1
        order = sorted(matched, key=lambda d: (d not in columns.date_of,
                                               sign * columns.date_of.get(d, 0), d))
        wanted = order[start:start + request.per_page]
        if not wanted:
            return []
        results = searcher.search(query, limit=len(wanted), filter=set(wanted), terms=True)
        configure(results)
        by_docnum = {hit.docnum: hit_dict(hit, scored=False) for hit in results}
        return [by_docnum[d] for d in wanted]

    def document(self, doc_id: str, q: str = "") -> dict | None:
        """Return one document by id, with `body_html` paragraphs marked for `q`; None if absent.

        Raises:
            IndexMissing: there is no usable index.
        """
        searcher, _ = self.handle.current()
        stored = searcher.document(id=doc_id)
        if stored is None:
            return None
        doc = stored_document(stored)
        terms: set[str] = set()
        if q.strip():
            if self._parser is None:
                self._parser = build_parser(searcher.schema)
            try:
                query = parse_query(self._parser, q)
                terms = {text for field, text in query.iter_all_terms()
                         if field in ("body", "title") and isinstance(text, str)}
            except BadQuery:
                terms = set()
        doc["body_html"] = mark_paragraphs(doc["body"], terms,
                                           searcher.schema["body"].analyzer)
        return doc


def filter_docnums(columns: Columns, request: SearchRequest) -> set[int] | None:
    """Return the docnums the filters allow, or None when no filter is set."""
    allowed: set[int] | None = None
    for values, by_value in ((request.outlets, columns.outlet),
                             (request.speakers, columns.speaker)):
        for value in values:
            docs = by_value.get(value, set())
            allowed = docs if allowed is None else allowed & docs
    if request.date_from or request.date_to:
        docs = columns.date_range(request.date_from, request.date_to)
        allowed = docs if allowed is None else allowed & docs
    return allowed


def facets(columns: Columns, matched: set[int]) -> dict:
    """Return exact counts of outlet, speaker and month over the matched documents."""
    def count(by_value: dict[str, set[int]]) -> list[dict]:
        counts = Counter({value: len(docs & matched) for value, docs in by_value.items()})
        return [{"value": v, "count": c} for v, c in counts.most_common(FACET_LIMIT) if c]

    months = Counter(date.fromordinal(columns.date_of[d]).strftime("%Y-%m")
                     for d in matched if d in columns.date_of)
    return {
        "outlet": count(columns.outlet),
        "speaker": count(columns.speaker),
        "month": [{"value": m, "count": c} for m, c in sorted(months.items(), reverse=True)],
    }


def hit_score(hit, scored: bool) -> float | None:
    """Return a hit's relevance score; None when the order was by date."""
    key = hit.score if scored else None
    if isinstance(key, tuple):  # MultiFacet([ScoreFacet, date]): ScoreFacet's key is -score
        key = -key[0] if key and isinstance(key[0], (int, float)) else None
    return round(key, 4) if isinstance(key, (int, float)) else None


def hit_dict(hit, scored: bool = True) -> dict:
    """Return the JSON shape of one hit."""
    stored = hit.fields()
    when = stored.get("date")
    return {
        "id": stored["id"],
        "title": stored.get("title") or "",
        "title_html": marked_title(hit, stored.get("title") or ""),
        "outlet": stored.get("outlet") or None,
        "date": when.strftime("%Y-%m-%d") if when else None,
        "speakers": list(stored.get("speakers") or []),
        "source": stored.get("source"),
        "kind": stored.get("kind"),
        "score": hit_score(hit, scored),
        "snippets": snippets(hit, stored.get("body") or ""),
    }


def stored_document(stored: dict) -> dict:
    """Return the JSON shape of one stored document."""
    when = stored.get("date")
    return {
        "id": stored["id"],
        "title": stored.get("title") or "",
        "outlet": stored.get("outlet") or None,
        "date": when.strftime("%Y-%m-%d") if when else None,
        "author": stored.get("author") or None,
        "carrier": stored.get("carrier") or None,
        "speakers": list(stored.get("speakers") or []),
        "quotes": json.loads(stored.get("quotes_json") or "[]"),
        "source": stored.get("source"),
        "kind": stored.get("kind"),
        "body": stored.get("body") or "",
    }
