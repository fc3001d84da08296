"""The errors archive-search raises, as one small tree.

    SearchError            anything the library reports to a caller
    ├── BadQuery           the query or a filter cannot be run as given (HTTP 400)
    ├── IndexMissing       there is no usable index at the given place (HTTP 503)
    ├── IndexBusy          another process holds the index writer
    └── BadSource          a file in the archive cannot be read or parsed (reported, skipped)
"""
from __future__ import annotations


class SearchError(Exception):
    """Base of every error the library reports on purpose."""

    code = "search_error"


def error_body(code: str, message: str) -> dict:
    """Return the JSON error shape every endpoint (and `archive-search ... --json`) uses."""
    return {"error": {"code": code, "message": message}}


class BadQuery(SearchError):
    """The query or one of its filters cannot be run as given."""

    code = "bad_query"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code


class IndexMissing(SearchError):
    """There is no usable index where one was expected."""

    code = "index_missing"


class IndexBusy(SearchError):
    """Another process is writing the index."""

    code = "index_busy"


class BadSource(SearchError):
    """A file in the archive cannot be read or parsed; it is reported and skipped."""

    code = "bad_source"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
