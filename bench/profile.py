"""Profile the /search code path over part of the query log: where a query's time goes."""
from __future__ import annotations

import cProfile
import pstats
from pathlib import Path

from bench.latency import search_path
from bench.measure import load_queries

# Stages of a search, each the cumulative time of one function: (label, file suffix, function).
STAGES = (
    ("parse the query", "search/query/parse.py", "parse"),
    ("compile to Whoosh queries", "search/query/compile.py", "compile"),
    ("refresh check / reopen", "search/engine/searcher.py", "current"),
    ("filters from cached columns", "search/engine/columns.py", "filter_docnums"),
    ("match and score every document (from the postings)", "search/whooshext/blockmatch.py",
     "score_matches"),
    ("match and score through Whoosh's matchers (fallback)", "search/engine/search.py", "_run"),
    ("rank: the page from the scores", "search/engine/search.py", "ranked"),
    ("date order: the page by date", "search/engine/search.py", "_date_page"),
    ("highlight: snippets", "search/engine/highlight.py", "snippets"),
    ("highlight: title", "search/engine/highlight.py", "marked_title"),
    ("stored fields of hits", "whoosh/searching.py", "fields"),
    ("facets: month keys and counts", "search/engine/docvalues.py", "months"),
    ("facets: outlet, speaker, year, month", "search/engine/docvalues.py", "facets"),
    ("spelling suggestion", "search/query/suggest.py", "suggest"),
    ("JSON encoding", "json/__init__.py", "dumps"),
)


def profile(index: Path, out: Path, queries: list[tuple[str, str]]) -> dict:
    """Run `queries` once each under cProfile, after a warm-up on the fixed list; return the
    summary. The answer cache is off: each query is searched."""
    system = search_path(index, cache=0)
    for _, line in load_queries():  # opens the index, reads the columns
        system(line)
    prof = cProfile.Profile()
    prof.enable()
    for _, line in queries:
        try:
            system(line)
        except Exception:  # an error is timed like an answer; the latency run reports it
            pass
    prof.disable()
    system.close()
    prof.dump_stats(str(out))
    stats = pstats.Stats(str(out))
    return summarise(stats, len(queries))


def summarise(stats: pstats.Stats, calls: int) -> dict:
    """Return the per-stage and the heaviest functions' milliseconds per query."""
    table = stats.stats  # (file, line, function) -> (cc, nc, tottime, cumtime, callers)
    total = sum(tt for _, _, tt, _, _ in table.values())
    stages = []
    for label, suffix, function in STAGES:
        cum = sum(ct for (f, _, name), (_, _, _, ct, _) in table.items()
                  if name == function and f.endswith(suffix))
        stages.append({"stage": label, "ms_per_query": cum * 1000 / calls,
                       "share": cum / total if total else 0.0})
    heavy = sorted(table.items(), key=lambda kv: kv[1][2], reverse=True)[:15]
    functions = [{"function": f"{_short(f)}:{line}({name})", "calls": nc,
                  "self_ms_per_query": tt * 1000 / calls, "cum_ms_per_query": ct * 1000 / calls}
                 for (f, line, name), (_, nc, tt, ct, _) in heavy]
    return {"queries": calls, "ms_per_query": total * 1000 / calls, "stages": stages,
            "functions": functions}


def _short(path: str) -> str:
    for marker in ("site-packages/", "/work/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path
