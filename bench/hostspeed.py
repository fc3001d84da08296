"""How fast the host runs Python at the time of a run: a fixed workload timed before and after.

The shared benchmark host drifts: one rebuild took 25.0 s and, twenty minutes later with the
same code, 28.5-30.1 s, while FTS5 (C) moved less. Milliseconds from two runs can only be compared
together with how fast the host was during each. The workload is fixed and none of our code (a
change of ours cannot move it): made-up text split by a regular expression, words counted in a
dict, sorted, joined and compressed, the kinds of work extraction and indexing do. Its CPU time is
the median of several rounds, so a moment of other load moves it little. It is also run on every
core at once, in as many processes: a rebuild keeps both cores busy, and a host whose cores share
what lies under them (hyperthreads, a busy neighbour) slows that down while one process alone
runs at full speed (a rebuild took 20% longer in the afternoon than in the morning with the same
single-process figure).
"""
from __future__ import annotations

import multiprocessing
import os
import random
import re
import statistics
import time
import zlib

WORD = re.compile(r"\w+(?:['.-]\w+)*")
ROUNDS = 5


def sample_text(seed: int = 7, words: int = 200_000) -> str:
    """Return the same made-up text every time: lines of words drawn from a small vocabulary."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice("abcdefghijklmnoprstuw") for _ in range(rng.randint(2, 11)))
                  for _ in range(3_000)]
    drawn = rng.choices(vocabulary, k=words)
    return "\n".join(" ".join(drawn[i:i + 12]).capitalize() + "." for i in range(0, words, 12))


def workload(text: str) -> int:
    """Do the fixed work on `text`; return a checksum of its result (the same on every host)."""
    counts: dict[str, int] = {}
    for line in text.splitlines():
        for word in WORD.findall(line.lower()):
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    packed = zlib.compress("\n".join(f"{w} {n}" for w, n in ranked).encode(), 6)
    return zlib.crc32(packed)


def calibrate(rounds: int = ROUNDS) -> dict:
    """Time the workload `rounds` times; return its median CPU and wall ms, the CPU min-max and
    its checksum. Wall time apart from CPU shows a host that takes the core away (a busy VM host)."""
    text = sample_text()
    cpu, wall, checksum = [], [], 0
    for _ in range(rounds):
        started, started_wall = time.process_time(), time.perf_counter()
        checksum = workload(text)
        cpu.append((time.process_time() - started) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
    return {"cpu_ms": round(statistics.median(cpu), 1), "wall_ms": round(statistics.median(wall), 1),
            "spread": [round(min(cpu), 1), round(max(cpu), 1)], "checksum": checksum,
            "all_cores_ms": all_cores(text, rounds)}


def _timed(text: str) -> float:
    started = time.perf_counter()
    workload(text)
    return (time.perf_counter() - started) * 1000


def all_cores(text: str, rounds: int = ROUNDS) -> float:
    """Return the median wall ms of the workload run in one process a core, all at once (the
    slowest of each round)."""
    cores = os.cpu_count() or 1
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        times = [max(pool.map(_timed, [text] * cores)) for _ in range(rounds)]
    return round(statistics.median(times), 1)
