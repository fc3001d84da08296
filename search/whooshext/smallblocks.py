"""A field's posting lists written all at once: its terms of one small block each (most terms of a
segment: a word found in one document or a few) as one run of blocks and term-table rows made
with numpy.

`ArrayPostingsWriter.write_term` (search/whooshext/codec.py) writes a term's blocks and returns
its term-table row, a dozen packs, a pickle and a write for a term of a few small postings. Here
a field's terms of several blocks, or of a block big enough to compress, go through `write_term`
one by one; then the blocks of all the others, byte for byte what `write_term` writes for each
(W3's block header, its pickled block info, the docnum, weight and value arrays), are made for
the whole field in numpy and written in one call after them, with their rows. The postings file
holds the same blocks in another order; every row points at its own.

A row's weight is the sum of the block's weights as 32-bit floats, added as Python floats in
order (what W3TermInfo does): it is taken with Python's `sum` itself, whose rounding is not
numpy's and changed with Python 3.12 (compensated).
"""
from __future__ import annotations

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.util.numeric import _length_byte_cache

from search.whooshext.prosepostings import FieldPostings

# W3's block info, pickled (protocol 2) as a tuple: (count, last docnum, maxweight, 0, minlength
# byte, maxlength byte); an int as BININT1 "K", BININT2 "M" or BININT4 "J", a float as BINFLOAT
# "G". The count (at most a block's 128 postings) is one BININT1.
_INFO_HEAD = b"\x80\x02(K"
_INFO_TAIL = b"tq\x00."
_MOST_IN_BLOCK = 255
# A term-table row: W3TermInfo's struct, then the block's offset and length.
_ROW = np.dtype([("flags", "u1"), ("weight", ">f4"), ("count", ">u4"), ("minlength", "u1"),
                 ("maxlength", "u1"), ("maxweight", ">f4"), ("minid", ">u4"), ("maxid", ">u4"),
                 ("offset", ">i8"), ("length", ">i4")])
assert _ROW.itemsize == W3TermInfo._struct.size + 12
_LENGTHS = np.array(_length_byte_cache, dtype=np.int64)
_NO_LENGTH = np.iinfo(np.int64).max


def write_field_terms(postwriter, format_, postings: FieldPostings, length_of,
                      compress_from: int | None) -> list[bytes]:
    """Write a field's posting lists; return each term's row of the term table, in order.

    `compress_from`: the size of a block's arrays from which the writer compresses them (None:
    never). An unstemmed form whose postings are its stem's gets the stem's row
    (`FieldPostings.twins`).
    """
    count = len(postings.terms)
    starts = np.array(postings.starts + [len(postings)], dtype=np.int64)
    sizes = np.diff(starts)
    fixed = format_.fixed_value_size()
    small = sizes <= min(postwriter._blocklimit, _MOST_IN_BLOCK)
    if compress_from is not None:  # a block's docnums and weights, then its values
        small &= 8 * sizes + _values_size(postings, starts, fixed) < compress_from
    twins = postings.twins()
    if twins:
        small[list(twins)] = False
    rows: list = [None] * count
    for i in np.flatnonzero(~small).tolist():
        if i not in twins:
            rows[i] = postwriter.write_term(format_, *postings.postings_of(i), length_of)
    chosen = np.flatnonzero(small)
    if len(chosen):
        data, made = _small_blocks(postings, starts[chosen], sizes[chosen], fixed, length_of,
                                   postwriter.offset)
        postwriter._postfile.write(data)
        postwriter.offset += len(data)
        for i, row in zip(chosen.tolist(), made):
            rows[i] = row
    for twin, stem in twins.items():
        rows[twin] = rows[stem]
    return rows


def _values_size(postings: FieldPostings, starts: np.ndarray, fixed: int | None) -> np.ndarray:
    """Each term's values as its block stores them, in bytes (`_encode_values`)."""
    if fixed == 0:
        return np.zeros(len(starts) - 1, dtype=np.int64)
    ends = np.zeros(len(postings) + 1, dtype=np.int64)
    np.cumsum(postings.value_ends - postings.value_starts, out=ends[1:])
    size = ends[starts[1:]] - ends[starts[:-1]]
    if fixed is None or fixed < 0:  # each value's length first
        size += 4 * np.diff(starts)
    return size


