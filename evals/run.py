"""`make eval`: extraction scores on every development set, mail checks, known-item ranking,
relevance on judged collections.

Runs `archive-search extract FILE... --json` (the contract the scores are computed through) over
each set, scores it with the shared scorer, and writes the table to docs/quality.md. Each set is
scored in two parts, development and validation (a fifth by the hash of each page's name,
`evals.corpora.is_validation`): tune on the first, never read the second's pages.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from evals import labels
from evals.corpora import NEWS_SETS, SPEAKER_SETS, is_validation, unpack
from evals.mailchecks import (copy_checks, list_id_checks, newsgroup_checks, page_thread_checks,
                              pipermail_checks, thread_checks)
from evals.ranking import known_item

OUT = Path(".cache/eval")
CHUNK = 400  # files per extract process: keeps argument lists short
ALL = ("seeds", "news", "mail", "dedup", "ranking", "relevance")
# The slowest files of each set are reported with their times, so a slow path shows up here.
SLOWEST = 5


def extract(files: list[Path], out: Path) -> Path:
    """Run `archive-search extract --json` over files; return the predictions file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    times = out.with_suffix(".times.tsv")
    times.unlink(missing_ok=True)
    (out.parent / "gold").mkdir(exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for start in range(0, len(files), CHUNK):
            chunk = [str(p) for p in files[start:start + CHUNK]]
            subprocess.run([sys.executable, "-m", "search", "extract", "--json",
                            "--times", str(times), *chunk],
                           stdout=f, stderr=subprocess.DEVNULL, check=False)
    return out


def slowest(predictions: Path, n: int = SLOWEST) -> list[list]:
    """Return the `n` slowest files of a run of `extract`: [file name, seconds], slowest first."""
    times = predictions.with_suffix(".times.tsv")
    if not times.is_file():
        return []
    rows = []
    for line in times.read_text(encoding="utf-8").splitlines():
        seconds, _, path = line.partition("\t")
        rows.append([Path(path).name, float(seconds)])
    return sorted(rows, key=lambda row: -row[1])[:n]


def score(shared: Path, gold: Path, predictions: Path, root: Path) -> dict:
    """Score predictions with the shared scorer; return its report with the weakest pages."""
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    report, pages = scorer.score(str(gold), str(predictions), str(root))
    report["page_body_f1"] = {p["file"]: p["body_f1"] for p in pages if "body_f1" in p}
    if "speakers" in report:  # the scorer gives 0.0 to a part where nobody is quoted and none found
        wanted = any(json.loads(line).get("speakers") for line in gold.read_text(encoding="utf-8").splitlines()
                     if line.strip())
        report["speakers_nothing_to_find"] = not wanted and not any("speakers" in p for p in pages)
    return report


def _set_specs(cache: Path) -> list[tuple[str, Path, Path, str, str]]:
    """Return (result key, set folder, gold file, page folder, page pattern) of every news set."""
    specs = []
    for name in NEWS_SETS:
        folder = cache / name
        if name == "bbc-speakers":  # text only, gold.jsonl describes the text files
            specs.append((f"{name} (text)", folder, folder / "gold.jsonl", "text", "*.txt"))
            continue
        specs.append((f"{name} (html)", folder, folder / "gold.jsonl", "html", "*.htm*"))
        specs.append((f"{name} (text)", folder, folder / "gold-text.jsonl", "text", "*.txt"))
    for name in SPEAKER_SETS:
        folder = cache / "speakers-dev" / name
        specs.append((f"{name} (text)", folder, folder / "gold.jsonl", "text", "*.txt"))
    for name in labels.LABEL_ONLY_SETS:
        folder = labels.label_only_set(name, cache, OUT / "labelled")
        specs.append((f"{name} (text)", folder, folder / "gold.jsonl", "text", "*.txt"))
    return specs


def split_gold(gold: Path, out: Path, extra: dict[str, dict] | None = None) -> dict[str, Path]:
    """Write the development and validation parts of a gold file; return their paths.

    `extra` holds labels made here for the set's pages (`evals.labels`), added to their lines.
    """
    parts: dict[str, list[str]] = {"development": [], "validation": []}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            page = json.loads(line)
            if extra:
                line = json.dumps(labels.merge(page, extra), ensure_ascii=False)
            part = "validation" if is_validation(page["file"]) else "development"
            parts[part].append(line)
    paths = {}
    for part, lines in parts.items():
        paths[part] = out.with_name(f"{out.stem}-{part}.jsonl")
        paths[part].write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return paths


def news_sets(shared: Path, cache: Path) -> dict[str, dict]:
    """Score the HTML and text dumps of every news development set, each part apart."""
    reports = {}
    for key, folder, gold, sub, pattern in _set_specs(cache):
        if not gold.is_file() or not (folder / sub).is_dir():
            continue
        started = time.monotonic()
        files = sorted(p for p in (folder / sub).iterdir() if p.is_file() and p.match(pattern))
        stem = key.replace(" (", "-").rstrip(")")
        preds = extract(files, OUT / f"{stem}.jsonl")
        extra = labels.load(folder.name)
        report = {part: score(shared, path, preds, folder)
                  for part, path in split_gold(gold, OUT / "gold" / f"{stem}.jsonl",
                                               extra).items()}
        report["seconds"] = round(time.monotonic() - started, 1)
        report["slowest"] = slowest(preds)
        reports[key] = report
        for part in ("development", "validation"):
            print(f"{key:24} {part[:3]} {_brief(report[part])}", flush=True)
    return reports


def seeds(shared: Path) -> dict:
    """Score the project's seeds against their ground truth."""
    files = sorted(Path("seeds").glob("*.txt"))
    preds = extract(files, OUT / "seeds.jsonl")
    report = score(shared, shared / "eval" / "seeds.jsonl", preds, Path("."))
    report["slowest"] = slowest(preds)
    print(f"{'seeds':18} {_brief(report)}", flush=True)
    return report


def _brief(report: dict) -> str:
    return json.dumps({k: v for k, v in report.items() if k not in ("page_body_f1", "slowest")})


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and write docs/quality.md."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--only", choices=list(ALL), action="append")
    args = ap.parse_args(argv)
    if not args.shared.is_dir():
        print(f"{args.shared} is missing: nothing to measure against", file=sys.stderr)
        return 2
    os.environ.setdefault("PYTHONHASHSEED", "0")
    only = set(args.only or ALL)
    cache = unpack(args.shared)
    results: dict = {}
    if "seeds" in only:
        results["seeds"] = seeds(args.shared)
    if "news" in only:
        results["news"] = news_sets(args.shared, cache)
    if "mail" in only:
        results["pipermail"] = pipermail_checks(cache / "twisted-web-pipermail")
        print(f"{'pipermail':18} {json.dumps(results['pipermail'])}", flush=True)
        results["threads"] = thread_checks(cache / "twisted-web-pipermail")
        print(f"{'threads':18} {json.dumps(results['threads'])}", flush=True)
        results["page_threads"] = page_thread_checks(cache / "twisted-web-pipermail")
        print(f"{'page threads':18} {json.dumps(results['page_threads'])}", flush=True)
        results["mail_copies"] = copy_checks(cache / "twisted-web-pipermail")
        print(f"{'mail copies':18} {json.dumps(results['mail_copies'])}", flush=True)
        results["list_ids"] = list_id_checks(cache / "perceval-mail-fixtures")
        print(f"{'list ids':18} {json.dumps(results['list_ids'])}", flush=True)
        results["newsgroups"] = newsgroup_checks(cache / "20_newsgroups")
        print(f"{'20 newsgroups':18} {json.dumps(results['newsgroups'])}", flush=True)
    if "dedup" in only:
        from evals.dedup import measure

        results["dedup"] = measure(cache)
        print(f"{'copies':18} {json.dumps(results['dedup'])}", flush=True)
    if "ranking" in only:
        results["ranking"] = known_item(cache)
        print(f"{'known-item':18} {json.dumps(results['ranking'])}", flush=True)
    if "relevance" in only:
        from evals.relevance import measure, totals

        results["relevance"] = measure(cache / "ranking-dev")
        results["relevance_totals"] = totals(results["relevance"])
        for name, figures in results["relevance"].items():
            print(f"{name:18} {json.dumps({k: figures[k] for k in ('ours', 'bm25')})}",
                  flush=True)
        print(f"{'relevance':18} {json.dumps(results['relevance_totals'])}", flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=1))
    if only == set(ALL):
        from evals.report import write_quality

        write_quality(results, Path("docs/quality.md"))
        print("wrote docs/quality.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
