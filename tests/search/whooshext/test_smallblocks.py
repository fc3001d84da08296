"""A field's terms written at once get the blocks and rows `write_term` gives each."""
from __future__ import annotations

from datetime import datetime
from pickle import loads
from struct import unpack_from

import numpy as np
import pytest
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.filestore import RamStorage

from search.index.schema import build_schema
from search.whooshext.codec import COMPRESS_FROM, ArrayPostingsWriter
from search.whooshext.prosepostings import ProseField
from search.whooshext.segmentwriter import TermPool, TermPostings
from search.whooshext.smallblocks import write_field_terms

# Docnums of one, two and four bytes pickled, a word seen often (compressed blocks), words seen
# once at a late position (longer values), a field boost of zero (a max weight of 0).
DOCUMENTS = [(0, "ceasefire talks resume", 1.0), (255, "talks in Geneva", 2.0),
             (256, "the running mayor " + "filler " * 400 + "latecomer", 1.0),
             (65535, "negotiating negotiations", 0.0), (65536, "Geneva talks again", 1.5),
             (70000, " ".join(f"word{n}" for n in range(200)) + " talks", 1.0)]
# Words in a few documents each (uncompressed blocks of several postings), some twice in a
# document or forty times (compressed), boosted so that their 32-bit weights add up otherwise in
# 32 bits (0.1 + 0.7 + 1e-4); a word in 65 documents (one block, compressed unless compression
# is off) and one in 130 (two blocks).
FEW = [(70001 + n, f"ferry harbour {'tide ' * (n % 3)}pier{n % 4} ferry {'echo ' * 40 * (n < 3)}",
        boost)
       for n, boost in enumerate([0.1, 0.7, 1e-4, 2.2, 0.3, 1e-3, 7.1])]
MANY = [(80000 + 3 * n, "common" + (" sixty" if n % 2 else ""), 1.0 + n / 7) for n in range(130)]


def field_postings():
    field = ProseField(build_schema()["body"].analyzer, 1.0)
    for docnum, value, boost in DOCUMENTS + FEW + MANY:
        field.add(docnum, value, boost)
    return field.postings()


def extent(row: bytes) -> tuple[int, int]:
    """A row's block: its offset and length (the row's last 12 bytes, after W3's struct)."""
    return unpack_from("!qi", row, W3TermInfo._struct.size)


def written_with_write_term(writer: ArrayPostingsWriter) -> list[list[int]]:
    """Make `writer` note the docnums of each term it writes with `write_term`."""
    noted: list[list[int]] = []
    write_term = writer.write_term

    def noting(format_, ids, weights, values, length_of):
        noted.append(list(ids))
        return write_term(format_, ids, weights, values, length_of)

    writer.write_term = noting
    return noted


@pytest.mark.parametrize("compression", [3, 0])
@pytest.mark.parametrize("lengths", [{}, {256: 200_000, 0: 3, 70001: 5, 70003: 0, 70004: 1}])
def test_blocks_and_rows_are_write_terms(compression, lengths):
    postings = field_postings()
    length_of = lambda docnum: lengths.get(docnum, 0 if docnum in (70002, 70005) else 2)  # noqa: E731
    storage = RamStorage()
    one_by_one = ArrayPostingsWriter(storage.create_file("a"), blocklimit=128,
                                     compression=compression)
    fmt = build_schema()["body"].format
    expected = [one_by_one.write_term(fmt, ids, weights, values, length_of)
                for _, ids, weights, values in postings.items()]
    one_by_one._postfile.close()
    at_once = ArrayPostingsWriter(storage.create_file("b"), blocklimit=128,
                                  compression=compression)
    one_at_a_time = written_with_write_term(at_once)
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
    # Only the terms of several blocks were written one at a time; terms of one block,
    # compressed or not, of one posting or more, at once.
    compressed = [loads(old[start + 8:start + length])[3] != 0
                  for start, length in map(extent, expected)]
    assert one_at_a_time == [ids for _, ids, _, _ in postings.items() if len(ids) > 128]
    assert [len(ids) for ids in one_at_a_time] == [130]
    for few in (lambda n: n == 1, lambda n: 1 < n < 7, lambda n: 7 < n <= 128):
        assert any(few(len(ids)) and compressed[i] == bool(compression)
                   for i, (_, ids, _, _) in enumerate(postings.items()))
    assert any(not compressed[i] for i in range(len(rows)))


def test_weights_added_as_python_floats():
    """A row's weight is the sum of the 32-bit weights added as Python floats, which numpy's
    32-bit sum is not: the row of a word in documents boosted 0.1, 0.7 and 1e-4."""
    field = ProseField(build_schema()["body"].analyzer, 1.0)
    for docnum, boost in enumerate([0.1, 0.7, 1e-4]):
        field.add(docnum, "harbour", boost)
    storage = RamStorage()
    writer = ArrayPostingsWriter(storage.create_file("a"), blocklimit=128, compression=3)
    (row,) = write_field_terms(writer, build_schema()["body"].format, field.postings(),
                               lambda docnum: 1, COMPRESS_FROM)
    weights = np.array([0.1, 0.7, 1e-4], dtype=np.float32)
    assert unpack_from("!f", row, 1)[0] == np.float32(sum(weights.tolist()))
    assert np.float32(sum(weights.tolist())) != weights.sum(dtype=np.float32)


# Values of fields indexed from their terms' bytes: ID (no values), KEYWORD (frequencies), DATETIME
# (terms that are not UTF-8), a name field (positions); some in many documents.
OTHER_VALUES = {"message_id": [f"<m{n % 40}@x>" for n in range(400)],
                "speaker_key": [f"k{n % 7},k{n % 3}" for n in range(400)],
                "date": [datetime(2001, 1, 1 + n % 5, n % 24) for n in range(400)],
                "sender": [f"Ann {'Lee ' * (n % 3)}ann{n % 11}@example.org" for n in range(400)]}


@pytest.mark.parametrize("fieldname", sorted(OTHER_VALUES))
@pytest.mark.parametrize("compression", [3, 0])
def test_term_postings_blocks_and_rows_are_write_terms(fieldname, compression):
    field = build_schema()[fieldname]
    pool = TermPool()
    for docnum, value in enumerate(OTHER_VALUES[fieldname]):
        pool.add_terms(fieldname, 7 * docnum, field.index(value), 0.5 + docnum % 4)
    [(_, postings)] = list(pool.terms())
    assert isinstance(postings, TermPostings) and not postings.twins()
    length_of = lambda docnum: docnum % 5  # noqa: E731
    storage = RamStorage()
    one_by_one = ArrayPostingsWriter(storage.create_file("a"), blocklimit=128,
                                     compression=compression)
    expected = [one_by_one.write_term(field.format, ids, weights, values, length_of)
                for _, ids, weights, values, _ in postings]
    one_by_one._postfile.close()
    at_once = ArrayPostingsWriter(storage.create_file("b"), blocklimit=128,
                                  compression=compression)
    rows = write_field_terms(at_once, field.format, postings, length_of,
                             COMPRESS_FROM if compression else None)
    at_once._postfile.close()
    old, new = storage.open_file("a").read(), storage.open_file("b").read()
    assert len(rows) == len(expected) == len(postings.terms) > 1
    assert any(len(ids) > 128 for _, ids, _, _, _ in postings) or fieldname == "message_id"
    for row, wanted in zip(rows, expected):
        assert row[:-12] == wanted[:-12]
        (start, length), (old_start, old_length) = extent(row), extent(wanted)
        assert new[start:start + length] == old[old_start:old_start + old_length]
