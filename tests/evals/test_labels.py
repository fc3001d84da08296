"""Labels made here join the shared gold of their pages without overriding it."""
import json

import pytest

from evals import labels
from evals.run import split_gold


def _write(folder, name, entries):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.jsonl").write_text(
        "".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")


def test_a_label_reaches_the_html_and_text_copies_of_its_page(tmp_path):
    _write(tmp_path / "labels", "l3s-html", [{"page": "abc", "speakers": ["Ann Lee"]}])
    found = labels.load("l3s-html", tmp_path / "labels")
    assert labels.merge({"file": "html/abc.html"}, found)["speakers"] == ["Ann Lee"]
    assert labels.merge({"file": "text/abc.txt"}, found)["speakers"] == ["Ann Lee"]
    assert "speakers" not in labels.merge({"file": "text/abd.txt"}, found)


def test_the_shared_gold_wins_over_a_label():
    merged = labels.merge({"file": "text/x.txt", "title": "Shared"}, {"x": {"title": "Ours",
                                                                          "date": "2008-01-02"}})
    assert merged == {"file": "text/x.txt", "title": "Shared", "date": "2008-01-02"}


def test_a_set_without_labels_gets_none_and_a_repeated_page_is_an_error(tmp_path):
    assert labels.load("nothing-here", tmp_path) == {}
    _write(tmp_path, "twice", [{"page": "a", "title": "A"}, {"page": "a", "title": "B"}])
    with pytest.raises(ValueError, match="twice.jsonl:2"):
        labels.load("twice", tmp_path)


def test_split_gold_adds_labels_to_both_parts(tmp_path):
    lines = [json.dumps({"file": f"text/p{n}.txt"}) for n in range(30)]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    extra = {f"p{n}": {"title": f"T{n}"} for n in range(30)}
    parts = split_gold(gold, tmp_path / "set.jsonl", extra)
    got = [json.loads(line) for part in parts.values() for line in part.read_text().splitlines()]
    assert sorted(p["title"] for p in got) == sorted(f"T{n}" for n in range(30))


def test_a_set_labelled_here_alone_is_laid_out_as_a_set_folder(tmp_path):
    corpus = tmp_path / "cache" / "bbc-news"
    for topic, number, text in (("sport", "007", "Win\n\nA said."), ("tech", "007", "Chip\n\nB.")):
        (corpus / topic).mkdir(parents=True, exist_ok=True)
        (corpus / topic / f"{number}.txt").write_text(text, encoding="utf-8")
    _write(tmp_path / "labels", "bbc-news", [
        {"page": "tech-007", "speakers": [], "speakers_optional": []},
        {"page": "sport-007", "speakers": ["Ann Lee"], "speakers_optional": ["Lee"]}])
    folder = labels.label_only_set("bbc-news", tmp_path / "cache", tmp_path / "out",
                                   tmp_path / "labels")
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text().splitlines()]
    assert gold == [
        {"file": "text/sport-007.txt", "speakers": ["Ann Lee"], "speakers_optional": ["Lee"]},
        {"file": "text/tech-007.txt", "speakers": [], "speakers_optional": []}]
    # Same number, two topics: two pages, each the text of its own topic's file.
    assert (folder / "text" / "sport-007.txt").read_text() == "Win\n\nA said."
    assert (folder / "text" / "tech-007.txt").read_text() == "Chip\n\nB."


def test_a_reuters_story_is_labelled_by_its_newid_and_laid_out_as_the_archive_dumps_it(tmp_path):
    sgml = tmp_path / "cache" / "reuters21578"
    sgml.mkdir(parents=True)
    stories = [(5, "PLANT OUTPUT FALLS", "Output fell, the company said."),
               (17, "MINISTER SEES GROWTH", 'Growth will pick up, "no doubt," Ann Lee said.')]
    (sgml / "reut2-000.sgm").write_text("".join(
        f'<REUTERS TOPICS="NO" NEWID="{newid}">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n'
        f"<TEXT>\n<TITLE>{title}</TITLE>\n<DATELINE>    PARIS, Feb 26 - </DATELINE>"
        f"<BODY>{body}\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
        for newid, title, body in stories), encoding="latin-1")
    _write(tmp_path / "labels", "reuters", [
        {"page": "00017", "speakers": ["Ann Lee"], "speakers_optional": []}])
    folder = labels.label_only_set("reuters", tmp_path / "cache", tmp_path / "out",
                                   tmp_path / "labels")
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text().splitlines()]
    assert gold == [{"file": "text/00017.txt", "speakers": ["Ann Lee"], "speakers_optional": []}]
    assert sorted(p.name for p in (folder / "text").iterdir()) == ["00017.txt"]
    text = (folder / "text" / "00017.txt").read_text(encoding="utf-8")
    assert text.startswith("Minister Sees Growth\n\nFebruary 26, 1987\n\nPARIS, Feb 26 - Growth")
    assert "Output fell" not in text and "Reuter" not in text
