"""Read a segment's posting blocks whole, as numpy arrays, from Whoosh's leaf matchers."""
from __future__ import annotations

import pickle
import time
from itertools import accumulate

import numpy as np
from whoosh import formats
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import TimeLimit

from search.whooshext.codec import ArrayLeafMatcher

# A part's matches: docnums, ascending and unique, and their scores.
Matches = tuple[np.ndarray, np.ndarray]
NOTHING: Matches = (np.zeros(0, dtype=np.int64), np.zeros(0))


# A union of docnums is gathered through a mask by docnum once its parts hold more than one
# docnum in this many of the index's documents; below that np.unique's sort costs less than the
# mask's pass over every document.
MASK_FROM = 16


class Unsupported(Exception):
    """A part of the query that only Whoosh's matchers evaluate."""


def union_ids(arrays: list[np.ndarray], documents: int) -> np.ndarray:
    """Return the distinct docnums of `arrays` (each below `documents`), ascending: what
    `np.unique(np.concatenate(arrays))` returns. A question's words hold a good part of the
    archive, and np.unique hashed and sorted them again for every word and the whole query
    (a third of a question's matching); a mask by docnum needs neither."""
    if not arrays:
        return NOTHING[0]
    if sum(len(a) for a in arrays) * MASK_FROM < documents:
        return np.unique(np.concatenate(arrays))
    mask = np.zeros(documents, dtype=bool)
    for ids in arrays:
        mask[ids] = True
    return np.flatnonzero(mask).astype(np.int64, copy=False)


def placer(ids: np.ndarray, documents: int):
    """Return a function giving the places in `ids` (ascending docnums below `documents`) of
    docnums drawn from them: `np.searchsorted(ids, some)`, or for a union over a good part of
    the archive (as `union_ids` gathers by mask) one look-up in a table by docnum."""
    if len(ids) * MASK_FROM < documents:
        return lambda some: np.searchsorted(ids, some)
    table = np.zeros(documents, dtype=np.int64)
    table[ids] = np.arange(len(ids))
    return table.__getitem__


def postings(matcher, deadline: float) -> tuple[np.ndarray, np.ndarray]:
    """Return the docnums and weights of a segment's postings, read a block at a time.

    Raises:
        TimeLimit: the deadline passed (checked every block: a common word has thousands).
    """
    deleted, matcher = _live(matcher)
    ids, weights = [], []
    for block_ids, block_weights, _ in _blocks(matcher, deadline, values=False):
        ids.append(block_ids)
        weights.append(block_weights)
    if not ids:
        return NOTHING
    ids, weights = np.concatenate(ids), np.concatenate(weights)
    if deleted:
        kept = ~np.isin(ids, np.fromiter(deleted, dtype=np.int64))
        ids, weights = ids[kept], weights[kept]
    return ids, weights


def weights_and_values(matcher, docnums: np.ndarray, deadline: float
                       ) -> list[tuple[float, bytes]]:
    """Return (weight, encoded value) of a segment's postings at `docnums`, in their order.

    `docnums` are ascending, live and each held by the term (found in its postings): a block
    holding none of them is skipped unread, and only the blocks holding some have their values
    (a phrase's positions) read.

    Raises:
        TimeLimit: the deadline passed.
    """
    _, matcher = _live(matcher)
    found: list[tuple[float, bytes]] = []
    i = 0
    while i < len(docnums) and matcher.is_active():
        if time.perf_counter() > deadline:
            raise TimeLimit
        last = matcher.block_max_id()
        if last >= docnums[i]:
            upto = int(np.searchsorted(docnums, last, side="right"))
            if isinstance(matcher, ArrayLeafMatcher):
                ids, weights = matcher.block_arrays()
                at = np.searchsorted(ids, docnums[i:upto]).tolist()
                values = matcher.values_at(at)
            else:  # a segment written by W3
                ids, weights = _w3_block(matcher)
                at = np.searchsorted(ids, docnums[i:upto]).tolist()
                matcher._read_values()
                values = [matcher._values[a] for a in at]
            found.extend(zip(weights[at].tolist(), values))
            i = upto
        matcher._next_block()
    return found


def positions_decoder(fmt):
    """Return a function giving a posting's positions from its value, as
    `fmt.decode_positions` does: for Whoosh's own Positions format, the pickled deltas summed by
    `itertools.accumulate` (an iterator) instead of a Python loop over them; a phrase of two
    common words decodes hundreds of postings."""
    if type(fmt).decode_positions is not formats.Positions.decode_positions:
        return fmt.decode_positions

    def decode(value: bytes):
        # Whoosh's own steps: the pickle's stop mark added where the writer left it off, the
        # count before it skipped, the deltas added up from 0.
        if not value.endswith(b"."):
            value += b"."
        return accumulate(pickle.loads(value[formats._INT_SIZE:]))
    return decode


def _live(matcher) -> tuple[frozenset, W3LeafMatcher]:
    """Return (deleted docnums, the leaf matcher under a segment's deletion filter)."""
    deleted = frozenset()
    if isinstance(matcher, FilterMatcher):
        if not getattr(matcher, "_exclude", False) or not hasattr(matcher, "_ids"):
            raise Unsupported("a filter other than a segment's deletions")
        deleted, matcher = matcher._ids, matcher.child
    if type(matcher) not in (W3LeafMatcher, ArrayLeafMatcher):
        raise Unsupported(type(matcher).__name__)
    return deleted, matcher


def _w3_block(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """Return the docnums and weights of a W3 block."""
    if matcher._data is None:
        matcher._read_data()
    ids, weights = matcher._data[0], matcher._data[1]
    ids = np.array(ids, dtype=np.int64)
    if not matcher._byteids:  # delta-coded: Whoosh's delta_decode
        ids = np.cumsum(ids)
    if weights is None or isinstance(weights, float):  # Whoosh's _read_weights
        return ids, np.full(len(ids), 1.0 if weights is None else weights)
    return ids, np.array(weights, dtype=np.float64)


def _blocks(matcher: W3LeafMatcher, deadline: float, values: bool):
    """Yield (docnums, weights, values or None) of each posting block, as arrays."""
    while matcher.is_active():
        if time.perf_counter() > deadline:
            raise TimeLimit
        if isinstance(matcher, ArrayLeafMatcher):
            ids, weights = matcher.block_arrays()
        else:  # a segment written by W3: a pickled tuple
            ids, weights = _w3_block(matcher)
        if values:
            matcher._read_values()
        yield ids, weights, matcher._values if values else None
        matcher._next_block()
