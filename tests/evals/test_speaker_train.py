"""Training the speaker filter: labels, the same bytes every run, and a file the library reads."""
from __future__ import annotations

import numpy as np

from evals import speaker_train
from search.extract.speakers.confidence import FEATURES, load_model, model_from_json


class ExactScorer:
    """A stand-in for the shared scorer: a predicted name matches a gold name spelled alike."""

    @staticmethod
    def name_key(name: str) -> tuple[str, str]:
        return ("", name)

    @staticmethod
    def same_person(a: tuple[str, str], b: tuple[str, str]) -> bool:
        return a == b

    @staticmethod
    def speaker_counts(gold: list[str], optional: list[str], pred: list[str]) -> tuple:
        tp = sum(1 for name in gold if name in pred)
        fp = sum(1 for name in pred if name not in gold and name not in optional)
        return tp, fp, len(gold) - tp


BODY = ('"We lost," Ann Lowe said. Carla Brandt told reporters the team would return. '
        '"Next year," said Tom Reyes.')


def test_a_speaker_is_right_wrong_or_left_out_when_only_optional():
    found = speaker_train.page_examples(BODY, ["Ann Lowe"], ["Tom Reyes"], ExactScorer())
    assert {e["speaker"]: e["y"] for e in found} == {
        "Ann Lowe": 1, "Carla Brandt": 0, "Tom Reyes": None}
    assert all(len(e["x"]) == len(FEATURES) for e in found)


def tiny_pages() -> list[dict]:
    """Two hundred pages of two speakers each: the right one often quoted, the wrong one through a
    pronoun; a few pages where it goes the other way, so the fit is no perfect split."""
    rng = np.random.default_rng(7)
    pages = []
    for n in range(200):
        examples = []
        for name, right in (("Right Person", n % 30 != 0), ("Wrong Person", n % 11 == 0)):
            x = rng.random(len(FEATURES)).round(3)
            x[FEATURES.index("pronoun_share")] = 0.0 if name == "Right Person" else 1.0
            examples.append({"speaker": f"{name} {n}", "x": list(x), "y": int(right)})
        gold = [e["speaker"] for e in examples if e["y"]]
        pages.append({"set": "tiny", "file": f"text/page-{n}.txt", "gold": gold,
                      "optional": [], "examples": examples})
    return pages


def test_training_writes_the_same_bytes_every_run_and_the_library_loads_them(tmp_path):
    text, report = speaker_train.train(tiny_pages(), ExactScorer(), rounds=20)
    again, _ = speaker_train.train(tiny_pages(), ExactScorer(), rounds=20)
    assert text == again
    path = tmp_path / "model.json"
    path.write_text(text, encoding="utf-8")
    model = load_model(path)
    assert model is not None and model.threshold == report["threshold"]
    assert len(model.stumps) == 20
    # the pronoun is what tells the wrong speakers on these pages
    assert FEATURES.index("pronoun_share") in {j for j, *_ in model.stumps}


def test_the_library_gives_the_probabilities_the_threshold_was_chosen_with():
    pages = tiny_pages()
    x, y = speaker_train.matrix(pages)
    fitted = speaker_train.fit(x, y, 15, speaker_train.MIN_LEAF)
    model = model_from_json({"features": list(FEATURES), "threshold": 0.5, **fitted})
    expected = speaker_train.probabilities(fitted, x)
    assert np.allclose([model.probability(list(row)) for row in x], expected)
    assert expected[y == 1].mean() > expected[y == 0].mean()


def test_the_threshold_keeps_the_best_f1_with_precision_enough():
    pages = tiny_pages()
    speaker_train.cross_validate(pages, rounds=20)
    threshold = speaker_train.best_threshold(pages, ExactScorer())
    best = speaker_train.scores(*speaker_train.counts(pages, ExactScorer(), threshold)["all"])
    assert best[0] >= speaker_train.MIN_PRECISION
    for other in speaker_train.THRESHOLDS:
        p, _, f1 = speaker_train.scores(*speaker_train.counts(pages, ExactScorer(), other)["all"])
        assert p < speaker_train.MIN_PRECISION or f1 <= best[2] + 1e-12


def test_both_copies_of_a_page_fall_in_one_fold():
    assert speaker_train.fold_of("html/abc.html") == speaker_train.fold_of("text/abc.txt")
    assert len({speaker_train.fold_of(f"text/p{n}.txt") for n in range(100)}) == \
        speaker_train.FOLDS
