"""The benchmark's archives: the mixed default and the Usenet-only archive issue 21 is judged on."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench import archive
from bench.report import header, method
from bench.run import build_parser, report_path

POST = "From: a@b.example\nSubject: {subject}\nNewsgroups: {group}\n\nBody of post {n}.\n"


@pytest.fixture
def corpora(tmp_path: Path) -> Path:
    """Return a folder laid out as the unpacked corpora: 12 Usenet posts and 3 BBC articles."""
    root = tmp_path / "corpora"
    for n in range(12):
        group = ("sci.crypt", "rec.autos")[n % 2]
        post = root / "20_newsgroups" / group / str(1000 + n)
        post.parent.mkdir(parents=True, exist_ok=True)
        post.write_text(POST.format(subject=f"post {n}", group=group, n=n), encoding="utf-8")
    for n in range(3):
        story = root / "bbc-news" / "business" / f"{n:03d}.txt"
        story.parent.mkdir(parents=True, exist_ok=True)
        story.write_text(f"Headline {n}\n\nStory {n}.\n", encoding="utf-8")
    return root


def test_usenet_archive_holds_every_post_and_nothing_else(corpora: Path) -> None:
    items = archive.pick(archive.all_items(corpora, "usenet"), 50_000)
    assert len(items) == 12
    assert all(item.rel.startswith("usenet/") for item in items)
    mixed = archive.pick(archive.all_items(corpora, "mixed"), 50_000)
    assert len(mixed) == 15
    assert {item.rel.split("/")[0] for item in mixed} == {"usenet", "bbc"}


def test_smaller_usenet_archive_is_a_prefix_of_the_same_shuffle(corpora: Path) -> None:
    whole = archive.pick(archive.all_items(corpora, "usenet"), 50_000)
    part = archive.pick(archive.all_items(corpora, "usenet"), 5)
    assert [item.rel for item in part] == [item.rel for item in whole[:5]]
    assert [item.rel for item in whole] != sorted(item.rel for item in whole)  # shuffled


def test_each_archive_has_its_own_folder_and_the_mixed_one_keeps_its_name() -> None:
    assert archive.folder_name("mixed", 5000) == "seeds-5000"
    assert archive.folder_name("usenet", 19_997) == "usenet-19997"


def test_command_line_takes_the_archive_and_keeps_the_mixed_one_by_default() -> None:
    parser = build_parser()
    assert parser.parse_args([]).archive == "mixed"
    args = parser.parse_args(["--archive", "usenet", "--sizes", "one"])
    assert (args.archive, args.sizes) == ("usenet", "one")
    with pytest.raises(SystemExit):
        parser.parse_args(["--archive", "reuters"])


def test_report_names_its_archive() -> None:
    meta = {"date": "2026-12-07 09:00 UTC", "commit": "abc1234 x", "cores": 2, "cpu": "cpu",
            "python": "3.11", "whoosh": "2.7.4", "sqlite": "3.40", "rounds": 1,
            "archive": "usenet"}
    figures = {"http": None, "files": 19_997, "documents": 19_997}
    assert "- Archive: Usenet only (20 Newsgroups), `--archive usenet`" in header(meta, figures)
    assert any("`--archive usenet`" in line and "19,997 posts" in line
               for line in method("usenet"))
    del meta["archive"]  # the results of runs before the option name no archive: the mixed one
    assert any("mixed (Usenet, Reuters, BBC, pipermail)" in line
               for line in header(meta, figures))


def test_incremental_round_changes_a_bbc_article_or_else_the_first_post(tmp_path: Path) -> None:
    from bench.indexing import first_file, touch_one

    seeds = tmp_path / "seeds"
    for rel in ("usenet/sci.crypt/1001", "usenet/rec.autos/1002", "bbc/tech/002.txt",
                "bbc/business/001.txt"):
        (seeds / rel).parent.mkdir(parents=True, exist_ok=True)
        (seeds / rel).write_text(f"{rel}\n", encoding="utf-8")
    (seeds / ".complete").write_text("4\n", encoding="utf-8")
    assert first_file(seeds) == seeds / "bbc/business/001.txt"
    for article in (seeds / "bbc").rglob("*.txt"):
        article.unlink()
    assert touch_one(seeds, 3) == seeds / "usenet/rec.autos/1002"
    assert (seeds / "usenet/rec.autos/1002").read_text().startswith("usenet/rec.autos/1002\n")
    assert "Benchmark edit 3" in (seeds / "usenet/rec.autos/1002").read_text()


@pytest.mark.parametrize("argv, report", [
    ([], "docs/performance.md"),
    (["--archive", "usenet"], "docs/performance-usenet.md"),
    (["--archive", "usenet", "--report", "elsewhere.md"], "elsewhere.md"),
    (["--quick"], ".cache/bench/performance-quick.md"),
    (["--quick", "--archive", "usenet"], ".cache/bench/performance-quick.md"),
])
def test_each_archive_has_its_report_and_a_quick_run_writes_over_neither(argv, report) -> None:
    assert report_path(build_parser().parse_args(argv)) == Path(report)
