"""Text written by strangers comes back as text on every page and in every answer."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from tests.security.conftest import RLO, assert_inert

QUERY = "ministers"
REFLECTED = ['<script>alert("q")</script>', '"><svg onload=alert(1)>', "javascript:alert(1)",
             f"{RLO}evil", "' onmouseover='alert(1)"]


def _ids(client) -> list[str]:
    answer = client.get("/search", query_string={"q": QUERY, "per_page": 50}).get_json()
    return [hit["id"] for hit in answer["hits"]]


def test_the_hostile_seeds_are_indexed_with_their_payloads(hostile_app):
    client = hostile_app.test_client()
    answer = client.get("/search", query_string={"q": QUERY}).get_json()
    assert answer["total"] == 3
    titles = {hit["title"] for hit in answer["hits"]}
    assert all('<script>alert("title")</script>' in t and RLO in t for t in titles), titles


@pytest.mark.parametrize("which", ["hostile_app", "crafted_app"])
def test_every_page_shows_the_payloads_as_text(which, request):
    app = request.getfixturevalue(which)
    client = app.test_client()
    ids = _ids(client)
    assert ids
    urls = ["/", "/help", f"/?q={QUERY}", f"/?q={QUERY}&sort=-date", f"/?q={QUERY}&per_page=1",
            *[f"/doc/{i}" for i in ids], *[f"/doc/{i}?q=script+alert+ministers" for i in ids]]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        soup = assert_inert(response.data)
        assert soup.find("main") is not None, url


def test_the_document_page_shows_title_and_body_verbatim(hostile_app):
    client = hostile_app.test_client()
    for doc_id in _ids(client):
        soup = assert_inert(client.get(f"/doc/{doc_id}?q=script").data)
        title = soup.find("h1").get_text()
        assert '<script>alert("title")</script>' in title and RLO in title
        body = soup.find("div", class_="body").get_text()
        assert "<img src=x onerror=alert(6)>" in body and "javascript:alert(4)" in body


@pytest.mark.parametrize("facet", ["outlet", "speaker"])
def test_facet_links_and_filters_carry_payloads_as_text(crafted_app, facet):
    client = crafted_app.test_client()
    answer = client.get("/search", query_string={"q": QUERY}).get_json()
    values = [f["value"] for f in answer["facets"][facet]]
    assert any("<" in v for v in values), values
    for value in values:
        response = client.get("/", query_string={"q": QUERY, facet: value})
        assert response.status_code == 200
        soup = assert_inert(response.data)
        assert value in soup.get_text()  # shown as text in the facet list
        hidden = soup.find("input", attrs={"type": "hidden", "name": facet})
        assert hidden is not None and hidden["value"] == value


@pytest.mark.parametrize("payload", REFLECTED)
def test_reflected_query_and_filters_are_text(hostile_app, payload):
    client = hostile_app.test_client()
    args = {"q": payload, "outlet": payload, "speaker": payload, "sort": payload}
    for url in ("/", "/doc/0123456789abcdef"):
        response = client.get(url, query_string=args)
        soup = assert_inert(response.data)
        if url == "/":
            assert soup.find("input", id="q")["value"] == payload
    response = client.get("/", query_string={"q": payload})
    assert response.status_code in (200, 400)
    assert_inert(response.data)


@pytest.mark.parametrize("path", ["/nope<script>alert(1)</script>",
                                  '/doc/"><svg onload=alert(1)>', "/doc/javascript:alert(1)",
                                  "/?q=(((((&page=<script>", "/?q=x&from=<img src=x onerror=1>"])
def test_error_pages_are_text(hostile_app, path):
    response = hostile_app.test_client().get(path)
    assert response.status_code in (400, 404)
    assert response.mimetype == "text/html"
    assert_inert(response.data)


def test_json_answers_are_json_with_the_payloads_as_data(hostile_app, crafted_app):
    for app in (hostile_app, crafted_app):
        client = app.test_client()
        for url in [f"/search?q={QUERY}", *[f"/doc/{i}.json" for i in _ids(client)],
                    "/healthz", "/search?q=<script>&page=x", "/doc/nope<script>.json"]:
            response = client.get(url)
            assert response.mimetype == "application/json", url
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            json.loads(response.data)
    doc = crafted_app.test_client().get("/doc/e5.json").get_json()
    assert doc["speakers"][0] == 'Mallory "><svg onload=alert(3)>'
    assert doc["quotes"][0]["text"] == "<script>alert('quote')</script>"


def test_snippets_escape_the_body(hostile_app):
    answer = hostile_app.test_client().get("/search", query_string={"q": "onerror"}).get_json()
    assert answer["hits"]
    for hit in answer["hits"]:
        for snippet in hit["snippets"] + [hit["title_html"]]:
            assert_inert(f"<p>{snippet}</p>")
            assert "<script" not in snippet and "<img" not in snippet and "<svg" not in snippet


def _route(app, rule: str) -> bool:
    return any(r.rule == rule for r in app.url_map.iter_rules())


def _feed_client(app, rule: str):
    """Return a client for a feed or export route, which must exist."""
    assert _route(app, rule), f"{rule} is missing"
    return app.test_client()


def test_atom_feed_is_well_formed_and_holds_payloads_as_text(hostile_app):
    client = _feed_client(hostile_app, "/search.atom")
    response = client.get("/search.atom", query_string={"q": QUERY})
    assert response.status_code == 200
    assert "xml" in response.mimetype
    root = ET.fromstring(response.data)  # a breakout would make the feed malformed
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [t.text or "" for t in root.iterfind("a:entry/a:title", ns)]
    assert any('<script>alert("title")</script>' in t for t in titles), titles
    for element in root.iter():
        if element.get("type") in ("html", "xhtml"):
            assert_inert(f"<div>{element.text or ''}</div>")
        for attr, value in element.attrib.items():
            assert not attr.lower().startswith("on")
            assert not value.strip().lower().startswith("javascript:")


@pytest.mark.parametrize("which", ["hostile_app", "crafted_app"])
def test_csv_export_neutralises_formulas(which, request):
    app = request.getfixturevalue(which)
    client = _feed_client(app, "/search.csv")
    response = client.get("/search.csv", query_string={"q": QUERY})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_export_neutralises_a_formula_in_a_title(tmp_path):
    from search.documents import Document
    from search.index.indexer import build_from_documents
    from web import create_app

    root = tmp_path / "index"
    build_from_documents(root, [Document(
        id="f1", source="f.txt", kind="text-dump", title='=HYPERLINK("http://evil","ministers")',
        outlet="+cmd|' /C calc'!A0", author="@SUM(1+1)", body="-2+3 ministers met")])
    app = create_app({"INDEX": str(root), "TESTING": True})
    try:
        client = _feed_client(app, "/search.csv")
        text = client.get("/search.csv", query_string={"q": QUERY}).get_data(as_text=True)
        for row in csv.reader(io.StringIO(text)):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    finally:
        app.extensions["archive_search"].handle.close()


def test_ndjson_export_is_one_json_object_a_line(crafted_app):
    client = _feed_client(crafted_app, "/search.ndjson")
    response = client.get("/search.ndjson", query_string={"q": QUERY})
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    lines = [line for line in response.get_data(as_text=True).splitlines() if line]
    assert lines and all(isinstance(json.loads(line), dict) for line in lines)
    assert any('"><svg onload=alert(1)>' in line for line in lines)


def test_quotes_view_shows_payloads_as_text(crafted_app):
    client = _feed_client(crafted_app, "/quotes")
    for args in ({}, {"q": QUERY}, {"speaker": 'Mallory "><svg onload=alert(3)>'}):
        response = client.get("/quotes", query_string=args)
        assert response.status_code in (200, 400)
        if response.mimetype == "application/json":
            json.loads(response.data)
        else:
            assert response.mimetype == "text/html"
            assert_inert(response.data)
