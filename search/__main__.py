"""`python -m search`: the same command line as `archive-search`."""
from __future__ import annotations

from search.cli import run

run()
