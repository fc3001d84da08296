"""IndexHandle: one searcher per process, following commits and rebuilds without a restart."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from search.index import builds
from search.engine.columns import ColumnCache
from search.errors import IndexMissing
from search.index.indexer import update_index
from search.engine.searcher import IndexHandle

PAGE = "Headline {name} v{version}\n\nThe body of {name} talks about the ceasefire.\n"


def write(seeds: Path, name: str, version: int = 1) -> None:
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / name).write_text(PAGE.format(name=name, version=version), encoding="utf-8")


def titles(handle: IndexHandle) -> frozenset[str]:
    searcher, _ = handle.current()
    return frozenset(fields["title"] for fields in searcher.all_stored_fields())


def served(root: Path) -> frozenset[str]:
    handle = IndexHandle(root)
    try:
        return titles(handle)
    finally:
        handle.close()


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, Path]:
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(4):
        write(seeds, f"p{n}.txt")
    update_index(seeds, root)
    return seeds, root


def test_a_process_reuses_its_searcher_until_the_index_changes(archive):
    seeds, root = archive
    handle = IndexHandle(root, refresh_seconds=0)
    first, columns = handle.current()
    assert handle.current() == (first, columns)  # checked, unchanged: the same objects
    update_index(seeds, root)  # nothing changed: no new generation either
    assert handle.current()[0] is first
    write(seeds, "p9.txt")
    update_index(seeds, root)
    second, _ = handle.current()
    assert second is not first and second.doc_count() == 5
    handle.close()


def test_in_the_background_a_new_generation_is_prepared_while_the_old_one_serves(archive):
    seeds, root = archive
    handle = IndexHandle(root, refresh_seconds=0, background=True)
    release, prepared = threading.Event(), []

    def prepare(searcher, columns):  # the engine's part; held until the test lets it go
        if prepared:
            assert release.wait(10)
        prepared.append(searcher.doc_count())

    handle.prepare = prepare
    first, _ = handle.current()  # the first generation is opened by the caller
    write(seeds, "p9.txt")
    update_index(seeds, root)
    assert handle.current()[0] is first and titles(handle) == served(root) - {"Headline p9.txt v1"}
    release.set()
    handle.wait_prepared(10)
    second, columns = handle.current()
    assert second is not first and second.doc_count() == 5 and prepared == [4, 5]
    assert handle.current() == (second, columns)
    handle.close()


def test_a_following_handle_serves_a_new_generation_before_any_request_asks(archive):
    """A web worker idle while the watcher commits: its next request is answered from the commit
    (it was answered from the old generation, the new one only prepared then, once per worker)."""
    seeds, root = archive
    handle = IndexHandle(root, refresh_seconds=0.05, background=True)
    first, _ = handle.current()
    handle.follow()
    write(seeds, "p9.txt")
    update_index(seeds, root)
    assert handle.wait_served(first, timeout=20), "the new generation was not served"
    assert handle.current()[0] is not first and "Headline p9.txt v1" in titles(handle)
    handle.close()


def test_a_handle_follows_an_index_that_appears_after_it_started(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    handle = IndexHandle(root, refresh_seconds=0.05, background=True)
    handle.follow()  # no index yet: the thread keeps looking, and says nothing to requests
    with pytest.raises(IndexMissing):
        handle.current()
    write(seeds, "p0.txt")
    update_index(seeds, root)
    assert handle.wait_served(None, timeout=20)
    assert titles(handle) == {"Headline p0.txt v1"}
    handle.close()


def test_the_check_runs_at_most_once_per_refresh_interval(archive, monkeypatch):
    _, root = archive
    handle = IndexHandle(root, refresh_seconds=3600)
    handle.current()
    looked: list[Path] = []
    monkeypatch.setattr(builds, "current_build", lambda r: looked.append(r))
    for _ in range(100):
        handle.current()
    assert looked == []
    handle.close()


def test_every_worker_sees_a_commit_within_its_refresh_interval(archive):
    seeds, root = archive
    workers = [IndexHandle(root, refresh_seconds=0.2) for _ in range(3)]
    before = [w.info()["generation"] for w in workers]
    write(seeds, "p1.txt", version=2)
    update_index(seeds, root)
    deadline = time.monotonic() + 3
    while any(w.info()["generation"] in before for w in workers):
        assert time.monotonic() < deadline, "a worker still answers from the old generation"
        time.sleep(0.05)
    assert all("Headline p1.txt v2" in titles(w) for w in workers)
    info = workers[0].info()
    assert info["documents"] == 4 and info["indexed_at"]
    for w in workers:
        w.close()


def test_an_old_searcher_survives_a_commit_that_merges_its_segments_away(archive):
    seeds, root = archive
    handle = IndexHandle(root, refresh_seconds=3600)
    old, _ = handle.current()
    # Merge every segment into one: the files the old searcher reads from are deleted.
    ix = whoosh_index.open_dir(str(builds.current_build(root)))
    ix.writer().commit(optimize=True)
    assert {f["title"] for f in old.all_stored_fields()} == {
        f"Headline p{n}.txt v1" for n in range(4)}
    handle.close()


def test_readers_see_the_old_or_the_new_index_never_a_part(archive):
    """Poll as a server would while the writer updates and rebuilds; check every answer."""
    seeds, root = archive
    states = {served(root)}
    stop, seen, errors = threading.Event(), set(), []

    def reader() -> None:
        handle = IndexHandle(root, refresh_seconds=0)
        while not stop.is_set():
            try:
                seen.add(titles(handle))
            except Exception as exc:  # a reader must never fail during a rebuild
                errors.append(exc)
        handle.close()

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for version in range(2, 7):
            for n in range(4):
                write(seeds, f"p{n}.txt", version)
            write(seeds, f"q{version}.txt")
            update_index(seeds, root, rebuild=version % 2 == 0)
            states.add(served(root))
    finally:
        stop.set()
        thread.join()
    assert not errors
    assert seen <= states and len(seen) >= 2


def test_no_index_is_a_clear_error_and_a_vanished_pointer_keeps_serving(archive, tmp_path):
    with pytest.raises(IndexMissing, match="no index at"):
        IndexHandle(tmp_path / "nowhere").current()
    _, root = archive
    handle = IndexHandle(root, refresh_seconds=0)
    searcher, _ = handle.current()
    (root / builds.POINTER).unlink()
    assert handle.current()[0] is searcher
    handle.close()


def test_columns_are_read_once_per_searcher(archive):
    _, root = archive
    handle = IndexHandle(root)
    searcher, columns = handle.current()
    assert columns == ColumnCache().columns(searcher)
    handle.close()


def answered_total(port: int, word: str) -> int:
    """Return the number of hits the server on `port` answers for `word`."""
    import json
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/search?q={word}", timeout=5) as answer:
        return json.loads(answer.read())["total"]


def poll_server(condition, seconds: float) -> None:
    """Call `condition` until it holds, failing past `seconds`; a refused connection is a no."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
        except OSError:  # not listening yet
            pass
        assert time.monotonic() < deadline, "the server did not follow in time"
        time.sleep(0.05)


