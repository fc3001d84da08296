"""Searches as feeds and exports (Atom, CSV, NDJSON) and who said what (/quotes, /quotes.json)."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from search import SearchEngine
from search import QUOTE_COLUMNS, Exporter, csv_lines, mbox_lines, ndjson_lines
from search import atom_feed
from search import QuoteFinder

from web.params import search_request

bp = Blueprint("feeds", __name__)

FEED_ENTRIES = 20
QUOTES_PER_PAGE = 20
# Arguments that change what a search matches or how it orders; the rest do not name a feed.
FEED_ARGS = ("q", "outlet", "speaker", "from", "to")


def engine() -> SearchEngine:
    """Return the process's search engine."""
    return current_app.extensions["archive_search"]


def _shared(name: str, factory, *args):
    """Return a process-wide helper, made on first use."""
    found = current_app.extensions.get(name)
    if found is None:
        found = current_app.extensions[name] = factory(*args)
    return found


def _with_defaults(args: MultiDict, **defaults) -> MultiDict:
    merged = args.copy()
    for key, value in defaults.items():
        if not merged.get(key):
            merged[key] = value
    return merged


@bp.get("/search.atom")
def search_atom():
    """The search as an Atom feed, newest first, for a feed reader to follow."""
    args = _with_defaults(request.args, per_page=str(FEED_ENTRIES))
    args["sort"] = "-date"
    args["page"] = "1"
    result = engine().search(search_request(args))
    canonical = urlencode(sorted((k, v) for k in FEED_ARGS for v in request.args.getlist(k)))
    body = atom_feed(
        result,
        feed_url=request.url,
        html_url=url_for("views.home", _external=True, **request.args.to_dict(flat=False)),
        doc_url=lambda doc_id: url_for("views.doc_page", doc_id=doc_id, _external=True),
        canonical_query=canonical,
        indexed_at=engine().handle.info().get("indexed_at"))
    return Response(body, mimetype="application/atom+xml")


def _export():
    request_ = search_request(_with_defaults(request.args, page="1"))
    return _shared("archive_exports", Exporter, engine()).export(request_)


@bp.get("/search.csv")
def search_csv():
    """Every hit of the search as CSV (not a page), cells safe to open in a spreadsheet."""
    found = _export()
    response = Response(csv_lines(found.rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="search.csv"'
    response.headers["X-Total-Count"] = str(found.total)
    return response


@bp.get("/search.ndjson")
def search_ndjson():
    """Every hit of the search as NDJSON, one document a line."""
    found = _export()
    response = Response(ndjson_lines(found.rows), mimetype="application/x-ndjson")
    response.headers["X-Total-Count"] = str(found.total)
    return response


MBOX = "application/mbox"


@bp.get("/search.mbox")
def search_mbox():
    """The mail among every hit of the search as an mbox a mail client opens."""
    found = _export()
    messages = engine().mail_messages(row["id"] for row in found.rows)
    response = Response(mbox_lines(messages), mimetype=MBOX)
    response.headers["Content-Disposition"] = 'attachment; filename="search.mbox"'
    return response


@bp.get("/thread/<thread>.mbox")
def thread_mbox(thread: str):
    """A mail thread as an mbox, each parent before its replies."""
    found = engine().thread(thread.lower()) if thread.isascii() and thread.isalnum() and len(thread) <= 64 else None
    if found is None:
        abort(404, description="no thread has that id")
    messages = engine().mail_messages(m["id"] for m in found["messages"])
    response = Response(mbox_lines(messages), mimetype=MBOX)
    response.headers["Content-Disposition"] = f'attachment; filename="thread-{found["thread"]}.mbox"'
    return response


def _quotes() -> dict:
    args = _with_defaults(request.args, per_page=str(QUOTES_PER_PAGE))
    finder = _shared("archive_quotes", QuoteFinder, engine().handle)
    return finder.find(search_request(args, require_q=False))


@bp.get("/quotes.json")
def quotes_json():
    """The quotes of a speaker (or of everyone) matching the words, with their documents."""
    return jsonify(_quotes())


@bp.get("/quotes.csv")
def quotes_csv():
    """Every quote /quotes pages through, newest first, as CSV with each page's link."""
    finder = _shared("archive_quotes", QuoteFinder, engine().handle)
    found = finder.every_quote(search_request(request.args, require_q=False))
    for row in found:
        row["url"] = url_for("views.doc_page", doc_id=row["doc_id"], _external=True)
    response = Response(csv_lines(found, QUOTE_COLUMNS), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="quotes.csv"'
    response.headers["X-Total-Count"] = str(len(found))
    return response


@bp.get("/quotes")
def quotes_page():
    """Who said what: the same quotes as /quotes.json, as a page."""
    if not (request.args.get("q", "").strip() or request.args.get("speaker", "").strip()):
        return render_template("quotes.html", result=None, args=request.args)
    return render_template("quotes.html", result=_quotes(), args=request.args)
