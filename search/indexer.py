"""Build and update the index from the archive folder: only what changed is extracted and written."""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path

from whoosh import index as whoosh_index

from search import dedup, store
from search.documents import Document
from search.errors import BadSource, IndexBusy
from search.extract import EXTRACTOR_VERSION, extract_file
from search.schema import SCHEMA_VERSION, build_schema
from search.sources import walk
from search.timebudget import time_budget

LOCK_NAME = ".indexer.lock"
# Seconds one file may take to extract before it is skipped as too slow.
FILE_SECONDS = 30
# Below this many changed files, worker processes cost more than they save.
PARALLEL_FROM = 64
WRITER_LIMIT_MB = 256


@dataclass
class IndexStats:
    """What one run of the indexer did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    documents: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    rebuilt: bool = False

    def summary(self) -> str:
        """Return the one-paragraph summary printed at the end of a run."""
        head = (f"{'Rebuilt' if self.rebuilt else 'Updated'} index in {self.seconds:.1f}s: "
                f"{self.added} files added, {self.updated} updated, {self.removed} removed, "
                f"{self.unchanged} unchanged, {len(self.skipped)} skipped; "
                f"{self.documents} documents in the index.")
        lines = [head] + [f"  skipped {path}: {reason}" for path, reason in self.skipped]
        return "\n".join(lines)


Progress = Callable[[int, int, int], None]  # files done, files to do, documents so far


@contextmanager
def indexer_lock(root: Path, wait: bool = False) -> Iterator[None]:
    """Hold the one-writer lock of an index folder; the OS releases it if the holder dies."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_NAME, "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            raise IndexBusy(f"another `archive-search index` is writing {root}; "
                            "wait for it to finish (or pass --wait)") from exc
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def update_index(seeds: Path, root: Path, progress: Progress | None = None,
                 wait: bool = False, workers: int | None = None,
                 rebuild: bool = False) -> IndexStats:
    """Bring the index at `root` in line with the files under `seeds`.

    Rebuilds into a new build when there is none or its schema or extractor version differs;
    otherwise extracts and writes only the files added, changed or removed since the last run.

    Raises:
        IndexBusy: another indexer holds the lock and `wait` is False.
    """
    started = time.monotonic()
    with indexer_lock(root, wait):
        build = store.current_build(root)
        meta = store.read_meta(build) if build else None
        rebuild = rebuild or meta is None or (
            meta.schema_version, meta.extractor_version) != (SCHEMA_VERSION, EXTRACTOR_VERSION)
        if rebuild:
            build = store.new_build(root)
            whoosh_index.create_in(str(build), build_schema())
        stats = _sync(seeds, build, rebuild, progress, workers)
        stats.rebuilt = rebuild
        if rebuild:
            store.publish(root, build)
    stats.seconds = time.monotonic() - started
    return stats


def _sync(seeds: Path, build: Path, rebuild: bool, progress: Progress | None,
          workers: int | None) -> IndexStats:
    stats = IndexStats()
    old = {} if rebuild else store.read_manifest(build)
    new, todo = _plan(seeds, old, stats)
    removed = [rel for rel in old if rel not in new]
    stats.removed = len(removed)
    ix = whoosh_index.open_dir(str(build))
    try:
        with ix.writer(limitmb=WRITER_LIMIT_MB, compound=False) as writer:
            for rel in removed + [rel for rel in todo if rel in old]:
                writer.delete_by_term("source", rel)
            for rel, docs, error in _extract_all(seeds, todo, workers, progress):
                if error:
                    stats.skipped.append((rel, error))
                    new[rel]["ids"] = []
                    continue
                for doc in docs:
                    writer.add_document(**document_fields(doc))
                new[rel]["ids"] = [doc.id for doc in docs]
        stats.documents = ix.doc_count()
    finally:
        ix.close()
    store.write_manifest(build, new)
    store.write_meta(build, store.IndexMeta(
        SCHEMA_VERSION, EXTRACTOR_VERSION,
        datetime.now(timezone.utc).isoformat(timespec="seconds"), stats.documents))
    return stats


def _plan(seeds: Path, old: dict[str, dict], stats: IndexStats) -> tuple[dict, list[str]]:
    """Compare the archive with the manifest; return the new manifest and the files to extract."""
    new: dict[str, dict] = {}
    todo: list[str] = []
    for path in walk(seeds):
        rel = path.relative_to(seeds).as_posix()
        st = path.stat()
        entry = {"size": st.st_size, "mtime": st.st_mtime_ns}
        before = old.get(rel)
        if before and before["size"] == st.st_size and before["mtime"] == st.st_mtime_ns:
            new[rel] = before
            stats.unchanged += 1
            continue
        entry["sha1"] = file_hash(path)
        if before and before.get("sha1") == entry["sha1"]:
            new[rel] = {**before, **entry}
            stats.unchanged += 1
            continue
        new[rel] = entry
        todo.append(rel)
        if before:
            stats.updated += 1
        else:
            stats.added += 1
    return new, todo


def file_hash(path: Path) -> str:
    """Return the SHA-1 of a file's content, read in blocks."""
    digest = hashlib.sha1()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _extract_all(seeds: Path, todo: list[str], workers: int | None,
                 progress: Progress | None) -> Iterator[tuple[str, list[Document], str]]:
    jobs = [(str(seeds / rel), rel) for rel in todo]
    workers = workers or os.cpu_count() or 1
    docs_so_far = 0
    if len(jobs) < PARALLEL_FROM or workers < 2:
        results: Iterator = map(_extract_job, jobs)
        pool = None
    else:
        pool = get_context("fork").Pool(workers)
        results = pool.imap(_extract_job, jobs, chunksize=16)
    try:
        for done, (rel, docs, error) in enumerate(results, 1):
            docs_so_far += len(docs)
            if progress:
                progress(done, len(jobs), docs_so_far)
            yield rel, docs, error
    finally:
        if pool:
            pool.terminate()


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


def document_fields(doc: Document) -> dict:
    """Return the Whoosh fields of a document."""
    fields = {
        "id": doc.id, "source": doc.source, "kind": doc.kind, "position": doc.position,
        "title": doc.title or "", "body": doc.body, "quoted": doc.quoted,
        "quotes": "\n".join(q.text for q in doc.quotes),
        "speaker": "\n".join(doc.speakers),
        "speaker_key": ",".join(name.replace(",", " ") for name in doc.speakers),
        "speakers": list(doc.speakers),
        "quotes_json": json.dumps([q.__dict__ for q in doc.quotes]),
        "author": doc.author or "", "carrier": doc.carrier or "",
        **dedup.index_fields(doc.body),
    }
    if doc.outlet:
        fields["outlet"] = doc.outlet
        fields["outlet_key"] = doc.outlet
    if doc.date:
        fields["date"] = datetime.strptime(doc.date, "%Y-%m-%d")
    return fields


def build_from_documents(root: Path, docs: list[Document]) -> None:
    """Publish a new build under `root` holding exactly `docs` (for imports and fixtures)."""
    with indexer_lock(root):
        build = store.new_build(root)
        ix = whoosh_index.create_in(str(build), build_schema())
        with ix.writer(compound=False) as writer:
            for doc in docs:
                writer.add_document(**document_fields(doc))
        count = ix.doc_count()
        ix.close()
        store.write_meta(build, store.IndexMeta(
            SCHEMA_VERSION, EXTRACTOR_VERSION,
            datetime.now(timezone.utc).isoformat(timespec="seconds"), count))
        store.publish(root, build)
