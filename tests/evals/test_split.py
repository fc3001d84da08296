"""The validation split of the development sets: fixed by name, a fifth, both copies together."""
import json

from evals.corpora import is_validation
from evals.run import split_gold


def test_a_page_and_its_text_copy_fall_on_the_same_side():
    for stem in ("dw.com.colonial", "politics-025", "5c1452701e67d78e276ee126"):
        assert is_validation(f"html/{stem}.html") == is_validation(f"text/{stem}.txt")


def test_about_a_fifth_of_names_are_kept_for_validation():
    kept = sum(is_validation(f"text/page-{n}.txt") for n in range(2000))
    assert 340 < kept < 460


def test_split_gold_writes_both_parts_and_loses_no_line(tmp_path):
    lines = [json.dumps({"file": f"text/p{n}.txt", "speakers": []}) for n in range(50)]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    parts = split_gold(gold, tmp_path / "out" / "set.jsonl")
    dev = parts["development"].read_text().splitlines()
    val = parts["validation"].read_text().splitlines()
    assert sorted(dev + val) == sorted(lines)
    assert all(is_validation(json.loads(line)["file"]) for line in val)
    assert not any(is_validation(json.loads(line)["file"]) for line in dev)


def test_long_query_collections_have_queries_on_both_sides():
    from evals.relevance import split_of

    for collection, queries in (("cisi", 76), ("medline", 30)):
        sides = [split_of(collection, str(n)) for n in range(1, queries + 1)]
        assert queries / 4 < sides.count("validation") < 3 * queries / 4
    npl = [split_of("npl", str(n)) for n in range(1, 94)]
    assert 10 < npl.count("validation") < 40


def test_a_part_where_nobody_is_quoted_and_none_is_found_has_no_speaker_figure():
    from evals.report import _figure

    nobody = {"speakers": {"f1": 0.0, "precision": 0.0, "recall": 0.0}, "speakers_nothing_to_find": True}
    all_wrong = {"speakers": {"f1": 0.0, "precision": 0.0, "recall": 0.0}, "speakers_nothing_to_find": False}
    assert _figure(nobody, "speakers.f1", 0.85) == "- (nobody quoted, none found)"
    assert _figure(all_wrong, "speakers.f1", 0.85).startswith("0.000 ❌")
