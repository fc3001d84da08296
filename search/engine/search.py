"""Run a search: match, filter, count facets, rank, page and highlight; return plain dicts."""
from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace

import numpy as np
from whoosh.searching import Results, TimeLimit

from search.engine.columns import Columns, filter_docnums, filter_notes
from search.query.compile import Compiler, DocnumSet
from search.engine.docvalues import DocValues, first_in_order
from search.errors import BadQuery, SearchError
from search.engine.explain import explain_hit
from search.engine.highlight import configure, mark_paragraphs, marked_title, snippets
from search.query.anyword import Reading
from search.whooshext import capabilities
from search.whooshext.blockmatch import score_matches
from search.whooshext.scores import Scores
from search.whooshext.segmentreading import stored_fields
from search.whooshext.collectors import BudgetCollector, NewestFirstTop, ranked
from search.query.request import MAX_PER_PAGE, SearchRequest
from search.query.parse import parse
from search.features.related import related_documents
from search.engine.resultcache import ResultCache
from search.engine.searcher import IndexHandle
from search.query.suggest import suggest
from search.engine.threadindex import (add_mail_fields, duplicate_messages, index_threads,
                                       kept_documents, mail_place, thread_answer,
                                       thread_docnums)
from search.features.threads import is_mail
from search.timebudget import time_budget
from search.features.timeline import timeline_of_months
from search.features.whosaid import who_said, who_said_hint

# Seconds a query may take, all stages together, before it is answered with `timed_out`.
QUERY_SECONDS = 3.0
# group=thread reads ranked hits this many pages of MAX_PER_PAGE deep for distinct threads.
GROUP_WINDOWS = 10
# Below this many hits a spelling suggestion is looked for.
SUGGEST_BELOW = 3


class QueryTimedOut(SearchError):
    """The query ran past its time budget (HTTP 503 `timed_out`)."""

    code = "timed_out"


