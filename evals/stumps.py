"""Boosted decision stumps fitted with numpy: how `make train` makes the models extraction
applies with `search/extract/stumps.py` (the headline chooser, the speaker filter), and the
folds its cross-validation splits the development pages into (by the hash of each page's name,
a page's HTML and text copies together). The same examples give the same bytes: every value is
rounded to `DIGITS`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from search.extract.stumps import Stumps, probability, stump_fields

FOLDS = 5
# Shrinkage, the Newton step's smoothing, and the quantiles of each feature that are its
# candidate cuts; the rounds and the fewest examples on a side of a cut are each model's.
LEARNING_RATE = 0.1
SMOOTHING = 1.0
QUANTILES = np.linspace(0.05, 0.95, 19)
DIGITS = 6


def fit(x: np.ndarray, y: np.ndarray, rounds: int, min_leaf: int) -> dict:
    """Return boosted stumps fitted to examples x (rows) with labels y (0 or 1).

    Gradient boosting of the log-odds (Newton steps): each round adds the one stump, over the
    features' quantile cuts, that best fits the gradient; a leaf needs `min_leaf` examples.
    """
    rate = min(max(y.mean(), 1e-6), 1 - 1e-6)
    base = float(np.log(rate / (1 - rate)))
    score = np.full(len(y), base)
    cuts = [np.unique(np.quantile(x[:, j], QUANTILES)) for j in range(x.shape[1])]
    below = [(x[:, j][None, :] <= cuts[j][:, None]).astype(float) for j in range(x.shape[1])]
    stumps = []
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-score))
        g, h = y - p, p * (1 - p)
        best = None
        for j, left in enumerate(below):
            n_left = left.sum(axis=1)
            ok = (n_left >= min_leaf) & (len(y) - n_left >= min_leaf)
            g_left, h_left = left @ g, left @ h
            g_right, h_right = g.sum() - g_left, h.sum() - h_left
            gain = g_left ** 2 / (h_left + SMOOTHING) + g_right ** 2 / (h_right + SMOOTHING)
            for i in np.flatnonzero(ok):
                if best is None or gain[i] > best[0] + 1e-12:
                    best = (gain[i], j, cuts[j][i], g_left[i] / (h_left[i] + SMOOTHING),
                            g_right[i] / (h_right[i] + SMOOTHING))
        if best is None:
            break
        _, j, cut, low, high = best
        low, high = round(float(LEARNING_RATE * low), DIGITS), round(float(LEARNING_RATE * high),
                                                                      DIGITS)
        cut = round(float(cut), DIGITS)
        score += np.where(x[:, j] <= cut, low, high)
        stumps.append((int(j), cut, low, high))
    return {"base": round(base, DIGITS), "stumps": stumps}


def probabilities(model: dict, x: np.ndarray) -> np.ndarray:
    """Return the probability of each row of x as extraction computes it (`Stumps`)."""
    fitted = Stumps(**stump_fields(model["base"], model["stumps"], x.shape[1]))
    return probability(fitted.log_odds(x))


def fold_of(file: str) -> int:
    """Return the cross-validation fold of a page, by the hash of its name (copies together)."""
    stem = Path(file).name.rsplit(".", 1)[0]
    return int(hashlib.sha1(f"fold:{stem}".encode()).hexdigest()[:8], 16) % FOLDS
