"""Atom documents and export rows built from plain result dicts and stored fields."""
from __future__ import annotations

import csv
import io
import json
import re
from xml.etree import ElementTree as ET

import pytest

from search.features.exports import COLUMNS, Exporter, csv_lines, export_row, ndjson_lines, neutralise
from search.features.atom import ATOM, atom_feed, doc_entry_id, feed_id
from search.query.request import SearchRequest

A = f"{{{ATOM}}}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
RESULT = {
    "query": "cairo <b>",
    "hits": [
        {"id": "a1", "title": "Talks stall in Cairo & Doha", "outlet": "Reuters",
         "date": "2024-05-23", "snippets": ["Talks in <mark>Cairo</mark> &lt;script&gt;"]},
        {"id": "b2", "title": "", "outlet": None, "date": None,
         "snippets": ["bad \x0b control"]},
    ],
}


def feed(result: dict = RESULT) -> ET.Element:
    xml = atom_feed(result, feed_url="http://x.test/search.atom?q=cairo",
                    html_url="http://x.test/?q=cairo",
                    doc_url=lambda i: f"http://x.test/doc/{i}", canonical_query="q=cairo",
                    indexed_at="2024-06-01T10:00:00+00:00")
    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ET.fromstring(xml)


def one(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.findall(A + tag)
    assert len(found) == 1, f"{tag} must appear once"
    return found[0]


def test_feed_follows_the_atom_rules():
    root = feed()
    assert root.tag == A + "feed"
    assert one(root, "id").text == feed_id("q=cairo")
    assert one(root, "title").text == "archive-search: cairo <b>"
    assert one(root, "updated").text == "2024-06-01T10:00:00Z"
    links = {link.get("rel"): link.get("href") for link in root.findall(A + "link")}
    assert links == {"self": "http://x.test/search.atom?q=cairo",
                     "alternate": "http://x.test/?q=cairo"}
    assert one(one(root, "author"), "name").text
    entries = root.findall(A + "entry")
    assert len(entries) == 2
    for entry in entries:
        assert one(entry, "id").text.startswith("urn:uuid:")
        assert one(entry, "title").text
        assert RFC3339.match(one(entry, "updated").text)
        assert one(entry, "link").get("rel") == "alternate"
    assert len({one(e, "id").text for e in entries}) == 2


def test_entries_carry_the_document_and_a_plain_summary():
    first, second = feed().findall(A + "entry")
    assert one(first, "id").text == doc_entry_id("a1")
    assert one(first, "link").get("href") == "http://x.test/doc/a1"
    assert one(first, "updated").text == "2024-05-23T00:00:00Z"
    assert one(first, "title").text == "Talks stall in Cairo & Doha"
    summary = one(first, "summary")
    assert summary.get("type") == "text"
    assert summary.text == "Talks in Cairo <script>"  # text, escaped by the XML writer
    assert one(first, "category").get("term") == "Reuters"
    assert one(second, "title").text == "(no title)"
    assert one(second, "updated").text == "2024-06-01T10:00:00Z"  # undated: the index's time
    assert one(second, "summary").text == "bad  control"


def test_a_message_entry_names_its_sender_and_a_page_inherits_the_feeds_author():
    """Every message of a mail search read "by archive-search" in a feed reader: an entry without
    an author takes the feed's (RFC 4287 4.2.1)."""
    mail = {"query": "vinegar", "hits": [
        {"id": "m1", "title": "Kettle descaling", "outlet": "test-list", "date": "2009-01-09",
         "author": "Carol \x0b<c>", "snippets": ["<mark>Vinegar</mark> works"]},
        {"id": "p1", "title": "A page", "outlet": None, "date": None, "author": None, "snippets": []},
    ]}
    message, page = feed(mail).findall(A + "entry")
    assert one(one(message, "author"), "name").text == "Carol <c>"
    assert page.findall(A + "author") == []


def test_ids_are_stable_and_distinct():
    assert doc_entry_id("a1") == doc_entry_id("a1") != doc_entry_id("a2")
    assert feed_id("q=x") != feed_id("q=y")


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+1 555", "'+1 555"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("Cairo talks", "Cairo talks"), ("", ""), ("a=b", "a=b"),
])
def test_formula_cells_are_neutralised(cell, expected):
    assert neutralise(cell) == expected


ROWS = [
    export_row({"id": "a1", "title": "=1+2", "outlet": "Reuters", "date": "2024-05-23",
                "speakers": ["A B", "C D"], "kind": "text-dump", "source": "a.txt",
                "score": 1.5, "snippets": ["Talks in <mark>Cairo</mark> &amp; Doha", "more"]}),
    export_row({"id": "b2", "title": "Line\nbreak, \"quoted\"", "outlet": None, "date": None,
                "speakers": [], "snippets": []}),
]


def test_csv_has_a_header_and_one_line_per_row():
    text = "".join(csv_lines(ROWS))
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == list(COLUMNS)
    assert table[1] == ["a1", "'=1+2", "Reuters", "2024-05-23", "A B; C D", "text-dump",
                        "a.txt", "1.5", "/doc/a1", "Talks in Cairo & Doha", "", "", "", ""]
    assert table[2][1] == "Line\nbreak, \"quoted\"" and table[2][3] == ""
    assert len(table) == 3
    assert list(csv.reader(io.StringIO("".join(csv_lines([]))))) == [list(COLUMNS)]


def test_ndjson_is_one_object_a_line():
    lines = "".join(ndjson_lines(ROWS)).splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a1", "b2"]
    assert json.loads(lines[0])["speakers"] == ["A B", "C D"]
    assert json.loads(lines[1])["date"] is None


class PagedEngine:
    """A stand-in engine with `count` hits, recording the pages asked for."""

    def __init__(self, count: int, grows_by: int = 0) -> None:
        self.count, self.grows_by, self.pages = count, grows_by, []

    def search(self, request: SearchRequest) -> dict:
        self.pages.append((request.page, request.per_page))
        total = self.count + (self.grows_by if request.page > 1 else 0)
        start = (request.page - 1) * request.per_page
        ids = range(start, min(start + request.per_page, total))
        return {"total": total, "hits": [{"id": f"d{n}", "snippets": []} for n in ids]}


@pytest.mark.parametrize("count, grows_by, pages", [
    (0, 0, [(1, 100)]),
    (100, 0, [(1, 100)]),
    (250, 0, [(1, 100), (2, 100), (3, 100)]),
    (150, 30, [(1, 100), (2, 100)]),  # the index grew during the export: keep to the total
])
def test_exports_page_through_every_hit(count, grows_by, pages):
    engine = PagedEngine(count, grows_by)
    found = Exporter(engine).export(SearchRequest(q="x", page=7, per_page=5))
    rows = list(found.rows)
    assert found.total == count == len(rows)
    assert [r["id"] for r in rows] == [f"d{n}" for n in range(count)]
    assert engine.pages == pages


@pytest.mark.parametrize("query, canonical, title", [
    ("cairo", "q=cairo", "archive-search: cairo"),
    ("", "speaker=Martin+O%27Neill", "archive-search: speaker: Martin O'Neill"),
    ("budget", "from=2005&q=budget&speaker=Gordon+Brown",
     "archive-search: budget; from: 2005; speaker: Gordon Brown"),
])
def test_the_feed_title_names_the_filters(query, canonical, title):
    result = {"query": query, "hits": []}
    xml = atom_feed(result, feed_url="http://x.test/f", html_url="http://x.test/",
                    doc_url=lambda i: i, canonical_query=canonical, indexed_at=None)
    assert one(ET.fromstring(xml), "title").text == title
