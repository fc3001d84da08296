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
from collections.abc import Callable
from pathlib import Path

from bench.archive import reuters

FOLDER = Path(__file__).parent / "labels"


def page_key(file: str) -> str:
    """Return the name a label is keyed by: the file's name without folder or extension."""
    return Path(file).name.rsplit(".", 1)[0]


def bbc_news_pages(cache: Path, pages: list[str]) -> dict[str, bytes]:
    """Return the bbc-news articles `<topic>-<NNN>`: the file `<topic>/<NNN>.txt` as it is
    (`business-193` is `business/193.txt`, as bbc-speakers names the articles it took)."""
    found = {}
    for page in pages:
        topic, number = page.rsplit("-", 1)
        found[page] = (cache / "bbc-news" / topic / f"{number}.txt").read_bytes()
    return found


def reuters_pages(cache: Path, pages: list[str]) -> dict[str, bytes]:
    """Return the Reuters-21578 stories keyed by their five-digit NEWID (`04711`), each the text
    dump the benchmark archive indexes (`bench.archive.reuters`: title, date line, body)."""
    wanted = set(pages)
    return {key: item.text.encode("utf-8") for item in reuters(cache)
            if (key := page_key(item.rel)) in wanted}


# Sets whose only gold is a labels file here, text only: set -> the reader of its labelled
# pages from the corpora cache, {page: bytes of its text file}.
LABEL_ONLY_SETS: dict[str, Callable[[Path, list[str]], dict[str, bytes]]] = {
    "bbc-news": bbc_news_pages,
    "reuters": reuters_pages,
}


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
    labelled = sorted(load(name, folder).items())
    texts = LABEL_ONLY_SETS[name](cache, [page for page, _ in labelled])
    lines = []
    for page, label in labelled:
        text = texts[page]
        copy = target / "text" / f"{page}.txt"
        if not copy.is_file() or copy.read_bytes() != text:
            copy.write_bytes(text)
        lines.append(json.dumps({"file": f"text/{page}.txt", **label}, ensure_ascii=False))
    (target / "gold.jsonl").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return target
