"""Who said what: `speaker:"X" words` finds documents where X is quoted saying the words.

A query that is only an AND of `speaker:` names and plain words (or phrases) is read this way:
the words must be inside one quote attributed to one of the named people, not anywhere in the
document; the hit's snippets are those quotes with their cue ("…," Abu Marzouk said).
"""
from __future__ import annotations

from dataclasses import dataclass

from whoosh import query as wq

from search.query.parse import parse
from search.query.tree import And, AnyWords, Phrase, Word
from search.features.quote_search import (QUOTE_FIELD, TITLES, matching_quotes, names_holding,
                                          quote_snippets)
from search.engine.columns import Columns
from search.errors import BadQuery
from search.index.schema import fold_word
from search.query.compile import Compiler


@dataclass
class WhoSaid:
    """The people asked about, the indexed names they mean, and the words they must have said."""

    names: set[str]
    words: wq.Query
    analyzer: object

    def documents(self, searcher, columns: Columns, first: bool = False) -> set[int]:
        """Return the docnums holding a quote by one of the people that has the words (with
        `first`, only the first found: enough to know that some quote is there).

        Only the people's documents whose quotes hold the words (of anyone: the index says
        which) are read; words with a NOT are read in every document of the people, since a
        quote of another person may hold the excluded word.
        """
        candidates = set().union(*(columns.speaker.get(n, set()) for n in self.names))
        if not _excludes(self.words):
            candidates &= set(searcher.docs_for_query(self.words))
        found = set()
        for d in sorted(candidates):
            if matching_quotes(searcher.stored_fields(d).get("quotes_json"), self.names,
                               self.words, self.analyzer):
                found.add(d)
                if first:
                    break
        return found

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
    names = set().union(*(_holding(columns, columns.canonical.get(p, p)) for p in people))
    return WhoSaid(names, query, searcher.schema[QUOTE_FIELD].analyzer)


# A question names a person and asks what they said ("what did Gordon Brown say about the
# budget"): read as plain words, its hits are the stories with the words anywhere. The note
# offers the who-said reading, whose hits are the person's own quotes holding the other words.
# The words of saying are the question's frame, not what was said.
SAYING = frozenset({"say", "says", "said", "saying", "tell", "tells", "told"})
HINT_MAX_WORDS = 8  # past a question's length (a pasted paragraph) no hint is looked for
NAME_MAX_WORDS = 3


def who_said_hint(parsed, searcher, columns: Columns) -> list[str]:
    """Return a note offering `speaker:"X" words` for plain words that name a speaker of the
    archive (a full name in any case, or one capitalised word of a name), when it finds quotes."""
    tree = parsed.tree if parsed is not None else None
    if not isinstance(tree, AnyWords) or tree.common or len(tree.items) > HINT_MAX_WORDS:
        return []
    words = [item.text for item in tree.items]
    for size in range(min(NAME_MAX_WORDS, len(words)), 0, -1):  # the longest name first
        for at in range(len(words) - size + 1):
            name = " ".join(words[at:at + size])
            if '"' in name or not _names(columns, name, size):
                continue
            titled = at and words[at - 1].lower().rstrip(".") in TITLES
            before = words[:at - 1] if titled else words[:at]
            rest = [w for w in before + words[at + size:] if w.lower() not in SAYING]
            offered = f'speaker:"{name}"' if size > 1 else f"speaker:{name}"
            if not rest:
                return [f"{name} is quoted in the archive: {offered} finds the documents "
                        f"quoting {name}"]
            offered += " " + " ".join(rest)
            if _finds(offered, searcher, columns):
                return [f"{name} is quoted in the archive: {offered} finds where {name} is "
                        "quoted saying " + " ".join(rest)]
            return []
    return []


def _names(columns: Columns, name: str, size: int) -> set[str]:
    """Return the speakers typed words name: a whole name, or a capitalised word of one."""
    if size == 1 and not name[:1].isupper():
        return set()
    holding = _holding(columns, name)
    return {n for n in holding if fold_word(n) == fold_word(name)} if size > 1 else holding


def _holding(columns: Columns, name: str) -> set[str]:
    """Return the speakers whose names hold every word of `name`; only the names holding its
    first word are read (the archive's thousands of names cost 4 ms to read through)."""
    words = name.split()
    return names_holding(columns.speakers_with_word(words[0]), name) if words else set()


def _finds(offered: str, searcher, columns: Columns) -> bool:
    """Tell whether the offered who-said query finds a quote."""
    said = who_said(parse(offered).tree, searcher, columns)
    return said is not None and bool(said.documents(searcher, columns, first=True))


def _excludes(query: wq.Query) -> bool:
    """Tell whether a query excludes words anywhere in it (a NOT)."""
    if isinstance(query, (wq.Not, wq.AndNot)):
        return True
    return any(_excludes(child) for child in query.children())
