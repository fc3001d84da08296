"""Crash safety: a full disk at each commit step, and real kill -9 of the indexer at random points.

Whatever happens to the writer, the index that serves is the last complete one (the previous
or the new state, never a mix), and the next run cleans up and completes.
"""
from __future__ import annotations

import errno
import gc
import math
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from search.index import builds
from search.index.indexer import WriteFailed, update_index
from search.engine.searcher import IndexHandle

REPO = Path(__file__).resolve().parents[3]
PAGE = "Headline {name} v{version}\n\nThe body of {name} talks about the ceasefire, version {version}.\n"


def write_archive(seeds: Path, state: dict[str, int]) -> None:
    """Make the archive hold exactly `state`: file name -> version."""
    seeds.mkdir(parents=True, exist_ok=True)
    for path in seeds.iterdir():
        if path.name not in state:
            path.unlink()
    for name, version in state.items():
        path = seeds / name
        text = PAGE.format(name=name, version=version)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def expected(state: dict[str, int]) -> dict[str, str]:
    return {name: f"Headline {name} v{version}" for name, version in state.items()}


def snapshot(root: Path) -> dict[str, str]:
    """Return what the live index serves: source -> title; fail on a duplicate."""
    handle = IndexHandle(root)
    try:
        searcher, _ = handle.current()
        seen: dict[str, str] = {}
        for fields in searcher.all_stored_fields():
            assert fields["source"] not in seen, f"{fields['source']} indexed twice"
            seen[fields["source"]] = fields["title"]
        return seen
    finally:
        handle.close()


def assert_clean(root: Path) -> None:
    """Assert no leftovers: one live build (plus one old), no temp files, no orphan segments."""
    live = builds.current_build(root)
    folders = [p for p in root.iterdir() if p.name.startswith(builds.BUILD_PREFIX)]
    assert len(folders) <= 1 + builds.KEEP_OLD_BUILDS
    assert all((p / builds.PUBLISHED).exists() for p in folders if p != live)
    names = os.listdir(live)
    assert not [n for n in names if builds.TEMP_TOC.match(n) or builds.TEMP_FILE.match(n)
                or n.endswith(".tmp")], names
    assert len([n for n in names if n.endswith(".toc")]) == 1, names
    from whoosh import index as whoosh_index

    toc = whoosh_index.TOC.read(FileStorage(str(live)), builds.INDEX_NAME)
    named = {segment.segment_id() for segment in toc.segments}
    segments = {n.split(".")[0] for n in names if n.startswith("MAIN_") and n != "MAIN_WRITELOCK"}
    assert segments <= named, segments - named


V1 = {f"p{n:02d}.txt": 1 for n in range(8)}
V2 = {**{f"p{n:02d}.txt": 1 for n in range(2, 8)}, "p03.txt": 2, "p05.txt": 2, "p20.txt": 1}


@pytest.fixture
def v1(tmp_path: Path) -> tuple[Path, Path]:
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    write_archive(seeds, V1)
    update_index(seeds, root)
    write_archive(seeds, V2)
    return seeds, root


class FullFile:
    """A file on a full disk: every write fails."""

    def __init__(self, real) -> None:
        self.real = real

    def write(self, data) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.real, name)


def fill_disk_for(monkeypatch, step: str) -> None:
    """Make the named commit step fail as a full disk would."""
    if step in ("segment", "toc"):
        real_create = FileStorage.create_file

        def create_file(self, name, *args, **kwargs):
            f = real_create(self, name, *args, **kwargs)
            toc = builds.TEMP_TOC.match(name) is not None
            if (step == "toc") == toc and (toc or name.startswith("MAIN_")):
                f.file = FullFile(f.file)
            return f

        monkeypatch.setattr(FileStorage, "create_file", create_file)
        return
    target = {"manifest": builds.MANIFEST, "documents": builds.DOCUMENTS, "meta": builds.META,
              "pointer": builds.POINTER}[step]
    real_write_temp = builds.write_temp

    def write_temp(path: Path, text: str) -> Path:
        if path.name == target:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_write_temp(path, text)

    monkeypatch.setattr(builds, "write_temp", write_temp)


# Whoosh leaves the file whose write failed open; the garbage collector closes it, and pytest
# reports that as an unraisable ResourceWarning. Not a leak of ours, and harmless.
STEPS = ["segment", "toc", "manifest", "documents", "meta"]


# An update writes every step but the pointer; a rebuild writes the pointer last.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("step, rebuild", [(s, False) for s in STEPS]
                         + [(s, True) for s in STEPS + ["pointer"]])
def test_a_full_disk_fails_clearly_and_the_previous_index_serves(v1, monkeypatch, step, rebuild):
    seeds, root = v1
    pointer = (root / builds.POINTER).read_text(encoding="utf-8")
    with monkeypatch.context() as patch:
        fill_disk_for(patch, step)
        with pytest.raises(WriteFailed, match="the disk is full.*previous index is still serving"):
            update_index(seeds, root, rebuild=rebuild)
    assert (root / builds.POINTER).read_text(encoding="utf-8") == pointer
    assert snapshot(root) == expected(V1)
    # The same process (a watcher) writes again once there is room.
    stats = update_index(seeds, root, rebuild=rebuild)
    assert snapshot(root) == expected(V2) and stats.documents == len(V2)
    assert_clean(root)


