"""The bulk segment writer writes the segment Whoosh's own writer writes: file for file, but for
the postings and term table, where an unstemmed form with its stem's postings shares them."""
from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.query import Term

from search.whooshext.codec import ArrayCodec
from search.extract.files import extract_file
from search.index.fields import document_fields
from search.index.schema import build_schema, stem_word
from search.whooshext.prosepostings import encode_positions
from search.whooshext.segmentwriter import BulkSegmentWriter, TermPool

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def documents() -> list[dict]:
    files = sorted((ROOT / "seeds").iterdir())
    for kind in ("mail", "textdump", "htmlpage", "speakers"):
        files += sorted(p for p in (FIXTURES / kind).iterdir() if p.suffix not in (".md", ".json"))
    return [document_fields(doc) for path in files
            for doc in extract_file(path, source=path.name)]


def options() -> dict:
    # Small blocks, so that common terms span many and the block boundaries are exercised.
    return {"_lk": False, "compound": False, "codec": ArrayCodec(blocklimit=4)}


def whooshs_writer(ix):
    return ix.writer(**options())


def bulk_writer(ix):
    return BulkSegmentWriter(ix, **options())


def segment_files(folder: Path, make_writer, documents, merged=None) -> dict[str, bytes]:
    """Write one segment of `documents` (then of `merged`'s documents); return its files."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = make_writer(ix)
    for fields in documents:
        writer.add_document(**fields)
    if merged is not None:
        with merged.reader() as reader:
            writer.add_reader(reader)
    segment = writer._finalize_segment()
    return {path.name.replace(segment.segid, "SEGMENT"): path.read_bytes()
            for path in folder.iterdir() if segment.segid in path.name}


# The files where shared posting lists make the bulk writer's segment differ from Whoosh's.
POSTINGS_FILES = ("MAIN_SEGMENT.pst", "MAIN_SEGMENT.trm")


def test_documents_make_the_segment_whooshs_writer_makes(tmp_path, documents):
    assert len(documents) > 50
    expected = segment_files(tmp_path / "whoosh", whooshs_writer, documents)
    found = segment_files(tmp_path / "bulk", bulk_writer, documents)
    assert sorted(found) == sorted(expected)
    assert {*POSTINGS_FILES, "MAIN_SEGMENT._body_len.col"} <= set(found)
    for name, data in expected.items():
        if name not in POSTINGS_FILES:
            assert found[name] == data, name
    # Shared posting lists: fewer bytes of postings, and the term table as many rows.
    assert len(found["MAIN_SEGMENT.pst"]) < len(expected["MAIN_SEGMENT.pst"])


def read_all(folder: Path) -> dict:
    """Every term of the index in `folder`: its postings and term info as a reader gets them."""
    with whoosh_index.open_dir(str(folder)).reader() as reader:
        return {term: (postings(reader, *term), term_stats(reader, *term))
                for term in reader.all_terms()}


def committed(folder: Path, make_writer, documents) -> Path:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    with make_writer(ix) as writer:
        for fields in documents:
            writer.add_document(**fields)
    return folder


def test_a_reader_gets_every_terms_postings_and_info_as_from_whooshs(tmp_path, documents):
    expected = read_all(committed(tmp_path / "whoosh", whooshs_writer, documents))
    found = read_all(committed(tmp_path / "bulk", bulk_writer, documents))
    assert found == expected
    assert len(found) > 1000


def test_an_unstemmed_form_shares_its_stems_postings_only_when_they_are_the_same(tmp_path):
    documents = [{"id": "a", "body": "negotiating talks, talks"},  # "=talks": 2 of "talk"'s 3
                 {"id": "b", "body": "they talk of negotiating"},
                 {"id": "c", "body": "walking"}]
    folder = committed(tmp_path / "bulk", bulk_writer, documents)
    with whoosh_index.open_dir(str(folder)).reader() as reader:
        def extent(text):
            return reader.term_info("body", text).extent()

        assert extent("=negotiating") == extent(stem_word("negotiating"))
        assert extent("=walking") == extent("walk")
        assert extent("=talks") != extent("talk")
        assert [d for d, *_ in postings(reader, "body", "=talks")] == [0]
        assert [d for d, *_ in postings(reader, "body", "talk")] == [0, 1]
        assert [d for d, *_ in postings(reader, "body", "=negotiating")] == [0, 1]


def postings(reader, fieldname: str, text: bytes) -> list[tuple]:
    matcher = reader.postings(fieldname, text)
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return found


def term_stats(reader, fieldname: str, text: bytes) -> tuple:
    info = reader.term_info(fieldname, text)
    return (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
            info.max_weight(), info.min_id(), info.max_id())


def test_with_another_codec_postings_go_through_its_own_writer(tmp_path, documents):
    """W3 pickles a block's values, so values shared between postings pickle shorter: compare
    what a reader gets, not the bytes."""
    from whoosh.codec.whoosh3 import W3Codec

    read = []
    for name, make in (("whoosh", lambda ix, **kw: ix.writer(**kw)), ("bulk", BulkSegmentWriter)):
        (tmp_path / name).mkdir()
        ix = whoosh_index.create_in(str(tmp_path / name), build_schema())
        with make(ix, _lk=False, compound=False, codec=W3Codec(blocklimit=4)) as writer:
            for fields in documents:
                writer.add_document(**fields)
        with ix.reader() as reader:
            read.append({term: (postings(reader, *term), term_stats(reader, *term))
                         for term in reader.all_terms()})
    assert read[0] == read[1]
    assert len(read[0]) > 1000


def test_a_merged_segment_is_whooshs_too(tmp_path, documents):
    source = whoosh_index.create_in(str(tmp_path), build_schema())
    with source.writer(**options()) as writer:
        for fields in documents[::2]:
            writer.add_document(**fields)
    expected = segment_files(tmp_path / "whoosh", whooshs_writer, documents[1::2], source)
    found = segment_files(tmp_path / "bulk", bulk_writer, documents[1::2], source)
    assert sorted(found) == sorted(expected)
    for name, data in expected.items():
        if name not in POSTINGS_FILES:
            assert found[name] == data, name


def test_a_committed_index_answers_as_whooshs(tmp_path, documents):
    counts = []
    for name, make_writer in (("whoosh", whooshs_writer), ("bulk", bulk_writer)):
        (tmp_path / name).mkdir()
        ix = whoosh_index.create_in(str(tmp_path / name), build_schema())
        with make_writer(ix) as writer:
            for fields in documents:
                writer.add_document(**fields)
        with ix.searcher() as searcher:
            counts.append([len(searcher.search(Term("body", word), limit=None))
                           for word in ("said", "twist", "=twisted", "mail")])
    assert counts[0] == counts[1]
    assert all(counts[0])


def test_postings_added_out_of_order_are_written_in_order():
    pool = TermPool()
    for docnum, weight in ((7, 1.0), (2, 2.0), (5, 3.0)):
        pool.add(("body", b"talk", docnum, weight, b"v%d" % docnum))
    [(fieldname, terms)] = [(f, list(t)) for f, t in pool.terms()]
    assert fieldname == "body"
    assert terms == [(b"talk", [2, 5, 7], [2.0, 3.0, 1.0], [b"v2", b"v5", b"v7"], None)]
    assert pool.postings == 3


@pytest.mark.parametrize("positions", [[0], [3], [2, 9, 40], [70000, 70001]])
def test_positions_are_encoded_as_whooshs_format(positions):
    schema = build_schema()
    assert encode_positions(positions) == schema["body"].format.encode(positions)


def test_term_vectors_are_refused(tmp_path):
    from whoosh.fields import TEXT, Schema

    ix = whoosh_index.create_in(str(tmp_path), Schema(body=TEXT(vector=True)))
    with pytest.raises(ValueError, match="term vectors"):
        BulkSegmentWriter(ix, _lk=False)


@pytest.mark.parametrize("value", ["", "p1.txt", "<a.b@example.org>", "Some Outlet",
                                   "Ünï cödé"])
def test_an_id_fields_terms_are_whooshs(tmp_path, value):
    writer = bulk_writer(whoosh_index.create_in(str(tmp_path), build_schema()))
    try:
        assert {"id", "source", "message_id", "carrier"} <= writer._whole_values
        for name in writer._whole_values:
            field = writer.schema[name]
            assert tuple(writer._terms_of(name, field, value)) == tuple(field.index(value))
    finally:
        writer.cancel()
