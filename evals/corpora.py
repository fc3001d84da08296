"""Unpack the shared corpora once into an ignored cache folder and find the development sets."""
from __future__ import annotations

import subprocess
from pathlib import Path

CACHE = Path(".cache/corpora")
# Development sets of news pages: folder name -> archive that holds it.
NEWS_SETS = ("aeb-html", "l3s-html", "trafilatura-html", "htmldate-html", "bbc-speakers")
ARCHIVES = {
    "news-pages-dev": NEWS_SETS,
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
