"""The Whoosh schema: what is searchable, what filters and facets, what is stored."""
from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

# Bump when fields or analysis change: an index with another version is rebuilt, not updated.
SCHEMA_VERSION = 1

# Field weights for BM25F: a word in the title or a speaker's name says more about a document
# than the same word in its body. Quoted replies in mail are not searched by default at all.
TITLE_BOOST = 3.0
SPEAKER_BOOST = 2.0
OUTLET_BOOST = 1.5
BODY_BOOST = 1.0

# Fields searched when a query names none.
DEFAULT_FIELDS = ("title", "body", "speaker", "outlet", "author")


def text_analyzer():
    """Return the analyzer for prose: words, lowercased, accents folded, stopwords out, stemmed."""
    return StemmingAnalyzer() | CharsetFilter(accent_map)


def name_analyzer():
    """Return the analyzer for names and outlets: words, lowercased, accents folded, no stemming."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> Schema:
    """Return a new schema; one instance per index."""
    return Schema(
        id=ID(stored=True, unique=True),
        source=ID(stored=True),
        kind=ID(stored=True),
        position=NUMERIC(stored=True),
        title=TEXT(analyzer=text_analyzer(), stored=True, field_boost=TITLE_BOOST),
        body=TEXT(analyzer=text_analyzer(), stored=True, field_boost=BODY_BOOST),
        # Quoted replies are searchable only by naming the field (`quoted:word`).
        quoted=TEXT(analyzer=text_analyzer(), field_boost=0.2),
        # The words people are quoted saying, for `speaker:"X" words` and /quotes.
        quotes=TEXT(analyzer=text_analyzer()),
        outlet=TEXT(analyzer=name_analyzer(), stored=True, field_boost=OUTLET_BOOST),
        outlet_key=ID(stored=False, sortable=True),
        speaker=TEXT(analyzer=name_analyzer(), field_boost=SPEAKER_BOOST),
        speaker_key=KEYWORD(commas=True, scorable=False),
        speakers=STORED(),
        quotes_json=STORED(),
        author=TEXT(analyzer=name_analyzer(), stored=True),
        carrier=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),
    )
