"""Follow the archive folder: re-index a short while after files are added, changed or removed.

The watcher indexes once, then sleeps until watchdog reports a change in the archive folder,
waits until changes stop coming for `DEBOUNCE_SECONDS` (a copy of many files is one run), and
runs the incremental indexer on the paths the events named (a folder's path stands for all it
holds), so a change costs the same on an archive of any size. It walks the whole archive
instead when the events were too many to keep (`MAX_PENDING_PATHS`), when a run failed, and
every `RESCAN_SECONDS` without being told, since file-system events can be lost (an overflowing
inotify queue, a network mount). A failed run is reported and the watcher carries on.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import TextIO

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from search.errors import SearchError
from search.index.indexer import update_index
from search.index.progress import IndexStats
from search.extract.sources import SKIPPED_NAMES

log = logging.getLogger(__name__)
# Wait this long after the last change before indexing, so a copy of many files is one run.
DEBOUNCE_SECONDS = 0.5
# Never wait longer than this for a burst of changes to end: a file that is written to all the
# time (a live mbox) must not hold back everything else.
MAX_DELAY_SECONDS = 3.0
RESCAN_SECONDS = 60.0
# Events that do not change anything on disk.
QUIET_EVENTS = frozenset({"opened", "closed_no_write"})
# Past this many changed paths in one run, walking the archive is as cheap and surer.
MAX_PENDING_PATHS = 5000


class _Changed(FileSystemEventHandler):
    """Wake the watcher on any change to a file the indexer would read, and keep its path."""

    def __init__(self, wake: threading.Event, seeds: str = "") -> None:
        self.wake = wake
        self.seeds = os.path.abspath(seeds) if seeds else ""
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._walk = True  # the first run walks the archive

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in QUIET_EVENTS:
            return
        if getattr(event, "is_directory", False) and event.event_type == "modified":
            return  # a file inside changed: its own event says which
        paths = [os.path.abspath(os.fsdecode(p))
                 for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        kept = [path for path in paths if not self._skipped(path)]
        if not kept:
            return  # an editor's swap file, a partial download, a hidden folder: not archive
        with self._lock:
            for path in kept:
                inside = bool(self.seeds) and path.startswith(self.seeds + os.sep)
                if inside:
                    self._paths.add(path[len(self.seeds) + 1:].replace(os.sep, "/"))
                elif not self.seeds or path.rstrip(os.sep) == self.seeds:
                    self._walk = True  # the archive folder itself, or nowhere to place it
                # else: moved out of the archive; its source path is what counts
            if len(self._paths) > MAX_PENDING_PATHS:
                self._walk = True
            if self._walk:
                self._paths.clear()
        self.wake.set()

    def take(self) -> list[str] | None:
        """Return the paths changed since the last call, or None when the archive must be walked."""
        with self._lock:
            paths, walk = sorted(self._paths), self._walk
            self._paths, self._walk = set(), False
        return None if walk else paths

    def walk_next(self) -> None:
        """Make the next run walk the whole archive (events were lost, or a run failed)."""
        with self._lock:
            self._walk = True
            self._paths.clear()

    def _skipped(self, path: str) -> bool:
        if self.seeds and path.startswith(self.seeds + os.sep):
            path = path[len(self.seeds) + 1:]
        else:
            path = os.path.basename(path)
        return any(SKIPPED_NAMES.search(part) for part in path.split(os.sep))


def watch(seeds: Path, index: Path, stop: threading.Event | None = None,
          debounce: float = DEBOUNCE_SECONDS, out: TextIO = sys.stderr,
          rescan: float = RESCAN_SECONDS) -> int:
    """Index once, then re-index after each burst of changes until `stop` is set.

    Returns the exit status (0 when stopped).
    """
    stop = stop or threading.Event()
    wake = threading.Event()
    changes = _Changed(wake, str(seeds))
    observer = Observer()
    # Absolute, as the handler places event paths against the absolute archive path: a relative
    # one (`seeds`, the default) made every event look outside the archive.
    observer.schedule(changes, os.path.abspath(seeds), recursive=True)
    followed = folder_identity(seeds)
    observer.start()
    print(f"archive-search watch: following {seeds} into {index}", file=out, flush=True)
    try:
        last = time.monotonic()
        step(seeds, index, out, changes)
        while not stop.is_set():
            if folder_identity(seeds) != followed:
                followed = _follow_again(observer, changes, seeds, out)
            if wake.wait(timeout=min(0.2, rescan)):
                _settle(wake, stop, debounce)
            elif time.monotonic() - last < rescan:
                continue
            else:
                changes.walk_next()
            if stop.is_set():
                break
            last = time.monotonic()
            step(seeds, index, out, changes)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join()
    return 0


def folder_identity(folder: Path) -> tuple[int, int] | None:
    """Return the (device, inode) of a folder, or None when there is none at that path."""
    try:
        found = os.stat(folder)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _follow_again(observer, changes: _Changed, seeds: Path, out: TextIO) -> tuple[int, int] | None:
    """Watch the folder now at the archive's path, and walk it: it was replaced, moved or removed.

    The file system's events follow a folder, not its path: after `mv seeds old; mkdir seeds`
    (a deployment, an unpacked copy) the watcher heard nothing of the new folder, and its files
    waited for the next full walk (`RESCAN_SECONDS`).
    """
    observer.unschedule_all()
    identity = folder_identity(seeds)
    if identity is not None:
        observer.schedule(changes, os.path.abspath(seeds), recursive=True)
    print(f"archive-search watch: {seeds} was replaced; following "
          f"{'the folder now there' if identity else 'nothing until it is back'}", file=out, flush=True)
    changes.walk_next()
    changes.wake.set()
    return identity


def _settle(wake: threading.Event, stop: threading.Event, debounce: float) -> None:
    """Wait until no change came for `debounce` seconds (at most MAX_DELAY_SECONDS)."""
    deadline = time.monotonic() + MAX_DELAY_SECONDS
    while wake.is_set() and not stop.is_set() and time.monotonic() < deadline:
        wake.clear()
        stop.wait(debounce)
    wake.clear()


def step(seeds: Path, index: Path, out: TextIO, changes: _Changed) -> IndexStats | None:
    """Index the paths changed since the last step; after a failure, the next step walks all."""
    stats = run_once(seeds, index, out, changes.take())
    if stats is None:  # the paths it was given are no longer pending: look everywhere next time
        changes.walk_next()
    return stats


def run_once(seeds: Path, index: Path, out: TextIO,
             changed: list[str] | None = None) -> IndexStats | None:
    """Run the indexer once (on the `changed` paths, or all); report it, and never raise."""
    try:
        stats = update_index(seeds, index, wait=True, changed=changed,
                             on_wait=lambda msg: print(f"archive-search watch: {msg}",
                                                       file=out, flush=True))
    except SearchError as exc:
        print(f"archive-search watch: {exc}", file=out, flush=True)
        return None
    except Exception as exc:  # a bug or an odd file system: the service must go on
        if os.environ.get("ARCHIVE_SEARCH_DEBUG"):
            log.exception("indexing failed")
        print(f"archive-search watch: indexing failed: {exc!r}; will try again on the next "
              "change (set ARCHIVE_SEARCH_DEBUG=1 to see the traceback)", file=out, flush=True)
        return None
    if stats.changed:
        print(stats.summary(), file=out, flush=True)
    return stats
