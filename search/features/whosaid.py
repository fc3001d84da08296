"""Who said what: `speaker:"X" words` finds documents where X is quoted saying the words.

A query that is only an AND of `speaker:` names and plain words (or phrases) is read this way:
the words must be inside one quote attributed to one of the named people, not anywhere in the
document; the hit's snippets are those quotes with their cue ("…," Abu Marzouk said).
"""
from __future__ import annotations

from dataclasses import dataclass

from whoosh import query as wq

from search.query.tree import And, Phrase, Word
from search.features.quote_search import QUOTE_FIELD, matching_quotes, names_holding, quote_snippets
from search.engine.columns import Columns
from search.errors import BadQuery
from search.query.compile import Compiler


@dataclass
class WhoSaid:
    """The people asked about, the indexed names they mean, and the words they must have said."""

    names: set[str]
    words: wq.Query
    analyzer: object

    def documents(self, searcher, columns: Columns) -> set[int]:
        """Return the docnums holding a quote by one of the people that has the words."""
        candidates = set().union(*(columns.speaker.get(n, set()) for n in self.names))
        return {d for d in candidates
                if matching_quotes(searcher.stored_fields(d).get("quotes_json"), self.names,
                                   self.words, self.analyzer)}

    def snippets(self, searcher, docnum: int) -> list[str]:
        """Return the escaped quotes, with their cues, that make a document a hit."""
        stored = searcher.stored_fields(docnum)
        return quote_snippets(stored.get("quotes_json"), self.names, self.words, self.analyzer)


def who_said(tree, searcher, columns: Columns) -> WhoSaid | None:
    """Return the who-said-what reading of a parsed query, or None when it is not one."""
    items = tree.items if isinstance(tree, And) else [tree]
    if not all(isinstance(i, (Word, Phrase)) for i in items):
        return None
    people = [i.text for i in items if i.field == "speaker"]
    words = [i for i in items if i.field is None]
    if not people or not words or len(people) + len(words) != len(items):
        return None
    try:  # the words as the search read them, looked for in the quotes only
        query = Compiler(searcher, columns, fields=(QUOTE_FIELD,)).compile(
            words[0] if len(words) == 1 else And(words))
    except BadQuery:
        return None
    if query is wq.NullQuery:
        return None
    # Every name holding the words, as the query's speaker field matches them: an exact name
    # alone ("Brown", where a page gave no first name) would hide Gordon Brown's quotes.
    names = set().union(*(names_holding(columns.speaker, columns.canonical.get(p, p))
                          for p in people))
    return WhoSaid(names, query, searcher.schema[QUOTE_FIELD].analyzer)
