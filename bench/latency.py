"""Query latency: the /search code path, Whoosh opened per request, and a runner that times them."""
from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from datetime import datetime, time as day_time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import qparser, query as wq, sorting
from whoosh.index import TOC
from whoosh.qparser.dateparse import DateParserPlugin

from bench.measure import percentile, query_args
from search.index import builds
from search import BadQuery
from search.index.schema import DEFAULT_FIELDS
from web import create_app
from web.params import search_request

# A system answers one query string with (total matches, hits on the page); `close()` ends it.
System = Callable[[str], tuple[int, int]]


def search_path(index: Path, cache: int | None = None) -> System:
    """Return the /search code path of one web process: request parsing, engine, JSON.

    The answer cache is on as deployed (`cache` None: the app's default size); `run.stats()`
    says how many answers it gave. Pass `cache=0` to search every query.
    """
    app = create_app({"INDEX": str(index)} if cache is None
                     else {"INDEX": str(index), "RESULT_CACHE": cache})
    engine = app.extensions["archive_search"]

    def run(line: str) -> tuple[int, int]:
        result = engine.search(search_request(query_args(line)))
        json.dumps(result)  # what jsonify does to it
        return result["total"], len(result["hits"])
    run.close = engine.handle.close
    run.stats = engine.cache_stats
    return run


def default_segments(index: Path, dest: Path) -> Path:
    """Return a copy of the index's current generation with its segments as Whoosh writes them
    by default, each in one compound file: the index of an app that never passes
    `compound=False`. Opening one copies its files into memory (WHOOSH-FACTS.md: 120 ms,
    against 26 ms for separate files). Postings, codec and documents stay the same."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(builds.current_build(index), dest)
    ix = whoosh_index.open_dir(str(dest))
    segments = ix._segments()
    for segment in segments:
        if not segment.is_compound():
            segment.create_compound_file(ix.storage)
    TOC(ix.schema, segments, ix.latest_generation() + 1).write(ix.storage, ix.indexname)
    ix.close()
    return dest


def naive_whoosh(folder: Path) -> System:
    """Return Whoosh as many small apps use it: open the index and a searcher per request.

    `folder` is a Whoosh index folder (`builds.current_build(index)` for ours as it is)."""
    def run(line: str) -> tuple[int, int]:
        args = query_args(line)
        request = search_request(args)
        ix = whoosh_index.open_dir(str(folder))
        try:
            parser = qparser.MultifieldParser(list(DEFAULT_FIELDS), ix.schema,
                                              group=qparser.AndGroup)
            parser.add_plugin(DateParserPlugin(free=False))
            parser.add_plugin(qparser.PlusMinusPlugin())
            with ix.searcher() as searcher:
                q = parser.parse(request.q)
                allow = _naive_filter(searcher, request)
                if allow is not None and not allow:
                    return 0, 0  # Whoosh reads an empty filter set as no filter at all
                limit = request.page * request.per_page
                sortedby = None if request.sort == "relevance" else sorting.FieldFacet(
                    "date", reverse=request.sort == "-date")
                try:
                    results = searcher.search(q, limit=limit, filter=allow,
                                              sortedby=sortedby, terms=True)
                except IndexError:
                    # Whoosh 2.7.4's block quality skipping can run off a posting block on
                    # its own parser's queries (seen at 10k documents); the reference then
                    # answers nothing for that query rather than ending the benchmark.
                    return 0, 0
                hits = list(results)[(request.page - 1) * request.per_page:]
                for hit in hits:
                    hit.highlights("body", top=2)
                return len(results), len(hits)
        finally:
            ix.close()
    run.close = lambda: None
    return run


def _naive_filter(searcher, request) -> set[int] | None:
    """Return the documents the filters allow (by term and date-range queries), or None."""
    parts: list[wq.Query] = [wq.Term("outlet_key", v) for v in request.outlets]
    parts += [wq.Term("speaker_key", v) for v in request.speakers]
    if request.date_from or request.date_to:
        start = datetime.combine(request.date_from, day_time.min) if request.date_from else None
        end = datetime.combine(request.date_to, day_time.max) if request.date_to else None
        parts.append(wq.DateRange("date", start, end))
    return set(searcher.docs_for_query(wq.And(parts))) if parts else None


def time_queries(system: System, queries: list[tuple[str, str]], rounds: int,
                 deadline: float | None = None) -> dict:
    """Warm up once, then time every query `rounds` times; return per-round figures.

    Returns {"rounds": [{"p50", "p95", "by_class": {cls: [ms]}}], "totals": {line: total},
    "errors": {line: message}, "first_ms": ms of the very first query}.
    """
    totals, errors = {}, {}
    started = time.perf_counter()
    first_ms = None
    for _, line in queries:  # warm-up: opens the index, reads the columns, fills caches
        t0 = time.perf_counter()
        try:
            totals[line] = system(line)[0]
        except BadQuery as exc:
            errors[line] = str(exc)
        first_ms = first_ms if first_ms is not None else (time.perf_counter() - t0) * 1000
    before = system.stats() if hasattr(system, "stats") else None
    out_rounds = []
    for _ in range(rounds):
        if deadline and time.perf_counter() > deadline:
            break
        out_rounds.append(_one_round(system, queries, errors))
    return {"rounds": out_rounds, "totals": totals, "errors": errors, "first_ms": first_ms,
            "warmup_s": time.perf_counter() - started, "cache": _cache_delta(system, before)}


def time_fresh(system: System, warmup: list[tuple[str, str]],
               rounds: list[list[tuple[str, str]]]) -> dict:
    """Warm up on `warmup`, then time each round's own queries, each sent once.

    No query is sent twice, so an answer cache can only hit where two lines are the same
    request. Returns the figures of `time_queries`, with the answer cache's hits and misses
    during the timed rounds (`cache`, when the system counts them).
    """
    errors: dict[str, str] = {}
    started = time.perf_counter()
    first_ms = None
    for _, line in warmup:
        t0 = time.perf_counter()
        try:
            system(line)
        except BadQuery:
            pass
        first_ms = first_ms if first_ms is not None else (time.perf_counter() - t0) * 1000
    warmup_s = time.perf_counter() - started
    before = system.stats() if hasattr(system, "stats") else None
    totals: dict[str, int] = {}
    out_rounds = [_one_round(system, queries, errors, totals) for queries in rounds]
    return {"rounds": out_rounds, "totals": totals, "errors": errors, "first_ms": first_ms,
            "warmup_s": warmup_s, "cache": _cache_delta(system, before)}


def _cache_delta(system: System, before: dict | None) -> dict | None:
    """Return the answer cache's hits and misses since `before` (None: the system has none)."""
    if before is None:
        return None
    after = system.stats()
    return {k: after[k] - before[k] for k in ("hits", "misses")}


def _one_round(system: System, queries: list[tuple[str, str]], errors: dict,
               totals: dict | None = None) -> dict:
    by_class: dict[str, list[float]] = {}
    every: list[float] = []
    for cls, line in queries:
        if line in errors:
            continue
        t0 = time.perf_counter()
        try:
            found = system(line)
        except BadQuery as exc:  # refused: not timed, and said in the report
            errors[line] = str(exc)
            continue
        ms = (time.perf_counter() - t0) * 1000
        if totals is not None:
            totals[line] = found[0]
        every.append(ms)
        by_class.setdefault(cls, []).append(ms)
    return {"p50": percentile(every, 50), "p95": percentile(every, 95), "ms": every,
            "by_class": by_class}
