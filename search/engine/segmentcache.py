"""What a process reads of a segment, kept beside the segment's files for the next process.

Reading a 48,000-document index's column parts and the stored fields of its mail took 2-3 s of
CPU (more on a cold disk), and every process paid it: each search from the command line and each
server worker as it starts. A segment never changes once written (its deletions are applied after
reading, per generation), so what `SegmentMemo` reads of one is written once beside its files, as
`<segment id>.memo_<name>_<code>`, and read back by later processes:

- `<code>` is a digest of the source of the modules that make the value and of the Python and
  numpy versions that pickle it: code that reads differently never loads what other code wrote.
- Whoosh deletes the file with its segment (it removes every file named for a segment its table
  of contents no longer holds), so the files live exactly as long as their segments; writing one
  removes those older code wrote for the same segment, and `builds.clean_build` removes a
  temporary one a killed process left.
- What two segments share (the copies between them) is kept the same way, named for the newer
  one (`persisted_pair`).
- What is made of a whole generation (the threads of its mail: 0.47 s of CPU at 23,478
  messages, loaded in 0.065 s) is kept the same way, as `<name>.memo_<key>_<code>`, `<key>` a
  digest of what it was made from; writing one removes the others of its name
  (`kept_for_generation`).
- Written to a temporary name and renamed; a folder that cannot be written (a read-only index)
  or a file that cannot be read (damaged, half a disk) only costs the reading.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import numpy as np

from search.index.builds import TEMP_MEMO_PREFIX  # a dot first: Whoosh's cleaner passes over it

__all__ = ["kept_for_generation", "persisted", "persisted_pair"]

P = TypeVar("P")
SEARCH = Path(__file__).resolve().parents[1]


@cache
def code_digest(modules: tuple[str, ...]) -> str | None:
    """Return a digest of the named modules' source (paths under `search/`) and the versions
    that pickle what they make; None where the source is not there to read (an install of
    compiled files only): then nothing is kept, as no digest could tell the code apart."""
    digest = hashlib.sha1(f"{sys.version_info[:2]} {np.__version__}".encode())
    try:
        for module in modules:
            digest.update((SEARCH / module).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()[:12]


def persisted(name: str, read: Callable[[object], P], modules: tuple[str, ...]) -> Callable[[object], P]:
    """Return `read` (from a segment reader to what a process keeps of its segment) that loads
    the value another process wrote for the segment, or reads it and writes it for the next."""

    def read_or_load(leaf) -> P:
        folder, code = getattr(leaf.storage(), "folder", None), code_digest(modules)
        if folder is None or code is None:  # a storage in memory (tests), or no source to digest
            return read(leaf)
        prefix = f"{leaf.segment().segment_id()}.memo_{name}_"
        return _kept(Path(folder) / f"{prefix}{code}", prefix, lambda: read(leaf))

    return read_or_load


def persisted_pair(name: str, build: Callable[[object, object], P],
                   modules: tuple[str, ...]) -> Callable[[object, object], P]:
    """Return `build` (from two segment readers to what they share, such as the copies between
    them) that loads the value another process wrote for the pair, or builds and writes it.

    The file is named for the first segment, `<segment id>.memo_<name>_<other id>_<code>`, so
    Whoosh deletes it with that segment; give the newer segment first, the one merged away
    sooner, as one whose other segment went first stays until then.
    """

    def build_or_load(leaf, other) -> P:
        folder, code = getattr(leaf.storage(), "folder", None), code_digest(modules)
        if folder is None or code is None:
            return build(leaf, other)
        prefix = f"{leaf.segment().segment_id()}.memo_{name}_{other.segment().segment_id()}_"
        return _kept(Path(folder) / f"{prefix}{code}", prefix, lambda: build(leaf, other))

    return build_or_load


def kept_for_generation(folder: str | None, name: str, key: bytes, build: Callable[[], P],
                        modules: tuple[str, ...]) -> P:
    """Return what `build` makes of a whole generation (the threads of its mail), loaded from
    `<name>.memo_<key digest>_<code>` in the build's `folder` when a process wrote it for the
    same `key`, else built and written there for the next process.

    Whoosh deletes no such file (it is named for no segment): writing one removes the others of
    its name, which served generations the index has moved past.
    """
    code = code_digest(modules)
    if folder is None or code is None:
        return build()
    prefix = f"{name}.memo_"
    return _kept(Path(folder) / f"{prefix}{hashlib.sha1(key).hexdigest()[:16]}_{code}", prefix, build)


def _kept(path: Path, prefix: str, make: Callable[[], P]) -> P:
    """Return the value pickled at `path`, or make it, write it there and remove the other files
    named `prefix`...: what older code kept for the same segment, or what served a generation
    gone (a process that still wants one only reads or builds it again)."""
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # not written yet, damaged or cut short: make it, and write it anew
        pass
    value = make()
    if _write(path, value):
        for old in path.parent.glob(f"{prefix}*"):
            if old != path:
                old.unlink(missing_ok=True)
    return value


def _write(path: Path, value: object) -> bool:
    try:
        fd, temp = tempfile.mkstemp(prefix=TEMP_MEMO_PREFIX, dir=path.parent)
    except OSError:
        return False  # a folder this process cannot write
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        return False
    return True
