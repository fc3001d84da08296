"""Per-searcher columns for filters and facets, assembled from parts read once per segment.

Reading the outlet and speaker postings, the date column and the copy signatures of 20,000
documents costs about 0.45 s, and every worker used to pay it after every commit, on the request
that found the new generation. A commit adds a small segment and leaves the large ones alone, and
a Whoosh segment never changes once written except for the documents it marks deleted. So each
segment's `Part` (by its own document numbers, deleted documents included) is read once per
process and kept while the segment is live; the columns of a new searcher are assembled from the
parts, each shifted by its segment's document base, with its current deletions left out.
Copies are found within a segment once, and between two segments once per pair.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
from whoosh.util.times import long_to_datetime

from search.engine.mailcopies import MailCopies, MailGeneration
from search.engine.segmentcache import persisted, persisted_pair
from search.engine.segmentmemo import SegmentMemo
from search.features import dedup
from search.features.clusters import Clusters, clusters_from_edges
from search.extract.speakers.forms import canonical_speakers
from search.index.schema import fold_word
from search.whooshext.segmentreading import segment_postings


@dataclass
class Columns:
    """Per-searcher columns for filters and facets."""

    outlet: dict[str, set[int]]
    speaker: dict[str, set[int]]
    dates: list[tuple[int, int]]  # (ordinal, docnum), sorted
    date_of: dict[int, int]  # docnum -> ordinal
    clusters: Clusters = field(default_factory=Clusters)
    # "Netanyahu" -> "Benjamin Netanyahu" where the archive knows only one fuller form.
    canonical: dict[str, str] = field(default_factory=dict)
    threads: object = None  # search.features.threads.IndexedThreads, built on first use
    # its copies held twice and stored mail (mailcopies.py), compared there (it holds readers)
    mail: MailGeneration | None = field(default=None, compare=False)
    values: object = field(default=None, compare=False)  # engine/docvalues.DocValues, built once
    kept_documents: object = None  # search.engine.threadindex.kept_documents (shared)
    date_docnums: list[int] | None = None  # the docnums of `dates`, in its order
    speaker_words: dict[str, set[str]] | None = None  # a word, folded -> the names holding it

    def speakers_with_word(self, word: str) -> set[str]:
        """Return the speakers quoted in a live document whose names hold a word, in any case
        and accents folded."""
        if self.speaker_words is None:
            by_word: dict[str, set[str]] = {}
            for name, docs in self.speaker.items():
                for each in fold_word(name).split() if docs else ():
                    by_word.setdefault(each, set()).add(name)
            self.speaker_words = by_word
        return self.speaker_words.get(fold_word(word), set())

    def names(self, names: list[str]) -> list[str]:
        """Return speaker names in their archive-wide fullest form, each once, in order."""
        return list(dict.fromkeys(self.canonical.get(n, n) for n in names))

    def date_range(self, start: date | None, end: date | None) -> set[int]:
        """Return the docnums dated within [start, end] (either end may be open)."""
        lo = bisect_left(self.dates, (start.toordinal(), -1)) if start else 0
        hi = bisect_right(self.dates, (end.toordinal(), 1 << 62)) if end else len(self.dates)
        if self.date_docnums is None or len(self.date_docnums) != len(self.dates):
            self.date_docnums = [docnum for _, docnum in self.dates]
        return set(self.date_docnums[lo:hi])  # a month of a mail archive: thousands


# The modules whose code makes a segment's `Part` (its cached copy is keyed by their source).
PART_MODULES = ("engine/columns.py", "features/dedup.py", "whooshext/segmentreading.py")


@dataclass
class Part:
    """What one segment adds to the columns, by the segment's own document numbers.

    Compact (numpy arrays, band hashes but not signatures): a process keeps one for every
    live segment beside the columns assembled from them.
    """

    outlet: dict[str, np.ndarray]
    speaker: dict[str, np.ndarray]
    dated: np.ndarray  # documents with a date
    ordinals: np.ndarray  # their dates, as ordinals
    bands: dedup.Bands
    edges: list[tuple[int, int]]  # copies within the segment
    ids: dict[int, str] = field(default_factory=dict)  # filled as clusters need them


def read_part(leaf) -> Part:
    """Read one segment reader's part, deleted documents included."""
    date_of: dict[int, int] = {}
    if leaf.has_column("date"):
        # Raw values: documents without a date hold a default that does not translate.
        column = leaf.column_reader("date", translate=False)
        for docnum in range(leaf.doc_count_all()):
            when = _long_to_date(column[docnum])
            if when is not None:
                date_of[docnum] = when.toordinal()
    count = leaf.doc_count_all()
    signatures: Iterable = ()
    if leaf.has_column(dedup.SIGNATURE_FIELD):
        column = leaf.column_reader(dedup.SIGNATURE_FIELD)
        signatures = ((d, column[d]) for d in range(count))
    bands = dedup.Bands(signatures, count)
    return Part(_postings_by_term(leaf, "outlet_key"), _postings_by_term(leaf, "speaker_key"),
                np.fromiter(date_of, dtype=np.int32, count=len(date_of)),
                np.fromiter(date_of.values(), dtype=np.int32, count=len(date_of)),
                bands, bands.edges)


