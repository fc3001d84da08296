"""A query log drawn from the benchmark archive itself: thousands of distinct queries, fixed seed.

A fixed list sent in rounds measures warm caches as much as the engine (the served path keeps an
answer per index generation). The log is drawn instead from the documents of the index being
measured, the way people search it: a word or two they read somewhere, a phrase, a field, a
filter or a date range, and a quarter of whole questions and subject lines typed in plain words.
Every line is a distinct `/search` query string, so a query sent once is a query the engine has
not seen; rounds and the HTTP run each take their own slice.
"""
from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from whoosh import index as whoosh_index
from whoosh.analysis import STOP_WORDS

from bench.measure import query_args
from search.index import builds
from search.errors import BadQuery
from search.query.parse import parse
from web.params import search_request

SEED = 21
# Share of each class in the log (they add up to 1). A quarter are whole questions or subject
# lines in plain words, as the issue asks, `question10` among them: the 10-word questions with
# their own target.
MIX = (("word", 0.18), ("pair", 0.17), ("phrase", 0.11), ("field", 0.08), ("outlet", 0.04),
       ("speaker", 0.03), ("date", 0.08), ("datequery", 0.04), ("sort", 0.02),
       ("subject", 0.09), ("question", 0.09), ("question10", 0.07))
QUESTION_CLASSES = ("subject", "question", "question10")
WORD = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]")
SENTENCE = re.compile(r"[^.!?\n]{10,300}[.!?]")
# Reply and forward marks of subject lines, dropped as a person retyping the subject would.
SUBJECT_MARKS = re.compile(r"^\s*((re|fwd?|aw)\s*(\[\d+\])?\s*:\s*)+", re.I)
STOP = frozenset(STOP_WORDS)
MIN_WORD = 3
# Characters of a body the queries are drawn from (the log needs words, not whole documents).
BODY_CHARS = 10_000
DRAWS_PER_CLASS = 20
MAX_QUESTION_WORDS = 20


class Source:
    """The stored documents the queries are drawn from, each reduced to what a query needs."""

    def __init__(self, docs: list[dict]) -> None:
        self.docs = [d for d in docs if WORD.search(d["text"])]
        if not self.docs:
            raise ValueError("the archive holds no document with words to draw queries from")
        self.dated = [d for d in self.docs if d["date"]]
        self.with_outlet = [d for d in self.docs if d["outlet"]]
        self.with_speaker = [d for d in self.docs if d["speakers"]]
        self.with_title = [d for d in self.docs if len(d["title_words"]) >= 2]
        self.with_question = [d for d in self.docs if d["questions"]]
        self.with_author = [d for d in self.docs if d["author_words"]]

    @classmethod
    def from_index(cls, index: Path) -> "Source":
        """Read every stored document of the index's current build."""
        ix = whoosh_index.open_dir(str(builds.current_build(index)))
        try:
            with ix.searcher() as searcher:
                docs = [reduce(fields) for fields in searcher.reader().all_stored_fields()]
        finally:
            ix.close()
        return cls(docs)


def reduce(fields: dict) -> dict:
    """Return a stored document as text, title words, questions, outlet, speakers and date."""
    body = fields.get("body") or ""
    when = fields.get("date")
    return {
        "text": body[:BODY_CHARS],  # split into words when drawn: 50,000 lists would be GBs
        "title_words": WORD.findall(SUBJECT_MARKS.sub("", fields.get("title") or "")),
        "questions": [s.strip() for s in SENTENCE.findall(body[:BODY_CHARS]) if s.endswith("?")],
        "outlet": fields.get("outlet") or "",
        "speakers": list(fields.get("speakers") or []),
        "author_words": [w for w in WORD.findall(fields.get("author") or "") if len(w) > 2],
        "date": when.date() if isinstance(when, datetime) else None,
    }


