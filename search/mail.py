"""Placeholder until the mail readers land: nothing is recognised as mail yet."""
from __future__ import annotations

from collections.abc import Iterator

from search.documents import Extracted


def detect_mail_kind(head: bytes) -> str | None:
    """Return None: no mail kind is recognised yet."""
    return None


def read_mail(raw: bytes, kind: str) -> Iterator[Extracted]:
    """Yield nothing: no mail kind is recognised yet."""
    return iter(())
