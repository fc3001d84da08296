"""Whoosh's term table writer (an ordered on-disk hash), writing the same bytes with fewer calls."""
from __future__ import annotations

from hashlib import md5
from itertools import chain
from operator import ge, methodcaller
from struct import Struct

import numpy as np
from whoosh.filedb.filetables import OrderedHashWriter

# The term table's rows and hash slots, as whoosh.filedb.filetables writes them.
_ROW_LENGTHS = Struct("!ii")
_POINTER = Struct("!Iq")
_FREE_SLOT = _POINTER.pack(0, 0)
_DIGEST = methodcaller("digest")


class TermTable(OrderedHashWriter):
    """Whoosh's term table writer (an ordered on-disk hash), writing the same bytes with fewer
    calls: it keeps the file's offset instead of asking the file (a system call each time,
    twice a row), writes a row in one call and each bucket's hash table in one call."""

    @classmethod
    def adopt(cls, table: OrderedHashWriter) -> TermTable:
        """Take over a writer that has written its header and no row yet."""
        if table.lastkey or table.directory:
            raise ValueError("the term table has rows already")
        adopted = cls.__new__(cls)
        adopted.__dict__.update(table.__dict__)
        adopted.offset = table.dbfile.tell()
        if adopted.hashtype == 0:
            adopted.hashfn = md5_low32
        return adopted

    def add(self, key: bytes, value: bytes) -> None:
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        offset = self.offset
        self.index.append(offset)
        row = _ROW_LENGTHS.pack(len(key), len(value)) + key + value
        self.dbfile.write(row)
        self.offset = offset + len(row)
        hashed = self.hashfn(key)
        self.buckets[hashed & 255].append((hashed, offset))
        self.lastkey = key

    def add_many(self, keys: list[bytes], values: list[bytes]) -> None:
        """`add` each key (in increasing order) with its value, in one write."""
        if not keys:
            return
        if keys[0] <= self.lastkey or any(map(ge, keys, keys[1:])):
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{keys[-1]!r}")
        key_lengths = list(map(len, keys))
        value_lengths = list(map(len, values))
        heads = map(_ROW_LENGTHS.pack, key_lengths, value_lengths)
        rows = b"".join(chain.from_iterable(zip(heads, keys, values)))
        sizes = np.add(key_lengths, value_lengths) + _ROW_LENGTHS.size
        offsets = np.cumsum(sizes) - sizes + self.offset
        ends = self.offset + len(rows)
        self.index.extend(offsets.tolist())
        if self.hashfn is md5_low32:  # the digests made in one pass, their low bits by numpy
            digests = b"".join(map(_DIGEST, map(md5, keys)))
            hashes = np.frombuffer(digests, dtype=">u4")[3::4].astype(np.int64)
        else:
            hashes = np.fromiter(map(self.hashfn, keys), dtype=np.int64, count=len(keys))
        # Each bucket's entries in the order of the keys.
        order = np.argsort(hashes & 255, kind="stable")
        bounds = np.searchsorted(hashes[order] & 255, np.arange(257)).tolist()
        entries = list(zip(hashes[order].tolist(), offsets[order].tolist()))
        for bucket, (start, end) in enumerate(zip(bounds, bounds[1:])):
            if start < end:
                self.buckets[bucket] += entries[start:end]
        self.dbfile.write(rows)
        self.offset = ends
        self.lastkey = keys[-1]

    def _write_hashes(self) -> None:
        # HashWriter's: each bucket an open-addressing table of twice its entries, (0, 0) free.
        dbfile = self.dbfile
        pack = _POINTER.pack
        for entries in self.buckets:
            numslots = 2 * len(entries)
            self.directory.append((dbfile.tell(), numslots))
            slots: list = [None] * numslots
            for hashed, position in entries:
                slot = (hashed >> 8) % numslots
                while slots[slot] is not None:
                    slot = (slot + 1) % numslots
                slots[slot] = pack(hashed, position)
            if slots:
                dbfile.write(b"".join([packed or _FREE_SLOT for packed in slots]))


def md5_low32(key: bytes) -> int:
    """Whoosh's md5_hash: the low 32 bits of the key's MD5 digest, without the hex string."""
    return int.from_bytes(md5(key).digest()[-4:], "big")
