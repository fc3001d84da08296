"""The prose analyzer indexes exactly the terms and positions of its filter chain, faster.

Compared as indexing stores them: each term's positions in order (tokens of different terms may
come in another order).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from whoosh.analysis import CompositeAnalyzer

from search.index.schema import ProseAnalyzer, index_positions, text_analyzer

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def indexed(analyzer, text: str) -> dict[str, list[int]]:
    return grouped((t.text, t.pos)
                   for t in analyzer(text, positions=True, boosts=True, mode="index"))


def grouped(pairs) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for term, pos in pairs:
        found.setdefault(term, []).append(pos)
    return found


def chain_of(analyzer: ProseAnalyzer) -> CompositeAnalyzer:
    return CompositeAnalyzer(*analyzer.items)


@pytest.mark.parametrize("text, terms", [
    # A stopword first: kept words are numbered from the first one kept.
    ("the ceasefire talks", [("ceasefir", 1), ("=ceasefire", 1), ("talk", 2), ("=talks", 2)]),
    # A compound pushes what follows by its extra parts.
    ("cease-fire talks", [("ceasefir", 0), ("=ceasefire", 0), ("ceas", 0), ("=cease", 0),
                          ("fire", 1), ("talk", 2), ("=talks", 2)]),
    ("Netanyahu's twisted.web café", [("netanyahu", 0), ("twisted.web", 1), ("twist", 1),
                                      ("=twisted", 1), ("web", 2), ("cafe", 3)]),
    ("of the a", []),
    # A word again: its positions in order.
    ("talks, more talks", [("talk", 0), ("=talks", 0), ("more", 1), ("talk", 2),
                           ("=talks", 2)]),
])
def test_terms_and_positions_of_tricky_words(text, terms):
    analyzer = text_analyzer()
    assert indexed(analyzer, text) == grouped(terms)
    assert indexed(chain_of(analyzer), text) == grouped(terms)
    assert index_positions(analyzer, text) == grouped(terms)


@pytest.mark.parametrize("fixture", sorted(p.name for p in (FIXTURES / "textdump").glob("*.txt")))
def test_real_pages_index_as_the_chain_does(fixture):
    text = (FIXTURES / "textdump" / fixture).read_text(encoding="utf-8")
    analyzer = text_analyzer()
    assert indexed(analyzer, text) == indexed(chain_of(analyzer), text)


WORDS = st.sampled_from(["the", "a", "of", "cease-fire", "O'Brien's", "u.s", "twisted.web",
                         "x-ray", "a-b", "déjà-vu", "Talks", "talking", "I", "’s", "-", ".",
                         "1990s", "e-mail's", "ab.cd-ef", "naïve"])


@settings(max_examples=300, derandomize=True, deadline=None)  # a loaded CI machine
@given(st.lists(WORDS, max_size=12).map(" ".join))
def test_any_mix_of_stopwords_and_compounds_indexes_as_the_chain_does(text):
    analyzer = text_analyzer()
    assert indexed(analyzer, text) == indexed(chain_of(analyzer), text)


def test_queries_and_highlights_still_go_through_the_chain():
    analyzer = text_analyzer()
    text = "the cease-fire talks"
    for kwargs in ({"mode": "query"}, {"chars": True, "positions": True, "mode": "index"}):
        got = [(t.text, t.pos if t.positions else None) for t in analyzer(text, **kwargs)]
        want = [(t.text, t.pos if t.positions else None)
                for t in chain_of(analyzer)(text, **kwargs)]
        assert got == want


PLAIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                min_size=1, max_size=12)


@settings(max_examples=500, derandomize=True, deadline=None)
@given(st.one_of(PLAIN, st.sampled_from(["The", "a", "I", "running", "Cats", "1990", "US",
                                          "relational", "x1", "agreed"])))
def test_plain_words_expand_as_the_chain_does(word):
    analyzer = text_analyzer()
    want = tuple((t.text, t.pos) for t in chain_of(analyzer)(word, positions=True, mode="index"))
    assert analyzer.expand(word) == (want, 0)


COMPOUND = st.builds(
    lambda pieces, seps: "".join(piece + sep for piece, sep in zip(pieces, seps)) + pieces[-1],
    st.lists(st.one_of(PLAIN, st.sampled_from(["s", "the", "a", "re", "x", "and", "S", "1"])),
             min_size=2, max_size=4),
    st.lists(st.sampled_from("-.'"), min_size=3, max_size=3))


@settings(max_examples=1000, derandomize=True, deadline=None)
@given(st.one_of(COMPOUND, st.sampled_from([
    "cease-fire", "twisted.web", "O'Brien", "he's", "x's", "1.2871", "the-end", "Greenspan's",
    "e-mail's", "U.S", "and-the-or", "it's", "well-known", "a-b-c", "re-re-elected", "3.5bn"])))
def test_compound_words_expand_as_the_chain_does(word):
    analyzer = text_analyzer()
    want = tuple((t.text, t.pos) for t in chain_of(analyzer)(word, positions=True, mode="index"))
    assert analyzer.expand(word) == (want, max((rel for _, rel in want), default=0))


def test_a_chain_with_other_stopwords_is_run_not_assumed():
    from whoosh.analysis import StopFilter

    items = list(text_analyzer().items)
    items[2] = StopFilter(stoplist=["ceasefire"])
    analyzer = ProseAnalyzer(*items)
    assert analyzer.expand("ceasefire") == ((), 0)
    assert analyzer.expand("the")[0] == (("the", 0),)


def test_the_analyzer_pickles_without_what_it_derived():
    import pickle

    analyzer = text_analyzer()
    analyzer.expand("talks")  # derives the stoplist it checks plain words against
    index_positions(analyzer, "Ministers met in Geneva")  # remembers expansions
    assert "_chain" in analyzer.__dict__ and "expansions" in analyzer.__dict__
    copy = pickle.loads(pickle.dumps(analyzer))
    assert "_chain" not in copy.__dict__ and "expansions" not in copy.__dict__
    assert copy.expand("talks") == analyzer.expand("talks")


def test_expansions_keep_recurring_words_across_generations(monkeypatch):
    from search.index.schema import Expansions

    monkeypatch.setattr("search.index.schema.EXPANSIONS_KEPT", 2)
    expanded = []
    cache = Expansions(lambda word: expanded.append(word) or (((word, 0),), 0))
    for word in ["a", "b", "a", "c", "a", "d", "e", "a"]:
        assert (cache.recent.get(word) or cache.miss(word)) == (((word, 0),), 0)
    assert expanded == ["a", "b", "c", "d", "e"]  # "a" came back from the older generation


def test_chains_that_differ_do_not_share_expansions():
    from whoosh.analysis import StopFilter

    items = list(text_analyzer().items)
    items[2] = StopFilter(stoplist=["ceasefire"])
    assert "=ceasefire" in index_positions(text_analyzer(), "ceasefire talks")
    assert index_positions(ProseAnalyzer(*items), "ceasefire talks") == {"talk": [1],
                                                                          "=talks": [1]}


def test_the_prose_fields_are_the_fields_the_schema_analyses_as_prose():
    from search.index.schema import PROSE_FIELDS, ProseAnalyzer, build_schema
    analysed = {name for name, field in build_schema().items()
                if isinstance(getattr(field, "analyzer", None), ProseAnalyzer)}
    assert set(PROSE_FIELDS) == analysed == {"title", "body", "quoted", "quotes"}


def test_the_word_pattern_is_spelled_as_indexes_pickled_it_and_marks_join_the_same_characters():
    import re

    from search.engine.marks import JOINER
    from search.index.schema import SEPARATOR_CHARS, SEPARATORS, WORD_PATTERN
    # Old indexes pickle the tokenizer's pattern, and the fast chain compares it with this one.
    assert WORD_PATTERN == r"\w+(?:[-\u2010\u2011.'\u2019]\w+)*"
    assert [c for c in SEPARATOR_CHARS if SEPARATORS.fullmatch(c)] == list(SEPARATOR_CHARS)
    assert not SEPARATORS.search("a,b;c/d") and not re.fullmatch(JOINER, "/")
    assert all(re.fullmatch(JOINER, c) for c in SEPARATOR_CHARS)
    assert re.fullmatch(WORD_PATTERN, "cease\u2010fire") and not re.fullmatch(WORD_PATTERN, "a,b")
