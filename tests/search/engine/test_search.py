"""The search engine on a small index built here: operators, fields, ranking, facets, budget."""
from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.searching import TimeLimit

from search.query.compile import Compiler
from search.documents import Document
from search.engine.search import QueryTimedOut, SearchEngine
from search.errors import BadQuery
from search.whooshext.blockmatch import score_matches
from search.query.request import SearchRequest
from search.query.parse import parse


def doc(id, body, title="", outlet=None, date=None, speakers=(), **extra) -> Document:
    return Document(id=id, source=f"{id}.txt", kind=extra.pop("kind", "text-dump"), body=body,
                    title=title, outlet=outlet, date=date, speakers=list(speakers), **extra)


DOCS = [
    doc("h1", "The cease-fire held overnight in Gaza.", "Truce holds", "Reuters", "2024-03-02",
        ["Antony Blinken"]),
    doc("h2", "A ceasefire was agreed in Cairo after talks.", "Deal reached", "Reuters",
        "2024-03-20"),
    doc("h3", "Calls for a cease fire grew louder.", "Calls grow", "Al Mayadeen English",
        "2024-04-11", ["Ismail Haniyeh"]),
    doc("g1", "António Guterres urged restraint and negotiations.", "UN chief speaks",
        "UN News", "2023-12-01", ["António Guterres"]),
    doc("n1", "Negotiators were negotiating late; Netanyahu's office said nothing.",
        "Stalemate in Doha", "Times of Israel", "2024-05-23", ["Benjamin Netanyahu"]),
    doc("n2", "Doha stalemate continues as the stalemate drags on and on in talks.",
        "Markets", "Reuters", "2024-05-24"),
    doc("m1", "Resources are rendered lazily by twisted.web.", "Re: lazy resources", None,
        "2008-07-01", kind="pipermail-message", author="Glyph Lefkowitz",
        carrier="twisted-web", quoted="an old deferred question"),
    doc("t1", "Identical wording about the summit in Paris.", "Summit", "Le Monde",
        "2022-01-01"),
    doc("t2", "Identical wording about the summit in Paris.", "Summit", "Le Monde",
        "2022-06-01"),
    doc("x1", 'Body with <script>alert(1)</script> & "quotes".', "<b>Bold</b> claims",
        "Evil <img src=x onerror=alert(1)>", None),
]


@pytest.fixture(scope="module")
def engine(open_index):
    return SearchEngine(open_index(DOCS))


def ids(engine, q, **kw) -> list[str]:
    result = engine.search(SearchRequest(q=q, per_page=100, **kw))
    assert result["total"] == len(result["hits"])
    return [h["id"] for h in result["hits"]]


@pytest.mark.parametrize("q, expected", [
    ("ceasefire", {"h1", "h2"}),
    ("cease-fire", {"h1", "h2", "h3"}),
    ('"cease fire"', {"h1", "h3"}),
    ("Guterres", {"g1"}),
    ("antonio", {"g1"}),
    ("ANTÓNIO", {"g1"}),
    ("negotiation", {"g1", "n1"}),  # stems: "negotiating" too
    ("negotiat*", {"g1", "n1"}),
    ("netanyahu", {"n1"}),
    ("netanyahoo~", set()),
    ("netanyahoo~2", {"n1"}),
    ("netanyah~", {"n1"}),
    ("ceasefire OR stalemate", {"h1", "h2", "n1", "n2"}),
    ("ceasefire AND cairo", {"h2"}),
    ("ceasefire NOT cairo", {"h1"}),
    ("ceasefire -cairo", {"h1"}),
    ("(ceasefire OR stalemate) -reuters", {"n1"}),
    ("talks (cairo OR doha)", {"h2", "n2"}),
    ('"stalemate continues"', {"n2"}),
    ('"drags stalemate"', set()),
    ("title:stalemate", {"n1"}),
    ("body:stalemate", {"n2"}),
    ("title:(stalemate OR truce)", {"n1", "h1"}),
    ("outlet:reuters", {"h1", "h2", "n2"}),
    ('outlet:"al mayadeen"', {"h3"}),
    ("speaker:blinken", {"h1"}),
    ('speaker:"Antony Blinken"', {"h1"}),
    ("speaker:guterres", {"g1"}),
    ("author:lefkowitz", {"m1"}),
    ("list:twisted-web", {"m1"}),
    ("group:twisted-web", {"m1"}),
    ("list:twisted*", {"m1"}),
    ("deferred", set()),
    ("quoted:deferred", {"m1"}),
    ("twisted.web", {"m1"}),
    ("twisted", {"m1"}),
    ("date:2024", {"h1", "h2", "h3", "n1", "n2"}),
    ("date:2024-03", {"h1", "h2"}),
    ("date:2024-03-20", {"h2"}),
    ("date:[2024-03-15 TO 2024-05-23]", {"h2", "h3", "n1"}),
    ("date:[2024-05 TO]", {"n1", "n2"}),
    ("date:[TO 2008]", {"m1"}),
    ("reuters date:2024-03", {"h1", "h2"}),
    ("stalemate OR date:2008", {"n1", "n2", "m1"}),
    ("ceasefire -date:2024-03-20", {"h1"}),
    ("script", {"x1"}),
])
def test_operators_and_fields_find_exactly(engine, q, expected):
    assert set(ids(engine, q)) == expected


