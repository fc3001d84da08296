"""Index the benchmark archive through the command line, as a user would, and measure it."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from bench.measure import dir_mb, run_measured
from search.index import builds

# Runs the command and prints the largest resident size any of its processes reached.
MAXRSS_WRAPPER = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
                  "print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
                  "sys.exit(r.returncode)")


def index_command(seeds: Path, index: Path, rebuild: bool = False) -> list[str]:
    """Return the `archive-search index` command for this checkout."""
    cmd = [sys.executable, "-c", MAXRSS_WRAPPER, sys.executable, "-m", "search", "index",
           "--seeds", str(seeds), "--index", str(index)]
    return cmd + (["--rebuild"] if rebuild else [])


def run_index(seeds: Path, index: Path, rebuild: bool = False) -> dict:
    """Run the indexer once; return seconds, peak RSS (tree and largest process), summary."""
    env = {"PYTHONPATH": str(Path.cwd()) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = run_measured(index_command(seeds, index, rebuild), env=env)
    lines = result["stdout"].splitlines()
    maxrss = [int(line.split()[1]) for line in lines if line.startswith("MAXRSS_KB")]
    summary = next((line for line in lines if line.startswith(("Rebuilt", "Updated"))), "")
    if result["status"] != 0:
        raise RuntimeError(f"indexing failed ({result['status']}): {result['stdout'][-2000:]}")
    return {"seconds": result["seconds"], "peak_tree_rss_mb": result["peak_rss_mb"],
            "peak_process_rss_mb": maxrss[0] / 1024 if maxrss else float("nan"),
            "summary": summary}


def full_index(seeds: Path, index: Path, files: int) -> dict:
    """Build the index from nothing; return docs/s, RSS and the index size."""
    result = run_index(seeds, index, rebuild=True)
    build = builds.current_build(index)
    meta = builds.read_meta(build) if build else None
    documents = meta.documents if meta else 0
    result.update(files=files, documents=documents, docs_per_s=documents / result["seconds"],
                  index_mb=dir_mb(build) if build else float("nan"))
    return result


def touch_one(seeds: Path, round_no: int) -> Path:
    """Change one archive file (a line added at its end), replacing it rather than editing it.

    The file is the first BBC article; an archive without any (`--archive usenet`) changes its
    first file instead.
    """
    path = first_file(seeds)
    text = path.read_text(encoding="utf-8", errors="replace")
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text + f"\nBenchmark edit {round_no} at {time.time():.0f}.\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def first_file(seeds: Path) -> Path:
    """Return the archive's first BBC article, or its first file when it holds none."""
    articles = sorted((seeds / "bbc").rglob("*.txt"))
    if articles:
        return articles[0]
    return min(p for p in seeds.rglob("*") if p.is_file() and not p.name.startswith("."))


def incremental_index(seeds: Path, index: Path, round_no: int) -> dict:
    """Change one file and update the index; return the seconds it took."""
    touch_one(seeds, round_no)
    result = run_index(seeds, index)
    return {"seconds": result["seconds"], "peak_tree_rss_mb": result["peak_tree_rss_mb"],
            "summary": result["summary"]}