class SearchEngine:
    """Searches one index; one per process, safe to share between requests."""

    def __init__(self, handle: IndexHandle, seconds: float = QUERY_SECONDS,
                 cache_size: int = 0) -> None:
        self.handle = handle
        self.seconds = seconds
        self._answers = ResultCache(cache_size)  # off unless asked for (the web app asks)
        if handle.prepare is None:  # each generation prepared as the handle opens it
            handle.prepare = self.prepare
        capabilities.warn_missing()  # once a process: which fast paths this Whoosh switches off

    def warm(self) -> None:
        """Open the index and prepare its generation before any search asks (a worker's start)."""
        self.handle.current()  # the handle prepares a generation as it opens it

    def prepare(self, searcher, columns: Columns) -> None:
        """Build once per generation what its searches read as built: copies of messages, the
        documents kept, threads (1 s at 48,000 documents), per-document values. The handle
        calls this as it opens a generation, before serving it: no search's budget pays."""
        if duplicate_messages(searcher, columns):
            kept_documents(searcher, columns)
        index_threads(searcher, columns)
        self._doc_values(searcher, columns)

    def cache_stats(self) -> dict:
        """Return the answer cache's hits and misses in this process (see ResultCache.stats)."""
        return self._answers.stats()

    def search(self, request: SearchRequest) -> dict:
        """Return the page of results, total, facets, suggestion and timing for a request.

        The whole search runs under a time budget: an alarm where the process allows one (the
        main thread of a sync worker, which also stops prefix expansion), and a collector that
        watches the clock everywhere. With a cache, an answer given before in the same index
        generation is given again (`cached` says so).

        Raises:
            BadQuery: the query or a filter cannot be run.
            IndexMissing: there is no usable index.
            QueryTimedOut: the search took longer than its budget.
        """
        begun = time.perf_counter()
        # Without a query, filters browse the archive, newest first; with neither it is an error.
        parsed = parse(request.q) if request.q.strip() or not request.has_filter() else None
        if parsed is None and request.sort == "relevance":
            request = replace(request, sort="-date")
        searcher, columns = self.handle.current()
        answer = self._answers.get(columns, request)  # the columns are one per generation
        if answer is not None:
            answer.update(cached=True, took_ms=_ms(begun))
            return answer
        # The budget is the search's own: opening a generation and preparing it is not the
        # query's doing (the handle prepares; this covers one opened before this engine).
        self.prepare(searcher, columns)
        started = time.perf_counter()
        try:
            with time_budget(self.seconds):
                answer = self._search(searcher, columns, parsed, request, started)
        except (TimeoutError, TimeLimit):
            raise QueryTimedOut(f"the search took longer than {self.seconds:g} s and was "
                                "stopped: use fewer or rarer words, or a longer prefix") from None
        answer.update(cached=False, took_ms=_ms(begun))
        self._answers.put(columns, request, answer)
        return answer

    def _search(self, searcher, columns: Columns, parsed, request, started: float) -> dict:
        timing: dict[str, float] = {}
        compiler = Compiler(searcher, columns, threads=thread_docnums(searcher, columns))
        allowed = filter_docnums(columns, request)
        held_twice = duplicate_messages(searcher, columns)
        if held_twice:  # a message stored twice is one document
            allowed = kept_documents(searcher, columns) if allowed is None else allowed - held_twice
        if request.thread:
            docs = set(index_threads(searcher, columns).docnums(request.thread.strip().lower()))
            allowed = docs if allowed is None else allowed & docs
        query = compiler.compile(parsed.tree) if parsed else DocnumSet(frozenset(allowed or ()), "*")
        said = who_said(parsed.tree, searcher, columns) if parsed else None
        if said is not None:  # speaker:"X" words: X must have said the words, in one quote
            docs = said.documents(searcher, columns)
            allowed = docs if allowed is None else allowed & docs
        if request.group == "thread":
            page, matched, total, reading = self._thread_page(searcher, columns, query, allowed,
                                                              request, started + self.seconds)
        else:
            page, matched, reading = self._page(searcher, columns, query, allowed, request,
                                                started + self.seconds)
            total = len(matched)
        timing["match_ms"] = _ms(started)
        hits, partial = self._hits(page, request.sort == "relevance", started)
        for hit, found in zip(hits, page):
            hit["copies"] = columns.clusters.copies(searcher, found.docnum)
            hit["speakers"] = columns.names(hit["speakers"])
            if said is not None:
                hit["snippets"] = said.snippets(searcher, found.docnum) or hit["snippets"]
            if request.explain:
                hit["explain"] = explain_hit(searcher, query, found.docnum)
        add_mail_fields(hits, page, searcher, columns, request.group == "thread")
        timing["page_ms"] = _ms(started)
        values = self._doc_values(searcher, columns)
        months = values.months(matched)  # for the facets and the timeline
        return {
            "query": request.q,
            # The reading's "a OR b" unless that would not read back as the query (parse says).
            "interpreted": (reading.interpreted()
                            if reading and parsed and parsed.plain and parsed.shown is None
                            and not parsed.tree.common
                            else parsed.interpreted() if parsed else ""),
            "total": total,
            "page": request.page,
            "per_page": request.per_page,
            "hits": hits,
            "stories": columns.clusters.stories(matched),
            "facets": values.facets(matched, months),
            "timeline": timeline_of_months(months),
            "suggestion": (suggest(searcher, parsed, request.q)
                           if parsed and len(matched) < SUGGEST_BELOW else None),
            "notes": ((parsed.notes if parsed else []) + compiler.notes
                      + ([reading.note()] if reading else []) + filter_notes(columns, request)
                      + who_said_hint(parsed, searcher, columns)),
            "group": request.group or None,
            "sort": request.sort,
            "partial": partial,
            "timing": timing,
            "took_ms": _ms(started),
        }

    def _page(self, searcher, columns: Columns, query, allowed: set[int] | None,
              request: SearchRequest, deadline: float) -> tuple[list, np.ndarray, Reading | None]:
        """Return the page's hits (Whoosh Hits), every matching docnum (ascending), and how
        plain words were read (None for other queries, or when Whoosh's matchers ran)."""
        first = (request.page - 1) * request.per_page
        wanted = first + request.per_page
        relevance = request.sort == "relevance"
        scores = None
        if allowed is None or allowed:
            scores = score_matches(searcher, query, self._doc_values(searcher, columns).lengths,
                                   deadline)
        if scores is not None:  # a plain query: every match scored straight from the postings
            if allowed is not None:  # the generation's kept documents: a mask built once
                scores = scores.only(allowed)
            matched = scores.ids

            def top(limit: int):
                return ranked(searcher, query, scores, limit, columns.date_of)
            results = top(wanted) if relevance else None
        else:  # Whoosh's matchers, in one scored pass: every match recorded, the best kept
            def top(limit: int):
                return self._run(searcher, query, NewestFirstTop(limit, columns.date_of),
                                 allowed, deadline)[0]
            results, seen = self._run(
                searcher, query, NewestFirstTop(wanted, columns.date_of) if relevance else None,
                allowed, deadline)
            matched = np.sort(np.fromiter(seen, dtype=np.int64, count=len(seen)))
        reading = scores.reading if scores is not None else None
        if not relevance:
            return self._date_page(searcher, columns, query, matched, request, deadline,
                                   scores), matched, reading
        if request.collapse:
            results = columns.clusters.ranked_stories(top, wanted, results)
        return (results[first:] if results is not None else []), matched, reading

    def _thread_page(self, searcher, columns: Columns, query, allowed: set[int] | None,
                     request: SearchRequest, deadline: float
                     ) -> tuple[list, np.ndarray, int, Reading | None]:
        """Return the page's hits one per thread (its best message), every match, the number of
        threads matched and how plain words were read. Ranked hits are read a window at a time,
        up to GROUP_WINDOWS windows."""
        threads = index_threads(searcher, columns)
        first = (request.page - 1) * request.per_page
        wanted = first + request.per_page
        best: dict[str, object] = {}
        matched, reading = np.zeros(0, dtype=np.int64), None
        for window in range(1, GROUP_WINDOWS + 1):
            ask = replace(request, page=window, per_page=MAX_PER_PAGE, collapse=False)
            hits, matched, reading = self._page(searcher, columns, query, allowed, ask, deadline)
            for hit in hits:
                best.setdefault(threads.thread_of(hit.docnum) or f"doc:{hit.docnum}", hit)
            if len(best) >= wanted or len(hits) < MAX_PER_PAGE:
                break
        total = len({threads.thread_of(int(d)) or f"doc:{d}" for d in matched})
        return list(best.values())[first:wanted], matched, total, reading

    @staticmethod
    def _run(searcher, query, inner, allowed: set[int] | None, deadline: float):
        """Run the query once; return (Results of `inner` or None, every matching docnum)."""
        if allowed is not None and not allowed:
            return None, set()
        collector = BudgetCollector(inner or searcher.collector(limit=None, scored=False),
                                    allowed, deadline)
        searcher.search_with_collector(query, collector)
        results = collector.results()
        return (results if inner is not None else None), collector.seen

    def _date_page(self, searcher, columns: Columns, query, matched: np.ndarray,
                   request: SearchRequest, deadline: float, scores: Scores | None) -> list:
        """Return the page's hits in date order; undated documents last either way.

        Only the head of the order is sorted (a partial sort of per-searcher ranks), as far as
        the page needs: with copies collapsed the head doubles until it holds enough stories.
        """
        rank = self._doc_values(searcher, columns).date_rank(request.sort == "-date")
        first = (request.page - 1) * request.per_page
        head = first + request.per_page
        while True:
            order = first_in_order(matched, rank, head)
            if request.collapse:
                order = columns.clusters.collapse_order(order)
            if len(order) >= first + request.per_page or head >= len(matched):
                break
            head *= 2
        wanted = order[first:first + request.per_page]
        if not wanted:
            return []
        if scores is not None:
            return Results(searcher, query, [(scores[d], d) for d in wanted])[:]
        results, _ = self._run(searcher, query, searcher.collector(limit=len(wanted)),
                               set(wanted), deadline)
        by_docnum = {hit.docnum: hit for hit in results}
        return [by_docnum[d] for d in wanted if d in by_docnum]

    def _hits(self, page: list, scored: bool, started: float) -> tuple[list[dict], bool]:
        """Return the JSON hits of a page, highlighted while most of the budget is left."""
        if not page:
            return [], False
        configure(page[0].results)
        deadline = started + self.seconds * 0.8
        hits, partial = [], False
        for hit in page:
            late = time.perf_counter() > deadline
            partial = partial or late
            hits.append(hit_dict(hit, scored=scored, highlight=not late))
        return hits, partial

    @staticmethod
    def _doc_values(searcher, columns: Columns) -> DocValues:
        """Return the per-document values of facets and date order, built once per columns."""
        if columns.values is None:
            columns.values = DocValues.build(columns, searcher.doc_count_all())
        return columns.values

    def document(self, doc_id: str, q: str = "") -> dict | None:
        """Return one document by id, with `body_html` paragraphs marked for `q`; None if absent.

        Raises:
            IndexMissing: there is no usable index.
        """
        searcher, columns = self.handle.current()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return None
        doc = stored_document(searcher.stored_fields(docnum))
        doc["speakers"] = columns.names(doc["speakers"])
        for quote in doc["quotes"]:
            quote["speaker"] = columns.canonical.get(quote["speaker"], quote["speaker"])
        terms: set[str] = set()
        if q.strip():
            try:
                with time_budget(self.seconds):
                    query = Compiler(searcher, columns, threads=thread_docnums(searcher, columns)
                                     ).compile(parse(q).tree)
                terms = {text for fieldname, text in query.iter_all_terms()
                         if fieldname in ("body", "title") and isinstance(text, str)}
            except (BadQuery, TimeoutError):
                terms = set()
        doc["body_html"] = mark_paragraphs(doc["body"], terms,
                                           searcher.schema["body"].analyzer)
        doc.update(mail_place(searcher, columns, doc))
        doc["copies"] = columns.clusters.copies(searcher, docnum)
        doc["related"] = related_documents(searcher, columns, docnum, doc["body"],
                                           lengths=self._doc_values(searcher, columns).lengths)
        return doc


    def thread(self, thread: str) -> dict | None:
        """Return a mail thread's messages, each parent before its replies; None if absent.

        Raises:
            IndexMissing: there is no usable index.
        """
        searcher, columns = self.handle.current()
        return thread_answer(searcher, columns, thread)

    def mail_messages(self, doc_ids: Iterable[str]) -> Iterator[dict]:
        """Yield the stored fields of the mail documents among doc_ids, for an mbox export.

        Raises:
            IndexMissing: there is no usable index.
        """
        searcher, _ = self.handle.current()
        for doc_id in doc_ids:
            docnum = searcher.document_number(id=doc_id)
            if docnum is None:
                continue
            stored = searcher.stored_fields(docnum)
            if is_mail(stored.get("kind")):
                yield stored


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def hit_score(hit, scored: bool) -> float | None:
    """Return a hit's relevance score; None when the order was by date."""
    key = hit.score if scored else None
    return round(key, 4) if isinstance(key, (int, float)) else None


def hit_dict(hit, scored: bool = True, highlight: bool = True) -> dict:
    """Return the JSON shape of one hit."""
    stored = stored_fields(hit.searcher, hit.docnum)
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
        "author": stored.get("author") or None,
        "message_id": stored.get("message_id") or None,
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
        "uncleaned": bool(stored.get("uncleaned")),
        "message_id": stored.get("message_id") or None,
    }