def test_title_outranks_body_and_ties_go_to_the_newest(engine):
    assert ids(engine, "stalemate")[0] == "n1"  # in the title once beats the body thrice
    assert ids(engine, "summit paris") == ["t2", "t1"]  # same score: the newer first


@pytest.mark.parametrize("sort, expected", [
    ("date", ["h1", "h2", "h3", "n1", "n2"]),
    ("-date", ["n2", "n1", "h3", "h2", "h1"]),
])
def test_date_sort_and_stable_pages(engine, sort, expected):
    q = "date:2024"
    pages = [engine.search(SearchRequest(q=q, sort=sort, page=p, per_page=2)) for p in (1, 2, 3)]
    assert [p["total"] for p in pages] == [5, 5, 5]
    assert [h["id"] for p in pages for h in p["hits"]] == expected
    assert all(h["score"] is None for p in pages for h in p["hits"])


def test_relevance_pages_are_stable_and_complete(engine):
    q = "ceasefire OR stalemate OR summit OR twisted"
    full = ids(engine, q)
    paged = [h["id"] for p in (1, 2, 3, 4)
             for h in engine.search(SearchRequest(q=q, page=p, per_page=2))["hits"]]
    assert paged == full and len(full) == 7


def brute_facets(hit_ids: list[str]) -> dict:
    chosen = [d for d in DOCS if d.id in hit_ids]
    return {
        "outlet": Counter(d.outlet for d in chosen if d.outlet),
        "speaker": Counter(s for d in chosen for s in d.speakers),
        "year": Counter(d.date[:4] for d in chosen if d.date),
        "month": Counter(d.date[:7] for d in chosen if d.date),
    }


@pytest.mark.parametrize("q, filters", [
    ("ceasefire OR stalemate OR guterres", {}),
    ("date:[2000 TO 2030]", {}),
    ("cease-fire", {"outlets": ["Reuters"]}),
    ("talks OR stalemate OR summit", {"date_from": __import__("datetime").date(2024, 1, 1)}),
    ("resources OR summit OR truce", {"speakers": ["Antony Blinken"]}),
])
def test_facet_counts_match_a_brute_force_count(engine, q, filters):
    result = engine.search(SearchRequest(q=q, per_page=100, **filters))
    expected = brute_facets([h["id"] for h in result["hits"]])
    for key in ("outlet", "speaker", "year", "month"):
        assert {f["value"]: f["count"] for f in result["facets"][key]} == expected[key], key
    assert [f["value"] for f in result["facets"]["month"]] == \
        sorted(expected["month"], reverse=True)


def test_filters_combine_with_the_query(engine):
    assert ids(engine, "cease-fire", outlets=["Reuters"]) == ["h1", "h2"] or \
        set(ids(engine, "cease-fire", outlets=["Reuters"])) == {"h1", "h2"}
    assert ids(engine, "cease-fire", outlets=["Reuters"], speakers=["Antony Blinken"]) == ["h1"]
    assert ids(engine, "cease-fire", outlets=["Nobody"]) == []


def test_a_filter_naming_no_document_says_so_and_offers_the_names_it_may_mean(engine):
    notes = engine.search(SearchRequest(q="cease-fire", speakers=["blinken"]))["notes"]
    assert notes == ["no document has the speaker 'blinken' (a filter takes a name as the facets "
                     "give it); the archive has 'Antony Blinken'"]
    notes = engine.search(SearchRequest(q="cease-fire", outlets=["reuters"]))["notes"]
    assert notes[-1].endswith("the archive has 'Reuters'")
    assert "'Nobody' (a filter" in engine.search(SearchRequest(q="", outlets=["Nobody"]))["notes"][-1]
    (long,) = engine.search(SearchRequest(q="", speakers=["<b>" * 2000]))["notes"]
    assert long.startswith("no document has the speaker '<b><b>") and len(long) < 200
    # a name the archive has, or a short form it knows the full name of: no note
    assert engine.search(SearchRequest(q="cease-fire", outlets=["Reuters"],
                                       speakers=["Antony Blinken"]))["notes"] == []