def _long_to_date(value) -> datetime | None:
    try:
        when = long_to_datetime(value)
    except (OverflowError, TypeError, ValueError):
        return None
    return when if 1 < when.year < 9999 else None


def _postings_by_term(leaf, fieldname: str) -> dict[str, np.ndarray]:
    """Return each term's documents in one segment, deleted ones included."""
    found: dict[str, np.ndarray] = {}
    if fieldname not in leaf.schema:
        return found
    for term in leaf.lexicon(fieldname):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        # Deleted documents included: `leaf.postings` would leave out the documents deleted
        # now, and the part outlives this generation's deletions.
        found[text] = segment_postings(leaf, fieldname, term)
    return found


class ColumnCache:
    """The parts of the segments a process has open, and the copies between them."""

    def __init__(self) -> None:
        # each segment's part and the copies between pairs (`read_part` looked up when called)
        # (kept on disk for the next process: segmentcache.py)
        self._segments: SegmentMemo[Part] = SegmentMemo(persisted(
            "columns", lambda leaf: read_part(leaf), PART_MODULES))
        self._copies_between = persisted_pair("edges", self._find_edges, PART_MODULES)
        self._mail = MailCopies()

    def columns(self, searcher) -> Columns:
        """Return the columns of a searcher, reading only the segments not seen before.

        The generation's copies of messages are found with them (`MailCopies`, per segment too),
        so that no search of the generation pays for them.
        """
        leaves = segment_leaves(searcher)
        self._segments.follow(leaves)
        columns = self._assemble(leaves)
        columns.mail = self._mail.generation(leaves)
        return columns

    def _assemble(self, leaves: list) -> Columns:
        outlet: dict[str, set[int]] = {}
        speaker: dict[str, set[int]] = {}
        date_of: dict[int, int] = {}
        edges: list[tuple[int, int]] = []
        for i, (segid, leaf, base, deleted) in enumerate(leaves):
            part = self._segments.parts[segid]
            for own, into in ((part.outlet, outlet), (part.speaker, speaker)):
                for term, docs in own.items():
                    shifted = {base + d for d in docs.tolist() if d not in deleted}
                    if shifted:
                        into.setdefault(term, set()).update(shifted)
            date_of.update((base + d, o) for d, o in zip(part.dated.tolist(), part.ordinals.tolist())
                           if d not in deleted)
            edges += [(base + a, base + b) for a, b in part.edges
                      if a not in deleted and b not in deleted]
            for other, other_leaf, other_base, other_deleted in leaves[:i]:
                edges += [(base + a, other_base + b)
                          for a, b in self._edges_between((segid, leaf), (other, other_leaf))
                          if a not in deleted and b not in other_deleted]
        canonical = canonical_speakers({"archive": list(speaker)})
        for short, full in canonical.items():
            speaker.setdefault(full, set()).update(speaker.pop(short, set()))
        dates = sorted((ordinal, docnum) for docnum, ordinal in date_of.items())
        clusters = clusters_from_edges(edges, date_of, self._id_reader(leaves))
        return Columns(outlet, speaker, dates, date_of, clusters, canonical)

    def _edges_between(self, own: tuple, other: tuple) -> list[tuple[int, int]]:
        """Return the copies between two segments, each given as (segment id, reader), the newer
        first (0.22 s of CPU for a 48,000-document index's two segments: kept on disk)."""
        return self._segments.pair((own[0], other[0]), lambda: self._copies_between(own[1], other[1]))

    def _find_edges(self, leaf, other_leaf) -> list[tuple[int, int]]:
        parts = self._segments.parts
        return parts[leaf.segment().segment_id()].bands.edges_to(
            parts[other_leaf.segment().segment_id()].bands, _signatures(leaf), _signatures(other_leaf))

    def _id_reader(self, leaves: list):
        """Return a function from a docnum to its document id, remembered in the parts."""
        # The parts themselves, not their ids: a generation being prepared in another thread
        # may drop a segment from the parts while this one still serves from it.
        starts = [(base, segid, leaf) for segid, leaf, base, _ in leaves]
        parts = {segid: self._segments.parts[segid] for segid, *_ in leaves}

        def id_of(docnum: int) -> str:
            base, segid, leaf = starts[bisect_right(starts, (docnum, "\uffff")) - 1]
            ids = parts[segid].ids
            local = docnum - base
            if local not in ids:
                ids[local] = leaf.stored_fields(local)["id"]
            return ids[local]
        return id_of


