"""Shared fixtures: a small archive built in the test, its index, the app and its client."""
from __future__ import annotations

from pathlib import Path

import os
import tempfile

import pytest
from hypothesis import settings

from search.documents import Document, Quote
from search.index.indexer import build_from_documents
from search.engine.searcher import IndexHandle
from web import create_app

# In CI the property tests draw the same examples every run, so that a red build is a change
# of ours and not a new draw; on a developer's machine they keep exploring.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

@pytest.fixture(autouse=True, scope="session")
def private_tempdir(tmp_path_factory):
    """Point `tempfile` at a folder of this run's own.

    Whoosh's RamStorage pools a segment in `<tempdir>/MAIN.tmp` and removes that folder when
    done, so two test runs on one machine (two worktrees, two Pythons) removed each other's.
    """
    before = tempfile.tempdir
    tempfile.tempdir = str(tmp_path_factory.mktemp("tempfile"))
    yield
    tempfile.tempdir = before


FIXTURE_DOCS = [
    Document(id="a1", source="a1.txt", kind="text-dump", title="Ceasefire talks stall in Cairo",
             outlet="Al Mayadeen English", date="2024-03-06",
             speakers=["Ismail Haniyeh"],
             quotes=[Quote("Ismail Haniyeh", "The ceasefire must be permanent", "said")],
             body="Talks in Cairo on a permanent ceasefire stalled on Wednesday.\n"
                  "Ismail Haniyeh said the ceasefire must be permanent."),
    Document(id="b2", source="b2.txt", kind="text-dump", title="Blinken calls proposal generous",
             outlet="Reuters", date="2024-05-23", speakers=["Antony Blinken"],
             body="Antony Blinken said the proposal was generous. Mediators met in Doha."),
    Document(id="c3", source="c3.txt", kind="text-dump", title="Markets rally on rate hopes",
             outlet="Reuters", date="2023-11-02", speakers=[],
             body="Stocks rose as investors bet on lower rates <script>alert(1)</script>."),
    Document(id="d4", source="d4.txt", kind="pipermail-message", title="Twisted web resources",
             outlet="twisted-web", date=None, speakers=[],
             body="How do I serve a static resource with twisted.web? Cairo is not involved."),
]


@pytest.fixture(scope="module")
def open_index(tmp_path_factory):
    """Return a function that indexes documents and opens them; handles close after the module."""
    handles: list[IndexHandle] = []

    def make(docs: list[Document]) -> IndexHandle:
        root = tmp_path_factory.mktemp("index") / "index"
        build_from_documents(root, docs)
        handles.append(IndexHandle(root))
        return handles[-1]

    yield make
    for handle in handles:
        handle.close()


@pytest.fixture
def index_root(tmp_path: Path) -> Path:
    """An index holding FIXTURE_DOCS."""
    root = tmp_path / "index"
    build_from_documents(root, FIXTURE_DOCS)
    return root


@pytest.fixture
def app(index_root: Path):
    """The app on the fixture index; its searcher is closed afterwards."""
    app = create_app({"INDEX": str(index_root), "TESTING": True})
    yield app
    app.extensions["archive_search"].handle.close()


@pytest.fixture
def client(app):
    """Flask's test client for the app."""
    return app.test_client()
