"""Read a news page saved as a browser text dump (select-all text, no markup).

The article is the densest run of sentence-like lines. A line classifier scores every line
(prose by its words, chrome phrase families of `textchrome` and runs of short link-like lines
against it), the best-scoring run is kept (a maximum-sum span, as in Finn's Body Text
Extraction), a comments heading or a related-links heading with no prose after its box ends it,
and chrome inside it (share buttons, inline links, credits, a repeated headline) is dropped. Short
lines inside the run stay: they are the article's section headings. The headline, standfirst,
byline, date and outlet are looked for around the run's start.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from search.dates import find_text_date, is_date_line, normalise_date
from search.documents import Extracted
from search.textchrome import (AUTHOR_LINE, BOUNDARY_FAMILIES, BOX_HEADING, BYLINES, CAPTIONS,
                               CHROME_FAMILIES, COPYRIGHT_LINE, COPYRIGHT_NAME_END,
                               COPYRIGHT_NOISE, CORPORATE_SUFFIX, CUT_FAMILIES, HEADLINE_END_BLOCK,
                               INVISIBLE, LINK_PHRASE, MENU_LINE, MOJIBAKE, NAME_LINE, NAV_WORDS,
                               OUTLET_CUES, PHOTO_CREDIT, RELATED_FAMILIES, RELATED_HEADINGS,
                               SALUTATION, SENTENCE_END, SOFT_FAMILIES, STOPWORDS, TEASER,
                               TERMINAL_FAMILIES, URL_LINE)

WORD = re.compile(r"\w+")
CHROME_WEIGHT = -6.0
TERMINAL_WEIGHT = -40.0  # a related-links or comments heading all but splits the page
SHORT_WEIGHT = -2.0
STREAK_CAP = 3
PROSE_FUNCTION_WORDS = 0.15  # below this share of function words a long line is a menu
LATE_DISCOUNT = 0.5
PROSE_WORDS = 20  # a line this long ending a sentence is an article's paragraph
STANDFIRST_LOOKBACK = 8  # lines above the article searched for its standfirst
STANDFIRST_WORDS = 8
CAPTION_WORDS = 8  # a longer line between standfirst and text means they do not belong together
PROSE_LOOKAHEAD = 4  # lines after a box of links searched for the article going on
CREDIT_WORDS = 6  # a photo credit on its own line is this short
CAPTION_MAX_WORDS = 20  # a longer line over a credit is the article's, the photo's caption lost
TEASER_UNITS = 3  # teasers of the same shape in a row make a list of other stories
TEASER_TEXT_WORDS = 8
HEADING_WORDS = 20
LABEL_WORDS = 4  # a section label over a teaser's headline: "B2B", "Entretiens Politique"
REPEAT_MIN_WORDS = 4  # shorter lines ("Share", "Reply") repeat in articles too
SUBHEADING_WORDS = 4  # words (not numbers) of a section heading over the first paragraph
TITLE_WINDOW = 25  # lines above the article searched for its headline
HEADER_LINES = 15  # lines at the top of the article's run that may still be header
DATE_NEAR = 8  # lines around the headline searched first for the page's date
DATE_FAR = 80  # lines above the article searched next
PROSE_MIN_WEIGHT = 15  # a page whose best run weighs less has no paragraph to speak of
MIN_POST_LINES = 3
TAIL_LINES = 40  # lines after the prose searched for the box that closes the article
DATE_AFTER = 5  # and lines below it (blogs sign off with "Posted on ...")


@dataclass
class Line:
    """One non-empty line of a dump with what the classifier found."""

    index: int
    text: str
    words: int
    chrome: bool
    weight: float = 0.0
    after_gap: bool = False  # a blank line precedes it
    repeated: bool = False  # the page prints it more than once


def _fold(text: str) -> str:
    """Return `text` folded for comparing lines: no case, accents or punctuation."""
    if text.isascii():  # most lines: nothing to decompose
        return " ".join(WORD.findall(text.casefold()))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(WORD.findall(text))


def _repair_mojibake(text: str) -> str:
    """Return `text` with UTF-8 that was read as Windows-1252 ("â€™" for "’") decoded again."""
    if not MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def is_chrome(text: str) -> bool:
    """Return True when a line belongs to one of the chrome phrase families."""
    if URL_LINE.match(text) or MENU_LINE.match(text) or is_date_line(text):
        return True
    return any(family.match(text) for family in CHROME_FAMILIES)


def _function_word_share(text: str) -> float:
    """Return the share of a line's words that are function words ("the", "und", "de")."""
    words = WORD.findall(text.lower())
    return sum(1 for word in words if word in STOPWORDS) / len(words) if words else 0.0


