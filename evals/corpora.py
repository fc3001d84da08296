"""Unpack the shared corpora once into an ignored cache folder and find the development sets."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

CACHE = Path(".cache/corpora")
# Development sets of news pages: folder name -> archive that holds it.
NEWS_SETS = ("aeb-html", "l3s-html", "trafilatura-html", "htmldate-html", "bbc-speakers")
# Articles labelled with who is quoted, text only (speakers-dev/<set>/text, gold.jsonl).
SPEAKER_SETS = ("ggt", "polnear")
ARCHIVES = {
    "news-pages-dev": NEWS_SETS,
    "speakers-dev": ("speakers-dev",),
    "pipermail-twisted-web": ("twisted-web-pipermail",),
    "usenet-20-newsgroups": ("20_newsgroups",),
    "reuters-21578": ("reuters21578",),
    "bbc-news": ("bbc-news",),
    "mail-edge-cases": ("perceval-mail-fixtures", "everything-list-hypermail"),
    "ranking-dev": ("ranking-dev",),
}


def unpack(shared: Path, cache: Path = CACHE) -> Path:
    """Unpack every shared corpus not yet in `cache`; return the cache folder."""
    cache.mkdir(parents=True, exist_ok=True)
    for archive, folders in ARCHIVES.items():
        if all((cache / folder).exists() for folder in folders):
            continue
        source = shared / "corpora" / f"{archive}.tar.xz"
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing")
        print(f"unpacking {source.name} into {cache}", flush=True)
        subprocess.run(["tar", "-xJf", str(source), "-C", str(cache)], check=True)
    return cache


# One page in VALIDATION_SHARE is kept for validation: never read while tuning, scored apart.
VALIDATION_SHARE = 5


def is_validation(file: str) -> bool:
    """Tell whether a page belongs to the validation part of its set, by the hash of its name.

    The name alone decides (not its folder or the set's size), so a page stays on its side when a
    set grows, and the HTML and text copies of one page fall on the same side.
    """
    stem = Path(file).name.rsplit(".", 1)[0]
    return int(hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8], 16) % VALIDATION_SHARE == 0


def place(source: Path, dest: Path) -> None:
    """Put a corpus file into an archive folder being indexed: a hard link, else a copy.

    Not a symbolic link: the indexer leaves out a link whose target lies outside the archive
    (`extract/sources.link_stays_inside`), as it must for a user's archive.
    """
    if dest.exists():
        return
    try:
        os.link(source, dest)
    except OSError:  # another file system, or links not allowed there
        shutil.copyfile(source, dest)
