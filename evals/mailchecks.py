"""Structural checks on the mail corpora: every message found, HTML twins agree, no chrome left."""
from __future__ import annotations

import mailbox
import re
from collections import defaultdict
from pathlib import Path

from search import BadSource
from search import extract_file

# Lines that must never survive into a body.
QUOTED = re.compile(r"^\s*>.*$", re.M)
# A pasted Python session (">>> import x", a bare ">>>") is content, not a three-level quote;
# ">>> Been thinking about it" is prose and stays a quote. Bodies that quote anything else with
# ">" are counted whatever their prompts are.
PYTHON_PROMPT = re.compile(r"^\s*>>>(?:\s*$|\s+(?:import|from|print|def|class|for|if|with|try)\b"
                           r"|\s*[\w.]+\s*(?:[(=\[.,:]|$))")
PYTHON_CONTINUATION = re.compile(r"^\s*\.\.\.(?:\s|$)")
# The footer's own lines, and a bare listinfo URL where a footer puts it: last in the body, or
# after the list address, the "X mailing list" line or a lone quote mark (a reply wrapped the
# quoted footer). A listinfo URL the author cites in a sentence ("Sign up at <URL>") is content.
FOOTER = re.compile(r"More information about the .* mailing list|^\s*[>|]?\s*[\w.-]+ mailing list\s*$",
                    re.I | re.M)
LISTINFO_LINE = re.compile(r"^\s*[>|]?\s*<?https?://\S+/listinfo/\S*>?\s*$", re.I)
FOOTER_LEAD = re.compile(r"^\s*[>|]?\s*(?:\S+(?:@| at )\S+|[\w.-]+ mailing list|_{20,})?\s*$", re.I)
SCRUBBED = re.compile(r"-{5,} next part -{5,}|An? (HTML|non-text) attachment was scrubbed", re.I)
HEADER_LINE = re.compile(r"^(From|Subject|Newsgroups|Path|Message-ID|Organization|Lines|Date"
                         r"|Xref|References|Sender|Reply-To|NNTP-Posting-Host):", re.M)
# Pipermail's pages write "a at b" for an address "a@b" (Mailman's ARCHIVER_OBSCURES_EMAILADDRS,
# HyperArch.py's regex), and from about 2008 its .txt archive does so too; an "at" in prose
# ("look at twisted.web") cannot be told from an address, so the readers keep what the file shows
# and the twin check obscures both sides the same way.
ADDRESS = re.compile(r"([-+,.\w]+)@([-+.\w]+)")
# The .txt archive is written in the list's charset (us-ascii) with "?" for every character
# outside it: "d?but" for "début", "?" for a no-break space. That is lossy, so the twin check
# reads every "?" and non-ASCII character, on both sides, as a word break.
LOSSY = re.compile(r"[^\x00-\x7f]|\?")


def _docs(path: Path):
    try:
        return extract_file(path)
    except BadSource:
        return []


def _norm(text: str) -> str:
    return " ".join(text.split())


def _twin_norm(text: str) -> str:
    """Return a body as the twin check compares it: addresses obscured, lossy characters gone."""
    return _norm(LOSSY.sub(" ", ADDRESS.sub(r"\1 at \2", text)))


def has_quoted(body: str) -> bool:
    """Tell whether a body keeps a quoted line that is not part of a pasted Python session."""
    lines = [m.group(0) for m in QUOTED.finditer(body)]
    return any(not PYTHON_PROMPT.match(line) for line in lines)


def has_footer(body: str) -> bool:
    """Tell whether a body keeps a line of Mailman's footer."""
    if FOOTER.search(body):
        return True
    lines = [line for line in body.split("\n") if line.strip()]
    for i, line in enumerate(lines):
        if LISTINFO_LINE.match(line) and (i == len(lines) - 1 or i and FOOTER_LEAD.match(lines[i - 1])):
            return True
    return False


LEFTOVERS = {"quoted": has_quoted, "footer": has_footer, "scrubbed": lambda body: bool(SCRUBBED.search(body))}


