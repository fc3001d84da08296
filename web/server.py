"""Start gunicorn on the app factory with the repository's config, and the watcher beside it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys


def gunicorn_argv(host: str, port: int) -> list[str]:
    """Return the command that serves `web:create_app()` under the repository's gunicorn config."""
    return [sys.executable, "-m", "gunicorn", "-c", "python:web.gunicorn_conf",
            "--bind", f"{host}:{port}", "web:create_app()"]


def watcher_argv(seeds: str, index: str) -> list[str]:
    """Return the command that follows the archive folder into the index."""
    return [sys.executable, "-m", "search", "watch", "--seeds", seeds, "--index", index]


def serve(host: str, port: int, index: str, seeds: str | None = None) -> int:
    """Serve the index; given `seeds`, follow that folder too (as `make run` does).

    Without `seeds` this process becomes gunicorn. With it, gunicorn and the watcher run as two
    children, and stopping this process (Ctrl-C, SIGTERM) stops both.
    """
    os.environ["ARCHIVE_SEARCH_INDEX"] = index
    if seeds is None:
        argv = gunicorn_argv(host, port)
        os.execv(argv[0], argv)
    os.environ["ARCHIVE_SEARCH_SEEDS"] = seeds
    return run_together(gunicorn_argv(host, port), watcher_argv(seeds, index))


def run_together(server: list[str], watcher: list[str]) -> int:
    """Run the server and the watcher until the server ends or this process is stopped; return
    the server's exit status. The watcher ends with the server (SIGTERM: it finishes its run)."""
    before = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    follow = subprocess.Popen(watcher)
    served = None
    try:
        served = subprocess.Popen(server)
        return served.wait()
    finally:
        for child in (served, follow):
            if child is not None and child.poll() is None:
                child.terminate()
                child.wait()
        signal.signal(signal.SIGTERM, before)
