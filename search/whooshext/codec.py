"""Whoosh's W3 codec with posting blocks that numpy reads without unpickling them.

W3 pickles each block of up to 128 postings as one tuple (docnums, weights, encoded positions):
reading a block's docnums and weights to score it also unpickles every position string, about
a quarter of a plain query's scoring on the 48k benchmark archive. Here a block's docnums
(delta-coded) and weights are written as little-endian arrays in one part and the values (each
posting's positions) in another, each compressed apart: scoring decompresses only the first
and reads it with `numpy.frombuffer`; Whoosh's own matchers (phrases, highlighting, spelling)
get the same ids, weights and values as from W3. Everything else (block headers, term table,
columns, stored fields) is W3's. Segments written by W3 stay readable: each segment names its
codec.
"""
from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Sequence
from operator import sub
from struct import Struct

import numpy as np
from whoosh.codec.whoosh3 import (WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter,
                                  W3LeafMatcher, W3PostingsWriter, W3TermInfo, _lenfield)
from whoosh.compat import dumps
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

from search.whooshext.scoring import perdoc_lengths
from search.whooshext.termtable import TermTable

# Blocks smaller than this (most terms of a segment occur once) are not worth compressing: at
# 128 rather than 64 bytes, a segment of 5,000 Usenet posts is 1% bigger (40.08 -> 40.49 MB)
# and written 10% faster (zlib sets up a deflate stream for every block, 8 us).
COMPRESS_FROM = 128
_HEAD_LENGTH = Struct("<I")
_BLOCK_LENGTH = Struct("!i")  # W3's signed block length, negative for a term's last block
# array's typecode of 4-byte unsigned ints; blocks are little-endian whatever the machine.
_UINT32 = next(code for code in "IL" if array(code).itemsize == 4)
_SWAP = sys.byteorder != "little"


class ArrayCodec(W3Codec):
    """W3, with posting blocks of arrays (see the module's docstring).

    Each segment of an index pickles its codec by module and class name: keep both, or old
    indexes cannot be opened.
    """

    def field_writer(self, storage, segment):
        return ArrayFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        if byteids:  # term vectors: keyed by term, not docnum; left as W3 writes them
            return super().postings_writer(dbfile, byteids=byteids)
        return ArrayPostingsWriter(dbfile, blocklimit=self._blocklimit,
                                   compression=self._compression)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return ArrayLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class ArrayFieldWriter(W3FieldWriter):
    """W3's, reading the new segment's field lengths once per field instead of per posting,
    with a faster writer of the same term table."""

    def __init__(self, codec, storage, segment) -> None:
        super().__init__(codec, storage, segment)
        self._tindex = TermTable.adopt(self._tindex)

    def add_postings(self, schema, lengths, items):
        super().add_postings(schema, _ListedLengths(lengths) if lengths else lengths, items)

    def add_term_postings(self, schema, perdoc, fields) -> None:
        """Write whole posting lists: `fields` yields (fieldname, terms) in the order to write,
        terms (term bytes, docnums, weights, values, shared) in order; what `add_postings`
        writes, except that a term naming in `shared` a later term of the field with the same
        postings gets that term's row: both point at one posting list (a reader gets the same
        postings and term info for each)."""
        # Imported here: the schema imports this module, and the prose postings the schema.
        from search.whooshext.prosepostings import FieldPostings
        from search.whooshext.smallblocks import write_field_terms

        lengths = _ListedLengths(perdoc) if perdoc else None
        add_row = self._tindex.add
        for fieldname, terms in fields:
            fieldobj = schema[fieldname]
            self.start_field(fieldname, fieldobj)
            length_of = lengths.of_field(fieldname) if lengths else _no_length
            write_term = self._postwriter.write_term
            fieldid = pack_ushort(self._fieldid)
            if isinstance(terms, FieldPostings):  # a field's lists as arrays, written at once
                rows = write_field_terms(self._postwriter, fieldobj.format, terms, length_of,
                                         COMPRESS_FROM if self._postwriter._compression else None)
                self._tindex.add_many([fieldid + term for term in terms.term_bytes()], rows)
                terms = ()
            written: dict[bytes, bytes] = {}  # rows of later terms already written
            for btext, ids, weights, values, shared in terms:
                row = written.pop(btext, None) if written else None
                if row is None:
                    row = write_term(fieldobj.format, ids, weights, values, length_of)
                if shared is not None:
                    written[shared] = row
                add_row(fieldid + btext, row)
            if self._postwriter.offset != self._postfile.tell():
                raise RuntimeError(f"postings of {fieldname!r} written out of step")
            self.finish_field()


def _no_length(docnum: int) -> int:
    return 0


