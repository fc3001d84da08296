"""Train the speaker filter on the labelled development pages: `make train`.

Every speaker the rules (`attributed_quotes`) give on the development part of aeb, BBC, GGT and
PolNeAR is an example: its features (`confidence.speaker_features`) and whether the shared
scorer counts it as a gold speaker (`same_person`); a speaker that only an optional gold name
matches is left out. Boosted decision stumps are fitted with numpy, and the least
probability that keeps a speaker is chosen by cross-validation over the development pages (five
folds by the hash of each page's name): the highest F1 of all sets together whose precision is
at least `MIN_PRECISION`. The weights go to `search/extract/speakers/speaker_model.json`, rounded,
so that the same pages and rules write the same bytes. Validation pages are never read.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from evals.corpora import CACHE, is_validation, unpack
from evals.stumps import FOLDS, fit, fold_of, probabilities
from evals.speaker_dev import _scorer, bodies
from search.extract.speakers.attribution import attributed_quotes, extract_speakers
from search.extract.speakers.confidence import FEATURES, MODEL_PATH, speaker_features

# The sets a model learns from (aeb's HTML and text copies are one set's pages read twice).
TRAIN_SETS = ("aeb-html", "aeb-text", "bbc", "ggt", "l3s-html", "l3s-text", "polnear")
# Boosting rounds and the fewest examples on a side of a cut (evals/stumps.py), chosen by the
# cross-validated ranking of wrong speakers below right ones (AUC 0.795) among 50, 100 and 200
# rounds and leaves of 20 and 60; logistic regression ranked them worse (0.71 to 0.76).
ROUNDS = 100
MIN_LEAF = 60
MIN_PRECISION = 0.92
# Thresholds tried: a speaker is kept when the model's probability is at least this.
THRESHOLDS = tuple(round(t / 100, 2) for t in range(0, 96))


def page_examples(body: str, gold: list[str], optional: list[str], scorer) -> list[dict]:
    """Return each rule speaker of a body with its features and label (None: optional only)."""
    quotes, doc = attributed_quotes(body)
    features = speaker_features(quotes, doc)
    gold_keys = [scorer.name_key(n) for n in gold]
    optional_keys = [scorer.name_key(n) for n in optional]
    found = []
    for speaker in extract_speakers(quotes):
        key = scorer.name_key(speaker)
        label = 1 if any(scorer.same_person(key, g) for g in gold_keys) else \
            None if any(scorer.same_person(key, o) for o in optional_keys) else 0
        found.append({"speaker": speaker, "x": features[speaker], "y": label})
    return found


def counts(pages: list[dict], scorer, threshold: float, key: str = "p") -> dict[str, list]:
    """Return the scorer's (tp, fp, fn) per set and for all, keeping speakers at `threshold`."""
    totals: dict[str, list] = {}
    for page in pages:
        kept = [e["speaker"] for e in page["examples"] if e[key] >= threshold]
        found = scorer.speaker_counts(page["gold"], page["optional"], kept)
        for name in (page["set"], "all"):
            totals[name] = [a + b for a, b in zip(totals.get(name, [0, 0, 0]), found)]
    return totals


def scores(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Return precision, recall and F1."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def training_pages(shared: Path) -> list[dict]:
    """Return the development pages of the training sets with their speakers' examples."""
    scorer = _scorer(shared)
    pages = []
    for (name, file), (body, gold, optional) in sorted(bodies(unpack(shared, CACHE)).items()):
        if name in TRAIN_SETS and not is_validation(file):
            pages.append({"set": name, "file": file, "gold": gold, "optional": optional,
                          "examples": page_examples(body, gold, optional, scorer)})
    return pages


def matrix(pages: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Return the labelled examples of pages as features and labels."""
    rows = [e for page in pages for e in page["examples"] if e["y"] is not None]
    return (np.array([e["x"] for e in rows], dtype=float).reshape(-1, len(FEATURES)),
            np.array([e["y"] for e in rows], dtype=float))


def cross_validate(pages: list[dict], rounds: int = ROUNDS) -> None:
    """Give each example of the pages its out-of-fold probability ("p")."""
    for fold in range(FOLDS):
        model = fit(*matrix([p for p in pages if fold_of(p["file"]) != fold]), rounds, MIN_LEAF)
        for page in pages:
            if fold_of(page["file"]) == fold and page["examples"]:
                x = np.array([e["x"] for e in page["examples"]], dtype=float)
                for e, p in zip(page["examples"], probabilities(model, x)):
                    e["p"] = float(p)


def best_threshold(pages: list[dict], scorer) -> float:
    """Return the threshold of the highest cross-validated F1 with precision >= MIN_PRECISION
    (0.0, keeping every speaker, when no threshold reaches that precision)."""
    best = (-1.0, 0.0)
    for threshold in THRESHOLDS:
        p, _, f1 = scores(*counts(pages, scorer, threshold)["all"])
        if p >= MIN_PRECISION and f1 > best[0] + 1e-12:
            best = (f1, threshold)
    return best[1]


def model_json(model: dict, threshold: float, pages: list[dict]) -> str:
    """Return the trained file's text: rounded numbers in a fixed order, the same every run."""
    labels = [e["y"] for page in pages for e in page["examples"] if e["y"] is not None]
    data = {
        "about": "speaker filter of search/extract/speakers/confidence.py; written by make train",
        "features": list(FEATURES),
        "threshold": threshold,
        "examples": {"right": labels.count(1), "wrong": labels.count(0), "pages": len(pages)},
        "base": model["base"],
        "stumps": [list(stump) for stump in model["stumps"]],
    }
    return json.dumps(data, indent=1) + "\n"


def train(pages: list[dict], scorer, rounds: int = ROUNDS) -> tuple[str, dict]:
    """Return the trained file's text and the cross-validated counts at its threshold."""
    cross_validate(pages, rounds)
    threshold = best_threshold(pages, scorer)
    text = model_json(fit(*matrix(pages), rounds, MIN_LEAF), threshold, pages)
    return text, {"threshold": threshold, "before": counts(pages, scorer, 0.0),
                  "after": counts(pages, scorer, threshold)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--rounds", type=int, default=ROUNDS)
    args = ap.parse_args(argv)
    scorer = _scorer(args.shared)
    text, report = train(training_pages(args.shared), scorer, args.rounds)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}; threshold {report['threshold']}")
    for name, found in report["before"].items():
        before, after = scores(*found), scores(*report["after"][name])
        print(f"cross-validated {name:9} P {before[0]:.4f} -> {after[0]:.4f}  "
              f"R {before[1]:.4f} -> {after[1]:.4f}  F1 {before[2]:.4f} -> {after[2]:.4f}  "
              f"tp fp fn {' '.join(map(str, report['after'][name]))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
