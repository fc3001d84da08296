"""Train the learned headline chooser for browser text on the development pages: `make train`.

Every line the rules shortlist as a text dump's headline (`headline_model.shortlist` of
`headline.scored_candidates`) on the development part of the text copies of aeb, l3s,
trafilatura, htmldate and the BBC articles, and of a sample of the Reuters stories, is an
example: its features (`headline_model.candidate_features`) and whether the title it gives
(kicker and site's name stripped as extraction does) is the gold title after the scorer's
folding (or one of `title_also_accepted`; the project's labels in `evals/labels` complete the
shared gold). Boosted stumps (`speaker_train.fit`) are fitted, and the margin by which a
candidate must beat the rules' pick is chosen by cross-validation over the development pages
(five folds by page hash). The weights go to `search/extract/textdump/headline_model.json`,
rounded, the same bytes every run. Validation pages are never read.

`--held-out` writes no model: it scores each of the four news sets with a model trained (and
its margin chosen) on the other sets alone, the measure of whether the chooser generalizes
beside the five folds' cross-validation.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
from pathlib import Path

import numpy as np

from bench.archive import reuters
from evals import labels
from evals.corpora import CACHE, is_validation, unpack
from evals.stumps import FOLDS, fit, fold_of, probabilities
from search.extract.textdump.hardwrap import unwrap
from search.extract.textdump.headline import (headline_at, rules_pick, scored_candidates,
                                              site_masthead, without_site_name)
from search.extract.textdump.headline_model import (FEATURES, MODEL_PATH, candidate_features,
                                                    shortlist)
from search.extract.textdump.lines import classify
from search.extract.textdump.reader import find_outlet
from search.extract.textdump.span import article_span

# The text copies a model learns from: set folder -> gold file of its text pages.
TRAIN_SETS = {"aeb-html": "gold-text.jsonl", "l3s-html": "gold-text.jsonl",
              "trafilatura-html": "gold-text.jsonl", "htmldate-html": "gold-text.jsonl",
              "bbc-speakers": "gold.jsonl"}
# Reuters stories (the benchmark archive's text dumps, their <TITLE> the first line) where the
# rules have a choice: one in three, about as many pages as the news sets give. With all of them
# the model learned that a dump's first line is its title, and took a newsletter's "View this
# email in your browser" (tests/fixtures/textdump); the news sets' cross-validated figures were
# the same either way (348 of 434).
REUTERS_SHARE = 3
ROUNDS = 200
MIN_LEAF = 20
# The sets held out in turn by `--held-out` (bbc-speakers, all right, and Reuters always train).
HELD_OUT_SETS = ("aeb-html", "l3s-html", "trafilatura-html", "htmldate-html")
MARGINS = tuple(round(m / 4, 2) for m in range(0, 41))  # log-odds a candidate must beat the pick by


def _fold_title(shared: Path):
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer.fold


def page_examples(text: str, want: set[str], fold) -> dict:
    """Return a dump's shortlisted candidates: features, label (its title is gold) and the
    rules' pick."""
    text = unwrap(text)
    lines = classify(text)
    start, end = article_span(lines)
    outlet, masthead = find_outlet(lines), site_masthead(lines)
    prose, scored = scored_candidates(lines, start, end, text.splitlines())
    rows = candidate_features(lines, start, prose, scored, outlet or masthead)
    pick = rules_pick(scored)
    kept = [scored[k][0] for k in shortlist(scored)]
    labels = [int(fold(without_site_name(headline_at(lines, i, prose), outlet, masthead)) in want)
              for i in kept]
    return {"x": rows, "y": labels, "pick": [int(i == pick) for i in kept]}


def reuters_sample(rel: str) -> bool:
    """Return True for the Reuters stories learned from: one in `REUTERS_SHARE`, by the hash of
    its path in the benchmark archive."""
    return int(hashlib.sha1(rel.encode("utf-8")).hexdigest()[:8], 16) % REUTERS_SHARE == 0


def load_pages(shared: Path, validation: bool = False) -> list[dict]:
    """Return the development (or validation) text pages with a gold title, with examples."""
    fold = _fold_title(shared)
    cache = unpack(shared, CACHE)
    pages = []
    for name, gold_file in TRAIN_SETS.items():
        folder = cache / name
        made = labels.load(name)
        for raw in (folder / gold_file).read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            gold = labels.merge(json.loads(raw), made)
            if "title" not in gold or is_validation(gold["file"]) != validation:
                continue
            want = {fold(t) for t in [gold["title"]] + (gold.get("title_also_accepted") or [])}
            text = (folder / gold["file"]).read_text(encoding="utf-8", errors="replace")
            page = page_examples(text, want, fold)
            page.update({"set": name, "file": gold["file"]})
            pages.append(page)
    for item in reuters(cache):
        if is_validation(item.rel) != validation or not reuters_sample(item.rel):
            continue
        title = item.text.split("\n", 1)[0]  # the story's <TITLE>, its dump's first line
        page = page_examples(item.text, {fold(title)}, fold)
        if len(page["x"]) > 1:  # where the rules have a choice to make
            page.update({"set": "reuters", "file": item.rel})
            pages.append(page)
    return pages


