"""The OpenAPI 3 description of the JSON endpoints, served at /openapi.json (docs/api.md)."""
from __future__ import annotations

from search import MAX_PAGE, MAX_PASTE_CHARS, MAX_PER_PAGE, MAX_QUERY_CHARS, SORTS

VERSION = "1.2.0"


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


NULLABLE_STRING = {"type": "string", "nullable": True}
FACET_VALUES = _array({"type": "object", "required": ["value", "count"],
                       "properties": {"value": {"type": "string"},
                                      "count": {"type": "integer", "minimum": 1}}})
HIT = {
    "type": "object",
    "required": ["id", "title", "outlet", "date", "speakers", "score", "snippets"],
    "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "title_html": {"type": "string", "description": "the title, escaped, terms in <mark>"},
        "outlet": NULLABLE_STRING,
        "date": {"type": "string", "format": "date", "nullable": True},
        "speakers": _array({"type": "string"}),
        "source": NULLABLE_STRING,
        "kind": NULLABLE_STRING,
        "score": {"type": "number", "nullable": True,
                  "description": "BM25F score; null when sorted by date"},
        "snippets": _array({"type": "string", "description": "escaped HTML with <mark>"}),
        "author": {"type": "string", "nullable": True,
                   "description": "mail: the sender's name, else address"},
        "message_id": {"type": "string", "nullable": True, "description": "mail: its Message-ID"},
        "thread": {"type": "string", "nullable": True,
                   "description": "mail: its thread's id (/thread/{thread}.json)"},
        "in_reply_to": {"type": "string", "nullable": True,
                        "description": "mail: the id of the document it answers, when held"},
        "thread_size": {"type": "integer", "description": "group=thread only: messages in the thread"},
        "copies": _array({"type": "object", "required": ["id", "outlet", "date"],
                          "properties": {"id": {"type": "string"}, "outlet": NULLABLE_STRING,
                                         "date": {"type": "string", "format": "date",
                                                  "nullable": True}},
                          "description": "the other copies of a syndicated story, earliest "
                                         "first (collapsed results only)"}),
        "explain": {"type": "object", "description": "with explain=1 only: each field's share "
                    "of the score and where the match sits",
                    "properties": {
                        "fields": _array({"type": "object",
                                          "required": ["field", "score", "share", "terms"]}),
                        "matched_in": _array({"type": "string"})}},
    },
}
SEARCH_RESULT = {
    "type": "object",
    "required": ["query", "interpreted", "total", "page", "per_page", "hits", "stories",
                 "facets",
                 "timeline", "suggestion", "notes", "sort", "partial", "timing", "took_ms"],
    "properties": {
        "query": {"type": "string", "description": "the query as typed"},
        "interpreted": {"type": "string",
                        "description": "how the query was read, every operator explicit"},
        "total": {"type": "integer", "description": "exact number of matching documents"},
        "page": {"type": "integer"},
        "per_page": {"type": "integer"},
        "hits": _array(HIT),
        "stories": {"type": "integer",
                    "description": "matching stories: syndicated copies count once"},
        "facets": {"type": "object", "required": ["outlet", "speaker", "year", "month"],
                   "properties": {k: FACET_VALUES
                                  for k in ("outlet", "speaker", "year", "month")}},
        "timeline": _array({"type": "object", "required": ["period", "count"],
                            "properties": {"period": {"type": "string"},
                                           "count": {"type": "integer"}}}),
        "suggestion": {"type": "string", "nullable": True,
                       "description": "a corrected query when this one finds little"},
        "notes": _array({"type": "string"}),
        "group": {"type": "string", "nullable": True, "enum": ["thread", None],
                  "description": "thread: one hit per mail thread"},
        "sort": {"type": "string", "enum": list(SORTS)},
        "partial": {"type": "boolean",
                    "description": "true when some snippets were skipped to keep in time"},
        "timing": {"type": "object", "additionalProperties": {"type": "number"}},
        "took_ms": {"type": "number"},
        "cached": {"type": "boolean",
                   "description": "true when the answer was given before, by the same index "
                                  "generation (`took_ms` is then the time to look it up)"},
    },
}
QUOTES = {
    "type": "object", "required": ["quotes", "total"],
    "properties": {
        "quotes": _array({"type": "object",
                          "required": ["text", "speaker", "doc_id", "title", "outlet", "date"],
                          "properties": {"text": {"type": "string"},
                                         "speaker": {"type": "string"},
                                         "doc_id": {"type": "string"},
                                         "title": {"type": "string"},
                                         "outlet": NULLABLE_STRING,
                                         "date": {"type": "string", "nullable": True}}}),
        "total": {"type": "integer"},
        "speakers": _array({"type": "string"}),
    },
}
ERROR = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message"],
                             "properties": {"code": {"type": "string"},
                                            "message": {"type": "string"}}}},
}
DOCUMENT = {
    "type": "object", "required": ["id", "title", "body"],
    "properties": {k: NULLABLE_STRING for k in ("outlet", "date", "author", "carrier",
                                                "source", "kind", "message_id", "thread",
                                                "in_reply_to")}
    | {"id": {"type": "string"}, "title": {"type": "string"}, "body": {"type": "string"},
       "speakers": _array({"type": "string"}),
       "quotes": _array({"type": "object"}),
       "replies": _array({"type": "string", "description": "mail: ids of the documents answering it"})},
}
THREAD = {
    "type": "object", "required": ["thread", "subject", "messages"],
    "properties": {
        "thread": {"type": "string"}, "subject": {"type": "string"},
        "messages": _array({"type": "object",
                            "required": ["id", "title", "author", "date", "in_reply_to", "depth"],
                            "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                                           "author": NULLABLE_STRING,
                                           "date": {"type": "string", "nullable": True},
                                           "in_reply_to": NULLABLE_STRING,
                                           "depth": {"type": "integer", "minimum": 0}},
                            "description": "each parent before its replies"}),
    },
}


