"""Turn a parsed query tree into a Whoosh query against one searcher, expansions capped."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from search.errors import BadQuery
from search.extract.mail.chrome import clean_subject
from search.query.anyword import AnyWordsQuery
from search.query.parse import And, AnyWords, DateSpan, Not, Or, Phrase, Word
from search.index.schema import (DEFAULT_FIELDS, ORIGINAL_MARK, PROSE_FIELDS, QUERY_BOOSTS,
                                 fold_word)
from search.query.plain import listed
from search.query.suggest import terms_near
from search.whooshext.sizedor import SizedOr

if TYPE_CHECKING:  # the engine passes its columns in; the query stage never imports it
    from search.engine.columns import Columns

# A prefix or fuzzy word is searched as the most frequent words it matches, at most this many.
MAX_EXPANSIONS = 50
# Scanning more distinct words than this for one prefix is refused: the prefix is too short.
MAX_PREFIX_SCAN = 20_000
# Fuzzy words keep their first two letters fixed: far fewer candidates, and typos there are
# rare (issue 10 measured `ba~2` at 4-9 s with no fixed prefix).
FUZZY_PREFIX = 2
STEMMED_FIELDS = PROSE_FIELDS  # prose is stemmed (schema.text_analyzer)
# Plain words searched at most: the rarest this many of a pasted text (the commonest say least
# about what is wanted and cost the most to score). A 500-character paste holds about 60.
MAX_ANY_WORDS = 32
# Where a query of only common words is searched: the fields that index them (the title's
# words as written, names).
COMMON_WORD_FIELDS = ("title_words", "speaker", "outlet", "author")
# What a leaf with nothing searchable in it ("&&", a lone letter) compiles to: it is left out.
DROPPED = None


class DocnumSet(wq.Query):
    """Match a fixed set of top-level document numbers (dates read from the cached column)."""

    def __init__(self, docnums: frozenset[int], label: str) -> None:
        self.docnums = docnums
        self.label = label
        self.boost = 1.0
        self.fieldname = None  # not a field's query: Query.field() and the highlighter ask

    def __eq__(self, other) -> bool:
        return isinstance(other, DocnumSet) and other.docnums == self.docnums

    def __hash__(self) -> int:
        return hash(self.label)

    def __str__(self) -> str:
        return self.label

    __unicode__ = __str__

    def estimate_size(self, ixreader) -> int:
        return len(self.docnums)

    def matcher(self, searcher, context=None):
        offset = _offset_of(searcher)
        count = searcher.reader().doc_count_all()
        ids = sorted(d - offset for d in self.docnums if offset <= d < offset + count)
        # Weight 0: a date says nothing about relevance.
        return ListMatcher(ids, all_weights=0.0) if ids else NullMatcher()


def _offset_of(searcher) -> int:
    """Return the docnum offset of a sub-searcher within its parent (0 at the top)."""
    parent = searcher.get_parent() if searcher.has_parent() else None
    if parent is None:
        return 0
    for sub, offset in parent.subsearchers:
        if sub is searcher:
            return offset
    return 0


class Compiler:
    """Compiles trees for one searcher; collects notes on expansions and dropped words."""

    def __init__(self, searcher, columns: Columns, fields: tuple[str, ...] = DEFAULT_FIELDS,
                 threads: Callable[[str], frozenset[int]] | None = None) -> None:
        """`fields`: where a word without a field is looked for (who said what: the quotes).

        `threads`: the document numbers of a thread id, for `thread:` (the engine gives
        `threadindex.thread_docnums`); without it `thread:` names no thread.
        """
        self.threads = threads
        self.searcher = searcher
        self.reader = searcher.reader()
        self.schema = searcher.schema
        self.columns = columns
        self.fields = tuple(fields)
        self.notes: list[str] = []

    def compile(self, tree) -> wq.Query:
        """Return the Whoosh query for a tree.

        Raises:
            BadQuery: a prefix is too broad to expand, or nothing searchable is left.
        """
        compiled = self._node(tree)
        if compiled is DROPPED and isinstance(tree, Phrase) and tree.field in (None, "title") \
                and any(c.isalnum() for c in tree.text):
            compiled = self._common_phrase(tree)
        if compiled is DROPPED:
            raise BadQuery("the query has no searchable words ("
                           + "; ".join(self.notes) + ")", "empty_query")
        return compiled

    def _node(self, tree) -> wq.Query | None:
        if isinstance(tree, AnyWords):
            return self._any_words(tree)
        if isinstance(tree, (And, Or)):
            items = [q for q in map(self._node, tree.items) if q is not DROPPED]
            if not items:
                return DROPPED
            return items[0] if len(items) == 1 else (wq.And if isinstance(tree, And)
                                                     else SizedOr)(items)
        if isinstance(tree, Not):
            inner = self._node(tree.item)
            return DROPPED if inner is DROPPED else wq.Not(inner)
        if isinstance(tree, DateSpan):
            docs = frozenset(self.columns.date_range(tree.start, tree.end))
            return DocnumSet(docs, f"date:[{tree.start or '*'} TO {tree.end or '*'}]")
        if tree.field is None and getattr(tree, "kind", "word") == "word" \
                and not self._has_words(tree.text):
            # "S", "2", "'to": nothing a body would index; the name fields would match them
            # alone, and an AND with them would then find almost nothing.
            self.notes.append(_left_out(tree.text))
            return DROPPED
        if tree.field == "thread":
            return self._thread(tree.text)
        fields = [tree.field] if tree.field else list(self.fields)
        parts = [q for q in (self._leaf(tree, f) for f in fields if f in self.schema)
                 if q is not None]
        if isinstance(tree, Word) and tree.kind != "word":
            if not parts:
                self.notes.append(f"{tree.text}{'*' if tree.kind == 'prefix' else '~'} "
                                  "matches no word in the index")
                return wq.NullQuery
        elif not parts:
            self.notes.append(_left_out(tree.text))
            return DROPPED
        return parts[0] if len(parts) == 1 else SizedOr(parts)

    def _common_phrase(self, tree: Phrase) -> wq.Query:
        """Return the query for a quoted phrase of only common words ("to be or not to be"), the
        whole query: the text of documents keeps no such words, so every word of it is looked for
        in titles (their common words are indexed, not where) and the phrase in names."""
        self.notes = [n for n in self.notes if n != _left_out(tree.text)]  # searched after all
        found = []
        for fieldname in ("title_words",) if tree.field else COMMON_WORD_FIELDS:
            if fieldname not in self.schema:
                continue
            field, boost = self.schema[fieldname], QUERY_BOOSTS.get(fieldname, 1.0)
            if field.format.supports("positions"):
                found.append(self._analysed(tree.text, fieldname, boost, True))
            else:
                words = dict.fromkeys(t.text for t in field.analyzer(tree.text, mode="query"))
                found.append(wq.And([wq.Term(fieldname, w, boost=boost) for w in words])
                             if words else None)
        self.notes.append(f"{tree.text!r} holds only common words, which the text of documents "
                          "does not keep: searched as words of titles"
                          + ("" if tree.field else " and as a phrase in names"))
        return _either([q for q in found if q is not None]) or wq.NullQuery

    def _thread(self, thread: str) -> wq.Query:
        """Return the documents of one thread (`thread:<id>`, as hits and /thread/<id> give it)."""
        docs = self.threads(thread.strip().lower()) if self.threads else frozenset()
        if not docs:
            self.notes.append(f"thread:{thread} names no thread in the index")
        return DocnumSet(docs, f"thread:{thread}")

    def _any_words(self, tree: AnyWords) -> wq.Query:
        """Return the query for plain words: one part a word, the rarest MAX_ANY_WORDS kept.

        Words that search the same terms in every field ("Guterres", "Gutérres") are one part,
        typed as often as both were: a repeated word weighs more, whatever its accents. ("talk"
        and "talks" share a stem in prose but not in names: two parts, each weighing.)
        """
        parts: list[tuple[str, wq.Query]] = []
        typed: list[int] = []
        for word, times in zip(tree.items, tree.times()):
            if tree.common:
                found = [q for q in (self._leaf(word, f) for f in COMMON_WORD_FIELDS
                                     if f in self.schema) if q is not None]
                part = _either(found)
            else:
                part = self._node(word)
            if part is DROPPED:
                continue
            same = next((n for n, (_, seen) in enumerate(parts) if seen == part), None)
            if same is None:
                parts.append((word.text, part))
                typed.append(times)
            else:
                typed[same] += times
        if len(parts) > MAX_ANY_WORDS:
            parts, typed = self._rarest(parts, typed)
        if not parts and not tree.common:
            return DROPPED  # nothing searchable: compile() answers empty_query
        if not parts:
            self.notes.append("nothing in the query is indexed: no document can match")
            return wq.NullQuery
        if len(parts) == 1:
            return parts[0][1]
        return AnyWordsQuery([part for _, part in parts], words=[text for text, _ in parts],
                             typed=typed)

    def _rarest(self, parts: list[tuple[str, wq.Query]],
                typed: list[int]) -> tuple[list[tuple[str, wq.Query]], list[int]]:
        """Return the MAX_ANY_WORDS rarest words the index holds, and the times each was typed."""
        frequency = {text: self._frequency(part) for text, part in parts}
        # The rarest words the index holds: a word no document holds would take a place
        # and find nothing (a pasted abstract is full of them in another collection).
        absent = [text for text, _ in parts if not frequency[text]]
        held = [text for text, _ in parts if frequency[text]] or absent
        rarest = set(sorted(held, key=lambda t: frequency[t])[:MAX_ANY_WORDS])
        dropped = [text for text in held if text not in rarest]
        if absent and held is not absent:
            self.notes.append(f"{len(absent)} word(s) found in no document were left out: "
                              + listed(absent))
        if dropped:
            self.notes.append(f"{len(dropped)} of the commonest words were left out: "
                              + listed(dropped))
        kept = [n for n, (text, _) in enumerate(parts) if text in rarest]
        return [parts[n] for n in kept], [typed[n] for n in kept]

    def _frequency(self, query: wq.Query) -> int:
        """Return how many documents hold a word's terms, summed over its fields."""
        return sum(self.reader.doc_frequency(fieldname, text)
                   for fieldname, text in query.iter_all_terms())

    def _has_words(self, text: str) -> bool:
        """Tell whether prose analysis leaves anything of the text."""
        return any(True for _ in self.schema["body"].analyzer(text, mode="query"))

    def _leaf(self, node, fieldname: str) -> wq.Query | None:
        boost = QUERY_BOOSTS.get(fieldname, 1.0)
        if fieldname == "carrier":
            if isinstance(node, Word) and node.kind != "word":
                return self._expanded(node, fieldname, boost)
            return _either([wq.Term(fieldname, t, boost=boost) for t in self._carriers(node.text)])
        if isinstance(node, Word) and node.kind != "word":
            return self._expanded(node, fieldname, boost)
        text = node.text
        if fieldname == "title" and isinstance(node, Phrase):
            # A subject line pasted as it reads ("Re: [Twisted-web] Deferred 101"): the index
            # keeps a mail's title without list tags and Re:/Fwd: markers (the one rule for both).
            text = clean_subject(text) or text
        return self._analysed(text, fieldname, boost, isinstance(node, Phrase))

    def _carriers(self, text: str) -> list[str]:
        """Return the lists (kept as each calls itself) a typed `list:` name means, in any case:
        `l:twisted-web` finds "Twisted-web" as `outlet:` does."""
        wanted = text.lower()
        held = [t.decode("utf-8") if isinstance(t, bytes) else t for t in self.reader.lexicon("carrier")]
        return sorted({t for t in held if t.lower() == wanted} | {text, wanted})

    def _analysed(self, text: str, fieldname: str, boost: float,
                  phrase: bool) -> wq.Query | None:
        """Return the query for typed text: a term, or the joined and split forms of compounds."""
        analyzer = self.schema[fieldname].analyzer
        tokens = [(t.text, t.compound) for t in analyzer(text, positions=True, mode="query")]
        joined = [w for w, kind in tokens if kind != "part"]
        split = [w for w, kind in tokens if kind != "joined"]
        forms = []
        for words in (joined, split) if joined != split else (joined,):
            if len(words) == 1:
                forms.append(wq.Term(fieldname, words[0], boost=boost))
            elif words:
                forms.append(wq.Phrase(fieldname, words, boost=boost))
        return _either(forms)

    def _expanded(self, node: Word, fieldname: str, boost: float) -> wq.Query | None:
        """Return the words of the index a prefix* or word~ stands for, most frequent first."""
        folded = fold_word(node.text) if fieldname != "carrier" else node.text
        marks = [ORIGINAL_MARK, ""] if fieldname in STEMMED_FIELDS else [""]
        if node.kind == "prefix":
            candidates = [t for mark in marks
                          for t in self._scan_prefix(fieldname, mark + folded, node)]
        else:
            candidates = [t for t, _ in terms_near(self.reader, fieldname, folded,
                                                   node.distance, FUZZY_PREFIX)]
        found = {t: self.reader.doc_frequency(fieldname, t) for t in candidates}
        ranked = sorted(found, key=lambda t: (-found[t], t))
        label = f"{node.text}{'*' if node.kind == 'prefix' else '~' + str(node.distance)}"
        words = sorted({t.lstrip(ORIGINAL_MARK) for t in ranked})
        if len(ranked) > MAX_EXPANSIONS:
            self.notes.append(f"{fieldname}:{label} matches {len(words)} words; the "
                              f"{MAX_EXPANSIONS} most frequent are searched")
            ranked = ranked[:MAX_EXPANSIONS]
        if not ranked:
            return None
        return SizedOr([wq.Term(fieldname, t, boost=boost) for t in ranked])

    def _scan_prefix(self, fieldname: str, prefix: str, node: Word) -> list[str]:
        terms = []
        for n, term in enumerate(self.reader.expand_prefix(fieldname, prefix)):
            if n >= MAX_PREFIX_SCAN:
                raise BadQuery(f"{node.text}* matches too many words: add letters to the "
                               "prefix", "prefix_too_broad")
            terms.append(term.decode("utf-8") if isinstance(term, bytes) else term)
        return terms


def _left_out(text: str) -> str:
    if not any(c.isalnum() for c in text):
        return f"{text!r} has nothing searchable in it and was left out"
    return f"{text!r} is too short or too common to search and was left out"


def _either(forms: list) -> wq.Query | None:
    if not forms:
        return None
    return forms[0] if len(forms) == 1 else SizedOr(forms)