@pytest.mark.parametrize("q, suggestion", [
    ("netanyahoo", "netanyahu"),
    ("stalemat", "stalemate"),
    ("Guteres restraint", "guterres restraint"),
    ("ceasefire", None),
    ("zzzzqqq", None),
])
def test_did_you_mean(engine, q, suggestion):
    assert engine.search(SearchRequest(q=q))["suggestion"] == suggestion


def test_prefix_expansion_is_capped_and_said(engine, monkeypatch):
    monkeypatch.setattr("search.query.compile.MAX_EXPANSIONS", 1)
    result = engine.search(SearchRequest(q="negotiat*"))
    assert any("most frequent are searched" in n for n in result["notes"])


def test_too_broad_prefix_is_refused(engine, monkeypatch):
    monkeypatch.setattr("search.query.compile.MAX_PREFIX_SCAN", 1)
    with pytest.raises(BadQuery) as caught:
        engine.search(SearchRequest(q="negotiat*"))
    assert caught.value.code == "prefix_too_broad"


def test_a_word_with_nothing_searchable_is_left_out_and_noted(engine):
    result = engine.search(SearchRequest(q="ceasefire &&"))
    assert result["total"] == 2
    assert result["notes"] == ["'&&' has nothing searchable in it and was left out"]


def test_time_budget_in_the_main_thread(engine, monkeypatch):
    monkeypatch.setattr(engine, "seconds", 1e-6)
    with pytest.raises(QueryTimedOut) as caught:
        engine.search(SearchRequest(q="ceasefire OR stalemate"))
    assert caught.value.code == "timed_out"


def test_time_budget_in_another_thread(engine, monkeypatch):
    monkeypatch.setattr(engine, "seconds", 1e-9)
    outcome = []

    def run():
        try:
            engine.search(SearchRequest(q="ceasefire OR stalemate"))
            outcome.append("finished")
        except QueryTimedOut:
            outcome.append("timed out")

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(10)
    assert outcome == ["timed out"]


def test_opening_the_index_does_not_count_against_the_budget(engine, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(time, "perf_counter", lambda: clock[0])
    current = engine.handle.current

    def slow_open():  # a worker's first request: a minute to open the index, say
        clock[0] += 60
        return current()

    monkeypatch.setattr(engine.handle, "current", slow_open)
    answer = engine.search(SearchRequest(q="ceasefire OR stalemate"))
    assert answer["total"] == 4 and answer["took_ms"] == 60_000


def test_preparing_a_generation_does_not_count_against_the_budget(open_index, monkeypatch):
    import search.engine.search as engine_module
    engine = SearchEngine(open_index(DOCS))  # a generation of its own: nothing prepared yet
    clock = [1000.0]
    monkeypatch.setattr(time, "perf_counter", lambda: clock[0])
    threads = engine_module.index_threads

    def slow_threads(searcher, columns=None):  # 1.5 s at 48,000 documents; a minute, say
        if getattr(columns, "threads", None) is None:
            clock[0] += 60
        return threads(searcher, columns)

    monkeypatch.setattr(engine_module, "index_threads", slow_threads)
    answer = engine.search(SearchRequest(q="ceasefire OR stalemate"))
    assert answer["total"] == 4 and answer["took_ms"] == 60_000


def test_a_generation_is_prepared_before_it_is_served(open_index):
    engine = SearchEngine(open_index(DOCS))
    engine.warm()
    searcher, columns = engine.handle.current()
    assert columns.threads is not None and columns.mail is not None
    assert columns.values is not None and columns.values.columns is columns


def test_stored_markup_is_escaped_in_every_field(engine):
    (hit,) = engine.search(SearchRequest(q="script"))["hits"]
    assert hit["title_html"] == "&lt;b&gt;Bold&lt;/b&gt; claims"
    joined = " ".join(hit["snippets"])
    assert "<script>" not in joined
    assert hit["outlet"] == "Evil <img src=x onerror=alert(1)>"  # plain text; pages escape it
    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; &amp;" in joined


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["cease-fire", "ceasefire", "stalemate", "OR", "AND", "NOT",
                                 "-", "(", ")", '"', "title:", "speaker:", "list:", "date:",
                                 "2024", "[2024 TO]", "negot*", "netanyah~", "é", "&&", " ",
                                 "the", "?", "*", "~2"]), max_size=14).map("".join))
def test_any_query_answers_or_is_refused(engine, text):
    try:
        result = engine.search(SearchRequest(q=text))
    except BadQuery as exc:
        assert exc.code
    else:
        assert result["total"] == len(result["hits"]) or result["total"] > 10


def test_a_lone_digit_or_letter_does_not_empty_the_query(engine):
    result = engine.search(SearchRequest(q="2 stalemate S"))
    assert {h["id"] for h in result["hits"]} == {"n1", "n2"}
    assert result["notes"] == ["'2' is too short or too common to search and was left out",
                               "'S' is too short or too common to search and was left out"]