def _param(name: str, schema: dict, description: str, required: bool = False,
           many: bool = False) -> dict:
    if many:
        schema = _array(schema)
    param = {"name": name, "in": "query", "required": required, "schema": schema,
             "description": description}
    if many:
        param |= {"style": "form", "explode": True}
    return param


def _json(schema: dict, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": schema}}}


SEARCH_PARAMS = [
    _param("q", {"type": "string", "maxLength": MAX_PASTE_CHARS},
           f"the query (see /help); may be left out when a filter is given (browse, newest "
           f"first). A query using the language (fields, operators, phrases) is at most "
           f"{MAX_QUERY_CHARS} characters; plain text up to {MAX_PASTE_CHARS} is read as words"),
    _param("outlet", {"type": "string"}, "keep documents of these outlets", many=True),
    _param("speaker", {"type": "string"}, "keep documents quoting these people", many=True),
    _param("from", {"type": "string", "pattern": r"^[1-9]\d{3}(-\d{2}(-\d{2})?)?$"},
           "first date, YYYY, YYYY-MM or YYYY-MM-DD"),
    _param("to", {"type": "string", "pattern": r"^[1-9]\d{3}(-\d{2}(-\d{2})?)?$"},
           "last date (a year or month means its last day)"),
    _param("sort", {"type": "string", "enum": list(SORTS), "default": "relevance"},
           "relevance (ties newest first), date (oldest first) or -date (newest first)"),
    _param("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
           "page number"),
    _param("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                        "default": 10}, "hits per page"),
    _param("explain", {"type": "string", "enum": ["0", "1"], "default": "0"},
           "1: add `explain` to each hit, its score split by field"),
    _param("thread", {"type": "string"}, "keep the messages of this mail thread"),
    _param("group", {"type": "string", "enum": ["thread"]},
           "thread: one hit per mail thread, its best-matching message, with thread_size"),
    _param("collapse", {"type": "string", "enum": ["true", "false"], "default": "true"},
           "true: one hit per story, its syndicated copies in `copies`; false: every copy"),
]


def openapi_document() -> dict:
    """Return the OpenAPI 3 document of /search, /doc/{id}.json and /healthz."""
    errors = {"400": _json(ERROR, "the query or a parameter cannot be run; message says why"),
              "503": _json(ERROR, "no usable index, or the search ran past its time budget "
                                  "(code timed_out)")}
    return {
        "openapi": "3.0.3",
        "info": {"title": "archive-search", "version": VERSION,
                 "description": "Full-text search over news pages and mailing-list posts. "
                                "See docs/api.md and /help."},
        "paths": {
            "/search": {"get": {
                "operationId": "search", "summary": "Search the archive",
                "parameters": SEARCH_PARAMS,
                "responses": {"200": _json(SEARCH_RESULT, "a page of results"), **errors}}},
            "/doc/{doc_id}.json": {"get": {
                "operationId": "document", "summary": "One document",
                "parameters": [{"name": "doc_id", "in": "path", "required": True,
                                "schema": {"type": "string", "pattern": "^[A-Za-z0-9]{1,64}$"}}],
                "responses": {"200": _json(DOCUMENT, "the document"),
                              "404": _json(ERROR, "no document has that id")}}},
            "/thread/{thread}.json": {"get": {
                "operationId": "thread", "summary": "One mail thread",
                "parameters": [{"name": "thread", "in": "path", "required": True,
                                "schema": {"type": "string", "pattern": "^[A-Za-z0-9]{1,64}$"}}],
                "responses": {"200": _json(THREAD, "the thread's messages"),
                              "404": _json(ERROR, "no thread has that id")}}},
            "/quotes.json": {"get": {
                "operationId": "quotes", "summary": "What people were quoted saying",
                "parameters": [p for p in SEARCH_PARAMS if p["name"] in
                               ("q", "speaker", "from", "to", "page", "per_page")],
                "responses": {"200": _json(QUOTES, "the matching quotes"),
                              "400": _json(ERROR, "neither q nor speaker, or a bad query")}}},
            "/healthz": {"get": {
                "operationId": "health", "summary": "Whether the index can be searched",
                "responses": {"200": _json({"type": "object"}, "ok"),
                              "503": _json({"type": "object"}, "no usable index")}}},
        },
    }
