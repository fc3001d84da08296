"""Random and adversarial queries and files: no 500, no crash, bounded time."""
from __future__ import annotations

import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.errors import BadSource
from search.extract.files import FILE_SECONDS_ENV, extract_file
from tests.security.conftest import HOSTILE

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEED_FILES = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix != ".md"
                    and p.name != "seeds-truth.json")
# Pieces of the query language and of known expensive queries (WHOOSH-FACTS), to be combined.
QUERY_PIECES = ["*", "?", "~", "~2", "~9", "^3", "(", ")", '"', ":", "[", "]", "{", "}", "\\",
                "AND", "OR", "NOT", "-", "+", "title:", "body:", "date:", "speaker:", "outlet:",
                "author:", "to", "TO", "r\".*\"", "/.*/", "ministers", "geneva", "a", "ba",
                "*a*", "*ing", "2024", "2024-03", "[2024-03-01 to 2024-05-31]", "\x00", "\u202e",
                "<script>", "%00", "../", "😀", "ﬁ", "İ", "ß", " ", "  ", "\t", "\n"]
ARG_VALUES = st.one_of(st.text(max_size=12), st.integers(-10**12, 10**12).map(str),
                       st.sampled_from(["", "0", "-1", "1e9", "99999999999999999999", "relevance",
                                        "date", "-date", "2024", "2024-02-30", "0000-01-01"]))
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(QUERY_PIECES), max_size=40).map("".join),
    st.lists(st.sampled_from(QUERY_PIECES), max_size=20).map(" ".join),
    st.integers(1, 600).map(lambda n: "(" * n + "a" + ")" * n),
    st.integers(1, 120).map(lambda n: " OR ".join(["the", "of", "and", "ministers"] * n)),
    st.integers(100, 20_000).map(lambda n: "x" * n),
)


@settings(max_examples=300, deadline=timedelta(seconds=3),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(q=QUERIES, page=ARG_VALUES, per_page=ARG_VALUES, sort=ARG_VALUES, start=ARG_VALUES,
       end=ARG_VALUES)
def test_no_query_makes_a_server_error(hostile_app, q, page, per_page, sort, start, end):
    client = hostile_app.test_client()
    args = {"q": q, "page": page, "per_page": per_page, "sort": sort, "from": start, "to": end}
    for url in ("/search", "/"):
        response = client.get(url, query_string=args)
        assert response.status_code in (200, 400, 503), (url, args, response.data[:300])
        if url == "/search":
            body = response.get_json()
            assert body is not None
            if response.status_code != 200:
                assert set(body["error"]) >= {"code", "message"}


def _mutate(raw: bytes, data) -> bytes:
    """Flip, insert, delete or truncate a few bytes of a real fixture."""
    raw = bytearray(raw)
    for _ in range(data.draw(st.integers(0, 8), label="edits")):
        if not raw:
            break
        at = data.draw(st.integers(0, len(raw) - 1), label="at")
        how = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        if how == "flip":
            raw[at] = data.draw(st.integers(0, 255), label="byte")
        elif how == "insert":
            raw[at:at] = data.draw(st.sampled_from(
                [b"\x00", b"\xff\xfe", b"<", b">", b"\n\n", b"=?utf-8?b?", b"--", b"<!--",
                 b"<div>" * 50, b"\r", b"\xc3", b"From ", b"> " * 20, b"1" * 200 + b":\n> x\n"]))
        elif how == "delete":
            del raw[at:at + data.draw(st.integers(1, 64))]
        elif how == "truncate":
            del raw[at:]
        else:
            raw[at:at] = raw[at:at + 40] * data.draw(st.integers(2, 50))
    return bytes(raw)


@pytest.fixture
def budget(monkeypatch):
    """A short per-file time budget, so that a slow mutant costs seconds."""
    monkeypatch.setenv(FILE_SECONDS_ENV, "3")


def _extract(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant"
        path.write_bytes(raw)
        started = time.monotonic()
        try:
            docs = extract_file(path)
        except BadSource as exc:
            assert exc.reason and exc.path == str(path)
        else:
            assert docs and all(isinstance(d.body, str) and d.id for d in docs)
        assert time.monotonic() - started < 3 + 3


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_mutated_real_file_raises_nothing_but_bad_source(budget, data):
    seed = data.draw(st.sampled_from(SEED_FILES), label="seed")
    _extract(_mutate(seed.read_bytes(), data))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw=st.one_of(st.binary(max_size=4000), st.text(max_size=3000).map(str.encode),
                     st.tuples(st.sampled_from([b"From: a@b\nSubject: s\n\n", b"<html><body>",
                                                b"<!doctype html>", b"From a@b Mon Mar  4 2024\n",
                                                b"Newsgroups: x\nPath: y\n\n"]),
                               st.binary(max_size=3000)).map(b"".join)))
def test_random_bytes_raise_nothing_but_bad_source(budget, raw):
    _extract(raw)


def test_the_seed_files_are_there():
    assert len(SEED_FILES) >= 10 and any(p.parent == HOSTILE for p in SEED_FILES)
