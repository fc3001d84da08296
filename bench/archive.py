"""Build the benchmark archive: real news and mail, one file per document, from the shared corpora.

    20 Newsgroups   one Usenet post a file, copied as it is
    Reuters-21578   one story a file, written as a text dump: title, blank line, date line,
                    blank line, dateline and body (the SGML has no file per story)
    BBC News        one article a file, copied (line 1 is the headline)
    twisted-web     the per-message pipermail HTML pages (not the monthly indexes)

Every corpus is shuffled with a fixed seed and cut in proportion, so a smaller archive is a
prefix of a larger one and holds the same mix. The `usenet` archive holds the 20 Newsgroups posts
alone (all 19,997 of them, or a shuffled prefix): the archive issue 21's targets are judged on.
"""
from __future__ import annotations

import html
import random
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from evals.corpora import unpack

SEED = 8
ARCHIVES = Path(".cache/bench")
STORY = re.compile(r"<REUTERS\b[^>]*\bNEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
TAG = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in
       ("DATE", "TITLE", "DATELINE", "BODY")}
# Reuters bodies end with the wire's sign-off, e.g. " Reuter\n&#3;".
SIGN_OFF = re.compile(r"\s*Reuter\s*$", re.I)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
PIPERMAIL_PAGE = re.compile(r"^\d{6}\.html$")


@dataclass(frozen=True)
class Item:
    """One file of the benchmark archive: where it goes and how to get its bytes."""

    rel: str
    source: Path | None = None  # copied as it is
    text: str | None = None  # or written from this text


def usenet(corpora: Path) -> list[Item]:
    """Return every 20 Newsgroups post."""
    root = corpora / "20_newsgroups"
    return [Item(f"usenet/{p.parent.name}/{p.name}", source=p)
            for p in sorted(root.glob("*/*")) if p.is_file()]


def bbc(corpora: Path) -> list[Item]:
    """Return every BBC News article."""
    root = corpora / "bbc-news"
    return [Item(f"bbc/{p.parent.name}/{p.name}", source=p)
            for p in sorted(root.glob("*/*.txt"))]


def pipermail(corpora: Path) -> list[Item]:
    """Return every per-message page of the twisted-web pipermail archive."""
    root = corpora / "twisted-web-pipermail"
    return [Item(f"pipermail/{p.parent.name}/{p.name}", source=p)
            for p in sorted(root.glob("*/*.html")) if PIPERMAIL_PAGE.match(p.name)]


def reuters(corpora: Path) -> list[Item]:
    """Return every Reuters story that has a title or a body, as a text dump."""
    items = []
    for sgm in sorted((corpora / "reuters21578").glob("reut2-*.sgm")):
        raw = sgm.read_bytes().decode("latin-1")
        for newid, story in STORY.findall(raw):
            text = reuters_text(story)
            if text:
                items.append(Item(f"reuters/{sgm.stem}/{int(newid):05d}.txt", text=text))
    return items


def reuters_text(story: str) -> str | None:
    """Return a story as a text dump (title, date line, body), or None when it has no text."""
    field = {name: _clean(m.group(1)) if (m := rx.search(story)) else ""
             for name, rx in TAG.items()}
    body = SIGN_OFF.sub("", field["BODY"])
    if not body and not field["TITLE"]:
        return None
    when = _reuters_date(field["DATE"])
    title = field["TITLE"].title() if field["TITLE"].isupper() else field["TITLE"]
    lead = f"{field['DATELINE'].strip()} " if field["DATELINE"].strip() else ""
    lines = [title or body.split("\n", 1)[0], "", when or "", "", lead + body.strip(), ""]
    return "\n".join(lines)


def _clean(text: str) -> str:
    return CONTROL.sub("", html.unescape(text)).strip()


def _reuters_date(raw: str) -> str | None:
    """Return `26-FEB-1987 15:01:01.79` as `February 26, 1987`."""
    try:
        when = datetime.strptime(raw.split()[0], "%d-%b-%Y")
    except (ValueError, IndexError):
        return None
    return f"{when:%B} {when.day}, {when.year}"


# The archives `make bench` can build (`--archive`), each the corpora it is made of.
ARCHIVE_KINDS = {
    "mixed": (usenet, reuters, bbc, pipermail),
    "usenet": (usenet,),
}
DEFAULT_KIND = "mixed"
LABELS = {"mixed": "mixed (Usenet, Reuters, BBC, pipermail)",
          "usenet": "Usenet only (20 Newsgroups)"}
DESCRIPTIONS = {
    "mixed": "20 Newsgroups posts as they are, Reuters-21578 stories as text dumps (title, date "
             "line, body), BBC News articles, the twisted-web per-message pipermail pages",
    "usenet": "the 20 Newsgroups posts alone, as they are (19,997 posts: the archive issue 21's "
              "targets are judged on)",
}


def all_items(corpora: Path, kind: str = DEFAULT_KIND) -> list[list[Item]]:
    """Return the items of the `kind` archive's corpora, each corpus shuffled with the fixed seed."""
    corpora_items = [read(corpora) for read in ARCHIVE_KINDS[kind]]
    for items in corpora_items:
        random.Random(SEED).shuffle(items)
    return corpora_items


def pick(corpora_items: list[list[Item]], docs: int) -> list[Item]:
    """Return `docs` items (or all there are), each corpus in proportion to its size."""
    total = sum(len(items) for items in corpora_items)
    if docs >= total:
        return [item for items in corpora_items for item in items]
    chosen = [items[:round(docs * len(items) / total)] for items in corpora_items]
    return [item for items in chosen for item in items]


def folder_name(kind: str, files: int) -> str:
    """Return the folder of the `kind` archive of `files` files (the mixed one keeps its name)."""
    return f"seeds-{files}" if kind == DEFAULT_KIND else f"{kind}-{files}"


def build(shared: Path, docs: int, out: Path = ARCHIVES, kind: str = DEFAULT_KIND) -> Path:
    """Write an archive of about `docs` files under `out`; return its folder (reused if built)."""
    corpora = unpack(shared)
    corpora_items = all_items(corpora, kind)
    items = pick(corpora_items, docs)
    folder = out / folder_name(kind, len(items))
    done = folder / ".complete"
    if done.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    for item in items:
        path = folder / item.rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if item.source is not None:
            shutil.copyfile(item.source, path)
        else:
            path.write_text(item.text or "", encoding="utf-8")
    done.write_text(f"{len(items)}\n", encoding="utf-8")
    return folder


def archive_bytes(folder: Path) -> int:
    """Return the size of the archive's files in bytes."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
