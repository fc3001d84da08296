"""Training the headline chooser: labels, the margin chosen out of fold, the same bytes every
run, and a file the library reads with the log-odds it was trained with."""
from __future__ import annotations

import numpy as np

from evals import title_train
from search.extract.textdump.headline_model import FEATURES, load_model

# Written for these tests: a masthead and a menu over an article's header and text.
DUMP = """Harbour Weekly
Home
News
Contact
New crane doubles the port's daily container traffic
By Mia Sorensen
March 4, 2024
The harbour authority said on Monday that the new crane would double the number of containers \
the port can handle each day. Officials expect the first ships to use it within a week.
"""


def fold(text: str | None) -> str:
    """A stand-in for the scorer's folding: case and spaces."""
    return " ".join((text or "").casefold().split())


def test_a_candidate_is_right_when_its_title_is_gold_after_folding():
    page = title_train.page_examples(DUMP, {fold("NEW CRANE doubles the port's daily container "
                                                 "traffic")}, fold)
    assert sum(page["y"]) == 1 and page["y"] == page["pick"]
    assert all(len(row) == len(FEATURES) for row in page["x"])
    missed = title_train.page_examples(DUMP, {"harbour weekly"}, fold)
    assert missed["y"] != missed["pick"] and sum(missed["y"]) == 1


def tiny_pages() -> list[dict]:
    """Two hundred pages of three candidates: the rules pick the first, the gold is the one whose
    words recur in the lede, the first on most pages but the second on every fourth."""
    rng = np.random.default_rng(3)
    pages = []
    lede = FEATURES.index("lede_share")
    for n in range(200):
        gold = 1 if n % 4 == 0 else 0
        x = rng.random((3, len(FEATURES))).round(3)
        x[:, FEATURES.index("rules_pick")] = [1.0, 0.0, 0.0]
        x[:, lede] = 0.1
        x[gold, lede] = 0.9
        pages.append({"set": "tiny", "file": f"text/page-{n}.txt", "x": x.tolist(),
                      "y": [int(k == gold) for k in range(3)], "pick": [1, 0, 0]})
    return pages


def test_out_of_fold_the_model_turns_the_rules_misses_right_and_loses_none():
    pages = tiny_pages()
    title_train.cross_validate(pages, rounds=30, min_leaf=10)
    margin = title_train.best_margin(pages)
    assert title_train.accuracy(pages, None)["all"] == [150, 200]
    assert title_train.accuracy(pages, margin)["all"] == [200, 200]
    assert title_train.flips(pages, margin) == (50, 0)
    # a margin no candidate reaches leaves the rules' picks
    assert title_train.accuracy(pages, 1e9)["all"] == [150, 200]


def test_training_writes_the_same_bytes_and_the_library_scores_as_training_did(tmp_path):
    pages = tiny_pages()
    fitted = title_train.fit(*title_train.matrix(pages), 30, 10)
    text = title_train.model_json(fitted, 0.5, pages)
    again = title_train.model_json(title_train.fit(*title_train.matrix(pages), 30, 10), 0.5, pages)
    assert text == again
    path = tmp_path / "model.json"
    path.write_text(text, encoding="utf-8")
    model = load_model(path)
    assert model is not None and model.margin == 0.5 and len(model.stumps) == 30
    x, _ = title_train.matrix(pages)
    p = title_train.probabilities(fitted, x)
    assert np.allclose(model.log_odds(x.tolist()), np.log(p / (1 - p)))


def test_a_held_out_set_is_scored_by_a_model_that_never_saw_its_pages_or_their_copies():
    pages = []
    for k, name in enumerate(title_train.HELD_OUT_SETS):
        for page in tiny_pages()[k * 50:(k + 1) * 50]:
            pages.append({**page, "set": name})
    pages[-1]["file"] = pages[0]["file"]  # one page in two sets, as htmldate and trafilatura
    first, last = title_train.HELD_OUT_SETS[0], title_train.HELD_OUT_SETS[-1]
    train = title_train.training_pages(pages, first)
    assert len(train) == 149 and all(p["set"] != first for p in train)
    assert pages[-1] not in train and pages[-2] in train
    assert len(title_train.training_pages(pages, last)) == 149
    found = title_train.held_out_sets(pages, rounds=30, min_leaf=10)
    # the rules miss every fourth page; the others' model learned what turns them right
    for name, (rules, model, n, _) in found.items():
        assert n == 50 and rules < model == 50, name
