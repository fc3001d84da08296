"""Did-you-mean's vocabulary read once per reader and its edit distance: Whoosh's terms, the
textbook distance."""
from __future__ import annotations

import random

import pytest
from whoosh import index as whoosh_index

from search import build_from_documents, current_build
from search.query import suggest
from search.index.schema import ORIGINAL_MARK
from tests.conftest import FIXTURE_DOCS


def textbook_distance(a: str, b: str) -> int:
    """Return Levenshtein's distance by the full table."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def test_the_edit_distance_is_the_textbook_one_within_its_bound():
    rng = random.Random(21)
    checked = 0
    for _ in range(20_000):
        a = "".join(rng.choice("abc") for _ in range(rng.randrange(0, 8)))
        b = list(a)
        for _ in range(rng.randrange(0, 4)):
            at = rng.randrange(len(b) + 1)
            b[at:at + rng.randrange(2)] = rng.choice(["", "a", "d"])
        b = "".join(b)
        full = textbook_distance(a, b)
        for bound in (0, 1, 2, 3):
            assert suggest.edit_distance(a, b, bound) == (full if full <= bound else None)
            checked += full <= bound
    assert checked > 20_000  # most pairs are within some bound


@pytest.fixture
def reader(tmp_path):
    root = tmp_path / "index"
    build_from_documents(root, FIXTURE_DOCS)
    ix = whoosh_index.open_dir(str(current_build(root)))
    with ix.reader() as r:
        yield r
    ix.close()


def scanned(reader, field: str, word: str, maxdist: int) -> list[tuple[str, int]]:
    """Return terms_near's answer by scanning Whoosh's vocabulary every time."""
    found = []
    for mark in (ORIGINAL_MARK, ""):
        for term in reader.expand_prefix(field, mark + word[:2]):
            term = term.decode("utf-8")
            dist = textbook_distance(word, term[len(mark):])
            if dist <= maxdist:
                found.append((term, dist))
    return found


def test_terms_near_finds_what_a_scan_of_the_vocabulary_finds(reader):
    words = sorted({t.decode("utf-8").lstrip(ORIGINAL_MARK) for t in reader.lexicon("body")})
    words = [w for w in words if len(w) >= 4]
    assert len(words) > 30
    for word in words + ["ceasfire", "cairro", "negotations"]:
        for maxdist in (1, 2):
            assert suggest.terms_near(reader, "body", word, maxdist, 2) == \
                scanned(reader, "body", word, maxdist)
    assert suggest.terms_near(reader, "body", "ceasfire", 1, 2)  # a typo finds its word
    assert suggest.terms_by_length(reader, "body", "ce") is \
        suggest.terms_by_length(reader, "body", "ce")  # read once per reader


@pytest.mark.parametrize("typed, suggestion", [
    # Read as "Ismail quoted saying Haniyeh" (nothing): offered as the person, quoted.
    ("speaker:Ismail Haniyeh", 'speaker:"Ismail Haniyeh"'),
    ("speaker:Ismail Haniyeh ceasefire", 'speaker:"Ismail Haniyeh" ceasefire'),
    ("speakers:Antony Blinken", 'speakers:"Antony Blinken"'),
    ("speaker:Ismail Cairo", None),  # no speaker is named so
    ("speaker:Haniyeh Ismail", None),  # nor in that order
])
def test_a_speaker_s_name_typed_without_quotation_marks_is_offered_quoted(client, typed,
                                                                          suggestion):
    answer = client.get("/search", query_string={"q": typed}).get_json()
    assert answer["total"] == 0 and answer["suggestion"] == suggestion
    if suggestion:
        assert client.get("/search", query_string={"q": suggestion}).get_json()["total"] == 1
