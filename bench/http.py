"""HTTP: gunicorn started as the Procfile starts it, loaded by wrk on 127.0.0.1 for a bounded time."""
from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.measure import children, cpu_seconds, rss_mb

CLIENTS = 8
THREADS = 2
# wrk: each thread sends its own share of a file of request paths in turn (bench/rotate.lua),
# counting the answers the server's cache gave; it reports as JSON.
ROTATE = Path(__file__).with_name("rotate.lua")


def procfile_command(port: int, procfile: Path = Path("Procfile")) -> list[str]:
    """Return the Procfile's web command for `port`, run with this Python's gunicorn."""
    line = next(l for l in procfile.read_text().splitlines() if l.startswith("web:"))
    cmd = shlex.split(line[4:].replace("${PORT:-8000}", str(port)))
    if cmd[0] == "gunicorn":
        cmd = [sys.executable, "-m", "gunicorn"] + cmd[1:]
    return cmd


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_wrk() -> str:
    """Return the path of wrk, installing it with apt-get when it is missing."""
    found = shutil.which("wrk")
    if not found:
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    return found


def _wait_ready(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz in time")


def write_paths(queries: list[tuple[str, str]], path: Path) -> Path:
    """Write one `/search?...` request path a line, for wrk to send in turn."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"/search?{line}\n" for _, line in queries), encoding="utf-8")
    return path


def serve_command(port: int, fts5_db: Path | None = None) -> tuple[list[str], dict]:
    """Return the command and environment of a server: ours as the Procfile starts it, or the
    FTS5 reference app under the same gunicorn settings."""
    cmd = procfile_command(port)
    env = {"PYTHONPATH": str(Path.cwd())}
    if fts5_db is not None:
        cmd[-1] = "bench.fts5_service:create_app()"
        env["BENCH_FTS5_DB"] = str(fts5_db)
    return cmd, env


def load_test(index: Path, seconds: float, work: Path, paths: Path, warmup: list[str],
              fts5_db: Path | None = None) -> dict:
    """Serve `index` (or the FTS5 database) with gunicorn, warm it, run wrk over `paths`.

    The answer cache is on as deployed; `warmup` paths (not in `paths`) open the index in both
    workers first. Returns req/s, latency, worker RSS, how many answers the cache gave, and
    whether wrk sent more paths than the file holds (`repeated`).
    """
    wrk = ensure_wrk()
    port = free_port()
    cmd, extra = serve_command(port, fts5_db)
    env = {**os.environ, "ARCHIVE_SEARCH_INDEX": str(index), **extra}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_ready(port, proc)
        workers = children(proc.pid)
        baseline = {pid: rss_mb(pid) for pid in workers}
        for path in warmup:  # warm both workers: open the index, read columns
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()
            except urllib.error.HTTPError as exc:  # a refused query still warms the worker
                if exc.code >= 500:
                    raise
        # The workers' CPU time a request: on a shared machine, wall-clock rates move with the
        # other work, the CPU a request costs much less (ours and FTS5's, 10.3 and 7.0 ms, in
        # a run whose rates were 33 and 51 req/s, and 34 and 30 in the next).
        cpu_before = sum(cpu_seconds(pid) for pid in workers)
        run_env = {**os.environ, "BENCH_PATHS": str(paths), "BENCH_THREADS": str(THREADS)}
        out = subprocess.run([wrk, f"-t{THREADS}", f"-c{CLIENTS}", f"-d{int(seconds)}s",
                              "--timeout", "10s", "-s", str(ROTATE),
                              f"http://127.0.0.1:{port}"],
                             capture_output=True, text=True, timeout=seconds + 60,
                             env=run_env).stdout
        cpu_used = sum(cpu_seconds(pid) for pid in workers) - cpu_before
        after = {pid: rss_mb(pid) for pid in children(proc.pid)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    found = [l for l in out.splitlines() if l.startswith("WRK_JSON")]
    if not found:
        raise RuntimeError(f"wrk gave no figures: {out[-2000:]}")
    stats = json.loads(found[0][9:])
    return {
        "requests_per_s": stats["requests"] / (stats["duration_us"] / 1e6),
        "p50_ms": stats["p50_us"] / 1000, "p90_ms": stats["p90_us"] / 1000,
        "p99_ms": stats["p99_us"] / 1000, "max_ms": stats["max_us"] / 1000,
        "requests": stats["requests"], "errors": stats["errors_status"] + stats["errors_other"],
        "cpu_ms_per_request": cpu_used * 1000 / max(1, stats["requests"]),
        "cache_hits": stats["cache_hits"], "cache_misses": stats["cache_misses"],
        "paths": stats["paths"], "repeated": stats["most_by_a_thread"] > stats["share"],
        "workers": len(after), "rss_baseline_mb": sorted(baseline.values()),
        "rss_after_mb": sorted(after.values()),
        "rss_growth_mb": max((after[p] - baseline[p] for p in after if p in baseline),
                             default=float("nan")),
    }
