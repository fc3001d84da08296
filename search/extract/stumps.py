"""Boosted decision stumps: the form of the small learned models extraction ships beside its
code (the headline chooser, the speaker filter), read from the JSON `make train` writes
(`evals/stumps.py` fits them) and applied.

A model is a base log-odds and stumps, each (feature index, cut, value at or below the cut,
value above it): a row of feature values scores the base plus each stump's value for it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

Stump = tuple[int, float, float, float]


@dataclass(frozen=True, kw_only=True)
class Stumps:
    """A base and stumps over `width` features; `columns` holds the stumps as four arrays
    (features, cuts, lows, highs), to score many rows at once."""

    base: float
    stumps: tuple[Stump, ...]
    width: int
    columns: tuple[np.ndarray, ...] = field(compare=False, repr=False)

    def log_odds(self, rows) -> np.ndarray:
        """Return the log-odds of each row of feature values."""
        features, cuts, lows, highs = self.columns
        values = np.asarray(rows, dtype=float).reshape(-1, self.width)[:, features]
        return self.base + np.where(values <= cuts, lows, highs).sum(axis=1)


def stump_fields(base: float, stumps, width: int) -> dict:
    """Return the fields of a Stumps (or a model built on it) for a base and its stumps."""
    stumps = tuple((int(j), float(cut), float(low), float(high)) for j, cut, low, high in stumps)
    table = np.array(stumps, dtype=float).reshape(-1, 4)
    return {"base": float(base), "stumps": stumps, "width": width,
            "columns": (table[:, 0].astype(int), table[:, 1], table[:, 2], table[:, 3])}


def trained_fields(data: dict, features: tuple[str, ...], what: str) -> dict:
    """Return the Stumps fields a trained file's data holds; its features must be today's."""
    if tuple(data["features"]) != features:
        raise ValueError(f"the {what} model was trained on other features: run `make train`")
    return stump_fields(data["base"], data["stumps"], len(features))


def read_trained(path: Path) -> dict | None:
    """Return a trained model's data, or None where there is no file."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def probability(log_odds):
    """Return the probability of log-odds (clipped, so that no exp overflows)."""
    return 1.0 / (1.0 + np.exp(-np.clip(log_odds, -60.0, 60.0)))
