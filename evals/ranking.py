"""Known-item ranking: a query made of a document's title words should find it first."""
from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

from evals.corpora import place
from search import SearchEngine
from search import SearchError
from search import update_index
from search import SearchRequest
from search import IndexHandle

SAMPLE_FILES = {"bbc-news": 2225, "20_newsgroups": 3000, "everything-list-hypermail": 250}
QUERIES = 400
WORD = re.compile(r"[^\W_]+")


def _sample(cache: Path, rng: random.Random) -> list[Path]:
    files: list[Path] = []
    for name, count in SAMPLE_FILES.items():
        found = sorted(p for p in (cache / name).rglob("*") if p.is_file()
                       and not p.name.upper().startswith("README") and p.suffix != ".md")
        files += rng.sample(found, min(count, len(found)))
    return files


def known_item(cache: Path, seed: int = 7) -> dict:
    """Index a sample of the corpora; query each sampled title; report success@1 and MRR."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        seeds, index = Path(tmp) / "seeds", Path(tmp) / "index"
        seeds.mkdir()
        for n, path in enumerate(_sample(cache, rng)):
            place(path, seeds / f"{n:05d}-{path.name}")
        update_index(seeds, index)
        handle = IndexHandle(index)
        try:
            return _measure(SearchEngine(handle), handle, rng)
        finally:
            handle.close()


def _measure(engine: SearchEngine, handle: IndexHandle, rng: random.Random) -> dict:
    searcher, _ = handle.current()
    titles: dict[str, list[str]] = {}
    for fields in searcher.all_stored_fields():
        words = WORD.findall(fields.get("title") or "")
        if len(words) >= 3 and words[0].lower() != "re":
            titles.setdefault(" ".join(w.lower() for w in words), []).append(fields["id"])
    unique = sorted((t, ids[0]) for t, ids in titles.items() if len(ids) == 1)
    chosen = rng.sample(unique, min(QUERIES, len(unique)))
    reciprocal, first = [], 0
    for title, doc_id in chosen:
        try:
            hits = engine.search(SearchRequest(q=title, per_page=10))["hits"]
        except SearchError:  # refused or over the time budget: counts as not found
            hits = []
        ranks = [n for n, hit in enumerate(hits, 1) if hit["id"] == doc_id]
        reciprocal.append(1 / ranks[0] if ranks else 0.0)
        first += bool(ranks and ranks[0] == 1)
    n = len(chosen) or 1
    return {"queries": len(chosen), "found_first": round(first / n, 4),
            "mrr": round(sum(reciprocal) / n, 4)}
