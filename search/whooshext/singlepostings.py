"""A prose field's posting lists written all at once: the terms found in one document each (most
terms of a segment) as one run of blocks and term-table rows made with numpy.

`ArrayPostingsWriter.write_term` (search/whooshext/codec.py) writes a term's blocks and returns
its term-table row, a dozen packs, a pickle and a write for a term of one small posting. Here a
field's terms of several postings (or of one too big to leave uncompressed) go through
`write_term` one by one; then the blocks of all the others, byte for byte what `write_term`
writes for each (W3's block header, its pickled block info, the docnum, weight and value
arrays), are made for the whole field in numpy and written in one call after them, with their
rows. The postings file holds the same blocks in another order; every row points at its own.
"""
from __future__ import annotations

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.util.numeric import _length_byte_cache

from search.whooshext.prosepostings import FieldPostings

# W3's block info, pickled (protocol 2) as a tuple: (1, docnum, maxweight, 0, minlength byte,
# maxlength byte); an int as BININT1 "K", BININT2 "M" or BININT4 "J", a float as BINFLOAT "G".
_INFO_HEAD = b"\x80\x02(K\x01"
_INFO_TAIL = b"tq\x00."
# A term-table row: W3TermInfo's struct, then the block's offset and length.
_ROW = np.dtype([("flags", "u1"), ("weight", ">f4"), ("count", ">u4"), ("minlength", "u1"),
                 ("maxlength", "u1"), ("maxweight", ">f4"), ("minid", ">u4"), ("maxid", ">u4"),
                 ("offset", ">i8"), ("length", ">i4")])
assert _ROW.itemsize == W3TermInfo._struct.size + 12
_LENGTHS = np.array(_length_byte_cache, dtype=np.int64)


def write_field_terms(postwriter, format_, postings: FieldPostings, length_of,
                      compress_from: int | None) -> list[bytes]:
    """Write a prose field's posting lists; return each term's row of the term table, in order.

    `compress_from`: the size of a block's arrays from which the writer compresses them (None:
    never). An unstemmed form whose postings are its stem's gets the stem's row
    (`FieldPostings.twins`).
    """
    count = len(postings.terms)
    starts = np.array(postings.starts + [len(postings)], dtype=np.int64)
    sizes = np.diff(starts)
    firsts = starts[:-1]
    value_lengths = postings.value_ends[firsts] - postings.value_starts[firsts]
    single = sizes == 1
    if compress_from is not None:  # a docnum and a weight, a value's length and the value
        single &= 8 + 4 + value_lengths < compress_from
    twins = postings.twins()
    if twins:
        single[list(twins)] = False
    rows: list = [None] * count
    for i in np.flatnonzero(~single).tolist():
        if i not in twins:
            rows[i] = postwriter.write_term(format_, *postings.postings_of(i), length_of)
    chosen = np.flatnonzero(single)
    if len(chosen):
        at = firsts[chosen]
        lengths = np.fromiter(map(length_of, postings.docnum_array[at].tolist()),
                              dtype=np.int64, count=len(at))
        data, made = _single_blocks(postings, at, lengths, postwriter.offset)
        postwriter._postfile.write(data)
        postwriter.offset += len(data)
        for i, row in zip(chosen.tolist(), made):
            rows[i] = row
    for twin, stem in twins.items():
        rows[twin] = rows[stem]
    return rows


def _single_blocks(postings: FieldPostings, at: np.ndarray, lengths: np.ndarray,
                   offset: int) -> tuple[bytes, list[bytes]]:
    """Return the blocks of terms of one posting each (the postings at `at`), one after another
    from `offset` in the postings file, and each one's row of the term table."""
    docnums = postings.docnum_array[at]
    weights = postings.weight_array[at]
    value_starts = postings.value_starts[at]
    value_lengths = postings.value_ends[at] - value_starts
    length_bytes = np.where(lengths >= _LENGTHS[-1], 255,
                            np.searchsorted(_LENGTHS, lengths, side="left")).astype(np.uint8)
    int_sizes = np.where(docnums < 256, 2, np.where(docnums < 65536, 3, 5))
    positive = weights > 0
    info_lengths = len(_INFO_HEAD) + int_sizes + np.where(positive, 9, 2) + 6 + len(_INFO_TAIL)
    data_lengths = 16 + value_lengths
    block_lengths = 8 + info_lengths + data_lengths
    block_ends = np.cumsum(block_lengths)
    here = block_ends - block_lengths
    out = np.zeros(int(block_ends[-1]), dtype=np.uint8)
    _put(out, here, WHOOSH3_HEADER_MAGIC)
    _put(out, here + 4, _bytes_of(-(info_lengths + data_lengths), ">i4"))
    _put(out, here + 8, _INFO_HEAD)
    at_int = here + 8 + len(_INFO_HEAD)
    out[at_int] = np.where(int_sizes == 2, ord("K"), np.where(int_sizes == 3, ord("M"), ord("J")))
    docnum_bytes = _bytes_of(docnums, "<u4")
    for k in range(4):
        wide = int_sizes > k + 1
        out[at_int[wide] + 1 + k] = docnum_bytes[wide, k]
    at_weight = at_int + int_sizes
    out[at_weight] = np.where(positive, ord("G"), ord("K"))
    weight_bytes = _bytes_of(weights, ">f8")
    for k in range(8):
        out[at_weight[positive] + 1 + k] = weight_bytes[positive, k]
    at_rest = at_weight + np.where(positive, 9, 2)
    _put(out, at_rest, b"K\x00K")
    out[at_rest + 3] = length_bytes
    out[at_rest + 4] = ord("K")
    out[at_rest + 5] = length_bytes
    _put(out, at_rest + 6, _INFO_TAIL)
    at_data = here + 8 + info_lengths
    _put(out, at_data, (8).to_bytes(4, "little"))
    _put(out, at_data + 4, docnum_bytes)
    _put(out, at_data + 8, _bytes_of(weights, "<f4"))
    _put(out, at_data + 12, _bytes_of(value_lengths, "<u4"))
    total = int(value_lengths.sum())
    shift = np.repeat(at_data + 16 - (np.cumsum(value_lengths) - value_lengths), value_lengths)
    source = np.repeat(value_starts - (np.cumsum(value_lengths) - value_lengths), value_lengths)
    within = np.arange(total)
    out[shift + within] = postings.value_buffer[source + within]
    rows = np.zeros(len(at), dtype=_ROW)
    rows["weight"] = weights
    rows["count"] = 1
    rows["minlength"] = rows["maxlength"] = length_bytes
    rows["maxweight"] = np.where(positive, weights, 0.0)
    rows["minid"] = rows["maxid"] = docnums
    rows["offset"] = offset + here
    rows["length"] = block_lengths
    packed = rows.tobytes()
    size = _ROW.itemsize
    return out.tobytes(), [packed[i:i + size] for i in range(0, len(packed), size)]


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
