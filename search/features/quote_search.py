"""Who said what: the quotes of a speaker (or of everyone) that match a query's words.

Documents are found through the index (the `quotes` field for the words, the speaker column for
the person), then each stored quote (`quotes_json`) is checked on its own, so that a document
where X is quoted on one thing and mentions the query's words elsewhere does not count.
"""
from __future__ import annotations

import json
import time
from html import escape
from collections import Counter
from dataclasses import replace

from whoosh import query as wq

from search.engine.columns import filter_docnums
from search.extract.speakers.names import ABBREVIATED_TITLES, HONORIFIC_GENDER
from search.index.schema import fold_word
from search.query.compile import Compiler
from search.errors import BadQuery
from search.query.request import SearchRequest
from search.query.parse import check_query_text, parse
from search.engine.searcher import IndexHandle
from search.engine.threadindex import thread_docnums

QUOTE_FIELD = "quotes"
# A title typed before a name ("Sir Alex Ferguson", "Mr Brown") is not part of it.
TITLES = frozenset(HONORIFIC_GENDER) | {title.lower() for title in ABBREVIATED_TITLES}
SPEAKER_FACET_LIMIT = 20
ALSO_NAMED_LIMIT = 10


class QuoteFinder:
    """Finds quotes in one index; one per process, safe to share between requests."""

    def __init__(self, handle: IndexHandle) -> None:
        self.handle = handle

    def find(self, request: SearchRequest) -> dict:
        """Return the page of quotes matching `request.q` said by any of `request.speakers`.

        Outlet and date filters apply to the quote's document; quotes come newest first.

        Raises:
            BadQuery: neither words nor a speaker were given, or the query cannot be run.
            IndexMissing: there is no usable index.
        """
        started = time.perf_counter()
        columns, names, found = self._found(request)
        start = (request.page - 1) * request.per_page
        counts = Counter(row["speaker"] for row in found)
        return {
            "query": request.q,
            "speakers": sorted(names) if names is not None else [],
            "total": len(found),
            "documents": len({row["doc_id"] for row in found}),
            "page": request.page,
            "per_page": request.per_page,
            "quotes": found[start:start + request.per_page],
            "facets": {"speaker": [{"value": v, "count": c}
                                   for v, c in counts.most_common(SPEAKER_FACET_LIMIT)]},
            "also": also_named(columns.speaker, request.speakers, names),
            "took_ms": round((time.perf_counter() - started) * 1000, 1),
        }

    def every_quote(self, request: SearchRequest) -> list[dict]:
        """Return every quote `find` pages through, newest first (for an export).

        Raises:
            BadQuery, IndexMissing: as `find`.
        """
        return self._found(request)[2]

    def _found(self, request: SearchRequest) -> tuple:
        if not request.q.strip() and not request.speakers:
            raise BadQuery("give words (q) or a speaker: /quotes?speaker=Name&q=words",
                           "missing_query")
        searcher, columns = self.handle.current()
        names = speaker_names(columns.speaker, request.speakers)
        query = self._parse(searcher, columns, request.q) if request.q.strip() else None
        docs = self._candidates(searcher, columns, query, names, request)
        found = []
        analyzer = searcher.schema[QUOTE_FIELD].analyzer
        for docnum in newest_first(docs, columns.date_of):
            stored = searcher.stored_fields(docnum)
            for quote in matching_quotes(stored.get("quotes_json"), names, query, analyzer):
                found.append(quote_row(quote, stored))
        return columns, names, found

    def _parse(self, searcher, columns, text: str) -> wq.Query:
        """Read the words as a search reads them, and look for them in the quotes only."""
        tree = parse(check_query_text(text)).tree  # the search's guards: wildcards, length, nesting
        return Compiler(searcher, columns, fields=(QUOTE_FIELD,),
                        threads=thread_docnums(searcher, columns)).compile(tree)

    def _candidates(self, searcher, columns, query, names, request: SearchRequest) -> set[int]:
        docs = set(searcher.docs_for_query(query)) if query is not None else None
        if names is not None:
            said = set().union(*(columns.speaker.get(n, set()) for n in names)) if names else set()
            docs = said if docs is None else docs & said
        allowed = filter_docnums(columns, replace(request, speakers=[]))
        return docs & allowed if allowed is not None else docs


def speaker_names(known: dict[str, set[int]], wanted: list[str]) -> set[str] | None:
    """Return the indexed speaker names meant by `wanted` (None when no speaker was asked for).

    A name matches itself in any case; a partial name ("Blinken") matches the names holding all
    its words, so that a surname finds the full name the indexer stored.
    """
    if not wanted:
        return None
    names: set[str] = set()
    for asked in wanted:
        folded = fold_word(asked).split()
        exact = {name for name in known if fold_word(name).split() == folded}
        names |= exact or names_holding(known, asked)
    return names


