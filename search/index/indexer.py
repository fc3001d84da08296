"""Build and update the index from the archive folder: only what changed is extracted and written.

One run holds the writer's lock, cleans what a killed run left, compares the archive with the
manifest (size and mtime, then the content hash), extracts the changed files, and writes every
change through one Whoosh writer and one searcher in one commit. Within a changed file only the
documents whose id or content changed are written, so a mail archive that grew adds only its new
messages. What the index holds for a file is read from the index itself, not the manifest, so a
run killed between the commit and the manifest is repaired by the next one.
"""
from __future__ import annotations

import errno
import os
import shutil
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import MERGE_SMALL

from search.index import builds
from search.index.changes import file_hash, keep_refused, plan, plan_changed, scan, scan_paths
from search.documents import Document
from search.errors import SearchError
from search.extract.files import EXTRACTOR_VERSION
from search.index.extractpool import PARALLEL_FROM, FileResult, extract_all
from search.index.fields import document_fields, fields_digest
from search.index.progress import IndexStats, Progress
from search.index.schema import SCHEMA_VERSION, build_schema, writer_options
from search.whooshext.segmentwriter import open_unlocked_writer, release_writer

__all__ = ["IndexStats", "WriteFailed", "build_from_documents", "document_fields",
           "fields_digest", "file_hash", "indexer_lock", "scan", "scan_paths", "update_index"]

WRITER_LIMIT_MB = 256
# Set to 0 to have every document written by the indexer itself, into one segment. By default
# extraction workers write new files into segments of their own: a rebuild runs on every core,
# but the index then has a segment per worker, and each query pays a little for each segment.
WORKER_SEGMENTS_ENV = "ARCHIVE_SEARCH_WORKER_SEGMENTS"
indexer_lock = builds.indexer_lock


class WriteFailed(SearchError):
    """The index could not be written (a full disk, a read-only folder); the old one serves."""

    code = "write_failed"


def update_index(seeds: Path, root: Path, progress: Progress | None = None,
                 wait: bool = False, workers: int | None = None,
                 rebuild: bool = False, on_wait: Callable[[str], None] | None = None,
                 changed: Iterable[str] | None = None) -> IndexStats:
    """Bring the index at `root` in line with the files under `seeds`.

    Rebuilds into a new build when there is none or its schema or extractor version differs;
    otherwise extracts and writes only the files added, changed or removed since the last run.
    With `changed` (paths relative to `seeds`, of files or folders, as the file system reported
    them), only those are looked at instead of walking the whole archive.

    Raises:
        SearchError: the archive folder does not exist.
        IndexBusy: another indexer holds the lock and `wait` is False.
        WriteFailed: the disk is full or the index folder cannot be written.
    """
    started = time.monotonic()
    if not seeds.is_dir():  # an unmounted archive must not read as "every file was removed"
        raise SearchError(f"the archive folder {seeds} does not exist; the index is unchanged")
    try:  # said with the path, not as "unexpected error: FileNotFoundError(2, ...)"
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(f"the index folder {root} cannot be made: "
                          f"{'a file is there' if root.is_file() else exc.strerror or exc}") from exc
    with builds.indexer_lock(root, wait, on_wait) as lock_fd:
        builds.clean_leftovers(root)
        live = builds.current_build(root)
        meta = builds.read_meta(live) if live else None
        why = None if rebuild or meta is None else _other_version(meta)
        rebuild = rebuild or meta is None or why is not None
        why = why or (None if rebuild else unreadable(live))
        rebuild = rebuild or why is not None
        old = {} if rebuild else builds.read_manifest(live)
        # Without its manifest, an index cannot tell which of its files went away: start over.
        rebuild = rebuild or (not old and meta.documents > 0)
        stats = IndexStats(rebuilt=rebuild, why=why)
        if changed is None or rebuild:
            # With no manifest every file is extracted: the extraction hashes each (in parallel).
            refused: list[tuple[str, str]] = []
            # A rebuild's workers stat its files as they hash them (`FileResult.sized`).
            files = keep_refused(scan(seeds, refused, sizes=bool(old)), old, refused, stats)
            new, todo = plan(seeds, files, old, stats, hash_new=bool(old))
        else:
            new, todo = plan_changed(seeds, changed, old, stats)
        removed = [rel for rel in old if rel not in new]
        stats.removed = len(removed)
        if not (rebuild or todo or removed):
            stats.documents = meta.documents
        with _failing_clearly(root):
            if rebuild:
                _rebuild(root, seeds, new, todo, stats, progress, workers, lock_fd)
            elif todo or removed:
                _write(live, seeds, old, new, todo, removed, stats, progress, workers, lock_fd)
    stats.seconds = time.monotonic() - started
    return stats


