"""Chinese and Japanese runs are indexed as pairs of characters and found by their words."""
from __future__ import annotations

import re

import pytest

from search.documents import Document
from search.engine.search import SearchEngine
from search.index.wordparts import BESIDE, cjk_pieces
from search.index.schema import index_positions, text_analyzer
from search.query.request import SearchRequest


def test_a_run_becomes_its_pairs_and_other_characters_stay_whole():
    assert cjk_pieces("老茶馆") == [(0, "老茶"), (1, "茶馆")]
    assert cjk_pieces("NBA歷史") == [(0, "NBA"), (3, "歷史")]
    assert cjk_pieces("茶") == [(0, "茶")]
    assert cjk_pieces("岸田総理が") == [(0, "岸田"), (1, "田総"), (2, "総理"), (3, "理が")]


def test_each_character_of_a_run_goes_beside_the_pair_it_starts_when_indexing():
    assert cjk_pieces("老茶馆", singles=True) == [
        (0, "老茶"), (0, "老", BESIDE), (1, "茶馆"), (1, "茶", BESIDE), (2, "馆", BESIDE)]
    assert cjk_pieces("茶", singles=True) == [(0, "茶")]  # a lone one is already itself


def test_the_pairs_take_one_position_each_and_the_words_after_them_move_on():
    analyzer = text_analyzer()
    tokens = [(t.text, t.pos) for t in analyzer("茶馆开门 teahouse reopens", positions=True,
                                                mode="index")]
    assert tokens[:6] == [("茶馆", 0), ("茶", 0), ("馆开", 1), ("馆", 1), ("开门", 2), ("开", 2)]
    assert ("门", 2) in tokens  # the last character beside the last pair: nothing moves for it
    assert ("teahous", 3) in tokens and ("reopen", 4) in tokens
    # the fast indexing path gives the same terms at the same positions
    assert index_positions(analyzer, "茶馆开门 teahouse reopens") == {
        "茶馆": [0], "茶": [0], "馆开": [1], "馆": [1], "开门": [2], "开": [2], "门": [2],
        "teahous": [3], "=teahouse": [3], "reopen": [4], "=reopens": [4]}
    chars = [(t.text, t.startchar, t.endchar) for t in analyzer("老茶馆", positions=True,
                                                                chars=True, mode="index")]
    assert chars == [("老茶", 0, 2), ("老", 0, 1), ("茶馆", 1, 3), ("茶", 1, 2), ("馆", 2, 3)]
    # a query's run is its pairs alone: a phrase of them, as before
    assert [(t.text, t.pos) for t in analyzer("老茶馆", positions=True, mode="query")] == [
        ("老茶", 0), ("茶馆", 1)]


DOCS = [
    Document(id="tea", source="tea.txt", kind="text-dump", title="河边的老茶馆今年春天重新开门",
             body="本报讯 位于河边的老茶馆在关闭三年之后，于本周一重新开门营业。周末还有评书表演。"),
    Document(id="lib", source="lib.txt", kind="text-dump", title="图书馆延长开放时间",
             body="市图书馆从下月起延长开放时间，晚上十点闭馆。"),
    Document(id="jp", source="jp.txt", kind="text-dump", title="減税は6月ボーナスのタイミングで",
             body="岸田総理は先ほどから会見を行っています。"),
]


@pytest.fixture(scope="module")
def engine(open_index):
    return SearchEngine(open_index(DOCS))


@pytest.mark.parametrize("q, found", [
    ("茶馆", {"tea"}),            # a two-character word inside a sentence
    ("评书表演", {"tea"}),         # a longer word: the phrase of its pairs
    ("图书馆", {"lib"}),
    ("开放时间", {"lib"}),
    ("岸田総理", {"jp"}),
    ("茶馆 图书馆", {"tea", "lib"}),
    ("书表演出", set()),           # its pairs are not all there in a row
    ("茶", {"tea"}),              # a word of one character, inside a run
    ("馆", {"tea", "lib"}),        # the last character of a run
    ("総", {"jp"}),
])
def test_chinese_and_japanese_words_are_found(engine, q, found):
    hits = engine.search(SearchRequest(q=q, per_page=10))["hits"]
    assert {h["id"] for h in hits} == found


@pytest.mark.parametrize("q, marked", [
    ("茶馆", ["茶馆"]),          # inside a run, not at its start
    ("开门营业", ["开门营业"]),    # the pairs of a longer word, one mark
    ("评书", ["评书"]),
    ("茶", ["茶"]),              # a word of one character
])
def test_chinese_words_are_marked_where_they_stand(engine, q, marked):
    hit = engine.search(SearchRequest(q=q, per_page=10))["hits"][0]
    assert re.findall(r"<mark>(.*?)</mark>", " ".join(hit["snippets"])) == marked
