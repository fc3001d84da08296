"""The index holds pickles: the server opens only an index folder it owns and others cannot write."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from search.index import builds
from search.engine.searcher import IndexHandle
from search.errors import IndexMissing
from search.index.indexer import build_from_documents
from tests.conftest import FIXTURE_DOCS
from web import create_app


def _build(root: Path) -> Path:
    build_from_documents(root, FIXTURE_DOCS)
    return builds.current_build(root)


def test_an_index_only_its_owner_can_write_is_opened(tmp_path):
    root = tmp_path / "index"
    build = _build(root)
    for folder in (root, build):
        folder.chmod(0o755)
        builds.check_owned(folder)
    _serve(root)


@pytest.mark.parametrize("which", ["root", "build"])
@pytest.mark.parametrize("mode", [0o775, 0o757, 0o777, 0o1777])
def test_an_index_others_can_write_is_refused(tmp_path, which, mode):
    root = tmp_path / "index"
    build = _build(root)
    folder = root if which == "root" else build
    folder.chmod(mode)
    with pytest.raises(IndexMissing, match="writable by other users.*chmod go-w"):
        builds.check_owned(folder)
    with pytest.raises(IndexMissing):
        _serve(root)


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0,
                    reason="giving a folder to another user needs root")
def test_an_index_owned_by_another_user_is_refused(tmp_path):
    root = tmp_path / "index"
    build = _build(root)
    os.chown(build, 65534, 65534)  # nobody
    with pytest.raises(IndexMissing, match="belongs to another user"):
        builds.check_owned(build)
    with pytest.raises(IndexMissing):
        _serve(root)


def test_the_server_answers_503_for_a_writable_index_and_never_loads_it(tmp_path):
    root = tmp_path / "index"
    build = _build(root)
    build.chmod(0o777)
    app = create_app({"INDEX": str(root), "TESTING": True})
    client = app.test_client()
    health = client.get("/healthz")
    assert health.status_code == 503
    assert "writable by other users" in health.get_json()["reason"]
    search = client.get("/search?q=cairo")
    assert search.status_code == 503
    assert search.get_json()["error"]["code"] == "index_missing"
    assert client.get("/?q=cairo").status_code == 503
    build.chmod(0o755)  # once fixed, the same process serves it
    assert client.get("/search?q=cairo").status_code == 200
    app.extensions["archive_search"].handle.close()


def test_check_owned_looks_at_the_folder_not_its_name(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    folder.chmod(0o700)
    builds.check_owned(folder)
    folder.chmod(0o700 | stat.S_IWOTH)
    with pytest.raises(IndexMissing):
        builds.check_owned(folder)


# A TOC pickle left writable by others (an indexer run with umask 000) must not be loaded.
def test_an_index_file_others_can_write_is_refused(tmp_path):
    root = tmp_path / "index"
    build = _build(root)
    for toc in build.glob("*.toc"):
        toc.chmod(0o666)
    with pytest.raises(IndexMissing):
        _serve(root)


def test_a_file_gone_as_the_build_is_checked_is_no_reason_to_refuse_it(tmp_path, monkeypatch):
    # A reader's memo renamed into place, or a writer's cleaning, between listing and checking.
    root = tmp_path / "index"
    build = _build(root)
    listed = list(build.iterdir()) + [build / ".memo-gone", build / "MAIN_gone.memo_x_y"]
    real = Path.iterdir
    monkeypatch.setattr(Path, "iterdir", lambda self: iter(listed) if self == build else real(self))
    _serve(root)


def test_the_memo_files_a_reader_wrote_pass_the_owner_check(tmp_path):
    root = tmp_path / "index"
    build = _build(root)
    _serve(root)
    assert list(build.glob("*.memo_*"))  # the first reader kept what it read
    _serve(root)


def _serve(root: Path) -> None:
    """Open the index as the server does (IndexMissing when it refuses), then let it go."""
    handle = IndexHandle(root)
    try:
        handle.current()
    finally:
        handle.close()
