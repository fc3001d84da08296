"""Where the live index is: a folder of builds and a pointer file naming the live one.

    var/index/
      CURRENT             the name of the live build, replaced by one atomic rename
      build-<stamp>/      a Whoosh index (segments without compound files) with
        meta.json         schema and extractor versions, time of the last commit
        manifest.json     every archive file indexed: size, mtime, hash, document ids

A rebuild writes a new build beside the live one and switches CURRENT only once it is complete
and checked, so readers never see a half-built index.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from search.errors import IndexMissing

POINTER = "CURRENT"
META = "meta.json"
MANIFEST = "manifest.json"
BUILD_PREFIX = "build-"
# Builds kept besides the live one, so that readers still holding the previous one can finish.
KEEP_OLD_BUILDS = 1


@dataclass
class IndexMeta:
    """What an index build records about itself."""

    schema_version: int
    extractor_version: int
    indexed_at: str = ""
    documents: int = 0


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that a reader sees the old content or the new one, never a part."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    builds = sorted((p for p in root.glob(BUILD_PREFIX + "*") if p.is_dir() and p != build),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[KEEP_OLD_BUILDS:]:
        shutil.rmtree(old, ignore_errors=True)


def read_meta(build: Path) -> IndexMeta | None:
    """Return a build's meta, or None when it has none or it is unreadable."""
    try:
        return IndexMeta(**json.loads((build / META).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def write_meta(build: Path, meta: IndexMeta) -> None:
    """Record a build's meta atomically."""
    write_atomic(build / META, json.dumps(meta.__dict__, indent=1))


def read_manifest(build: Path) -> dict[str, dict]:
    """Return the build's manifest: archive path -> {size, mtime, sha1, ids}."""
    try:
        return json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(build: Path, manifest: dict[str, dict]) -> None:
    """Record the build's manifest atomically."""
    write_atomic(build / MANIFEST, json.dumps(manifest, separators=(",", ":")))


def check_owned(path: Path) -> None:
    """Refuse an index folder others can write: its pickled files would run their code."""
    st = path.stat()
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise IndexMissing(f"{path} is writable by other users; refusing to open it "
                           "(the index holds pickles). Run: chmod go-w " + str(path))
    if hasattr(os, "getuid") and st.st_uid not in (os.getuid(), 0):
        raise IndexMissing(f"{path} belongs to another user; refusing to open it")


def open_current(root: Path):
    """Open the live Whoosh index under `root`, read-only use.

    Raises:
        IndexMissing: there is no complete index there.
    """
    build = current_build(root)
    if build is None:
        raise IndexMissing(f"no index at {root}: run `archive-search index` first")
    check_owned(root)
    check_owned(build)
    try:
        return whoosh_index.open_dir(str(build))
    except (OSError, whoosh_index.EmptyIndexError) as exc:
        raise IndexMissing(f"the index at {build} cannot be opened: {exc}") from exc
