"""What changed in the archive since the last run: walk it, or look only where events point.

`scan` walks the whole archive folder; `scan_paths` looks only at the paths the file system
reported (a file, or a folder added, removed or moved). `plan` compares what was found with
the manifest of the last run: size and mtime first, then the content hash.
"""
from __future__ import annotations

import bisect
import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from search.index.progress import IndexStats
from search.extract.sources import SKIPPED_NAMES, link_stays_inside

__all__ = ["file_hash", "file_state", "keep_refused", "plan", "plan_changed", "scan", "scan_paths"]

# Why a linked file is left out (`sources.link_stays_inside`), as the run's summary lists it.
LINK_OUT = "a link to a file outside the archive, not followed"


def scan(seeds: Path, refused: list[tuple[str, str]] | None = None,
         sizes: bool = True) -> dict[str, tuple[int, int] | None]:
    """Return every archive file below `seeds`: relative path -> (size, mtime in ns), or None
    without `sizes` (a rebuild's workers stat each file as they read it: 20,000 stats were a
    third of the walk, before any worker started).

    Hidden and editor temporary files are left out, as `sources.walk` does; folders reached
    through symbolic links are not followed (they could loop), nor linked files whose target
    lies outside the archive (`sources.link_stays_inside`). What is refused is added to
    `refused`, for `keep_refused`: such a link as (its path, LINK_OUT), a folder that cannot be
    listed as (its path and "/", why).
    """
    found: dict[str, tuple[int, int] | None] = {}
    _walk(os.fspath(seeds), "", found, refused=refused, sizes=sizes)
    return found