def _other_version(meta) -> str | None:
    """Return why a build written by another version of this code is rebuilt (None: same)."""
    if (meta.schema_version, meta.extractor_version) == (SCHEMA_VERSION, EXTRACTOR_VERSION):
        return None
    return (f"it was written by another version of archive-search (schema "
            f"{meta.schema_version}, extractor {meta.extractor_version}; this one writes "
            f"{SCHEMA_VERSION}, {EXTRACTOR_VERSION})")


def unreadable(build: Path) -> str | None:
    """Return why the build's table of contents cannot be read (None when it can).

    The TOC pickles our schema's classes by module path; a build written by code whose classes
    have since moved or changed beyond `oldpaths`' reach is rebuilt rather than failing."""
    try:
        builds.read_toc(build)
    except Exception as exc:  # unpickling fails in many ways (import, attribute, EOF errors)
        return f"the index at {build} could not be read ({type(exc).__name__}: {exc})"
    return None


def _rebuild(root: Path, seeds: Path, new: dict, todo: list[str], stats: IndexStats,
             progress: Progress | None, workers: int | None, lock_fd: int) -> None:
    build = builds.new_build(root)
    try:
        with _failing_clearly(build):
            whoosh_index.create_in(str(build), build_schema()).close()
        _write(build, seeds, {}, new, todo, [], stats, progress, workers, lock_fd)
        held = whoosh_index.open_dir(str(build)).doc_count()
        if held != stats.documents:  # check before the switch: never publish a short index
            raise WriteFailed(f"the new index in {build} holds {held} documents, not the "
                              f"{stats.documents} written; the previous index is still serving")
        with _failing_clearly(root / builds.POINTER):
            builds.publish(root, build)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise


def _write(build: Path, seeds: Path, old: dict, new: dict, todo: list[str], removed: list[str],
           stats: IndexStats, progress: Progress | None, workers: int | None,
           lock_fd: int) -> None:
    """Extract `todo`, delete `removed`, and commit it all at once, with manifest and meta."""
    known = builds.read_documents(build) if old else {}
    documents = {rel: known[rel] for rel in new if rel in known and rel not in todo}
    fresh = frozenset() if os.environ.get(WORKER_SEGMENTS_ENV) == "0" else (
        _not_indexed(build, todo) if old else frozenset(todo))
    unhashed = frozenset(rel for rel in todo if new[rel][2] is None)
    with extract_all(seeds, todo, workers, progress, lock_fd, build, fresh,
                     unhashed) as extraction:
        ix = whoosh_index.open_dir(str(build))
        writer = _open_writer(ix)
        try:
            searcher = writer.searcher()
            try:
                before = searcher.doc_count()
                for rel in removed:
                    stats.docs_removed += _delete(writer, _indexed(searcher, rel))
                for result in extraction:
                    if _hashed(result, new, stats):
                        documents[result.rel] = _take(writer, searcher, result, old, known,
                                                      new, stats)
            finally:
                searcher.close()
            stats.documents = before - stats.docs_removed + stats.docs_added
            _commit(build, writer, new, documents, stats, extraction.finish)
        except BaseException:
            release_writer(writer)
            raise
        finally:
            ix.close()


def _not_indexed(build: Path, todo: list[str]) -> frozenset[str]:
    """Return the files of `todo` the index holds no document of (deleted ones count as held)."""
    if len(todo) < PARALLEL_FROM:  # no workers: the writer checks each file itself
        return frozenset()
    ix = whoosh_index.open_dir(str(build))
    try:
        with ix.reader() as reader:
            return frozenset(rel for rel in todo if not reader.doc_frequency("source", rel))
    finally:
        ix.close()


def _hashed(result: FileResult, new: dict, stats: IndexStats) -> bool:
    """Give a file `plan` left unhashed (`hash_new`) the extraction's hash, size and mtime;
    drop it, as `plan` would have, when it could not be read or is gone. Return whether it is
    kept."""
    entry = new[result.rel]
    if entry[2] is not None:
        return True
    if result.digest is None:
        del new[result.rel]
        stats.added -= 1
        if result.error:
            stats.skipped.append((result.rel, result.error))
        return False
    entry[:] = [*result.sized, result.digest]
    return True


def _take(writer, searcher, result: FileResult, old: dict, known: dict, new: dict,
          stats: IndexStats) -> list:
    """Write one extracted file (unless a worker did); return its entry in documents.json."""
    rel = result.rel
    if result.error:
        stats.skipped.append((rel, result.error))
    if result.uncleaned:
        stats.uncleaned.append((rel, result.uncleaned))
    if result.fields is None:  # a worker wrote it into its segment: the index held none of it
        stats.docs_added += len(result.ids)
        return [new[rel][2], result.ids, result.digests]
    return _write_file(writer, result, _known(old, known, rel), stats, _indexed(searcher, rel),
                       new[rel][2])


