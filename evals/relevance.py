"""Relevance on judged collections: questions typed as people type them, against plain BM25.

Each collection of `ranking-dev` (text files: a title line, a blank line, the text) is indexed as
`archive-search index` indexes a folder, and every query is sent as typed through the function
`/search` calls (`web.params.search_request` then `SearchEngine.search`, `per_page=100`). A
refused query (400) counts as finding nothing. Beside it, in the same run, plain BM25 (bm25s,
k1=1.2, b=0.75, title + text, English stopwords, no stemming: the shared reference's settings)
ranks the same documents for the same queries.

Validation split, never looked at while tuning: in every collection, the queries whose id hashes
(with the collection's name) into the collection's share. `cisi` and `medline`, whose queries are
long requests and abstract-like (as the kept-back computer-science and scientific-claim sets'
are), are split in halves, so that long queries are on both sides: a development half to tune on
and a validation half of fair size. One query in four of the others is validation. The rest is
the development split.
"""
from __future__ import annotations

import hashlib
import math
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from werkzeug.datastructures import MultiDict

from evals.corpora import place
from search import SearchEngine
from search.errors import BadQuery, SearchError
from search import update_index
from search import IndexHandle
from web.params import search_request

COLLECTIONS = ("cranfield", "cisi", "medline", "npl", "time")
# One query in VALIDATION_SHARES[collection] (by the hash of collection and id) is validation.
# Until the long-query collections were split too, the whole of cisi and medline was validation:
# there was no long query to tune on, and CISI's loss to BM25 could not be studied without
# looking at validation.
VALIDATION_SHARES = {"cisi": 2, "medline": 2}
VALIDATION_SHARE = 4  # the others'
PER_PAGE = 100
BM25_K1, BM25_B = 1.2, 0.75


@dataclass
class Collection:
    """A judged collection: document files, queries and graded judgments."""

    name: str
    docs: list[Path]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]

    @classmethod
    def read(cls, folder: Path) -> Collection:
        docs = sorted((folder / "docs").glob("*.txt"))
        queries = dict(line.split("\t", 1) for line in _lines(folder / "queries.tsv"))
        qrels: dict[str, dict[str, int]] = {}
        for line in _lines(folder / "qrels.tsv"):
            qid, docid, grade = line.split("\t")
            qrels.setdefault(qid, {})[docid] = int(grade)
        return cls(folder.name, docs, {q: t for q, t in queries.items() if q in qrels}, qrels)


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_of(collection: str, qid: str) -> str:
    """Return "validation" or "dev" for a query: fixed by its collection and a hash of its id."""
    digest = hashlib.sha1(f"{collection}/{qid}".encode()).digest()
    share = VALIDATION_SHARES.get(collection, VALIDATION_SHARE)
    return "validation" if digest[0] % share == 0 else "dev"


@dataclass
class Run:
    """Ranked document ids per query, and the queries refused or failed."""

    ranked: dict[str, list[str]] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)


def ndcg_at(ranked: list[str], judged: dict[str, int], k: int = 10) -> float:
    """Return nDCG@k with the grades as gains (trec_eval's ndcg_cut)."""
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    best = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def recall_at(ranked: list[str], judged: dict[str, int], k: int = 100) -> float:
    """Return the share of relevant documents (grade >= 1) among the first k."""
    relevant = {d for d, g in judged.items() if g > 0}
    return len(relevant.intersection(ranked[:k])) / len(relevant) if relevant else 0.0


def ours(engine: SearchEngine, collection: Collection) -> Run:
    """Run every query through the /search code path; return the ranked document ids."""
    run = Run()
    for qid, text in collection.queries.items():
        begun = time.perf_counter()
        try:
            answer = engine.search(search_request(MultiDict({"q": text,
                                                             "per_page": str(PER_PAGE)})))
        except BadQuery as exc:
            run.refused[qid] = exc.code
            answer = {"hits": []}
        except SearchError as exc:
            run.refused[qid] = getattr(exc, "code", type(exc).__name__)
            answer = {"hits": []}
        run.seconds.append(time.perf_counter() - begun)
        run.ranked[qid] = [Path(hit["source"] or "").stem for hit in answer["hits"]]
    return run


