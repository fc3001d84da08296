"""Where the live index is: a folder of builds and a pointer file naming the live one.

    var/index/
      CURRENT             the name of the live build, replaced by one atomic rename
      .indexer.lock       held (fcntl) by the one process writing
      build-<stamp>/      a Whoosh index (segments without compound files) with
        meta.json         schema and extractor versions, time of the last commit
        manifest.json     every archive file indexed: size, mtime, content hash
        documents.json    per file: the content hash it was indexed at, document ids and digests
        .published        marks a build that has been live once (kept a while for readers)

A rebuild writes a new build beside the live one and switches CURRENT only once it is complete
and checked, so readers never see a half-built index. An update commits inside the live build:
Whoosh writes new segment files, then a new table of contents (TOC) under a temporary name and
renames it, so readers see the previous generation or the next one. A writer killed on the way
leaves files nobody names; `clean_leftovers` removes them under the writer's lock.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from search.errors import IndexBusy, IndexMissing

POINTER = "CURRENT"
LOCK_NAME = ".indexer.lock"
META = "meta.json"
MANIFEST = "manifest.json"
DOCUMENTS = "documents.json"
PUBLISHED = ".published"
BUILD_PREFIX = "build-"
INDEX_NAME = "MAIN"
# Builds kept besides the live one, so that readers still holding the previous one can finish.
KEEP_OLD_BUILDS = 1
# Leftovers of a writer that died: our temporary files (write_atomic), Whoosh's temporary TOC
# (`_MAIN_3.toc.1732251234.5`) and its temporary pool folders (`MAIN.tmp`, `<random>.tmp`).
TEMP_FILE = re.compile(r"^\.(CURRENT|meta\.json|manifest\.json|documents\.json)\..+$")
TEMP_TOC = re.compile(r"^_MAIN_[0-9]+\.toc\..+$")
TEMP_DIR = re.compile(r"^[^.].*\.tmp$")
# A reader's copy of what it read of a segment, being written (engine/segmentcache.py).
TEMP_MEMO_PREFIX = ".memo-"


@dataclass
class IndexMeta:
    """What an index build records about itself."""

    schema_version: int
    extractor_version: int
    indexed_at: str = ""
    documents: int = 0


@contextmanager
def indexer_lock(root: Path, wait: bool = False,
                 on_wait: Callable[[str], None] | None = None) -> Iterator[int]:
    """Hold the one-writer lock of an index folder and yield its file descriptor.

    The OS releases the lock when its holder dies, however it dies. While it is held, files
    are created writable by their owner only (umask 022): readers refuse an index others can
    write (`check_owned`), and a umask of 002, common on desktops, would make every file so.

    Raises:
        IndexBusy: another process holds the lock and `wait` is False.
    """
    previous_umask = os.umask(0o022)
    try:
        yield from _locked(root, wait, on_wait)
    finally:
        os.umask(previous_umask)


def _locked(root: Path, wait: bool, on_wait: Callable[[str], None] | None) -> Iterator[int]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_NAME, "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            busy = f"another `archive-search index` is writing {root}"
            if not wait:
                raise IndexBusy(f"{busy}; wait for it to finish (or pass --wait)") from exc
            if on_wait:
                on_wait(f"{busy}; waiting for it to finish")
            fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield f.fileno()
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that a reader sees the old content or the new one, never a part."""
    tmp = write_temp(path, text)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_temp(path: Path, text: str) -> Path:
    """Write `text` to a synced temporary file beside `path` and return its name.

    The caller renames it over `path` when the time comes; a full disk fails here, before
    anything a reader sees has changed.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def current_build(root: Path) -> Path | None:
    """Return the live build folder, or None when there is none."""
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    build = root / name
    if not name.startswith(BUILD_PREFIX) or "/" in name or not build.is_dir():
        return None
    return build


def new_build(root: Path) -> Path:
    """Create and return an empty build folder beside the live one."""
    root.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    return Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{stamp}-", dir=root))


def publish(root: Path, build: Path) -> None:
    """Make `build` the live index with one atomic rename, then drop builds nobody needs."""
    write_atomic(root / POINTER, build.name + "\n")
    (build / PUBLISHED).touch()
    prune_builds(root)


def prune_builds(root: Path) -> list[Path]:
    """Remove builds that are not live: half-made ones, and old ones past KEEP_OLD_BUILDS."""
    live = current_build(root)
    others = [p for p in root.glob(BUILD_PREFIX + "*") if p.is_dir() and p != live]
    published = sorted((p for p in others if (p / PUBLISHED).exists()),
                       key=lambda p: (p / PUBLISHED).stat().st_mtime, reverse=True)
    doomed = [p for p in others if p not in published[:KEEP_OLD_BUILDS]]
    for path in doomed:
        shutil.rmtree(path, ignore_errors=True)
    return doomed


def clean_leftovers(root: Path) -> list[str]:
    """Remove what a killed or failed writer left behind; call it holding the writer's lock.

    Returns the names removed, relative to `root`.
    """
    removed = [p.name for p in prune_builds(root)]
    for path in root.iterdir() if root.is_dir() else []:
        if TEMP_FILE.match(path.name):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    live = current_build(root)
    if live is not None:
        removed += [f"{live.name}/{name}" for name in clean_build(live)]
    return removed


class _ClosingStorage(FileStorage):
    """A FileStorage that remembers the files it opened, for Whoosh paths that leave them open."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.opened = []

    def open_file(self, name, **kwargs):
        self.opened.append(super().open_file(name, **kwargs))
        return self.opened[-1]


