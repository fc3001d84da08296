"""archive-search: full-text search over archives of news pages and mailing-list posts.

The library: finding documents in files, stripping their chrome, extracting their metadata,
indexing them with Whoosh and querying the index. It never imports Flask; `web/` adapts it.

The public names below are what `web/`, `bench/`, `evals/` and scripts use; the modules behind
them may move (docs/layout.md says where each stage lives). They are imported on first use, so
`import search` stays cheap for the command line and the extraction workers.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS = {
    # errors
    "SearchError": "search.errors", "BadQuery": "search.errors", "BadSource": "search.errors",
    "IndexMissing": "search.errors", "IndexBusy": "search.errors",
    # the contract between extraction and indexing
    "Document": "search.documents", "Quote": "search.documents",
    # stage 1: reading files
    "extract_file": "search.extract.files",
    # stage 2: indexing
    "update_index": "search.index.indexer", "build_from_documents": "search.index.indexer",
    "indexer_lock": "search.index.builds", "current_build": "search.index.builds",
    "IndexStats": "search.index.progress", "watch": "search.index.watch",
    # stage 3: reading a query
    "SearchRequest": "search.query.request", "parse_query": "search.query.parse",
    "MAX_PAGE": "search.query.request", "MAX_PER_PAGE": "search.query.request",
    "MAX_QUERY_CHARS": "search.query.parse", "MAX_PASTE_CHARS": "search.query.parse", "SORTS": "search.query.request",
    "month_end": "search.query.dates",
    # stage 4: answering
    "IndexHandle": "search.engine.searcher", "SearchEngine": "search.engine.search",
    "QueryTimedOut": "search.engine.search",
    # features
    "QuoteFinder": "search.features.quote_search", "atom_feed": "search.features.atom",
    "Exporter": "search.features.exports", "csv_lines": "search.features.exports",
    "ndjson_lines": "search.features.exports", "mbox_lines": "search.features.exports",
    "QUOTE_COLUMNS": "search.features.exports",
    "thread_documents": "search.features.threads",
}
# Where a public name differs from the name in its module.
_ALIASES = {"parse_query": "parse"}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'search' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), _ALIASES.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
