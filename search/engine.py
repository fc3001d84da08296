"""Run a search: match, filter, count facets, rank, page and highlight; return plain dicts."""
from __future__ import annotations

import json
import time
from collections import Counter
from datetime import date

from whoosh import sorting
from whoosh.collectors import FilterCollector
from whoosh.searching import TimeLimit

from search.compile import Compiler
from search.errors import BadQuery, SearchError
from search.highlight import configure, mark_paragraphs, marked_title, snippets
from search.query import SearchRequest, parse
from search.searcher import Columns, IndexHandle
from search.suggest import suggest
from search.timebudget import time_budget

FACET_LIMIT = 20
# Seconds a query may take, all stages together, before it is answered with `timed_out`.
QUERY_SECONDS = 3.0
# Below this many hits a spelling suggestion is looked for.
SUGGEST_BELOW = 3
# Relevance first; among equal scores, the newest document first.
RELEVANCE_THEN_NEWEST = sorting.MultiFacet([sorting.ScoreFacet(),
                                            sorting.FieldFacet("date", reverse=True)])


class QueryTimedOut(SearchError):
    """The query ran past its time budget (HTTP 503 `timed_out`)."""

    code = "timed_out"


class SearchEngine:
    """Searches one index; one per process, safe to share between requests."""

    def __init__(self, handle: IndexHandle, seconds: float = QUERY_SECONDS) -> None:
        self.handle = handle
        self.seconds = seconds
        self._per_doc: tuple | None = None

    def search(self, request: SearchRequest) -> dict:
        """Return the page of results, total, facets, suggestion and timing for a request.

        The whole search runs under a time budget: an alarm where the process allows one (the
        main thread of a sync worker, which also stops prefix expansion), and a collector that
        watches the clock everywhere.

        Raises:
            BadQuery: the query or a filter cannot be run.
            IndexMissing: there is no usable index.
            QueryTimedOut: the search took longer than its budget.
        """
        started = time.perf_counter()
        parsed = parse(request.q)  # cheap and bounded: before the index is touched
        searcher, columns = self.handle.current()
        try:
            with time_budget(self.seconds):
                return self._search(searcher, columns, parsed, request, started)
        except (TimeoutError, TimeLimit):
            raise QueryTimedOut(f"the search took longer than {self.seconds:g} s and was "
                                "stopped: use fewer or rarer words, or a longer prefix") from None

    def _search(self, searcher, columns: Columns, parsed, request, started: float) -> dict:
        timing: dict[str, float] = {}
        compiler = Compiler(searcher, columns)
        query = compiler.compile(parsed.tree)
        allowed = filter_docnums(columns, request)
        matched = self._collect(searcher, query, allowed, started + self.seconds)
        timing["match_ms"] = _ms(started)
        hits, partial = (self._page(searcher, columns, query, matched, request, started)
                         if matched else ([], False))
        timing["page_ms"] = _ms(started)
        result = {
            "query": request.q,
            "interpreted": parsed.interpreted(),
            "total": len(matched),
            "page": request.page,
            "per_page": request.per_page,
            "hits": hits,
            "facets": self.facets(columns, matched),
            "suggestion": (suggest(searcher, parsed, request.q)
                           if len(matched) < SUGGEST_BELOW else None),
            "notes": parsed.notes + compiler.notes,
            "sort": request.sort,
            "partial": partial,
            "timing": timing,
            "took_ms": _ms(started),
        }
        return result

    def _collect(self, searcher, query, allowed: set[int] | None, deadline: float) -> set[int]:
        """Return every matching docnum within the filters (an exact total)."""
        if allowed is not None and not allowed:
            return set()
        collector = BudgetCollector(searcher.collector(limit=None, scored=False), allowed,
                                    deadline)
        searcher.search_with_collector(query, collector)
        return set(collector.results().docs())

    def _page(self, searcher, columns: Columns, query, matched: set[int],
              request: SearchRequest, started: float) -> tuple[list[dict], bool]:
        start = (request.page - 1) * request.per_page
        scored = request.sort == "relevance"
        if scored:
            inner = searcher.collector(limit=start + request.per_page,
                                       sortedby=RELEVANCE_THEN_NEWEST, terms=True)
            wanted = None
        else:
            # Dates come from the cached column: undated documents last in either direction.
            sign = -1 if request.sort == "-date" else 1
            order = sorted(matched, key=lambda d: (d not in columns.date_of,
                                                   sign * columns.date_of.get(d, 0), d))
            wanted = order[start:start + request.per_page]
            if not wanted:
                return [], False
            inner = searcher.collector(limit=len(wanted), terms=True)
            start = 0
        collector = BudgetCollector(inner, matched if scored else set(wanted),
                                    started + self.seconds)
        searcher.search_with_collector(query, collector)
        results = collector.results()
        configure(results)
        deadline = started + self.seconds * 0.8
        hits, partial = [], False
        for hit in results[start:]:
            # Past most of the budget, the rest of the page gets openings, not highlights.
            late = time.perf_counter() > deadline
            partial = partial or late
            hits.append(hit_dict(hit, scored=scored, highlight=not late))
        if wanted is not None:
            by_docnum = {h.pop("_docnum"): h for h in hits}
            return [by_docnum[d] for d in wanted if d in by_docnum], partial
        for h in hits:
            h.pop("_docnum")
        return hits, partial

    def facets(self, columns: Columns, matched: set[int]) -> dict:
        """Return exact counts of outlet, speaker, year and month over the matched documents."""
        outlet_of, speakers_of = self._doc_values(columns)
        outlets = Counter(outlet_of[d] for d in matched if d in outlet_of)
        speakers = Counter(s for d in matched for s in speakers_of.get(d, ()))
        days = [date.fromordinal(columns.date_of[d]) for d in matched if d in columns.date_of]
        years = Counter(f"{d.year:04d}" for d in days)
        months = Counter(f"{d.year:04d}-{d.month:02d}" for d in days)

        def top(counts: Counter) -> list[dict]:
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_LIMIT]
            return [{"value": v, "count": c} for v, c in ranked]

        return {
            "outlet": top(outlets),
            "speaker": top(speakers),
            "year": [{"value": y, "count": c} for y, c in sorted(years.items(), reverse=True)],
            "month": [{"value": m, "count": c} for m, c in sorted(months.items(), reverse=True)],
        }

    def _doc_values(self, columns: Columns) -> tuple[dict[int, str], dict[int, tuple]]:
        """Return docnum -> outlet and docnum -> speakers, built once per searcher's columns."""
        cached = self._per_doc
        if cached is not None and cached[0] is columns:
            return cached[1], cached[2]
        outlet_of = {d: value for value, docs in columns.outlet.items() for d in docs}
        lists: dict[int, list[str]] = {}
        for value, docs in columns.speaker.items():
            for d in docs:
                lists.setdefault(d, []).append(value)
        speakers_of = {d: tuple(v) for d, v in lists.items()}
        self._per_doc = (columns, outlet_of, speakers_of)
        return outlet_of, speakers_of

    def document(self, doc_id: str, q: str = "") -> dict | None:
        """Return one document by id, with `body_html` paragraphs marked for `q`; None if absent.

        Raises:
            IndexMissing: there is no usable index.
        """
        searcher, columns = self.handle.current()
        stored = searcher.document(id=doc_id)
        if stored is None:
            return None
        doc = stored_document(stored)
        terms: set[str] = set()
        if q.strip():
            try:
                with time_budget(self.seconds):
                    query = Compiler(searcher, columns).compile(parse(q).tree)
                terms = {text for fieldname, text in query.iter_all_terms()
                         if fieldname in ("body", "title") and isinstance(text, str)}
            except (BadQuery, TimeoutError):
                terms = set()
        doc["body_html"] = mark_paragraphs(doc["body"], terms,
                                           searcher.schema["body"].analyzer)
        return doc


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


