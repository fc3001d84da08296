"""ArrayCodec's posting blocks hold what W3's hold, for Whoosh's matchers and for numpy."""
from __future__ import annotations

import numpy as np
import pytest
from whoosh import fields
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Or, Phrase, Term

from search.whooshext.codec import ArrayCodec, ArrayLeafMatcher
from search.whooshext.blockmatch import score_matches

SCHEMA = dict(
    id=fields.ID(stored=True),  # no values (Existence)
    body=fields.TEXT(phrase=True),  # positions: values of varying length
    tags=fields.KEYWORD(scorable=True),  # frequencies: values of a fixed size
    note=fields.TEXT(phrase=False),
)
WORDS = "ceasefire talks doha cairo envoy summit stalemate truce".split()


def documents(count: int):
    for n in range(count):
        # Some words in every document, some in few: blocks full, partial and single.
        body = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(n % 5 + 1))
        yield {"id": f"d{n}", "body": body + " talks" * (n % 3), "tags": "a " * (n % 4) + "b",
               "note": "rare" if n % 17 == 0 else "common"}


def build(codec, count: int = 300):
    ix = RamStorage().create_index(fields.Schema(**SCHEMA))
    with ix.writer(codec=codec) as writer:
        for doc in documents(count):
            writer.add_document(**doc)
    return ix


def postings(ix) -> dict:
    """Return (field, term) -> [(id, weight, value)] as Whoosh's matchers read them."""
    found = {}
    with ix.reader() as reader:
        for fieldname, text in reader.all_terms():
            m = reader.postings(fieldname, text)
            items = []
            while m.is_active():
                value = m.value() if reader.schema[fieldname].format.fixed_value_size() != 0 \
                    else None
                items.append((m.id(), m.weight(), value))
                m.next()
            found[fieldname, text] = items
    return found


@pytest.mark.parametrize("compression", [0, 3])
def test_matchers_read_what_w3_writes(compression):
    expected = postings(build(W3Codec(blocklimit=8, compression=compression)))
    found = postings(build(ArrayCodec(blocklimit=8, compression=compression)))
    assert found == expected
    assert max(len(v) for v in found.values()) > 8 * 10  # many blocks of some terms


def test_numpy_reads_a_blocks_docnums_and_weights():
    ix = build(ArrayCodec(blocklimit=8))
    expected = postings(ix)[("body", b"talks")]
    with ix.reader() as reader:
        m = reader.postings("body", b"talks")
        assert isinstance(m, ArrayLeafMatcher)
        ids, weights = [], []
        while m.is_active():
            block_ids, block_weights = m.block_arrays()
            assert block_ids.dtype == np.int64 and block_weights.dtype == np.float64
            ids += block_ids.tolist()
            weights += block_weights.tolist()
            m._next_block()
    assert list(zip(ids, weights)) == [(d, w) for d, w, _ in expected]


def test_skipping_and_phrases_work_across_blocks():
    ix = build(ArrayCodec(blocklimit=4))
    with ix.searcher() as searcher:
        m = searcher.reader().postings("body", b"doha")
        m.skip_to(200)
        assert m.id() >= 200
        expected = [d for d, doc in enumerate(documents(300)) if "doha talks" in doc["body"]]
        assert sorted(searcher.docs_for_query(Phrase("body", ["doha", "talks"]))) == expected


@pytest.mark.parametrize("codec", [W3Codec(blocklimit=8), ArrayCodec(blocklimit=8)])
def test_scoring_from_the_blocks_of_either_codec_is_whooshs(codec):
    ix = build(codec)
    query = Or([Term("body", "talks"), Term("tags", "a"), Phrase("body", ["doha", "cairo"])])
    with ix.searcher() as searcher:
        scores = score_matches(searcher, query, {}, float("inf"))
        expected = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    assert scores is not None and len(expected) > 100
    assert set(scores) == set(expected)
    assert all(scores[d] == pytest.approx(expected[d], rel=1e-12) for d in expected)


def test_term_table_writes_the_bytes_of_whooshs_writer():
    from whoosh.filedb.filetables import OrderedHashReader, OrderedHashWriter, md5_hash

    from search.whooshext.termtable import TermTable, md5_low32

    rows = [(b"\x00\x01" + word.encode(), b"info-%d" % n * (n % 7))
            for n, word in enumerate(sorted(f"w{n * 7919 % 10007}" for n in range(3000)))]
    written = []
    for way in ("whoosh", "adopted", "many at a time"):
        storage = RamStorage()
        table = OrderedHashWriter(storage.create_file("t"))
        if way == "many at a time":
            table = TermTable.adopt(table)
            table.add(*rows[0])
            table.add_many([key for key, _ in rows[1:2000]], [value for _, value in rows[1:2000]])
            table.add_many([], [])
            for key, value in rows[2000:]:
                table.add(key, value)
        else:
            if way == "adopted":
                table = TermTable.adopt(table)
            for key, value in rows:
                table.add(key, value)
        table.close()
        written.append(storage.open_file("t").read())
    assert written[0] == written[1] == written[2]
    reader = OrderedHashReader(_read(written[1]), len(written[1]))
    assert reader[rows[1234][0]] == rows[1234][1]
    assert all(md5_low32(key) == md5_hash(key) for key, _ in rows)


def test_term_table_keeps_whooshs_order_check():
    from whoosh.filedb.filetables import OrderedHashWriter

    from search.whooshext.termtable import TermTable

    table = TermTable.adopt(OrderedHashWriter(RamStorage().create_file("t")))
    table.add(b"b", b"1")
    with pytest.raises(ValueError, match="Keys must increase"):
        table.add(b"a", b"2")
    for keys in ([b"a"], [b"c", b"e", b"d"], [b"c", b"c"]):
        with pytest.raises(ValueError, match="Keys must increase"):
            table.add_many(keys, [b"3"] * len(keys))


def _read(data: bytes):
    from io import BytesIO

    from whoosh.filedb.structfile import StructFile

    return StructFile(BytesIO(data))


@pytest.mark.parametrize("compression", [3, 0])
@pytest.mark.parametrize("ids, weights, values, lengths", [
    ([5], [1.0], [b"v"], {5: 3}),
    ([0], [0.0], [b""], {}),
    ([3, 7, 300, 70000], [0.2, 2.0, 1.5, 0.1], [b"a" * 9, b"b", b"c" * 40, b""],
     {3: 1, 7: 200_000, 300: 12}),
    (list(range(0, 2560, 20)), [1.0 / (n + 1) for n in range(128)], [b"xyz" * 5] * 128,
     {n: n for n in range(0, 2560, 20)}),
])
def test_a_term_of_one_block_is_written_as_w3s_block_buffer_writes_it(compression, ids,
                                                                      weights, values, lengths):
    from whoosh.formats import Positions

    from search.whooshext.codec import ArrayPostingsWriter

    written = []
    for way in ("_one_block", "_blocks"):
        storage = RamStorage()
        writer = ArrayPostingsWriter(storage.create_file("p"), blocklimit=128,
                                     compression=compression)
        row = getattr(writer, way)(Positions(), ids, weights, values,
                                   lambda docnum: lengths.get(docnum, 0))
        writer._postfile.close()
        written.append((row, storage.open_file("p").read()))
    assert written[0] == written[1]
