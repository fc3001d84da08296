"""Labels made in this project for pages of the shared development sets.

The shared sets do not label everything: l3s and htmldate pages have no title, l3s no speakers.
Labels written here live in `evals/labels/<set>.jsonl` (the set's folder name, e.g. `l3s-html`),
one page a line: `{"page": <file name without its extension>, <gold key>: value, ...}` with any
of the scorer's gold keys (`title`, `title_also_accepted`, `date`, `speakers`,
`speakers_optional`). A label applies to the page's HTML and text copies alike, and is added to
the shared gold line of that page, never over a key the shared gold already gives. How each file
was labelled is written in `evals/labels/README.md`.

A set may also be labelled here alone (`LABEL_ONLY_SETS`): pages of a shared corpus that no
shared gold covers. `label_only_set` lays such a set out like the shared ones, a folder with
`text/<page>.txt` and a `gold.jsonl` made of the labels, so the evaluations read it as they read
`bbc-speakers`.
"""
from __future__ import annotations

import json
from pathlib import Path

FOLDER = Path(__file__).parent / "labels"
# Sets whose only gold is a labels file here, text only: set -> its folder in the corpora cache.
# A page `<topic>-<NNN>` is the file `<topic>/<NNN>.txt` there (bbc-news: `business/193.txt`
# is `business-193`, as bbc-speakers names the articles it took from the same collection).
LABEL_ONLY_SETS = {"bbc-news": "bbc-news"}


def page_key(file: str) -> str:
    """Return the name a label is keyed by: the file's name without folder or extension."""
    return Path(file).name.rsplit(".", 1)[0]


def load(set_name: str, folder: Path = FOLDER) -> dict[str, dict]:
    """Return {page: {gold key: value}} labelled here for a set (empty when none are)."""
    path = folder / f"{set_name}.jsonl"
    if not path.is_file():
        return {}
    labels = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        entry = json.loads(line)
        page = entry.pop("page", None)
        if not page or page in labels:
            raise ValueError(f"{path}:{number}: each line needs a page of its own")
        labels[page] = entry
    return labels


def merge(gold_line: dict, labels: dict[str, dict]) -> dict:
    """Return a gold line with this project's labels of its page added to what it lacks."""
    extra = labels.get(page_key(gold_line["file"]), {})
    return {**{k: v for k, v in extra.items() if k not in gold_line}, **gold_line}


def label_only_set(name: str, cache: Path, out: Path, folder: Path = FOLDER) -> Path:
    """Write a set labelled here alone as a set folder (`text/`, `gold.jsonl`); return it.

    The labelled pages are copied from the corpora cache under their page names, and each gold
    line is a page's labels with its `file`, so a page's validation side is that of its name.
    """
    target = out / name
    (target / "text").mkdir(parents=True, exist_ok=True)
    lines = []
    for page, label in sorted(load(name, folder).items()):
        topic, number = page.rsplit("-", 1)
        text = (cache / LABEL_ONLY_SETS[name] / topic / f"{number}.txt").read_bytes()
        copy = target / "text" / f"{page}.txt"
        if not copy.is_file() or copy.read_bytes() != text:
            copy.write_bytes(text)
        lines.append(json.dumps({"file": f"text/{page}.txt", **label}, ensure_ascii=False))
    (target / "gold.jsonl").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return target
