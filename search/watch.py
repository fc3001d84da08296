"""Follow the archive folder: re-index a short while after files are added, changed or removed."""
from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from search.errors import SearchError
from search.indexer import update_index

log = logging.getLogger(__name__)
# Wait this long after the last change before indexing, so a copy of many files is one run.
DEBOUNCE_SECONDS = 0.5


class _Changed(FileSystemEventHandler):
    def __init__(self, wake: threading.Event) -> None:
        self.wake = wake

    def on_any_event(self, event) -> None:
        if event.event_type != "opened" and event.event_type != "closed_no_write":
            self.wake.set()


def watch(seeds: Path, index: Path, stop: threading.Event | None = None,
          debounce: float = DEBOUNCE_SECONDS, out=sys.stderr) -> int:
    """Index once, then re-index after each burst of changes until `stop` is set.

    Returns the exit status (0 when stopped).
    """
    stop = stop or threading.Event()
    wake = threading.Event()
    observer = Observer()
    observer.schedule(_Changed(wake), str(seeds), recursive=True)
    observer.start()
    try:
        _run(seeds, index, out)
        while not stop.is_set():
            if not wake.wait(timeout=0.2):
                continue
            # Debounce: keep waiting while changes keep coming.
            while wake.is_set() and not stop.is_set():
                wake.clear()
                stop.wait(debounce)
            _run(seeds, index, out)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join()
    return 0


def _run(seeds: Path, index: Path, out) -> None:
    try:
        stats = update_index(seeds, index, wait=True)
    except SearchError as exc:
        print(f"archive-search watch: {exc}", file=out, flush=True)
        return
    if stats.added or stats.updated or stats.removed or stats.rebuilt:
        print(stats.summary(), file=out, flush=True)