class _ListedLengths:
    """A per-document reader's field lengths, each field's column read once into a list."""

    def __init__(self, perdoc) -> None:
        self.perdoc = perdoc

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0):
        listed = perdoc_lengths(self.perdoc, fieldname)
        if listed is None:
            return self.perdoc.doc_field_length(docnum, fieldname, default)
        return listed[docnum]

    def of_field(self, fieldname: str):
        """Return a function of a docnum giving its length in `fieldname`."""
        listed = perdoc_lengths(self.perdoc, fieldname)
        if listed is not None:
            return listed.__getitem__
        has_column = getattr(self.perdoc, "has_column", None)
        if has_column and not has_column(_lenfield(fieldname)):
            return _no_length  # not scored: Whoosh looks for the column at every posting
        return lambda docnum: self.perdoc.doc_field_length(docnum, fieldname, 0)


class ArrayPostingsWriter(W3PostingsWriter):
    """Buffers a term's postings as W3 does; writes each block as arrays.

    It keeps the postings file's offset (`offset`) instead of asking the file, a system call
    each time; every write to the file goes through it while it writes a field's terms.
    """

    def __init__(self, postfile, **kwargs) -> None:
        super().__init__(postfile, **kwargs)
        self.offset = postfile.tell()

    def add_posting(self, id_, weight, vbytes, length=None):
        # W3's, without its type asserts, keeping empty values so values align with ids.
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        self._values.append(vbytes)
        if weight > self._maxweight:
            self._maxweight = weight
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def write_term(self, format_, ids: Sequence[int], weights: Sequence[float], values: list,
                   length_of) -> bytes:
        """Write one term's postings; return its row of the term table.

        What start_postings, add_posting for each posting, finish_postings and the term info's
        to_bytes do (W3 inlines no posting list: its inline limit is one posting).
        """
        if len(ids) <= self._blocklimit:
            return self._one_block(format_, ids, weights, values, length_of)
        return self._blocks(format_, ids, weights, values, length_of)

    def _blocks(self, format_, ids: Sequence[int], weights: Sequence[float], values: list,
                length_of) -> bytes:
        """`write_term` through W3's block buffer and term info, for any number of postings."""
        self._format = format_
        self._terminfo = terminfo = W3TermInfo()
        self._blockcount = 0
        start = self.offset
        self.add_run(ids, weights, values, length_of)
        self._write_block(last=True)
        terminfo.set_extent(start, self.offset - start)
        self._terminfo = None
        return terminfo.to_bytes()

    def _one_block(self, format_, ids: Sequence[int], weights: Sequence[float], values: list,
                   length_of) -> bytes:
        """`write_term` for a term of one block (most terms of a segment), without W3's block
        buffer and term info: the same block and term-table row."""
        weights32 = array("f", weights)
        deltas = array(_UINT32, ids[:1])
        deltas.extend(map(sub, ids[1:], ids[:-1]))
        if _SWAP:
            deltas.byteswap()
        head = deltas.tobytes() + _little_endian(weights32)
        tail = _encode_values(values, format_.fixed_value_size())
        comp = self._compression if len(head) + len(tail) >= COMPRESS_FROM else 0
        if comp:
            head = zlib.compress(head, comp)
            tail = zlib.compress(tail, comp) if tail else tail
        top = max(weights)
        maxweight = top if top > 0 else 0
        lengths = [length for length in map(length_of, ids) if length]
        minbyte = length_to_byte(min(lengths)) if lengths else 0
        maxbyte = length_to_byte(max(lengths)) if lengths else 0
        databytes = _HEAD_LENGTH.pack(len(head)) + head + tail
        infobytes = dumps((len(ids), ids[-1], maxweight, comp, minbyte, maxbyte), 2)
        block = (WHOOSH3_HEADER_MAGIC + _BLOCK_LENGTH.pack(-len(infobytes) - len(databytes))
                 + infobytes + databytes)
        start = self.offset
        self._postfile.write(block)
        self.offset = start + len(block)
        # W3TermInfo.to_bytes of what add_block and set_extent would have recorded.
        return W3TermInfo._struct.pack(False, sum(weights32), len(ids), minbyte, maxbyte,
                                       maxweight, ids[0], ids[-1]) \
            + pack_long(start) + pack_int(len(block))

    def add_run(self, ids: Sequence[int], weights: Sequence[float], values: list,
                length_of) -> None:
        """Add a term's postings, in docnum order, as `add_posting` one at a time would.

        `weights` are doubles (Whoosh's block keeps them as floats, its statistics as given);
        `length_of(docnum)` is the document's length in the field.
        """
        limit = self._blocklimit
        for start in range(0, len(ids), limit):
            if start:  # a full block is written when the next posting comes, not at once
                self._write_block()
            end = start + limit
            block_ids = ids[start:end]
            block_weights = weights[start:end]
            self._ids = block_ids
            self._weights = array("f", block_weights)
            self._values = values[start:end]
            top = max(block_weights)
            self._maxweight = top if top > 0 else 0
            lengths = [length for length in map(length_of, block_ids) if length]
            self._minlength = min(lengths) if lengths else None
            self._maxlength = max(lengths) if lengths else 0

    def _write_block(self, last=False):
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
            self.offset += len(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids, weights = self._ids, self._weights
        # Plain arrays, not numpy: most blocks hold one posting, where numpy's calls cost most.
        deltas = array(_UINT32, ids[:1])
        deltas.extend(map(sub, ids[1:], ids[:-1]))
        if _SWAP:
            weights = array("f", weights)
            deltas.byteswap()
            weights.byteswap()
        head = deltas.tobytes() + weights.tobytes()
        tail = _encode_values(self._values, self._format.fixed_value_size())
        comp = self._compression if len(head) + len(tail) >= COMPRESS_FROM else 0
        if comp:
            head = zlib.compress(head, comp)
            tail = zlib.compress(tail, comp) if tail else tail
        databytes = _HEAD_LENGTH.pack(len(head)) + head + tail
        # W3's block info, so that W3's block reading and skipping work unchanged.
        infobytes = dumps((len(ids), ids[-1], self._maxweight, comp,
                           length_to_byte(self._minlength), length_to_byte(self._maxlength)), 2)
        blocklength = len(infobytes) + len(databytes)
        postfile.write(_BLOCK_LENGTH.pack(-blocklength if last else blocklength) + infobytes
                       + databytes)
        self.offset += _BLOCK_LENGTH.size + blocklength
        self._blockcount += 1
        self._new_block()


def _little_endian(floats: array) -> bytes:
    """The bytes of an array of floats, little-endian whatever the machine."""
    if not _SWAP:
        return floats.tobytes()
    swapped = array("f", floats)
    swapped.byteswap()
    return swapped.tobytes()


def _encode_values(values: list[bytes], fixedsize: int | None) -> bytes:
    """Return a block's values: lengths then bytes, or just the bytes when of fixed size."""
    if fixedsize == 0:
        return b""
    if fixedsize is None or fixedsize < 0:
        lengths = array(_UINT32, map(len, values))
        if _SWAP:
            lengths.byteswap()
        return lengths.tobytes() + b"".join(values)
    return b"".join(values)


class ArrayLeafMatcher(W3LeafMatcher):
    """Reads blocks of ArrayPostingsWriter; the rest of W3's matcher is unchanged."""

    def __init__(self, postfile, startoffset, length, format_, term=None, scorer=None):
        super().__init__(postfile, startoffset, length, format_, term=term, scorer=scorer)
        self._tail = None

    def _goto(self, position):
        super()._goto(position)
        self._tail = None

    def _read_data(self):
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        (size,) = _HEAD_LENGTH.unpack_from(data)
        head = data[_HEAD_LENGTH.size:_HEAD_LENGTH.size + size]
        self._tail = data[_HEAD_LENGTH.size + size:]
        self._data = zlib.decompress(head) if self._compression else head

    def block_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Return the block's docnums (int64) and weights (float64)."""
        if self._data is None:
            self._read_data()
        count = self._blocklength
        ids = np.cumsum(np.frombuffer(self._data, dtype="<u4", count=count), dtype=np.int64)
        weights = np.frombuffer(self._data, dtype="<f4", count=count, offset=4 * count)
        return ids, weights.astype(np.float64)

    def _read_ids(self):
        self._ids = self.block_arrays()[0].tolist()

    def _read_weights(self):
        if self._data is None:
            self._read_data()
        count = self._blocklength
        self._weights = np.frombuffer(self._data, dtype="<f4", count=count,
                                      offset=4 * count).tolist()

    def values_at(self, places: list[int]) -> list[bytes | None]:
        """Return the block's values at `places` (indexes in the block), only those sliced out:
        a phrase reads a few documents' positions of a block of common words."""
        tail, count, fixedsize = self._values_bytes()
        if fixedsize == 0:
            return [None] * len(places)
        if fixedsize is None or fixedsize < 0:
            ends = (np.cumsum(np.frombuffer(tail, dtype="<u4", count=count)) + 4 * count).tolist()
            return [tail[ends[i - 1] if i else 4 * count:ends[i]] for i in places]
        return [tail[i * fixedsize:(i + 1) * fixedsize] for i in places]

    def _values_bytes(self) -> tuple[bytes, int, int | None]:
        """Return the block's values as stored (decompressed), its length and values' size."""
        if self._data is None:
            self._read_data()
        tail = self._tail
        if self._compression and tail:
            tail = zlib.decompress(tail)
        return tail, self._blocklength, self._fixedsize

    def _read_values(self):
        tail, count, fixedsize = self._values_bytes()
        if fixedsize == 0:
            self._values = (None,) * count
        elif fixedsize is None or fixedsize < 0:
            ends = np.cumsum(np.frombuffer(tail, dtype="<u4", count=count)) + 4 * count
            starts = [4 * count] + ends[:-1].tolist()
            self._values = tuple(tail[s:e] for s, e in zip(starts, ends.tolist()))
        else:
            self._values = tuple(tail[i:i + fixedsize] for i in range(0, len(tail), fixedsize))
