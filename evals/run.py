"""`make eval`: extraction scores on every development set, mail checks, known-item ranking,
relevance on judged collections.

Runs `archive-search extract FILE... --json` (the contract the scores are computed through) over
each set, scores it with the shared scorer, and writes the table to docs/quality.md.
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

from evals.corpora import NEWS_SETS, unpack
from evals.mailchecks import newsgroup_checks, pipermail_checks
from evals.ranking import known_item

OUT = Path(".cache/eval")
CHUNK = 400
ALL = ("seeds", "news", "mail", "dedup", "ranking", "relevance")  # files per extract process: keeps argument lists short


def extract(files: list[Path], out: Path) -> Path:
    """Run `archive-search extract --json` over files; return the predictions file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for start in range(0, len(files), CHUNK):
            chunk = [str(p) for p in files[start:start + CHUNK]]
            subprocess.run([sys.executable, "-m", "search", "extract", "--json", *chunk],
                           stdout=f, stderr=subprocess.DEVNULL, check=False)
    return out


def score(shared: Path, gold: Path, predictions: Path, root: Path) -> dict:
    """Score predictions with the shared scorer; return its report with the weakest pages."""
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    report, pages = scorer.score(str(gold), str(predictions), str(root))
    report["page_body_f1"] = {p["file"]: p["body_f1"] for p in pages if "body_f1" in p}
    return report


def news_sets(shared: Path, cache: Path) -> dict[str, dict]:
    """Score the HTML and text dumps of every news development set."""
    reports = {}
    for name in NEWS_SETS:
        folder = cache / name
        for flavour, gold_name, sub, pattern in (("html", "gold.jsonl", "html", "*.htm*"),
                                                 ("text", "gold-text.jsonl", "text", "*.txt")):
            gold = folder / gold_name
            if name == "bbc-speakers":  # text only, gold.jsonl describes the text files
                if flavour == "text":
                    continue
                gold, sub, pattern = folder / "gold.jsonl", "text", "*.txt"
            if not gold.is_file() or not (folder / sub).is_dir():
                continue
            started = time.monotonic()
            files = sorted(p for p in (folder / sub).iterdir()
                           if p.is_file() and p.match(pattern))
            preds = extract(files, OUT / f"{name}-{flavour}.jsonl")
            report = score(shared, gold, preds, folder)
            report["seconds"] = round(time.monotonic() - started, 1)
            reports[f"{name} ({'text' if sub == 'text' else 'html'})"] = report
            print(f"{name:18} {sub:5} {_brief(report)}", flush=True)
    return reports


def seeds(shared: Path) -> dict:
    """Score the project's seeds against their ground truth."""
    files = sorted(Path("seeds").glob("*.txt"))
    preds = extract(files, OUT / "seeds.jsonl")
    report = score(shared, shared / "eval" / "seeds.jsonl", preds, Path("."))
    print(f"{'seeds':18} {_brief(report)}", flush=True)
    return report


def _brief(report: dict) -> str:
    return json.dumps({k: v for k, v in report.items() if k != "page_body_f1"})


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