def _weight(line: Line) -> float:
    """Score a line: positive for article prose, negative for chrome and link-like lines."""
    if line.repeated and not line.chrome:
        return CHROME_WEIGHT
    if line.chrome:
        terminal = any(family.match(line.text) for family in TERMINAL_FAMILIES)
        return TERMINAL_WEIGHT if terminal else CHROME_WEIGHT
    if TEASER.search(line.text) and line.words < 40:
        return SHORT_WEIGHT
    if line.words >= 6 and SENTENCE_END.search(line.text):
        return float(line.words)
    if line.words >= 12 and _function_word_share(line.text) >= PROSE_FUNCTION_WORDS:
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


def _mark_captions(lines: list[Line]) -> None:
    """Mark as chrome the caption over a photo credit line ("Foto © Peter Steiger")."""
    for prev, line in zip(lines, lines[1:]):
        if (line.words <= CREDIT_WORDS and PHOTO_CREDIT.match(line.text) and not prev.chrome
                and prev.words <= CAPTION_MAX_WORDS and SENTENCE_END.search(prev.text)):
            prev.chrome = True


def _teaser_unit(lines: list[Line], i: int) -> int:
    """Return the length of a teaser at line i (a label and headline over one sentence), or 0."""
    for size in (3, 4):  # label, headline (and a second label), then the teaser's text
        unit = lines[i:i + size]
        if (len(unit) == size and unit[-1].words >= TEASER_TEXT_WORDS
                and unit[0].words <= LABEL_WORDS and 3 <= unit[1].words <= HEADING_WORDS
                and unit[size - 2].words <= (HEADING_WORDS if size == 3 else LABEL_WORDS)
                and not any(HEADLINE_END_BLOCK.search(line.text) for line in unit[:-1])):
            return size
    return 0


def _mark_teaser_lists(lines: list[Line]) -> None:
    """Mark as chrome runs of teasers of other stories: label, headline, text, over and over."""
    i = 0
    while i < len(lines):
        units, j = [], i
        while (size := _teaser_unit(lines, j)) and (not units or size == units[0]):
            units.append(size)
            j += size
        if len(units) >= TEASER_UNITS:
            for line in lines[i:j]:
                line.chrome = True
            i = j
        else:
            i += 1


def _mark_repeats(lines: list[Line]) -> None:
    """Mark as chrome the lines a page prints more than once (tickers, gallery headers)."""
    seen: dict[str, int] = {}
    for line in lines:
        if line.words >= REPEAT_MIN_WORDS:
            key = _fold(line.text)
            seen[key] = seen.get(key, 0) + 1
    repeated = [line for line in lines
                if line.words >= REPEAT_MIN_WORDS and seen[_fold(line.text)] > 1]
    long_lines = sum(1 for line in lines if line.words >= 10)
    if sum(1 for line in repeated if line.words >= 10) > 0.5 * long_lines:
        return  # the whole article is printed twice: its repeats are the article
    for line in repeated:
        line.repeated = True


def classify(text: str) -> list[Line]:
    """Split a dump into its non-empty lines and score each."""
    lines: list[Line] = []
    gap = False
    for index, raw in enumerate(text.splitlines()):
        stripped = " ".join(_repair_mojibake(raw).translate(INVISIBLE).split())
        if not stripped:
            gap = True
            continue
        lines.append(Line(index, stripped, len(WORD.findall(stripped)), is_chrome(stripped),
                          after_gap=gap))
        gap = False
    _mark_link_blocks(lines)
    _mark_captions(lines)
    _mark_teaser_lists(lines)
    _mark_repeats(lines)
    streak = 0
    for position, line in enumerate(lines):
        line.weight = _weight(line)
        if line.weight > 0:  # footers and legal text sit at the end; articles rarely do
            line.weight *= 1 - LATE_DISCOUNT * position / len(lines)
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


def _prose_follows(lines: list[Line], i: int, end: int) -> bool:
    """Return True when article prose comes back within a few lines after line i's block."""
    following = [line for line in lines[i + 1:end] if not line.chrome][:PROSE_LOOKAHEAD]
    return any(line.words >= PROSE_WORDS and SENTENCE_END.search(line.text)
               for line in following)


def _cut_at_terminal(lines: list[Line], start: int, end: int) -> int:
    """Return where the article ends inside its run.

    It ends at a comments heading, and at a related-links heading unless prose follows its links
    (a box of links in mid-article is followed by the rest of the article).
    """
    seen = 0.0
    for i in range(start, end):
        if seen > 40 and any(f.match(lines[i].text) for f in CUT_FAMILIES):
            return i
        if seen > 40 and any(f.match(lines[i].text) for f in RELATED_FAMILIES) and not (
                _prose_follows(lines, i, end)):
            return i
        seen += max(lines[i].weight, 0)
    return end


