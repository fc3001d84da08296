"""Placeholder until quote attribution lands: no quotes are found."""
from __future__ import annotations

from search.documents import Quote


def extract_quotes(body: str) -> list[Quote]:
    """Return no quotes."""
    return []


def extract_speakers(quotes: list[Quote]) -> list[str]:
    """Return the distinct speakers of the quotes, in order."""
    return list(dict.fromkeys(q.speaker for q in quotes))
