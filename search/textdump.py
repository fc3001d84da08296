"""Read a news page saved as a browser text dump (select-all text, no markup).

The article is the densest run of sentence-like lines; a line classifier scores every line, the
best-scoring run is kept, and chrome inside it (share buttons, inline links, credits, a repeated
headline) is dropped. Short lines inside the run stay: they are the article's section headings.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from search.dates import find_text_date, is_date_line, normalise_date
from search.documents import Extracted
from search.textchrome import (AUTHOR_LINE, CHROME_FAMILIES, CORPORATE_SUFFIX, MENU_LINE,
                               CUT_FAMILIES, NAV_WORDS, OUTLET_CUES, RELATED_HEADINGS, TEASER, TERMINAL_FAMILIES, URL_LINE)

WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’“»«)\]]*\s*$")
NAME_LINE = re.compile(r"^[A-ZÀ-Ý][\w'.-]+(?: [A-ZÀ-Ý][\w'.-]+){1,2}$")  # "Heiko Sauer"
HEADLINE_END_BLOCK = re.compile(r"[.!:;,]\W*$")
CHROME_WEIGHT = -6.0
TERMINAL_WEIGHT = -40.0  # a related-links or comments heading all but splits the page
SHORT_WEIGHT = -2.0
STREAK_CAP = 5
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphens
TITLE_WINDOW = 25
DATE_NEAR = 8  # lines around the headline searched first for the page's date
DATE_FAR = 80  # lines above the article searched next
DATE_AFTER = 5  # and lines below it (blogs sign off with "Posted on ...")  # lines above the article searched for its headline


@dataclass
class Line:
    """One non-empty line of a dump with what the classifier found."""

    index: int
    text: str
    words: int
    chrome: bool
    weight: float = 0.0
    after_gap: bool = False  # a blank line precedes it


def _fold(text: str) -> str:
    """Return `text` folded for comparing lines: no case, accents or punctuation."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(WORD.findall(text))


def is_chrome(text: str) -> bool:
    """Return True when a line belongs to one of the chrome phrase families."""
    if URL_LINE.match(text) or MENU_LINE.match(text) or is_date_line(text):
        return True
    return any(family.match(text) for family in CHROME_FAMILIES)


def _weight(line: Line) -> float:
    """Score a line: positive for article prose, negative for chrome and link-like lines."""
    if line.chrome:
        terminal = any(family.match(line.text) for family in TERMINAL_FAMILIES)
        return TERMINAL_WEIGHT if terminal else CHROME_WEIGHT
    if TEASER.search(line.text) and line.words < 40:
        return SHORT_WEIGHT
    if line.words >= 6 and SENTENCE_END.search(line.text):
        return float(line.words)
    if line.words >= 12:
        return line.words / 2
    return SHORT_WEIGHT


def _mark_link_blocks(lines: list[Line]) -> None:
    """Mark as chrome the unbroken block of link lines under a related-links heading."""
    in_block = False
    for line in lines:
        if RELATED_HEADINGS.match(line.text):
            in_block = True
            continue
        if in_block and (line.after_gap or (line.text.endswith(".") and line.words > 25)):
            in_block = False
        if in_block:
            line.chrome = True


def classify(text: str) -> list[Line]:
    """Split a dump into its non-empty lines and score each."""
    lines: list[Line] = []
    gap = False
    for index, raw in enumerate(text.splitlines()):
        stripped = " ".join(raw.translate(INVISIBLE).split())
        if not stripped:
            gap = True
            continue
        lines.append(Line(index, stripped, len(WORD.findall(stripped)), is_chrome(stripped),
                          after_gap=gap))
        gap = False
    _mark_link_blocks(lines)
    streak = 0
    for line in lines:
        line.weight = _weight(line)
        streak = streak + 1 if line.weight < 0 else 0
        if line.weight == SHORT_WEIGHT:
            line.weight *= min(streak, STREAK_CAP)  # a lone heading costs little, a menu a lot
    return lines


def best_run(lines: list[Line]) -> tuple[int, int]:
    """Return the [start, end) span of lines with the greatest total weight."""
    best, best_span, total, start = 0.0, (0, 0), 0.0, 0
    for i, line in enumerate(lines):
        if total <= 0:
            total, start = 0.0, i
        total += line.weight
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _cut_at_terminal(lines: list[Line], start: int, end: int) -> int:
    """Return where the article ends: the first comments heading after it began."""
    seen = 0.0
    for i in range(start, end):
        if seen > 40 and any(f.match(lines[i].text) for f in CUT_FAMILIES):
            return i
        seen += max(lines[i].weight, 0)
    return end


def article_span(lines: list[Line]) -> tuple[int, int]:
    """Return the [start, end) span of the article's lines."""
    start, end = best_run(lines)
    return start, _cut_at_terminal(lines, start, end)


def _headline_shaped(line: Line) -> bool:
    """Return True for a line shaped like a headline: short, no closing full stop."""
    return 2 <= line.words <= 20 and not HEADLINE_END_BLOCK.search(line.text)


