"""Small measuring helpers: percentiles, medians over rounds, resident memory of processes."""
from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import parse_qsl

from werkzeug.datastructures import MultiDict

QUERIES = Path(__file__).with_name("queries.txt")


def load_queries(path: Path = QUERIES) -> list[tuple[str, str]]:
    """Return (class, query string) for each query line; the class is the section's first word."""
    queries, cls = [], "term"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("# ---"):
            cls = line[5:].strip().split(":")[0]
        elif line and not line.startswith("#"):
            queries.append((cls, line))
    return queries


def query_args(line: str) -> MultiDict:
    """Return a query string's arguments as Flask would see them."""
    return MultiDict(parse_qsl(line, keep_blank_values=True))


def percentile(values: Sequence[float], pct: float) -> float:
    """Return the pct-th percentile (nearest rank, interpolated) of values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def spread(values: Sequence[float]) -> dict:
    """Return the median, min and max of one figure measured over rounds."""
    values = [v for v in values if v == v]  # drop NaN
    if not values:
        return {"median": float("nan"), "min": float("nan"), "max": float("nan"), "n": 0}
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values)}


def rss_mb(pid: int) -> float:
    """Return a process's resident memory in MB (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user and system) a process has used, in seconds (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """Return the pids of a process's direct children."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def tree(pid: int) -> list[int]:
    """Return a process and all its descendants."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children(p))
    return found


class TreeRss:
    """Sample the summed RSS of a process tree in a thread; keep the peak."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        self.pid, self.every, self.peak = pid, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(rss_mb(p) for p in tree(self.pid)))
            self._stop.wait(self.every)

    def stop(self) -> float:
        """Stop sampling; return the peak in MB."""
        self._stop.set()
        self._thread.join()
        return self.peak


def run_measured(cmd: list[str], env: dict | None = None, timeout: float = 3600) -> dict:
    """Run a command; return its wall seconds, exit status, output and peak tree RSS."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    sampler = TreeRss(proc.pid)
    out, _ = proc.communicate(timeout=timeout)
    peak = sampler.stop()
    return {"seconds": time.perf_counter() - started, "status": proc.returncode,
            "stdout": out, "peak_rss_mb": peak}


def dir_mb(path: Path) -> float:
    """Return the size of a folder's files in MB."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6
