"""One open index and one searcher per process, refreshed when the index changes.

Opening an index and a searcher costs far more than a query (WHOOSH-FACTS: 157 ms against
14 ms), so a process keeps one `IndexHandle`, and each search asks it for a current searcher.
The check for a new generation is cheap (read CURRENT, list the build folder) and runs at most
once per `REFRESH_SECONDS`; a new build is opened, a new commit in the same build refreshed;
the columns of segments that did not change are reused (`search.engine.columns`). A new
generation is prepared (`prepare`: what every search of it reads as built) before it is served;
with `background` (a web worker) in a thread, while the old generation keeps answering.

A commit deletes the files of segments it merged away, while this process may still be
answering from them. Whoosh opens most column files lazily, so a new searcher opens all of
them at once (`whooshext.segmentreading.hold_files`): an open file outlives its deletion, a name does not.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from search.index import builds
from search.engine.columns import ColumnCache, Columns
from search.errors import IndexMissing
from search.whooshext.scoring import ListedLengthsBM25F
from search.whooshext.segmentreading import hold_files

log = logging.getLogger(__name__)

# Reading CURRENT and listing the build folder costs well under a millisecond; five times a
# second keeps a dropped file's wait for the web workers short.
REFRESH_SECONDS = 0.2
# A replaced searcher stays open this long for requests still using it (a request's budget is
# far shorter), and at most this many at once: each holds its segments' files open.
RETIRE_SECONDS = 10.0
# How often a following handle looks while no request asks (`follow`): an idle worker's next
# request then sees a commit at most this long (and its preparation) after it. Looking five
# times a second cost an idle worker 0.4% of a core.
FOLLOW_SECONDS = 1.0
RETIRED_MAX = 4


class IndexHandle:
    """The open index of one process: a searcher and its columns, refreshed on change.

    A new generation gets a new searcher; the one it replaces is closed `RETIRE_SECONDS` later
    (or when more than `RETIRED_MAX` wait), so that a request still using it finishes. (Whoosh's own `Searcher.refresh` would reuse
    nothing, close one old segment reader at once, and leave the others to the collector.)
    """

    def __init__(self, root: Path, refresh_seconds: float = REFRESH_SECONDS,
                 background: bool = False) -> None:
        self.root = Path(root)
        self.refresh_seconds = refresh_seconds
        # Called with a new generation's (searcher, columns) before it is served (the search
        # engine builds its threads and per-document values there); the old one serves until then.
        self.prepare: Callable[[object, Columns], None] | None = None
        # Open and prepare a new generation in a thread of its own, serving the old one
        # meanwhile (a web worker: 0.5 s of CPU at 48,000 documents after a one-file commit).
        # The first generation is always opened by the caller.
        self.background = background
        self._lock = threading.Lock()
        self._build: Path | None = None
        self._ix = None
        self._searcher = None
        self._columns: Columns | None = None
        self._column_parts = ColumnCache()
        self._checked = 0.0
        self._retired: list[tuple[float, object]] = []
        self._preparing: threading.Thread | None = None
        self._ready: tuple | None = None  # (searcher, columns, build, ix) the thread prepared
        self._served = threading.Condition(self._lock)  # notified when a generation is served
        self._closing = threading.Event()
        self._follower: threading.Thread | None = None

    def current(self):
        """Return (searcher, columns), reopening when the index has a new generation.

        Raises:
            IndexMissing: there is no usable index.
        """
        with self._lock:
            now = time.monotonic()
            if self._searcher is None or now - self._checked >= self.refresh_seconds:
                self._checked = now
                self._follow()
            return self._searcher, self._columns

    def follow(self) -> None:
        """Look for a new generation every FOLLOW_SECONDS in a thread, requests or none.

        A handle otherwise looks only when asked: an idle web worker answered its first request
        after a commit from the old generation (while it prepared the new one in the background),
        so a file dropped into a watched archive minutes before was still not found, once per
        worker.
        """
        with self._lock:
            if self._follower is None:
                self._follower = threading.Thread(target=self._keep_following, name="follow-index",
                                                  daemon=True)
                self._follower.start()

    def _keep_following(self) -> None:
        while not self._closing.wait(max(self.refresh_seconds, FOLLOW_SECONDS)):
            try:
                self.current()
            except Exception as exc:  # noqa: BLE001 - no index yet, or unreadable: requests say why
                log.debug("following the index: %s", exc)

    def wait_served(self, served, timeout: float) -> bool:
        """Wait until the searcher served is not `served` (a new generation), or `timeout`."""
        with self._served:
            return self._served.wait_for(lambda: self._searcher is not served, timeout)

    def wait_prepared(self, timeout: float | None = None) -> None:
        """Wait until a generation being prepared in the background is ready (or `timeout`)."""
        thread = self._preparing
        if thread is not None:
            thread.join(timeout)

    def _follow(self) -> None:
        self._close_retired(time.monotonic() - RETIRE_SECONDS)
        if self._ready is not None:
            self._serve(*self._ready)
            self._ready = None
        build = builds.current_build(self.root)
        if build is None:
            if self._searcher is not None:
                return  # keep serving what we have rather than failing
            raise IndexMissing(f"no index at {self.root}: run `archive-search index` first")
        if build == self._build and (
                self._ix.latest_generation() == self._searcher.reader().generation()):
            return  # the cheap check: read CURRENT, list the build folder
        if self.background and self._searcher is not None:
            if self._preparing is None or not self._preparing.is_alive():
                self._preparing = threading.Thread(target=self._prepare_in_background,
                                                   args=(build, self._build, self._ix),
                                                   name="prepare-generation", daemon=True)
                self._preparing.start()
            return
        opened = self._open(build, self._build, self._ix)
        if opened is not None:
            self._serve(*opened)

    def _prepare_in_background(self, build: Path, served: Path | None, ix) -> None:
        try:
            opened = self._open(build, served, ix)
        except Exception:  # noqa: BLE001 - a thread's error has no caller: log it, serve on
            log.exception("could not prepare the index at %s; still serving %s", build, served)
            opened = None
        with self._lock:
            if opened is not None and self._searcher is None:  # closed meanwhile
                opened[0].close()
            elif opened is not None:
                self._ready = opened
                self._checked = 0.0  # served at the next call

    def _open(self, build: Path, served: Path | None, ix) -> tuple | None:
        """Open and prepare a generation: (searcher, columns, build, ix), or None to look again."""
        try:
            ix = ix if build == served else builds.open_build(self.root, build)
            searcher = ix.searcher(weighting=ListedLengthsBM25F())
            try:
                hold_files(searcher)
                columns = self._column_parts.columns(searcher)
                if self.prepare is not None:
                    self.prepare(searcher, columns)
            except BaseException:
                searcher.close()
                raise
        except (OSError, IndexMissing) as exc:
            # A writer or a rebuild removed files as we opened them: serve what we have
            # and look again at the next call.
            if self._searcher is None:
                raise IndexMissing(f"the index at {build} cannot be opened: {exc}") from exc
            log.warning("could not follow the index at %s (%s); still serving %s",
                        build, exc, self._build)
            self._checked = 0.0
            return None
        return searcher, columns, build, ix

    def _serve(self, searcher, columns: Columns, build: Path, ix) -> None:
        if self._searcher is not None:
            self._retired.append((time.monotonic(), self._searcher))
            self._close_retired(time.monotonic() - RETIRE_SECONDS)
        self._searcher, self._columns, self._build, self._ix = searcher, columns, build, ix
        self._served.notify_all()

    def _close_retired(self, before: float) -> None:
        still = []
        for i, (when, searcher) in enumerate(self._retired):
            if when <= before or i < len(self._retired) - RETIRED_MAX:
                searcher.close()
            else:
                still.append((when, searcher))
        self._retired = still

    def info(self) -> dict:
        """Return the generation, document count and commit time of the live index."""
        searcher, _ = self.current()
        meta = builds.read_meta(self._build) if self._build else None
        return {"generation": f"{self._build.name}/{searcher.reader().generation()}",
                "documents": searcher.doc_count(),
                "indexed_at": meta.indexed_at if meta else None}

    def close(self) -> None:
        """Close the searchers and the index."""
        self._closing.set()
        if self._follower is not None:
            self._follower.join()
        self.wait_prepared()
        with self._lock:
            if self._ready is not None:
                self._ready[0].close()
                self._ready = None
            self._close_retired(float("inf"))
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = self._ix = self._build = None