def _headline_score(line: Line, distance: int, repeats: int) -> float:
    """Score a line as the headline, from its shape, its repeats and its distance to the text."""
    score = 4.0 * min(repeats, 2) - 0.25 * distance
    score += 1.5 if 4 <= line.words <= 20 else 0.5 if line.words == 3 else -1.0
    if line.text.endswith((".", ":")) or NAME_LINE.match(line.text):
        score -= 2.0  # a sentence, a label or a byline's bare name
    if line.text.isupper() and line.words <= 3:
        score -= 1.0  # a site name or section in capitals
    if distance == 0 and not (repeats or _strong_headline(line)):
        score -= 1.5  # the article's first line is more often a standfirst than a headline
    return score


def _strong_headline(line: Line) -> bool:
    """Return True for a headline in title case, or one asking or quoting."""
    long_words = [w for w in line.text.split() if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return (bool(long_words) and capitalised / len(long_words) >= 0.6) or bool(
        re.search(r"[?'’\"”]$", line.text))


def find_title(lines: list[Line], start: int) -> tuple[str | None, int]:
    """Return the headline and its index: a repeated or nearby headline-like line above the text.

    The article's first line is a candidate too, when it is shaped like a headline.
    """
    first = max(0, start - TITLE_WINDOW)
    stop = start
    while stop < min(start + 3, len(lines)) and _headline_shaped(lines[stop]):
        stop += 1
    best: tuple[float, str | None, int] = (-99.0, None, -1)
    for i in range(first, stop):
        line = lines[i]
        if line.chrome or not 2 <= line.words <= 30 or AUTHOR_LINE.match(line.text):
            continue
        if normalise_date(line.text) and line.words < 10:
            continue
        folded = _fold(line.text)
        repeats = sum(1 for other in lines[:start + 3] if other is not line
                      and line.words >= 3 and folded in _fold(other.text))
        score = _headline_score(line, max(start - i, 0), repeats)
        if score > best[0]:
            best = (score, line.text, i)
    return best[1], best[2]


def find_outlet(lines: list[Line]) -> str | None:
    """Return the outlet a page names in a cue line ("Discover more from X"), or None."""
    for cue in OUTLET_CUES:
        for line in lines:
            match = cue.search(line.text)
            if match:
                name = CORPORATE_SUFFIX.sub("", match.group("name")).strip(" .,:;")
                if name:
                    return name
    return find_masthead(lines)


def find_masthead(lines: list[Line]) -> str | None:
    """Return a masthead: a short capitalised line between a date line and the headline."""
    top = lines[:4]
    for prev, line in zip(top, top[1:]):
        words = line.text.split()
        if (normalise_date(prev.text) and prev.words <= 6 and 1 <= len(words) <= 4
                and not line.chrome and not NAV_WORDS.match(line.text)
                and all(w[0].isupper() for w in words)):
            return line.text
    return None


def find_author(lines: list[Line], start: int) -> str | None:
    """Return the byline's name above or at the top of the article, or None."""
    for line in lines[max(0, start - TITLE_WINDOW):start + 2]:
        match = AUTHOR_LINE.match(line.text)
        if match and line.words <= 8:
            return match.group("name").strip()
    return None


def article_body(lines: list[Line], start: int, end: int, title: str | None) -> str:
    """Return the article's text: its span without chrome lines or repeats of the header."""
    header = {_fold(line.text) for line in lines[max(0, start - TITLE_WINDOW):start]}
    title_words = _fold(title or "")
    kept = []
    for line in lines[start:end]:
        folded = _fold(line.text)
        if line.chrome or folded in header:
            continue
        if title_words and title_words in folded and line.words <= len(title_words.split()) + 5:
            continue  # the headline again, or a breadcrumb ending in it
        kept.append(line.text)
    return "\n".join(kept)


def find_page_date(raw: list[str], lines: list[Line], top: int, start: int,
                   end: int) -> str | None:
    """Return the date of the lines around the headline, else of the page above the article end."""
    if not lines:
        return None
    first = lines[max(0, top - DATE_NEAR)].index
    near = lines[min(start + DATE_NEAR, len(lines) - 1)].index
    last = lines[min(end + DATE_AFTER, len(lines)) - 1].index + 1 if end > 0 else len(raw)
    return find_text_date(raw[first:near]) or find_text_date(
        raw[lines[max(0, start - DATE_FAR)].index:last])


def extract_text_dump(text: str) -> Extracted:
    """Extract a page saved as a browser text dump.

    Args:
        text: the whole dump, as decoded text.

    Returns:
        An `Extracted` of kind "text-dump" with the article body and whichever of title, outlet,
        date and author the page states.
    """
    lines = classify(text)
    start, end = article_span(lines)
    title, title_at = find_title(lines, start)
    if title_at >= start:
        start = title_at + 1
    raw = text.splitlines()
    return Extracted(
        kind="text-dump",
        body=article_body(lines, start, end, title),
        title=title,
        outlet=find_outlet(lines),
        date=find_page_date(raw, lines, title_at if title_at >= 0 else start, start, end),
        author=find_author(lines, start),
    )
