"""What a process reads of a segment, kept on disk beside it: loaded by the next process as it
was read, never by other code, removed with its segment, and never in the way."""
from __future__ import annotations

import tempfile

from whoosh.filedb.filestore import FileStorage
from whoosh.writing import NO_MERGE

from search.engine import segmentcache
from search.engine.columns import PART_MODULES, ColumnCache, read_part
from search.engine.segmentcache import kept_for_generation, persisted
from search.index import builds
from search.index.schema import build_schema
from tests.search.engine.test_columns import BATCHES, DELETED, add, by_id


def file_index(folder):
    """An index on disk holding the batches as one segment each, in files of their own as the
    indexer writes them (not Whoosh's compound files)."""
    ix = FileStorage(str(folder)).create_index(build_schema())
    for batch in BATCHES:
        with ix.writer(compound=False) as writer:
            writer.mergetype = NO_MERGE
            for doc in batch:
                add(writer, *doc)
    return ix


def counting(reads: list):
    def read(leaf):
        reads.append(leaf.segment().segment_id())
        return read_part(leaf)
    return read


def memo_files(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".memo_" in p.name)


def test_a_later_process_loads_what_the_first_read(tmp_path):
    ix = file_index(tmp_path)
    first, later = [], []
    with ix.searcher() as searcher:
        leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
        read_once = [persisted("columns", counting(first), PART_MODULES)(leaf) for leaf in leaves]
        loaded = [persisted("columns", counting(later), PART_MODULES)(leaf) for leaf in leaves]
    assert len(first) == 3 and later == []  # a new reader function, as in a new process
    assert len(memo_files(tmp_path)) == 3
    for read, load in zip(read_once, loaded):
        assert {k: v.tolist() for k, v in read.outlet.items()} == {k: v.tolist() for k, v in load.outlet.items()}
        assert read.ordinals.tolist() == load.ordinals.tolist() and read.edges == load.edges


def test_columns_loaded_from_disk_are_the_columns_read(tmp_path):
    ix = file_index(tmp_path)
    with ix.searcher() as searcher:
        read = by_id(searcher, ColumnCache().columns(searcher))
    assert memo_files(tmp_path)
    with ix.searcher() as searcher:
        assert by_id(searcher, ColumnCache().columns(searcher)) == read


def test_the_copies_between_two_segments_are_found_once_for_every_process(tmp_path, monkeypatch):
    ix = file_index(tmp_path)
    found: list = []
    find = ColumnCache._find_edges
    monkeypatch.setattr(ColumnCache, "_find_edges", lambda self, *leaves: found.append(1) or find(self, *leaves))
    with ix.searcher() as searcher:
        first = by_id(searcher, ColumnCache().columns(searcher))
    assert len(found) == 3  # three segments, three pairs
    with ix.searcher() as searcher:
        assert by_id(searcher, ColumnCache().columns(searcher)) == first
    assert len(found) == 3
    assert len([name for name in memo_files(tmp_path) if ".memo_edges_" in name]) == 3


def test_other_code_reads_again_and_a_damaged_file_is_read_again(tmp_path):
    ix = file_index(tmp_path)
    reads: list = []
    with ix.searcher() as searcher:
        leaf = searcher.reader().leaf_readers()[0][0]
        persisted("columns", counting(reads), PART_MODULES)(leaf)
        persisted("columns", counting(reads), PART_MODULES[:1])(leaf)  # another code digest
        assert len(reads) == 2
        # what the other code kept for the segment went when this code wrote its own
        assert len([n for n in memo_files(tmp_path) if n.startswith(leaf.segment().segment_id() + ".memo_columns")]) == 1
        for path in tmp_path.iterdir():
            if ".memo_" in path.name:
                path.write_bytes(b"\x80\x05 cut short")
        part = persisted("columns", counting(reads), PART_MODULES)(leaf)
        assert len(reads) == 3 and part.outlet
        persisted("columns", counting(reads), PART_MODULES)(leaf)
        assert len(reads) == 3  # written anew after the damaged one


def test_a_folder_that_cannot_be_written_only_costs_the_reading(tmp_path, monkeypatch):
    ix = file_index(tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError("read-only index")
    monkeypatch.setattr(segmentcache.tempfile, "mkstemp", refuse)
    reads: list = []
    with ix.searcher() as searcher:
        leaf = searcher.reader().leaf_readers()[0][0]
        assert persisted("columns", counting(reads), PART_MODULES)(leaf).outlet
    assert reads and not memo_files(tmp_path)


def test_the_files_go_with_their_segments(tmp_path):
    ix = file_index(tmp_path)
    with ix.searcher() as searcher:
        ColumnCache().columns(searcher)
    old = memo_files(tmp_path)
    assert len(old) == 9  # columns and mail of three segments, the copies between each pair
    with ix.writer(compound=False) as writer:  # merged into one segment: Whoosh deletes the others' files
        writer.delete_by_term("id", DELETED)
        writer.optimize = True
    with ix.searcher() as searcher:
        by_id(searcher, ColumnCache().columns(searcher))
    left = memo_files(tmp_path)
    assert len(left) == 2 and not set(left) & set(old)


def test_a_temporary_file_a_killed_reader_left_is_cleaned(tmp_path):
    ix = file_index(tmp_path)
    ix.close()
    _, leftover = tempfile.mkstemp(prefix=builds.TEMP_MEMO_PREFIX, dir=tmp_path)
    assert any(name.startswith(builds.TEMP_MEMO_PREFIX) for name in builds.clean_build(tmp_path))
    assert not any(p.name.startswith(builds.TEMP_MEMO_PREFIX) for p in tmp_path.iterdir())


def test_code_without_its_source_keeps_nothing_and_still_reads(tmp_path):
    ix = file_index(tmp_path)
    reads: list = []
    with ix.searcher() as searcher:
        leaf = searcher.reader().leaf_readers()[0][0]
        assert persisted("columns", counting(reads), ("engine/no_such_module.py",))(leaf).outlet
    assert reads and not memo_files(tmp_path)


def test_a_generations_value_is_loaded_for_its_key_and_replaces_other_keys(tmp_path):
    builds_made: list = []

    def build(value):
        return lambda: builds_made.append(value) or {"value": value}

    modules = PART_MODULES
    assert kept_for_generation(str(tmp_path), "threads", b"one", build(1), modules) == {"value": 1}
    assert kept_for_generation(str(tmp_path), "threads", b"one", build(9), modules) == {"value": 1}
    assert builds_made == [1]
    assert kept_for_generation(str(tmp_path), "threads", b"two", build(2), modules) == {"value": 2}
    assert len(memo_files(tmp_path)) == 1  # the first key's file went with its generation
    assert kept_for_generation(str(tmp_path), "threads", b"two", build(9), modules[:1]) == {"value": 9}
    assert kept_for_generation(None, "threads", b"two", build(3), modules) == {"value": 3}  # in memory
    assert builds_made == [1, 2, 9, 3]
