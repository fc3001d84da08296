"""The five seed files against their ground truth (tests/fixtures/seeds-truth.json).

The truth is a copy of ../shared/eval/seeds.json; body similarity is measured as the shared
scorer does (word 4-gram shingles, F1), so that a pass here is a pass there.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from search.extract.files import extract_file

ROOT = Path(__file__).resolve().parents[2]
TRUTH = json.loads((ROOT / "tests/fixtures/seeds-truth.json").read_text(encoding="utf-8"))
WORD = re.compile(r"\w+")
HONORIFICS = {"mr", "mrs", "ms", "dr", "president", "prime", "minister", "secretary", "sheikh"}


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return " ".join(WORD.findall("".join(c for c in text if not unicodedata.combining(c))
                                 .casefold()))


def body_f1(gold: str, pred: str) -> float:
    def shingles(text: str) -> Counter:
        words = WORD.findall(text)
        return Counter(tuple(words[i:i + 4]) for i in range(max(1, len(words) - 3)))
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    return 2 * tp / (sum(g.values()) + sum(p.values())) if tp else 0.0


def surname(name: str) -> str:
    words = [w for w in fold(name).split() if w not in HONORIFICS]
    return words[-1] if words else ""


def extracted(name: str):
    docs = extract_file(ROOT / "seeds" / name)
    return max(docs, key=lambda d: len(d.body))


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_body_matches_the_clean_text(name):
    assert body_f1(TRUTH[name]["body"], extracted(name).body) >= 0.98


@pytest.mark.parametrize("name", sorted(TRUTH))
@pytest.mark.parametrize("field", ["title", "outlet", "date"])
def test_title_outlet_and_date_are_exact(name, field):
    truth = TRUTH[name]
    got = getattr(extracted(name), field)
    accepted = [truth[field]] + (truth.get("title_also_accepted", []) if field == "title" else [])
    if truth[field] is None:
        assert got is None
    else:
        assert fold(got) in {fold(a) for a in accepted}


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_speakers_are_the_people_quoted(name):
    truth = TRUTH[name]
    want = {surname(n) for n in truth["speakers"]}
    allowed = want | {surname(n) for n in truth.get("speakers_optional", [])}
    got = {surname(n) for n in extracted(name).speakers}
    assert want <= got, f"missing {want - got}"
    assert got <= allowed, f"not quoted: {got - allowed}"