def generate(source: Source, count: int, seed: int = SEED) -> list[tuple[str, str]]:
    """Return `count` distinct, valid (class, query string) pairs in the MIX's proportions.

    Classes are interleaved at random, so any prefix or slice of the log holds the same mix.
    """
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    classes = [cls for cls, _ in MIX]
    weights = [share for _, share in MIX]
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > count * 50:
            raise ValueError(f"only {len(out)} distinct queries could be drawn from the archive")
        cls = rng.choices(classes, weights)[0]
        line = _draw_new(cls, source, rng, seen)
        if line is not None:
            out.append((cls, line))
    return out


def _draw_new(cls: str, source: Source, rng: random.Random, seen: set[str]) -> str | None:
    """Return a new valid query of the class, drawn again where a draw fails (a document too
    short for ten words in a row), so that the log keeps the MIX's shares; None if none came."""
    for _ in range(DRAWS_PER_CLASS):
        args = DRAW[cls](source, rng)
        if not args:
            continue
        line = urlencode(args)
        key = line.lower()
        if key not in seen and valid(line):
            seen.add(key)
            return line
    return None


def valid(line: str) -> bool:
    """Return whether the query string is a request the service accepts (not a 400)."""
    try:
        request = search_request(query_args(line))
        parse(request.q)
    except BadQuery:
        return False
    return True


_WORDS: dict[int, tuple[dict, list[str], list[str]]] = {}
WORDS_KEPT = 5_000  # documents whose words are kept between draws (a small archive is redrawn)


def words_of(doc: dict) -> list[str]:
    """Return the words of a document's text."""
    return _split(doc)[1]


def content_of(doc: dict) -> list[str]:
    """Return the words of a document's text a person would type (see content_words)."""
    return _split(doc)[2]


def _split(doc: dict) -> tuple[dict, list[str], list[str]]:
    found = _WORDS.get(id(doc))
    if found is None or found[0] is not doc:  # the document held keeps its id unique
        if len(_WORDS) >= WORDS_KEPT:
            _WORDS.clear()
        words = WORD.findall(doc["text"])
        found = _WORDS[id(doc)] = (doc, words, content_words(words))
    return found


def content_words(words: list[str]) -> list[str]:
    """Return the words a person would type: not stopwords, not too short."""
    return [w for w in words if len(w) >= MIN_WORD and w.lower() not in STOP]


def _word(source: Source, rng: random.Random) -> dict | None:
    words = content_of(rng.choice(source.docs))
    return {"q": rng.choice(words).lower()} if words else None


def _pair(source: Source, rng: random.Random) -> dict | None:
    words = content_of(rng.choice(source.docs))
    if len(set(w.lower() for w in words)) < 2:
        return None
    a, b = rng.sample(words, 2)
    return {"q": f"{a} {b}".lower()} if a.lower() != b.lower() else None


def _run(words: list[str], rng: random.Random, length: int) -> list[str] | None:
    """Return `length` consecutive words of a text, starting and ending on a content word."""
    if len(words) < length:
        return None
    start = rng.randrange(len(words) - length + 1)
    run = words[start:start + length]
    if content_words(run[:1]) and content_words(run[-1:]):
        return run
    return None


def _phrase(source: Source, rng: random.Random) -> dict | None:
    run = _run(words_of(rng.choice(source.docs)), rng, rng.choice((2, 2, 3)))
    return {"q": '"' + " ".join(run).lower() + '"'} if run else None


def _field(source: Source, rng: random.Random) -> dict | None:
    pick = rng.random()
    if pick < 0.6 and source.with_title:
        words = content_words(rng.choice(source.with_title)["title_words"])
        return {"q": f"title:{rng.choice(words).lower()}"} if words else None
    if pick < 0.8 and source.with_author:
        doc = rng.choice(source.with_author)
        return {"q": f"author:{rng.choice(doc['author_words']).lower()}"}
    run = _run(words_of(rng.choice(source.docs)), rng, 2)
    return {"q": 'body:"' + " ".join(run).lower() + '"'} if run else None


def _outlet(source: Source, rng: random.Random) -> dict | None:
    if not source.with_outlet:
        return None
    doc = rng.choice(source.with_outlet)
    words = content_of(doc)
    return {"q": rng.choice(words).lower(), "outlet": doc["outlet"]} if words else None


