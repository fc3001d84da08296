"""The learned headline chooser: each candidate's features, the trained file, and when the
model's pick replaces the rules' pick."""
from __future__ import annotations

import json

import pytest

from search.extract.textdump.hardwrap import unwrap
from search.extract.textdump.headline import find_title, scored_candidates
from search.extract.textdump.headline_model import (FEATURES, MODEL_PATH, candidate_features,
                                                    choose, choose_title, load_model,
                                                    model_from_json)
from search.extract.textdump.lines import classify
from search.extract.textdump.span import article_span

# Written for these tests: a masthead and a menu over an article's header and text.
DUMP = """Harbour Weekly
Home
News
Sport
Contact
New crane doubles the port's daily container traffic
By Mia Sorensen
March 4, 2024
The port authority said on Monday that the new crane would double its daily container traffic \
within a year. Officials expect the first ships to use it within a week.
Work on the crane began two years ago and cost less than planned, the authority said. Dock \
workers were trained over the winter to run it safely in strong wind.
"""


def parts(text: str = DUMP):
    lines = classify(unwrap(text))
    start, end = article_span(lines)
    prose, scored = scored_candidates(lines, start, end, text.splitlines())
    return lines, start, end, prose, scored


def named(row: list[float]) -> dict[str, float]:
    return dict(zip(FEATURES, row))


def test_each_candidate_gets_one_value_per_feature_in_the_rules_order():
    lines, start, _, prose, scored = parts()
    rows = candidate_features(lines, start, prose, scored, "Harbour Weekly")
    assert len(rows) == len(scored) >= 2
    assert all(len(row) == len(FEATURES) for row in rows)
    assert [named(row)["rules_score"] for row in rows] == [score for _, score in scored]
    assert sum(named(row)["rules_pick"] for row in rows) == 1


def test_features_tell_the_headline_from_the_masthead():
    lines, start, _, prose, scored = parts()
    rows = {lines[i].text: named(row) for (i, _), row in
            zip(scored, candidate_features(lines, start, prose, scored, "Harbour Weekly"))}
    headline, masthead = rows["New crane doubles the port's daily container traffic"], \
        rows["Harbour Weekly"]
    assert headline["rules_pick"] == 1.0 and headline["score_gap"] == 0.0
    # five of the headline's six words recur in the lede ("doubles" does not), none of the site's
    assert headline["lede_share"] == 5 / 6 and masthead["lede_share"] == 0.0
    assert masthead["site_share"] == 1.0 and headline["site_share"] == 0.0
    assert headline["date_under"] == 2.0  # the byline, then the date
    assert masthead["from_top"] == 0.0 and headline["to_prose"] == prose - 5


def model_file(tmp_path, stumps: list[list[float]], margin: float) -> object:
    path = tmp_path / "headline_model.json"
    path.write_text(json.dumps({"features": list(FEATURES), "margin": margin, "base": 0.0,
                                "stumps": stumps}), encoding="utf-8")
    return path


def test_the_model_replaces_the_rules_pick_only_by_its_margin(tmp_path):
    site = FEATURES.index("site_share")
    # a model that (wrongly) likes the site's name: log-odds 2 for it, 0 for the headline
    stumps = [[site, 0.5, 0.0, 2.0]]
    lines, start, end, _, _ = parts()
    rules = find_title(lines, start, end)
    assert rules[0] == "New crane doubles the port's daily container traffic"
    sure = choose_title(lines, start, end, site="Harbour Weekly",
                        path=model_file(tmp_path, stumps, 1.5))
    assert sure == ("Harbour Weekly", 0)
    load_model.cache_clear()
    unsure = choose_title(lines, start, end, site="Harbour Weekly",
                          path=model_file(tmp_path, stumps, 2.5))
    assert unsure == rules
    load_model.cache_clear()


def test_without_a_model_file_the_rules_pick_stands(tmp_path):
    lines, start, end, _, _ = parts()
    assert load_model(tmp_path / "none.json") is None
    assert choose_title(lines, start, end, path=tmp_path / "none.json") == \
        find_title(lines, start, end)


def test_choose_takes_the_first_of_equally_likely_candidates():
    model = model_from_json({"features": list(FEATURES), "margin": 0.0, "base": 0.0,
                             "stumps": []})
    rows = [[0.0] * len(FEATURES) for _ in range(3)]
    rows[2][FEATURES.index("rules_pick")] = 1.0
    assert choose(rows, model) == 0


def test_a_file_trained_on_other_features_is_refused():
    with pytest.raises(ValueError, match="make train"):
        model_from_json({"features": ["other"], "margin": 0.0, "base": 0.0, "stumps": []})


def test_the_shipped_model_loads_with_todays_features():
    model = load_model(MODEL_PATH)
    assert model is not None and model.stumps
    assert all(0 <= j < len(FEATURES) for j, *_ in model.stumps)
