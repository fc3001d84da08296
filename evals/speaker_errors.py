"""List the speaker errors of the development parts, for tuning: `python -m evals.speaker_errors`.

Reads the predictions and split gold files `make eval` left in .cache/eval and prints, per set,
the names predicted but not in the gold (false positives) and the gold names missed. Only the
development part is read: the validation pages stay unseen.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
from pathlib import Path

OUT = Path(".cache/eval")


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def errors(shared: Path, stem: str, root: Path) -> list[dict]:
    """Return each development page's false positive and missed speakers of one set."""
    scorer = _scorer(shared)
    preds = scorer.load_predictions(str(OUT / f"{stem}.jsonl"))
    gold_path = OUT / "gold" / f"{stem}-development.jsonl"
    found = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        if "speakers" not in gold:
            continue
        got = preds.get(os.path.realpath(root / gold["file"]), {}).get("speakers") or []
        keys = [scorer.name_key(n) for n in gold["speakers"]]
        optional = [scorer.name_key(n) for n in gold.get("speakers_optional") or []]
        fp = [n for n in got if not any(scorer.same_person(scorer.name_key(n), g)
                                        for g in keys + optional)]
        fn = [n for n, k in zip(gold["speakers"], keys)
              if not any(scorer.same_person(k, scorer.name_key(p)) for p in got)]
        if fp or fn:
            found.append({"file": gold["file"], "false": fp, "missed": fn})
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stem", help="a set as .cache/eval names it: aeb-html-text, polnear-text, ...")
    ap.add_argument("root", type=Path, help="the set's folder, that gold `file` paths start from")
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    args = ap.parse_args(argv)
    for page in errors(args.shared, args.stem, args.root):
        print(json.dumps(page, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
