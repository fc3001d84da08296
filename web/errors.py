"""One place for error answers: JSON for scripts, a page for people, never a traceback."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from search import BadQuery, IndexMissing, SearchError
from search.errors import error_body  # its home: the command line answers the same shape

log = logging.getLogger(__name__)


# Feeds and exports are read by programs too: their errors come as JSON, not as a page.
MACHINE_SUFFIXES = (".json", ".atom", ".csv", ".ndjson", ".mbox")


def wants_json() -> bool:
    """Tell whether the request is for a machine-readable endpoint."""
    path = request.path
    return path in ("/search", "/healthz") or path.endswith(MACHINE_SUFFIXES)


def respond(status: int, code: str, message: str):
    """Answer an error as JSON or as a page, depending on the endpoint."""
    if wants_json():
        return jsonify(error_body(code, message)), status
    return render_template("error.html", status=status, message=message), status


def register(app: Flask) -> None:
    """Install the error handlers on the app."""

    @app.errorhandler(BadQuery)
    def bad_query(exc: BadQuery):
        return respond(400, exc.code, str(exc))

    @app.errorhandler(IndexMissing)
    def index_missing(exc: IndexMissing):
        return respond(503, exc.code, str(exc))

    @app.errorhandler(SearchError)
    def search_error(exc: SearchError):
        return respond(500, exc.code, str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        return respond(exc.code or 500, code, exc.description or exc.name)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unexpected error on %s", request.path)
        return respond(500, "internal_error", "something went wrong on our side; "
                                              "the error has been logged")