def names_holding(known, asked: str) -> set[str]:
    """Return the indexed speaker names holding every word of `asked`, in any case and accents
    folded, a title before it left out: what the query's `speaker:Brown` matches ("Brown",
    "Gordon Brown", "Dan Brown"); "Mr Brown", "Sir Alex Ferguson" and "sanchez" too (the indexer
    keeps names without titles)."""
    folded = set(fold_word(untitled(asked)).split())
    return {name for name in known if folded <= set(fold_word(name).split())}


def untitled(name: str) -> str:
    """Return a name without the titles typed before it ("Mr Brown": "Brown")."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words.pop(0)
    return " ".join(words)


def also_named(known: dict[str, set[int]], wanted: list[str], names: set[str] | None) -> list[dict]:
    """Return the other speakers holding an asked name, most documents first: `Brown` is an
    indexed name of its own (pages that gave no first name), so it does not find Gordon Brown,
    and the answer names him instead of leaving him out silently."""
    others = set().union(*(names_holding(known, asked) for asked in wanted)) - (names or set())
    ranked = sorted(others, key=lambda name: (-len(known[name]), name))[:ALSO_NAMED_LIMIT]
    return [{"value": name, "documents": len(known[name])} for name in ranked]


def newest_first(docnums: set[int], date_of: dict[int, int]) -> list[int]:
    """Order documents newest first; undated ones last, in index order."""
    return sorted(docnums, key=lambda d: (d not in date_of, -date_of.get(d, 0), d))


def matching_quotes(quotes_json: str | None, names: set[str] | None, query: wq.Query | None,
                    analyzer) -> list[dict]:
    """Return the stored quotes said by one of `names` (anyone if None) that satisfy `query`."""
    folded = {n.casefold() for n in names} if names is not None else None
    found = []
    for quote in json.loads(quotes_json or "[]"):
        if folded is not None and quote.get("speaker", "").casefold() not in folded:
            continue
        if query is not None:
            tokens = [t.text for t in analyzer(quote.get("text", ""))]
            if not satisfies(query, tokens):
                continue
        found.append(quote)
    return found


def satisfies(query: wq.Query, tokens: list[str]) -> bool:
    """Tell whether analysed tokens satisfy a query on the quotes field (other fields pass)."""
    if isinstance(query, wq.Not):
        return not satisfies(query.query, tokens)
    if isinstance(query, (wq.And, wq.AndMaybe, wq.Require)):
        return all(satisfies(q, tokens) for q in query.children())
    if isinstance(query, (wq.Or, wq.DisjunctionMax)):
        return any(satisfies(q, tokens) for q in query.children())
    if isinstance(query, wq.AndNot):
        return satisfies(query.a, tokens) and not satisfies(query.b, tokens)
    if getattr(query, "fieldname", QUOTE_FIELD) != QUOTE_FIELD:
        return True
    if isinstance(query, wq.Phrase):
        words = list(query.words)
        return any(tokens[i:i + len(words)] == words for i in range(len(tokens)))
    if isinstance(query, wq.Prefix):
        return any(t.startswith(query.text) for t in tokens)
    if isinstance(query, wq.Term):
        return query.text in tokens
    return True


def quote_row(quote: dict, stored: dict) -> dict:
    """Return the JSON shape of one quote with its document."""
    when = stored.get("date")
    return {
        "text": quote.get("text", ""),
        "speaker": quote.get("speaker", ""),
        "cue": quote.get("cue", ""),
        "doc_id": stored["id"],
        "title": stored.get("title") or "",
        "outlet": stored.get("outlet") or None,
        "date": when.strftime("%Y-%m-%d") if when else None,
    }


def quote_snippet(quote: dict) -> str:
    """Return a quote as a reader would see it: “words,” Speaker said (plain, unescaped)."""
    text = quote.get("text", "").strip().rstrip(",.")
    cue = quote.get("cue") or "said"
    if cue.lower() == "according to":
        return f"“{text}”, according to {quote.get('speaker', '')}"
    return f"“{text},” {quote.get('speaker', '')} {cue}"


def quote_snippets(quotes_json: str | None, names: set[str] | None, query: wq.Query | None,
                   analyzer) -> list[str]:
    """Return the escaped snippets of the quotes by `names` that satisfy `query`, for a hit."""
    return [escape(quote_snippet(q), quote=False)
            for q in matching_quotes(quotes_json, names, query, analyzer)]
