"""The speaker filter: each speaker's features, the trained file, and keeping or dropping quotes."""
from __future__ import annotations

import json
import math

import pytest

from search.extract.speakers.attribution import attributed_quotes, extract_quotes, extract_speakers
from search.extract.speakers.confidence import (
    FEATURES, MODEL_PATH, confident_quotes, load_model, model_from_json, speaker_features,
)

# Written for these tests: a named speaker quoted directly, and one reached only through "she".
BODY = (
    'Mayor Ann Lowe opened the new bridge on Monday. "It took us ten years," Ann Lowe said.\n'
    "Carla Brandt, an engineer who worked on it, watched from the bank. She said the steel had "
    "come from three countries.\n"
    '"We will open a second one," Lowe added.'
)


def features_of(body: str) -> dict[str, dict[str, float]]:
    quotes, doc = attributed_quotes(body)
    return {name: dict(zip(FEATURES, values))
            for name, values in speaker_features(quotes, doc).items()}


def test_each_speaker_gets_one_value_per_feature_under_the_name_it_is_listed_by():
    quotes, doc = attributed_quotes(BODY)
    found = speaker_features(quotes, doc)
    assert sorted(found) == sorted(extract_speakers(quotes)) == ["Ann Lowe", "Carla Brandt"]
    assert all(len(values) == len(FEATURES) for values in found.values())


def test_features_tell_how_a_speaker_was_attributed():
    found = features_of(BODY)
    lowe, brandt = found["Ann Lowe"], found["Carla Brandt"]
    assert lowe["direct_share"] == 1.0 and brandt["direct_share"] == 0.0
    assert lowe["pronoun_share"] == 0.0 and brandt["pronoun_share"] == 1.0
    assert lowe["neutral_cue"] == 1.0  # "said" and "added"
    assert lowe["quotes"] > brandt["quotes"]  # two quotes against one
    assert lowe["titled"] == 1.0 and brandt["titled"] == 0.0  # "Mayor Ann Lowe"
    assert brandt["apposition"] == 1.0  # "Carla Brandt, an engineer"
    assert lowe["first_at"] < brandt["first_at"]


def test_a_body_without_quotes_has_no_features():
    quotes, doc = attributed_quotes("The bridge opened on Monday.")
    assert speaker_features(quotes, doc) == {}


def pronoun_model(folder, threshold: float = 0.5):
    """Write a model by hand, in the trained file's form: a speaker reached through pronouns
    alone is doubted. Return its path."""
    path = folder / f"pronoun-{threshold}.json"
    path.write_text(json.dumps({
        "features": list(FEATURES), "base": 0.0, "threshold": threshold,
        "stumps": [[FEATURES.index("pronoun_share"), 0.5, 3.0, -3.0]],
    }), encoding="utf-8")
    return path


def test_the_filter_drops_every_quote_of_a_doubted_speaker_and_keeps_the_others(tmp_path):
    quotes, doc = attributed_quotes(BODY)
    kept = confident_quotes(quotes, doc, pronoun_model(tmp_path))
    assert extract_speakers(kept) == ["Ann Lowe"]
    assert [q for q in quotes if q.speaker in ("Ann Lowe", "Lowe")] == kept


def test_a_threshold_of_nothing_keeps_every_quote(tmp_path):
    quotes, doc = attributed_quotes(BODY)
    assert confident_quotes(quotes, doc, pronoun_model(tmp_path, threshold=0.0)) == quotes


def test_a_loaded_model_sums_its_stumps_per_feature_as_the_stumps_do():
    stumps = [[0, 1.0, 0.5, -0.5], [0, 3.0, 0.25, -1.0], [2, 0.0, -2.0, 1.0]]
    model = model_from_json({"features": list(FEATURES), "base": 0.1, "threshold": 0.5,
                             "stumps": stumps})
    for head in ([0.0, 9, -1], [1.0, 9, 0.0], [2.0, 9, 0.5], [3.0, 9, 7], [4.0, 9, 7]):
        values = head + [0.0] * (len(FEATURES) - 3)
        z = 0.1 + sum(low if values[j] <= cut else high for j, cut, low, high in stumps)
        assert model.probability(values) == pytest.approx(1 / (1 + math.exp(-z)))


def test_the_shipped_model_loads_with_todays_features():
    model = load_model()
    assert model is not None and 0.0 < model.threshold < 1.0
    assert model.stumps and all(0 <= j < len(FEATURES) for j, *_ in model.stumps)
    assert 0.0 < model.probability([0.0] * len(FEATURES)) < 1.0


def test_a_model_of_other_features_is_refused():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="make train"):
        model_from_json(data)


def test_no_model_file_keeps_every_speaker(tmp_path):
    assert load_model(tmp_path / "none.json") is None
    quotes, doc = attributed_quotes(BODY)
    assert len(extract_speakers(quotes)) == 2
    assert confident_quotes(quotes, doc, tmp_path / "none.json") == quotes


def test_extraction_is_the_rules_output_with_the_filter_off():
    assert extract_quotes(BODY) == attributed_quotes(BODY)[0]
