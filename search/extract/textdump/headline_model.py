"""A learned second opinion on a text dump's headline: the features of the rules' best-scored
candidates (`headline.scored_candidates`), and the model (`headline_model.json`, written by
`make train`) that picks another of them than the rules' best when it finds it likelier by its
margin. The rules' score is one of its features; without the file the rules' pick stands.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from search.extract.dates import is_date_line
from search.extract.stumps import Stumps, read_trained, trained_fields
from search.extract.textdump.chrome import STOPWORDS
from search.extract.textdump.headline import headline_at, rules_pick, scored_candidates
from search.extract.textdump.lines import Line, fold

__all__ = ["FEATURES", "MODEL_PATH", "HeadlineModel", "candidate_features", "choose",
           "choose_title", "load_model", "model_from_json", "shortlist"]

MODEL_PATH = Path(__file__).with_name("headline_model.json")
WORD = re.compile(r"\w+")
DIGIT = re.compile(r"\d")
LEDE_LINES = 5  # lines from the first prose line whose words a headline's words recur in
DATE_REACH = 6  # lines under a candidate looked at for a date line
# The rules' best-scored candidates the model chooses among: out of fold it took none ranked
# lower, and 16 of the 436 candidates giving the gold title on the development news pages were.
SHORTLIST = 4
SEPARATOR = re.compile(r":\s|\s[-–—|/]\s")
# The features, in the order the model's stumps index them: one home for their names.
FEATURES = (
    "rules_score", "score_gap", "rules_pick", "rank", "candidates", "share_of_head",
    "to_prose", "in_run", "from_top", "words", "chars", "title_case", "all_caps", "ends_stop",
    "ends_ask", "separator", "chrome", "linked", "repeated", "repeats", "lede_share",
    "site_share", "date_under", "digits", "chrome_above", "chrome_below", "words_below",
    "words_above", "stopword_share",
)
PICK = FEATURES.index("rules_pick")


def _content(text: str) -> set[str]:
    """Return a line's folded words longer than three letters, function words left out."""
    return {w for w in WORD.findall(fold(text)) if len(w) > 3 and w not in STOPWORDS}


def _share(words: set[str], other: set[str]) -> float:
    """Return the share of `words` found in `other` (0 for no words)."""
    return len(words & other) / len(words) if words else 0.0


def shortlist(scored: list[tuple[int, float]]) -> list[int]:
    """Return the positions in `scored` of the `SHORTLIST` best-scored candidates (the first of
    equals first), in the page's order."""
    order = sorted(range(len(scored)), key=lambda k: (-scored[k][1], k))
    return sorted(order[:SHORTLIST])


def candidate_features(lines: list[Line], start: int, prose: int,
                       scored: list[tuple[int, float]], site: str | None = None
                       ) -> list[list[float]]:
    """Return the features (in `FEATURES` order) of each candidate of the `shortlist`, in the
    page's order.

    `site` is the outlet's or masthead's name, whose words a headline rarely shares.
    """
    if not scored:
        return []
    best = max(score for _, score in scored)
    pick = next(i for i, score in scored if score == best)
    order = sorted(range(len(scored)), key=lambda k: (-scored[k][1], k))
    rank = {scored[k][0]: r for r, k in enumerate(order)}
    top, bottom = scored[0][0], scored[-1][0]
    lede: set[str] = set()
    for line in lines[prose:prose + LEDE_LINES]:
        lede |= _content(line.text)
    site_words = _content(site or "")
    # every candidate stands above prose + 1: its folded text is the head's
    head = [f" {fold(line.text)} " for line in lines[:prose + 3]]
    dated: dict[int, bool] = {}
    rows = []
    for i, score in (scored[k] for k in shortlist(scored)):
        content = _content(lines[i].text)
        repeats = sum(1 for k, other in enumerate(head) if k != i and head[i] in other)
        rows.append([
            score, best - score, float(i == pick), float(rank[i]), float(min(len(scored), 20)),
            (i - top) / max(1, bottom - top), float(max(-3, min(prose - i, 30))),
            float(i >= start), float(min(i, 60)),
            *_shape(lines[i]),
            float(min(repeats, 3)), _share(content, lede), _share(content, site_words),
            float(_date_under(lines, i, dated)),
        ])
        digits, function_words = _letters(lines[i].text)
        rows[-1] += [digits, *_neighbours(lines, i), function_words]
    return rows