def _twin_pairs(folder: Path, monthly: list[Path], text_docs: dict[Path, list]) -> list[tuple]:
    """Pair each page with its .txt message: by position in the month, else by subject/date/author.

    Pipermail numbers a month's pages in the order of the month's .txt archive, so when the counts
    agree the n-th page is the n-th message (the page shows the envelope date, which can differ
    from the Date header the .txt reader reads, so keys miss some twins and mix up others).
    """
    pairs = []
    by_key: dict[tuple, list] = defaultdict(list)
    for docs in text_docs.values():
        for d in docs:
            by_key[(_norm(d.title or ""), d.date, _norm(d.author or ""))].append(d)
    for month in monthly:
        pages = sorted(p for p in (folder / month.stem).glob("*.html") if p.stem.isdigit())
        page_docs = [d for p in pages for d in _docs(p)]
        if len(page_docs) > len(text_docs[month]):  # a message held twice is one document
            page_docs = _without_repeats(page_docs)
        if len(page_docs) == len(text_docs[month]):
            pairs += [(d, [t]) for d, t in zip(page_docs, text_docs[month])]
            continue
        for d in page_docs:
            twins = by_key.get((_norm(d.title or ""), d.date, _norm(d.author or "")))
            if twins:
                pairs.append((d, twins))
    return pairs


def _without_repeats(docs: list) -> list:
    """Return the pages without those repeating an earlier page (a message the archive holds twice)."""
    seen: set[tuple] = set()
    kept = []
    for d in docs:
        key = (d.title, d.author, d.date, _norm(d.body))
        if key not in seen:
            seen.add(key)
            kept.append(d)
    return kept


def pipermail_checks(folder: Path) -> dict:
    """Count messages in the monthly archives, compare HTML pages with their .txt twins."""
    monthly = sorted(folder.glob("*.txt"))
    expected = sum(len(mailbox.mbox(str(p), create=False)) for p in monthly)
    text_docs = {p: _docs(p) for p in monthly}
    bodies = [d.body for docs in text_docs.values() for d in docs]
    leftovers = {k: sum(1 for b in bodies if found(b)) for k, found in LEFTOVERS.items()}
    pages = [p for p in sorted(folder.glob("*/*.html")) if p.stem.isdigit()]
    pairs = _twin_pairs(folder, monthly, text_docs)
    identical = sum(_norm(d.body) in {_norm(t.body) for t in twins} for d, twins in pairs)
    equal = sum(_twin_norm(d.body) in {_twin_norm(t.body) for t in twins} for d, twins in pairs)
    return {"messages_expected": expected, "messages_found": len(bodies),
            "empty_bodies": sum(1 for b in bodies if not b.strip()),
            "html_pages": len(pages), "html_twins_found": len(pairs), "html_twins_equal": equal,
            "html_twins_identical": identical, "bodies_with": leftovers}


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


# Threads and lists (issue 19). Gold threads are the connected messages of the archive's own
# In-Reply-To/References headers as Python's `mailbox` reads them; no subject matching.
MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
# A fixed share of months, by a hash of the file name, is the validation split: the thread rules
# were written on the other months, and the figures are given for both.
VALIDATION_SHARE = 5  # one month in five


def is_validation(path: Path) -> bool:
    """Tell whether a monthly archive belongs to the validation split (fixed by name hash)."""
    import hashlib
    return int(hashlib.sha1(path.name.encode()).hexdigest(), 16) % VALIDATION_SHARE == 0


def _gold_threads(files: list[Path]) -> dict[str, str]:
    """Return Message-ID -> gold thread (the smallest id of its connected component)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    held = []
    for path in files:
        box = mailbox.mbox(str(path), create=False)
        messages = list(box)
        box.close()
        for message in messages:
            own = MESSAGE_ID.findall(str(message.get("Message-ID", "")))
            if not own:
                continue
            held.append(own[0])
            find(own[0])
            for header in ("In-Reply-To", "References"):
                for other in MESSAGE_ID.findall(str(message.get(header, ""))):
                    a, b = find(own[0]), find(other)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
    return {mid: find(mid) for mid in held}


def _pairs(groups: list[tuple]) -> int:
    from collections import Counter
    return sum(n * (n - 1) // 2 for n in Counter(groups).values())


def thread_pair_scores(files: list[Path]) -> dict:
    """Thread the documents of `files` as `extract` does; score pairs against the headers' threads."""
    from search.extract.files import unique_documents
    from search.features.threads import thread_documents

    gold = _gold_threads(files)
    docs = thread_documents(unique_documents([d for p in files for d in _docs(p)]))
    mine = {d.message_id: d.thread for d in docs if d.message_id in gold}
    return {"messages": len(gold), "distinct_message_ids": len(set(gold)), "documents": len(docs),
            **_pair_scores(gold, mine)}


def _pair_scores(gold: dict[str, str], mine: dict[str, str]) -> dict:
    """Score pairs of messages in one thread (`mine`: Message-ID -> thread) against `gold`'s."""
    both = _pairs([(gold[m], t) for m, t in mine.items()])
    found, expected = _pairs(list(mine.values())), _pairs([gold[m] for m in mine])
    return {"pairs_expected": expected, "pairs_found": found,
            "precision": round(both / found, 4) if found else None,
            "recall": round(both / expected, 4) if expected else None}


