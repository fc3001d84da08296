"""The /search JSON endpoint, its errors, the document endpoints and /healthz."""
from __future__ import annotations

import pytest

from web import create_app


def test_search_json_shape(client):
    res = client.get("/search?q=ceasefire")
    assert res.status_code == 200
    assert res.mimetype == "application/json"
    data = res.get_json()
    assert list(data)[:6] == ["query", "interpreted", "total", "page", "per_page", "hits"]
    assert data["query"] == "ceasefire"
    assert data["total"] == 1 and data["page"] == 1 and data["per_page"] == 10
    assert isinstance(data["took_ms"], float)
    (hit,) = data["hits"]
    assert hit["id"] == "a1"
    assert hit["title"] == "Ceasefire talks stall in Cairo"
    assert hit["outlet"] == "Al Mayadeen English"
    assert hit["date"] == "2024-03-06"
    assert hit["speakers"] == ["Ismail Haniyeh"]
    assert hit["score"] > 0
    assert any("<mark>ceasefire</mark>" in s for s in hit["snippets"])


def test_search_json_says_in_a_header_whether_the_answer_cache_gave_it(client):
    first, again = client.get("/search?q=ceasefire"), client.get("/search?q=ceasefire")
    assert first.headers["X-Answer-Cache"] == "miss" and first.get_json()["cached"] is False
    assert again.headers["X-Answer-Cache"] == "hit" and again.get_json()["cached"] is True
    assert again.get_json()["hits"] == first.get_json()["hits"]


@pytest.mark.parametrize("query, status, code, message", [
    ("", 400, "missing_query", "the parameter q is required, or a filter (outlet, speaker, from, to, "
     "thread): /search?q=words"),
    ("q=x&page=abc", 400, "bad_page", "page must be a whole number, not 'abc'"),
    ("q=x&per_page=100000", 400, "bad_per_page", "per_page must be between 1 and 100"),
    ("q=x&from=notadate", 400, "bad_date",
     "from must be a date as YYYY-MM-DD (or YYYY-MM, YYYY), not 'notadate'"),
    ("q=x&sort=random", 400, "bad_sort", "sort must be one of relevance, date, -date, not 'random'"),
    ("q=*cease", 400, "bad_wildcard",
     "wildcards are allowed only at the end of a word (e.g. negoti*)"),
])
def test_bad_requests_answer_400_with_a_reason(client, query, status, code, message):
    res = client.get("/search?" + query)
    assert res.status_code == status
    assert res.get_json() == {"error": {"code": code, "message": message}}


def test_filters_combine(client):
    data = client.get("/search?q=cairo&outlet=Al+Mayadeen+English").get_json()
    assert [h["id"] for h in data["hits"]] == ["a1"]
    data = client.get("/search?q=cairo&from=2024-01-01&to=2024-12-31").get_json()
    assert [h["id"] for h in data["hits"]] == ["a1"]
    data = client.get("/search?q=said&speaker=Antony+Blinken").get_json()
    assert [h["id"] for h in data["hits"]] == ["b2"]


@pytest.mark.parametrize("name", ["+Antony+Blinken+", "Antony++Blinken", "Antony%09Blinken"])
def test_a_speaker_filter_pasted_with_extra_spaces_is_the_name(client, name):
    data = client.get(f"/search?q=said&speaker={name}").get_json()
    assert [h["id"] for h in data["hits"]] == ["b2"] and data["notes"] == []


def test_sort_by_date_and_pagination(client):
    data = client.get("/search?q=said OR stocks OR twisted&sort=-date&per_page=2").get_json()
    assert data["total"] == 4
    assert [h["date"] for h in data["hits"]] == ["2024-05-23", "2024-03-06"]
    page2 = client.get("/search?q=said OR stocks OR twisted&sort=-date&per_page=2&page=2")
    assert [h["id"] for h in page2.get_json()["hits"]] == ["c3", "d4"]


def test_stored_markup_is_escaped_in_snippets(client):
    (hit,) = client.get("/search?q=stocks").get_json()["hits"]
    joined = " ".join(hit["snippets"])
    assert "<script>" not in joined and "&lt;script&gt;" in joined


def test_document_json_and_unknown_ids(client):
    doc = client.get("/doc/b2.json").get_json()
    assert doc["title"] == "Blinken calls proposal generous"
    assert doc["body"].startswith("Antony Blinken said")
    for bad in ("/doc/nope.json", "/doc/..%2F..%2Fetc%2Fpasswd", "/doc/%00"):
        assert client.get(bad).status_code == 404


