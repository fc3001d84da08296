"""Indexes built before the stage packages: their TOC names old module paths, and they still serve."""
from __future__ import annotations

import shutil
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from search import (IndexHandle, SearchEngine, SearchRequest, build_from_documents, current_build,
                    update_index)
from search.index import schema, wordparts
from search.whooshext import codec
from tests.conftest import FIXTURE_DOCS

# The table of contents of an index built by the code before the move (commit 80a1d0d).
OLD_TOC = Path(__file__).resolve().parents[2] / "fixtures" / "oldindex" / "_MAIN_1.toc"
# The schema's classes (WordStopFilter, imported into schema, too) were all in search.schema.
OLD_PATHS = {schema: "search.schema", wordparts: "search.schema", codec: "search.codec"}


def test_the_fixture_names_the_old_paths_and_its_schema_reads_as_the_new_classes(tmp_path):
    data = OLD_TOC.read_bytes()
    assert b"csearch.schema\n" in data and b"\x0csearch.codec" in data
    assert b"search.index." not in data and b"search.whooshext." not in data
    shutil.copy(OLD_TOC, tmp_path / OLD_TOC.name)
    toc = whoosh_index.TOC.read(FileStorage(str(tmp_path)), "MAIN")
    assert type(toc.schema["body"].analyzer) is schema.ProseAnalyzer
    assert [type(s.codec()) for s in toc.segments] == [codec.ArrayCodec]


def answers(root: Path) -> list[tuple]:
    engine = SearchEngine(IndexHandle(root))
    try:
        return [[(h["id"], h["score"], h["snippets"]) for h in engine.search(SearchRequest(q=q))["hits"]]
                for q in ("ceasefire", "\"proposal was generous\"", "cairo OR markets", "speaker:blinken", "rat*")]
    finally:
        engine.handle.close()


def test_an_index_whose_toc_names_the_old_paths_gives_the_same_answers(tmp_path, monkeypatch):
    now = tmp_path / "now"
    build_from_documents(now, FIXTURE_DOCS)
    # Build as the code before the move did: our classes pickled under their old module paths.
    for module, old_path in OLD_PATHS.items():
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                monkeypatch.setattr(value, "__module__", old_path)
    before = tmp_path / "before"
    build_from_documents(before, FIXTURE_DOCS)
    monkeypatch.undo()
    data = next(current_build(before).glob("_MAIN_*.toc")).read_bytes()
    assert b"search.schema" in data and b"search.codec" in data
    assert b"search.index." not in data and b"search.whooshext." not in data
    assert answers(before) == answers(now)
    assert all(answers(now))


def test_an_index_this_code_cannot_read_is_rebuilt_by_the_next_run_with_a_reason(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    (seeds / "page.txt").write_text(
        "Ceasefire talks stall\n\nTalks in Cairo on a permanent ceasefire stalled on Wednesday, "
        "and the mediators said they would meet again next week in Doha.\n", encoding="utf-8")
    assert update_index(seeds, root, workers=0).why is None
    toc = next(current_build(root).glob("_MAIN_*.toc"))
    data = toc.read_bytes()
    assert b"csearch.index.schema\n" in data  # the schema is pickled with protocol 2: no frames
    toc.write_bytes(data.replace(b"csearch.index.schema\n", b"csearch.index.schemx\n"))
    stats = update_index(seeds, root, workers=0)
    assert stats.rebuilt and "No module named 'search.index.schemx'" in stats.why
    assert stats.summary().splitlines()[1].startswith("  rebuilt because the index at ")
    engine = SearchEngine(IndexHandle(root))
    try:
        assert engine.search(SearchRequest(q="ceasefire"))["total"] == 1
    finally:
        engine.handle.close()


def test_an_index_of_an_older_schema_is_rebuilt_by_the_command_with_one_line_saying_why(
        tmp_path, capsys):
    import json

    from search.cli import main
    from search.index.builds import META
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    (seeds / "page.txt").write_text(
        "Ceasefire talks stall\n\nTalks in Cairo on a permanent ceasefire stalled on Wednesday, "
        "and the mediators said they would meet again next week in Doha.\n", encoding="utf-8")
    assert main(["index", "--seeds", str(seeds), "--index", str(root)]) == 0
    before = answers(root)
    meta_path = current_build(root) / META
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["schema_version"] = 5  # what the code at 80a1d0d wrote
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    capsys.readouterr()
    assert main(["index", "--seeds", str(seeds), "--index", str(root)]) == 0
    out, err = capsys.readouterr()
    reasons = [line for line in out.splitlines() if "rebuilt because" in line]
    assert len(reasons) == 1 and "schema 5" in reasons[0]
    assert "Traceback" not in out + err
    assert answers(root) == before and before[0]
    # The next run finds nothing to rebuild and says nothing about it.
    assert main(["index", "--seeds", str(seeds), "--index", str(root)]) == 0
    assert "rebuilt" not in capsys.readouterr().out
