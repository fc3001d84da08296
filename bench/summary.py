"""Reduce raw results to the report's figures: medians and spread over rounds, ratios, targets."""
from __future__ import annotations

import math
import statistics

from bench.measure import percentile, spread

DATE_CLASSES = ("date", "datequery")


def latency(lat: dict, classes: tuple[str, ...] | None = None) -> dict:
    """Return {"p50": spread, "p95": spread} over rounds, for all queries or some classes."""
    p50s, p95s = [], []
    for rnd in lat["rounds"]:
        ms = rnd["ms"] if classes is None else [
            v for c in classes for v in rnd["by_class"].get(c, [])]
        p50s.append(percentile(ms, 50))
        p95s.append(percentile(ms, 95))
    return {"p50": spread(p50s), "p95": spread(p95s)}


def http(runs: list[dict]) -> dict:
    """Return spreads of the wrk figures over runs."""
    keys = ("requests_per_s", "p50_ms", "p99_ms", "rss_growth_mb")
    out = {k: spread([r[k] for r in runs]) for k in keys}
    out["cpu_ms_per_request"] = spread([r.get("cpu_ms_per_request", math.nan) for r in runs])
    out["rss_after_mb"] = spread([max(r["rss_after_mb"] or [math.nan]) for r in runs])
    out["rss_baseline_mb"] = spread([max(r["rss_baseline_mb"] or [math.nan]) for r in runs])
    out["errors"] = sum(r["errors"] for r in runs)
    out["runs"] = len(runs)
    # The answers the workers' caches gave, over all runs (runs before the count lack it).
    counted = [r for r in runs if "cache_hits" in r]
    out["cache_hits"] = sum(r["cache_hits"] for r in counted)
    out["cache_answers"] = sum(r["cache_hits"] + r["cache_misses"] for r in counted)
    out["paths"] = max((r.get("paths", 0) for r in runs), default=0)
    out["repeated"] = any(r.get("repeated") for r in runs)
    return out


def hit_rate(hits: int, answers: int) -> str:
    """Return a cache's hit rate as `12.3% (45 of 366)`, or `-` when nothing was counted."""
    if not answers:
        return "-"
    return f"{100 * hits / answers:.1f}% ({hits:,} of {answers:,})"


def index_figures(size: dict) -> dict:
    """Return the rebuild's figures: median rate and time over rounds, the highest memory."""
    builds = size.get("index_rounds") or [size["index"]]  # runs before rounds had one build
    rate = spread([b["docs_per_s"] for b in builds])
    return {
        "documents": size["index"]["documents"],
        "index_mb": size["index"]["index_mb"],
        "docs_per_s": rate["median"],
        "docs_per_s_spread": rate,
        "index_seconds": statistics.median(b["seconds"] for b in builds),
        "peak_tree_rss_mb": max(b["peak_tree_rss_mb"] for b in builds),
        "peak_process_rss_mb": max(b["peak_process_rss_mb"] for b in builds),
    }


def size_figures(size: dict) -> dict:
    """Return the headline figures of one archive size."""
    lat = size["latency"]
    return {
        "files": size["files"],
        **index_figures(size),
        "incremental_s": spread([r["seconds"] for r in size["incremental"]]),
        "fts5_docs_per_s": size["fts5_build"]["docs_per_s"],
        "fts5_db_mb": size["fts5_build"]["db_mb"],
        "search": latency(lat["search"]), "fts5": latency(lat["fts5"]),
        "naive": latency(lat["naive"]),
        # Runs before this reference was added have only the default-segment one.
        "naive_separate": latency(lat["naive_separate"]) if "naive_separate" in lat else None,
        "search_date": latency(lat["search"], DATE_CLASSES),
        "fts5_date": latency(lat["fts5"], DATE_CLASSES),
        "naive_date": latency(lat["naive"], DATE_CLASSES),
        "naive_separate_date": (latency(lat["naive_separate"], DATE_CLASSES)
                                if "naive_separate" in lat else None),
        "first_query_ms": lat["search"]["first_ms"],
        "search_q10": latency(lat["search"], ("question10",)),
        "fts5_q10": latency(lat["fts5"], ("question10",)),
        "cache": lat["search"].get("cache"),
        "refused": {key: len(lat[key]["errors"]) for key in ("search", "fts5")},
        "queries_timed": sum(len(r["ms"]) for r in lat["search"]["rounds"]),
        "query_log": size.get("query_log"),
        **_fixed(size.get("latency_fixed") or {}),
        "http": http(size["http"]) if size.get("http") else None,
        "http_fts5": http(size["http_fts5"]) if size.get("http_fts5") else None,
        "http_fixed": http(size["http_fixed"]) if size.get("http_fixed") else None,
        "http_cached": http(size["http_cached"]) if size.get("http_cached") else None,
        "freshness_s": spread(size["freshness"]),
    }


