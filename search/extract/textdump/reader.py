"""Read a news page saved as a browser text dump (select-all text, no markup).

The article is the densest run of sentence-like lines: `textlines` classifies and weighs every
line, `textspan` finds the article's run and what closes it. Chrome inside the run (share buttons,
inline links, credits, a repeated headline) is dropped; short lines inside it stay: they are the
article's section headings. The headline, standfirst, byline, date and outlet are looked for
around the run's start.
"""
from __future__ import annotations

import re

from search.extract.dates import find_text_date, normalise_date
from search.documents import Extracted
from search.extract.textdump.hardwrap import unwrap
from search.extract.html.meta import strip_site_name
from search.extract.textdump.chrome import (AUTHOR_LINE, CAPTIONS, COPYRIGHT_LINE, COPYRIGHT_NAME_END,
                               COPYRIGHT_NOISE, CORPORATE_SUFFIX, HEADLINE_END_BLOCK, LINK_PHRASE,
                               NAME_LINE, NAV_WORDS, NOT_HEADLINE, OUTLET_CUES, SALUTATION,
                               SENTENCE_END, TEASER, URL_LINE)
from search.extract.textdump.lines import Line, classify, fold, is_chrome
from search.extract.textdump.span import PROSE_WORDS, article_span
from search.extract.folding import squash

__all__ = ["copyright_holder", "extract_text_dump", "is_chrome"]

STANDFIRST_LOOKBACK = 8  # lines above the article searched for its standfirst
STANDFIRST_WORDS = 8
CAPTION_WORDS = 8  # a longer line between standfirst and text means they do not belong together
SUBHEADING_WORDS = 4  # words (not numbers) of a section heading over the first paragraph
TITLE_WINDOW = 25  # lines above the article searched for its headline
HEADER_LINES = 15  # lines at the top of the article's run that may still be header
DATE_NEAR = 8  # lines around the headline searched first for the page's date
DATE_FAR = 80  # lines above the article searched next
DATE_AFTER = 8  # and lines below it (blogs sign off with "Posted on ...")


def _headline_shaped(line: Line) -> bool:
    """Return True for a line shaped like a headline: short, no closing full stop."""
    return 2 <= line.words <= 20 and not HEADLINE_END_BLOCK.search(line.text)


def _headline_score(line: Line, distance: int, repeats: int, in_run: bool) -> float:
    """Score a line as the headline, from its shape, its repeats and its distance to the text."""
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


