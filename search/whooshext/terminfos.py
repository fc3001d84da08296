"""A term's infos in each segment of a searcher, found once: its postings, document frequency, idf.

Whoosh finds a term in a segment's on-disk hash table for each question asked of it: whether the
segment holds it (`term in reader`), its postings (`reader.postings` finds it again) and its
document frequency (`searcher.idf` asks every segment once more). Scoring a plain word in its
five default fields did that three times per field and segment: 38% of matching a query of the
benchmark's log. Here each (field, term) is looked up once per segment with the public
`reader.term_info`, kept per searcher (a segment never changes), and its postings are opened
from that info through the segment's codec, as `reader.postings` opens them.
"""
from __future__ import annotations

from collections import OrderedDict
from math import log

from whoosh import scoring
from whoosh.reading import TermNotFound

# Terms kept per searcher (a few hundred bytes each); past it the dictionary starts again.
TERMS_KEPT = 50_000
# Postings kept decoded per searcher, the least recently used let go first: 24 bytes each
# (docnum, frequency, field length), 24 MB a process at most. In a log of distinct queries 80%
# of the postings read were of a term read before: the common words of many queries.
POSTINGS_KEPT = 1_000_000

# The searcher's attribute holding them: they refer to the searcher, so a table keyed by
# searcher (even a weak one) would keep every searcher alive; an attribute goes with it.
ATTRIBUTE = "archive_search_term_infos"


def term_infos(searcher) -> TermInfos:
    """Return the term infos of `searcher`, kept as long as the searcher is."""
    found = getattr(searcher, ATTRIBUTE, None)
    if found is None:
        found = TermInfos(searcher)
        setattr(searcher, ATTRIBUTE, found)
    return found


class TermInfos:
    """Each term's info in each segment of one searcher, looked up once."""

    def __init__(self, searcher, kept: int = TERMS_KEPT) -> None:
        self.searcher = searcher
        self.leaves = searcher.leaf_searchers()
        self.kept = kept
        self._found: dict[tuple[str, bytes], tuple] = {}
        self._idf: dict[tuple[str, bytes], float] = {}
        # Whoosh's own idf formula, computed from the infos, unless the weighting has its own.
        self._own_idf = type(searcher.weighting).idf is scoring.WeightingModel.idf
        self.postings_kept = POSTINGS_KEPT
        self._decoded: OrderedDict[tuple, tuple[list, int]] = OrderedDict()
        self._decoded_size = 0

    def of(self, fieldname: str, tbytes: bytes) -> tuple:
        """Return (leaf number, term info) for each segment holding the term."""
        key = (fieldname, tbytes)
        found = self._found.get(key)
        if found is None:
            found = tuple(self._lookup(fieldname, tbytes))
            if len(self._found) >= self.kept:
                self._found.clear()
            self._found[key] = found
        return found

    def _lookup(self, fieldname: str, tbytes: bytes):
        for number, (leaf, _) in enumerate(self.leaves):
            try:
                yield number, leaf.reader().term_info(fieldname, tbytes)
            except TermNotFound:
                continue

    def doc_frequency(self, fieldname: str, tbytes: bytes) -> int:
        """Return how many documents hold the term, deleted ones included (as Whoosh counts)."""
        return sum(info.doc_frequency() for _, info in self.of(fieldname, tbytes))

    def idf(self, fieldname: str, tbytes: bytes) -> float:
        """Return the term's idf, the value `searcher.idf` gives."""
        if not self._own_idf:
            return self.searcher.idf(fieldname, tbytes)
        key = (fieldname, tbytes)
        found = self._idf.get(key)
        if found is None:
            if len(self._idf) >= self.kept:
                self._idf.clear()
            n = self.doc_frequency(fieldname, tbytes)  # WeightingModel.idf's formula, as it is
            found = self._idf[key] = log(self.searcher.doc_count_all() / (n + 1)) + 1
        return found

    def decoded(self, key: tuple) -> list | None:
        """Return the decoded postings kept under `key` (see `keep_decoded`), None if none."""
        found = self._decoded.get(key)
        if found is None:
            return None
        try:
            self._decoded.move_to_end(key)
        except KeyError:  # another thread (a threaded server) let it go meanwhile: still valid
            pass
        return found[0]

    def keep_decoded(self, key: tuple, parts: list) -> None:
        """Keep a term's decoded postings: a list of tuples of numpy arrays, the first of each
        its docnums (made read-only here: every caller gets the same arrays)."""
        size = sum(len(part[0]) for part in parts)
        if size > self.postings_kept // 4 or key in self._decoded:
            return  # one word of most documents would push out the rest; or kept already
        for part in parts:
            for array in part:
                array.flags.writeable = False
        self._decoded[key] = (parts, size)
        self._decoded_size += size
        while self._decoded_size > self.postings_kept and self._decoded:
            _, (_, dropped) = self._decoded.popitem(last=False)
            self._decoded_size -= dropped

    def postings(self, fieldname: str, tbytes: bytes):
        """Yield (leaf searcher, docnum offset, matcher) for each segment holding the term.

        The matcher is the one `reader.postings` gives (deleted documents filtered out).
        """
        for number, info in self.of(fieldname, tbytes):
            leaf, offset = self.leaves[number]
            yield leaf, offset, self._matcher(leaf.reader(), fieldname, tbytes, info)

    @staticmethod
    def _matcher(reader, fieldname: str, tbytes: bytes, info):
        postfile = getattr(getattr(reader, "_terms", None), "_postfile", None)
        if postfile is None or reader.has_deletions():
            return reader.postings(fieldname, tbytes)  # Whoosh finds the term again
        return reader.codec().postings_reader(postfile, info, reader.schema[fieldname].format,
                                              term=(fieldname, tbytes))


def existing_terms(searcher, query, fieldname: str) -> set[tuple[str, bytes]]:
    """Return the query's terms of `fieldname` that the index holds, with expansions: what
    `query.existing_terms(reader, phrases=True, expand=True, fieldname=...)` returns, each
    term's presence read from the searcher's infos (the highlighter asked every segment again
    for every term of every field, per field highlighted)."""
    infos, reader = term_infos(searcher), searcher.reader()
    schema = reader.schema
    found: set[tuple[str, bytes]] = set()
    for leaf in query.leaves():
        if fieldname != leaf.field():
            continue
        for name, text in leaf.expanded_terms(reader, phrases=True):
            if name not in schema:
                continue
            try:
                btext = schema[name].to_bytes(text)
            except ValueError:
                continue
            if infos.of(name, btext):
                found.add((name, btext))
    return found
