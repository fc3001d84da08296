"""Looking only where the file-system events point gives what a walk of the archive gives."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from search.index import changes, indexer, builds
from search.index.changes import plan, plan_changed, scan, scan_paths
from search.index.indexer import update_index
from search.index.progress import IndexStats
from search.engine.searcher import IndexHandle

PAGE = "Headline {n}\n\nThe body of page {n} talks about {word} at length, with a full sentence.\n"
START = ["a.txt", "b.txt", "news/2024/c.txt", "news/2024/d.txt", "news/e.txt", "mail/f.txt"]


def write(seeds: Path, rel: str, n: int = 0, word: str = "ceasefire") -> None:
    path = seeds / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(n=n, word=word), encoding="utf-8")


@pytest.fixture
def archive(tmp_path: Path):
    """An archive and the manifest of its last full run."""
    seeds = tmp_path / "seeds"
    for n, rel in enumerate(START):
        write(seeds, rel, n)
    old, _ = plan(seeds, scan(seeds), {}, IndexStats())
    return seeds, old


def edit_new_file(seeds: Path) -> list[str]:
    write(seeds, "new.txt", 9)
    return ["new.txt"]


def edit_changed_file(seeds: Path) -> list[str]:
    write(seeds, "a.txt", 9, word="hostages")
    return ["a.txt"]


def edit_removed_file(seeds: Path) -> list[str]:
    (seeds / "b.txt").unlink()
    return ["b.txt"]


def edit_removed_folder(seeds: Path) -> list[str]:
    for name in ("c.txt", "d.txt"):
        (seeds / "news/2024" / name).unlink()
    (seeds / "news/2024").rmdir()
    return ["news/2024"]  # inotify may report only the folder


def edit_moved_folder(seeds: Path) -> list[str]:
    os.rename(seeds / "news", seeds / "archive-news")
    return ["news", "archive-news"]  # one moved event: source and destination


def edit_folder_copied_in(seeds: Path) -> list[str]:
    for n in range(3):
        write(seeds, f"2025/03/m{n}.txt", n)
    return ["2025"]  # files written before the new folder was watched have no events


def edit_hidden_and_temporary(seeds: Path) -> list[str]:
    write(seeds, ".git/index", 1)
    write(seeds, "page.txt~", 1)
    write(seeds, "news/.draft.txt.swp", 1)
    return [".git/index", "page.txt~", "news/.draft.txt.swp"]


def edit_named_twice_with_slashes(seeds: Path) -> list[str]:
    write(seeds, "news/e.txt", 9, word="hostages")
    return ["news/e.txt", "news/e.txt/", "/news/e.txt"]


EDITS = [edit_new_file, edit_changed_file, edit_removed_file, edit_removed_folder,
         edit_moved_folder, edit_folder_copied_in, edit_hidden_and_temporary,
         edit_named_twice_with_slashes]


@pytest.mark.parametrize("edit", EDITS, ids=lambda f: f.__name__)
def test_planning_from_changed_paths_equals_a_full_walk(archive, edit):
    seeds, old = archive
    changed = edit(seeds)
    walked, walked_todo = plan(seeds, scan(seeds), old, IndexStats())
    stats = IndexStats()
    new, todo = plan_changed(seeds, changed, old, stats)
    assert new == walked
    assert todo == walked_todo
    assert stats.unchanged + stats.added + stats.updated == len(new)


def test_a_linked_folder_is_not_followed_as_a_walk_would_not(archive, tmp_path):
    seeds, old = archive
    outside = tmp_path / "outside"
    write(outside, "x.txt")
    os.symlink(outside, seeds / "linked")
    assert scan_paths(seeds, ["linked", "linked/x.txt"]) == {}
    assert "linked/x.txt" not in scan(seeds)


def test_a_linked_file_is_kept_only_when_its_target_lies_inside_the_archive(archive, tmp_path):
    seeds, _ = archive
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the operator's notes\n", encoding="utf-8")
    os.symlink(secret, seeds / "link-out.txt")
    os.symlink(seeds / "a.txt", seeds / "news" / "link-in.txt")
    os.symlink(seeds / "loop-a.txt", seeds / "loop-b.txt")
    os.symlink(seeds / "loop-b.txt", seeds / "loop-a.txt")
    walked = scan(seeds)
    assert "link-out.txt" not in walked and "news/link-in.txt" in walked
    assert "loop-a.txt" not in walked and "loop-b.txt" not in walked
    assert scan_paths(seeds, ["link-out.txt", "news", "loop-a.txt"]) == \
        {rel: walked[rel] for rel in walked if rel.startswith("news/")}


def test_a_link_out_of_the_archive_never_reaches_the_index(tmp_path):
    """The indexer walks with `scan`, not `sources.walk`: both must leave a link out (it took
    /etc/passwd into the index when the rule lived in `walk` alone)."""
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    write(seeds, "a.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes\n\nThe operator keeps the zanzibarite key here.\n", encoding="utf-8")
    os.symlink(secret, seeds / "link-out.txt")
    assert ("link-out.txt", changes.LINK_OUT) in update_index(seeds, root).skipped  # said, with its path
    os.symlink(secret, seeds / "later-link.txt")
    assert update_index(seeds, root, changed=["later-link.txt"]).skipped == [("later-link.txt", changes.LINK_OUT)]
    handle = IndexHandle(root)
    try:
        searcher, _ = handle.current()
        assert sorted(f["source"] for f in searcher.all_stored_fields()) == ["a.txt"]
    finally:
        handle.close()


def test_a_folder_that_cannot_be_listed_keeps_its_documents_and_is_reported(tmp_path, monkeypatch):
    """A folder whose permissions changed (or a stale mount) read as empty: its files were dropped
    from the index as if removed, and nothing said so. (Root reads a chmod 000 folder, so the
    refusal is made here by os.scandir.)"""
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for rel in ("a.txt", "news/2024/c.txt", "news/2024/d.txt"):
        write(seeds, rel)
    update_index(seeds, root)
    listing = os.scandir

    def refused(path):
        if os.fspath(path).endswith("news"):
            raise PermissionError(13, "Permission denied")
        return listing(path)

    monkeypatch.setattr(changes.os, "scandir", refused)
    write(seeds, "b.txt")
    for stats in (update_index(seeds, root), update_index(seeds, root, changed=["news", "b.txt"])):
        assert stats.removed == 0
        assert ("news", "folder cannot be listed (Permission denied); what the index holds of it stays") \
            in stats.skipped
        assert stats.documents == 4
    monkeypatch.setattr(changes.os, "scandir", listing)
    (seeds / "news" / "2024" / "d.txt").unlink()
    assert update_index(seeds, root).removed == 1  # listed again: a file really gone goes


def test_paths_outside_the_archive_are_ignored(archive):
    seeds, old = archive
    assert scan_paths(seeds, ["../seeds/a.txt", "", ".", "news/../a.txt"]) == {}


def test_only_the_named_paths_are_looked_at(archive, monkeypatch):
    seeds, old = archive
    write(seeds, "a.txt", 9, word="hostages")  # changed, but no event named it
    changed = edit_new_file(seeds)

    def no_walk(*args):
        raise AssertionError("walked the whole archive")

    monkeypatch.setattr(changes, "scan", no_walk)
    new, todo = plan_changed(seeds, changed, old, IndexStats())
    assert todo == ["new.txt"]
    assert new["a.txt"] == old["a.txt"]


def test_update_index_on_changed_paths_writes_them_and_keeps_the_rest(tmp_path, monkeypatch):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n, rel in enumerate(START):
        write(seeds, rel, n)
    assert update_index(seeds, root).documents == len(START)
    write(seeds, "news/2024/c.txt", 2, word="hostages")
    write(seeds, "fresh/g.txt", 7, word="hostages")
    (seeds / "mail/f.txt").unlink()
    monkeypatch.setattr(indexer, "scan", lambda seeds: pytest.fail("walked the archive"))
    stats = update_index(seeds, root, changed=["news/2024/c.txt", "fresh", "mail/f.txt"])
    assert (stats.added, stats.updated, stats.removed) == (1, 1, 1)
    assert stats.unchanged == len(START) - 2
    assert stats.documents == len(START)
    manifest = builds.read_manifest(builds.current_build(root))
    assert sorted(manifest) == sorted(set(START) - {"mail/f.txt"} | {"fresh/g.txt"})
    # A walk afterwards finds nothing left to do.
    monkeypatch.undo()
    assert not update_index(seeds, root).changed


def test_changed_paths_on_an_index_that_needs_a_rebuild_walk_the_archive(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n, rel in enumerate(START):
        write(seeds, rel, n)
    stats = update_index(seeds, root, changed=["a.txt"])  # no index yet: nothing to go by
    assert stats.rebuilt and stats.documents == len(START)


def test_a_walk_without_sizes_finds_the_same_files_and_leaves_them_to_the_extraction(archive):
    seeds, _ = archive
    (seeds / ".hidden.txt").write_text("x", encoding="utf-8")
    unsized = scan(seeds, sizes=False)
    assert sorted(unsized) == sorted(scan(seeds)) == sorted(START)
    assert set(unsized.values()) == {None}
    new, todo = plan(seeds, unsized, {}, IndexStats(), hash_new=False)
    assert todo == sorted(START) and all(new[rel] == [None, None, None] for rel in START)


def test_a_files_state_is_its_hash_size_and_mtime(archive):
    seeds, old = archive
    path = seeds / "a.txt"
    st = path.stat()
    assert changes.file_state(path) == (old["a.txt"][2], st.st_size, st.st_mtime_ns)
