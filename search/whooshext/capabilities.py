"""Whether the installed Whoosh has every private name the fast paths here were written against.

The adapter was written for Whoosh 2.7.4, the last release (setup.cfg pins it). A name Whoosh does
not publish can vanish in any other build of it (the `whoosh-reloaded` fork reformatted the code).
`missing()` probes each one; a fast path whose names are missing is switched off, so searches run
on Whoosh's public matchers instead of failing, and `warn_missing()` says once, at start-up, which
names are gone.
"""
from __future__ import annotations

import importlib
import logging
from functools import lru_cache

log = logging.getLogger(__name__)

# Fast path -> the private names it reads, as "module:Object.attribute" (or "module:name").
NEEDS = {
    # Scoring plain queries straight from the posting blocks (blockmatch.py).
    "block scoring": (
        "whoosh.codec.whoosh3:W3LeafMatcher._read_data",
        "whoosh.codec.whoosh3:W3LeafMatcher._read_values",
        "whoosh.codec.whoosh3:W3LeafMatcher._next_block",
        "whoosh.matching.wrappers:FilterMatcher()._exclude",
        "whoosh.matching.wrappers:FilterMatcher()._ids",
        "whoosh.formats:_INT_SIZE",  # a phrase's positions decoded (postingblocks.py)
    ),
    # Field lengths read once per segment (scoring.py).
    "listed field lengths": (
        "whoosh.codec.whoosh3:_lenfield",
        "whoosh.codec.whoosh3:LENGTHS_COLUMN",
    ),
    # Choosing how an OR gathers its matches (sizedor.py); without it a plain Or.
    "gathered ORs": (
        "whoosh.query.compound:CompoundQuery._matcher",
    ),
    # A new searcher's column files opened at once (segmentreading.hold_files); without it
    # Whoosh opens them lazily, as it always did.
    "held column files": (
        "whoosh.codec.whoosh3:W3PerDocReader._get_column_file",
    ),
    # Extraction workers writing segments the indexer adds (segmentwriter.finish_segment);
    # without it the indexer writes every document itself.
    "worker segments": (
        "whoosh.writing:SegmentWriter._finalize_segment",
    ),
}

# Private names read on instances only where present (getattr), each with a public way round:
# a segment reader's parts (`_perdoc`, `_segment`, `_colfiles`: files left to open lazily), its
# terms reader (`_terms`: opened anew through the public codec), a writer's temporary storage
# (`_tempstorage`: left to `builds.clean_build`), the writer's lock switch (`_lk`), and the
# terms reader's postings file (`_postfile`: the term is found again by `reader.postings`).
READ_WHERE_PRESENT = ("_perdoc", "_segment", "_colfiles", "_terms", "_tempstorage", "_lk",
                      "_postfile")


def private_names() -> frozenset[str]:
    """Return every private Whoosh name this package reads (the rest of `search/` reads none)."""
    names = set(READ_WHERE_PRESENT)
    for specs in NEEDS.values():
        for spec in specs:
            names.update(part.rstrip("()") for part in spec.partition(":")[2].split(".")
                         if part.startswith("_"))
    return frozenset(names)


def _has(spec: str) -> bool:
    module_name, _, path = spec.partition(":")
    try:
        obj = importlib.import_module(module_name)
    except ImportError:
        return False
    for part in path.split("."):
        if part.endswith("()"):  # an attribute set on instances: probe a small one
            obj = getattr(obj, part[:-2], None)
            obj = _instance(obj) if obj is not None else None
        else:
            obj = getattr(obj, part, None)
        if obj is None:
            return False
    return True


def _instance(cls):
    from whoosh.matching import ListMatcher
    try:
        return cls(ListMatcher([1, 2]), frozenset([1]), exclude=True)
    except Exception:  # a different constructor: the fast path cannot rely on it
        return None


@lru_cache(maxsize=1)
def missing() -> dict[str, list[str]]:
    """Return fast path -> the private names it needs that the installed Whoosh lacks."""
    gone = {path: [s for s in specs if not _has(s)] for path, specs in NEEDS.items()}
    return {path: names for path, names in gone.items() if names}


def available(path: str) -> bool:
    """Return whether the fast path `path` (a key of NEEDS) can run on the installed Whoosh."""
    return path not in missing()


@lru_cache(maxsize=1)
def warn_missing() -> tuple[str, ...]:
    """Log one warning per fast path switched off, once a process; return the lines logged."""
    import whoosh
    lines = [f"Whoosh {whoosh.versionstring()} lacks {', '.join(names)}: {path} is off, searches "
             f"use Whoosh's public matchers (slower, same answers); archive-search was written "
             f"for Whoosh 2.7.4" for path, names in missing().items()]
    for line in lines:
        log.warning(line)
    return tuple(lines)
