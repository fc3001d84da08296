"""Choose a text dump's headline among the lines above its article.

A browser's text dump has no markup: the headline is told from the menus, calls to action,
teasers, tables and decks around it by its shape (a short line, no closing full stop, words not
all menu labels) and by where it stands: the header of an article is a run of a headline, maybe a
deck, a byline and a date, right above the first paragraph, while a menu or a list of teasers is
a run of short lines with nothing of the kind under them. The headline often comes twice (a
breadcrumb ending in it, a `<title>` line with the site's name), where a menu's label repeats in
other menus.
"""
from __future__ import annotations

import re

from search.extract.dates import normalise_date
from search.extract.html.meta import strip_site_name
from search.extract.folding import squash
from search.extract.textdump.chrome import (AUTHOR_LINE, HEADLINE_END_BLOCK, NAME_LINE,
                                            NOT_HEADLINE, SALUTATION, SENTENCE_END)
from search.extract.textdump.lines import Line, fold

__all__ = ["TITLE_WINDOW", "find_title", "first_prose", "headline_shaped", "without_site_name"]

TITLE_WINDOW = 25  # lines above the article searched for its headline
HEADER_LINES = 15  # lines at the top of the article's run that may still be header


def headline_shaped(line: Line) -> bool:
    """Return True for a line shaped like a headline: short, no closing full stop."""
    return 2 <= line.words <= 20 and not HEADLINE_END_BLOCK.search(line.text)


def _strong_headline(line: Line) -> bool:
    """Return True for a headline in title case, or one asking or quoting."""
    long_words = [w for w in line.text.split() if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return (bool(long_words) and capitalised / len(long_words) >= 0.6) or bool(
        re.search(r"[?'’\"”]$", line.text))


def _score(lines: list[Line], i: int, distance: int, repeats: int, in_run: bool) -> float:
    """Score a line as the headline, from its shape, its repeats and where it stands."""
    line = lines[i]
    score = 4.0 * min(repeats, 2) - 0.25 * distance
    if 4 <= line.words <= 20:
        score += 1.5 if line.words <= 12 else 0.75  # standfirsts run longer than headlines
    else:
        score += 0.5 if line.words == 3 else -1.0
    if line.text.endswith((".", ":")) or NAME_LINE.match(line.text):
        score -= 2.0  # a sentence, a label or a byline's bare name
    if line.text.isupper() and line.words <= 3:
        score -= 1.0  # a site name or section in capitals
    if in_run and not (repeats or _strong_headline(line)):
        score -= 1.5  # a line of the article's run is more often a standfirst than a headline
    return score


def _not_headline(line: Line, raw: list[str] | None) -> bool:
    """Return True for a line that stands where a headline may but is none: a call to action, a
    table row, a list of tags, a breadcrumb or a line of figures and dates."""
    text = line.text
    if NOT_HEADLINE.match(text) or raw is not None and "\t" in raw[line.index].strip():
        return True
    items = text.split(",")
    if len(items) >= 3 and all(len(item.split()) <= 3 for item in items):
        return True  # "Homophobie, Homosexualität, Gewalt, Islam"
    if len(re.findall(r"\s(?:/|>|»|›)\s", text)) >= 2:
        return True  # "Home / Essays / 2017 / Aggression"
    letters = sum(1 for c in text if c.isalpha())
    return letters < 0.5 * len(text.replace(" ", ""))  # "10 .12 .19", "1. 11. 2023 | 14:02"


def first_prose(lines: list[Line], start: int, end: int) -> int:
    """Return the index of the run's first sentence-like line: what precedes it is header."""
    for i in range(start, min(end, start + HEADER_LINES)):
        line = lines[i]
        if not line.chrome and line.words >= 6 and SENTENCE_END.search(line.text):
            return i
    return start


def _candidate(line: Line, raw: list[str] | None) -> bool:
    """Return True for a line that may be the headline at all."""
    if line.chrome or not 2 <= line.words <= 30:
        return False
    if AUTHOR_LINE.match(line.text) or SALUTATION.match(line.text) or _not_headline(line, raw):
        return False
    return not (normalise_date(line.text) and line.words < 10)


def find_title(lines: list[Line], start: int, end: int,
               raw: list[str] | None = None) -> tuple[str | None, int]:
    """Return the headline and its index: a repeated or nearby headline-like line above the text.

    The lines of the run before its first sentence are candidates too (menus, the headline);
    `raw`, the dump's lines as they are, tells table rows (cells apart by tabs).
    """
    prose = first_prose(lines, start, end)
    stop = prose
    while stop < min(prose + 1, len(lines)) and headline_shaped(lines[stop]):
        stop += 1  # a standfirst-like first line may be the headline
    best: tuple[float, str | None, int] = (-99.0, None, -1)
    for i in range(max(0, start - TITLE_WINDOW), stop):
        line = lines[i]
        if not _candidate(line, raw):
            continue
        folded = fold(line.text)
        repeats = sum(1 for other in lines[:prose + 3] if other is not line
                      and line.words >= 3 and folded in fold(other.text))
        score = _score(lines, i, max(prose - i, 0), repeats, i >= start)
        if score > best[0]:
            best = (score, line.text, i)
    return best[1], best[2]


def without_site_name(title: str | None, outlet: str | None) -> str | None:
    """Return a headline without the site's name beside it, as the HTML path strips <title>:
    "Headline | Site", "Headline - Outlet" when the page names that outlet."""
    if not title:
        return title
    # the outlet's letters and digits only, as htmlmeta compares names with host names
    names = {squash(outlet)} if outlet else set()
    return strip_site_name(title, names - {""}) or title
