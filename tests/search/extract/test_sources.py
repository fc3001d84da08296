"""Deciding a file's kind from its content, not its name."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from search.errors import BadSource
from search.extract.sources import detect_kind

NO_HTML_ELEMENT = (b'<?xml version="1.0" encoding="' + b"keyword, " * 800 + b'"?>\n'
                   + b'<meta name="a" content="b">\n<script src="x.js"></script>\n' * 6
                   + b"<div><p>Text of the page.</p><br></div>\n" * 4)


@pytest.mark.parametrize("raw, kind", [
    (b"<!doctype html><html><body><p>A page.</p></body></html>", "html"),
    (NO_HTML_ELEMENT, "html"),  # no <html>, <head> or <body>, but tags (an l3s page)
    (b"Skip to main content\n\nHeadline\n\nA sentence of the article.\n", "text-dump"),
    (b"In HTML a <p> tag opens a paragraph and <br> breaks a line.\n" * 3, "text-dump"),
])
def test_kind_comes_from_content(raw, kind):
    assert detect_kind(raw) == kind


def test_binary_content_is_refused():
    with pytest.raises(BadSource, match="binary"):
        detect_kind(bytes(range(256)) * 10)


def test_a_file_that_grew_after_its_size_was_taken_is_read_whole_and_capped(tmp_path,
                                                                           monkeypatch):
    from types import SimpleNamespace

    from search.extract.sources import read_bytes

    path = tmp_path / "grew.txt"
    path.write_bytes(b"word " * 100)
    monkeypatch.setattr("search.extract.sources.os.fstat", lambda fd: SimpleNamespace(st_size=10))
    assert read_bytes(path, limit=1000) == b"word " * 100
    with pytest.raises(BadSource, match="too large"):
        read_bytes(path, limit=100)


MAIL_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "mail"
NAVIGATION = Path(__file__).resolve().parents[2] / "fixtures" / "navigation"
# A news site's front page, named index.html as many are, linking to a list's archive and two of
# a month's orders: an article page all the same.
NEWS_INDEX_PAGE = (
    b"<!doctype html><html><head><title>Kettle makers agree on a quieter whistle</title></head>"
    b"<body><h1>Kettle makers agree on a quieter whistle</h1>"
    b"<p>Makers of electric kettles agreed on Tuesday to lower the pitch of their whistles, "
    b"after a year of complaints from users who read the list's discussion.</p>"
    b'<p>The <a href="2011-March/thread.html">thread of March</a> and its '
    b'<a href="2011-March/date.html">messages by date</a> are public; see also '
    b'<a href="archive.html#start">our archive</a>.</p></body></html>')


@pytest.mark.parametrize("name, what", [
    ("pipermail-month-index-by-date.html", "pipermail's index of a month's messages"),
    ("pipermail-list-index-of-months.html", "pipermail's index of a list's months"),
    ("hypermail-index-by-date.html", "Hypermail's index of messages"),
    ("mhonarc-maillist.html", "MHonArc's index of messages"),
])
def test_an_archivers_navigation_page_is_refused_by_its_content(name, what):
    with pytest.raises(BadSource, match=re.escape(f"an archive's navigation page ({what})")):
        detect_kind((NAVIGATION / name).read_bytes())


@pytest.mark.parametrize("name, kind", [
    ("pipermail-page-nbsp-code.html", "pipermail-html"),  # its sort links go to "date.html#4183"
    ("hypermail-quotelev-reply.html", "hypermail"),
    ("mhonarc-reply-hidden-address.html", "mhonarc"),  # it links to msg00001.html as an index does
])
def test_an_archivers_message_page_is_no_navigation(name, kind):
    assert detect_kind((MAIL_FIXTURES / name).read_bytes()) == kind


def test_a_news_page_named_index_html_is_indexed(tmp_path):
    from search.extract.files import extract_file

    path = tmp_path / "index.html"
    path.write_bytes(NEWS_INDEX_PAGE)
    [doc] = extract_file(path)
    assert doc.title == "Kettle makers agree on a quieter whistle"
    assert "lower the pitch" in doc.body


def test_a_skipped_navigation_page_names_its_file(tmp_path):
    from search.extract.files import extract_file

    path = tmp_path / "2011-March" / "thread.html"
    path.parent.mkdir()
    path.write_bytes((NAVIGATION / "pipermail-month-index-by-date.html").read_bytes())
    with pytest.raises(BadSource) as caught:
        extract_file(path)
    assert str(path) in str(caught.value) and "navigation" in caught.value.reason