def segment_leaves(searcher) -> list[tuple[str, object, int, set[int]]]:
    """Return (segment id, segment reader, docbase, deleted docnums) of a searcher's segments."""
    leaves = []
    for leaf, base in searcher.reader().leaf_readers():
        if not leaf.doc_count_all():
            continue  # an empty index has a reader with no segment
        segment = leaf.segment()
        leaves.append((segment.segment_id(), leaf, base, set(segment.deleted_docs())))
    return leaves


def _signatures(leaf):
    """Return a function from a segment's docnum to its signature, read from the column."""
    column = leaf.column_reader(dedup.SIGNATURE_FIELD)
    return column.__getitem__


def filter_docnums(columns: Columns, request) -> set[int] | None:
    """Return the docnums a SearchRequest's filters allow, or None when it sets none."""
    allowed: set[int] | None = None
    for values, by_value in ((request.outlets, columns.outlet),
                             (columns.names(request.speakers), columns.speaker)):
        for value in values:
            docs = by_value.get(value, set())
            allowed = docs if allowed is None else allowed & docs
    if request.date_from or request.date_to:
        docs = columns.date_range(request.date_from, request.date_to)
        allowed = docs if allowed is None else allowed & docs
    return allowed


# Names offered when a filter's value names no document.
FILTER_ALTERNATIVES = 5
# A value no document has is said back by its first characters (a 5,000-character paste is not
# worth a note of 5,000).
NOTE_VALUE_CHARS = 100


def filter_notes(columns: Columns, request) -> list[str]:
    """Say which filter values name no document, and the archive's names they may mean.

    A filter takes a name as the facets give it ("Ismail Haniyeh", "Reuters"): a script that
    sends `speaker=haniyeh` would otherwise get nothing and no word why. Offered: the names equal
    to the value but for case, or holding it as one of their words.
    """
    notes = []
    for kind, values, by_value in (("outlet", request.outlets, columns.outlet),
                                   ("speaker", columns.names(request.speakers), columns.speaker)):
        for value in values:
            if by_value.get(value):
                continue
            wanted = fold_word(value)
            like = sorted(name for name in by_value if by_value[name] and (
                fold_word(name) == wanted or wanted in fold_word(name).split()))
            asked = value if len(value) <= NOTE_VALUE_CHARS else value[:NOTE_VALUE_CHARS] + "…"
            note = f"no document has the {kind} {asked!r} (a filter takes a name as the facets give it)"
            if like:
                shown = ", ".join(repr(name) for name in like[:FILTER_ALTERNATIVES])
                more = len(like) - FILTER_ALTERNATIVES
                note += f"; the archive has {shown}" + (f" and {more} more" if more > 0 else "")
            notes.append(note)
    return notes
