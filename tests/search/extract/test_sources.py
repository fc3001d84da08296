"""Deciding a file's kind from its content, not its name."""
from __future__ import annotations

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
