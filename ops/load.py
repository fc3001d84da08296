"""Load under hostile traffic: wrk against gunicorn while the archive is re-indexed.

    make load                      # or: python -m ops.load --docs 20000 --seconds 120

Builds an index of the benchmark's archive (`bench.archive`: 20 Newsgroups, Reuters-21578, BBC
News and the twisted-web pipermail pages, in proportion), starts gunicorn with
web/gunicorn_conf.py on 127.0.0.1 only, and runs wrk for a bounded time with a Lua script that sends 95% normal and 5% adversarial queries, while a loop appends to archive files and
runs `archive-search index`. Reports the normal-query p95 (from gunicorn's access log, which
times each request; wrk's client-side percentiles over all requests beside it), errors (any
non-2xx answer to a normal query, any 5xx or socket error at all) and worker restarts (from
gunicorn's log). Targets: normal p95 <= 300 ms, 0 errors, 0 restarts.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote_plus

from bench import archive

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NORMAL = ["space shuttle", "nasa orbit", '"hard drive"', "encryption key", "hockey playoffs",
          "israel", "windows", "government tax", "economy growth", "election labour",
          "music album", "film award", "bank shares", "god belief", "car engine", "gun control",
          "twisted web", "football", "oil prices", "graphics card", "doctor patients",
          "title:market", "author:smith", "medicine", "motorcycle", "baseball pitcher",
          "internet", "court ruling", "sale offer", "microsoft software"]
NORMAL_EXTRA = ["", "&sort=-date", "&page=2", "&per_page=20", "&sort=date"]
ADVERSARIAL = ["*a*", "*", "*ing", "r\".*a.*\"", "ba~2", "word~3", "a*",
               " OR ".join(["the", "of", "and", "to", "in", "is", "that", "for", "it", "on"] * 5),
               "(" * 1000 + "a" + ")" * 1000, "x" * 3000, "date:[0001 to 9999]",
               "title:*e* body:*a*", '"a b c d e f g h i j k"~100']
ADVERSARIAL_EXTRA = ["", "&page=100000", "&per_page=100000"]
LUA = HERE / "load.lua"


def make_archive(shared: Path, docs: int, work: Path, seeds: Path) -> None:
    """Copy the benchmark's archive of about `docs` files to a fresh folder (the run edits it)."""
    built = archive.build(shared, docs, work / "archive")
    shutil.rmtree(seeds, ignore_errors=True)
    shutil.copytree(built, seeds, ignore=shutil.ignore_patterns(".complete"))


def index_cmd(seeds: Path, index: Path) -> list[str]:
    """Return the command that updates the index."""
    return [sys.executable, "-m", "search", "index", "--seeds", str(seeds), "--index", str(index),
            "--wait"]


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(index: Path, port: int, log: Path, cache: bool) -> subprocess.Popen:
    """Start gunicorn on 127.0.0.1 with the repository's config; wait until it answers."""
    env = {**os.environ, "ARCHIVE_SEARCH_INDEX": str(index), "PYTHONPATH": str(ROOT)}
    if not cache:
        env["ARCHIVE_SEARCH_RESULT_CACHE"] = "0"
    # %(D)s: the request's time in microseconds, to tell normal from adversarial latency.
    argv = [sys.executable, "-m", "gunicorn", "-c", "python:web.gunicorn_conf",
            "--bind", f"127.0.0.1:{port}", "--access-logformat", '%(s)s %(D)s "%(U)s?%(q)s"',
            "web:create_app()"]
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"gunicorn did not start; see {log}")


def warm_up(port: int, workers: int, timeout: float = 120) -> None:
    """Wait until every worker answers a search quickly, so that wrk does not time start-up.

    A worker opens the index before it takes a request (1.3 s at 48k documents): started at
    once, wrk's first requests waited for that, the whole client-side p99 (1.3 s) of a run.
    As many searches as workers are sent at once until all come back within a second.
    """
    url = f"http://127.0.0.1:{port}/search?q=warm"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.monotonic()
        with ThreadPoolExecutor(workers) as pool:
            answered = list(pool.map(_answers, [url] * workers))
        if all(answered) and time.monotonic() - started < 1.0:
            return
    raise RuntimeError(f"gunicorn's workers did not answer within {timeout:g} s")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status == 200
    except urllib.error.HTTPError as exc:  # answered, but not with a page (503: no index yet)
        exc.close()
        return False
    except OSError:  # not listening yet
        return False


