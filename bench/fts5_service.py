"""The FTS5 reference as a service: a small WSGI app answering `/search` from SQLite FTS5.

What a small site over SQLite would run (Datasette's kind of app): one connection per worker,
bm25 top 10 with a snippet, the total and outlet and month counts, as JSON. gunicorn serves it
with the project's own settings, so requests/s are compared like for like.

    BENCH_FTS5_DB=fts5.db gunicorn -c python:web.gunicorn_conf 'bench.fts5_service:create_app()'
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from bench.fts5 import Fts5
from search.errors import BadQuery

StartResponse = Callable[[str, list[tuple[str, str]]], object]


def create_app(db: Path | None = None) -> Callable[[dict, StartResponse], Iterable[bytes]]:
    """Return the WSGI app over the FTS5 database `db` (default: $BENCH_FTS5_DB)."""
    path = Path(db or os.environ["BENCH_FTS5_DB"])
    if not path.is_file():
        raise FileNotFoundError(f"no FTS5 database at {path}")
    engines: list[Fts5] = []  # opened in the worker on its first request, not in the master

    def app(environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        route = environ.get("PATH_INFO", "")
        if route == "/healthz":
            return _send(start_response, "200 OK", {"status": "ok"})
        if route != "/search":
            return _send(start_response, "404 Not Found", {"error": "not_found"})
        if not engines:
            engines.append(Fts5(path))
        try:
            answer = engines[0].answer(environ.get("QUERY_STRING", ""))
        except (BadQuery, sqlite3.Error) as exc:  # FTS5 refuses some syntax: a 400, as ours
            return _send(start_response, "400 Bad Request", {"error": str(exc)})
        return _send(start_response, "200 OK", answer)

    def close() -> None:
        """Close the worker's database (gunicorn's exit closes it; a test calls this)."""
        while engines:
            engines.pop().close()

    app.close = close
    return app


def _send(start_response: StartResponse, status: str, body: dict) -> list[bytes]:
    data = json.dumps(body).encode("utf-8")
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(data)))])
    return [data]
