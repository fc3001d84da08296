"""Structural checks on the mail corpora: every message found, HTML twins agree, no chrome left."""
from __future__ import annotations

import mailbox
import re
from collections import defaultdict
from pathlib import Path

from search.errors import BadSource
from search.extract import extract_file

# Lines that must never survive into a body.
LEFTOVERS = {
    "quoted": re.compile(r"^\s*>", re.M),
    "footer": re.compile(r"More information about the .* mailing list|mailman/listinfo", re.I),
    "scrubbed": re.compile(r"-{5,} next part -{5,}|An? (HTML|non-text) attachment was scrubbed",
                           re.I),
}
HEADER_LINE = re.compile(r"^(From|Subject|Newsgroups|Path|Message-ID|Organization|Lines|Date"
                         r"|Xref|References|Sender|Reply-To|NNTP-Posting-Host):", re.M)


def _docs(path: Path):
    try:
        return extract_file(path)
    except BadSource:
        return []


def _norm(text: str) -> str:
    return " ".join(text.split())


def pipermail_checks(folder: Path) -> dict:
    """Count messages in the monthly archives, compare HTML pages with their .txt twins."""
    monthly = sorted(folder.glob("*.txt"))
    expected = sum(len(mailbox.mbox(str(p), create=False)) for p in monthly)
    text_docs = [d for p in monthly for d in _docs(p)]
    leftovers = {k: sum(1 for d in text_docs if rx.search(d.body)) for k, rx in LEFTOVERS.items()}
    by_key: dict[tuple, list[str]] = defaultdict(list)
    for d in text_docs:
        by_key[(_norm(d.title or ""), d.date, _norm(d.author or ""))].append(_norm(d.body))
    pages = [p for p in sorted(folder.glob("*/*.html")) if p.stem.isdigit()]
    twins = equal = 0
    for page in pages:
        for d in _docs(page):
            bodies = by_key.get((_norm(d.title or ""), d.date, _norm(d.author or "")))
            if bodies:
                twins += 1
                equal += _norm(d.body) in bodies
    return {"messages_expected": expected, "messages_found": len(text_docs),
            "empty_bodies": sum(1 for d in text_docs if not d.body.strip()),
            "html_pages": len(pages), "html_twins_found": twins, "html_twins_equal": equal,
            "bodies_with": leftovers}


def newsgroup_checks(folder: Path) -> dict:
    """Every 20 Newsgroups post yields a document with a body and no header lines in it."""
    posts = [p for p in sorted(folder.glob("*/*")) if p.is_file()]
    found = nonempty = with_headers = 0
    for post in posts:
        docs = _docs(post)
        found += bool(docs)
        nonempty += any(d.body.strip() for d in docs)
        with_headers += any(HEADER_LINE.search(d.body[:2000]) for d in docs)
    return {"posts": len(posts), "documents": found, "non_empty_bodies": nonempty,
            "bodies_with_header_lines": with_headers}
