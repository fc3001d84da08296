"""Start gunicorn on the app factory with the repository's config."""
from __future__ import annotations

import os
import sys


def serve(host: str, port: int, index: str, seeds: str) -> int:
    """Replace this process with gunicorn serving `web:create_app()`."""
    os.environ["ARCHIVE_SEARCH_INDEX"] = index
    os.environ["ARCHIVE_SEARCH_SEEDS"] = seeds
    argv = [sys.executable, "-m", "gunicorn", "-c", "python:web.gunicorn_conf",
            "--bind", f"{host}:{port}", "web:create_app()"]
    os.execv(sys.executable, argv)
    return 0  # not reached
