"""archive-search: full-text search over archives of news pages and mailing-list posts.

The library: finding documents in files, stripping their chrome, extracting their metadata,
indexing them with Whoosh and querying the index. It never imports Flask; `web/` adapts it.
"""
from __future__ import annotations

__version__ = "0.1.0"
