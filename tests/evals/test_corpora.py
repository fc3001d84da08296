"""Corpus files placed into an archive folder for an evaluation are indexed like a user's files."""
from __future__ import annotations

from evals.corpora import place
from search import update_index
from search.engine.searcher import IndexHandle


def test_placed_corpus_files_are_indexed_as_archive_files(tmp_path):
    corpus, seeds = tmp_path / "corpus", tmp_path / "seeds"
    corpus.mkdir()
    seeds.mkdir()
    for n in range(3):
        (corpus / f"{n}.txt").write_text(f"Harbour report {n}\n\nThe pier closes for winter {n}.\n",
                                         encoding="utf-8")
        place(corpus / f"{n}.txt", seeds / f"{n}.txt")
        place(corpus / f"{n}.txt", seeds / f"{n}.txt")  # placed twice: left as it is
    assert not any(p.is_symlink() for p in seeds.iterdir())  # a link outside would be refused
    update_index(seeds, tmp_path / "index")
    handle = IndexHandle(tmp_path / "index")
    try:
        searcher, _ = handle.current()
        assert searcher.doc_count() == 3
    finally:
        handle.close()
