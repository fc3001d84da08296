"""Answers of recent searches, kept while the index generation they came from is live.

People and scripts repeat searches (the first page, then the second; the same alert query every
minute), and an answer cannot change until the index does. So the engine keeps the last answers
for the columns object of its current searcher (one per generation: a commit brings new ones, and
the cache empties) and hands out copies, so that a caller changing its answer changes nothing here
(kept pickled: pickling an answer of the seeds costs 8 us where `copy.deepcopy`, which every
distinct query paid, cost 85-96; a hit loads it in 40 us against deepcopy's 90).
Answers cut short by the time budget are not kept. It counts its hits and misses (`stats()`), so
that a benchmark can say how much of a figure the cache answered.
"""
from __future__ import annotations

import pickle
import threading
from collections import OrderedDict

# Answers kept per process: a page of results is a few kB of JSON, so this is a few MB at most.
SIZE = 256


class ResultCache:
    """The last `size` answers for one index generation, least recently used dropped first."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._generation: object = None
        self._answers: OrderedDict[str, bytes] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, generation: object, request) -> dict | None:
        """Return a copy of the answer to `request` in this generation, or None."""
        if self.size <= 0:
            return None
        key = repr(request)
        with self._lock:
            answer = self._answers.get(key) if generation is self._generation else None
            if answer is None:
                self.misses += 1
                return None
            self.hits += 1
            self._answers.move_to_end(key)
        return pickle.loads(answer)

    def put(self, generation: object, request, answer: dict) -> None:
        """Keep a copy of the answer to `request` in this generation (emptying older ones)."""
        if self.size <= 0 or answer.get("partial"):
            return
        kept = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            if generation is not self._generation:
                self._generation = generation
                self._answers.clear()
            self._answers[repr(request)] = kept
            self._answers.move_to_end(repr(request))
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)

    def stats(self) -> dict:
        """Return the hits and misses counted since this cache was made (0 and 0 when off)."""
        with self._lock:
            return {"hits": self.hits, "misses": self.misses, "size": self.size,
                    "kept": len(self._answers)}

    def __len__(self) -> int:
        return len(self._answers)
