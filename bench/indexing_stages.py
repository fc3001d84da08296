"""Where an indexing run's CPU goes: one worker's job stage by stage, or a whole run's processes.

    python -m bench.indexing_stages stages SEEDS [--every 2] [--only id,body,...]
    python -m bench.indexing_stages run SEEDS INDEX

`stages` does in one process what an extraction worker does with the files of a rebuild (every
`--every`th file of SEEDS, in path order: 2 is one worker's share of a 2-worker run), timing each
stage with `time.process_time` around it, no profiler: extraction (quote attribution apart), the
index fields, their digest, adding to the segment, writing the segment. `--only` keeps only the
named fields of each document (to see what a group of fields costs; the index is then not the
real one). `run` runs `archive-search index --rebuild` in this process and reports the CPU time of
the indexer and of its workers apart. CPU time, not wall time: the machine is shared.
"""
from __future__ import annotations

import argparse
import gc
import resource
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import search.extract.files as files
from search.errors import BadSource
from search.index.extractpool import WORKER_GC_THRESHOLDS
from search.index.fields import document_fields, fields_digest
from search.index.schema import build_schema


def archive_files(seeds: Path, every: int) -> list[Path]:
    """Return every `every`th file of the archive, in path order (hidden files left out)."""
    found = sorted(p for p in seeds.rglob("*") if p.is_file() and not p.name.startswith("."))
    return found[::every]


def stages(seeds: Path, every: int = 2, only: frozenset[str] = frozenset()) -> dict:
    """Run one worker's job over part of the archive; return ms of CPU a document per stage."""
    from whoosh import index as whoosh_index

    from search.whooshext.segmentwriter import open_segment_writer

    spent: Counter = Counter()
    attribute = files.extract_quotes

    def timed_quotes(body: str):
        start = time.process_time()
        try:
            return attribute(body)
        finally:
            spent["quote attribution"] += time.process_time() - start

    files.extract_quotes = timed_quotes
    folder = tempfile.mkdtemp(prefix="indexing-stages-")
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    documents = 0
    try:
        writer = open_segment_writer(whoosh_index.create_in(folder, build_schema()), unlocked=True)
        for path in archive_files(seeds, every):
            start = time.process_time()
            try:
                docs = files.extract_file(path, source=str(path.relative_to(seeds)))
            except BadSource:
                docs = []
            extracted = time.process_time()
            fields = [document_fields(doc) for doc in docs]
            fielded = time.process_time()
            for one in fields:
                fields_digest(one)
            digested = time.process_time()
            for one in fields:
                writer.add_document(**({k: v for k, v in one.items() if k in only}
                                       if only else one))
            spent["extraction"] += extracted - start
            spent["index fields"] += fielded - extracted
            spent["fields digest"] += digested - fielded
            spent["adding to the segment"] += time.process_time() - digested
            documents += len(docs)
        start = time.process_time()
        writer.finish_segment()
        spent["writing the segment"] += time.process_time() - start
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
    finally:
        files.extract_quotes = attribute
        shutil.rmtree(folder, ignore_errors=True)
    spent["all"] = sum(v for k, v in spent.items() if k != "quote attribution")
    per_doc = {k: 1000 * v / max(documents, 1) for k, v in spent.items()}
    return {"documents": documents, "segment_mb": size / 1e6, "ms_per_document": per_doc}


def run(seeds: Path, index: Path) -> dict:
    """Rebuild the index at `index` from nothing; return the CPU of the indexer and workers."""
    from search.cli import main
    from search.index import builds

    shutil.rmtree(index, ignore_errors=True)
    started = time.perf_counter()
    status = main(["index", "--seeds", str(seeds), "--index", str(index), "--rebuild"])
    seconds = time.perf_counter() - started
    if status:
        raise SystemExit(status)
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    documents = builds.read_meta(builds.current_build(index)).documents
    indexer, workers = own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime
    return {"documents": documents, "wall_s": seconds, "docs_per_s": documents / seconds,
            "indexer_cpu_s": indexer, "workers_cpu_s": workers,
            "cpu_ms_per_document": 1000 * (indexer + workers) / documents}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("stages")
    one.add_argument("seeds", type=Path)
    one.add_argument("--every", type=int, default=2)
    one.add_argument("--only", default="")
    whole = sub.add_parser("run")
    whole.add_argument("seeds", type=Path)
    whole.add_argument("index", type=Path)
    args = parser.parse_args()
    if args.command == "stages":
        only = frozenset(filter(None, args.only.split(",")))
        result = stages(args.seeds, args.every, only)
        print(f"{result['documents']} documents, segment {result['segment_mb']:.1f} MB")
        for stage, ms in result["ms_per_document"].items():
            print(f"  {stage:24s} {ms:.3f} ms a document")
    else:
        result = run(args.seeds, args.index)
        print(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                       for k, v in result.items()))


if __name__ == "__main__":
    main()
