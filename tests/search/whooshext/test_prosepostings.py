"""A prose field's postings gathered as arrays are the ones the filter chain gives, term by term,
document by document, with Whoosh's weights and encoded positions."""
from __future__ import annotations

import numpy as np
import pytest

from search.index.schema import build_schema, index_positions, stem_of_twin
from search.whooshext.prosepostings import (FieldPostings, ProseField, encode_positions,
                                            encode_values, stable_order)

# Values with what moves positions: stopwords first and between words, compounds whose parts
# push the words after them, possessives, dotted names, accents, repeats, nothing kept at all.
VALUES = [
    "The cease-fire held; the ceasefire talks, talks and more talks went on.",
    "",
    "the of and",
    "Netanyahu's twisted.web e-mail U.S. policy: running, runs, ran.",
    "Café crème brûlée at the café, naïve résumé",
    "a " * 30 + "word after many stopwords",
    "Rock-and-roll's rock-n-roll x-ray X-Men re-re-entry",
]


def expected_postings(values: list[str], boosts: list[float], format_boost: float) -> list:
    """What the pool got from `index_positions`: per term in byte order, per document."""
    analyzer = build_schema()["body"].analyzer
    terms: dict[bytes, list] = {}
    for docnum, (value, boost) in enumerate(zip(values, boosts)):
        for term, positions in index_positions(analyzer, value).items():
            weight = float(len(positions)) * format_boost * boost
            terms.setdefault(term.encode("utf-8"), []).append(
                (docnum, weight, encode_positions(positions)))
    return [(term, *map(list, zip(*terms[term]))) for term in sorted(terms)]


@pytest.mark.parametrize("format_boost", [1.0, 0.2])
def test_postings_are_the_filter_chains(format_boost):
    analyzer = build_schema()["body"].analyzer
    boosts = [1.0, 2.5, 1.0, 0.5, 1.0, 3.0, 1.0]
    field = ProseField(analyzer, format_boost)
    lengths = [field.add(docnum, value, boost)
               for docnum, (value, boost) in enumerate(zip(VALUES, boosts))]
    assert lengths == [sum(map(len, index_positions(analyzer, v).values())) for v in VALUES]
    assert lengths[1] == lengths[2] == 0 and lengths[0] > 10
    found = [(term.encode("utf-8"), ids, weights, values)
             for term, ids, weights, values in field.postings().items()]
    assert found == expected_postings(VALUES, boosts, format_boost)
    assert (b"ceasefir", [0], [2.0 * format_boost], [encode_positions([1, 4])]) in found


def test_documents_with_no_words_kept_give_no_postings():
    field = ProseField(build_schema()["body"].analyzer, 1.0)
    assert field.add(0, "the and of", 1.0) == 0
    assert list(field.postings().items()) == []


@pytest.mark.parametrize("positions", [
    [0], [3], [255], [256], [65535], [65536], [2, 9, 40], [70000, 70001], [0, 300, 70000],
    list(range(1000)), list(range(1001)), list(range(0, 6000, 3)),
])
def test_positions_are_encoded_as_whooshs_format(positions):
    schema = build_schema()
    assert encode_positions(positions) == schema["body"].format.encode(positions)
    # The same positions of one word, as the field encodes them all at once.
    field = ProseField(schema["body"].analyzer, 1.0)
    words = ["filler"] * (positions[-1] + 1)
    for at in positions:
        words[at] = "word"
    field.add(0, " ".join(words), 1.0)
    by_term = {term: values for term, _, _, values in field.postings().items()}
    assert by_term["word"] == [schema["body"].format.encode(positions)]


@pytest.mark.parametrize("stem_docs, stem_values, twin", [
    ([3, 9], [b"ab", b"cd"], True),
    ([3, 8], [b"ab", b"cd"], False),  # another document
    ([3, 9], [b"ab", b"ce"], False),  # another value of the same size
    ([3, 9], [b"ab", b"cde"], False),  # a longer value
    ([3], [b"ab"], False),  # fewer documents
    ([3, 9, 12], [b"ab", b"cd", b"ef"], False),  # more documents
])
def test_a_twin_has_its_stems_documents_and_values(stem_docs, stem_values, twin):
    values = [b"ab", b"cd"] + stem_values
    ends = np.cumsum([len(value) for value in values])
    postings = FieldPostings(["=running", stem_of_twin("=running")], [0, 2],
                             np.array([3, 9] + stem_docs), np.ones(len(values)),
                             b"".join(values), ends - [len(value) for value in values], ends,
                             (np.array([0]), np.array([1])))
    assert postings.twins() == ({0: 1} if twin else {})


def test_twin_candidates_are_each_marked_form_with_its_stem_sorting_after_it():
    # Every marked form of the values paired with its stem where the stem sorts after it (not
    # "1990" before "=1990s"), once, whatever the number of words that expand to it.
    values = VALUES + ["Running runs RUNNING 1990s 3rd talks running", "e-mails e-mail"]
    field = ProseField(build_schema()["body"].analyzer, 1.0)
    for docnum, value in enumerate(values):
        field.add(docnum, value, 1.0)
    postings = field.postings()
    terms = postings.terms
    expected = [(i, terms.index(stem_of_twin(term))) for i, term in enumerate(terms)
                if term.startswith("=") and stem_of_twin(term) > term]
    forms, stems = postings.twin_candidates
    assert list(zip(forms.tolist(), stems.tolist())) == expected
    assert {"=running", "=talks", "=emails", "=mails"} <= {terms[i] for i, _ in expected}
    assert any(term.startswith("=") and stem_of_twin(term) < term for term in terms)


def test_values_of_one_small_position_and_the_others_are_each_whooshs():
    # One position under 256 (a pattern but for a byte) mixed with one at 256 and over,
    # several positions, and a list pickle appends in batches.
    lists = [[0], [255], [256], [3, 9], [7], [70000], [1], list(range(1001)), [254], [2, 300]]
    deltas = np.array([d for p in lists for d in [p[0]] + [b - a for a, b in zip(p, p[1:])]])
    freqs = np.array([len(p) for p in lists])
    data, starts, ends = encode_values(np.cumsum(freqs) - freqs, freqs, deltas)
    assert [data[a:b] for a, b in zip(starts, ends)] == [encode_positions(p) for p in lists]
    data, starts, ends = encode_values(np.array([0]), np.array([1]), np.array([5]))
    assert data[starts[0]:ends[0]] == data == encode_positions([5])  # all of that pattern


@pytest.mark.parametrize("top", [3, 65536, 65537, 300_000])
def test_the_stable_order_of_term_numbers_is_numpys(top):
    numbers = np.random.default_rng(top).integers(0, top, 5000).astype(np.int32)
    assert stable_order(numbers).tolist() == np.argsort(numbers, kind="stable").tolist()
