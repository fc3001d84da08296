"""Hostile pages extract in bounded time with their article, and nothing is lost past a budget."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from search.engine.search import SearchEngine
from search.engine.searcher import IndexHandle
from search.extract.files import FILE_SECONDS_ENV, extract_file
from search.index.indexer import update_index
from search.query.request import SearchRequest
from tests.search.extract.hostile_pages import KINDS, MUST_KEEP, html_page, text_page

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SPORTS_PAGE = FIXTURES / "textdump" / "sports-page-with-long-menu-line.txt"
# The bound for one file, start-up included. Hostile pages are cleaned within it under
# the default budget; a reader made to hang gets a smaller budget, so that its page is still
# kept, as its plain text, within the bound.
SECONDS = 3.0
BUDGET = 1.5
ARCHIVE = [sys.executable, "-m", "search"]


@pytest.fixture
def budget(monkeypatch):
    monkeypatch.setenv(FILE_SECONDS_ENV, str(BUDGET))


@pytest.fixture
def default_budget(monkeypatch):
    monkeypatch.delenv(FILE_SECONDS_ENV, raising=False)


@pytest.mark.parametrize("suffix", [".txt", ".html"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_page_is_cleaned_within_the_bound(tmp_path, default_budget, kind, suffix):
    # The budget production runs with: each page must be cleaned, not saved by the fallback to
    # its plain text, and well within the bound (20,000 nav links once took 15 s).
    path = tmp_path / f"{kind}{suffix}"
    path.write_text((text_page if suffix == ".txt" else html_page)(kind), encoding="utf-8")
    # CPU time, as in the command-line test below: on a machine shared with other jobs the
    # wall clock measures the neighbours as much as the extractor.
    started = time.process_time()
    docs = extract_file(path)
    assert time.process_time() - started < SECONDS
    assert docs[0].uncleaned == ""
    assert MUST_KEEP in docs[0].body


def _cli_extract(*paths: Path, env: dict | None = None) -> tuple[subprocess.CompletedProcess,
                                                                  float]:
    """Run `archive-search extract --json`; return its outcome and the CPU seconds it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([*ARCHIVE, "extract", "--json", *map(str, paths)], capture_output=True,
                          text=True, timeout=60, env={**os.environ, **(env or {})})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return done, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@pytest.mark.parametrize("name", ["sports", "menu-pipe.txt", "menu-guillemet.html"])
def test_the_command_extracts_a_hostile_page_within_the_bound(tmp_path, name):
    # CPU time, start-up included: the wall clock of a machine shared by other jobs is no
    # measure of the code.
    if name == "sports":
        path = SPORTS_PAGE
    else:
        kind, suffix = name.rsplit(".", 1)
        path = tmp_path / name
        path.write_text((text_page if suffix == "txt" else html_page)(kind), encoding="utf-8")
    done, cpu = _cli_extract(path)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout.splitlines()[0])
    assert cpu < SECONDS
    assert doc["uncleaned"] is False
    assert ("Manucho" if name == "sports" else MUST_KEEP) in doc["body"]


def test_the_sports_page_is_cleaned_indexed_and_found(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / SPORTS_PAGE.name).write_bytes(SPORTS_PAGE.read_bytes())
    started = time.perf_counter()
    stats = update_index(seeds, tmp_path / "index", workers=1)
    assert time.perf_counter() - started < 10
    assert not stats.skipped and not stats.uncleaned
    docs = extract_file(SPORTS_PAGE)
    assert "Premier League | Championship" not in docs[0].body  # the menu line is chrome
    handle = IndexHandle(tmp_path / "index")
    try:
        result = SearchEngine(handle).search(SearchRequest(q="Manucho"))
    finally:
        handle.close()
    assert result["total"] == 1
    assert result["hits"][0]["title"] == "Manucho's late double lifts Valladolid past Getafe"


def _spin(*args, **kwargs):
    while True:  # a pattern that never ends, without depending on which one is left
        pass


@pytest.fixture
def hanging_reader(monkeypatch, budget):
    import search.extract.files

    monkeypatch.setattr(search.extract.files, "extract_text_dump", _spin)
    monkeypatch.setattr(search.extract.files, "extract_html_page", _spin)


