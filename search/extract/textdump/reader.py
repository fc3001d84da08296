"""Read a news page saved as a browser text dump (select-all text, no markup).

The article is the densest run of sentence-like lines: `textlines` classifies and weighs every
line, `textspan` finds the article's run and what closes it. Chrome inside the run (share buttons,
inline links, credits, a repeated headline) is dropped; short lines inside it stay: they are the
article's section headings. The headline (chosen by `headline`), standfirst, byline, date and
outlet are looked for around the run's start.
"""
from __future__ import annotations

import re

from search.extract.dates import find_footer_date, find_text_date, normalise_date, slash_order
from search.documents import Extracted
from search.extract.textdump.hardwrap import unwrap
from search.extract.textdump.chrome import (AUTHOR_LINE, CAPTIONS, COPYRIGHT_LINE,
                                            COPYRIGHT_NAME_END, COPYRIGHT_NOISE,
                                            CORPORATE_SUFFIX, LINK_PHRASE, NAV_WORDS,
                                            OUTLET_CUES, SENTENCE_END, TEASER, URL_LINE)
from search.extract.textdump.headline import (TITLE_WINDOW, headline_shaped, site_masthead,
                                              without_site_name)
from search.extract.textdump.headline_model import choose_title
from search.extract.textdump.lines import Line, classify, fold, is_chrome
from search.extract.textdump.span import PROSE_WORDS, article_span

__all__ = ["copyright_holder", "extract_text_dump", "is_chrome"]

STANDFIRST_LOOKBACK = 8  # lines above the article searched for its standfirst
STANDFIRST_WORDS = 8
CAPTION_WORDS = 8  # a longer line between standfirst and text means they do not belong together
SUBHEADING_WORDS = 4  # words (not numbers) of a section heading over the first paragraph
DATE_HEADER_ABOVE = 1  # lines over the headline that are still its header (a date, a kicker)
DATE_NEAR = 8  # lines around the headline searched first for the page's date
DATE_FAR = 80  # lines above the article searched next
DATE_AFTER = 8  # and lines below it (blogs sign off with "Posted on ...")


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
    if (line.chrome or line.repeated or not headline_shaped(line) or line.text.isupper()
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
    """Return the date of the article's header (under its headline down to its first line, else
    just over it), else of the lines around the headline, else of the page above the article end,
    else of a footer under it that says when the page was published.

    Teasers of other stories above a headline carry dates too, and embedded posts under it cue
    theirs ("Posted by ... on Monday, February 7, 2022"): the header's own date line wins.
    """
    if not lines:
        return None
    headline = lines[min(top, len(lines) - 1)].index
    header = raw[headline:lines[min(start, len(lines) - 1)].index + 1]
    over = raw[lines[max(0, top - DATE_HEADER_ABOVE)].index:headline]
    first = lines[max(0, top - DATE_NEAR)].index
    near = lines[min(start + DATE_NEAR, len(lines) - 1)].index
    last = lines[min(end + DATE_AFTER, len(lines)) - 1].index + 1 if end > 0 else len(raw)
    page = raw[lines[max(0, start - DATE_FAR)].index:last]
    order = slash_order(raw)
    for part in (header, over, raw[first:near], page):
        found = find_text_date(part, order)
        if found:
            return found
    return find_footer_date(raw[last:])


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
    outlet, masthead = find_outlet(lines), site_masthead(lines)
    title, title_at = choose_title(lines, start, end, raw, outlet or masthead)
    if title_at >= start:
        start = title_at + 1
    standfirst = find_standfirst(lines, title_at, start) if 0 <= title_at < start else None
    if standfirst is None:
        standfirst = find_subheading(lines, title_at, start)
    return Extracted(
        kind="text-dump",
        body=article_body(lines, start, end, title, standfirst),
        title=without_site_name(title, outlet, masthead),
        outlet=outlet,
        date=find_page_date(raw, lines, title_at if title_at >= 0 else start, start,
                            end),
        author=find_author(lines, start),
    )
