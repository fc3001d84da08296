"""Hostile archives indexed through the real indexer, and checks that a page lets nothing run."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from search.documents import Document, Quote
from search.index.indexer import build_from_documents, update_index
from web import create_app

HOSTILE = Path(__file__).parent.parent / "fixtures" / "hostile"
RLO = "\u202e"
# The payloads the fixtures carry; each must come back as text, never as markup.
PAYLOADS = ['<script>alert("title")</script>', '"><svg onload=alert(1)>',
            "<img src=x onerror=alert(6)>", "javascript:alert(4)"]
# Every element the templates emit (read from them); anything else on a page was injected.
TEMPLATES = Path(__file__).parent.parent.parent / "web" / "templates"
TEMPLATE_TAGS = {m.group(1).lower() for t in TEMPLATES.glob("*.html")
                 for m in re.finditer(r"<([a-zA-Z][a-zA-Z0-9]*)\b", t.read_text())} | {
    "mark",  # search.engine.highlight marks matched words
}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
SCRIPT_SRC = "/static/app.js"

# Speakers, outlet and quotes the extractors would not produce from the fixtures, written
# straight into an index so that facet links and filters carry the payloads too.
CRAFTED = Document(
    id="e5", source="crafted/e5.txt", kind="text-dump",
    title=f'Crafted "><svg onload=alert(1)> {RLO}fdp.exe title',
    outlet='Evil <script>alert("outlet")</script> News',
    author="Mallory<img src=x onerror=alert(2)>", date="2024-03-07",
    speakers=['Mallory "><svg onload=alert(3)>', f"Eve {RLO}senoJ <b onmouseover=alert(7)>"],
    quotes=[Quote('Mallory "><svg onload=alert(3)>', "<script>alert('quote')</script>", "said")],
    body="Crafted ministers met with javascript:alert(4) and <img src=x onerror=alert(6)> "
         "in the body.\nA second paragraph about ministers <a href=\"javascript:alert(5)\">x</a>.")


def assert_inert(html: str | bytes) -> BeautifulSoup:
    """Assert a page holds no element, attribute or link that the templates did not put there."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in TEMPLATE_TAGS, f"injected element <{tag.name}>: {str(tag)[:120]}"
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), f"event handler {attr} on <{tag.name}>"
            if attr.lower() in URL_ATTRS:
                text = "".join(value) if isinstance(value, list) else value
                assert not "".join(text.split()).lower().startswith(("javascript:", "data:text")), \
                    f"{attr}={text[:80]!r} on <{tag.name}>"
    for script in soup.find_all("script"):
        assert script.get("src") == SCRIPT_SRC and not script.string, str(script)[:120]
    return soup


@pytest.fixture(scope="session")
def hostile_root(tmp_path_factory) -> Path:
    """An index built by the real indexer from the hostile seeds, plus the crafted document."""
    base = tmp_path_factory.mktemp("hostile")
    seeds = base / "seeds"
    shutil.copytree(HOSTILE, seeds, ignore=shutil.ignore_patterns("README.md"))
    root = base / "index"
    stats = update_index(seeds, root, workers=1)
    assert not stats.skipped, stats.skipped
    return root


@pytest.fixture(scope="session")
def crafted_root(tmp_path_factory) -> Path:
    """An index holding only the crafted document."""
    root = tmp_path_factory.mktemp("crafted") / "index"
    build_from_documents(root, [CRAFTED])
    return root


def _app(root: Path):
    return create_app({"INDEX": str(root), "TESTING": True})


@pytest.fixture(scope="session")
def hostile_app(hostile_root: Path):
    """The app on the hostile index, shared by the module's tests."""
    app = _app(hostile_root)
    yield app
    app.extensions["archive_search"].handle.close()


@pytest.fixture(scope="session")
def crafted_app(crafted_root: Path):
    """The app on the crafted index."""
    app = _app(crafted_root)
    yield app
    app.extensions["archive_search"].handle.close()
