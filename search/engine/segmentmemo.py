"""What a process reads once per segment, and once per pair of segments, kept while they live.

A segment never changes once written but for the documents it marks deleted, so what is read
from it (its columns' parts, its mail's Message-IDs) serves every generation that holds it, and
what two segments share is found once per pair. A commit brings a new small segment and merges
some away: `follow` reads the new ones and forgets the parts and pairs of those gone.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["SegmentMemo"]

P = TypeVar("P")
T = TypeVar("T")


class SegmentMemo(Generic[P]):
    """Parts by segment id (`read` from a segment's reader) and values by pair of segment ids."""

    def __init__(self, read: Callable[[object], P]) -> None:
        self.read = read
        self.parts: dict[str, P] = {}
        self._pairs: dict[tuple[str, str], object] = {}

    def follow(self, leaves: list) -> None:
        """Read the parts of the segments of `leaves` not seen before and forget the others.

        `leaves` holds (segment id, segment reader, docbase, deleted docnums). New dicts, never
        changed in place: a generation prepared in another thread may drop a segment while a
        generation still served reads its part.
        """
        parts = {segid: self.parts[segid] if segid in self.parts else self.read(leaf)
                 for segid, leaf, _, _ in leaves}
        self.parts = parts
        self._pairs = {k: v for k, v in self._pairs.items() if set(k) <= parts.keys()}

    def pair(self, key: tuple[str, str], build: Callable[[], T]) -> T:
        """Return what two segments share, built the first time it is asked for."""
        if key not in self._pairs:
            self._pairs[key] = build()
        return self._pairs[key]
