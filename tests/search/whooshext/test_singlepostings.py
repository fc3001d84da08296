"""A prose field's terms written at once get the blocks and rows `write_term` gives each."""
from __future__ import annotations

from struct import unpack_from

import pytest
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.filestore import RamStorage

from search.index.schema import build_schema
from search.whooshext.codec import COMPRESS_FROM, ArrayPostingsWriter
from search.whooshext.prosepostings import ProseField
from search.whooshext.singlepostings import write_field_terms

# Docnums of one, two and four bytes pickled, a word seen often (compressed blocks), words seen
# once at a late position (longer values), a field boost of zero (a max weight of 0).
DOCUMENTS = [(0, "ceasefire talks resume", 1.0), (255, "talks in Geneva", 2.0),
             (256, "the running mayor " + "filler " * 400 + "latecomer", 1.0),
             (65535, "negotiating negotiations", 0.0), (65536, "Geneva talks again", 1.5),
             (70000, " ".join(f"word{n}" for n in range(200)) + " talks", 1.0)]


def field_postings():
    field = ProseField(build_schema()["body"].analyzer, 1.0)
    for docnum, value, boost in DOCUMENTS:
        field.add(docnum, value, boost)
    return field.postings()


def extent(row: bytes) -> tuple[int, int]:
    """A row's block: its offset and length (the row's last 12 bytes, after W3's struct)."""
    return unpack_from("!qi", row, W3TermInfo._struct.size)


@pytest.mark.parametrize("compression", [3, 0])
@pytest.mark.parametrize("lengths", [{}, {256: 200_000, 0: 3}])
def test_blocks_and_rows_are_write_terms(compression, lengths):
    postings = field_postings()
    length_of = lambda docnum: lengths.get(docnum, 0)  # noqa: E731
    storage = RamStorage()
    one_by_one = ArrayPostingsWriter(storage.create_file("a"), blocklimit=128,
                                     compression=compression)
    fmt = build_schema()["body"].format
    expected = [one_by_one.write_term(fmt, ids, weights, values, length_of)
                for _, ids, weights, values in postings.items()]
    one_by_one._postfile.close()
    at_once = ArrayPostingsWriter(storage.create_file("b"), blocklimit=128,
                                  compression=compression)
    rows = write_field_terms(at_once, fmt, postings, length_of,
                             COMPRESS_FROM if compression else None)
    at_once._postfile.close()
    old, new = storage.open_file("a").read(), storage.open_file("b").read()
    assert len(rows) == len(expected) == len(postings.terms) > 200
    twins = postings.twins()
    assert twins and all(postings.terms[t].startswith("=") for t in twins)
    for i, (row, wanted) in enumerate(zip(rows, expected)):
        # The same term info and block; only where the block is differs.
        assert row[:-12] == wanted[:-12]
        (start, length), (old_start, old_length) = extent(row), extent(wanted)
        assert new[start:start + length] == old[old_start:old_start + old_length]
        if i in twins:
            assert row == rows[twins[i]]
    assert len(new) < len(old)  # the twins' blocks are written once, with their stems'