def _walk(top: str, top_prefix: str, found: dict[str, tuple[int, int] | None],
          real_root: str | None = None, refused: list[tuple[str, str]] | None = None,
          sizes: bool = True) -> None:
    """Add the archive files below the folder `top` to `found`, named `top_prefix` + path."""
    real_root = real_root or os.path.realpath(top)
    folders = [(top_prefix, top)]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:  # removed while we looked
            continue
        except OSError as exc:  # permissions, a stale mount: its files are not known to be gone
            if refused is not None:
                refused.append((prefix, exc.strerror or str(exc)))
            continue
        for entry in entries:
            if SKIPPED_NAMES.search(entry.name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.is_file():
                    if entry.is_symlink() and not link_stays_inside(entry.path, real_root):
                        if refused is not None:
                            refused.append((prefix + entry.name, LINK_OUT))
                        continue
                    if sizes:
                        st = entry.stat()
                        found[prefix + entry.name] = (st.st_size, st.st_mtime_ns)
                    else:
                        found[prefix + entry.name] = None
            except OSError:  # removed while we looked
                continue


def scan_paths(seeds: Path, changed: Iterable[str],
               refused: list[tuple[str, str]] | None = None) -> dict[str, tuple[int, int]]:
    """Return the archive files at or below the `changed` paths, as `scan` would see them."""
    found: dict[str, tuple[int, int]] = {}
    for rel in changed:
        path = os.path.join(seeds, rel)
        if not _reachable(seeds, rel):
            continue
        try:
            st = os.stat(path)
        except OSError:  # gone: the manifest says what it held
            continue
        if stat.S_ISDIR(st.st_mode):
            if not os.path.islink(path):
                _walk(path, rel + "/", found, os.path.realpath(seeds), refused)
        elif stat.S_ISREG(st.st_mode):
            if not os.path.islink(path) or link_stays_inside(path, os.path.realpath(seeds)):
                found[rel] = (st.st_size, st.st_mtime_ns)
            elif refused is not None:
                refused.append((rel, LINK_OUT))
    return found


def _reachable(seeds: Path, rel: str) -> bool:
    """Tell whether `scan` would reach `rel`: no hidden or temporary part, no linked folder."""
    parts = rel.split("/")
    if not rel or any(not part or part in (".", "..") or SKIPPED_NAMES.search(part)
                      for part in parts):
        return False
    folder = os.fspath(seeds)
    for part in parts[:-1]:
        folder = os.path.join(folder, part)
        if os.path.islink(folder):
            return False
    return True


def plan_changed(seeds: Path, changed: Iterable[str], old: dict[str, list],
                  stats: IndexStats) -> tuple[dict[str, list], list[str]]:
    """Plan from the changed paths alone: the rest of the manifest is taken as it is."""
    changed = {rel.strip("/") for rel in changed}
    refused: list[tuple[str, str]] = []
    files = keep_refused(scan_paths(seeds, changed, refused), old, refused, stats)
    relevant = set(files) | _covered(changed, old)
    before = {rel: old[rel] for rel in relevant if rel in old}
    part, todo = plan(seeds, files, before, stats)
    stats.unchanged += len(old) - len(before)
    new = {rel: entry for rel, entry in old.items() if rel not in relevant}
    new.update(part)
    return new, todo


def keep_refused(files: dict[str, tuple[int, int]], old: dict[str, list],
                 refused: list[tuple[str, str]], stats: IndexStats) -> dict[str, tuple[int, int]]:
    """Report what a walk refused; add to `files` what the manifest holds below each folder that
    could not be listed, as it was: its files are not gone (a folder whose permissions changed, a
    stale mount), and were dropped from the index as if removed, silently."""
    for prefix, why in refused:
        if prefix and not prefix.endswith("/"):  # a linked file: said, never indexed
            stats.skipped.append((prefix, why))
            continue
        stats.skipped.append((prefix.rstrip("/") or ".", f"folder cannot be listed ({why}); "
                                                        "what the index holds of it stays"))
        files.update((rel, (entry[0], entry[1])) for rel, entry in old.items() if rel.startswith(prefix))
    return files


def _covered(changed: set[str], old: dict[str, list]) -> set[str]:
    """Return the manifest's files that are one of the changed paths or lie below one."""
    covered = {rel for rel in changed if rel in old}
    folders = [rel for rel in changed if rel not in old]
    if folders:  # a folder removed or moved away: what the manifest had below it
        names = sorted(old)
        for folder in folders:
            prefix = folder + "/"
            at = bisect.bisect_left(names, prefix)
            while at < len(names) and names[at].startswith(prefix):
                covered.add(names[at])
                at += 1
    return covered


def plan(seeds: Path, files: dict[str, tuple[int, int] | None], old: dict[str, list],
         stats: IndexStats, hash_new: bool = True) -> tuple[dict[str, list], list[str]]:
    """Compare the archive with the manifest; return the new manifest and the files to extract.

    `hash_new`: hash the files the manifest does not hold too. When False, their entries get
    no hash (None): the extraction, which reads them anyway, hashes them (a rebuild's workers
    hash its files in parallel instead of the indexer before they start), and gives their size
    and mtime where the walk left them out (None).
    """
    new: dict[str, list] = {}
    todo: list[str] = []
    for rel, seen in files.items():
        before = old.get(rel)
        if before is None and not hash_new:
            new[rel] = [*(seen or (None, None)), None]
            todo.append(rel)
            stats.added += 1
            continue
        size, mtime = seen
        if before and before[0] == size and before[1] == mtime:
            new[rel] = before
            stats.unchanged += 1
            continue
        try:
            digest = file_hash(seeds / rel)
        except FileNotFoundError:  # removed since the scan: as if it were not there
            continue
        except OSError as exc:  # unreadable (permissions): said, and what the index holds stays
            stats.skipped.append((rel, f"cannot be read ({exc.strerror or exc})"))
            if before:
                new[rel] = before
            continue
        new[rel] = [size, mtime, digest]
        if before and before[2] == digest:
            stats.unchanged += 1
            continue
        todo.append(rel)
        if before:
            stats.updated += 1
        else:
            stats.added += 1
    todo.sort()
    return new, todo


def file_hash(path: Path) -> str:
    """Return the SHA-1 of a file's content, read in blocks."""
    return file_state(path)[0]


def file_state(path: Path) -> tuple[str, int, int]:
    """Return the SHA-1 of a file's content, read in blocks, and the size and mtime (ns) of
    the file it read.

    Unbuffered reads: 18-30 us a file of the benchmark archive through a buffered file
    object, 10 us this way."""
    digest = hashlib.sha1()
    fd = os.open(path, os.O_RDONLY)
    try:
        st = os.fstat(fd)
        while block := os.read(fd, 1 << 20):
            digest.update(block)
    finally:
        os.close(fd)
    return digest.hexdigest(), st.st_size, st.st_mtime_ns