def _open_writer(ix):
    # Our lock already makes this the only writer. Whoosh's own lock file would stay held in
    # this process if the writer failed while starting (a full disk), blocking a watcher.
    return open_unlocked_writer(ix, limitmb=WRITER_LIMIT_MB, **writer_options())


def _commit(build: Path, writer, new: dict, documents: dict, stats: IndexStats,
            segments: Callable[[], list] = list) -> None:
    """Write manifest, documents and meta aside, commit the index with the workers' `segments`
    (waited for once those are written: the workers write theirs meanwhile), then move them in
    place.

    A full disk fails before the commit; a kill after it leaves the older manifest, which the
    next run repairs from what the index holds.
    """
    meta = builds.IndexMeta(SCHEMA_VERSION, EXTRACTOR_VERSION,
                           datetime.now(timezone.utc).isoformat(timespec="seconds"),
                           stats.documents)
    texts = {builds.DOCUMENTS: builds.json_text(documents), builds.MANIFEST: builds.json_text(new),
             builds.META: builds.meta_text(meta)}
    temps: list[Path] = []
    try:
        with _failing_clearly(build / builds.MANIFEST):
            temps += [builds.write_temp(build / name, text) for name, text in texts.items()]
        written = segments()
        with _failing_clearly(build):
            # The workers' segments join the index as they are: merging them would run the
            # whole run's writing again on one core.
            writer.commit(mergetype=lambda w, held: MERGE_SMALL(w, held) + written)
        with _failing_clearly(build / builds.MANIFEST):
            for tmp, name in zip(temps, texts):
                os.replace(tmp, build / name)
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


class _failing_clearly:
    """Turn an OSError while writing `path` into WriteFailed with a plain message."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        if isinstance(exc, OSError):
            why = ("the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT)
                   else exc.strerror or str(exc))
            raise WriteFailed(f"cannot write the index at {self.path}: {why}; "
                              "nothing was changed, the previous index is still serving") from exc
        return False


def _indexed(searcher, rel: str) -> dict[str, list[int]]:
    """Return what the index holds for one archive file: document id -> document numbers."""
    held: dict[str, list[int]] = {}
    for docnum in searcher.document_numbers(source=rel):
        held.setdefault(searcher.stored_fields(docnum)["id"], []).append(docnum)
    return held


def _delete(writer, held: dict[str, list[int]]) -> int:
    for docnums in held.values():
        for docnum in docnums:
            writer.delete_document(docnum)
    return sum(len(docnums) for docnums in held.values())


def _known(old: dict, known: dict, rel: str) -> dict[str, list[str]]:
    """Return the digests of a file's documents as last indexed: id -> digests.

    Trusted only when recorded for the version of the file the manifest says was indexed.
    """
    entry, before = known.get(rel), old.get(rel)
    if not entry or not before or entry[0] != before[2]:
        return {}
    digests: dict[str, list[str]] = {}
    for doc_id, digest in zip(entry[1], entry[2]):
        digests.setdefault(doc_id, []).append(digest)
    return digests


def _write_file(writer, result: FileResult, known: dict[str, list[str]], stats: IndexStats,
                held: dict[str, list[int]], sha1: str) -> list:
    """Write the documents of one file that are new or changed; delete those that went away.

    Returns the file's entry in documents.json.
    """
    fields, digests = result.fields, result.digests
    wanted: dict[str, list[int]] = {}
    for i, doc_id in enumerate(result.ids):
        wanted.setdefault(doc_id, []).append(i)
    kept = set()
    for doc_id, docnums in held.items():
        mine = [digests[i] for i in wanted.get(doc_id, [])]
        if mine and mine == known.get(doc_id) and len(docnums) == len(mine):
            kept.add(doc_id)
            continue
        stats.docs_removed += _delete(writer, {doc_id: docnums})
    for doc_id, positions in wanted.items():
        if doc_id not in kept:
            for i in positions:
                writer.add_document(**fields[i])
            stats.docs_added += len(positions)
    return [sha1, result.ids, digests]


def build_from_documents(root: Path, docs: list[Document]) -> None:
    """Publish a new build under `root` holding exactly `docs` (for imports and fixtures)."""
    with builds.indexer_lock(root):
        build = builds.new_build(root)
        ix = whoosh_index.create_in(str(build), build_schema())
        with ix.writer(**writer_options()) as writer:
            for doc in docs:
                writer.add_document(**document_fields(doc))
        count = ix.doc_count()
        ix.close()
        builds.write_meta(build, builds.IndexMeta(
            SCHEMA_VERSION, EXTRACTOR_VERSION,
            datetime.now(timezone.utc).isoformat(timespec="seconds"), count))
        builds.publish(root, build)