@pytest.mark.parametrize("name", ["page.txt", "page.html"])
def test_a_page_past_its_budget_is_kept_as_plain_text(tmp_path, hanging_reader, name):
    path = tmp_path / name
    path.write_text(text_page("menu-pipe") if name == "page.txt" else html_page("menu-pipe"),
                    encoding="utf-8")
    started = time.perf_counter()
    [doc] = extract_file(path)
    assert time.perf_counter() - started < SECONDS
    assert doc.uncleaned == "cleaning took longer than 1.5s"
    assert MUST_KEEP in doc.body and "<p>" not in doc.body
    data = doc.to_json()
    assert data["uncleaned"] is True and data["uncleaned_reason"] == doc.uncleaned
    if name == "page.html":
        assert doc.title == "River talks end with a plan"


def test_a_reader_bug_keeps_the_page_as_plain_text(tmp_path, monkeypatch):
    import search.extract.files

    def broken(text):
        raise RuntimeError("no such field")

    monkeypatch.setattr(search.extract.files, "extract_text_dump", broken)
    path = tmp_path / "page.txt"
    path.write_text("River talks end\n\nMinisters met on 2024-03-12 about the river basin.\n",
                    encoding="utf-8")
    [doc] = extract_file(path)
    assert doc.uncleaned.startswith("reader failed (RuntimeError")
    assert doc.title == "River talks end" and doc.date == "2024-03-12"


def test_a_run_indexes_a_file_past_its_budget_and_says_so(tmp_path, hanging_reader):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "slow.txt").write_text(text_page("menu-pipe"), encoding="utf-8")
    (seeds / "empty.txt").write_text("")
    stats = update_index(seeds, tmp_path / "index", workers=1)
    assert stats.uncleaned == [("slow.txt", "cleaning took longer than 1.5s")]
    assert stats.skipped == [("empty.txt", "empty")]
    assert "uncleaned slow.txt: cleaning took longer than 1.5s" in stats.summary()
    handle = IndexHandle(tmp_path / "index")
    try:
        engine = SearchEngine(handle)
        [hit] = engine.search(SearchRequest(q='"river basin"'))["hits"]
        assert engine.document(hit["id"])["uncleaned"] is True
    finally:
        handle.close()


def test_the_command_gives_the_uncleaned_key(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(text_page("menu-pipe"), encoding="utf-8")
    done, _ = _cli_extract(path)
    assert json.loads(done.stdout.splitlines()[0])["uncleaned"] is False


THAI_PAGE = ("หน้าแรก\nข่าว\n\n"
             "วันนี้อากาศดีมาก ชาวบ้านในหมู่บ้านริมแม่น้ำออกมาจับจ่ายซื้อของที่ตลาดเช้าตั้งแต่ตีห้า "
             "แม่ค้าขายผลไม้และผักสดหลายอย่าง\n\n"
             "ผู้ใหญ่บ้านกล่าวว่าตลาดแห่งนี้เปิดมานานกว่าห้าสิบปีแล้ว\n")


def test_a_page_whose_cleaning_keeps_no_text_is_indexed_as_it_is(tmp_path):
    # Thai writes no spaces between words and no full stops: no line looks like prose to the
    # text-dump rules, which kept the menu's first word as a title and lost the article.
    path = tmp_path / "thai.txt"
    path.write_text(THAI_PAGE, encoding="utf-8")
    [doc] = extract_file(path)
    assert "ตลาดแห่งนี้เปิดมานานกว่าห้าสิบปีแล้ว" in doc.body
    assert doc.uncleaned == "cleaning found no article text in it"


def test_a_message_with_a_subject_and_no_body_stays_a_message(tmp_path):
    path = tmp_path / "short.eml"
    path.write_bytes(b"From: Ann Lee <ann@example.org>\nSubject: Meeting moved to Friday\n"
                     b"Date: Tue, 12 Mar 2024 10:00:00 +0000\nMessage-ID: <m1@example.org>\n\n")
    [doc] = extract_file(path)
    assert doc.title == "Meeting moved to Friday" and not doc.uncleaned