def test_healthz(client):
    data = client.get("/healthz").get_json()
    assert data["status"] == "ok" and data["documents"] == 4
    assert data["generation"] and data["indexed_at"]


def test_healthz_without_index_is_503(tmp_path):
    app = create_app({"INDEX": str(tmp_path / "none")})
    client = app.test_client()
    res = client.get("/healthz")
    assert res.status_code == 503
    assert res.get_json()["status"] == "unavailable"
    res = client.get("/search?q=x")
    assert res.status_code == 503 and res.get_json()["error"]["code"] == "index_missing"


def test_security_headers(client):
    res = client.get("/")
    csp = res.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert res.headers["Referrer-Policy"]


SEARCH_KEYS = ["query", "interpreted", "total", "page", "per_page", "hits", "stories", "facets",
               "timeline", "suggestion", "notes", "group", "sort", "partial", "timing", "took_ms",
               "cached"]
HIT_KEYS = ["id", "title", "title_html", "outlet", "date", "speakers", "source", "kind",
            "score", "snippets", "author", "message_id", "copies", "thread", "in_reply_to"]


def test_search_json_carries_everything_the_page_shows(client):
    data = client.get("/search?q=cairo").get_json()
    assert list(data) == SEARCH_KEYS
    assert all(list(hit) == HIT_KEYS for hit in data["hits"])
    assert data["interpreted"] == "cairo" and data["suggestion"] is None
    assert set(data["facets"]) == {"outlet", "speaker", "year", "month"}
    assert data["facets"]["year"] == [{"value": "2024", "count": 1}]
    assert set(data["timing"]) == {"match_ms", "page_ms"}


def test_page_shows_interpretation_suggestion_and_notes(client):
    from bs4 import BeautifulSoup
    page = BeautifulSoup(client.get("/?q=the ceasefre").get_data(as_text=True), "html.parser")
    assert page.select_one(".summary code").get_text() == "ceasefre"
    link = page.select_one(".suggestion a")
    assert link.get_text() == "the ceasefire" and "q=the+ceasefire" in link["href"]
    assert "'the' is too common" in page.select_one(".note").get_text()


@pytest.mark.parametrize("q, code", [
    ("ceasefire AND " + "talks " * 90, "query_too_long"),
    ("ceasefire " * 1001, "query_too_long"),
    ("*fire", "bad_wildcard"),
    ("cease*fire", "bad_wildcard"),
    ('r"cea.*"', "regex_not_supported"),
    ("ce*", "prefix_too_short"),
    ("fire~3", "fuzzy_too_far"),
    ("(" * 9 + "x" + ")" * 9, "too_deep"),
    (" OR ".join(f"w{n}" for n in range(25)), "too_many_clauses"),
    ('"open OR shut', "unbalanced_quote"),
    ("(open OR shut", "unbalanced_paren"),
    ("foo:bar OR x", "unknown_field"),
    ("date:2024-13", "bad_date"),
])
def test_each_guard_answers_400_saying_what_to_change(client, q, code):
    res = client.get("/search", query_string={"q": q})
    assert res.status_code == 400
    error = res.get_json()["error"]
    assert error["code"] == code and len(error["message"]) > 20
    page = client.get("/", query_string={"q": q})
    assert page.status_code == 400 and error["message"][:30] in page.get_data(as_text=True) \
        .replace("&#34;", '"').replace("&#39;", "'").replace("&quot;", '"')


def test_a_pasted_text_over_500_characters_is_searched_not_refused(client):
    pasted = ("Blinken pressure on Hamas (to accept the deal): what did Haniyeh say about the "
              "ceasefire talks in Cairo? ") * 6
    assert len(pasted) > 500
    res = client.get("/search", query_string={"q": pasted})
    assert res.status_code == 200
    data = res.get_json()
    assert data["total"] > 0 and any("over the 500 of a query" in n for n in data["notes"])


def test_page_is_capped(client):
    res = client.get("/search?q=x&page=1001")
    assert res.status_code == 400
    assert res.get_json()["error"] == {"code": "bad_page",
                                       "message": "page must be between 1 and 1000"}


def test_slow_search_answers_503_timed_out(app, client):
    app.extensions["archive_search"].seconds = 1e-6
    res = client.get("/search?q=ceasefire OR cairo")
    assert res.status_code == 503
    assert res.get_json()["error"]["code"] == "timed_out"
    assert client.get("/?q=ceasefire OR cairo").status_code == 503


