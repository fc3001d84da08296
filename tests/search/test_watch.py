"""The watcher, for real: a file dropped into the archive is searchable within seconds."""
from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest
from whoosh.query import Term

from search import store, watch as watch_module
from search.searcher import IndexHandle
from search.watch import _Changed, run_once, watch

PAGE = "Headline {n}\n\nThe body of page {n} talks about {word} at length.\n"
# The promise: a dropped file is searchable within this many seconds.
DROP_TO_SEARCHABLE = 5.0


def hits(handle: IndexHandle, word: str) -> int:
    searcher, _ = handle.current()
    return len(list(searcher.docs_for_query(Term("body", word))))


def poll(condition, deadline: float, what: str, out: io.StringIO | None = None) -> float:
    """Call `condition` until it holds; return the seconds it took, fail past the deadline."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > deadline:
            pytest.fail(f"{what} not within {deadline}s; the watcher said:\n"
                        + (out.getvalue() if out else ""))
        time.sleep(0.02)
    return time.monotonic() - started


@pytest.fixture
def watching(tmp_path: Path):
    """A watcher running on a small archive, stopped afterwards."""
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    for n in range(5):
        (seeds / f"p{n}.txt").write_text(PAGE.format(n=n, word="ceasefire"), encoding="utf-8")
    stop, out = threading.Event(), io.StringIO()
    thread = threading.Thread(target=watch, args=(seeds, root, stop), kwargs={"out": out})
    thread.start()
    poll(lambda: store.current_build(root) is not None, 10, "the first index")
    handle = IndexHandle(root)  # as a server process holds it: refreshed at most once a second
    yield seeds, handle, out
    handle.close()
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()


def test_a_dropped_file_is_searchable_within_seconds(watching):
    seeds, handle, out = watching
    assert hits(handle, "ceasefir") == 5
    (seeds / "dropped.txt").write_text(PAGE.format(n=9, word="hostages"), encoding="utf-8")
    poll(lambda: hits(handle, "hostag") == 1, DROP_TO_SEARCHABLE, "the dropped file", out)
    (seeds / "p0.txt").write_text(PAGE.format(n=0, word="hostages"), encoding="utf-8")
    (seeds / "p1.txt").unlink()
    poll(lambda: (hits(handle, "hostag"), hits(handle, "ceasefir")) == (2, 3),
         DROP_TO_SEARCHABLE, "the changed and removed files", out)
    assert "1 files added" in out.getvalue()


def test_a_folder_of_files_copied_in_is_debounced_into_few_runs(watching):
    import re

    seeds, handle, out = watching
    folder = seeds / "2024" / "03"
    folder.mkdir(parents=True)
    for n in range(20):
        (folder / f"m{n}.txt").write_text(PAGE.format(n=n, word="convoy"), encoding="utf-8")
    poll(lambda: hits(handle, "convoi") == 20, DROP_TO_SEARCHABLE * 2, "the copied folder", out)
    added = [int(n) for n in re.findall(r"(\d+) files added", out.getvalue())][1:]
    # One run; more only if the copy paused longer than a debounce (a loaded test machine).
    assert sum(added) == 20 and len(added) <= 3, out.getvalue()


class Event:
    def __init__(self, kind: str, src: str, dest: str = "") -> None:
        self.event_type, self.src_path, self.dest_path = kind, src, dest


@pytest.mark.parametrize("event, wakes", [
    (Event("created", "/a/seeds/new.txt"), True),
    (Event("modified", "/a/seeds/2024-March.mbox"), True),
    (Event("deleted", "/a/seeds/old.html"), True),
    (Event("moved", "/a/seeds/.new.txt.part", "/a/seeds/new.txt"), True),  # a finished download
    (Event("modified", "/a/seeds/.page.txt.swp"), False),  # an editor's swap file
    (Event("created", "/a/seeds/page.txt~"), False),
    (Event("opened", "/a/seeds/page.txt"), False),
    (Event("closed_no_write", "/a/seeds/page.txt"), False),
    (Event("modified", "/a/seeds/.git/index"), False),  # a hidden folder inside the archive
    (Event("created", "/a/seeds/2024/index"), True),
])
def test_only_changes_to_archive_files_wake_the_watcher(event, wakes):
    wake = threading.Event()
    _Changed(wake, "/a/seeds").on_any_event(event)
    assert wake.is_set() is wakes


def test_a_failing_run_is_reported_and_the_watcher_goes_on(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(watch_module, "update_index", broken)
    out = io.StringIO()
    assert run_once(tmp_path, tmp_path / "index", out) is None
    assert "indexing failed: RuntimeError('disk on fire'); will try again" in out.getvalue()


def test_an_archive_folder_that_vanished_leaves_the_index_alone(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    (seeds / "p0.txt").write_text(PAGE.format(n=0, word="ceasefire"), encoding="utf-8")
    out = io.StringIO()
    assert run_once(seeds, root, out).documents == 1
    seeds.rename(tmp_path / "unmounted")
    assert run_once(seeds, root, out) is None
    assert f"the archive folder {seeds} does not exist; the index is unchanged" in out.getvalue()
    handle = IndexHandle(root)
    assert hits(handle, "ceasefir") == 1
    handle.close()