def reindex_loop(seeds: Path, index: Path, stop: threading.Event, log: Path) -> list[float]:
    """Append to and touch archive files and re-index, until `stop`; return each run's seconds."""
    files = sorted(p for p in seeds.rglob("*") if p.is_file())
    runs: list[float] = []
    rng = random.Random(7)
    with log.open("a") as out:
        while not stop.is_set():
            for path in rng.sample(files, min(5, len(files))):
                with path.open("a", encoding="utf-8") as f:
                    f.write(f"\nAppended during the load run at {time.time():.3f}.\n")
            os.utime(rng.choice(files))
            started = time.monotonic()
            subprocess.run(index_cmd(seeds, index), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
            runs.append(time.monotonic() - started)
            stop.wait(2)
    return runs


def write_paths(path: Path) -> None:
    """Write the request paths the Lua script rotates: 19 normal, then 1 adversarial, and so on."""
    rng = random.Random(11)
    normal = [f"/search?q={quote_plus(q)}{x}" for q in NORMAL for x in NORMAL_EXTRA]
    normal += [f"/?q={quote_plus(q)}" for q in NORMAL]
    adversarial = [f"/search?q={quote_plus(q)}{x}" for q in ADVERSARIAL for x in ADVERSARIAL_EXTRA]
    rng.shuffle(normal)
    rng.shuffle(adversarial)
    lines = []
    for i in range(max(len(normal), 20 * len(adversarial))):
        lines.append(("A " + adversarial[(i // 20) % len(adversarial)]) if i % 20 == 19
                     else ("N " + normal[i % len(normal)]))
    path.write_text("\n".join(lines) + "\n")


def run_wrk(port: int, seconds: int, connections: int, paths: Path) -> dict:
    """Run wrk with the rotating script; return its JSON summary."""
    env = {**os.environ, "LOAD_PATHS": str(paths)}
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
            "-s", str(LUA), f"http://127.0.0.1:{port}"]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=seconds + 120)
    match = re.search(r"^JSON (\{.*\})$", out.stdout, re.M)
    if not match:
        raise RuntimeError(f"wrk gave no summary:\n{out.stdout}\n{out.stderr}")
    summary = json.loads(match.group(1))
    summary["text"] = out.stdout
    return summary


def read_access_log(log: Path, adversarial: set[str]) -> dict:
    """Return per-kind latencies (ms) and statuses from gunicorn's access log lines."""
    kinds: dict[str, dict] = {k: {"ms": [], "status": {}} for k in ("normal", "adversarial")}
    line_re = re.compile(r'^(\d{3}) (\d+) "([^"]*)"$')
    for line in log.read_text(errors="replace").splitlines():
        m = line_re.match(line.strip())
        if not m:
            continue
        status, micros, target = m.group(1), int(m.group(2)), m.group(3).rstrip("?")
        kind = "adversarial" if target in adversarial else "normal"
        kinds[kind]["ms"].append(micros / 1000)
        kinds[kind]["status"][status] = kinds[kind]["status"].get(status, 0) + 1
    return kinds


def percentile(values: list[float], p: float) -> float:
    """Return the p-th percentile (nearest rank) of the values, 0 when there are none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def worker_events(log: Path) -> dict:
    """Count worker timeouts, crashes and recycles in gunicorn's log."""
    text = log.read_text(errors="replace")
    return {"booted": text.count("Booting worker"), "timeouts": text.count("WORKER TIMEOUT"),
            "exited": len(re.findall(r"Worker \(pid:\d+\) (?:exited|was sent SIGKILL)", text)),
            "recycled": text.count("Autorestarting worker")}


def report(args, docs: int, index_seconds: float, wrk: dict, kinds: dict, events: dict,
           reindex_runs: list[float]) -> dict:
    """Return the results, with the verdict against the targets."""
    normal, adv = kinds["normal"], kinds["adversarial"]
    normal_bad = sum(n for s, n in normal["status"].items() if not s.startswith("2"))
    adv_5xx = {s: n for s, n in adv["status"].items() if s.startswith("5")}
    adv_other = {s: n for s, n in adv["status"].items() if s[0] not in "25" and s != "400"}
    socket_errors = sum(wrk["socket_errors"].values())
    # A killed worker is logged as a timeout or an exit, and its replacement boots: count once.
    restarts = max(events["timeouts"] + events["exited"],
                   events["booted"] - args.workers - events["recycled"], 0)
    result = {
        "documents": docs, "index_seconds": round(index_seconds, 1),
        "answer_cache": not args.no_cache, "reindexing": not args.no_reindex,
        "wrk": {k: v for k, v in wrk.items() if k != "text"},
        "normal": {"requests": len(normal["ms"]), "p50_ms": round(percentile(normal["ms"], 50), 1),
                   "p95_ms": round(percentile(normal["ms"], 95), 1),
                   "p99_ms": round(percentile(normal["ms"], 99), 1), "status": normal["status"]},
        "adversarial": {"requests": len(adv["ms"]), "p95_ms": round(percentile(adv["ms"], 95), 1),
                        "max_ms": round(max(adv["ms"], default=0), 1), "status": adv["status"]},
        "errors": normal_bad + sum(adv_5xx.values()) + sum(adv_other.values()) + socket_errors,
        "worker_events": events, "restarts": restarts,
        "reindex_runs": len(reindex_runs),
        "reindex_seconds_median": round(sorted(reindex_runs)[len(reindex_runs) // 2], 1)
        if reindex_runs else None,
    }
    result["meets_targets"] = (result["normal"]["p95_ms"] <= 300 and result["errors"] == 0
                               and restarts == 0)
    return result


def main(argv: list[str] | None = None) -> int:
    """Build, serve, load and report; return 0 when the targets are met."""
    parser = argparse.ArgumentParser(prog="python -m ops.load", description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=50000,
                        help="archive files to index (the benchmark's mix; 50,000 take about "
                             "10 minutes on 2 cores)")
    parser.add_argument("--seconds", type=int, default=120, help="how long wrk runs")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--work", type=Path, default=Path("var/load"))
    parser.add_argument("--reuse", action="store_true", help="keep an index already built")
    parser.add_argument("--no-reindex", action="store_true",
                        help="no re-indexing during the run (to tell its cost apart)")
    parser.add_argument("--no-cache", action="store_true",
                        help="turn the workers' answer cache off: every request is searched")
    args = parser.parse_args(argv)
    work = args.work.resolve()
    seeds, index, logs = work / "seeds", work / "index", work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    if not (args.reuse and index.exists()):
        make_archive(args.shared, args.docs, work, seeds)
        shutil.rmtree(index, ignore_errors=True)
        print(f"indexing {args.docs} files into {index}", flush=True)
        subprocess.run(index_cmd(seeds, index), cwd=ROOT, check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    index_seconds = time.monotonic() - started
    os.environ["ARCHIVE_SEARCH_WORKERS"] = str(args.workers)
    port = free_port()
    paths = logs / "paths.txt"
    write_paths(paths)
    adversarial = {line[2:] for line in paths.read_text().splitlines() if line.startswith("A ")}
    server_log = logs / "gunicorn.log"
    server = start_gunicorn(index, port, server_log, cache=not args.no_cache)
    warm_up(port, args.workers)
    stop = threading.Event()
    runs: list[float] = []
    reindexer = threading.Thread(target=lambda: runs.extend(
        reindex_loop(seeds, index, stop, logs / "reindex.log")), daemon=True)
    try:
        if not args.no_reindex:
            reindexer.start()
        print(f"wrk for {args.seconds}s at {args.connections} connections on 127.0.0.1:{port}",
              flush=True)
        wrk = run_wrk(port, args.seconds, args.connections, paths)
    finally:
        stop.set()
        if reindexer.is_alive():
            reindexer.join(timeout=600)
        events = worker_events(server_log)  # before the shutdown, whose exits are expected
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    docs = json.loads(next(index.glob("build-*/meta.json")).read_text()).get("documents", 0) \
        if list(index.glob("build-*/meta.json")) else 0
    result = report(args, docs, index_seconds, wrk, read_access_log(server_log, adversarial),
                    events, runs)
    (logs / "result.json").write_text(json.dumps(result, indent=1))
    print(wrk["text"])
    print(json.dumps(result, indent=1))
    return 0 if result["meets_targets"] else 1


if __name__ == "__main__":
    sys.exit(main())
