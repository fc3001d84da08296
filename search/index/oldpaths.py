"""The module paths that indexes built before the stage packages carry in their TOC.

Whoosh pickles the schema (our analyzers and filters) and each segment's codec into the index's
table of contents by module path. An index built before the move to stage packages
(docs/layout.md) names `search.schema` and `search.codec`, which no longer exist. A finder on
`sys.meta_path` answers those names, and only those, with a module holding the same class
objects as their new homes, so such an index opens and answers as before, with no rebuild. The
next commit to it pickles the new paths, since pickle writes a class's own `__module__`.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys

# Old module path -> the module that holds its classes now.
MOVED = {
    "search.schema": "search.index.schema",
    "search.codec": "search.whooshext.codec",
}


class MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Import an old module path as a module whose names are the new module's objects."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec):
        return None  # the default: a new, empty module

    def exec_module(self, module) -> None:
        new = importlib.import_module(MOVED[module.__name__])
        module.__dict__.update({k: v for k, v in vars(new).items() if not k.startswith("__")})
        module.__doc__ = f"Moved to {new.__name__}; kept for the indexes that name this path."


def install() -> None:
    """Put the finder on `sys.meta_path` once (it costs nothing until an old path is imported)."""
    if not any(isinstance(f, MovedModules) for f in sys.meta_path):
        sys.meta_path.append(MovedModules())
