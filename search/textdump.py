"""Placeholder until the text-dump extractor lands: title is the first line, body the rest."""
from __future__ import annotations

from search.documents import Extracted


def extract_text_dump(text: str) -> Extracted:
    """Return the first line as title and the other lines as body."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Extracted(kind="text-dump", title=lines[0] if lines else None, body="\n".join(lines[1:]))