STORY = ("Negotiators from both sides met in Cairo on Tuesday to discuss a permanent end to the "
         "fighting, officials said, adding that the talks would resume after the weekend with "
         "mediators from Egypt and Qatar present at every session of the negotiations. ")
COPIES = [
    doc("c1", STORY, "Talks resume", "Reuters", "2024-02-10"),
    doc("c2", STORY + "Reporting by a correspondent.", "Talks resume", "AP", "2024-02-11"),
    doc("c3", STORY, "Talks resume in Cairo", "AFP", "2024-02-09"),
    doc("s1", "Cairo talks, a short note.", "Note", "UN News", "2024-02-10"),
    doc("s2", "Cairo talks again, briefly.", "Again", "UN News", "2023-01-05"),
    doc("s3", "Cairo talks with no date at all.", "Undated", "UN News", None),
    doc("s4", "Cairo talks, also undated.", "Undated too", "UN News", None),
]


@pytest.fixture(scope="module")
def copies_engine(open_index):
    return SearchEngine(open_index(COPIES))


@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize("collapse", [True, False])
def test_date_pages_follow_a_full_sort_with_copies_collapsed(copies_engine, sort, collapse):
    everything = copies_engine.search(SearchRequest(q="cairo", sort=sort, collapse=collapse,
                                                    per_page=100))
    per_page_one = [h["id"] for p in range(1, 8) for h in copies_engine.search(SearchRequest(
        q="cairo", sort=sort, collapse=collapse, page=p, per_page=1))["hits"]]
    dated = sorted((d for d in COPIES if d.date), key=lambda d: d.date,
                   reverse=sort == "-date")
    # Equal dates and undated documents keep index order (docnum); copies fold into the first.
    expected = [d.id for d in dated] + ["s3", "s4"]
    if collapse:
        story = {"c1", "c2", "c3"}
        first_copy = next(i for i in expected if i in story)
        expected = [i for i in expected if i not in story or i == first_copy]
    assert everything["stories"] == 5
    assert [h["id"] for h in everything["hits"]] == expected == per_page_one


@pytest.mark.parametrize("q", [
    "ceasefire", "stalemate", "doha AND talks", "stalemate OR summit OR guterres",
    "ceasefire -cairo", "talks AND NOT doha", "(doha OR cairo) AND talks", "negotiat*",
    "guterrez~", "title:summit", "outlet:reuters ceasefire", "reuters date:2024-03",
    "stalemate OR date:2008", "ceasefire -date:2024-03-20", "author:glyph", "lazily",
    "cease-fire", '"stalemate continues"', '"doha stalemate continues" OR "in paris"',
    '"the cease fire"', 'title:"summit"', '"stalemate drags"',
])
def test_scores_from_postings_are_whooshs(engine, q):
    searcher, columns = engine.handle.current()
    query = Compiler(searcher, columns).compile(parse(q).tree)
    scores = score_matches(searcher, query, {}, float("inf"))
    assert scores is not None, "a plain query is scored from the postings"
    expected = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    assert set(scores) == set(expected) and expected
    assert all(scores[d] == pytest.approx(expected[d], rel=1e-12) for d in expected)


@pytest.mark.parametrize("q", ["talks OR -doha", "doha OR -talks OR stalemate"])
def test_queries_the_postings_cannot_score_are_left_to_whoosh(engine, q):
    searcher, columns = engine.handle.current()
    query = Compiler(searcher, columns).compile(parse(q).tree)
    assert score_matches(searcher, query, {}, float("inf")) is None
    assert engine.search(SearchRequest(q=q))["total"] == len(list(searcher.docs_for_query(query)))


def test_deleted_documents_are_not_scored_from_the_postings(tmp_path):
    from search.index import builds
    from search.index.indexer import build_from_documents
    from search.engine.searcher import IndexHandle

    build_from_documents(tmp_path, DOCS)
    ix = builds.open_build(tmp_path, builds.current_build(tmp_path))
    with ix.writer() as writer:
        writer.delete_by_term("id", "h2")  # a segment with a deletion, not merged away
    ix.close()
    handle = IndexHandle(tmp_path)
    try:
        searcher, columns = handle.current()
        query = Compiler(searcher, columns).compile(parse("ceasefire OR talks").tree)
        scores = score_matches(searcher, query, {}, float("inf"))
        expected = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
        assert set(scores) == set(expected)
        assert "h2" not in {searcher.stored_fields(d)["id"] for d in scores}
    finally:
        handle.close()


def test_scoring_from_the_postings_watches_the_deadline(engine):
    searcher, columns = engine.handle.current()
    query = Compiler(searcher, columns).compile(parse("ceasefire OR stalemate").tree)
    with pytest.raises(TimeLimit):
        score_matches(searcher, query, {}, deadline=0.0)