# Each indexer is a real process running `archive-search index`, forked from one that did the
# imports once (they take longer than a small run): the kills land in the indexing itself.
# For each line of extra arguments it reads, it forks an indexer and prints its pid, then its
# exit status once it has ended.
FORKING_INDEXER = """
import os
import sys
import search.index.indexer
from search.cli import main
while line := sys.stdin.readline():
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os._exit(main(sys.argv[1:] + line.split()))
    print(pid, flush=True)
    print(os.waitpid(pid, 0)[1], flush=True)
"""


class Indexers:
    """Start indexer processes on one archive and kill them when asked."""

    def __init__(self, seeds: Path, root: Path) -> None:
        self.parent = subprocess.Popen(
            [sys.executable, "-c", FORKING_INDEXER, "index", "--seeds", str(seeds),
             "--index", str(root)], env={**os.environ, "PYTHONPATH": str(REPO)},
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def run(self, seconds: float | None, *extra: str) -> bool:
        """Run one indexer, killing it after `seconds`; return whether it was killed."""
        self.parent.stdin.write((" ".join(extra) + "\n").encode())
        self.parent.stdin.flush()
        pid = int(self.parent.stdout.readline())
        ended, _, _ = select.select([self.parent.stdout], [], [], seconds)
        if not ended:
            try:
                os.kill(pid, signal.SIGKILL)  # if it ended just now, the status below says so
            except ProcessLookupError:  # it ended and was reaped between the select and the kill
                pass
        status = int(self.parent.stdout.readline())
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        assert killed or os.WEXITSTATUS(status) == 0, f"the indexer failed: status {status}"
        return killed

    def close(self) -> None:
        self.parent.stdin.close()
        self.parent.wait()
        self.parent.stdout.close()


def change(state: dict[str, int], rng: random.Random, tag: str) -> None:
    """Change 12 files of the archive, remove 4 and add 5."""
    names = sorted(state)
    for name in rng.sample(names, 12):
        state[name] += 1
    for name in rng.sample(names, 4):
        del state[name]
    for n in range(5):
        state[f"{tag}-{n}.txt"] = 1


def test_kill_9_at_random_points_leaves_a_serving_index_and_a_rerun_completes(tmp_path):
    """Kill a real indexer at 20 random moments of its run; check after each kill."""
    rng = random.Random(7)
    seeds, root = tmp_path / "seeds", tmp_path / "index"
    state = {f"f{n:03d}.txt": 1 for n in range(90)}
    write_archive(seeds, state)
    indexers = Indexers(seeds, root)
    try:
        took = {}  # how long an unhindered run takes, rebuild or update: the faster of two
        for extra in (("--rebuild",), (), ("--rebuild",), ()):  # (the first runs are cold)
            change(state, rng, "calibrate")
            write_archive(seeds, state)
            started = time.monotonic()
            indexers.run(None, *extra)
            took[extra] = min(took.get(extra, math.inf), time.monotonic() - started)
        kills = 0
        for round_ in range(20):
            before = snapshot(root)
            change(state, rng, f"g{round_:02d}")
            write_archive(seeds, state)
            extra = ("--rebuild",) if round_ % 4 == 3 else ()  # both commit paths
            kills += indexers.run(rng.uniform(0, 1.0) * took[extra], *extra)
            served = snapshot(root)
            assert served in (before, expected(state)), f"round {round_}: a mixed index is served"
            update_index(seeds, root)  # the re-run: no lock left behind, cleans, completes
            assert snapshot(root) == expected(state)
            assert_clean(root)
    finally:
        indexers.close()
    assert kills >= 8  # most runs were really killed, not finished (timing varies with load)


def test_the_command_line_reports_a_full_disk_and_a_busy_index_in_one_line(v1, monkeypatch,
                                                                           capsys):
    from search.cli import main

    seeds, root = v1
    args = ["index", "--seeds", str(seeds), "--index", str(root)]
    with monkeypatch.context() as patch:
        fill_disk_for(patch, "manifest")
        assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("archive-search: cannot write the index at ") and "disk is full" in err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    with builds.indexer_lock(root):
        assert main(args) == 2
    err = capsys.readouterr().err
    assert err == (f"archive-search: another `archive-search index` is writing {root}; "
                   "wait for it to finish (or pass --wait)\n")
    assert main(args) == 0 and snapshot(root) == expected(V2)


# The filler files are all new, so the extraction workers write them into their own segments.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("rebuild", [False, True])
def test_a_full_disk_in_an_extraction_worker_fails_clearly(v1, monkeypatch, rebuild):
    from search.index.extractpool import PARALLEL_FROM

    seeds, root = v1
    many = {**V2, **{f"q{n:03d}.txt": 1 for n in range(PARALLEL_FROM)}}
    write_archive(seeds, many)
    with monkeypatch.context() as patch:
        fill_disk_for(patch, "segment")
        with pytest.raises(WriteFailed, match="the disk is full.*previous index is still serving"):
            update_index(seeds, root, rebuild=rebuild, workers=2)
    # The failed writer leaves Whoosh's temporary files open: collected here, under this test's
    # filter, rather than in whichever test Python 3.13's collector happens to run in next.
    gc.collect()
    assert snapshot(root) == expected(V1)
    stats = update_index(seeds, root, rebuild=rebuild, workers=2)
    assert snapshot(root) == expected(many) and stats.documents == len(many)
    assert_clean(root)