def bm25_reference(collection: Collection) -> Run:
    """Rank with plain BM25 (bm25s) over title + text, the shared reference's settings."""
    import bm25s

    ids, texts = [], []
    for path in collection.docs:
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        ids.append(path.stem)
        texts.append(title + " " + body.strip())
    retriever = bm25s.BM25(k1=BM25_K1, b=BM25_B, method="lucene")
    retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False),
                    show_progress=False)
    qids = list(collection.queries)
    tokens = bm25s.tokenize([collection.queries[q] for q in qids], stopwords="en",
                            show_progress=False)
    found, scores = retriever.retrieve(tokens, k=min(PER_PAGE, len(ids)), show_progress=False,
                                       n_threads=1)
    run = Run()
    for n, qid in enumerate(qids):
        run.ranked[qid] = [ids[d] for d, s in zip(found[n], scores[n]) if s > 0]
    return run


def index_collection(collection: Collection, folder: Path) -> Path:
    """Index a collection's files as `archive-search index` does; return the index folder."""
    seeds, index = folder / "seeds", folder / "index"
    seeds.mkdir(parents=True, exist_ok=True)
    for path in collection.docs:
        place(path, seeds / path.name)
    update_index(seeds, index)
    return index


def score_run(run: Run, collection: Collection) -> dict[str, dict]:
    """Return nDCG@10, Recall@100, hitless and refused queries per split."""
    out: dict[str, dict] = {}
    for qid in collection.queries:
        split = out.setdefault(split_of(collection.name, qid),
                               {"queries": 0, "ndcg10": 0.0, "recall100": 0.0,
                                "no_hit": 0, "refused": 0})
        ranked, judged = run.ranked.get(qid, []), collection.qrels[qid]
        split["queries"] += 1
        split["ndcg10"] += ndcg_at(ranked, judged)
        split["recall100"] += recall_at(ranked, judged)
        split["no_hit"] += not ranked
        split["refused"] += qid in run.refused
    for split in out.values():
        split["ndcg10"] = round(split["ndcg10"] / split["queries"], 4)
        split["recall100"] = round(split["recall100"] / split["queries"], 4)
    return out


def measure(root: Path, names=COLLECTIONS, splits=("dev", "validation"),
            work: Path | None = None) -> dict:
    """Index and query each collection; return ours and BM25's figures per collection and split.

    `work` keeps the indexes between runs (an index is updated, not rebuilt, when it exists).
    """
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            collection = Collection.read(root / name)
            kept = {q: t for q, t in collection.queries.items() if split_of(name, q) in splits}
            if not kept:
                continue
            collection.queries = kept
            index = index_collection(collection, (work or Path(tmp)) / name)
            handle = IndexHandle(index)
            try:
                run = ours(SearchEngine(handle), collection)
            finally:
                handle.close()
            reference = bm25_reference(collection)
            seconds = sorted(run.seconds)
            results[name] = {
                "ours": score_run(run, collection),
                "bm25": score_run(reference, collection),
                "refused": dict(sorted(run.refused.items())),
                "p95_ms": round(1000 * seconds[int(0.95 * (len(seconds) - 1))], 1),
            }
    return results


def totals(results: dict) -> dict[str, dict]:
    """Return the mean over queries of every collection, per system and split."""
    out: dict[str, dict] = {}
    for figures in results.values():
        for system in ("ours", "bm25"):
            for split, row in figures[system].items():
                acc = out.setdefault(f"{system}/{split}", {"queries": 0, "ndcg10": 0.0,
                                                           "recall100": 0.0, "no_hit": 0,
                                                           "refused": 0})
                acc["queries"] += row["queries"]
                acc["ndcg10"] += row["ndcg10"] * row["queries"]
                acc["recall100"] += row["recall100"] * row["queries"]
                acc["no_hit"] += row["no_hit"]
                acc["refused"] += row["refused"]
    for acc in out.values():
        acc["ndcg10"] = round(acc["ndcg10"] / acc["queries"], 4)
        acc["recall100"] = round(acc["recall100"] / acc["queries"], 4)
    return out
