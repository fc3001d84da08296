"""Where the archive and the index live: defaults, overridden by the environment."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_SEEDS = "seeds"
DEFAULT_INDEX = "var/index"
SEEDS_ENV = "ARCHIVE_SEARCH_SEEDS"
INDEX_ENV = "ARCHIVE_SEARCH_INDEX"


def seeds_dir(value: str | None = None) -> Path:
    """Return the archive folder: the argument, else $ARCHIVE_SEARCH_SEEDS, else `seeds/`."""
    return Path(value or os.environ.get(SEEDS_ENV) or DEFAULT_SEEDS)


def index_dir(value: str | None = None) -> Path:
    """Return the index folder: the argument, else $ARCHIVE_SEARCH_INDEX, else `var/index`."""
    return Path(value or os.environ.get(INDEX_ENV) or DEFAULT_INDEX)
