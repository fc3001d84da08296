"""A writer of new segments that gathers postings per term instead of pooling and sorting them.

Whoosh's SegmentWriter turns every posting into a tuple in a pool, sorts the pool (spilling
sorted runs to disk past `limitmb`), then hands the postings one at a time to the codec, which
looks up the document's field length for each. Documents get their numbers in the order they
are added, so each term's postings arrive in order: here a term keeps its document numbers,
weights and values in one flat list as they come, the flush sorts only the terms, and each
block of postings goes to the codec's block writer whole (search/whooshext/codec.py). Prose
fields keep only each word's number until the segment is written, when numpy makes their
postings (search/whooshext/prosepostings.py). The segment written is the same, file for file,
but for one thing: an unstemmed form (`=running`) whose postings are its stem's shares the
stem's posting list (a reader gets the same postings and term info from both; tests compare
them with Whoosh's writer).

The postings stay in memory until the segment is written: about 75 bytes each with their
terms (a prose word 4 bytes until then), some 180 a document of the benchmark's mix. Extraction
workers, which write the new documents of a run, use this writer and start a new segment past
a limit (search/index/extractpool.py); merging segments is left to Whoosh's.
"""
from __future__ import annotations

from datetime import datetime
from itertools import accumulate, chain

import numpy as np

from whoosh import formats
from whoosh.analysis import IDTokenizer
from whoosh.fields import ID
from whoosh.writing import SegmentWriter

from search.whooshext.codec import ArrayFieldWriter
from search.index.wordterms import by_words, terms_by_words, word_expansions
from search.index.schema import Expansions, ProseAnalyzer, writer_options
from search.whooshext.prosepostings import FieldPostings, ProseField

# Field values whose terms a writer remembers, and how many it keeps.
_REPEATING = frozenset({str, int, float, datetime})
INDEXED_KEPT = 50_000


def open_segment_writer(ix, unlocked: bool = False, **kwargs) -> BulkSegmentWriter:
    """Return a writer of one new segment of `ix`, written as every writer of the index does.

    `unlocked`: take no lock file, for a caller that holds the index's own lock.
    """
    if unlocked:
        kwargs["_lk"] = False
    return BulkSegmentWriter(ix, **writer_options(), **kwargs)


def open_unlocked_writer(ix, **kwargs):
    """Return Whoosh's writer of `ix` taking no lock file (the caller holds the index's lock)."""
    return ix.writer(_lk=False, **kwargs)


class BulkSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter with a TermPool (see the module's docstring)."""

    def __init__(self, ix, **kwargs) -> None:
        unsupported = [name for name, field in ix.schema.items()
                       if field.vector or field.separate_spelling()]
        if unsupported:
            raise ValueError(f"cannot write term vectors or spelling fields: {unsupported}")
        super().__init__(ix, **kwargs)
        self.pool = TermPool()
        # A field's terms for a value it had before: dates, positions, kinds, outlets repeat.
        self._indexed: dict[tuple[str, type, object], tuple] = {}
        self._plans: dict[str, tuple] = {}
        # Short text fields whose terms are put together from each word's (a memory per chain).
        self._by_words: dict[str, Expansions] = {}
        chains: list[tuple[object, Expansions]] = []
        for name, field in ix.schema.items():
            if by_words(field):
                known = next((known for chain, known in chains if chain == field.analyzer), None)
                if known is None:
                    known = word_expansions(field.analyzer)
                    chains.append((field.analyzer, known))
                self._by_words[name] = known
        # Fields indexing a text whole: ID fields as Whoosh makes them (no lowercasing).
        self._whole_values = frozenset(
            name for name, field in ix.schema.items()
            if type(field) is ID and type(field.analyzer) is IDTokenizer
            and type(field.format) is formats.Existence)

    def add_document(self, **fields) -> None:
        """Add one document, as Whoosh's writer does (no term vectors, no spelling fields)."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_terms = self.pool.add_terms
        add_prose = self.pool.add_prose
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        plans = self._plans
        for fieldname in fieldnames:
            value = fields[fieldname]
            if value is None:
                continue
            plan = plans.get(fieldname) or self._plan(fieldname)
            field, indexed, prose, scorable, stores, column, boostkey, storedkey = plan
            length = 0
            if indexed:
                fieldboost = float(fields[boostkey]) if boostkey in fields else docboost
                if prose and isinstance(value, str):
                    freqs = add_prose(fieldname, field, docnum, value, fieldboost)
                else:
                    freqs = add_terms(fieldname, docnum, self._terms_of(fieldname, field, value),
                                      fieldboost)
                if scorable:
                    length = freqs
            stored = fields.get(storedkey, value)
            perdocwriter.add_field(fieldname, field, stored if stores else None, length)
            if column and stored is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(stored))
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _plan(self, fieldname: str) -> tuple:
        """What adding a field's value needs to know of the field, looked up once: the field,
        whether it is indexed, prose (`is_positional_prose` for a text), scorable, stored, its
        column, and the names of its boost and stored value among a document's fields."""
        field = self.schema[fieldname]
        plan = self._plans[fieldname] = (
            field, field.indexed, is_positional_prose(field, ""), field.scorable, field.stored,
            field.column_type, "_%s_boost" % fieldname, "_stored_%s" % fieldname)
        return plan

    def _terms_of(self, fieldname: str, field, value):
        """`field.index(value)`, remembered for values that may repeat (not for unique ids)."""
        if type(value) is str and fieldname in self._whole_values:
            # What an ID field's analyser and Existence format make of a text: itself, once.
            return ((value.encode("utf-8"), 1, field.format.field_boost, b""),)
        if field.unique or type(value) not in _REPEATING:
            return field.index(value)
        key = (fieldname, type(value), value)  # 1 and 1.0 are equal keys
        terms = self._indexed.get(key)
        if terms is None:
            if len(self._indexed) >= INDEXED_KEPT:
                self._indexed.clear()
            expansions = self._by_words.get(fieldname) if type(value) is str else None
            terms = self._indexed[key] = tuple(
                field.index(value) if expansions is None
                else terms_by_words(field, expansions, value))
        return terms

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        perdoc = self.per_document_reader() if self.codec.length_stats else None
        if isinstance(self.fieldwriter, ArrayFieldWriter):
            self.fieldwriter.add_term_postings(self.schema, perdoc, self.pool.terms())
        else:
            self.fieldwriter.add_postings(self.schema, perdoc, self.pool.iter_postings())
        self.fieldwriter.close()
        if perdoc:
            perdoc.close()

    def finish_segment(self):
        """Write the segment out and return it, for another writer of the index to add."""
        return self._finalize_segment()


def release_writer(writer) -> None:
    """Release a writer whose commit failed, so that a long-lived process can write again."""
    if writer.is_closed:
        return
    try:
        writer.cancel()
    except Exception:  # closing half-written files may fail again on a full disk
        writer.is_closed = True
        if writer.writelock:
            writer.writelock.release()
        temp = getattr(writer, "_tempstorage", None)
        if temp is not None:  # else the next run's clean_build removes the temporary files
            temp.destroy()


def is_positional_prose(field, value) -> bool:
    """Whether a field's value is prose indexed with positions, which `ProseField` reads as
    Whoosh's tokens would give it."""
    return (type(field.format) is formats.Positions and isinstance(value, str)
            and isinstance(getattr(field, "analyzer", None), ProseAnalyzer))


class TermPool:
    """A new segment's postings: per field, per term, document numbers, weights and values.

    Each term's postings are one flat list, docnum, weight, value, docnum, ...: one object a
    term instead of four (measured: adding 12,000 documents 15% faster, 6% less memory a
    posting), and the docnum and weight objects are shared by every term of a document's
    field. Prose terms are kept by their text, the rest by their bytes; both are written in
    the order of their UTF-8 bytes, which is the order of their text.
    """

    def __init__(self) -> None:
        self.fields: dict[str, dict[bytes, list]] = {}
        self.prose: dict[str, ProseField] = {}
        self.in_order = True  # every term's document numbers ascending
        self.postings = 0

    def add_terms(self, fieldname: str, docnum: int, items, boost: float) -> int:
        """Add one document's terms of one field; return the sum of their frequencies."""
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        total = 0
        for btext, freq, weight, value in items:
            posting = (docnum, weight * boost, b"" if value is None else value)
            postings = terms.get(btext)
            if postings is None:
                terms[btext] = list(posting)
            else:
                postings += posting
            total += freq
            self.postings += 1
        return total

    def add_prose(self, fieldname: str, field, docnum: int, value: str, boost: float) -> int:
        """Add one document's prose value of a field; return its number of positions."""
        prose = self.prose.get(fieldname)
        if prose is None:
            prose = self.prose[fieldname] = ProseField(field.analyzer, field.format.field_boost)
        length = prose.add(docnum, value, boost)
        self.postings += length
        return length

    def add(self, item: tuple) -> None:
        """Add one posting (fieldname, term bytes, docnum, weight, value): Whoosh's pool call."""
        fieldname, btext, docnum, weight, value = item
        postings = self.fields.get(fieldname, {}).get(btext)
        if postings and docnum <= postings[-3]:
            self.in_order = False
        self.add_terms(fieldname, docnum, ((btext, 0, weight, value),), 1.0)

    def terms(self):
        """Yield (fieldname, [(term bytes, docnums, weights, values, shared)]) in the order
        written. `shared`: the bytes of a later term of the field with the same postings (a
        prose word's stem, where the word is its only form), whose postings the writer may
        store once for both; else None."""
        for fieldname in sorted(self.fields.keys() | self.prose.keys()):
            prose = self.prose.pop(fieldname, None)
            if prose is None:
                terms = self.fields[fieldname]
                yield fieldname, (TermPostings.of(terms) if self.in_order else
                                  ((btext, *self._split(terms[btext]), None)
                                   for btext in sorted(terms)))
            elif fieldname in self.fields:  # also given as a list of words (rare): keep both
                yield fieldname, self._merged(self.fields[fieldname], prose.postings())
            else:
                yield fieldname, prose.postings()

    def iter_postings(self):
        """Yield every posting as Whoosh's pool does, sorted by field, term and document."""
        for fieldname, terms in self.terms():
            for btext, ids, weights, values, _ in terms:
                for posting in zip(ids, weights, values):
                    yield (fieldname, btext, *posting)

    def _merged(self, terms: dict[bytes, list], prose: FieldPostings):
        """A field's terms given as bytes and as prose, each term's postings in docnum order."""
        self.in_order = False
        for word, ids, weights, values in prose.items():
            flat = [x for posting in zip(ids, weights, values) for x in posting]
            terms.setdefault(word.encode("utf-8"), []).extend(flat)
        return ((btext, *self._split(terms[btext]), None) for btext in sorted(terms))

    def _split(self, postings: list) -> tuple[list, list, list]:
        """A term's docnums, weights and values, in docnum order."""
        ids, weights, values = postings[0::3], postings[1::3], postings[2::3]
        if self.in_order:
            return ids, weights, values
        order = sorted(range(len(ids)), key=ids.__getitem__)
        return ([ids[i] for i in order], [weights[i] for i in order],
                [values[i] for i in order])

    def cleanup(self) -> None:
        """Nothing was written to disk (Whoosh's pool removes its sorted runs here)."""


class TermPostings(FieldPostings):
    """The postings of a field given as terms' bytes (not prose): as arrays, as a prose
    field's, so that its lists of a small block are written at once too."""

    @classmethod
    def of(cls, terms: dict[bytes, list]) -> TermPostings:
        """Return the postings of a `TermPool` field (each term's flat list in docnum order)."""
        ordered = sorted(terms)
        lists = list(map(terms.__getitem__, ordered))
        flat = list(chain.from_iterable(lists))
        values = flat[2::3]
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
        ends = np.cumsum(lengths)
        firsts = list(accumulate((len(postings) // 3 for postings in lists), initial=0))
        none = np.zeros(0, dtype=np.int64)  # no twins: only prose has unstemmed forms
        return cls(ordered, firsts[:-1], np.array(flat[0::3], dtype=np.int64),
                   np.array(flat[1::3], dtype=np.float64), b"".join(values), ends - lengths,
                   ends, (none, none))

    def term_bytes(self) -> list[bytes]:
        return self.terms

