"""Index builds: the pointer to the live build, atomic files, the writer's lock, leftovers."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from search.index import builds
from search.errors import IndexBusy
from search.index.indexer import update_index

PAGE = "Headline {n}\n\nThe body of page {n} talks about the ceasefire at length.\n"


@pytest.fixture
def indexed(tmp_path: Path) -> tuple[Path, Path]:
    """An archive of three pages and its index, updated twice (two commits)."""
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    for n in range(3):
        (seeds / f"p{n}.txt").write_text(PAGE.format(n=n), encoding="utf-8")
        update_index(seeds, root)
    return seeds, root


def test_write_atomic_keeps_the_old_content_when_the_rename_fails(tmp_path, monkeypatch):
    path = tmp_path / "manifest.json"
    path.write_text("old", encoding="utf-8")

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(builds.os, "replace", full)
    with pytest.raises(OSError):
        builds.write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]


@pytest.mark.parametrize("leftover, is_dir", [
    ("_MAIN_7.toc.1732251234.5", False),  # Whoosh's temporary TOC, killed before the rename
    ("MAIN_zzzzzzzzzzzzzzzz.trm", False),  # a segment no TOC names (killed mid-commit)
    ("MAIN_zzzzzzzzzzzzzzzz._stored.col", False),
    ("_MAIN_1.toc", False),  # a TOC of an older generation
    (".manifest.json.k2j3h4", False),  # our own temporary file (write_temp)
    (".documents.json.a8s7d6", False),
    ("MAIN.tmp", True),  # the writer's pool folder
])
def test_leftovers_in_the_live_build_are_cleaned(indexed, leftover, is_dir):
    seeds, root = indexed
    live = builds.current_build(root)
    kept = sorted(p.name for p in live.iterdir())
    path = live / leftover
    if is_dir:
        path.mkdir()
        (path / "pool-0.tmp").write_bytes(b"x")
    else:
        path.write_bytes(b"half")
    assert f"{live.name}/{leftover}" in builds.clean_leftovers(root)
    assert sorted(p.name for p in live.iterdir()) == kept
    assert update_index(seeds, root).unchanged == 3


def test_half_made_builds_go_and_one_published_build_stays(indexed):
    seeds, root = indexed
    first = builds.current_build(root)
    update_index(seeds, root, rebuild=True)
    second = builds.current_build(root)
    half = builds.new_build(root)  # a rebuild killed before the switch
    (half / "_MAIN_1.toc").write_bytes(b"")
    (root / ".CURRENT.x8d7f6").write_text("build-half\n", encoding="utf-8")
    removed = builds.clean_leftovers(root)
    assert half.name in removed and ".CURRENT.x8d7f6" in removed
    assert first.is_dir() and second.is_dir()  # the old one, for readers still on it
    update_index(seeds, root, rebuild=True)
    assert not first.exists()  # now two builds old
    assert second.is_dir() and builds.current_build(root) not in (first, second)


def test_pointer_to_a_missing_or_odd_build_means_no_index(tmp_path):
    root = tmp_path / "index"
    root.mkdir()
    assert builds.current_build(root) is None
    for text in ("build-gone\n", "../etc\n", "\n"):
        (root / builds.POINTER).write_text(text, encoding="utf-8")
        assert builds.current_build(root) is None


def test_lock_refuses_a_second_writer_or_waits_saying_so(tmp_path):
    import threading

    root = tmp_path / "index"
    said: list[str] = []
    got = threading.Event()

    def second() -> None:
        with builds.indexer_lock(root, wait=True, on_wait=said.append):
            got.set()

    with builds.indexer_lock(root):
        with pytest.raises(IndexBusy, match="pass --wait"):
            with builds.indexer_lock(root):
                pass
        waiter = threading.Thread(target=second)
        waiter.start()
        assert not got.wait(0.2)  # still held by us
    waiter.join(timeout=5)
    assert got.is_set()
    assert said == [f"another `archive-search index` is writing {root}; waiting for it to finish"]


def test_meta_and_manifest_survive_garbage(tmp_path):
    (tmp_path / builds.META).write_text("{not json", encoding="utf-8")
    (tmp_path / builds.MANIFEST).write_text("[1, 2]", encoding="utf-8")
    assert builds.read_meta(tmp_path) is None
    assert builds.read_manifest(tmp_path) == {}
    assert builds.read_documents(tmp_path) == {}


def test_index_folder_writable_by_others_is_refused(indexed):
    from search.errors import IndexMissing

    _, root = indexed
    os.chmod(root, 0o777)
    try:
        with pytest.raises(IndexMissing, match="writable by other users"):
            builds.open_build(root, builds.current_build(root))
    finally:
        os.chmod(root, 0o755)


def test_an_index_written_under_a_loose_umask_is_still_servable(tmp_path):
    import os

    from search.documents import Document
    from search.index.indexer import build_from_documents

    previous = os.umask(0o002)
    try:
        build_from_documents(tmp_path / "index", [Document(id="a", source="a.txt",
                                                           kind="text-dump", body="words")])
    finally:
        os.umask(previous)
    ix = builds.open_build(tmp_path / "index", builds.current_build(tmp_path / "index"))
    try:
        with ix.searcher() as searcher:
            assert [hit["id"] for hit in searcher.documents()] == ["a"]
    finally:
        ix.close()
