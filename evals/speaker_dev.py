"""Score speakers alone over every labelled set at once, in seconds: `python -m evals.speaker_dev`.

A loop for tuning the rules of `search.extract.speakers`: the bodies of aeb, l3s and the English
news pages of trafilatura-html and htmldate-html (HTML and text; all but aeb's speakers are
labelled here, `evals/labels/`), BBC (bbc-speakers, and 150 articles of
bbc-news labelled here alone), 150 Reuters-21578 stories (labelled here alone), GGT and PolNeAR
are extracted once by `extract_file` and kept in .cache/eval (rebuilt when any module outside
`search/extract/speakers/`, the archive's Reuters dumps, or any gold or label changes), then
`extract_quotes` and `extract_speakers` run over them (with `--filter`, the learned speaker
filter too) and the shared scorer counts every set and all of them together, so that a rule
that helps one set and hurts another shows. The development part is scored unless
`--validation` is given; validation prints totals only, never a page, and is for the start and
the end of a piece of work, not for tuning. `make eval` stays the measure that counts.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import pickle
import time
from pathlib import Path

from evals import labels
from evals.corpora import CACHE, is_validation, unpack

OUT = Path(".cache/eval")
# Set -> (folder under the corpora cache, gold file): the sets labelled with speakers. A set of
# `labels.LABEL_ONLY_SETS` is laid out under .cache/eval from its labels (`labels.label_only_set`).
SETS = {
    "aeb-html": ("aeb-html", "gold.jsonl"),
    "aeb-text": ("aeb-html", "gold-text.jsonl"),
    "l3s-html": ("l3s-html", "gold.jsonl"),  # speakers labelled here (evals/labels/)
    "l3s-text": ("l3s-html", "gold-text.jsonl"),
    # Modern English news pages, speakers labelled here (evals/labels/, w-label3)
    "traf-html": ("trafilatura-html", "gold.jsonl"),
    "traf-text": ("trafilatura-html", "gold-text.jsonl"),
    "htmldate-html": ("htmldate-html", "gold.jsonl"),
    "htmldate-text": ("htmldate-html", "gold-text.jsonl"),
    "bbc": ("bbc-speakers", "gold.jsonl"),
    "bbc-news": ("bbc-news", "gold.jsonl"),  # labelled here alone (evals/labels/)
    "reuters": ("reuters", "gold.jsonl"),  # labelled here alone, text dumps of bench.archive
    "ggt": ("speakers-dev/ggt", "gold.jsonl"),
    "polnear": ("speakers-dev/polnear", "gold.jsonl"),
}


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _code_key(cache: Path) -> str:
    """Return a hash of what the stored bodies hold: the extraction code that makes them (all
    but the speaker rules), the code that writes the Reuters dumps, the sets, their gold files
    and the labels made here."""
    digest = hashlib.sha1(repr(SETS).encode("utf-8"))
    for path in [*sorted(Path("search").rglob("*.py")), Path("bench/archive.py")]:
        if "speakers" not in path.parts:
            digest.update(path.read_bytes())
    for folder, gold in SETS.values():
        if folder not in labels.LABEL_ONLY_SETS:
            digest.update((cache / folder / gold).read_bytes())
    for path in sorted(labels.FOLDER.glob("*.jsonl")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _folder(cache: Path, folder: str) -> Path:
    """Return a set's folder: in the corpora cache, or laid out from labels made here."""
    if folder in labels.LABEL_ONLY_SETS:
        return labels.label_only_set(folder, cache, OUT / "labelled")
    return cache / folder


def bodies(cache: Path) -> dict[tuple[str, str], tuple[str, list, list]]:
    """Return {(set, file): (body, speakers, optional speakers)}, extracted once per code."""
    stored = OUT / f"speaker-bodies-{_code_key(cache)[:12]}.pickle"
    if stored.is_file():
        return pickle.loads(stored.read_bytes())
    from search.extract.files import extract_file

    found = {}
    for name, (folder, gold) in SETS.items():
        extra, root = labels.load(Path(folder).name), _folder(cache, folder)
        for line in (root / gold).read_text(encoding="utf-8").splitlines():
            page = labels.merge(json.loads(line), extra)
            if "speakers" in page:
                docs = extract_file(root / page["file"])
                body = max((d.body for d in docs), key=len) if docs else ""
                found[(name, page["file"])] = (body, page["speakers"],
                                               page.get("speakers_optional") or [])
    OUT.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(pickle.dumps(found))
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--validation", action="store_true", help="totals of the validation part")
    ap.add_argument("--filter", action="store_true",
                    help="drop the speakers the learned filter doubts (off in extraction)")
    ap.add_argument("--errors", action="append", default=[], choices=list(SETS),
                    help="print the false and missed names of a set's development pages")
    args = ap.parse_args(argv)
    from search.extract.speakers.attribution import attributed_quotes, extract_speakers
    from search.extract.speakers.confidence import confident_quotes

    scorer, totals, seconds = _scorer(args.shared), {}, 0.0
    for (name, file), (body, gold, optional) in sorted(bodies(unpack(args.shared, CACHE)).items()):
        if is_validation(file) != args.validation:
            continue
        started = time.process_time()
        quotes, doc = attributed_quotes(body)
        got = extract_speakers(confident_quotes(quotes, doc) if args.filter else quotes)
        seconds += time.process_time() - started
        counts = scorer.speaker_counts(gold, optional, got)
        for key in (name, "all"):
            totals[key] = [a + b for a, b in zip(totals.get(key, [0, 0, 0]), counts)]
        if name in args.errors and not args.validation and (counts[1] or counts[2]):
            keys = [scorer.name_key(n) for n in gold + optional]
            false = [n for n in got if not any(scorer.same_person(scorer.name_key(n), k)
                                               for k in keys)]
            missed = [n for n in gold if not any(
                scorer.same_person(scorer.name_key(n), scorer.name_key(p)) for p in got)]
            print(json.dumps({"set": name, "file": file, "false": false, "missed": missed},
                             ensure_ascii=False))
    part = "validation" if args.validation else "development"
    for key, (tp, fp, fn) in totals.items():
        p, r = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{part} {key:9} P {p:.3f} R {r:.3f} F1 {f1:.3f}  tp {tp} fp {fp} fn {fn}")
    print(f"speaker extraction CPU seconds: {seconds:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