def _fixed(fixed: dict) -> dict:
    """Return the fixed list's figures (the old way: the same queries every round)."""
    if not fixed:
        return {"search_fixed": None, "fts5_fixed": None, "cache_fixed": None}
    return {"search_fixed": latency(fixed["search"]), "fts5_fixed": latency(fixed["fts5"]),
            "cache_fixed": fixed["search"].get("cache")}


def _indexing_rate(f: dict) -> str:
    rate = f["docs_per_s_spread"]
    if rate["n"] < 2:
        return f"{f['docs_per_s']:.0f} docs/s"
    return (f"{rate['median']:.0f} docs/s (median of {rate['n']} rebuilds, "
            f"{rate['min']:.0f}-{rate['max']:.0f})")


def ratio(a: float, b: float) -> float:
    """Return a / b, NaN when b is 0 or missing."""
    return a / b if b and b == b and a == a else math.nan


def targets(f: dict) -> list[tuple[str, str, str, bool]]:
    """Return (target, measured, as a ratio or figure, met) for issue 21's targets, then the
    standing ones of earlier issues (memory, freshness)."""
    s50, s95 = f["search"]["p50"]["median"], f["search"]["p95"]["median"]
    f50, f95 = f["fts5"]["p50"]["median"], f["fts5"]["p95"]["median"]
    q95 = (f.get("search_q10") or {}).get("p95", {}).get("median", math.nan)
    fq95 = (f.get("fts5_q10") or {}).get("p95", {}).get("median", math.nan)
    h = f["http"] or {}
    rps = h.get("requests_per_s", {}).get("median", math.nan)
    p99 = h.get("p99_ms", {}).get("median", math.nan)
    growth = h.get("rss_growth_mb", {}).get("median", math.nan)
    ref = (f.get("http_fts5") or {}).get("requests_per_s", {}).get("median", math.nan)
    cpu = h.get("cpu_ms_per_request", {}).get("median", math.nan)
    ref_cpu = (f.get("http_fts5") or {}).get("cpu_ms_per_request", {}).get("median", math.nan)
    fresh = f["freshness_s"]["median"]
    return [
        ("/search p50 <= 1.5x FTS5 (distinct queries)", f"{s50:.1f} ms vs {f50:.1f} ms",
         f"{ratio(s50, f50):.2f}x", ratio(s50, f50) <= 1.5),
        ("/search p95 <= 2x FTS5 (distinct queries)", f"{s95:.1f} ms vs {f95:.1f} ms",
         f"{ratio(s95, f95):.2f}x", ratio(s95, f95) <= 2),
        ("HTTP >= 250 requests/s at 8 clients (distinct queries)", f"{rps:.0f} req/s", "",
         rps >= 250),
        ("HTTP >= the FTS5 service's requests/s at 8 clients",
         f"{rps:.0f} vs {ref:.0f} req/s (workers' CPU a request {cpu:.1f} vs {ref_cpu:.1f} ms)",
         f"{ratio(rps, ref):.2f}x", ratio(rps, ref) >= 1),
        ("HTTP p99 <= 100 ms at 8 clients", f"{p99:.0f} ms", "", p99 <= 100),
        ("indexing >= 800 docs/s end to end (median of rounds)", _indexing_rate(f), "",
         f["docs_per_s"] >= 800),
        ("a 10-word question's p95 <= 50 ms", f"{q95:.1f} ms (FTS5 {fq95:.1f} ms)",
         f"{ratio(q95, fq95):.2f}x FTS5", q95 <= 50),
        ("each worker <= 100 MB above its baseline (standing)", f"+{growth:.0f} MB", "",
         growth <= 100),
        ("a dropped file searchable in <= 5 s (standing)", f"{fresh:.2f} s", "", fresh <= 5),
    ]
