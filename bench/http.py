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

from bench.measure import children, load_queries, rss_mb

CLIENTS = 8
THREADS = 2
# wrk: send the query set in turn (each wrk thread starts at its own offset), report as JSON.
LUA = """
local paths = {%s}
local i = 0
function setup(thread) thread:set("offset", i * 7); i = i + 1 end
function init(args) n = offset end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
function done(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p90_us": %%d, '
    .. '"p99_us": %%d, "max_us": %%d, "errors_status": %%d, "errors_other": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout))
end
"""


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


def load_test(index: Path, seconds: float, work: Path, cached: bool = False) -> dict:
    """Serve `index` with gunicorn, warm it, run wrk; return req/s, latency and worker RSS.

    Without `cached`, the workers' answer cache is off, so every request is searched; with it,
    the warm-up fills the cache and wrk measures answers given again (the query list repeats).
    """
    wrk = ensure_wrk()
    port = free_port()
    paths = ["/search?" + line for _, line in load_queries()]
    script = work / "rotate.lua"
    script.write_text(LUA % ", ".join(json.dumps(p) for p in paths))
    env = {**os.environ, "ARCHIVE_SEARCH_INDEX": str(index), "PYTHONPATH": str(Path.cwd()),
           "ARCHIVE_SEARCH_RESULT_CACHE": "256" if cached else "0"}
    proc = subprocess.Popen(procfile_command(port), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_ready(port, proc)
        workers = children(proc.pid)
        baseline = {pid: rss_mb(pid) for pid in workers}
        for path in paths * 2:  # warm both workers: open the index, read columns
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()
            except urllib.error.HTTPError as exc:  # a refused query still warms the worker
                if exc.code >= 500:
                    raise
        out = subprocess.run([wrk, f"-t{THREADS}", f"-c{CLIENTS}", f"-d{int(seconds)}s",
                              "--timeout", "10s", "-s", str(script),
                              f"http://127.0.0.1:{port}"],
                             capture_output=True, text=True, timeout=seconds + 60).stdout
        after = {pid: rss_mb(pid) for pid in children(proc.pid)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    stats = json.loads(next(l for l in out.splitlines() if l.startswith("WRK_JSON"))[9:])
    return {
        "requests_per_s": stats["requests"] / (stats["duration_us"] / 1e6),
        "p50_ms": stats["p50_us"] / 1000, "p90_ms": stats["p90_us"] / 1000,
        "p99_ms": stats["p99_us"] / 1000, "max_ms": stats["max_us"] / 1000,
        "requests": stats["requests"], "errors": stats["errors_status"] + stats["errors_other"],
        "workers": len(after), "rss_baseline_mb": sorted(baseline.values()),
        "rss_after_mb": sorted(after.values()),
        "rss_growth_mb": max((after[p] - baseline[p] for p in after if p in baseline),
                             default=float("nan")),
    }
