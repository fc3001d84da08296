"""The public face of `search`: `__all__` and what the package hands out agree (as httpx checks)."""
from __future__ import annotations

import subprocess
import sys

import pytest

import search


def test_every_name_in_all_is_importable_from_search():
    missing = [name for name in search.__all__ if not hasattr(search, name)]
    assert not missing


def test_every_public_name_of_search_is_in_all():
    public = {name for name in dir(search) if not name.startswith("_")}
    stages = {"cli", "config", "documents", "engine", "errors", "extract", "features", "index",
              "query", "terminal", "timebudget", "whooshext"}  # subpackages and modules, once imported
    # An index built before the move imports its old class paths (index/oldpaths.py), which
    # Python then sets on the package too; they are not part of the API.
    from search.index.oldpaths import MOVED
    aliases = {path.rpartition(".")[2] for path in MOVED}
    assert public - stages - aliases - {"annotations", "importlib"} <= set(search.__all__)


def test_a_name_it_does_not_export_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'Nonesuch'"):
        search.Nonesuch  # noqa: B018


def test_the_exported_objects_are_the_modules_own():
    from search.engine.search import SearchEngine
    from search.query.parse import parse
    assert search.SearchEngine is SearchEngine
    assert search.parse_query is parse


def test_importing_search_loads_no_stage():
    code = ("import sys, search; "
            "print(sorted(m for m in sys.modules if m.startswith(('search.', 'whoosh'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
