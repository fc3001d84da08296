"""Freshness: seconds from a file dropped into the archive folder to its first hit in a search."""
from __future__ import annotations

import io
import os
import threading
import time
import uuid
from pathlib import Path

from search import SearchEngine
from search.index.indexer import indexer_lock
from search import SearchRequest
from search import IndexHandle
from search import watch

POLL_SECONDS = 0.02
GIVE_UP_SECONDS = 120
# Long enough for the watcher to register its folders and take the indexer lock.
WATCH_START_SECONDS = 2.0


def drop(seeds: Path, word: str) -> Path:
    """Write a small news story holding `word` into the archive in one atomic rename."""
    folder = seeds / "fresh"
    folder.mkdir(exist_ok=True)
    path = folder / f"{word}.txt"
    tmp = folder / f".{word}.txt.part"
    tmp.write_text(f"Fresh story {word}\n\nMarch 3, 2005\n\nThe council said on Thursday that "
                   f"the {word} bridge would reopen next week after repairs.\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def first_hit(engine: SearchEngine, word: str, since: float) -> float:
    """Poll the search until `word` is found; return seconds since `since` (NaN on giving up)."""
    while time.perf_counter() - since < GIVE_UP_SECONDS:
        if engine.search(SearchRequest(q=word))["total"]:
            return time.perf_counter() - since
        time.sleep(POLL_SECONDS)
    return float("nan")


def measure(seeds: Path, index: Path, rounds: int) -> list[float]:
    """Run the watch loop in a thread; drop `rounds` files one after another; return seconds."""
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(seeds, index, stop),
                              kwargs={"out": io.StringIO()}, daemon=True)
    thread.start()
    engine = SearchEngine(IndexHandle(index))
    seconds = []
    try:
        time.sleep(WATCH_START_SECONDS)
        with indexer_lock(index, wait=True):  # the watcher's first pass is over
            pass
        engine.search(SearchRequest(q="council"))  # open the searcher before the clock starts
        for _ in range(rounds):
            word = "fresh" + uuid.uuid4().hex[:10]
            started = time.perf_counter()
            path = drop(seeds, word)
            seconds.append(first_hit(engine, word, started))
            path.unlink()
            time.sleep(1.5)  # let the watcher index the removal before the next drop
            with indexer_lock(index, wait=True):
                pass
    finally:
        stop.set()
        thread.join(timeout=60)
        engine.handle.close()
        fresh = seeds / "fresh"
        if fresh.is_dir() and not any(fresh.iterdir()):
            fresh.rmdir()
    return seconds