class BudgetCollector(FilterCollector):
    """Keep only allowed docnums, and stop with TimeLimit once the deadline has passed.

    Whoosh's TimeLimitCollector needs a timer thread per query and, wrapped around a filter,
    bypasses it; this checks the clock every CHECK_EVERY matches instead, in any thread.
    """

    CHECK_EVERY = 256

    def __init__(self, child, allow: set[int] | None, deadline: float) -> None:
        super().__init__(child, allow=allow)
        self.deadline = deadline

    def collect_matches(self):
        child, allow, offset = self.child, self._allow, self.offset
        for n, sub_docnum in enumerate(child.matches()):
            if n % self.CHECK_EVERY == 0 and time.perf_counter() > self.deadline:
                raise TimeLimit
            if allow is None or offset + sub_docnum in allow:
                child.collect(sub_docnum)


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


def hit_score(hit, scored: bool) -> float | None:
    """Return a hit's relevance score; None when the order was by date."""
    key = hit.score if scored else None
    if isinstance(key, tuple):  # MultiFacet([ScoreFacet, date]): ScoreFacet's key is -score
        key = -key[0] if key and isinstance(key[0], (int, float)) else None
    return round(key, 4) if isinstance(key, (int, float)) else None


def hit_dict(hit, scored: bool = True, highlight: bool = True) -> dict:
    """Return the JSON shape of one hit (with a private `_docnum` the caller removes)."""
    stored = hit.fields()
    when = stored.get("date")
    title = stored.get("title") or ""
    return {
        "id": stored["id"],
        "title": title,
        "title_html": marked_title(hit, title) if highlight else marked_title(None, title),
        "outlet": stored.get("outlet") or None,
        "date": when.strftime("%Y-%m-%d") if when else None,
        "speakers": list(stored.get("speakers") or []),
        "source": stored.get("source"),
        "kind": stored.get("kind"),
        "score": hit_score(hit, scored),
        "snippets": snippets(hit if highlight else None, stored.get("body") or ""),
        "_docnum": hit.docnum,
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
