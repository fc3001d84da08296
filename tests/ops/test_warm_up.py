"""`make load` starts timing only once every gunicorn worker answers."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ops.load import warm_up


def serve(statuses: list[int]):
    """Serve the given statuses in turn (the last one from then on); return (server, seen)."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            status = statuses[min(len(seen), len(statuses)) - 1]
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, seen


def test_waits_until_every_worker_answers():
    server, seen = serve([503, 503, 503, 200])
    try:
        warm_up(server.server_address[1], workers=2)
    finally:
        server.shutdown()
        server.server_close()
    assert len(seen) >= 4 and all(p.startswith("/search?q=") for p in seen)


def test_gives_up_when_no_worker_answers():
    server, _ = serve([503])
    try:
        with pytest.raises(RuntimeError, match="did not answer"):
            warm_up(server.server_address[1], workers=2, timeout=0.2)
    finally:
        server.shutdown()
        server.server_close()
