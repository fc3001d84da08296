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
    out["rss_after_mb"] = spread([max(r["rss_after_mb"] or [math.nan]) for r in runs])
    out["rss_baseline_mb"] = spread([max(r["rss_baseline_mb"] or [math.nan]) for r in runs])
    out["errors"] = sum(r["errors"] for r in runs)
    out["runs"] = len(runs)
    return out


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
        "http": http(size["http"]) if size.get("http") else None,
        "http_cached": http(size["http_cached"]) if size.get("http_cached") else None,
        "freshness_s": spread(size["freshness"]),
    }


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
    """Return (target, measured, as a ratio or figure, met) for the issue's targets."""
    s50, s95 = f["search"]["p50"]["median"], f["search"]["p95"]["median"]
    f50, f95 = f["fts5"]["p50"]["median"], f["fts5"]["p95"]["median"]
    d50, fd50 = f["search_date"]["p50"]["median"], f["fts5_date"]["p50"]["median"]
    n50 = f["naive"]["p50"]["median"]
    separate = f.get("naive_separate")
    ns50 = separate["p50"]["median"] if separate else math.nan
    h = f["http"] or {}
    rps = h.get("requests_per_s", {}).get("median", math.nan)
    p99 = h.get("p99_ms", {}).get("median", math.nan)
    growth = h.get("rss_growth_mb", {}).get("median", math.nan)
    fresh = f["freshness_s"]["median"]
    return [
        ("/search p50 <= 2x FTS5", f"{s50:.1f} ms vs {f50:.1f} ms", f"{ratio(s50, f50):.1f}x",
         ratio(s50, f50) <= 2),
        ("/search p95 <= 3x FTS5", f"{s95:.1f} ms vs {f95:.1f} ms", f"{ratio(s95, f95):.1f}x",
         ratio(s95, f95) <= 3),
        ("date-filtered p50 <= 2x FTS5", f"{d50:.1f} ms vs {fd50:.1f} ms",
         f"{ratio(d50, fd50):.1f}x", ratio(d50, fd50) <= 2),
        (">= 10x faster than Whoosh opened per request (p50; Whoosh's default compound "
         "segments)", f"{n50:.1f} ms vs {s50:.1f} ms; on this index's separate-file segments "
         f"{ns50:.1f} ms, {ratio(ns50, s50):.1f}x", f"{ratio(n50, s50):.1f}x",
         ratio(n50, s50) >= 10),
        ("HTTP >= 200 requests/s at 8 clients", f"{rps:.0f} req/s", "", rps >= 200),
        ("HTTP p99 <= 100 ms at 8 clients", f"{p99:.0f} ms", "", p99 <= 100),
        ("each worker <= 100 MB above its baseline", f"+{growth:.0f} MB", "", growth <= 100),
        ("indexing >= 600 docs/s end to end", _indexing_rate(f), "", f["docs_per_s"] >= 600),
        ("a dropped file searchable in <= 5 s", f"{fresh:.2f} s", "", fresh <= 5),
    ]
