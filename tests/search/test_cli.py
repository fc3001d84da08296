"""The command line through its entry point: extract, index, search."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.cli import main

PAGE = """Skip to main content

Mediators meet again in Cairo

Mediators from Qatar and Egypt met again in Cairo on Sunday to discuss a ceasefire.
The talks are expected to continue next week, officials said.
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "page.txt").write_text(PAGE, encoding="utf-8")
    return seeds


def test_extract_json_prints_the_contract_keys(archive, capsys):
    assert main(["extract", str(archive / "page.txt"), "--json"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    doc = json.loads(line)
    assert list(doc)[:8] == ["source", "id", "kind", "title", "outlet", "date", "speakers",
                             "body"]
    assert doc["source"] == str(archive / "page.txt")
    assert "ceasefire" in doc["body"]


def test_extract_reports_unreadable_files_and_goes_on(archive, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    status = main(["extract", str(empty), str(missing), str(archive / "page.txt"), "--json"])
    out, err = capsys.readouterr()
    assert status == 1
    assert len(out.splitlines()) == 1
    assert f"{empty}: empty" in err
    assert f"{missing}: cannot be read" in err


def test_index_then_search(archive, tmp_path, capsys):
    index = tmp_path / "index"
    assert main(["index", "--seeds", str(archive), "--index", str(index)]) == 0
    out = capsys.readouterr().out
    assert "1 files added" in out and "1 documents in the index" in out
    assert main(["search", "ceasefire", "--index", str(index), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 1 and data["hits"][0]["snippets"]
    assert main(["search", "ceasefire", "--index", str(index)]) == 0
    assert "*ceasefire*" in capsys.readouterr().out


def test_search_json_errors_are_the_api_s_error_shape_on_stdout(archive, tmp_path, capsys):
    """A script asking for JSON got nothing on stdout when the search failed, only a sentence on
    stderr: it now reads the error as /search answers it, and the exit status says so too."""
    index = tmp_path / "index"
    assert main(["search", "ceasefire", "--index", str(index), "--json"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out)["error"]["code"] == "index_missing" and "no index at" in err
    assert main(["index", "--seeds", str(archive), "--index", str(index)]) == 0
    capsys.readouterr()
    assert main(["search", "*a*", "--index", str(index), "--json"]) == 2
    out, err = capsys.readouterr()
    error = json.loads(out)["error"]
    assert error["code"] == "bad_wildcard" and error["message"] in err
    assert main(["search", "*a*", "--index", str(index)]) == 2
    assert capsys.readouterr().out == ""  # without --json, stdout stays for results only


def test_an_index_folder_that_cannot_be_made_is_named_in_the_error(archive, tmp_path, capsys):
    """It was "unexpected error: FileNotFoundError(2, 'No such file or directory')", exit 1."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder\n", encoding="utf-8")
    for index, why in ((blocked, "a file is there"), (blocked / "index", "Not a directory")):
        assert main(["index", "--seeds", str(archive), "--index", str(index)]) == 2
        err = capsys.readouterr().err
        assert f"the index folder {index} cannot be made: {why}" in err and "unexpected" not in err


def test_search_prints_no_terminal_escape_sequences_from_the_archive(tmp_path, capsys):
    """A cron mail's coloured subject, or a hostile one that retitles the window, reached the
    user's terminal as it was: extraction drops the escape sequences (`search/terminal.py`), and
    what is printed loses the other control characters too (the body's BEL), not --json."""
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    (seeds / "cron.eml").write_bytes(
        b"From: Cron Daemon <root@example.org>\nSubject: \x1b[31mFAILED\x1b[0m backup \x1b]0;owned\x07\n"
        b"Message-ID: <c1@example.org>\n\nThe nightly backup \x1b[1mfailed\x1b[0m with status 2.\x07\n")
    assert main(["index", "--seeds", str(seeds), "--index", str(index)]) == 0
    capsys.readouterr()
    assert main(["search", "backup", "--index", str(index)]) == 0
    out = capsys.readouterr().out
    assert "FAILED backup" in out and "failed with status 2." in out
    assert not any(c in out for c in "\x1b\x07") and "owned" not in out
    assert main(["search", "backup", "--index", str(index), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hits"][0]["title"] == "FAILED backup"


def test_search_prints_the_notes_and_the_suggestion_as_the_api_gives_them(archive, tmp_path,
                                                                        capsys):
    index = tmp_path / "index"
    assert main(["index", "--seeds", str(archive), "--index", str(index)]) == 0
    capsys.readouterr()
    assert main(["search", "ceasefre", "--index", str(index)]) == 0
    assert "Did you mean: ceasefire" in capsys.readouterr().out
    pasted = "the ceasefire " + "talks went on " * 40 + "THE-END"
    assert main(["search", pasted, "--index", str(index)]) == 0
    first = capsys.readouterr().out.splitlines()
    said = first[0].split(" (read as ")[0]
    assert said.endswith("…'") and len(said) < 250  # the paste by its first characters
    assert any(line.startswith("   note: ") and "'the' is too common" in line for line in first)


def test_environment_gives_the_defaults(archive, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ARCHIVE_SEARCH_SEEDS", str(archive))
    monkeypatch.setenv("ARCHIVE_SEARCH_INDEX", str(tmp_path / "env-index"))
    assert main(["index"]) == 0
    assert (tmp_path / "env-index" / "CURRENT").is_file()


def test_bad_query_and_missing_index_are_clear_messages(tmp_path, capsys):
    assert main(["search", "x", "--index", str(tmp_path / "none")]) == 2
    assert "no index at" in capsys.readouterr().err
    assert main(["index", "--seeds", str(tmp_path / "nowhere"),
                 "--index", str(tmp_path / "i")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_python_dash_m_search_runs_the_same_cli(archive):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "search", "extract", str(archive / "page.txt"),
                          "--json"], capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["kind"] == "text-dump"


def test_the_program_exits_with_the_commands_status(tmp_path):
    import subprocess
    import sys

    # `run` (python -m search, archive-search) passes main's status on as the exit status.
    done = subprocess.run([sys.executable, "-m", "search", "index", "--seeds",
                           str(tmp_path / "nowhere"), "--index", str(tmp_path / "i")],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "does not exist" in done.stderr


def test_a_reader_bug_costs_one_file_not_the_run(archive, tmp_path, capsys, monkeypatch):
    import search.extract.files

    def broken(text):
        raise AttributeError("boom")

    other = tmp_path / "other.txt"
    other.write_text(PAGE, encoding="utf-8")
    monkeypatch.setattr(search.extract.files, "extract_text_dump", broken)
    status = main(["extract", str(archive / "page.txt"), str(other), "--json"])
    out, err = capsys.readouterr()
    # Nothing is lost: both files are kept as their plain text, each said to be uncleaned.
    assert status == 0
    assert err.count("uncleaned") == 2 and err.count("reader failed (AttributeError: boom)") == 2
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["uncleaned"] for d in docs] == [True, True]
