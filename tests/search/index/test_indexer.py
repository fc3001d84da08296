"""The indexer: full builds, incremental updates, bad files, one writer at a time."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from search.index import builds
from search.errors import IndexBusy
from search.index.indexer import indexer_lock, update_index
from search.engine.searcher import IndexHandle

PAGE = "Headline {n}\n\nThe body of page {n} talks about {word} at length, with a full sentence.\n"


def write(seeds: Path, name: str, n: int, word: str = "ceasefire") -> Path:
    path = seeds / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(n=n, word=word), encoding="utf-8")
    return path


def count(root: Path, word: str) -> int:
    handle = IndexHandle(root)
    searcher, _ = handle.current()
    from whoosh.query import Term
    n = len(list(searcher.docs_for_query(Term("body", word))))
    handle.close()
    return n


def test_first_run_builds_and_publishes(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(3):
        write(seeds, f"p{n}.txt", n)
    write(seeds, "sub/deeper.txt", 9)
    stats = update_index(seeds, root)
    assert stats.rebuilt and stats.added == 4 and stats.documents == 4
    assert builds.current_build(root) is not None
    assert count(root, "ceasefir") == 4


def test_only_changes_are_written(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(3):
        write(seeds, f"p{n}.txt", n)
    update_index(seeds, root)
    again = update_index(seeds, root)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3)
    write(seeds, "p0.txt", 0, word="truce")
    (seeds / "p1.txt").unlink()
    write(seeds, "p3.txt", 3)
    stats = update_index(seeds, root)
    assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (1, 1, 1, 1)
    assert stats.documents == 3 and not stats.rebuilt
    assert count(root, "truce") == 1 and count(root, "ceasefir") == 2


def test_touched_but_unchanged_file_is_not_re_extracted(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    path = write(seeds, "p0.txt", 0)
    update_index(seeds, root)
    os.utime(path, ns=(1, 1))
    stats = update_index(seeds, root)
    assert stats.unchanged == 1 and stats.updated == 0


def test_bad_files_are_skipped_with_reasons(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    write(seeds, "good.txt", 1)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.bin").write_bytes(bytes(range(256)) * 40)
    stats = update_index(seeds, root)
    assert stats.documents == 1
    assert dict(stats.skipped) == {"empty.txt": "empty", "binary.bin": "binary content, not text"}
    assert "2 skipped" in stats.summary() and "skipped empty.txt: empty" in stats.summary()


def test_a_second_writer_gets_a_clear_error(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    write(seeds, "p0.txt", 0)
    with indexer_lock(root):
        with pytest.raises(IndexBusy, match="another `archive-search index` is writing"):
            update_index(seeds, root)


def test_rebuild_switches_atomically_and_keeps_ids(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    write(seeds, "p0.txt", 0)
    update_index(seeds, root)
    first = builds.current_build(root)
    ids = builds.read_documents(first)["p0.txt"][1]
    stats = update_index(seeds, root, rebuild=True)
    second = builds.current_build(root)
    assert stats.rebuilt and second != first
    assert builds.read_documents(second)["p0.txt"][1] == ids


# A monthly mail archive: messages split on "From " lines, ids from Message-ID. The real mail
# readers live elsewhere; this one stands in so the test pins only what the indexer does.
MESSAGE = "From list@example.org Mon Mar  4 10:00:00 2024\nMessage-ID: <{mid}@example.org>\n" \
          "Subject: {subject}\n\n{body}\n"


def split_mbox(path: Path, source: str | None = None) -> list:
    from search.documents import Document
    from search.extract.files import document_id

    docs = []
    text = path.read_text(encoding="utf-8")
    for position, chunk in enumerate(text.split("From list@")[1:]):
        head, _, body = chunk.partition("\n\n")
        mid = head.split("Message-ID: <")[1].split(">")[0]
        subject = head.split("Subject: ")[1].splitlines()[0]
        docs.append(Document(id=document_id(source, position, mid), source=source,
                             kind="mbox-message", title=subject, body=body.strip(),
                             position=position))
    return docs


def mbox(*messages: tuple[str, str, str]) -> str:
    return "".join(MESSAGE.format(mid=m, subject=s, body=b) for m, s, b in messages)


MARCH = [("m1", "Truce talks", "The truce talks resume."),
         ("m2", "Re: Truce talks", "They resume in Cairo."),
         ("m3", "Aid convoys", "Convoys wait at the crossing.")]


@pytest.fixture
def mail_archive(tmp_path, monkeypatch):
    monkeypatch.setattr("search.index.extractpool.extract_file", split_mbox)
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    (seeds / "2024-March.mbox").write_text(mbox(*MARCH), encoding="utf-8")
    update_index(seeds, root)
    return seeds, root


def ids_in_index(root: Path) -> list[str]:
    handle = IndexHandle(root)
    searcher, _ = handle.current()
    ids = sorted(fields["id"] for fields in searcher.all_stored_fields())
    handle.close()
    return ids


def test_a_grown_mail_archive_adds_only_its_new_messages(mail_archive):
    seeds, root = mail_archive
    before = ids_in_index(root)
    grown = MARCH + [("m4", "Re: Aid convoys", "The crossing opened."),
                     ("m5", "Hostage list", "A list was handed over.")]
    (seeds / "2024-March.mbox").write_text(mbox(*grown), encoding="utf-8")
    stats = update_index(seeds, root)
    assert (stats.updated, stats.docs_added, stats.docs_removed) == (1, 2, 0)
    after = ids_in_index(root)
    assert set(before) < set(after) and len(after) == 5
    assert count(root, "cross") == 2  # stemmed


@pytest.mark.parametrize("change, added, removed", [
    (lambda msgs: [msgs[0], (msgs[1][0], msgs[1][1], "They resume in Doha."), msgs[2]], 1, 1),
    (lambda msgs: msgs[:2], 0, 1),  # a message taken out of the archive
    (lambda msgs: list(msgs), 0, 0),  # same content, file rewritten: nothing to write
])
def test_an_edited_mail_archive_writes_only_what_changed(mail_archive, change, added, removed):
    seeds, root = mail_archive
    (seeds / "2024-March.mbox").write_text(mbox(*change(MARCH)) + "\n" * (added == removed == 0),
                                           encoding="utf-8")
    stats = update_index(seeds, root)
    assert (stats.docs_added, stats.docs_removed) == (added, removed)
    assert len(ids_in_index(root)) == len(change(MARCH))


def test_a_kill_between_commit_and_manifest_is_repaired(mail_archive):
    seeds, root = mail_archive
    live = builds.current_build(root)
    saved = {name: (live / name).read_bytes() for name in (builds.MANIFEST, builds.DOCUMENTS)}
    (seeds / "2024-March.mbox").write_text(mbox(*MARCH, ("m4", "New", "Fresh news.")),
                                           encoding="utf-8")
    update_index(seeds, root)
    for name, data in saved.items():  # as if killed after the commit, before the renames
        (live / name).write_bytes(data)
    stats = update_index(seeds, root)
    ids = ids_in_index(root)
    assert len(ids) == len(set(ids)) == 4 and stats.documents == 4


def test_an_unchanged_archive_opens_no_writer_and_makes_no_generation(tmp_path, monkeypatch):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(5):
        write(seeds, f"p{n}.txt", n)
    update_index(seeds, root)
    toc = sorted(p.name for p in builds.current_build(root).glob("_MAIN_*.toc"))

    def no_whoosh(*args, **kwargs):
        raise AssertionError("an unchanged archive must not open the index")

    monkeypatch.setattr("search.index.indexer.whoosh_index.open_dir", no_whoosh)
    stats = update_index(seeds, root)
    assert (stats.unchanged, stats.documents, stats.changed) == (5, 5, False)
    assert sorted(p.name for p in builds.current_build(root).glob("_MAIN_*.toc")) == toc


def test_scan_skips_hidden_and_temp_files_and_sees_sizes(tmp_path):
    from search.index.indexer import scan
    from search.extract.sources import walk

    seeds = tmp_path / "seeds"
    write(seeds, "a/b/page.txt", 1)
    write(seeds, ".hidden/page.txt", 2)
    write(seeds, "page.txt.swp", 3)
    write(seeds, "draft.txt~", 4)
    found = scan(seeds)
    assert list(found) == ["a/b/page.txt"]
    assert set(found) == {p.relative_to(seeds).as_posix() for p in walk(seeds)}  # same rules
    assert found["a/b/page.txt"][0] == (seeds / "a/b/page.txt").stat().st_size


def test_summary_lists_a_few_skips_then_counts_by_reason():
    from search.index.progress import LISTED_SKIPS, IndexStats

    stats = IndexStats(added=30, skipped=[(f"e{n}.txt", "empty") for n in range(LISTED_SKIPS)]
                       + [("x.bin", "binary content, not text")] * 3 + [("y.txt", "empty")])
    text = stats.summary()
    assert "24 skipped" in text and "skipped e0.txt: empty" in text
    assert "x.bin" not in text
    assert text.endswith("and 4 more skipped: 3 binary content, not text, 1 empty")


def test_parallel_extraction_gives_the_same_index(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    from search.index.extractpool import PARALLEL_FROM

    for n in range(PARALLEL_FROM + 6):
        write(seeds, f"p{n:03d}.txt", n)
    seen: list[tuple[int, int, int]] = []
    stats = update_index(seeds, root, workers=2, progress=lambda *a: seen.append(a))
    assert stats.documents == PARALLEL_FROM + 6
    assert seen[-1] == (PARALLEL_FROM + 6, PARALLEL_FROM + 6, PARALLEL_FROM + 6)


@pytest.mark.parametrize("worker_segments, segments", [("1", 2), ("0", 1)])
def test_extraction_workers_write_new_files_into_segments_of_their_own(
        tmp_path, monkeypatch, worker_segments, segments):
    from whoosh import index as whoosh_index

    from search.index.extractpool import PARALLEL_FROM
    from search.index.indexer import WORKER_SEGMENTS_ENV

    monkeypatch.setenv(WORKER_SEGMENTS_ENV, worker_segments)
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(PARALLEL_FROM * 2):
        write(seeds, f"p{n:03d}.txt", n)
    assert update_index(seeds, root, workers=2).documents == PARALLEL_FROM * 2
    ix = whoosh_index.open_dir(str(builds.current_build(root)))
    assert len(ix._segments()) == segments
    ix.close()
    assert count(root, "ceasefir") == PARALLEL_FROM * 2
    # Changed files come back to the indexer, which writes only what changed.
    write(seeds, "p000.txt", 0, word="hostages")
    write(seeds, "new.txt", 0, word="hostages")
    stats = update_index(seeds, root, workers=2)
    assert (stats.docs_added, stats.docs_removed) == (2, 1)
    assert count(root, "hostag") == 2 and count(root, "ceasefir") == PARALLEL_FROM * 2 - 1


def test_a_worker_past_its_postings_limit_writes_another_segment(tmp_path, monkeypatch):
    from whoosh import index as whoosh_index

    from search.index.extractpool import PARALLEL_FROM
    from search.index.indexer import WORKER_SEGMENTS_ENV

    monkeypatch.setenv(WORKER_SEGMENTS_ENV, "1")
    monkeypatch.setattr("search.index.extractpool.WORKER_POSTINGS", 300)  # the workers are forked
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(PARALLEL_FROM * 2):
        write(seeds, f"p{n:03d}.txt", n)
    assert update_index(seeds, root, workers=2).documents == PARALLEL_FROM * 2
    ix = whoosh_index.open_dir(str(builds.current_build(root)))
    assert len(ix._segments()) > 2
    assert ix.doc_count() == PARALLEL_FROM * 2
    ix.close()
    assert count(root, "ceasefir") == PARALLEL_FROM * 2


class Terminal:
    """A stream that says it is a terminal and keeps what was drawn."""

    def __init__(self, tty: bool = True) -> None:
        self.text, self.tty = "", tty

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("done, total, docs, elapsed, line", [
    (0, 200, 0, 0.0, "x [..........] 0/200 files, 0 docs, 0 files/s, starting"),
    (50, 200, 120, 10.0, "x [##........] 50/200 files, 120 docs, 5 files/s, 30s left"),
    (10, 10_000, 10, 1.0, "x [..........] 10/10,000 files, 10 docs, 10 files/s, 16m39s left"),
    (200, 200, 480, 40.0, "x [##########] 200/200 files, 480 docs, 5 files/s, writing the index"),
])
def test_progress_bar_shows_files_documents_rate_and_time_left(monkeypatch, done, total, docs,
                                                              elapsed, line):
    from search.index import progress

    monkeypatch.setattr(progress, "WIDTH", 10)
    assert progress.bar_line("x", done, total, docs, elapsed) == line


def test_progress_bar_draws_only_on_a_terminal_and_ends_its_line(tmp_path):
    from search.index.progress import ProgressBar

    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(3):
        write(seeds, f"p{n}.txt", n)
    pipe, tty = Terminal(tty=False), Terminal()
    for stream, where in ((pipe, root), (tty, tmp_path / "other")):
        bar = ProgressBar("extracting", stream)
        update_index(seeds, where, progress=bar.update)
        bar.close()
    assert pipe.text == ""
    assert tty.text.startswith("\rextracting [") and tty.text.endswith("writing the index\x1b[K\n")
    assert "3/3 files, 3 docs" in tty.text


def test_a_lost_manifest_means_a_rebuild_not_orphans(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(3):
        write(seeds, f"p{n}.txt", n)
    update_index(seeds, root)
    (builds.current_build(root) / builds.MANIFEST).unlink()
    (seeds / "p2.txt").unlink()
    stats = update_index(seeds, root)
    assert stats.rebuilt and stats.documents == 2 and count(root, "ceasefir") == 2


def test_the_real_mail_reader_grown_archive_writes_only_the_new_message(tmp_path):
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    seeds.mkdir()
    tail = " More words make this a real message body, with a whole sentence in it."
    messages = [(mid, subject, body + tail) for mid, subject, body in MARCH]
    (seeds / "2024-March.mbox").write_text(mbox(*messages), encoding="utf-8")
    assert update_index(seeds, root).documents == 3
    before = ids_in_index(root)
    messages.append(("m4", "Re: Aid convoys", "The crossing opened at dawn." + tail))
    (seeds / "2024-March.mbox").write_text(mbox(*messages), encoding="utf-8")
    stats = update_index(seeds, root)
    assert (stats.docs_added, stats.docs_removed, stats.documents) == (1, 0, 4)
    assert set(before) < set(ids_in_index(root))


def test_a_manifest_of_the_older_shape_means_a_rebuild(tmp_path):
    import json

    seeds, root = tmp_path / "seeds", tmp_path / "index"
    write(seeds, "p0.txt", 0)
    update_index(seeds, root)
    older = {"p0.txt": {"size": 1, "mtime": 2, "sha1": "x", "ids": ["a"]}}  # the skeleton's
    (builds.current_build(root) / builds.MANIFEST).write_text(json.dumps(older), encoding="utf-8")
    stats = update_index(seeds, root)
    assert stats.rebuilt and stats.documents == 1


def test_a_bug_in_an_extraction_worker_fails_the_run_and_leaves_the_index(tmp_path, monkeypatch):
    from search.errors import SearchError
    from search.index.extractpool import PARALLEL_FROM

    seeds, root = tmp_path / "seeds", tmp_path / "index"
    write(seeds, "first.txt", 0)
    update_index(seeds, root)
    for n in range(PARALLEL_FROM):
        write(seeds, f"p{n:03d}.txt", n)

    def broken(path, source):
        raise KeyError("a reader's bug")

    monkeypatch.setattr("search.index.extractpool.extract_file", broken)
    with pytest.raises(SearchError, match=r"an extraction worker failed \(KeyError"):
        update_index(seeds, root, workers=2)
    assert count(root, "ceasefir") == 1


def test_an_unreadable_file_is_reported_and_what_the_index_held_of_it_stays(tmp_path,
                                                                           monkeypatch):
    import search.index.changes

    seeds, root = tmp_path / "seeds", tmp_path / "index"
    for n in range(3):
        write(seeds, f"p{n}.txt", n)
    assert update_index(seeds, root).documents == 3
    real_hash = search.index.changes.file_hash

    def denied(path):  # as a file whose permissions shut us out (tests run as root)
        if path.name in ("p1.txt", "new.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_hash(path)

    monkeypatch.setattr(search.index.changes, "file_hash", denied)
    write(seeds, "p1.txt", 1, word="hostages")  # changed, then unreadable
    write(seeds, "new.txt", 9)
    stats = update_index(seeds, root)
    assert sorted(stats.skipped) == [("new.txt", "cannot be read (Permission denied)"),
                                     ("p1.txt", "cannot be read (Permission denied)")]
    assert stats.documents == 3 and count(root, "ceasefir") == 3  # p1's old text still found
    monkeypatch.setattr(search.index.changes, "file_hash", real_hash)
    stats = update_index(seeds, root)  # readable again: both are indexed now
    assert (stats.updated, stats.added) == (1, 1)
    assert count(root, "hostag") == 1 and stats.documents == 4


def test_without_whooshs_segment_finishing_the_indexer_writes_every_file_itself(
        tmp_path, monkeypatch):
    from search.index.extractpool import PARALLEL_FROM, extract_all
    from search.whooshext import capabilities
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    todo = []
    for n in range(PARALLEL_FROM):
        (seeds / f"{n:03d}.txt").write_text(f"Report {n}\n\nWords of report number {n}, "
                                             "long enough to be an article.\n", encoding="utf-8")
        todo.append(f"{n:03d}.txt")
    monkeypatch.setattr(capabilities, "missing", lambda: {"worker segments": ["_finalize_segment"]})
    with extract_all(seeds, todo, 2, None, -1, tmp_path, frozenset(todo)) as extraction:
        results = list(extraction)
    assert extraction.segments == []  # no worker wrote a segment: nothing to add
    assert sorted(r.rel for r in results) == todo
    assert all(r.fields for r in results)  # each file's fields came back to the indexer


@pytest.mark.parametrize("workers", [1, 2])
def test_a_rebuild_hashes_its_files_while_extracting_them(tmp_path, monkeypatch, workers):
    import hashlib

    import search.index.changes
    from search.index.changes import file_state
    from search.index.extractpool import PARALLEL_FROM

    seeds, root = tmp_path / "seeds", tmp_path / "index"
    names = [f"p{n}.txt" for n in range(PARALLEL_FROM + 2)]
    for n, name in enumerate(names):
        write(seeds, name, n)
    hashed_by = []

    def recorded(path):
        hashed_by.append(os.getpid())
        if path.name == "p1.txt":  # as a file whose permissions shut us out
            raise PermissionError(13, "Permission denied", str(path))
        if path.name == "p2.txt":  # as a file removed since the scan
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return file_state(path)

    monkeypatch.setattr(search.index.changes, "file_state", recorded)
    stats = update_index(seeds, root, workers=workers)
    assert stats.skipped == [("p1.txt", "cannot be read (Permission denied)")]
    assert stats.added == stats.documents == len(names) - 2
    manifest = builds.read_manifest(builds.current_build(root))
    assert sorted(manifest) == sorted(set(names) - {"p1.txt", "p2.txt"})
    assert all(entry[2] == hashlib.sha1((seeds / rel).read_bytes()).hexdigest()
               for rel, entry in manifest.items())
    # Their sizes and mtimes too: the walk of a rebuild leaves them to the extraction.
    assert all(entry[:2] == [(seeds / rel).stat().st_size, (seeds / rel).stat().st_mtime_ns]
               for rel, entry in manifest.items())
    # With workers, the workers hash the files (the indexer hashes none before they start).
    assert (os.getpid() not in hashed_by) == (workers == 2)
    monkeypatch.setattr(search.index.changes, "file_state", file_state)
    again = update_index(seeds, root)  # readable now, and unchanged for the others
    assert (again.added, again.unchanged) == (2, len(names) - 2)


def test_an_archivers_navigation_pages_are_skipped_and_listed(tmp_path):
    fixtures = Path(__file__).resolve().parents[2] / "fixtures"
    navigation = fixtures / "navigation"
    seeds = tmp_path / "seeds"
    (seeds / "2011-March").mkdir(parents=True)
    (seeds / "index.html").write_bytes((navigation / "pipermail-list-index-of-months.html").read_bytes())
    (seeds / "2011-March" / "date.html").write_bytes(
        (navigation / "pipermail-month-index-by-date.html").read_bytes())
    (seeds / "2011-March" / "000104.html").write_bytes(
        (fixtures / "mail" / "pipermail-page-nbsp-code.html").read_bytes())
    stats = update_index(seeds, tmp_path / "index")
    assert stats.documents == 1
    assert dict(stats.skipped) == {
        "index.html": "an archive's navigation page (pipermail's index of a list's months), no message in it",
        "2011-March/date.html":
            "an archive's navigation page (pipermail's index of a month's messages), no message in it"}
    assert "skipped 2011-March/date.html: an archive's navigation page" in stats.summary()


def test_a_full_disk_while_the_workers_write_their_segments_leaves_the_index_as_it_was(
        tmp_path, monkeypatch):
    import errno

    import search.index.extractpool as pool
    from search.index.indexer import WriteFailed
    from search.whooshext.segmentwriter import BulkSegmentWriter

    seeds, root = tmp_path / "seeds", tmp_path / "index"
    write(seeds, "old.txt", 0)
    update_index(seeds, root)
    live = builds.current_build(root)
    manifest = (live / builds.MANIFEST).read_text(encoding="utf-8")
    for n in range(pool.PARALLEL_FROM):
        write(seeds, f"p{n:03d}.txt", n + 1)
    last = f"p{pool.PARALLEL_FROM - 1:03d}.txt"  # dealt last: the files go in name order
    real_extract, real_finish = pool._extract_fields, BulkSegmentWriter.finish_segment
    took_last = []  # in the worker (forked) that extracted the last file

    def extract(job):
        took_last.extend([True] if job[1] == last else [])
        return real_extract(job)

    def finish(self):
        if took_last:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_finish(self)

    # The worker given the last batch fails after sending every file's result of the run: the
    # indexer has written its manifest aside by then, and must take it away again.
    monkeypatch.setattr(pool, "_extract_fields", extract)
    monkeypatch.setattr(BulkSegmentWriter, "finish_segment", finish)
    with pytest.raises(WriteFailed, match="the disk is full"):
        update_index(seeds, root, workers=2)
    assert builds.current_build(root) == live
    # Nothing written aside is left (what Whoosh left of the segments, the next run cleans).
    assert not [p.name for p in live.iterdir()
                if p.name.startswith(tuple(f".{name}." for name in
                                           (builds.MANIFEST, builds.DOCUMENTS, builds.META)))]
    assert (live / builds.MANIFEST).read_text(encoding="utf-8") == manifest
    assert count(root, "ceasefir") == 1
