"""The fast path gives Whoosh's answers: the same matches, totals, scores and page.

`SearchEngine.search` scores plain queries straight from the postings (search/postings.py),
ranks with a partial sort and filters from cached columns, all for speed. Each such change must
leave the answers as they were, so on a fixture archive drawn with a fixed seed (enough
documents for ties, common and rare words, filters and dates) every answer is checked against
Whoosh's plain public searcher running the same compiled query: `searcher.search(query,
limit=None, filter=...)` scores every match with Whoosh's own matchers. Whatever the compiler
makes of a query (issue 17 changes that), both sides search the same thing.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from search.engine.columns import filter_docnums
from search.query.compile import Compiler
from search.query.tree import AnyWords
from search.documents import Document
from search.engine.search import SearchEngine
from search.index.indexer import build_from_documents
from search.query.request import SearchRequest
from search.query.parse import parse
from search.engine.searcher import IndexHandle

SEED = 21
DOCS = 400
# Made-up words no stemmer folds together (consonant-vowel syllables, no suffixes), drawn with
# falling frequency (Zipf-like), so some are in most documents, some in few.
VOCABULARY = [a + b + c for a in ("ka", "lo", "mu", "ri") for b in ("ta", "no", "vu", "si", "po")
              for c in ("da", "ko", "lu", "mi", "ra", "zo")]
OUTLETS = ["Reuters", "BBC News", "comp.lang.python", "twisted-web"]
SPEAKERS = ["Ada Lovelace", "Grace Hopper", "Alan Turing"]


def words(rng: random.Random, count: int) -> list[str]:
    """Return `count` vocabulary words, the first ones much more likely."""
    weights = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
    return rng.choices(VOCABULARY, weights, k=count)


def fixture_archive() -> list[Document]:
    """Return the fixture archive: DOCS documents drawn with a fixed seed."""
    rng = random.Random(SEED)
    docs = []
    for n in range(DOCS):
        day = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
        speakers = rng.sample(SPEAKERS, rng.choice((0, 0, 1, 2)))
        body = " ".join(words(rng, rng.randrange(8, 120)))
        if rng.random() < 0.15:  # a copy of an earlier story: equal scores, folded copies
            body = docs[rng.randrange(len(docs))].body if docs else body
        docs.append(Document(
            id=f"d{n:03d}", source=f"d{n:03d}.txt", kind="text-dump",
            title=" ".join(words(rng, rng.randrange(2, 7))).capitalize(),
            outlet=rng.choice(OUTLETS), date=None if rng.random() < 0.1 else day.isoformat(),
            speakers=speakers, body=body))
    return docs


@pytest.fixture(scope="module")
def handle(tmp_path_factory):
    root = tmp_path_factory.mktemp("fixture-archive") / "index"
    build_from_documents(root, fixture_archive())
    handle = IndexHandle(root)
    yield handle
    handle.close()


def queries() -> list[SearchRequest]:
    """Return the requests compared: each kind of query, filter, order and page."""
    common, mid, rare = VOCABULARY[0], VOCABULARY[12], VOCABULARY[-3]
    texts = [common, mid, rare, f"{common} {mid}", f"{mid} {rare}", f"{common} OR {rare}",
             f"{common} -{mid}", f"{mid} AND NOT {VOCABULARY[1]}", f'"{common} {VOCABULARY[1]}"',
             "kata*", f"title:{mid}", f"({common} OR {mid}) AND {VOCABULARY[5]}",
             " ".join(VOCABULARY[2:12:1]),  # a 10-word question
             f"{common} date:[2021-01-01 TO 2022-06-30]", "nowhere"]
    out = [SearchRequest(q=t, collapse=False, per_page=20) for t in texts]
    out += [SearchRequest(q=common, collapse=False, per_page=20, page=2),
            SearchRequest(q=mid, outlets=["Reuters"], collapse=False),
            SearchRequest(q=common, speakers=["Grace Hopper"], collapse=False),
            SearchRequest(q=mid, date_from=date(2021, 3, 1), date_to=date(2023, 2, 28),
                          collapse=False),
            SearchRequest(q=common, outlets=["BBC News"], date_from=date(2022, 1, 1),
                          collapse=False)]
    return out


def whoosh_scores(handle: IndexHandle, request: SearchRequest) -> dict[str, float]:
    """Return id -> score of every match, as Whoosh's public searcher finds and scores them."""
    searcher, columns = handle.current()
    query = Compiler(searcher, columns).compile(parse(request.q).tree)
    allowed = filter_docnums(columns, request)
    if allowed is not None and not allowed:
        return {}  # Whoosh reads an empty filter as no filter at all
    results = searcher.search(query, limit=None, filter=allowed)
    return {searcher.stored_fields(hit.docnum)["id"]: hit.score for hit in results}


