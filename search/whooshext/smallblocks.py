"""A field's posting lists written all at once: its terms of one block each (up to 128 postings:
nearly every term of a segment) as runs of blocks and term-table rows made with numpy.

`ArrayPostingsWriter.write_term` (search/whooshext/codec.py) writes a term's blocks and returns
its term-table row, a dozen packs, a pickle and a write for a term of a few small postings. Here
only a field's terms of several blocks go through `write_term` one by one; then the blocks of all
the others, byte for byte what `write_term` writes for each (W3's block header, its pickled
block info, the docnum, weight and value arrays), are made for the whole field in numpy and
written in two calls after them (the uncompressed blocks, then those whose arrays are big enough
to compress, each head and values compressed apart by zlib as `write_term` does), with their
rows. The postings file holds the same blocks in another order; every row points at its own.

A row's weight is the sum of the block's weights as 32-bit floats, added as Python floats in
order (what W3TermInfo does): it is taken with Python's `sum` itself, whose rounding is not
numpy's and changed with Python 3.12 (compensated).
"""
from __future__ import annotations

from itertools import chain
from zlib import compress

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
    one_block = sizes <= min(postwriter._blocklimit, _MOST_IN_BLOCK)
    compressed = np.zeros(count, dtype=bool)
    if compress_from is not None:  # a block's docnums and weights, then its values
        compressed = one_block & (8 * sizes + _values_size(postings, starts, fixed)
                                  >= compress_from)
    twins = postings.twins()
    if twins:
        one_block[list(twins)] = False
        compressed[list(twins)] = False
    rows: list = [None] * count
    for i in np.flatnonzero(~one_block).tolist():
        if i not in twins:
            rows[i] = postwriter.write_term(format_, *postings.postings_of(i), length_of)
    level = postwriter._compression if compress_from is not None else 0
    for chosen, comp in ((one_block & ~compressed, 0), (compressed, level)):
        chosen = np.flatnonzero(chosen)
        if not len(chosen):
            continue
        data, made = _blocks(_Chosen(postings, starts[chosen], sizes[chosen], fixed, length_of),
                             postwriter.offset, comp)
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


class _Chosen:
    """The postings of the terms whose postings start at `firsts`, `counts` of them each (one
    block a term), and what each term's block and row say of them."""

    def __init__(self, postings: FieldPostings, firsts: np.ndarray, counts: np.ndarray,
                 fixed: int | None, length_of) -> None:
        self.counts = counts
        ends = np.cumsum(counts)
        self.begins = begins = ends - counts  # each term's first posting among the chosen
        self.term_of = term_of = np.repeat(np.arange(len(counts)), counts)
        self.within = np.arange(int(ends[-1])) - begins[term_of]
        at = firsts[term_of] + self.within
        self.docnums = docnums = postings.docnum_array[at]
        weights = postings.weight_array[at]
        self.weights32 = weights.astype(np.float32)
        self.value_buffer = postings.value_buffer
        self.value_starts = postings.value_starts[at]
        self.value_lengths = postings.value_ends[at] - self.value_starts
        if fixed == 0:
            self.value_lengths[:] = 0
        self.variable = fixed is None or fixed < 0
        lengths = np.fromiter(map(length_of, docnums.tolist()), dtype=np.int64, count=len(at))
        longest = np.maximum.reduceat(lengths, begins)
        shortest = np.minimum.reduceat(np.where(lengths > 0, lengths, _NO_LENGTH), begins)
        self.min_bytes = _length_bytes(np.where(longest > 0, shortest, 0))
        self.max_bytes = _length_bytes(longest)
        self.lasts = docnums[ends - 1]
        self.top = np.maximum.reduceat(weights, begins)
        self.positive = self.top > 0
        # A block's arrays: docnum deltas and weights (its head), value lengths and values.
        self.head_sizes = 8 * counts
        self.array_sizes = ((12 if self.variable else 8) * counts
                            + np.add.reduceat(self.value_lengths, begins))

    def put_arrays(self, out: np.ndarray, at: np.ndarray) -> None:
        """Write each term's arrays at its place in `at`."""
        term_of, within, counts = self.term_of, self.within, self.counts
        docnums = self.docnums
        deltas = docnums.copy()
        deltas[1:] -= docnums[:-1]
        deltas[self.begins] = docnums[self.begins]
        arrays = at[term_of] + 4 * within
        in_block = counts[term_of]
        _put(out, arrays, _bytes_of(deltas, "<u4"))
        _put(out, arrays + 4 * in_block, _bytes_of(self.weights32, "<f4"))
        if self.variable:
            _put(out, arrays + 8 * in_block, _bytes_of(self.value_lengths, "<u4"))
        lengths = self.value_lengths
        before = np.cumsum(lengths) - lengths  # the values' bytes before each
        places = at[term_of] + (12 if self.variable else 8) * in_block \
            + before - before[self.begins][term_of]
        _copy_values(out, places, self.value_buffer, self.value_starts, lengths, before)

    def put_heads(self, out: np.ndarray, here: np.ndarray, data_lengths: np.ndarray,
                  head_sizes: np.ndarray, level: int) -> np.ndarray:
        """Write each block's header, pickled info and head size from its place in `here`,
        for data (head size, head, values) of `data_lengths`; return where each one's head
        goes."""
        int_sizes = np.where(self.lasts < 256, 2, np.where(self.lasts < 65536, 3, 5))
        positive = self.positive
        info_lengths = (len(_INFO_HEAD) + 1 + int_sizes + np.where(positive, 9, 2) + 6
                        + len(_INFO_TAIL))
        _put(out, here, WHOOSH3_HEADER_MAGIC)
        _put(out, here + 4, _bytes_of(-(info_lengths + data_lengths), ">i4"))
        _put(out, here + 8, _INFO_HEAD)
        out[here + 8 + len(_INFO_HEAD)] = self.counts
        at_int = here + 9 + len(_INFO_HEAD)
        out[at_int] = np.where(int_sizes == 2, ord("K"),
                               np.where(int_sizes == 3, ord("M"), ord("J")))
        last_bytes = _bytes_of(self.lasts, "<u4")
        for k in range(4):
            wide = int_sizes > k + 1
            out[at_int[wide] + 1 + k] = last_bytes[wide, k]
        at_weight = at_int + int_sizes
        out[at_weight] = np.where(positive, ord("G"), ord("K"))
        top_bytes = _bytes_of(self.top, ">f8")
        for k in range(8):
            out[at_weight[positive] + 1 + k] = top_bytes[positive, k]
        at_rest = at_weight + np.where(positive, 9, 2)
        _put(out, at_rest, bytes([ord("K"), level, ord("K")]))
        out[at_rest + 3] = self.min_bytes
        out[at_rest + 4] = ord("K")
        out[at_rest + 5] = self.max_bytes
        _put(out, at_rest + 6, _INFO_TAIL)
        at_data = here + 8 + info_lengths
        _put(out, at_data, _bytes_of(head_sizes, "<u4"))
        return at_data + 4

    def rows(self, offsets: np.ndarray, block_lengths: np.ndarray) -> list[bytes]:
        """Each term's row of the term table, its block at `offsets`."""
        rows = np.zeros(len(self.counts), dtype=_ROW)
        rows["weight"] = _python_sums(self.weights32, self.begins, self.counts)
        rows["count"] = self.counts
        rows["minlength"] = self.min_bytes
        rows["maxlength"] = self.max_bytes
        rows["maxweight"] = np.where(self.positive, self.top, 0.0)
        rows["minid"] = self.docnums[self.begins]
        rows["maxid"] = self.lasts
        rows["offset"] = offsets
        rows["length"] = block_lengths
        packed = rows.tobytes()
        size = _ROW.itemsize
        return [packed[i:i + size] for i in range(0, len(packed), size)]