def matrix(pages: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Return the candidates of pages as features and labels."""
    rows = [(x, y) for page in pages for x, y in zip(page["x"], page["y"])]
    return (np.array([r[0] for r in rows], dtype=float).reshape(-1, len(FEATURES)),
            np.array([r[1] for r in rows], dtype=float))


def cross_validate(pages: list[dict], rounds: int, min_leaf: int) -> None:
    """Give each page's candidates their out-of-fold log-odds ("z")."""
    for fold in range(FOLDS):
        model = fit(*matrix([p for p in pages if fold_of(p["file"]) != fold]), rounds, min_leaf)
        for page in pages:
            if fold_of(page["file"]) == fold and page["x"]:
                p = probabilities(model, np.array(page["x"], dtype=float))
                page["z"] = list(np.log(p / (1 - p)))


def chosen(page: dict, margin: float) -> int:
    """Return the candidate position the model picks at `margin` (-1 for none)."""
    if not page["x"]:
        return -1
    pick = page["pick"].index(1)
    z = page["z"]
    best = max(range(len(z)), key=lambda k: (z[k], -k))
    return best if z[best] - z[pick] >= margin else pick


def accuracy(pages: list[dict], margin: float | None) -> dict[str, list[int]]:
    """Return (right, pages) per set and for all: the rules' picks (margin None) or the model's."""
    totals: dict[str, list[int]] = {}
    for page in pages:
        k = (page["pick"].index(1) if page["x"] else -1) if margin is None else chosen(page, margin)
        right = int(k >= 0 and page["y"][k] == 1)
        for name in (page["set"], "all"):
            got = totals.setdefault(name, [0, 0])
            got[0] += right
            got[1] += 1
    return totals


def flips(pages: list[dict], margin: float) -> tuple[int, int]:
    """Return how many pages the model turns right from wrong and wrong from right."""
    gained = lost = 0
    for page in pages:
        if not page["x"]:
            continue
        rules, model = page["y"][page["pick"].index(1)], page["y"][chosen(page, margin)]
        gained += model > rules
        lost += model < rules
    return gained, lost


def best_margin(pages: list[dict]) -> float:
    """Return the margin of the most right pages out of fold (the largest of equals)."""
    best = (-1, 0.0)
    for margin in MARGINS:
        right = accuracy(pages, margin)["all"][0]
        if right >= best[0]:
            best = (right, margin)
    return best[1]


def training_pages(pages: list[dict], held_out: str) -> list[dict]:
    """Return the pages a model scored on set `held_out` may learn from: the other sets' pages,
    but none that is a copy of a held-out page (the same page name)."""
    stems = {labels.page_key(p["file"]) for p in pages if p["set"] == held_out}
    return [p for p in pages if p["set"] != held_out and labels.page_key(p["file"]) not in stems]


def held_out_sets(pages: list[dict], rounds: int, min_leaf: int) -> dict[str, tuple]:
    """Return, for each news set, (rules right, model right, pages) on that set when the model is
    trained and its margin chosen as `make train` does on the other sets alone.

    A page another set holds too (htmldate and trafilatura share 45) is left out of the
    training, so no copy of a held-out page is learned from.
    """
    found = {}
    for name in HELD_OUT_SETS:
        held = [p for p in pages if p["set"] == name]
        train = [dict(p) for p in training_pages(pages, name)]
        cross_validate(train, rounds, min_leaf)
        margin = best_margin(train)
        model = fit(*matrix(train), rounds, min_leaf)
        tested = [dict(p) for p in held]
        for page in tested:
            if page["x"]:
                p = probabilities(model, np.array(page["x"], dtype=float))
                page["z"] = list(np.log(p / (1 - p)))
        found[name] = (accuracy(tested, None)["all"][0], accuracy(tested, margin)["all"][0],
                       len(tested), margin)
    return found


def model_json(model: dict, margin: float, pages: list[dict]) -> str:
    """Return the trained file's text: rounded numbers in a fixed order, the same every run."""
    data = {
        "about": "headline chooser of search/extract/textdump/headline_model.py; written by "
                 "make train",
        "features": list(FEATURES),
        "margin": margin,
        "examples": {"candidates": sum(len(p["x"]) for p in pages), "pages": len(pages)},
        "base": model["base"],
        "stumps": [list(stump) for stump in model["stumps"]],
    }
    return json.dumps(data, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--rounds", type=int, default=ROUNDS)
    ap.add_argument("--min-leaf", type=int, default=MIN_LEAF)
    ap.add_argument("--held-out", action="store_true",
                    help="only report each news set scored by a model trained on the others")
    args = ap.parse_args(argv)
    pages = load_pages(args.shared)
    if args.held_out:
        found = held_out_sets(pages, args.rounds, args.min_leaf)
        for name, (rules, model, n, margin) in found.items():
            print(f"held out {name:17} rules {rules}/{n} -> model {model}/{n} (margin {margin})")
        print("held out, all four: rules {}/{} -> model {}/{}".format(
            sum(v[0] for v in found.values()), sum(v[2] for v in found.values()),
            sum(v[1] for v in found.values()), sum(v[2] for v in found.values())))
        return 0
    cross_validate(pages, args.rounds, args.min_leaf)
    margin = best_margin(pages)
    before, after = accuracy(pages, None), accuracy(pages, margin)
    for name in before:
        print(f"cross-validated {name:17} rules {before[name][0]}/{before[name][1]}"
              f" -> model {after[name][0]}/{after[name][1]} (margin {margin})")
    print("pages turned right / wrong by margin: " + ", ".join(
        f"{m}: +{flips(pages, m)[0]} -{flips(pages, m)[1]}" for m in MARGINS[:9]))
    reachable = sum(any(p["y"]) for p in pages)
    print(f"pages with the gold title among the candidates: {reachable}/{len(pages)}")
    text = model_json(fit(*matrix(pages), args.rounds, args.min_leaf), margin, pages)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
