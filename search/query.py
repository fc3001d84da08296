"""Read a user's query: guard it against expensive forms, parse it, and say how it was read."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from whoosh import qparser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query import NullQuery, Query

from search.errors import BadQuery
from search.schema import DEFAULT_FIELDS

MAX_QUERY_CHARS = 500
MAX_TERM_CHARS = 100
MAX_PAGE = 1000
MAX_PER_PAGE = 100
SORTS = ("relevance", "date", "-date")
# Field names people may type, mapped to the indexed field.
FIELD_ALIASES = {"list": "carrier", "group": "carrier", "speakers": "speaker"}
SEARCHABLE_FIELDS = set(DEFAULT_FIELDS) | {"quoted", "quotes", "carrier", "date", "kind"}
LEADING_WILDCARD = re.compile(r"(^|[\s(:])[*?]")
INFIX_WILDCARD = re.compile(r"\w[*?]\w")
SHORT_PREFIX = re.compile(r"(?<![\w*?])(\w{1,2})\*")
REGEX_SYNTAX = re.compile(r"(^|[\s(:])r\"")


@dataclass
class SearchRequest:
    """A search as a caller asks for it: query text, filters, order and page."""

    q: str
    outlets: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise BadQuery(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}",
                           "bad_sort")
        if not 1 <= self.page <= MAX_PAGE:
            raise BadQuery(f"page must be between 1 and {MAX_PAGE}", "bad_page")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise BadQuery(f"per_page must be between 1 and {MAX_PER_PAGE}", "bad_per_page")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadQuery("from must not be after to", "bad_date")


def build_parser(schema) -> qparser.QueryParser:
    """Return the query parser: default fields, field prefixes, phrases, dates, fuzzy terms."""
    parser = qparser.MultifieldParser(list(DEFAULT_FIELDS), schema, group=qparser.AndGroup)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(DateParserPlugin(free=False))
    parser.add_plugin(qparser.PlusMinusPlugin())
    parser.remove_plugin_class(qparser.BoostPlugin)
    return parser


def check_query_text(text: str) -> str:
    """Return the query text stripped, or raise BadQuery saying what to change."""
    text = (text or "").strip()
    if not text:
        raise BadQuery("the query is empty: type one or more words", "empty_query")
    if len(text) > MAX_QUERY_CHARS:
        raise BadQuery(f"the query is {len(text)} characters long; the limit is "
                       f"{MAX_QUERY_CHARS}", "query_too_long")
    if any(len(word) > MAX_TERM_CHARS for word in text.split()):
        raise BadQuery(f"a word longer than {MAX_TERM_CHARS} characters cannot be searched",
                       "term_too_long")
    if LEADING_WILDCARD.search(text) or INFIX_WILDCARD.search(text):
        raise BadQuery("wildcards are allowed only at the end of a word (e.g. negoti*)",
                       "bad_wildcard")
    if SHORT_PREFIX.search(text):
        raise BadQuery("a prefix search needs at least 3 letters before the *",
                       "prefix_too_short")
    return text


def parse_query(parser: qparser.QueryParser, text: str) -> Query:
    """Parse checked query text into a Whoosh query.

    Raises:
        BadQuery: the text is empty, too long, or uses an expensive form.
    """
    text = check_query_text(text)
    for alias, target in FIELD_ALIASES.items():
        text = re.sub(rf"(^|[\s(]){alias}:", rf"\1{target}:", text)
    try:
        query = parser.parse(text)
    except (RecursionError, ValueError) as exc:
        raise BadQuery(f"the query cannot be read: {exc}", "unparsable_query") from exc
    if query is None or query is NullQuery:
        raise BadQuery("the query has no searchable words", "empty_query")
    return query
