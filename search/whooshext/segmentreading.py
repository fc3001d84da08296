"""What a searcher's segments hold, read below Whoosh's public reader: column files, postings.

Whoosh opens a segment's column files lazily and hides them behind its per-document reader;
`hold_files` opens them all at once, so that a merge deleting them later cannot take them from
a searcher still answering (an open file outlives its deletion, a name does not).
`segment_postings` reads a term's documents in one segment with its deleted documents included,
which `IndexReader.postings` leaves out. `stored_fields` reads a document's stored fields from its
segment's per-document reader, without the reader's layers above it.
"""
from __future__ import annotations

from bisect import bisect_right

import numpy as np

from search.whooshext import capabilities

COLUMN_SUFFIX = ".col"


def hold_files(searcher) -> None:
    """Open now every column file of the searcher's segments, which Whoosh opens lazily."""
    if not capabilities.available("held column files"):
        return  # Whoosh keeps opening them lazily, as it always did
    for leaf, _ in searcher.reader().leaf_readers():
        perdoc, segment = getattr(leaf, "_perdoc", None), getattr(leaf, "_segment", None)
        opened = getattr(perdoc, "_colfiles", None)
        if opened is None or segment is None:
            continue  # another codec or storage: nothing we know how to hold
        prefix = segment.segment_id() + "."
        for name in leaf.storage().list():
            if name.startswith(prefix) and name.endswith(COLUMN_SUFFIX):
                fieldname = name[len(prefix):-len(COLUMN_SUFFIX)]
                if fieldname not in opened:
                    opened[fieldname] = perdoc._get_column_file(fieldname)
        # Whoosh asks the folder whether a column exists; once a merge deleted the file it
        # would say no. A segment never changes, so what was there when opened is the answer.
        perdoc.has_column = opened.__contains__


def segment_postings(leaf, fieldname: str, term) -> np.ndarray:
    """Return the documents of one segment holding `term`, deleted ones included."""
    fmt = leaf.schema[fieldname].format
    terms = getattr(leaf, "_terms", None)
    if terms is not None:  # the segment's own terms reader, already open
        return np.fromiter(terms.matcher(fieldname, term, fmt).all_ids(), dtype=np.int32)
    # Whoosh's public codec interface: open the segment's terms reader for this term.
    reader = leaf.codec().terms_reader(leaf.storage(), leaf.segment())
    try:
        return np.fromiter(reader.matcher(fieldname, term, fmt).all_ids(), dtype=np.int32)
    finally:
        reader.close()


def stored_fields(searcher, docnum: int) -> dict:
    """Return a document's stored fields, read from its segment's per-document reader.

    Whoosh's `stored_fields` finds the segment and copies the dict, keeping only the fields the
    schema still has: 7 of the 25 us a hit's stored fields cost on the 20k Usenet archive. The
    callers read fields by name, so a field no longer in the schema is never read.
    """
    leaves = searcher.reader().leaf_readers()
    leaf, offset = leaves[bisect_right([o for _, o in leaves], docnum) - 1]
    perdoc = getattr(leaf, "_perdoc", None)
    if perdoc is None or leaf.is_closed:  # another reader, or closed: Whoosh's way (it raises)
        return searcher.stored_fields(docnum)
    return perdoc.stored_fields(docnum - offset)
