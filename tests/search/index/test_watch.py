"""The watcher, for real: a file dropped into the archive is searchable within seconds."""
from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest
from whoosh.query import Term

from search.index import indexer, builds, watch as watch_module
from search.engine.searcher import IndexHandle
from search.index.watch import _Changed, run_once, step, watch

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
    poll(lambda: builds.current_build(root) is not None, 10, "the first index")
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

    def added() -> list[int]:  # the runs after the first index, as the watcher reported them
        return [int(n) for n in re.findall(r"(\d+) files added", out.getvalue())][1:]

    poll(lambda: hits(handle, "convoi") == 20, DROP_TO_SEARCHABLE * 2, "the copied folder", out)
    # A commit is searchable a moment before the watcher prints its summary: wait for the words.
    poll(lambda: sum(added()) >= 20, DROP_TO_SEARCHABLE, "the watcher's summary", out)
    runs = added()
    # One run; more only if the copy paused longer than a debounce (a loaded test machine).
    assert sum(runs) == 20 and len(runs) <= 3, out.getvalue()


class Event:
    def __init__(self, kind: str, src: str, dest: str = "", folder: bool = False) -> None:
        self.event_type, self.src_path, self.dest_path = kind, src, dest
        self.is_directory = folder


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


def test_an_archive_folder_replaced_by_another_is_followed(watching, tmp_path):
    """`mv seeds old; mkdir seeds`: the events followed the old folder, so a file dropped into the
    new one waited for the next full walk (a minute)."""
    seeds, handle, out = watching
    seeds.rename(tmp_path / "old-seeds")
    seeds.mkdir()
    (seeds / "p0.txt").write_text(PAGE.format(n=0, word="ceasefire"), encoding="utf-8")
    poll(lambda: hits(handle, "ceasefir") == 1, DROP_TO_SEARCHABLE, "the new folder's walk", out)
    assert f"{seeds} was replaced" in out.getvalue()
    (seeds / "dropped.txt").write_text(PAGE.format(n=9, word="hostages"), encoding="utf-8")
    poll(lambda: hits(handle, "hostag") == 1, DROP_TO_SEARCHABLE, "a file dropped into the new folder", out)


def test_events_under_a_relative_archive_path_are_placed_in_it(tmp_path, monkeypatch):
    # `archive-search watch` defaults to `seeds`, relative to where it runs.
    monkeypatch.chdir(tmp_path)
    changes = _Changed(threading.Event(), "seeds")
    assert changes.take() is None
    changes.on_any_event(Event("created", "seeds/2024/new.txt"))
    changes.on_any_event(Event("moved", "seeds/.b.txt.part", str(tmp_path / "seeds" / "b.txt")))
    assert changes.take() == ["2024/new.txt", "b.txt"]


def changes_after(*events: Event) -> list[str] | None:
    changes = _Changed(threading.Event(), "/a/seeds")
    assert changes.take() is None  # the first run walks the archive
    for event in events:
        changes.on_any_event(event)
    return changes.take()


@pytest.mark.parametrize("events, paths", [
    ([Event("created", "/a/seeds/new.txt"), Event("modified", "/a/seeds/new.txt")], ["new.txt"]),
    ([Event("moved", "/a/seeds/.new.txt.part", "/a/seeds/2024/new.txt")], ["2024/new.txt"]),
    ([Event("moved", "/a/seeds/old", "/a/seeds/2024/old", folder=True)], ["2024/old", "old"]),
    ([Event("deleted", "/a/seeds/2024", folder=True)], ["2024"]),
    ([Event("modified", "/a/seeds/2024", folder=True)], []),  # its files' events say what changed
    ([Event("modified", "/a/seeds/.page.txt.swp")], []),
    ([Event("deleted", "/a/seeds", folder=True)], None),  # the archive itself: walk (and fail)
    ([Event("moved", "/a/seeds/p.txt", "/elsewhere/p.txt")], ["p.txt"]),
])
def test_events_name_the_paths_the_next_run_looks_at(events, paths):
    assert changes_after(*events) == paths


def test_too_many_changed_paths_mean_a_walk(monkeypatch):
    monkeypatch.setattr(watch_module, "MAX_PENDING_PATHS", 3)
    assert changes_after(*[Event("created", f"/a/seeds/{n}.txt") for n in range(3)]) == \
        ["0.txt", "1.txt", "2.txt"]
    assert changes_after(*[Event("created", f"/a/seeds/{n}.txt") for n in range(4)]) is None


def test_a_folder_modified_event_does_not_wake_the_watcher():
    wake = threading.Event()
    _Changed(wake, "/a/seeds").on_any_event(Event("modified", "/a/seeds/2024", folder=True))
    assert not wake.is_set()


@pytest.fixture
def indexed(tmp_path: Path):
    """An indexed archive of five pages, and the watcher's change log after its first run."""
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    for n in range(5):
        (seeds / f"p{n}.txt").write_text(PAGE.format(n=n, word="ceasefire"), encoding="utf-8")
    changes, out = _Changed(threading.Event(), str(seeds)), io.StringIO()
    assert step(seeds, root, out, changes).documents == 5
    return seeds, root, changes, out


def test_a_step_indexes_the_dropped_file_without_walking_the_archive(indexed, monkeypatch):
    seeds, root, changes, out = indexed
    dropped = seeds / "dropped.txt"
    dropped.write_text(PAGE.format(n=9, word="hostages"), encoding="utf-8")
    changes.on_any_event(Event("created", str(dropped)))
    monkeypatch.setattr(indexer, "scan", lambda seeds: pytest.fail("walked the archive"))
    stats = step(seeds, root, out, changes)
    assert (stats.added, stats.unchanged, stats.documents) == (1, 5, 6)
    handle = IndexHandle(root)
    assert hits(handle, "hostag") == 1
    handle.close()


def test_after_a_failed_step_the_next_one_walks_the_archive(indexed, monkeypatch):
    seeds, root, changes, out = indexed
    (seeds / "p0.txt").write_text(PAGE.format(n=0, word="hostages"), encoding="utf-8")
    changes.on_any_event(Event("modified", str(seeds / "p0.txt")))
    with monkeypatch.context() as patch:
        patch.setattr(watch_module, "update_index", lambda *a, **k: 1 / 0)
        assert step(seeds, root, out, changes) is None
    assert "indexing failed: ZeroDivisionError" in out.getvalue()
    (seeds / "p1.txt").unlink()  # an event lost while the run failed
    assert changes.take() is None
    changes.walk_next()
    stats = step(seeds, root, out, changes)
    assert (stats.updated, stats.removed, stats.documents) == (1, 1, 4)