def _strong_headline(line: Line) -> bool:
    """Return True for a headline in title case, or one asking or quoting."""
    long_words = [w for w in line.text.split() if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return (bool(long_words) and capitalised / len(long_words) >= 0.6) or bool(
        re.search(r"[?'’\"”]$", line.text))


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


def _first_prose(lines: list[Line], start: int, end: int) -> int:
    """Return the index of the run's first sentence-like line: what precedes it is header."""
    for i in range(start, min(end, start + HEADER_LINES)):
        line = lines[i]
        if not line.chrome and line.words >= 6 and SENTENCE_END.search(line.text):
            return i
    return start


def find_title(lines: list[Line], start: int, end: int,
               raw: list[str] | None = None) -> tuple[str | None, int]:
    """Return the headline and its index: a repeated or nearby headline-like line above the text.

    The lines of the run before its first sentence are candidates too (menus, the headline);
    `raw`, the dump's lines as they are, tells table rows (cells apart by tabs).
    """
    prose = _first_prose(lines, start, end)
    stop = prose
    while stop < min(prose + 1, len(lines)) and _headline_shaped(lines[stop]):
        stop += 1  # a standfirst-like first line may be the headline
    best: tuple[float, str | None, int] = (-99.0, None, -1)
    for i in range(max(0, start - TITLE_WINDOW), stop):
        line = lines[i]
        if (line.chrome or not 2 <= line.words <= 30 or AUTHOR_LINE.match(line.text)
                or SALUTATION.match(line.text) or _not_headline(line, raw)):
            continue
        if normalise_date(line.text) and line.words < 10:
            continue
        folded = fold(line.text)
        repeats = sum(1 for other in lines[:prose + 3] if other is not line
                      and line.words >= 3 and folded in fold(other.text))
        score = _headline_score(line, max(prose - i, 0), repeats, i >= start)
        if score > best[0]:
            best = (score, line.text, i)
    return best[1], best[2]


def _without_site_name(title: str | None, outlet: str | None) -> str | None:
    """Return a headline without the site's name beside it, as the HTML path strips <title>:
    "Headline | Site", "Headline - Outlet" when the page names that outlet."""
    if not title:
        return title
    # the outlet's letters and digits only, as htmlmeta compares names with host names
    names = {squash(outlet)} if outlet else set()
    return strip_site_name(title, names - {""}) or title


def find_outlet(lines: list[Line]) -> str | None:
    """Return the outlet a page names in a cue, copyright line or masthead, or None."""
    for cue in OUTLET_CUES:
        for line in lines:
            match = cue.search(line.text)
            if match:
                name = CORPORATE_SUFFIX.sub("", match.group("name")).strip(" .,:;")
                if name:
                    return name
    for line in lines:
        name = copyright_holder(line.text)
        if name:
            return name
    return find_masthead(lines)


def copyright_holder(text: str) -> str | None:
    """Return the name a copyright line gives ("© 2005-2019 SlashGear, All Rights Reserved.")."""
    if not COPYRIGHT_LINE.match(text):
        return None
    name = COPYRIGHT_NOISE.sub("", text)
    name = COPYRIGHT_NAME_END.split(name, 1)[0]
    name = CORPORATE_SUFFIX.sub("", name).strip(" .,:;-")
    words = name.split()
    if not 1 <= len(words) <= 5 or len(name) < 3 or not name[0].isupper():
        return None
    return name


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


def find_standfirst(lines: list[Line], title_at: int, start: int) -> int | None:
    """Return the index of a standfirst between the headline and the article, if there is one.

    Bylines, dates, share buttons and captions often cut the standfirst off from the text.
    """
    for i in range(start - 1, max(title_at, start - STANDFIRST_LOOKBACK), -1):
        line = lines[i]
        if line.chrome or line.repeated:
            continue
        if line.words >= STANDFIRST_WORDS and SENTENCE_END.search(line.text):
            ad = i + 1 < len(lines) and URL_LINE.match(lines[i + 1].text)  # text ads end in a URL
            return None if ad or TEASER.search(line.text) else i
        if normalise_date(line.text) and not SENTENCE_END.search(line.text):
            continue  # a dateline with its edition ("19. Oktober 2019, 19:08 Uhr DIE ZEIT Nr. 43")
        if line.words > CAPTION_WORDS:
            return None
    return None


def find_subheading(lines: list[Line], title_at: int, start: int) -> int | None:
    """Return the index of a section heading right over the article's first paragraph, if any."""
    i = start - 1
    if not 0 <= title_at < i < len(lines):
        return None
    line = lines[i]
    if (line.chrome or line.repeated or not _headline_shaped(line) or line.text.isupper()
            or len(re.findall(r"[^\W\d_]{2,}", line.text)) < SUBHEADING_WORDS
            or ":" in line.text or line.text.count(",") >= 2  # a deck or label, a list of tags
            or CAPTIONS.match(line.text) or LINK_PHRASE.match(line.text)
            or fold(line.text) == fold(lines[title_at].text)):
        return None
    return i


def article_body(lines: list[Line], start: int, end: int, title: str | None,
                 standfirst: int | None = None) -> str:
    """Return the article's text: its span without chrome lines or repeats of the header."""
    header = {fold(line.text) for line in lines[max(0, start - TITLE_WINDOW):start]}
    title_words = fold(title or "")
    kept = [lines[standfirst].text] if standfirst is not None else []
    inside = [fold(line.text) for line in lines[start:end]]
    for line in lines[start:end]:
        folded = fold(line.text)
        if line.repeated and line.words >= PROSE_WORDS and inside.count(folded) == 1:
            kept.append(line.text)  # a paragraph the page also shows as a teaser elsewhere
            continue
        if line.chrome or line.repeated or folded in header:
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
    text = unwrap(text)
    lines = classify(text)
    start, end = article_span(lines)
    raw = text.splitlines()
    title, title_at = find_title(lines, start, end, raw)
    if title_at >= start:
        start = title_at + 1
    standfirst = find_standfirst(lines, title_at, start) if 0 <= title_at < start else None
    if standfirst is None:
        standfirst = find_subheading(lines, title_at, start)
    outlet = find_outlet(lines)
    return Extracted(
        kind="text-dump",
        body=article_body(lines, start, end, title, standfirst),
        title=_without_site_name(title, outlet),
        outlet=outlet,
        date=find_page_date(raw, lines, title_at if title_at >= 0 else start, start,
                            end),
        author=find_author(lines, start),
    )
