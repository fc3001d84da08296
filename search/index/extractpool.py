"""Extract the changed files of a run in worker processes; they also write the new documents.

Each worker extracts a file and turns its documents into index fields and digests. A file the
index holds nothing of yet (every file of a rebuild, a file added since the last run) is written
by the worker itself into a Whoosh segment of its own, so that analysing and writing postings,
most of an indexing run, uses every core; the indexer adds those segments to its commit. The
documents of a file the index already holds come back to the indexer, which compares them with
what it holds and writes only what changed.
"""
from __future__ import annotations

import gc
import os
import queue
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from search.documents import Document
from search.errors import BadSource, SearchError
from search.extract.files import PLAIN_SECONDS, extract_file, file_seconds
from search.index import changes
from search.index.fields import document_fields, fields_digest
from search.index.progress import Progress
from search.timebudget import time_budget
from search.whooshext import capabilities

# Seconds past the cleaning's budget and the plain-text fallback's before a file is skipped:
# a backstop only, since the fallback runs in linear time (search/extract/plaintext.py).
BACKSTOP_SECONDS = 5.0
# Below this many changed files, worker processes cost more than they save.
PARALLEL_FROM = 64
# Files sent to a worker at a time: fewer round trips, still an even share at the end.
BATCH_FILES = 16
# Postings a worker holds before it writes them as a segment and starts another; a prose
# field's are counted by position, about 1.4 positions a posting on Usenet posts, so that the
# segments end where they did when postings were counted (5,000,000). Each costs about 75
# bytes of the worker's memory (search/whooshext/segmentwriter.py and prosepostings.py).
WORKER_POSTINGS = 7_000_000
# How often the indexer checks that its workers are still alive while it waits for them.
POLL_SECONDS = 1.0
PR_SET_PDEATHSIG = 1
# A worker's garbage collector runs every this many allocations (Python's default: 700), and a
# full collection after 20 x 20 of those runs. The segment writer's postings, millions of
# small arrays kept for the whole run, were walked again and again: 6% of a worker's CPU.
WORKER_GC_THRESHOLDS = (20_000, 20, 20)


@dataclass
class FileResult:
    """One file's outcome: its documents as index fields, or that a worker already wrote them."""

    rel: str
    ids: list[str] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)
    fields: list[dict] | None = None  # None when written into a worker's segment
    error: str = ""
    uncleaned: str = ""  # why the file was indexed as its plain text, if it was
    digest: str | None = None  # the content hash (search/index/changes.py); None: unreadable
    sized: tuple[int, int] | None = None  # the size and mtime (ns) of the file hashed


class Extraction:
    """The results of a run's extraction, in the order they finish, and the workers' segments."""

    def __init__(self) -> None:
        self.results: Iterator[FileResult] = iter(())
        self.segments: list = []  # complete once `finish` returns
        self.outbox: _Outbox | None = None  # what the workers send (None: no workers)

    def __iter__(self) -> Iterator[FileResult]:
        return self.results

    def finish(self) -> list:
        """Wait until every worker has written its segment (after every result was read: the
        workers write theirs meanwhile); return the segments."""
        if self.outbox is not None:
            self.outbox.wait_segments()
        return self.segments


@contextmanager
def extract_all(seeds: Path, todo: list[str], workers: int | None, progress: Progress | None,
                lock_fd: int = -1, build: Path | None = None,
                fresh: frozenset[str] = frozenset(),
                unhashed: frozenset[str] = frozenset()) -> Iterator[Extraction]:
    """Yield the extraction of `todo`; files in `fresh` are written into segments of `build`,
    files in `unhashed` hashed too (`FileResult.digest`).

    Worker processes are forked before the indexer opens its Whoosh writer and let go of the
    indexer's lock, so that if the indexer is killed its workers die too and hold no lock.
    Without workers (few files), nothing is written: every file's fields come back.

    Raises:
        SearchError: a worker died; OSError: a worker could not write its segment.
    """
    # Paths joined as text: a Path per file cost 0.08 s of a rebuild's 20,000, before any
    # worker starts (a rel is "/"-separated, as `changes.scan` makes it).
    folder = os.path.join(seeds, "")
    jobs = [(folder + rel, rel, rel in fresh, rel in unhashed) for rel in todo]
    workers = workers or os.cpu_count() or 1
    extraction = Extraction()
    if (len(jobs) < PARALLEL_FROM or workers < 2 or build is None
            or not capabilities.available("worker segments")):
        extraction.results = _counted(map(_extract_fields, jobs), len(jobs),
                                      progress)
        yield extraction
        return
    procs, outbox = _start_workers(jobs, workers, build, lock_fd)
    extraction.outbox = _Outbox(outbox, procs, extraction.segments)
    extraction.results = _counted(extraction.outbox.results(len(jobs)), len(jobs), progress)
    try:
        yield extraction
    finally:
        for proc in procs:
            proc.terminate()
        # A worker that sent its last segment is left to end while the indexer goes on: the
        # system takes some 0.1-0.2 s to free its memory (half a gigabyte). multiprocessing
        # reaps it as the next run starts workers, or as the process exits.
        if extraction.outbox.finished < len(procs):
            for proc in procs:
                proc.join()


def _start_workers(jobs: list[tuple[str, str, bool, bool]], workers: int, build: Path,
                   lock_fd: int) -> tuple[list, object]:
    """Start the workers with every job queued in batches; return them and their outbox."""
    ctx = get_context("fork")
    inbox, outbox = ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=_work, args=(inbox, outbox, str(build), lock_fd, os.getpid()),
                         daemon=True) for _ in range(workers)]
    for proc in procs:
        proc.start()
    for start in range(0, len(jobs), BATCH_FILES):
        inbox.put(jobs[start:start + BATCH_FILES])
    for _ in procs:
        inbox.put(None)
    return procs, outbox