def _blocks(chosen: _Chosen, offset: int, level: int) -> tuple[bytes, list[bytes]]:
    """Return the chosen terms' blocks, one a term, one after another from `offset` in the
    postings file, their arrays compressed at `level` (0: not), and each one's row."""
    if not level:
        data_lengths = 4 + chosen.array_sizes
        block_lengths = 8 + _info_lengths(chosen) + data_lengths
        here = np.cumsum(block_lengths) - block_lengths
        out = np.zeros(int(block_lengths.sum()), dtype=np.uint8)
        chosen.put_arrays(out, chosen.put_heads(out, here, data_lengths, chosen.head_sizes, 0))
        return out.tobytes(), chosen.rows(offset + here, block_lengths)
    # Each head and each term's values compressed apart, as write_term does.
    raw = np.zeros(int(chosen.array_sizes.sum()), dtype=np.uint8)
    at = np.cumsum(chosen.array_sizes) - chosen.array_sizes
    chosen.put_arrays(raw, at)
    data = raw.tobytes()
    bounds = zip(at.tolist(), (at + chosen.head_sizes).tolist(),
                 (at + chosen.array_sizes).tolist())
    heads, tails = [], []
    for start, middle, end in bounds:
        heads.append(compress(data[start:middle], level))
        tails.append(compress(data[middle:end], level) if end > middle else b"")
    head_sizes = np.fromiter(map(len, heads), dtype=np.int64, count=len(heads))
    data_lengths = 4 + head_sizes + np.fromiter(map(len, tails), dtype=np.int64,
                                                count=len(tails))
    prefix_lengths = 12 + _info_lengths(chosen)  # header, info and the head's size
    here = np.cumsum(prefix_lengths) - prefix_lengths
    out = np.zeros(int(prefix_lengths.sum()), dtype=np.uint8)
    chosen.put_heads(out, here, data_lengths, head_sizes, level)
    prefixes = out.tobytes()
    pieces = [prefixes[start:end] for start, end in zip(here.tolist(),
                                                        (here + prefix_lengths).tolist())]
    block_lengths = prefix_lengths - 4 + data_lengths
    offsets = offset + np.cumsum(block_lengths) - block_lengths
    return (b"".join(chain.from_iterable(zip(pieces, heads, tails))),
            chosen.rows(offsets, block_lengths))


def _info_lengths(chosen: _Chosen) -> np.ndarray:
    """The length of each block's pickled info."""
    int_sizes = np.where(chosen.lasts < 256, 2, np.where(chosen.lasts < 65536, 3, 5))
    return (len(_INFO_HEAD) + 1 + int_sizes + np.where(chosen.positive, 9, 2) + 6
            + len(_INFO_TAIL))


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
