"""A query's CPU on the /search code path, by class, old code against new: same answers or not.

    python -m bench.querycost build --shared ../shared --out /tmp/qc     # the 20k Usenet index
    python -m bench.querycost log --out /tmp/qc                          # its query log (seed 21)
    python -m bench.querycost run --out /tmp/qc --answers a.jsonl        # CPU, answers written
    python -m bench.querycost run --out /tmp/qc --answers b.jsonl --same-as a.jsonl

Each query of the log is searched once (after a warm-up slice of its own), the answer cache off,
and the CPU time (`time.process_time`) of `engine.search` plus its JSON is kept, as
`bench.latency.search_path` runs it. The answers are written without `took_ms`, `timing` and
`cached`, one JSON line a query, so two runs (the code before a change and after) can be compared
byte for byte: a speed change must not change one.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import archive, querylog
from bench.measure import percentile, query_args
from search import BadQuery
from web import create_app
from web.params import search_request

WARMUP = 200
TIMED = 1500
VOLATILE = ("took_ms", "timing", "cached")


def build(shared: Path, out: Path) -> Path:
    """Write every 20 Newsgroups post under `out`/seeds and index them; return the index."""
    seeds, index = out / "seeds", out / "index"
    if not (seeds / ".complete").exists():
        shutil.rmtree(seeds, ignore_errors=True)
        for item in archive.usenet(archive.unpack(shared)):
            path = seeds / item.rel
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item.source, path)
        (seeds / ".complete").write_text("done\n", encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "search", "index", "--seeds", str(seeds),
                    "--index", str(index), "--rebuild"], check=True,
                   env={**os.environ, "PYTHONPATH": str(Path.cwd())})
    print(f"indexed in {time.perf_counter() - started:.0f} s")
    return index


def make_log(out: Path, count: int) -> Path:
    """Draw `count` distinct queries from the index (querylog's seed); return the log's path."""
    queries = querylog.generate(querylog.Source.from_index(out / "index"), count)
    path = out / "querylog.tsv"
    querylog.write(queries, path)
    return path


def run(out: Path, answers: Path, same_as: Path | None, classes: set[str] | None) -> dict:
    """Search the log once; write the answers; return CPU ms a query by class."""
    log = querylog.read(out / "querylog.tsv")
    warm, timed = log[:WARMUP], log[WARMUP:WARMUP + TIMED]
    if classes:
        timed = [(cls, line) for cls, line in timed if cls in classes]
    app = create_app({"INDEX": str(out / "index"), "RESULT_CACHE": 0})
    engine = app.extensions["archive_search"]
    for _, line in warm:
        _answer(engine, line)
    cpu: dict[str, list[float]] = {}
    lines = []
    for cls, line in timed:
        t0 = time.process_time()
        result = _answer(engine, line)
        cpu.setdefault(cls, []).append((time.process_time() - t0) * 1000)
        lines.append(json.dumps(result, sort_keys=True, default=str))
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    every = [ms for values in cpu.values() for ms in values]
    table = {cls: (len(v), statistics.fmean(v)) for cls, v in sorted(cpu.items())}
    table["all"] = (len(every), statistics.fmean(every))
    for cls, (n, mean) in table.items():
        print(f"{cls:12} {n:5} {mean:7.2f}")
    print(f"p50 {percentile(every, 50):.2f} p95 {percentile(every, 95):.2f}")
    if same_as is not None:
        old = same_as.read_text(encoding="utf-8").splitlines()
        differ = [i for i, (a, b) in enumerate(zip(old, lines)) if a != b]
        print(f"answers: {len(lines) - len(differ)} of {len(lines)} identical"
              + (f"; first different: {timed[differ[0]][1]}" if differ else ""))
    return table


def _answer(engine, line: str):
    try:
        result = engine.search(search_request(query_args(line)))
        json.dumps(result)  # what jsonify does to it
    except BadQuery as exc:
        return {"error": str(exc)}
    return {k: v for k, v in result.items() if k not in VOLATILE}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("action", choices=("build", "log", "run"))
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path(".cache/querycost"))
    parser.add_argument("--count", type=int, default=WARMUP + TIMED)
    parser.add_argument("--answers", type=Path)
    parser.add_argument("--same-as", type=Path)
    parser.add_argument("--classes", help="comma-separated classes of the log to time")
    args = parser.parse_args(argv)
    if args.action == "build":
        build(args.shared, args.out)
    elif args.action == "log":
        print(make_log(args.out, args.count))
    else:
        run(args.out, args.answers or args.out / "answers.jsonl", args.same_as,
            set(args.classes.split(",")) if args.classes else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