def _shape(line: Line) -> list[float]:
    """Return a line's length, case and ending, and how the classifier marked it."""
    text = line.text
    long_words = [w for w in text.split() if len(w) > 3]
    return [
        float(line.words),
        math.log1p(len(text)),
        sum(w[0].isupper() for w in long_words) / len(long_words) if long_words else 0.0,
        float(text.isupper()),
        float(text.rstrip().endswith(".")),
        float(text.rstrip().endswith(("?", "!"))),
        float(bool(SEPARATOR.search(text))),
        float(line.chrome),
        float(line.linked),
        float(line.repeated),
    ]


def _date_under(lines: list[Line], i: int, dated: dict[int, bool]) -> int:
    """Return how many lines under line i the first date line stands (`DATE_REACH` + 1 for none
    near); `dated` keeps what was found of each line."""
    for k in range(i + 1, min(i + 1 + DATE_REACH, len(lines))):
        if k not in dated:
            dated[k] = is_date_line(lines[k].text, other_words=6)
        if dated[k]:
            return k - i
    return DATE_REACH + 1


def _letters(text: str) -> list[float]:
    """Return the share of digits among a line's word characters, and of function words among
    its words."""
    plain = WORD.findall(text.lower())
    letters = sum(map(len, plain)) or 1
    return [len(DIGIT.findall(text)) / letters,
            sum(w in STOPWORDS for w in plain) / len(plain) if plain else 0.0]


def _neighbours(lines: list[Line], i: int) -> list[float]:
    """Return whether the lines above and under line i are chrome, and their words (the line
    under first)."""
    above = lines[i - 1] if i > 0 else None
    below = lines[i + 1] if i + 1 < len(lines) else None
    return [float(bool(above and above.chrome)), float(bool(below and below.chrome)),
            float(min(below.words, 40)) if below else 0.0,
            float(min(above.words, 40)) if above else 0.0]


@dataclass(frozen=True, kw_only=True)
class HeadlineModel(Stumps):
    """Boosted stumps over the features (a candidate's log-odds of being the headline), and
    how much likelier than the rules' pick a candidate must be to replace it."""

    margin: float


def model_from_json(data: dict) -> HeadlineModel:
    """Return the model a trained file holds; its features must be today's."""
    return HeadlineModel(margin=float(data["margin"]),
                         **trained_fields(data, FEATURES, "headline"))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> HeadlineModel | None:
    """Return the shipped model, or None where there is no file (the rules' pick stands)."""
    data = read_trained(path)
    return None if data is None else model_from_json(data)


def choose(rows: list[list[float]], model: HeadlineModel) -> int:
    """Return the position in `rows` of the candidate the model picks: the rules' pick unless
    another's log-odds beats it by the model's margin."""
    odds = model.log_odds(rows)
    pick = next(k for k, row in enumerate(rows) if row[PICK])
    best = int(np.argmax(odds))  # the first of equals
    return best if odds[best] - odds[pick] >= model.margin else pick


def choose_title(lines: list[Line], start: int, end: int, raw: list[str] | None = None,
                 site: str | None = None, path: Path = MODEL_PATH) -> tuple[str | None, int]:
    """Return the headline and its index: the rules' pick, or the model's where it is surer.

    `site` is the outlet's or masthead's name (see `candidate_features`).
    """
    prose, scored = scored_candidates(lines, start, end, raw)
    at = rules_pick(scored)
    if at < 0:
        return None, -1
    model = load_model(path)
    if model is not None and len(scored) > 1:
        rows = candidate_features(lines, start, prose, scored, site)
        at = scored[shortlist(scored)[choose(rows, model)]][0]
    return headline_at(lines, at, prose), at