def test_the_fixture_archive_has_ties_filters_and_matches_of_every_size(handle):
    searcher, _ = handle.current()
    assert searcher.doc_count() == DOCS
    sizes = [len(whoosh_scores(handle, SearchRequest(q=w))) for w in
             (VOCABULARY[0], VOCABULARY[12], VOCABULARY[-3])]
    assert sizes[0] > DOCS // 2 and 5 < sizes[1] < sizes[0] and 0 < sizes[2] < sizes[1]


@pytest.mark.parametrize("request_", queries(), ids=lambda r: repr(r.q)[:40])
def test_the_engine_finds_counts_scores_and_ranks_as_whoosh_does(handle, request_):
    engine = SearchEngine(handle, cache_size=0)
    answer = engine.search(request_)
    expected = whoosh_scores(handle, request_)
    assert answer["total"] == len(expected)
    ranked = sorted(expected.values(), reverse=True)
    first = (request_.page - 1) * request_.per_page
    page = ranked[first:first + request_.per_page]
    assert len(answer["hits"]) == len(page)
    assert {hit["id"] for hit in answer["hits"]} <= set(expected)
    if isinstance(parse(request_.q).tree, AnyWords):
        # Plain words are ranked by the any-word rule (search/query/anyword.py), which only the
        # fast path computes; Whoosh's matchers find the same documents, scored as a plain Or.
        return
    for hit, score in zip(answer["hits"], page):
        # The page's documents are matches, with Whoosh's score, in Whoosh's order of scores
        # (equal scores may come in another order: newest first here).
        assert hit["score"] == pytest.approx(expected[hit["id"]], rel=1e-4, abs=1e-4)
        assert hit["score"] == pytest.approx(score, rel=1e-4, abs=1e-4)
    if not expected and request_.q != "nowhere":
        pytest.fail(f"the fixture archive has no match for {request_.q!r}: pick other words")


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_date_order_pages_the_same_matches_by_date(handle, sort):
    engine = SearchEngine(handle, cache_size=0)
    request = SearchRequest(q=VOCABULARY[12], sort=sort, collapse=False, per_page=30)
    answer = engine.search(request)
    expected = whoosh_scores(handle, request)
    assert answer["total"] == len(expected) and len(answer["hits"]) == min(30, len(expected))
    assert {hit["id"] for hit in answer["hits"]} <= set(expected)
    dated = [hit["date"] for hit in answer["hits"] if hit["date"]]
    assert dated == sorted(dated, reverse=sort == "-date")
    searcher, _ = handle.current()
    every = sorted(str(f["date"].date()) for f in searcher.all_stored_fields()
                   if f["id"] in expected and f.get("date"))
    head = every[-len(dated):][::-1] if sort == "-date" else every[:len(dated)]
    assert dated == head  # the first page by date, not any dated matches


def test_folding_copies_keeps_the_total_and_the_cache_gives_the_same_answer(handle):
    engine = SearchEngine(handle, cache_size=8)
    request = SearchRequest(q=VOCABULARY[0])
    first, again = engine.search(request), engine.search(request)
    assert first["total"] == len(whoosh_scores(handle, request))
    assert (first["cached"], again["cached"]) == (False, True)
    assert again["hits"] == first["hits"] and again["total"] == first["total"]
    scores = [hit["score"] for hit in first["hits"]]
    assert scores == sorted(scores, reverse=True)
