"""Extract the changed files of a run in worker processes that feed the one writer, in order."""
from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

from search.documents import Document
from search.errors import BadSource
from search.extract import extract_file
from search.progress import Progress
from search.timebudget import time_budget

# Seconds one file may take to extract before it is skipped as too slow.
FILE_SECONDS = 30
# Below this many changed files, worker processes cost more than they save.
PARALLEL_FROM = 64
PR_SET_PDEATHSIG = 1


@contextmanager
def extract_all(seeds: Path, todo: list[str], workers: int | None, progress: Progress | None,
                lock_fd: int = -1) -> Iterator[Iterator[tuple[str, list[Document], str]]]:
    """Yield an iterator of (path, documents, reason skipped) over `todo`, in order.

    Worker processes are forked before the Whoosh writer opens and let go of the indexer's
    lock, so that if the indexer is killed its workers die too and hold no lock.
    """
    jobs = [(str(seeds / rel), rel) for rel in todo]
    workers = workers or os.cpu_count() or 1
    pool = None
    if len(jobs) >= PARALLEL_FROM and workers > 1:
        pool = get_context("fork").Pool(workers, initializer=_start_worker,
                                        initargs=(lock_fd, os.getpid()))
        results: Iterator = pool.imap(_extract_job, jobs, chunksize=8)
    else:
        results = map(_extract_job, jobs)
    try:
        yield _counted(results, len(jobs), progress)
    finally:
        if pool:
            pool.terminate()
            pool.join()


def _counted(results: Iterator, total: int, progress: Progress | None) -> Iterator:
    documents = 0
    if progress and total:
        progress(0, total, 0)
    for done, (rel, docs, error) in enumerate(results, 1):
        documents += len(docs)
        if progress:
            progress(done, total, documents)
        yield rel, docs, error


def _start_worker(lock_fd: int, parent: int) -> None:
    """Set up an extraction process: no lock, no Ctrl-C of its own, dies with the indexer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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


def _extract_job(job: tuple[str, str]) -> tuple[str, list[Document], str]:
    path, rel = job
    try:
        with time_budget(FILE_SECONDS):
            return rel, extract_file(Path(path), source=rel), ""
    except BadSource as exc:
        return rel, [], exc.reason
    except TimeoutError:
        return rel, [], f"took longer than {FILE_SECONDS}s to extract"
    except RecursionError:
        return rel, [], "nested too deeply to parse"
