"""The document page: copies of a syndicated story, related documents, quotes, the first mark."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from search.documents import Document, Quote
from search.index.indexer import build_from_documents
from web import create_app

STORY = ("Mediators from Qatar and Egypt met Hamas negotiators in Cairo on Sunday. "
         "The talks focused on a permanent ceasefire and the return of displaced people. "
         "An Israeli delegation is expected to arrive later in the week to review the text. "
         "Officials said the gaps between the two sides remained wide on several points. ")
OTHER = ("Foreign ministers gathered in Doha to discuss humanitarian aid for Gaza and the "
         "reopening of border crossings. Aid agencies warned of shortages of fuel and food. ")


@pytest.fixture
def client(tmp_path):
    docs = [
        Document(id="orig", source="a.txt", kind="text-dump", title="Talks resume in Cairo",
                 outlet="Reuters", date="2024-05-20", body=STORY * 2,
                 speakers=["Musa Abu Marzouk"],
                 quotes=[Quote("Musa Abu Marzouk", "The ceasefire must be permanent", "said")]),
        Document(id="copy", source="b.txt", kind="text-dump", title="Cairo talks resume",
                 outlet="Westside People", date="2024-05-23", body=STORY * 2),
        Document(id="near", source="c.txt", kind="text-dump", title="Aid talks in Doha",
                 outlet="Al Jazeera", date="2024-05-21",
                 # Shares the story's words but is mostly another text: related, not a copy.
                 body=OTHER * 3 + STORY),
        Document(id="raw", source="d.txt", kind="text-dump", title="Menu | Talks", body=OTHER,
                 uncleaned="cleaning took longer than 30s"),
    ]
    build_from_documents(tmp_path / "index", docs)
    app = create_app({"INDEX": str(tmp_path / "index")})
    yield app.test_client()
    app.extensions["archive_search"].handle.close()


def test_an_uncleaned_document_says_so(client):
    page = BeautifulSoup(client.get("/doc/raw").get_data(as_text=True), "html.parser")
    assert "Uncleaned" in page.find(class_="uncleaned").get_text()
    assert client.get("/doc/raw.json").get_json()["uncleaned"] is True
    assert not BeautifulSoup(client.get("/doc/orig").get_data(as_text=True),
                             "html.parser").find(class_="uncleaned")
    assert client.get("/doc/orig.json").get_json()["uncleaned"] is False


def test_copies_collapse_into_one_hit(client):
    data = client.get("/search?q=hamas+negotiators").get_json()
    assert data["total"] == 3 and data["stories"] == 2
    story = next(h for h in data["hits"] if h["id"] in ("orig", "copy"))
    others = {"orig": ["copy"], "copy": ["orig"]}[story["id"]]
    assert [c["id"] for c in story["copies"]] == others  # the other copies, never the hit
    alone = next(h for h in data["hits"] if h["id"] not in ("orig", "copy"))
    assert alone["copies"] == []
    every = client.get("/search?q=hamas+negotiators&collapse=false").get_json()
    assert len(every["hits"]) == 3


def test_document_page_lists_copies_related_and_quotes(client):
    page = BeautifulSoup(client.get("/doc/orig?q=ceasefire").get_data(as_text=True),
                         "html.parser")
    copies = page.find(id="copies-h").find_parent("section")
    assert [a.get_text() for a in copies.find_all("a")] == ["Westside People"]
    related = page.find(id="related-h").find_parent("section")
    assert [a["href"] for a in related.find_all("a")] == ["/doc/near"]
    quotes = page.find(id="quotes-h").find_parent("section")
    assert "The ceasefire must be permanent" in quotes.get_text()
    assert quotes.find("a")["href"] == "/quotes?speaker=Musa+Abu+Marzouk"
    assert page.find(id="first-mark").mark.get_text() == "ceasefire"
    assert page.find("a", href="#first-mark")


def test_pages_count_stories_when_copies_are_collapsed(client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/?q=hamas+negotiators&per_page=1").get_data(as_text=True),
                         "html.parser")
    assert "Page 1 of 2" in page.select_one("nav.pages").get_text()  # 3 documents, 2 stories
    every = BeautifulSoup(client.get("/?q=hamas+negotiators&per_page=1&collapse=false")
                          .get_data(as_text=True), "html.parser")
    assert "Page 1 of 3" in every.select_one("nav.pages").get_text()
