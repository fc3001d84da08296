"""SQLite FTS5 as the reference: the same documents, bm25 ranking and snippet() highlights.

The documents are read back from the Whoosh index the benchmark built, so both engines hold
exactly the same text; the indexing rate measured here is for writing only (no extraction).
"""
from __future__ import annotations

import re
import sqlite3
import time
from datetime import date
from pathlib import Path

from whoosh import index as whoosh_index

from bench.measure import query_args
from search.index import builds
from web.params import search_request

COLUMNS = ("title", "body", "outlet", "speaker", "author")
# bm25 weights in the order of COLUMNS: the same boosts as the Whoosh schema.
WEIGHTS = "3.0, 1.0, 1.5, 2.0, 1.0"
TOKEN = re.compile(r'(-|\+)?(?:(\w+):)?("[^"]*"|\(|\)|[^\s()]+)')
DATE_IN_QUERY = re.compile(r"date:\[([^\]]*)\]", re.I)
OPERATORS = {"AND", "OR", "NOT"}
# Plain words: no field, quote, group, sign or wildcard. Two words still need both (a pair is
# read as both words here and by the project); three or more are a question.
PLAIN_WORD = re.compile(r"\w[\w'.,?!;-]*")
ANY_WORD_FROM = 3


def build(index: Path, db: Path) -> dict:
    """Write every stored document of the Whoosh index into a new FTS5 database."""
    db.unlink(missing_ok=True)
    ix = whoosh_index.open_dir(str(builds.current_build(index)))
    with ix.searcher() as searcher:
        rows = [_row(fields) for fields in searcher.reader().all_stored_fields()]
    ix.close()
    con = sqlite3.connect(db)
    started = time.perf_counter()
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, outlet, speaker, author, "
                "id UNINDEXED, day UNINDEXED, outlet_key UNINDEXED, speaker_key UNINDEXED, "
                "tokenize='porter unicode61 remove_diacritics 2')")
    con.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?)", rows)
    con.commit()
    seconds = time.perf_counter() - started
    con.close()
    return {"documents": len(rows), "seconds": seconds, "docs_per_s": len(rows) / seconds,
            "db_mb": db.stat().st_size / 1e6}


def _row(fields: dict) -> tuple:
    when = fields.get("date")
    speakers = list(fields.get("speakers") or [])
    return (fields.get("title") or "", fields.get("body") or "", fields.get("outlet") or "",
            " ".join(speakers), fields.get("author") or "", fields.get("id"),
            when.strftime("%Y-%m-%d") if when else None, fields.get("outlet") or None,
            "\n" + "\n".join(speakers) + "\n")


def to_match(q: str) -> tuple[str, date | None, date | None]:
    """Translate the query language to an FTS5 MATCH expression and a date range found in it.

    A plain question (ANY_WORD_FROM words or more, no syntax) matches any of its words, ranked
    by bm25, as a person typing a question expects and as this project answers it.
    """
    start = end = None
    found = DATE_IN_QUERY.search(q)
    if found:
        start, end = _date_range(found.group(1))
        q = DATE_IN_QUERY.sub(" ", q)
    words = q.split()
    if len(words) >= ANY_WORD_FROM and all(PLAIN_WORD.fullmatch(w) and w not in OPERATORS
                                           for w in words):
        terms = list(dict.fromkeys(t for t in (_term(w) for w in words) if t))
        return " OR ".join(terms), start, end
    out: list[str] = []
    for sign, field, token in TOKEN.findall(q):
        if token in OPERATORS:
            if token == "NOT" and out and out[-1] in ("AND", "NOT"):
                out[-1] = "NOT"  # FTS5's NOT is binary: `a AND NOT b` is `a NOT b`
            else:
                out.append(token)
            continue
        term = _term(token)
        if not term:
            continue
        column = {"speakers": "speaker"}.get(field.lower(), field.lower())
        if column in COLUMNS:
            term = f"{column} : {term}"
        if sign == "-":
            out.append("NOT")
        elif out and out[-1] not in OPERATORS and out[-1] != "(" and token != ")":
            out.append("AND")
        out.append(term)
    while out and out[0] in OPERATORS:
        out.pop(0)
    while out and out[-1] in OPERATORS:
        out.pop()
    return " ".join(out), start, end


def _term(token: str) -> str:
    if token in "()":
        return token
    if token.startswith('"'):
        words = re.findall(r"\w+", token)
        return '"' + " ".join(words) + '"' if words else ""
    prefix = token.endswith("*")
    words = re.findall(r"\w+", token)
    if not words:
        return ""
    return '"' + " ".join(words) + '"' + (" *" if prefix else "")


def _date_range(text: str) -> tuple[date | None, date | None]:
    parts = [p.strip() for p in re.split(r"\bto\b", text, flags=re.I)]
    return (_when(parts[0], False), _when(parts[-1], True) if len(parts) > 1 else None)


def _when(raw: str, end: bool) -> date | None:
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 8:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if len(digits) == 4:
        return date(int(digits), 12, 31) if end else date(int(digits), 1, 1)
    return None


class Fts5:
    """One connection; answers a /search query string with page, total and facets."""

    def __init__(self, db: Path) -> None:
        self.con = sqlite3.connect(db, check_same_thread=False)

    def __call__(self, line: str) -> tuple[int, int]:
        answer = self.answer(line)
        return answer["total"], len(answer["hits"])

    def answer(self, line: str) -> dict:
        """Return the page (id, title, day, snippet), total, outlet and month counts."""
        request = search_request(query_args(line))
        match, start, end = to_match(request.q)
        where, params = ["docs MATCH ?"], [match]
        for value in request.outlets:
            where.append("outlet_key = ?")
            params.append(value)
        for value in request.speakers:
            where.append("instr(speaker_key, ?) > 0")
            params.append(f"\n{value}\n")
        start, end = request.date_from or start, request.date_to or end
        if start:
            where.append("day >= ?")
            params.append(start.isoformat())
        if end:
            where.append("day <= ?")
            params.append(end.isoformat())
        cond = " AND ".join(where)
        order = {"relevance": f"bm25(docs, {WEIGHTS})", "date": "day IS NULL, day",
                 "-date": "day IS NULL, day DESC"}[request.sort]
        hits = self.con.execute(
            f"SELECT id, title, day, snippet(docs, 1, '<mark>', '</mark>', '…', 24) FROM docs "
            f"WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?",
            params + [request.per_page, (request.page - 1) * request.per_page]).fetchall()
        total = self.con.execute(f"SELECT count(*) FROM docs WHERE {cond}", params).fetchone()[0]
        outlets = self.con.execute(f"SELECT outlet_key, count(*) FROM docs WHERE {cond} "
                                   "GROUP BY 1 ORDER BY 2 DESC LIMIT 20", params).fetchall()
        months = self.con.execute(f"SELECT substr(day, 1, 7), count(*) FROM docs WHERE {cond} "
                                  "GROUP BY 1", params).fetchall()
        return {"total": total,
                "hits": [{"id": i, "title": t, "date": d, "snippet": s} for i, t, d, s in hits],
                "outlets": outlets, "months": months}

    def close(self) -> None:
        """Close the connection."""
        self.con.close()