def _small_blocks(postings: FieldPostings, firsts: np.ndarray, counts: np.ndarray,
                  fixed: int | None, length_of, offset: int) -> tuple[bytes, list[bytes]]:
    """Return the blocks of the terms whose postings start at `firsts`, `counts` of them each,
    one block a term, one after another from `offset` in the postings file, and each one's row
    of the term table."""
    ends = np.cumsum(counts)
    begins = ends - counts  # each term's first posting among the chosen ones
    term_of = np.repeat(np.arange(len(counts)), counts)
    within = np.arange(int(ends[-1])) - begins[term_of]
    at = firsts[term_of] + within
    docnums = postings.docnum_array[at]
    weights = postings.weight_array[at]
    weights32 = weights.astype(np.float32)
    value_starts = postings.value_starts[at]
    value_lengths = postings.value_ends[at] - value_starts
    if fixed == 0:
        value_lengths[:] = 0
    lengths = np.fromiter(map(length_of, docnums.tolist()), dtype=np.int64, count=len(at))
    longest = np.maximum.reduceat(lengths, begins)
    shortest = np.minimum.reduceat(np.where(lengths > 0, lengths, _NO_LENGTH), begins)
    min_bytes = _length_bytes(np.where(longest > 0, shortest, 0))
    max_bytes = _length_bytes(longest)
    lasts = docnums[ends - 1]
    top = np.maximum.reduceat(weights, begins)
    positive = top > 0
    variable = fixed is None or fixed < 0
    int_sizes = np.where(lasts < 256, 2, np.where(lasts < 65536, 3, 5))
    info_lengths = (len(_INFO_HEAD) + 1 + int_sizes + np.where(positive, 9, 2) + 6
                    + len(_INFO_TAIL))
    data_lengths = 4 + (12 if variable else 8) * counts + np.add.reduceat(value_lengths, begins)
    block_lengths = 8 + info_lengths + data_lengths
    block_ends = np.cumsum(block_lengths)
    here = block_ends - block_lengths
    out = np.zeros(int(block_ends[-1]), dtype=np.uint8)
    _put(out, here, WHOOSH3_HEADER_MAGIC)
    _put(out, here + 4, _bytes_of(-(info_lengths + data_lengths), ">i4"))
    _put(out, here + 8, _INFO_HEAD)
    out[here + 8 + len(_INFO_HEAD)] = counts
    at_int = here + 9 + len(_INFO_HEAD)
    out[at_int] = np.where(int_sizes == 2, ord("K"), np.where(int_sizes == 3, ord("M"), ord("J")))
    last_bytes = _bytes_of(lasts, "<u4")
    for k in range(4):
        wide = int_sizes > k + 1
        out[at_int[wide] + 1 + k] = last_bytes[wide, k]
    at_weight = at_int + int_sizes
    out[at_weight] = np.where(positive, ord("G"), ord("K"))
    top_bytes = _bytes_of(top, ">f8")
    for k in range(8):
        out[at_weight[positive] + 1 + k] = top_bytes[positive, k]
    at_rest = at_weight + np.where(positive, 9, 2)
    _put(out, at_rest, b"K\x00K")
    out[at_rest + 3] = min_bytes
    out[at_rest + 4] = ord("K")
    out[at_rest + 5] = max_bytes
    _put(out, at_rest + 6, _INFO_TAIL)
    at_data = here + 8 + info_lengths
    _put(out, at_data, _bytes_of(8 * counts, "<u4"))
    # Per posting: its delta, weight and value length in its term's arrays, then its value.
    deltas = docnums.copy()
    deltas[1:] -= docnums[:-1]
    deltas[begins] = docnums[begins]
    arrays = at_data[term_of] + 4 + 4 * within
    in_block = counts[term_of]
    _put(out, arrays, _bytes_of(deltas, "<u4"))
    _put(out, arrays + 4 * in_block, _bytes_of(weights32, "<f4"))
    if variable:
        _put(out, arrays + 8 * in_block, _bytes_of(value_lengths, "<u4"))
    before = np.cumsum(value_lengths) - value_lengths  # the values' bytes before each
    places = at_data[term_of] + 4 + (12 if variable else 8) * in_block \
        + before - before[begins][term_of]
    _copy_values(out, places, postings.value_buffer, value_starts, value_lengths, before)
    rows = np.zeros(len(counts), dtype=_ROW)
    rows["weight"] = _python_sums(weights32, begins, counts)
    rows["count"] = counts
    rows["minlength"] = min_bytes
    rows["maxlength"] = max_bytes
    rows["maxweight"] = np.where(positive, top, 0.0)
    rows["minid"] = docnums[begins]
    rows["maxid"] = lasts
    rows["offset"] = offset + here
    rows["length"] = block_lengths
    packed = rows.tobytes()
    size = _ROW.itemsize
    return out.tobytes(), [packed[i:i + size] for i in range(0, len(packed), size)]


def _python_sums(weights32: np.ndarray, begins: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Each term's weights added as `sum` adds them from 0 (see the module's docstring)."""
    sums = weights32.astype(np.float64)[begins] + 0.0  # one weight: 0 + w (-0.0 becomes 0.0)
    many = np.flatnonzero(counts > 1)
    if len(many):
        listed = weights32.tolist()
        slices = map(slice, begins[many].tolist(), (begins + counts)[many].tolist())
        sums[many] = list(map(sum, map(listed.__getitem__, slices)))
    return sums


def _copy_values(out: np.ndarray, places: np.ndarray, buffer: np.ndarray, starts: np.ndarray,
                 lengths: np.ndarray, before: np.ndarray) -> None:
    """Copy each value (`lengths[i]` bytes of `buffer` from `starts[i]`) to `places[i]` of
    `out`; `before[i]`: the bytes of the values before the `i`th."""
    total = int(lengths.sum())
    if not total:
        return
    within = np.arange(total)
    out[np.repeat(places - before, lengths) + within] = \
        buffer[np.repeat(starts - before, lengths) + within]


def _length_bytes(lengths: np.ndarray) -> np.ndarray:
    """`length_to_byte` of each length (0 for none)."""
    return np.where(lengths >= _LENGTHS[-1], 255,
                    np.searchsorted(_LENGTHS, lengths, side="left")).astype(np.uint8)


def _bytes_of(numbers: np.ndarray, dtype: str) -> np.ndarray:
    """Each number's bytes in `dtype`, one row a number."""
    typed = np.ascontiguousarray(numbers, dtype=dtype)
    return typed.view(np.uint8).reshape(len(typed), typed.itemsize)


def _put(out: np.ndarray, at: np.ndarray, data) -> None:
    """Write `data` (bytes for every place, or one row of bytes per place) at each of `at`."""
    if isinstance(data, bytes):
        for k, byte in enumerate(data):
            out[at + k] = byte
    else:
        for k in range(data.shape[1]):
            out[at + k] = data[:, k]
