"""Deciding a file's kind from its content, not its name."""
from __future__ import annotations

import pytest

from search.errors import BadSource
from search.sources import detect_kind

LONG_XML_DECLARATION = (b'<?xml version="1.0" encoding="' + b"keyword, " * 800 + b'"?>\n'
                        b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Text.</p>")


@pytest.mark.parametrize("raw, kind", [
    (b"<!doctype html><html><body><p>A page.</p></body></html>", "html"),
    (LONG_XML_DECLARATION, "html"),  # <html> past the first 4 kB (an l3s page)
    (b"Skip to main content\n\nHeadline\n\nA sentence of the article.\n", "text-dump"),
    (b"The <body> of evidence grew.\nA second line.\n" * 3, "text-dump"),
])
def test_kind_comes_from_content(raw, kind):
    assert detect_kind(raw) == kind


def test_binary_content_is_refused():
    with pytest.raises(BadSource, match="binary"):
        detect_kind(bytes(range(256)) * 10)
