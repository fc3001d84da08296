"""Measure syndicated-copy detection on pairs built from the corpora.

    python -m evals.dedup --corpora /work/corpora [--per-source 400] [--seed 1]

Positive pairs are an article and a copy made from it: (1) with other site chrome around it (head
and tail lines cut from real text dumps), (2) with another headline and small edits (about one
word in 50 replaced, a credit line added). Negative pairs are two different stories on the same
subject: for each sampled article, the most alike other article (by shared words) in the same BBC
topic, the same Reuters topic and day, or the same development set of news pages. Pairs of the
corpus that are themselves copies (exact shingle Jaccard >= 0.8) are not used as negatives and are
counted apart. Everything is clustered at once, by the code a searcher runs on one segment (`dedup.Bands`,
`clusters_from_edges`), and a pair counts as found when both sides land in one cluster.
"""
from __future__ import annotations

import argparse
import html
import json
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

from search.features import dedup
from search.features.clusters import clusters_from_edges

MIN_SAMPLE_WORDS = 50
EDIT_EVERY = 50
REUTERS_RECORD = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
REUTERS_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S)
                 for name in ("DATE", "TITLE", "BODY", "TOPICS")}
CREDITS = ("Reporting by staff; editing by the desk.", "This story has been updated.",
           "(Additional reporting by our correspondents)")


@dataclass
class Story:
    """One article of a corpus: its id, the group its negatives come from, and its body."""

    id: str
    group: str
    body: str
    headed: bool = True  # the body's first line is its headline


def load_bbc(root: Path) -> list[Story]:
    """Read BBC News: headline line, then the article; grouped by topic folder."""
    stories = []
    for path in sorted(root.glob("*/*.txt")):
        text = path.read_text(encoding="latin-1").strip()
        stories.append(Story(f"bbc/{path.parent.name}/{path.stem}", f"bbc/{path.parent.name}",
                             text))
    return stories


def load_reuters(root: Path) -> list[Story]:
    """Read Reuters-21578 stories with a body and a topic; grouped by first topic and day."""
    stories = []
    for path in sorted(root.glob("*.sgm")):
        for n, record in enumerate(REUTERS_RECORD.findall(path.read_text(encoding="latin-1"))):
            found = {k: rx.search(record) for k, rx in REUTERS_FIELD.items()}
            topics = re.findall(r"<D>(.*?)</D>", found["TOPICS"].group(1) if found["TOPICS"] else "")
            if not (found["BODY"] and found["DATE"] and topics):
                continue
            day = found["DATE"].group(1).strip()[:11]
            title = found["TITLE"].group(1).strip() if found["TITLE"] else ""
            text = re.sub(r"\s*Reuter\s*&#3;\s*$", "", found["BODY"].group(1))
            body = unwrap(html.unescape(text))
            stories.append(Story(f"reuters/{path.stem}/{n}", f"reuters/{topics[0]}/{day}",
                                 f"{title}\n{body}"))
    return stories


