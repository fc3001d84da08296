"""Headers, limits, the document view's id check, and no traceback in any answer."""
from __future__ import annotations

import gc
import importlib
import logging
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_DOCS
from search.index.indexer import build_from_documents
from web import create_app

PAGES = ["/", "/?q=cairo", "/help", "/doc/a1", "/search?q=cairo", "/doc/a1.json", "/healthz",
         "/nope", "/search?q=", "/static/style.css", "/static/app.js"]


class CountingInput:
    """A request body that counts what the app reads of it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read_bytes = 0

    def read(self, n: int = -1) -> bytes:
        n = self.size - self.read_bytes if n is None or n < 0 else n
        n = max(0, min(n, self.size - self.read_bytes))
        self.read_bytes += n
        return b"x" * n

    def readline(self, n: int = -1) -> bytes:
        return self.read(min(n, 1024) if n and n > 0 else 1024)

    def __iter__(self):
        return iter(lambda: self.read(65536), b"")


@pytest.mark.parametrize("url", PAGES)
def test_every_answer_carries_the_security_headers(client, url):
    response = client.get(url)
    response.close()  # static files are streamed from an open file
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert "'unsafe-inline'" not in directives.get("script-src", directives["default-src"])
    assert "'unsafe-eval'" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in ("same-origin", "no-referrer",
                                                   "strict-origin-when-cross-origin")
    assert "Server" not in response.headers or "Werkzeug" not in response.headers["Server"]


@pytest.mark.parametrize("url", ["/search?q=cairo", "/doc/a1.json", "/healthz", "/search?q=",
                                 "/doc/zz.json", "/search?q=x&page=y"])
def test_json_is_served_as_application_json(client, url):
    response = client.get(url)
    assert response.mimetype == "application/json"
    assert response.get_json() is not None


@pytest.mark.parametrize("name", ["style.css", "app.js"])
def test_static_files_are_cached(client, name):
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert "max-age=3600" in response.headers["Cache-Control"]
    response.close()


@pytest.mark.parametrize("method,url", [("POST", "/"), ("POST", "/search"), ("PUT", "/search"),
                                        ("POST", "/doc/a1"), ("POST", "/nope")])
def test_a_large_body_is_refused_without_being_read(app, method, url):
    body = CountingInput(50 * 1024 * 1024)
    response = app.test_client().open(url, method=method, environ_overrides={
        "wsgi.input": body, "CONTENT_LENGTH": str(body.size),
        "CONTENT_TYPE": "application/x-www-form-urlencoded"})
    assert response.status_code in (405, 413, 404)
    assert body.read_bytes <= app.config["MAX_CONTENT_LENGTH"]
    assert b"Traceback" not in response.data


def test_a_form_past_the_limit_is_413(app):
    @app.post("/echo-for-test")
    def echo():
        from flask import request
        return str(len(request.form))

    body = CountingInput(5 * 1024 * 1024)
    response = app.test_client().post("/echo-for-test", environ_overrides={
        "wsgi.input": body, "CONTENT_LENGTH": str(body.size),
        "CONTENT_TYPE": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert body.read_bytes <= app.config["MAX_CONTENT_LENGTH"]


@pytest.mark.parametrize("doc_id", [
    "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..%252f..%252fetc%252fpasswd", "%2fetc%2fpasswd", "/etc/passwd", "a1%00", "%00",
    "a1%00.json", "..%5c..%5cwindows", "a1/../a1", "C:%5cwindows", "a1;rm", "a1%20",
    "%c0%ae%c0%ae%2f", "a" * 65, "\u0661\u0662",  # Arabic-Indic digits are alnum but not ASCII
    "seeds", "a1.txt", "build-x",
])
@pytest.mark.parametrize("suffix", ["", ".json"])
def test_the_document_view_resolves_only_ids_in_the_index(client, doc_id, suffix):
    response = client.get(f"/doc/{doc_id}{suffix}")
    assert response.status_code == 404
    if suffix or response.mimetype == "application/json":
        assert response.get_json()["error"]["code"] == "not_found"
    else:
        assert response.mimetype == "text/html"
    assert b"root:" not in response.data and b"Traceback" not in response.data


def test_the_document_view_never_opens_a_file(client, monkeypatch):
    opened = []
    real_open = open

    def spy(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    client.get("/doc/a1")  # warm the searcher, which does read the index files
    monkeypatch.setattr("builtins.open", spy)
    for doc_id in ("..%2f..%2fetc%2fpasswd", "%2fetc%2fpasswd", "a1%00", "zz", "a1"):
        client.get(f"/doc/{doc_id}")
    assert not [p for p in opened if "passwd" in p or "seeds" in p]


def test_debug_is_off_even_when_the_environment_asks(monkeypatch, index_root):
    monkeypatch.setenv("ARCHIVE_SEARCH_DEBUG", "true")
    app = create_app({"INDEX": str(index_root)})
    try:
        assert app.debug is False and app.config["DEBUG"] is False
    finally:
        app.extensions["archive_search"].handle.close()


SECRET = "s3cr3t-in-an-exception"


@pytest.mark.parametrize("path", ["/boom", "/boom.json"])
def test_an_internal_error_answers_a_clean_500(app, path, caplog):
    def boom():
        raise RuntimeError(f"{SECRET} at /srv/archive/var/index")

    app.add_url_rule(path, f"boom{len(path)}", boom)
    response = app.test_client().get(path)
    assert response.status_code == 500
    for leak in (b"Traceback", SECRET.encode(), b"RuntimeError", b"/srv/archive", b".py"):
        assert leak not in response.data
    if path.endswith(".json"):
        assert response.get_json() == {"error": {
            "code": "internal_error",
            "message": "something went wrong on our side; the error has been logged"}}
    else:
        assert response.mimetype == "text/html"
    assert SECRET in caplog.text  # logged for the operator


# Whoosh's TOC.read leaves its file to the garbage collector when the TOC is corrupt.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_corrupt_index_answers_cleanly(tmp_path, monkeypatch):
    # A logged record would hold the traceback, and with it the file, past this test.
    monkeypatch.setattr(logging.getLogger("web.errors"), "disabled", True)
    root = tmp_path / "index"
    build_from_documents(root, FIXTURE_DOCS)
    build = root / (root / "CURRENT").read_text().strip()
    for toc in build.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\x80\x04garbage" * 10)
    app = create_app({"INDEX": str(root), "TESTING": True})
    client = app.test_client()
    for url in ("/search?q=cairo", "/?q=cairo", "/healthz", "/doc/a1", "/doc/a1.json"):
        response = client.get(url)
        assert response.status_code in (500, 503), url
        assert b"Traceback" not in response.data and b"garbage" not in response.data
        assert str(build).encode() not in response.data or response.status_code == 503
    app.extensions["archive_search"].handle.close()
    gc.collect()  # here, so that Whoosh's unclosed TOC file is reported against this test


def test_gunicorn_config_sets_limits_and_timeouts():
    conf = importlib.import_module("web.gunicorn_conf")
    assert conf.bind.startswith("127.0.0.1:")
    assert 0 < conf.timeout <= 60 and 0 < conf.graceful_timeout <= conf.timeout
    assert 0 < conf.limit_request_line <= 8190
    assert 0 < conf.limit_request_fields <= 100
    assert 0 < conf.limit_request_field_size <= 8190
    assert conf.max_requests > 0 and conf.keepalive <= 5
    assert conf.worker_class == "sync"
    assert not getattr(conf, "reload", False)
    assert conf.control_socket_disable is True
    assert Path(conf.__file__).name == "gunicorn_conf.py"