def thread_checks(folder: Path) -> dict:
    """Messages against documents and thread pairs on the pipermail months, by split."""
    monthly = sorted(folder.glob("*.txt"))
    return {"development": thread_pair_scores([p for p in monthly if not is_validation(p)]),
            "validation": thread_pair_scores([p for p in monthly if is_validation(p)])}


def page_thread_scores(folder: Path, monthly: list[Path]) -> dict:
    """Thread the HTML pages of `monthly`'s months alone, as an archive of pages only would be;
    score pairs against the threads of their .txt twins' headers.

    A page keeps no Message-ID of its own (at most the one it answers), so its thread comes from
    its subject; a month counts when its n-th page can be paired with its n-th message.
    """
    from search.features.threads import thread_documents

    gold, message_of, pages = {}, {}, []
    for month in monthly:
        files = sorted(p for p in (folder / month.stem).glob("*.html") if p.stem.isdigit())
        docs = _without_repeats([d for p in files for d in _docs(p)])
        ids = _message_ids(month)
        if len(docs) != len(ids) or not all(ids):
            continue
        gold.update(_gold_threads([month]))
        message_of.update((d.id, own[0]) for d, own in zip(docs, ids))
        pages += docs
    mine = {message_of[d.id]: d.thread for d in thread_documents(pages) if message_of.get(d.id) in gold}
    return {"pages": len(mine), **_pair_scores(gold, mine)}


def page_thread_checks(folder: Path) -> dict:
    """Thread pairs of the pipermail pages alone, by split (the months of `thread_checks`)."""
    monthly = sorted(folder.glob("*.txt"))
    return {"development": page_thread_scores(folder, [p for p in monthly if not is_validation(p)]),
            "validation": page_thread_scores(folder, [p for p in monthly if is_validation(p)])}


def copy_checks(folder: Path, workers: int | None = None) -> dict:
    """Index the pipermail pages alone, then with the monthly .txt archives beside them; count
    what searches leave out as copies of messages held twice.

    Pages alone hold each message once (a few pages twice), so next to nothing should go; with
    the .txt beside them every page that repeats a message should go, leaving about one
    document a message.
    """
    import tempfile

    from search import IndexHandle, update_index
    from search.engine.threadindex import duplicate_messages
    from evals.corpora import place

    found = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, with_txt in (("pages_alone", False), ("pages_and_txt", True)):
            seeds, index = Path(tmp) / name / "seeds", Path(tmp) / name / "index"
            for path in sorted(folder.glob("*/*.html")) + (sorted(folder.glob("*.txt")) if with_txt else []):
                (seeds / path.parent.relative_to(folder)).mkdir(parents=True, exist_ok=True)
                place(path, seeds / path.relative_to(folder))
            update_index(seeds, index, workers=workers)
            handle = IndexHandle(index)
            try:
                searcher, columns = handle.current()
                left_out = len(duplicate_messages(searcher, columns))
                found[name] = {"documents": searcher.doc_count(), "left_out_as_copies": left_out,
                               "searchable": searcher.doc_count() - left_out}
            finally:
                handle.close()
    found["messages_in_txt"] = sum(len(_message_ids(p)) for p in folder.glob("*.txt"))
    return found


def _message_ids(month: Path) -> list[list[str]]:
    box = mailbox.mbox(str(month), create=False)
    try:
        return [MESSAGE_ID.findall(str(m.get("Message-ID", ""))) for m in box]
    finally:
        box.close()


def list_id_checks(folder: Path) -> dict:
    """Share of the messages with a List-Id whose document's outlet is that list's name."""
    with_list = outlet_is_list = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            box = list(mailbox.mbox(str(path), create=False))
        except Exception:  # not an mbox: the folder also holds pages and single messages
            continue
        ids = {}
        for message in box:
            own = MESSAGE_ID.findall(str(message.get("Message-ID", "")))
            label = re.search(r"<([^.>]+)[.>]", str(message.get("List-Id", "")))
            if own and label:
                ids[own[0]] = label.group(1)
        if not ids:
            continue
        docs = {d.message_id: d for d in _docs(path)}
        for mid, name in ids.items():
            with_list += 1
            doc = docs.get(mid)
            outlet_is_list += bool(doc and (doc.outlet or "").lower() == name.lower())
    return {"messages_with_list_id": with_list, "outlet_is_the_list": outlet_is_list,
            "share": round(outlet_is_list / with_list, 4) if with_list else None}
