"""Follow the archive folder: re-index a short while after files are added, changed or removed.

The watcher indexes once, then sleeps until watchdog reports a change in the archive folder,
waits until changes stop coming for `DEBOUNCE_SECONDS` (a copy of many files is one run), and
runs the incremental indexer. It also runs every `RESCAN_SECONDS` without being told, since
file-system events can be lost (an overflowing inotify queue, a network mount); on an unchanged
archive that costs one scan. A failed run is reported and the watcher carries on.
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
from search.indexer import update_index
from search.progress import IndexStats
from search.sources import SKIPPED_NAMES

log = logging.getLogger(__name__)
# Wait this long after the last change before indexing, so a copy of many files is one run.
DEBOUNCE_SECONDS = 0.5
# Never wait longer than this for a burst of changes to end: a file that is written to all the
# time (a live mbox) must not hold back everything else.
MAX_DELAY_SECONDS = 3.0
RESCAN_SECONDS = 60.0
# Events that do not change anything on disk.
QUIET_EVENTS = frozenset({"opened", "closed_no_write"})


class _Changed(FileSystemEventHandler):
    """Wake the watcher on any change to a file the indexer would read."""

    def __init__(self, wake: threading.Event, seeds: str = "") -> None:
        self.wake = wake
        self.seeds = os.path.abspath(seeds) if seeds else ""

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in QUIET_EVENTS:
            return
        paths = [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if all(self._skipped(path) for path in paths):
            return  # an editor's swap file, a partial download, a hidden folder: not archive
        self.wake.set()

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
    observer = Observer()
    observer.schedule(_Changed(wake, str(seeds)), str(seeds), recursive=True)
    observer.start()
    print(f"archive-search watch: following {seeds} into {index}", file=out, flush=True)
    try:
        last = time.monotonic()
        run_once(seeds, index, out)
        while not stop.is_set():
            if wake.wait(timeout=min(0.2, rescan)):
                _settle(wake, stop, debounce)
            elif time.monotonic() - last < rescan:
                continue
            if stop.is_set():
                break
            last = time.monotonic()
            run_once(seeds, index, out)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join()
    return 0


def _settle(wake: threading.Event, stop: threading.Event, debounce: float) -> None:
    """Wait until no change came for `debounce` seconds (at most MAX_DELAY_SECONDS)."""
    deadline = time.monotonic() + MAX_DELAY_SECONDS
    while wake.is_set() and not stop.is_set() and time.monotonic() < deadline:
        wake.clear()
        stop.wait(debounce)
    wake.clear()


def run_once(seeds: Path, index: Path, out: TextIO) -> IndexStats | None:
    """Run the indexer once; report what changed or why it failed, and never raise."""
    try:
        stats = update_index(seeds, index, wait=True,
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