def test_gunicorn_workers_all_answer_from_a_new_commit_within_seconds(archive):
    """Start the real server with two workers; after a commit, every answer is the new one."""
    import os
    import socket
    import subprocess
    import sys

    pytest.importorskip("gunicorn")
    seeds, root = archive
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
           "ARCHIVE_SEARCH_INDEX": str(root), "ARCHIVE_SEARCH_WORKERS": "2"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:web.gunicorn_conf", "--bind",
         f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "web:create_app()"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        poll_server(lambda: answered_total(port, "ceasefire") == 4, 15)
        write(seeds, "new.txt")
        with open(seeds / "new.txt", "a", encoding="utf-8") as f:
            f.write("It also names a mineral never seen before, zanzibarite.\n")
        update_index(seeds, root)
        # Twenty answers in a row from the new generation: both workers have followed.
        poll_server(lambda: all(answered_total(port, "zanzibarite") == 1 for _ in range(20)), 5)
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_replaced_searchers_are_closed_later_and_never_pile_up(archive, monkeypatch):
    from search.engine import searcher as searcher_module

    seeds, root = archive
    handle = IndexHandle(root, refresh_seconds=0)
    first, _ = handle.current()
    replaced = [first]
    assert searcher_module.RETIRED_MAX < 7
    for version in range(2, 9):
        write(seeds, "p0.txt", version)
        update_index(seeds, root)
        replaced.append(handle.current()[0])
    assert first.is_closed  # pushed out by the newer ones
    assert sum(not s.is_closed for s in replaced[:-1]) == searcher_module.RETIRED_MAX
    monkeypatch.setattr(searcher_module, "RETIRE_SECONDS", 0)
    handle.current()
    assert all(s.is_closed for s in replaced[:-1]) and not replaced[-1].is_closed
    handle.close()