def unwrap(text: str) -> str:
    """Join Reuters' hard-wrapped lines; an indented line starts a paragraph."""
    paragraphs = re.split(r"\n(?=\s)", text.strip())
    return "\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def load_dumps(root: Path) -> tuple[list[Story], list[list[str]], list[list[str]]]:
    """Read the gold bodies of the news text dumps, and the chrome above and below each body."""
    stories, heads, tails = [], [], []
    for gold in sorted(root.glob("*/gold-text.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            body = (item.get("body") or "").strip()
            if not body:
                continue
            stories.append(Story(f"{gold.parent.name}/{item['file']}", gold.parent.name, body,
                                 headed=False))
            path = gold.parent / item["file"]
            if path.is_file():
                head, tail = chrome_around(path.read_text(encoding="utf-8", errors="replace"), body)
                heads.append(head)
                tails.append(tail)
    return stories, [h for h in heads if h], [t for t in tails if t]


def chrome_around(dump: str, body: str) -> tuple[list[str], list[str]]:
    """Return the dump's lines above the body's first line and below its last line."""
    lines = [line.strip() for line in dump.splitlines() if line.strip()]
    body_lines = [line.strip() for line in body.splitlines() if line.strip()]
    if not body_lines or body_lines[0] not in lines or body_lines[-1] not in lines:
        return [], []
    start = lines.index(body_lines[0])
    end = len(lines) - lines[::-1].index(body_lines[-1])
    return lines[:start], lines[end:]


def chrome_copy(story: Story, rng: random.Random, heads: list[list[str]],
                tails: list[list[str]]) -> str:
    """Return the body with another site's chrome lines above and below it."""
    head = rng.choice(heads)[-rng.randint(3, 8):]
    tail = rng.choice(tails)[:rng.randint(3, 8)]
    return "\n".join(head + [story.body] + tail)


def edited_copy(story: Story, rng: random.Random, headlines: list[str], vocab: list[str]) -> str:
    """Return the body under another headline, about one word in EDIT_EVERY replaced."""
    lines = story.body.split("\n")
    lines[:1 if story.headed else 0] = [rng.choice(headlines)]
    tokens = "\n".join(lines).split(" ")
    for i in rng.sample(range(len(tokens)), max(1, len(tokens) // EDIT_EVERY)):
        tokens[i] = rng.choice(vocab)
    return " ".join(tokens) + "\n" + rng.choice(CREDITS)


def exact_jaccard(a: str, b: str) -> float:
    """Return the Jaccard similarity of two bodies' shingle sets."""
    left, right = set(dedup.shingles(a).tolist()), set(dedup.shingles(b).tolist())
    return len(left & right) / len(left | right) if left and right else 0.0


def negatives(stories: list[Story], sample: list[Story]) -> tuple[list[tuple[str, str]], int]:
    """Pair each sampled story with the most alike other story of its group; skip true copies."""
    word_sets = {s.id: set(dedup.words(s.body)) for s in stories}
    by_group: dict[str, list[Story]] = {}
    for story in stories:
        by_group.setdefault(story.group, []).append(story)
    pairs, copies = [], 0
    for story in sample:
        mine = word_sets[story.id]
        others = [o for o in by_group[story.group] if o.id != story.id]
        if not others:
            continue
        best = max(others, key=lambda o: len(mine & word_sets[o.id]) / len(mine | word_sets[o.id]))
        if exact_jaccard(story.body, best.body) >= dedup.THRESHOLD:
            copies += 1
            continue
        pairs.append((story.id, best.id))
    return pairs, copies


def build_pairs(sources: dict[str, list[Story]], heads, tails, per_source: int, seed: int):
    """Return the bodies to cluster and the labelled pairs (id, id, kind, is_copy)."""
    rng = random.Random(seed)
    bodies = {s.id: s.body for stories in sources.values() for s in stories}
    headlines = [b.split("\n", 1)[0] for b in bodies.values()]
    vocab = [w for b in list(bodies.values())[:2000] for w in b.split(" ") if w.isalpha()]
    pairs = []
    for name, stories in sources.items():
        long_enough = [s for s in stories if len(s.body.split()) >= MIN_SAMPLE_WORDS]
        sample = rng.sample(long_enough, min(per_source, len(long_enough)))
        for story in sample:
            bodies[story.id + "#chrome"] = chrome_copy(story, rng, heads, tails)
            bodies[story.id + "#edited"] = edited_copy(story, rng, headlines, vocab)
            pairs.append((story.id, story.id + "#chrome", f"{name} chrome copy", True))
            pairs.append((story.id, story.id + "#edited", f"{name} edited copy", True))
        negative, copies = negatives(stories, sample)
        pairs += [(a, b, f"{name} same subject", False) for a, b in negative]
        print(f"{name}: {len(stories)} stories, {len(sample)} sampled, "
              f"{copies} most-alike pairs were copies already in the corpus (not used)")
    return bodies, pairs


def report(bodies: dict[str, str], pairs: list[tuple[str, str, str, bool]]) -> dict:
    """Cluster every body, then print and return precision and recall over the pairs."""
    started = time.perf_counter()
    signatures = {doc_id: dedup.signature(body) for doc_id, body in bodies.items()}
    signed = time.perf_counter() - started
    started = time.perf_counter()
    # As a searcher does for a segment (engine/columns.py): band the signatures, link the copies
    # within, and group them with clusters_from_edges; the corpora carry no dates.
    keys = list(signatures)
    bands = dedup.Bands(enumerate(signatures[k] for k in keys), len(keys))
    clusters = clusters_from_edges(bands.edges, {}, keys.__getitem__)
    cluster_of = {keys[d]: keys[head] for d, head in clusters.cluster_of.items()}
    clustered = time.perf_counter() - started
    found = {(a, b): cluster_of.get(a, a) == cluster_of.get(b, b) for a, b, _, _ in pairs}
    exact = {(a, b): exact_jaccard(bodies[a], bodies[b]) for a, b, _, _ in pairs}
    kinds: dict[str, list[int]] = {}
    for a, b, kind, is_copy in pairs:
        kinds.setdefault(kind, [0, 0])
        kinds[kind][0] += found[(a, b)]
        kinds[kind][1] += 1
    for kind, (hit, total) in sorted(kinds.items()):
        alike = sorted(exact[(a, b)] for a, b, k, _ in pairs if k == kind)
        print(f"  {kind:32s} {hit:5d} / {total:5d} clustered; exact Jaccard: median "
              f"{alike[len(alike) // 2]:.2f}, {sum(j >= dedup.THRESHOLD for j in alike):5d} >= "
              f"{dedup.THRESHOLD}, max {alike[-1]:.2f}")
    tp = sum(found[(a, b)] for a, b, _, c in pairs if c)
    fp = sum(found[(a, b)] for a, b, _, c in pairs if not c)
    positives = sum(1 for *_, c in pairs if c)
    result = {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / positives,
              "pairs": len(pairs), "documents": len(bodies),
              "signatures_per_second": len(bodies) / signed, "cluster_seconds": clustered}
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
          f"({tp} of {positives} copies found, {fp} false merges)")
    said = [(found[(a, b)], exact[(a, b)] >= dedup.THRESHOLD) for a, b, _, _ in pairs]
    agree_tp = sum(f and e for f, e in said)
    print(f"against exact prose Jaccard >= {dedup.THRESHOLD} as the label: precision "
          f"{agree_tp / max(1, sum(f for f, _ in said)):.3f}  recall "
          f"{agree_tp / max(1, sum(e for _, e in said)):.3f}")
    print(f"speed: {result['signatures_per_second']:.0f} signatures/s, clustered "
          f"{len(bodies)} documents in {clustered:.2f}s")
    return result


def measure(corpora: Path, per_source: int = 400, seed: int = 1) -> dict:
    """Build copy and non-copy pairs from the corpora; return precision, recall and counts."""
    dumps, heads, tails = load_dumps(corpora)
    sources = {"bbc-news": load_bbc(corpora / "bbc-news"),
               "reuters21578": load_reuters(corpora / "reuters21578"),
               "news text dumps": dumps}
    bodies, pairs = build_pairs(sources, heads, tails, per_source, seed)
    return report(bodies, pairs)


def main(argv: list[str] | None = None) -> int:
    """Build the pairs, cluster them and print precision and recall."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, required=True)
    parser.add_argument("--per-source", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    result = measure(args.corpora, args.per_source, args.seed)
    return 0 if result["precision"] >= 0.95 and result["recall"] >= 0.90 else 1


if __name__ == "__main__":
    raise SystemExit(main())