def _speaker(source: Source, rng: random.Random) -> dict | None:
    if not source.with_speaker:
        return _outlet(source, rng)
    doc = rng.choice(source.with_speaker)
    words = content_of(doc)
    return {"q": rng.choice(words).lower(), "speaker": rng.choice(doc["speakers"])} \
        if words else None


def _around(source: Source, rng: random.Random) -> tuple[str, object, object] | None:
    """Return a word of a dated document and a window (a week to a year) around its date."""
    if not source.dated:
        return None
    doc = rng.choice(source.dated)
    words = content_of(doc)
    if not words:
        return None
    before, after = rng.choice(((3, 3), (15, 15), (0, 30), (45, 45), (180, 180)))
    return (rng.choice(words).lower(), doc["date"] - timedelta(days=before),
            doc["date"] + timedelta(days=after))


def _date(source: Source, rng: random.Random) -> dict | None:
    found = _around(source, rng)
    if not found:
        return None
    word, start, end = found
    if rng.random() < 0.3:  # an open range: from a day on
        return {"q": word, "from": start.isoformat()}
    return {"q": word, "from": start.isoformat(), "to": end.isoformat()}


def _datequery(source: Source, rng: random.Random) -> dict | None:
    found = _around(source, rng)
    if not found:
        return None
    word, start, end = found
    return {"q": f"{word} date:[{start:%Y-%m-%d} to {end:%Y-%m-%d}]"}


def _sort(source: Source, rng: random.Random) -> dict | None:
    found = _word(source, rng)
    return {**found, "sort": rng.choice(("-date", "date"))} if found else None


def _subject(source: Source, rng: random.Random) -> dict | None:
    if not source.with_title:
        return None
    words = rng.choice(source.with_title)["title_words"][:MAX_QUESTION_WORDS]
    return {"q": " ".join(words)} if len(content_words(words)) >= 2 else None


def _question(source: Source, rng: random.Random) -> dict | None:
    if not source.with_question:
        return _subject(source, rng)
    words = WORD.findall(rng.choice(rng.choice(source.with_question)["questions"]))
    if not 3 <= len(words) <= MAX_QUESTION_WORDS or len(content_words(words)) < 2:
        return None
    return {"q": " ".join(words)}


def _question10(source: Source, rng: random.Random) -> dict | None:
    """Return ten plain words in a row: a question asked in a sentence, or a line pasted."""
    pool = source.with_question if source.with_question and rng.random() < 0.5 else None
    text = WORD.findall(rng.choice(rng.choice(pool)["questions"])) if pool else \
        words_of(rng.choice(source.docs))
    run = _run(text, rng, 10)
    return {"q": " ".join(run)} if run and len(content_words(run)) >= 4 else None


DRAW = {"word": _word, "pair": _pair, "phrase": _phrase, "field": _field, "outlet": _outlet,
        "speaker": _speaker, "date": _date, "datequery": _datequery, "sort": _sort,
        "subject": _subject, "question": _question, "question10": _question10}


def write(queries: list[tuple[str, str]], path: Path) -> None:
    """Write the log as `class<TAB>query string` lines (atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text("".join(f"{cls}\t{line}\n" for cls, line in queries), encoding="utf-8")
    tmp.replace(path)


def read(path: Path) -> list[tuple[str, str]]:
    """Return the (class, query string) pairs of a log written by `write`."""
    return [tuple(line.split("\t", 1)) for line in path.read_text(encoding="utf-8").splitlines()
            if "\t" in line]


def slices(queries: list[tuple[str, str]], sizes: list[int]) -> Iterator[list[tuple[str, str]]]:
    """Yield consecutive, non-overlapping slices of the log of the given sizes."""
    start = 0
    for size in sizes:
        if start + size > len(queries):
            raise ValueError(f"the log holds {len(queries)} queries, {start + size} are needed")
        yield queries[start:start + size]
        start += size
