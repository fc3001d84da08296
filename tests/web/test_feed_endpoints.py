"""/search.atom, /search.csv, /search.ndjson, /quotes and /quotes.json on an archive built here."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from xml.etree import ElementTree as ET

import pytest

from search.documents import Document, Quote
from search.features.atom import ATOM, doc_entry_id
from search.index.indexer import build_from_documents
from web import create_app

A = f"{{{ATOM}}}"
REPORTS = 130  # more than the largest page, so an export that pages would come up short


def reports() -> list[Document]:
    start = date(2023, 1, 1)
    return [Document(id=f"m{n:03d}", source=f"m{n:03d}.txt", kind="text-dump",
                     title=f"Market report {n}", outlet="Reuters" if n % 2 else "AP",
                     date=(start + timedelta(days=n)).isoformat() if n % 10 else None,
                     body=f"Stocks moved on trading day {n} as the market weighed rates.")
            for n in range(REPORTS)]


SPECIAL = [
    Document(id="x1", source="x1.txt", kind="text-dump", title="=HYPERLINK(\"http://evil\")",
             outlet="@outlet", date="2024-02-02",
             body="A market oddity <script>alert(1)</script>."),
    Document(id="x2", source="x2.txt", kind="text-dump", title="Truce talks",
             outlet="Al Mayadeen English", date="2024-03-06", speakers=["Ismail Haniyeh"],
             quotes=[Quote("Ismail Haniyeh", "The ceasefire must be <b>permanent</b>", "said")],
             body="Talks on a permanent ceasefire stalled."),
]


@pytest.fixture
def make_client(tmp_path):
    apps = []

    def make(docs: list[Document]):
        root = tmp_path / f"index{len(apps)}"
        build_from_documents(root, docs)
        app = create_app({"INDEX": str(root), "TESTING": True})
        apps.append(app)
        return app.test_client()

    yield make
    for app in apps:
        app.extensions["archive_search"].handle.close()


@pytest.fixture
def client(make_client):
    return make_client(reports() + SPECIAL)


def entries(res) -> list[ET.Element]:
    assert res.status_code == 200 and res.mimetype == "application/atom+xml"
    root = ET.fromstring(res.data)
    assert root.tag == A + "feed"
    return root.findall(A + "entry")


def test_atom_feed_is_newest_first_and_links_documents(client):
    res = client.get("/search.atom?q=market")
    found = entries(res)
    assert len(found) == 20
    ids = [e.find(A + "link").get("href").rsplit("/", 1)[1] for e in found]
    assert ids[:2] == ["x1", "m129"]
    updated = [e.find(A + "updated").text for e in found]
    assert updated[1:] == sorted(updated[1:], reverse=True) and updated[0] == "2024-02-02T00:00:00Z"
    root = ET.fromstring(res.data)
    self_link = [l for l in root.findall(A + "link") if l.get("rel") == "self"]
    assert self_link[0].get("href") == "http://localhost/search.atom?q=market"
    assert b"<script>" not in res.data


def test_feed_id_names_the_search_not_the_argument_order(client):
    one = ET.fromstring(client.get("/search.atom?q=market&outlet=AP").data).find(A + "id").text
    two = ET.fromstring(client.get("/search.atom?outlet=AP&q=market").data).find(A + "id").text
    other = ET.fromstring(client.get("/search.atom?q=market").data).find(A + "id").text
    assert one == two != other


def test_a_reindex_adds_new_entries_and_keeps_old_ids(make_client):
    before = entries(make_client(reports()).get("/search.atom?q=market&per_page=5"))
    added = Document(id="new1", source="new1.txt", kind="text-dump", title="Market news",
                     date="2024-06-01", body="The market rallied.")
    after = entries(make_client(reports() + [added]).get("/search.atom?q=market&per_page=6"))
    old_ids = [e.find(A + "id").text for e in before]
    assert [e.find(A + "id").text for e in after] == [doc_entry_id("new1")] + old_ids


def test_csv_exports_every_hit_with_neutralised_cells(client):
    total = client.get("/search?q=market").get_json()["total"]
    res = client.get("/search.csv?q=market")
    assert res.status_code == 200 and res.mimetype == "text/csv"
    assert res.headers["Content-Disposition"] == 'attachment; filename="search.csv"'
    table = list(csv.reader(io.StringIO(res.get_data(as_text=True))))
    assert total == REPORTS + 1 == len(table) - 1 == int(res.headers["X-Total-Count"])
    oddity = next(row for row in table if row[0] == "x1")
    assert oddity[1] == "'=HYPERLINK(\"http://evil\")" and oddity[2] == "'@outlet"


@pytest.mark.parametrize("args", ["q=market&outlet=AP", "q=market&from=2023-03-01&to=2023-03-31",
                                  "q=market&sort=date", "q=ceasefire", "q=nothingmatches"])
def test_ndjson_has_the_filters_order_and_total_of_the_search(client, args):
    search = client.get(f"/search?{args}&per_page=100").get_json()
    res = client.get(f"/search.ndjson?{args}")
    assert res.mimetype == "application/x-ndjson"
    rows = [json.loads(line) for line in res.get_data(as_text=True).splitlines()]
    assert len(rows) == search["total"] == int(res.headers["X-Total-Count"])
    assert [r["id"] for r in rows[:len(search["hits"])]] == [h["id"] for h in search["hits"]]


def test_exports_refuse_bad_requests(client):
    assert client.get("/search.csv").status_code == 400
    assert client.get("/search.ndjson?q=*x").status_code == 400


@pytest.mark.parametrize("path, status, code", [
    ("/search.mbox?q=ne*", 400, "prefix_too_short"),
    ("/search.mbox", 400, "missing_query"),
    ("/search.atom?q=ne*", 400, "prefix_too_short"),
    ("/search.csv?q=cairo&page=0", 400, "bad_page"),
    ("/thread/0000000000000000.mbox", 404, "not_found"),
])
def test_exports_answer_their_errors_as_json_not_a_page(client, path, status, code):
    # A mail client or a script reads these: an HTML page would be taken for the file.
    res = client.get(path)
    assert res.status_code == status and res.mimetype == "application/json"
    assert res.get_json()["error"]["code"] == code


def test_quotes_json_lists_who_said_what(client):
    data = client.get("/quotes.json?speaker=Haniyeh&q=ceasefire").get_json()
    assert list(data)[:5] == ["query", "speakers", "total", "documents", "page"]
    assert data["total"] == 1
    assert data["quotes"] == [{"text": "The ceasefire must be <b>permanent</b>",
                               "speaker": "Ismail Haniyeh", "cue": "said", "doc_id": "x2",
                               "title": "Truce talks", "outlet": "Al Mayadeen English",
                               "date": "2024-03-06"}]
    assert client.get("/quotes.json?speaker=Haniyeh&q=stocks").get_json()["total"] == 0


def test_quotes_json_needs_words_or_a_speaker(client):
    res = client.get("/quotes.json")
    assert res.status_code == 400
    message = "give words (q) or a speaker: /quotes?speaker=Name&q=words"
    assert res.get_json() == {"error": {"code": "missing_query", "message": message}}


def test_quotes_page_escapes_what_people_said(client):
    res = client.get("/quotes?speaker=Ismail+Haniyeh")
    page = res.get_data(as_text=True)
    assert res.status_code == 200
    assert "&lt;b&gt;permanent&lt;/b&gt;" in page and "<b>permanent" not in page
    assert 'href="/doc/x2' in page and "Al Mayadeen English" in page
    assert client.get("/quotes").status_code == 200


def test_quotes_csv_exports_every_quote_of_a_speaker(make_client):
    # More quotes than /quotes.json's largest page, names with an apostrophe and an accent, a
    # quote that opens like a formula.
    said = [Document(id=f"q{n:03d}", source=f"q{n:03d}.txt", kind="text-dump",
                     title=f"Match report {n}", outlet="Ràdio Ñ",
                     date=f"2005-01-{n % 28 + 1:02d}",
                     body=f'"We played well, game {n}," Martin O\'Neill said.',
                     speakers=["Martin O'Neill"],
                     quotes=[Quote("Martin O'Neill", f"We played well, game {n}", "said")])
            for n in range(REPORTS)]
    said.append(Document(id="s1", source="s1.txt", kind="text-dump", title="Sánchez speaks",
                         date=None, body='"=1+2 is the score," Lawrie Sánchez said.',
                         speakers=["Lawrie Sánchez"],
                         quotes=[Quote("Lawrie Sánchez", "=1+2 is the score", "said")]))
    client = make_client(said)
    res = client.get("/quotes.csv?speaker=O'Neill")
    assert res.status_code == 200 and res.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(res.get_data(as_text=True))))
    assert len(rows) == REPORTS == int(res.headers["X-Total-Count"])
    assert list(rows[0]) == ["speaker", "text", "cue", "date", "outlet", "title", "doc_id", "url"]
    assert {r["speaker"] for r in rows} == {"Martin O'Neill"}
    assert {r["outlet"] for r in rows} == {"Ràdio Ñ"}
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    assert rows[0]["date"] == "2005-01-28"
    assert rows[0]["url"] == f"http://localhost/doc/{rows[0]['doc_id']}"
    found = client.get("/quotes.csv?speaker=sanchez").get_data(as_text=True)
    (row,) = csv.DictReader(io.StringIO(found))  # accents folded, as speaker:sanchez does
    assert row["speaker"] == "Lawrie Sánchez" and row["text"] == "'=1+2 is the score"
    assert row["date"] == ""
    assert client.get("/quotes.csv").status_code == 400