def read_toc(build: Path):
    """Read a build's table of contents; no file is left open when it fails to unpickle."""
    storage = _ClosingStorage(str(build))
    try:
        return whoosh_index.TOC.read(storage, INDEX_NAME)
    finally:
        for f in storage.opened:
            if not f.is_closed:
                f.close()


def clean_build(build: Path) -> list[str]:
    """Remove temporary files and segments no table of contents names from one build."""
    removed = []
    for path in build.iterdir():
        if (TEMP_FILE.match(path.name) or TEMP_TOC.match(path.name)
                or path.name.startswith(TEMP_MEMO_PREFIX)):
            path.unlink(missing_ok=True)
        elif path.is_dir() and TEMP_DIR.match(path.name):
            shutil.rmtree(path, ignore_errors=True)
        else:
            continue
        removed.append(path.name)
    storage = FileStorage(str(build))
    try:
        toc = read_toc(build)
    except Exception:  # no TOC, or one this code cannot unpickle: update_index rebuilds it
        return removed
    before = set(storage.list())
    # Whoosh's own cleaner: TOCs of other generations, segments the live TOC does not name.
    whoosh_index.clean_files(storage, INDEX_NAME, toc.generation, toc.segments)
    return removed + sorted(before - set(storage.list()))


def read_meta(build: Path) -> IndexMeta | None:
    """Return a build's meta, or None when it has none or it is unreadable."""
    try:
        return IndexMeta(**json.loads((build / META).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def meta_text(meta: IndexMeta) -> str:
    """Return the text of meta.json."""
    return json.dumps(meta.__dict__, indent=1)


def write_meta(build: Path, meta: IndexMeta) -> None:
    """Record a build's meta atomically."""
    write_atomic(build / META, meta_text(meta))


def read_manifest(build: Path) -> dict[str, list]:
    """Return the build's manifest: archive path -> [size, mtime in ns, sha1].

    Kept apart from the document ids so that an unchanged archive loads only this. A manifest
    of another shape (an older release wrote one dict a file) reads as none: the index is rebuilt.
    """
    found = _read_json(build / MANIFEST)
    if all(isinstance(v, list) and len(v) == 3 for v in found.values()):
        return found
    return {}


def read_documents(build: Path) -> dict[str, list]:
    """Return the build's documents: archive path -> [sha1 indexed, ids, digests]."""
    return _read_json(build / DOCUMENTS)


def _read_json(path: Path) -> dict:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def json_text(table: dict) -> str:
    """Return the compact text of manifest.json or documents.json."""
    return json.dumps(table, separators=(",", ":"))


def check_owned(path: Path) -> None:
    """Refuse an index folder or file others can write: its pickles would run their code."""
    st = path.stat()
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise IndexMissing(f"{path} is writable by other users; refusing to open it "
                           "(the index holds pickles). Run: chmod go-w " + str(path))
    if hasattr(os, "getuid") and st.st_uid not in (os.getuid(), 0):
        raise IndexMissing(f"{path} belongs to another user; refusing to open it")


def open_build(root: Path, build: Path):
    """Open one build of the index under `root`, read-only use.

    Raises:
        IndexMissing: it cannot be opened, or others could have written it.
    """
    check_owned(root)
    check_owned(build)
    for path in build.iterdir():  # the table of contents is a pickle, and so is each segment's
        try:
            check_owned(path)
        except FileNotFoundError:  # gone as we looked (a writer's cleaning, a reader's memo
            continue  # renamed into place): a file that is not there runs nothing
    try:
        return whoosh_index.open_dir(str(build))
    except Exception as exc:  # a damaged TOC fails in many ways (pickle, EOF, index errors)
        raise IndexMissing(f"the index at {build} cannot be opened ({type(exc).__name__}: "
                           f"{exc}); rebuild it with `archive-search index --rebuild`") from exc
