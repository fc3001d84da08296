"""The indexer: full builds, incremental updates, bad files, one writer at a time."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from search import store
from search.errors import IndexBusy
from search.indexer import indexer_lock, update_index
from search.searcher import IndexHandle

PAGE = "Headline {n}\n\nThe body of page {n} talks about {word} at length, with a full sentence.\n"


def write(seeds: Path, name: str, n: int, word: str = "ceasefire") -> Path:
    path = seeds / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(n=n, word=word), encoding="utf-8")
    return path


def count(root: Path, word: str) -> int:
    handle = IndexHandle(root)
    searcher, _ = handle.current()
    from whoosh.query import Term
    n = len(list(searcher.docs_for_query(Term("body", word))))
    handle.close()
    return n


def test_first_run_builds_and_publishes(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(3):
        write(seeds, f"p{n}.txt", n)
    write(seeds, "sub/deeper.txt", 9)
    stats = update_index(seeds, root)
    assert stats.rebuilt and stats.added == 4 and stats.documents == 4
    assert store.current_build(root) is not None
    assert count(root, "ceasefir") == 4


def test_only_changes_are_written(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(3):
        write(seeds, f"p{n}.txt", n)
    update_index(seeds, root)
    again = update_index(seeds, root)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3)
    write(seeds, "p0.txt", 0, word="truce")
    (seeds / "p1.txt").unlink()
    write(seeds, "p3.txt", 3)
    stats = update_index(seeds, root)
    assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (1, 1, 1, 1)
    assert stats.documents == 3 and not stats.rebuilt
    assert count(root, "truce") == 1 and count(root, "ceasefir") == 2


def test_touched_but_unchanged_file_is_not_re_extracted(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    path = write(seeds, "p0.txt", 0)
    update_index(seeds, root)
    os.utime(path, ns=(1, 1))
    stats = update_index(seeds, root)
    assert stats.unchanged == 1 and stats.updated == 0


def test_bad_files_are_skipped_with_reasons(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    write(seeds, "good.txt", 1)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.bin").write_bytes(bytes(range(256)) * 40)
    stats = update_index(seeds, root)
    assert stats.documents == 1
    assert dict(stats.skipped) == {"empty.txt": "empty", "binary.bin": "binary content, not text"}
    assert "2 skipped" in stats.summary() and "skipped empty.txt: empty" in stats.summary()


def test_a_second_writer_gets_a_clear_error(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    write(seeds, "p0.txt", 0)
    with indexer_lock(root):
        with pytest.raises(IndexBusy, match="another `archive-search index` is writing"):
            update_index(seeds, root)


def test_rebuild_switches_atomically_and_keeps_ids(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    write(seeds, "p0.txt", 0)
    update_index(seeds, root)
    first = store.current_build(root)
    ids = store.read_documents(first)["p0.txt"][1]
    stats = update_index(seeds, root, rebuild=True)
    second = store.current_build(root)
    assert stats.rebuilt and second != first
    assert store.read_documents(second)["p0.txt"][1] == ids