def test_timeline_counts_add_up_to_the_total(client):
    data = client.get("/search?q=said OR stocks OR twisted").get_json()
    assert sum(p["count"] for p in data["timeline"]) == data["total"] == 4
    assert data["timeline"][-1] == {"period": "undated", "count": 1}
    assert {"period": "2024-03", "count": 1} in data["timeline"]


def test_results_page_draws_the_timeline_with_links(client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/?q=said OR stocks").get_data(as_text=True), "html.parser")
    bars = page.select("figure.timeline svg a")
    assert bars and all("from=" in a["href"] and "to=" in a["href"] for a in bars)


def test_a_short_name_facets_as_the_archive_s_fullest_form(tmp_path):
    from search.documents import Document
    from search.index.indexer import build_from_documents

    docs = [Document(id="full", source="a.txt", kind="text-dump", title="Talks",
                     body="Benjamin Netanyahu spoke about the talks.",
                     speakers=["Benjamin Netanyahu"]),
            Document(id="short", source="b.txt", kind="text-dump", title="More talks",
                     body="Netanyahu spoke about the talks again.", speakers=["Netanyahu"])]
    build_from_documents(tmp_path / "index", docs)
    app = create_app({"INDEX": str(tmp_path / "index")})
    client = app.test_client()
    data = client.get("/search?q=talks").get_json()
    assert data["facets"]["speaker"] == [{"value": "Benjamin Netanyahu", "count": 2}]
    assert all(h["speakers"] == ["Benjamin Netanyahu"] for h in data["hits"])
    narrowed = client.get("/search?q=talks&speaker=Netanyahu").get_json()
    assert narrowed["total"] == 2
    app.extensions["archive_search"].handle.close()


def test_explain_splits_each_hit_s_score_by_field(client):
    plain = client.get("/search?q=ceasefire").get_json()
    assert "explain" not in plain["hits"][0]
    (hit,) = client.get("/search?q=ceasefire&explain=1").get_json()["hits"]
    fields = {f["field"]: f for f in hit["explain"]["fields"]}
    assert set(fields) == {"title", "body"}
    assert fields["title"]["share"] > fields["body"]["share"]  # title weighs more
    assert abs(sum(f["share"] for f in fields.values()) - 1) < 0.01
    assert hit["explain"]["matched_in"] == ["title", "body"]
    assert fields["body"]["terms"] and all(isinstance(t, str) for t in fields["body"]["terms"])


@pytest.mark.parametrize("path", ["/search.atom", "/search.csv", "/search.ndjson",
                                  "/quotes.json"])
def test_feeds_and_exports_answer_errors_as_json(client, path):
    res = client.get(path + "?q=*bad")
    assert res.status_code == 400
    assert res.get_json()["error"]["code"] == "bad_wildcard"


class FakeWorker:
    """What gunicorn hands post_worker_init: the loaded app and a logger."""

    def __init__(self, app) -> None:
        self.wsgi = app
        self.warnings: list[str] = []
        self.log = self

    def warning(self, message, *args) -> None:
        self.warnings.append(message % args)


def test_a_worker_opens_the_index_before_its_first_request(app, tmp_path):
    from web.gunicorn_conf import post_worker_init

    handle = app.extensions["archive_search"].handle
    assert handle._searcher is None
    post_worker_init(FakeWorker(app))
    assert handle._searcher is not None  # opened: the first request does not wait for it
    missing = create_app({"INDEX": str(tmp_path / "nowhere")})
    worker = FakeWorker(missing)
    post_worker_init(worker)  # no index yet: said, not raised; requests answer 503
    assert worker.warnings and "no index at" in worker.warnings[0]


@pytest.mark.parametrize("q", [
    "yet",
    "the trial (phase 3 showed: fewer \"relapses - and deaths",
    " ".join(f"word{n}" for n in range(60)),
    "WHAT DID THE ADMINISTRATION SAY AND NOT DO",
])
def test_plain_text_is_searched_not_refused(client, q):
    res = client.get("/search", query_string={"q": q, "per_page": 100})
    assert res.status_code == 200
    data = res.get_json()
    assert data["notes"] and data["total"] == len(data["hits"])


def test_a_worker_collects_young_objects_less_often_than_python_by_default():
    import gc

    from web.gunicorn_conf import GC_YOUNG_THRESHOLD, post_fork

    before = gc.get_threshold()
    try:
        post_fork(None, None)
        assert gc.get_threshold() == (GC_YOUNG_THRESHOLD,) + before[1:]
        assert GC_YOUNG_THRESHOLD > before[0]
    finally:
        gc.set_threshold(*before)
