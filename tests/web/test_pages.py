"""The HTML pages: the form, results with marks and facets, the document page, errors."""
from __future__ import annotations

from bs4 import BeautifulSoup


def soup(res) -> BeautifulSoup:
    return BeautifulSoup(res.get_data(as_text=True), "html.parser")


def test_home_has_a_labelled_search_form(client):
    page = soup(client.get("/"))
    box = page.find("input", id="q")
    assert box is not None and page.find("label", attrs={"for": "q"})
    assert page.find("form", attrs={"role": "search"})["method"] == "get"


def test_results_page_shows_hits_marks_and_facets(client):
    res = client.get("/?q=cairo")
    assert res.status_code == 200
    page = soup(res)
    assert page.find("input", id="q")["value"] == "cairo"
    hits = page.select("li.hit")
    assert len(hits) == 2
    titles = [h.h2.get_text(" ", strip=True) for h in hits]
    assert "Ceasefire talks stall in Cairo" in titles
    assert page.select("li.hit mark")
    link = hits[0].h2.a["href"]
    assert link.startswith("/doc/")
    facet_links = [a.get_text(strip=True) for a in page.select("aside.facets a")]
    assert "Al Mayadeen English" in facet_links and "twisted-web" in facet_links


def test_facet_link_narrows_and_undoes(client):
    page = soup(client.get("/?q=cairo"))
    href = next(a["href"] for a in page.select("aside.facets a")
                if a.get_text(strip=True) == "twisted-web")
    narrowed = soup(client.get(href))
    assert len(narrowed.select("li.hit")) == 1
    undo = next(a["href"] for a in narrowed.select("aside.facets a[aria-current]"))
    assert len(soup(client.get(undo)).select("li.hit")) == 2


def test_document_page_marks_query_terms(client):
    page = soup(client.get("/doc/a1?q=ceasefire"))
    assert page.h1.get_text() == "Ceasefire talks stall in Cairo"
    assert [m.get_text() for m in page.select(".body mark")][:1] == ["ceasefire"]
    assert "a1.txt" in page.get_text()


def test_reflected_query_is_escaped(client):
    res = client.get('/?q="><svg onload=alert(1)>')
    text = res.get_data(as_text=True)
    assert "<svg onload" not in text
    assert "&lt;svg onload" in text or "&#34;&gt;&lt;svg" in text


def test_bad_query_page_says_why(client):
    res = client.get("/?q=*x")
    assert res.status_code == 400
    assert "wildcards are allowed only at the end" in soup(res).find(class_="error").get_text()


def test_unknown_page_is_a_friendly_404(client):
    res = client.get("/no/such/page")
    assert res.status_code == 404
    assert "Traceback" not in res.get_data(as_text=True)


def test_sort_links_keep_the_query_and_mark_the_current_order(client):
    page = soup(client.get("/?q=cairo&sort=-date"))
    current = page.select_one("nav.sort [aria-current]")
    assert current.get_text() == "newest"
    hrefs = [a["href"] for a in page.select("nav.sort a")]
    assert any("sort=relevance" in h and "q=cairo" in h for h in hrefs)
    assert any("sort=date" in h for h in hrefs)


def test_quotes_page_pages_through_quotes(tmp_path):
    from search.documents import Document, Quote
    from search.index.indexer import build_from_documents
    from web import create_app

    docs = [Document(id=f"q{n}", source=f"{n}.txt", kind="text-dump", title=f"Talks {n}",
                     body=f"Words {n}.", speakers=["Musa Abu Marzouk"],
                     quotes=[Quote("Musa Abu Marzouk", f"We said thing number {n}", "said")])
            for n in range(3)]
    build_from_documents(tmp_path / "index", docs)
    app = create_app({"INDEX": str(tmp_path / "index")})
    page = soup(app.test_client().get("/quotes?speaker=Marzouk&per_page=1"))
    nxt = page.select_one("nav.pages a[rel=next]")["href"]
    assert nxt.startswith("/quotes?") and "page=2" in nxt and "speaker=Marzouk" in nxt
    assert "Page 1 of 3" in page.select_one("nav.pages").get_text()
    # Past the last page: not "no quotes match", but where the quotes are.
    past = soup(app.test_client().get("/quotes?speaker=Marzouk&per_page=1&page=9"))
    assert past.find("h2", string="Page 9 is past the last page")
    assert not past.find("h2", string="No quotes match")
    assert "page=3" in past.find("a", string="last page")["href"]
    app.extensions["archive_search"].handle.close()


def test_no_results_page_offers_ways_out(client):
    page = soup(client.get("/?q=cairo+zebra&outlet=Reuters"))
    assert page.find("h2", string="No documents match")
    undo = page.find("a", string="Search again without the filters")["href"]
    assert "outlet" not in undo and "q=cairo" in undo
    assert page.find("a", href="/help")


def test_a_page_past_the_last_says_so_not_no_match(client):
    # "ceasefire" matches one document: page 5 is past the end, and says where the hits are.
    page = soup(client.get("/?q=ceasefire&page=5"))
    assert page.find("h2", string="Page 5 is past the last page")
    assert not page.find("h2", string="No documents match")
    assert "Try fewer words" not in page.get_text()
    first = page.find("a", string="first page")["href"]
    assert "page=" not in first and "q=ceasefire" in first
    assert "page=1" in page.find("a", string="last page")["href"]


def test_a_pasted_paragraph_is_repeated_by_its_first_words_only(client):
    pasted = "Talks in Cairo on a permanent ceasefire stalled " + "and went on " * 60 + "THE-END"
    page = soup(client.get("/", query_string={"q": pasted}))
    said = page.select_one("p.summary strong").get_text()
    assert said.startswith("Talks in Cairo on a permanent ceasefire") and said.endswith("…")
    assert len(said) < 250 and "THE-END" not in page.title.get_text()
    assert page.select_one("input[name=q]")["value"] == pasted  # the box keeps it whole


def test_quotes_page_links_other_speakers_with_the_asked_name(tmp_path):
    from search.documents import Document, Quote
    from search.index.indexer import build_from_documents
    from web import create_app

    # Two fuller forms: "Brown" stays a name of its own (one would take it in).
    said = [("Brown", "A dodgy budget"), ("Gordon Brown", "Prudence <b>first</b>"),
            ("Dan Brown", "A novel")]
    docs = [Document(id=f"b{n}", source=f"{n}.txt", kind="text-dump", title="Budget",
                     body=f'"{text}," {who} said.', speakers=[who],
                     quotes=[Quote(who, text, "said")])
            for n, (who, text) in enumerate(said)]
    build_from_documents(tmp_path / "index", docs)
    app = create_app({"INDEX": str(tmp_path / "index")})
    page = soup(app.test_client().get("/quotes?speaker=Brown"))
    shown = [q.get_text(strip=True) for q in page.select("li.quote blockquote")]
    assert shown == ["“A dodgy budget”"]
    assert [a.get_text() for a in page.select("p.also a")] == ["Dan Brown", "Gordon Brown"]
    assert page.find("a", string="CSV")["href"] == "/quotes.csv?speaker=Brown"
    link = page.find("a", string="Gordon Brown")
    assert "speaker=Gordon+Brown" in link["href"]
    other = soup(app.test_client().get(link["href"]))
    assert [q.get_text(strip=True) for q in other.select("li.quote blockquote")] == [
        "“Prudence <b>first</b>”"]  # the quote's own markup shown as text
    app.extensions["archive_search"].handle.close()
