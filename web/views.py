"""The pages and JSON endpoints: parse the request, call the library, render one dict twice."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, render_template, request, url_for

from search import QueryTimedOut, SearchEngine
from search import BadQuery, IndexMissing

from web.errors import respond
from web.openapi import openapi_document
from web.params import search_request

bp = Blueprint("views", __name__)

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                "form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def engine() -> SearchEngine:
    """Return the process's search engine."""
    return current_app.extensions["archive_search"]


@bp.after_app_request
def add_headers(response):
    """Send the security headers on every answer."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


@bp.get("/")
def home():
    """The search form, and the results when the request carries a query."""
    browsing = any(request.args.get(k, "").strip() for k in ("outlet", "speaker", "from", "to", "thread"))
    if not request.args.get("q", "").strip() and not browsing:
        return render_template("index.html", result=None, error=None, args=request.args)
    try:
        result = engine().search(search_request(request.args))
    except BadQuery as exc:
        return render_template("index.html", result=None, error=str(exc),
                               args=request.args), 400
    except QueryTimedOut as exc:
        return render_template("index.html", result=None, error=str(exc),
                               args=request.args), 503
    return render_template("index.html", result=result, error=None, args=request.args)


@bp.app_errorhandler(QueryTimedOut)
def timed_out(exc: QueryTimedOut):
    """Answer a search stopped by its time budget: 503, so a client may retry later."""
    return respond(503, exc.code, str(exc))


@bp.get("/search")
def search_json():
    """The search for scripts: the same result dict as the page, as JSON.

    `X-Answer-Cache: hit|miss` says whether the worker's answer cache gave it, so that a load
    test can count hits without reading bodies.
    """
    result = engine().search(search_request(request.args))
    response = jsonify(result)
    response.headers["X-Answer-Cache"] = "hit" if result.get("cached") else "miss"
    return response


@bp.get("/doc/<doc_id>.json")
def doc_json(doc_id: str):
    """One document with its fields and clean text, as JSON."""
    doc = _document_or_404(doc_id)
    doc.pop("body_html")
    return jsonify(doc)


@bp.get("/doc/<doc_id>")
def doc_page(doc_id: str):
    """One document: metadata and the clean text with the query's terms marked."""
    doc = _document_or_404(doc_id, request.args.get("q", ""))
    return render_template("doc.html", doc=doc, args=request.args)


def _document_or_404(doc_id: str, q: str = "") -> dict:
    # Ids are looked up in the index only; nothing from the request touches the file system.
    if not (doc_id.isascii() and doc_id.isalnum()) or len(doc_id) > 64:
        abort(404, description="no document has that id")
    doc = engine().document(doc_id, q)
    if doc is None:
        abort(404, description="no document has that id")
    return doc


@bp.get("/thread/<thread>.json")
def thread_json(thread: str):
    """One mail thread: its messages, each parent before its replies, as JSON."""
    return jsonify(_thread_or_404(thread))


@bp.get("/thread/<thread>")
def thread_page(thread: str):
    """One mail thread as a page: the messages indented under the ones they answer."""
    return render_template("thread.html", thread=_thread_or_404(thread), args=request.args)


def _thread_or_404(thread: str) -> dict:
    if not (thread.isascii() and thread.isalnum()) or len(thread) > 64:
        abort(404, description="no thread has that id")
    found = engine().thread(thread.lower())
    if found is None:
        abort(404, description="no thread has that id")
    return found


@bp.get("/healthz")
def healthz():
    """Tell a load balancer whether this process can answer from a usable index."""
    try:
        info = engine().handle.info()
    except IndexMissing as exc:
        return jsonify({"status": "unavailable", "reason": str(exc)}), 503
    return jsonify({"status": "ok", **info})


@bp.get("/help")
def help_page():
    """The query language, with an example for each form."""
    return render_template("help.html")


@bp.get("/openapi.json")
def openapi_json():
    """The OpenAPI 3 description of the JSON endpoints."""
    return jsonify(openapi_document())


@bp.app_template_global()
def url_with(**changes) -> str:
    """Return the current page's URL with some arguments changed (None removes one).

    From a document page, it is the search's URL that changes.
    """
    args = request.args.copy()
    for key, value in changes.items():
        args.poplist(key)
        if value is not None:
            args[key] = value
    if "page" not in changes:
        args.poplist("page")
    endpoint = request.endpoint if request.endpoint != "views.doc_page" else "views.home"
    return url_for(endpoint or "views.home", **args.to_dict(flat=False))
