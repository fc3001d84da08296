"""Request arguments to a typed SearchRequest, with a clear 400 for anything malformed."""
from __future__ import annotations

from datetime import date

from werkzeug.datastructures import MultiDict

from search import MAX_PER_PAGE, BadQuery, SearchRequest, month_end

DEFAULT_PER_PAGE = 10


def search_request(args: MultiDict, require_q: bool = True) -> SearchRequest:
    """Return the SearchRequest the arguments describe.

    Raises:
        BadQuery: an argument is missing or malformed; the message names it.
    """
    q = args.get("q", "")
    found = SearchRequest(
        q=q,
        outlets=[v for v in args.getlist("outlet") if v],
        speakers=[v for v in args.getlist("speaker") if v],
        date_from=_date(args, "from"),
        date_to=_date(args, "to"),
        sort=args.get("sort") or "relevance",
        page=_int(args, "page", 1),
        per_page=_int(args, "per_page", DEFAULT_PER_PAGE),
        collapse=args.get("collapse", "true").lower() not in ("false", "0", "no"),
        explain=args.get("explain", "").lower() in ("1", "true", "yes"),
        thread=(args.get("thread") or "").strip() or None,
        group=(args.get("group") or "").strip() or None,
    )
    # Browsing needs a filter (a list's month is outlet=...&from=...&to=...); nothing at all is an error.
    if require_q and not q.strip() and not found.has_filter():
        raise BadQuery("the parameter q is required, or a filter (outlet, speaker, from, to, thread): "
                       "/search?q=words", "missing_query")
    return found


def _int(args: MultiDict, name: str, default: int) -> int:
    raw = args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadQuery(f"{name} must be a whole number, not {raw[:40]!r}", f"bad_{name}") from None
    if name == "per_page" and value > MAX_PER_PAGE:
        raise BadQuery(f"per_page must be between 1 and {MAX_PER_PAGE}", "bad_per_page")
    return value


def _date(args: MultiDict, name: str) -> date | None:
    """Read a date; a year or month given as `to` means its last day."""
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw)
        if len(raw) == 7:
            first = date.fromisoformat(raw + "-01")
            if name != "to":
                return first
            return month_end(first)
        if len(raw) == 4:
            return date.fromisoformat(raw + ("-12-31" if name == "to" else "-01-01"))
    except ValueError:
        pass
    raise BadQuery(f"{name} must be a date as YYYY-MM-DD (or YYYY-MM, YYYY), "
                   f"not {raw[:40]!r}", "bad_date")