class _Outbox:
    """What the workers send: every file's result, then each worker's segment."""

    def __init__(self, outbox, procs: list, segments: list) -> None:
        self.outbox, self.procs, self.segments = outbox, procs, segments
        self.finished = 0  # workers that sent their last segment

    def results(self, total: int) -> Iterator[FileResult]:
        """Yield the `total` files' results (one a job); raise what a worker reports."""
        received = 0
        while received < total:
            payload = self._next()
            if payload is not None:
                received += len(payload)
                yield from payload

    def wait_segments(self) -> None:
        """Read on until each worker has sent its segment; raise what one reports."""
        while self.finished < len(self.procs):
            if self._next() is not None:
                raise SearchError("an extraction worker sent a file after every job was done")

    def _next(self) -> list[FileResult] | None:
        """Read one message: return a batch of results, or None after noting a segment."""
        while True:
            try:
                kind, payload = self.outbox.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if any(proc.exitcode not in (None, 0) for proc in self.procs):
                    raise SearchError("an extraction worker died; the index is unchanged") from None
                continue
            if kind == "files":
                return payload
            if kind == "part":  # a segment written before the worker's last
                self.segments.append(payload)
            elif kind == "segment":
                self.finished += 1
                if payload is not None:
                    self.segments.append(payload)
            elif kind == "failed":  # (errno, message): the indexer says which disk and why
                raise OSError(*payload)
            else:
                raise SearchError(payload)
            return None


def _counted(results: Iterator[FileResult], total: int, progress: Progress | None) -> Iterator:
    documents = 0
    if progress and total:
        progress(0, total, 0)
    for done, result in enumerate(results, 1):
        documents += len(result.ids)
        if progress:
            progress(done, total, documents)
        yield result


def _work(inbox, outbox, build: str, lock_fd: int, parent: int) -> None:
    """Extract batches of files until told to stop, then send the segment written, if any."""
    _start_worker(lock_fd, parent)
    writer = None
    try:
        while (batch := inbox.get()) is not None:
            done = []
            for job in batch:
                result = _extract_fields(job)
                if job[2] and result.fields:  # fresh: the index holds nothing of it
                    writer = writer or _segment_writer(build)
                    for fields in result.fields:
                        writer.add_document(**fields)
                    result.fields = None
                    if writer.pool.postings >= WORKER_POSTINGS:
                        outbox.put(("part", writer.finish_segment()))
                        writer = None
                done.append(result)
            outbox.put(("files", done))
        outbox.put(("segment", writer.finish_segment() if writer else None))
    except OSError as exc:  # a full disk: the indexer reports it as it does its own
        outbox.put(("failed", (exc.errno, exc.strerror or str(exc))))
    except Exception as exc:  # a bug: the indexer must not wait for a segment that never comes
        outbox.put(("broken", f"an extraction worker failed ({exc!r}); the index is unchanged"))
    outbox.close()
    outbox.join_thread()


def _segment_writer(build: str):
    """Open a writer of one new segment in `build`, which the indexer will commit."""
    from whoosh import index as whoosh_index

    from search.whooshext.segmentwriter import open_segment_writer

    ix = whoosh_index.open_dir(build)
    # The indexer holds the index's lock and commits: this writer only writes its segment.
    return open_segment_writer(ix, unlocked=True)


def _start_worker(lock_fd: int, parent: int) -> None:
    """Set up an extraction process: no lock, no Ctrl-C of its own, dies with the indexer."""
    gc.freeze()  # what the indexer had when it forked stays: never walked again
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if lock_fd >= 0:
        os.close(lock_fd)  # our copy would keep the lock held if the indexer were killed
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the indexer died before we could ask to follow it
        os._exit(1)


def _extract_fields(job: tuple[str, str, bool, bool]) -> FileResult:
    """Extract one file (path, rel, fresh, to hash) and compute its documents' index fields
    and digests; hash it first if asked (with its size and mtime). A file to hash gone since the
    scan comes back with no hash and no error; one that cannot be read, with no hash and why."""
    digest = sized = None
    if job[3]:
        try:
            digest, *sized = changes.file_state(Path(job[0]))
        except FileNotFoundError:
            return FileResult(job[1])
        except OSError as exc:
            return FileResult(job[1], error=f"cannot be read ({exc.strerror or exc})")
    rel, docs, error = _extract_job(job[:2])
    fields = [document_fields(doc) for doc in docs]
    uncleaned = next((doc.uncleaned for doc in docs if doc.uncleaned), "")
    return FileResult(rel, [doc.id for doc in docs], [fields_digest(f) for f in fields],
                      fields, error, uncleaned, digest, tuple(sized) if sized else None)


def _extract_job(job: tuple[str, str]) -> tuple[str, list[Document], str]:
    path, rel = job
    seconds = file_seconds()
    backstop = seconds + PLAIN_SECONDS + BACKSTOP_SECONDS if seconds else 0
    try:
        with time_budget(backstop):
            return rel, extract_file(Path(path), source=rel), ""
    except BadSource as exc:
        return rel, [], exc.reason
    except TimeoutError:
        return rel, [], f"took longer than {backstop:g}s to extract"
    except RecursionError:
        return rel, [], "nested too deeply to parse"