def _extend_to_boundary(lines: list[Line], end: int) -> int:
    """Return where the article ends once the lists and headings after its prose are added.

    Short lines after the last paragraph (a list, a table, a closing heading, a sign-off) are the
    article's when share buttons, tags, a comments or related-links box close them off soon after.
    """
    for i in range(end, min(len(lines), end + TAIL_LINES)):
        line = lines[i]
        if line.chrome and any(family.match(line.text) for family in BOUNDARY_FAMILIES):
            return i
        if line.repeated or BOX_HEADING.match(line.text):
            return end
        if line.chrome and not any(family.match(line.text) for family in SOFT_FAMILIES):
            return end
    return end


def _post_without_prose(lines: list[Line]) -> tuple[int, int] | None:
    """Return the span of a post made of short lines: from under its byline to its share box."""
    for i, line in enumerate(lines):
        if line.chrome and (BYLINES.match(line.text) or is_date_line(line.text)):
            end = _extend_to_boundary(lines, i + 1)
            if end - i > MIN_POST_LINES:
                return i + 1, end
    return None


def article_span(lines: list[Line]) -> tuple[int, int]:
    """Return the [start, end) span of the article's lines."""
    start, end = best_run(lines)
    if sum(line.weight for line in lines[start:end]) < PROSE_MIN_WEIGHT:
        post = _post_without_prose(lines)  # a photo post, a list, a table: no paragraph at all
        if post:
            return post
    if start > 0 and not lines[start - 1].chrome and SALUTATION.match(lines[start - 1].text):
        start -= 1  # a letter opens with its salutation: "Sehr geehrte Damen und Herren,"
    cut = _cut_at_terminal(lines, start, end)
    return start, cut if cut < end else _extend_to_boundary(lines, end)


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


def _first_prose(lines: list[Line], start: int, end: int) -> int:
    """Return the index of the run's first sentence-like line: what precedes it is header."""
    for i in range(start, min(end, start + HEADER_LINES)):
        line = lines[i]
        if not line.chrome and line.words >= 6 and SENTENCE_END.search(line.text):
            return i
    return start


def find_title(lines: list[Line], start: int, end: int) -> tuple[str | None, int]:
    """Return the headline and its index: a repeated or nearby headline-like line above the text.

    The lines of the run before its first sentence are candidates too (menus, the headline).
    """
    prose = _first_prose(lines, start, end)
    stop = prose
    while stop < min(prose + 1, len(lines)) and _headline_shaped(lines[stop]):
        stop += 1  # a standfirst-like first line may be the headline
    best: tuple[float, str | None, int] = (-99.0, None, -1)
    for i in range(max(0, start - TITLE_WINDOW), stop):
        line = lines[i]
        if line.chrome or not 2 <= line.words <= 30 or AUTHOR_LINE.match(line.text):
            continue
        if normalise_date(line.text) and line.words < 10:
            continue
        folded = _fold(line.text)
        repeats = sum(1 for other in lines[:prose + 3] if other is not line
                      and line.words >= 3 and folded in _fold(other.text))
        score = _headline_score(line, max(prose - i, 0), repeats, i >= start)
        if score > best[0]:
            best = (score, line.text, i)
    return best[1], best[2]


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
            or _fold(line.text) == _fold(lines[title_at].text)):
        return None
    return i


def article_body(lines: list[Line], start: int, end: int, title: str | None,
                 standfirst: int | None = None) -> str:
    """Return the article's text: its span without chrome lines or repeats of the header."""
    header = {_fold(line.text) for line in lines[max(0, start - TITLE_WINDOW):start]}
    title_words = _fold(title or "")
    kept = [lines[standfirst].text] if standfirst is not None else []
    inside = [_fold(line.text) for line in lines[start:end]]
    for line in lines[start:end]:
        folded = _fold(line.text)
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
    lines = classify(text)
    start, end = article_span(lines)
    title, title_at = find_title(lines, start, end)
    if title_at >= start:
        start = title_at + 1
    standfirst = find_standfirst(lines, title_at, start) if 0 <= title_at < start else None
    if standfirst is None:
        standfirst = find_subheading(lines, title_at, start)
    return Extracted(
        kind="text-dump",
        body=article_body(lines, start, end, title, standfirst),
        title=title,
        outlet=find_outlet(lines),
        date=find_page_date(text.splitlines(), lines, title_at if title_at >= 0 else start, start,
                            end),
        author=find_author(lines, start),
    )
