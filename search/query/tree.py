"""The tree a query is read into, and how it is written back out (`interpreted`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from whoosh.analysis import STOP_WORDS

from search.index import schema

# Where words are analysed as prose (a word with no field too): stopwords there are dropped (and
# the query says so).
PROSE_FIELDS = (None, *schema.PROSE_FIELDS)

# Field names people may type, mapped to the indexed field (the one home of the list: the
# parser reads it, a known field makes text syntax, and `interpreted` writes a field by the
# first name that maps to it: `sender` is written `from:`, `carrier` `list:`).
FIELDS = {"title": "title", "body": "body", "outlet": "outlet", "speaker": "speaker",
          "speakers": "speaker", "author": "author", "list": "carrier", "group": "carrier",
          "carrier": "carrier", "quoted": "quoted", "quotes": "quotes", "date": "date",
          # Mail, with the short forms public-inbox users type.
          "from": "sender", "f": "sender", "subject": "title", "s": "title", "l": "carrier",
          "thread": "thread"}


@dataclass
class Word:
    """A word, a prefix (`kind="prefix"`) or a spelling-tolerant word (`kind="fuzzy"`)."""

    field: str | None
    text: str
    kind: str = "word"
    distance: int = 0


@dataclass
class Phrase:
    """Words that must appear together, in this order."""

    field: str | None
    text: str


@dataclass
class DateSpan:
    """Documents dated within [start, end]; None is open."""

    start: date | None
    end: date | None


@dataclass
class And:
    items: list


@dataclass
class Or:
    items: list


@dataclass
class Not:
    item: object


@dataclass
class AnyWords(Or):
    """Plain words typed without syntax: documents with any of them, more of them ranked first.

    `common` is set when every word was too common to search in prose and they are searched
    anyway (in the fields that index them). `typed` holds how many times each item was typed
    (empty: once each); a word typed twice weighs twice (search/query/anyword.py).
    """

    common: bool = False
    typed: tuple[int, ...] = ()

    def times(self) -> list[int]:
        """Return how many times each item was typed."""
        return list(self.typed) if self.typed else [1] * len(self.items)


@dataclass
class ParsedQuery:
    """A parsed query: its tree and the notes on what was dropped or read specially."""

    tree: object
    notes: list[str]
    # The text to show as read where the rendered tree would not read back as this tree (set by
    # parse: plain words that spell operators, exclusions of common words, stray marks).
    shown: str | None = None

    def interpreted(self) -> str:
        """Return the tree as text, every operator and grouping explicit."""
        return self.shown if self.shown is not None else render(self.tree)

    @property
    def plain(self) -> bool:
        """Tell whether the query was read as plain words (ranked any-word retrieval)."""
        return isinstance(self.tree, AnyWords)


def prune_stopwords(tree, notes: list[str]):
    """Drop words too common to index from prose fields; note each; None if nothing is left."""
    if isinstance(tree, Word):
        if tree.kind == "word" and tree.field in PROSE_FIELDS \
                and tree.text.lower() in STOP_WORDS:
            notes.append(f"{tree.text!r} is too common to search and was left out"
                         + ("; write AND or OR in capitals for the operator"
                            if tree.text.lower() in ("and", "or", "not") else ""))
            return None
        return tree
    if isinstance(tree, Not):
        item = prune_stopwords(tree.item, notes)
        return Not(item) if item is not None else None
    if isinstance(tree, (And, Or)):
        items = [i for i in (prune_stopwords(i, notes) for i in tree.items) if i is not None]
        if not items:
            return None
        return items[0] if len(items) == 1 else type(tree)(items)
    return tree


def only_negative(tree) -> bool:
    if isinstance(tree, Not):
        return True
    if isinstance(tree, And):
        return all(only_negative(i) for i in tree.items)
    return False


def render(tree, top: bool = True) -> str:
    """Return a tree as query text with every operator and grouping written out."""
    if isinstance(tree, Word):
        prefix = f"{_field_name(tree.field)}:" if tree.field else ""
        suffix = {"prefix": "*", "fuzzy": f"~{tree.distance}"}.get(tree.kind, "")
        return f"{prefix}{tree.text}{suffix}"
    if isinstance(tree, Phrase):
        prefix = f"{_field_name(tree.field)}:" if tree.field else ""
        return f'{prefix}"{tree.text}"'
    if isinstance(tree, DateSpan):
        start = tree.start.isoformat() if tree.start else "*"
        end = tree.end.isoformat() if tree.end else "*"
        return f"date:[{start} TO {end}]"
    if isinstance(tree, Not):
        inner = render(tree.item, top=False)
        return f"NOT {inner}"
    if isinstance(tree, AnyWords) and len(tree.items) == 1:
        return render(tree.items[0], top)
    if isinstance(tree, AnyWords) and tree.common and top:
        # Only common words: written as typed, since "a OR to" would read as syntax whose every
        # word is common (refused), where "a to" reads as these words again.
        return " ".join(render(i, top=False) for i in tree.items)
    joiner = " AND " if isinstance(tree, And) else " OR "
    text = joiner.join(render(i, top=False) for i in tree.items)
    return text if top else f"({text})"


def _field_name(fieldname: str) -> str:
    """Return the name people type for an indexed field, which reads back as that field."""
    return next((typed for typed, field in FIELDS.items() if field == fieldname), fieldname)


def leaves(tree):
    """Yield the Word, Phrase and DateSpan nodes of a tree, and whether each is negated."""
    stack = [(tree, False)]
    while stack:
        node, negated = stack.pop()
        if isinstance(node, (And, Or)):
            stack.extend((i, negated) for i in reversed(node.items))
        elif isinstance(node, Not):
            stack.append((node.item, not negated))
        else:
            yield node, negated
