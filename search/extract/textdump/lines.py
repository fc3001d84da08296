"""Classify the lines of a browser text dump: what is prose, what is chrome, what each weighs.

A line is chrome when one of `textchrome`'s phrase families matches it, when it sits in a block of
links under a related-links heading, when it captions a photo credit, when it belongs to a list of
teasers of other stories, or when the page prints it more than once. Prose weighs by its words;
chrome and runs of short link-like lines weigh against the article.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from search.extract.dates import is_date_line
from search.extract.folding import CJK, fold_words_and_accents, opens_twice
from search.extract.textdump.chrome import (ANY_CHROME, HEADLINE_END_BLOCK, INVISIBLE, MENU_LINE, MOJIBAKE,
                               PHOTO_CREDIT, RELATED_HEADINGS, SENTENCE_END, STOPWORDS, TEASER,
                               TERMINAL_FAMILIES, TOOLS_TAIL, URL_LINE)

WORD = re.compile(r"\w+")
CHROME_WEIGHT = -6.0
TERMINAL_WEIGHT = -40.0  # a related-links or comments heading all but splits the page
SHORT_WEIGHT = -2.0
STREAK_CAP = 3
PROSE_FUNCTION_WORDS = 0.15  # below this share of function words a long line is a menu
LATE_DISCOUNT = 0.5
CREDIT_WORDS = 6  # a photo credit on its own line is this short
CAPTION_MAX_WORDS = 20  # a longer line over a credit is the article's, the photo's caption lost
TEASER_UNITS = 3  # teasers of the same shape in a row make a list of other stories
TEASER_TEXT_WORDS = 8
HEADING_WORDS = 20
LABEL_WORDS = 4  # a section label over a teaser's headline: "B2B", "Entretiens Politique"
DOUBLED_MIN_CHARS = 5  # a one-word half this short is a word ("KenKen"), not a doubled link
REPEAT_MIN_WORDS = 4  # shorter lines ("Share", "Reply") repeat in articles too
TOOLS_TAIL_MIN_WORDS = 4  # "E-mail | Print" alone stays a line of chrome


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
    linked: bool = False  # chrome only as a line of a block of links (a headline may end it)
    doubled: bool = False  # the dump printed it twice in one line, a link's text and its copy


# The title, masthead and body finders compare a dump's lines with one another, folded once each.
fold = fold_words_and_accents


def _repair_mojibake(text: str) -> str:
    """Return `text` with UTF-8 read as Windows-1252 ("â€™" for "’") decoded again."""
    if not MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


# A numeric character reference the tool that saved the text left in it ("Jos&#233; Manuel
# Barroso", "caf&#233;", "&#163;5m": 25 of the 2,226 bbc-news texts): the character it names, so
# that "josé" finds it and a page shows it. Named ones ("&lt;") stay: mail about markup and code
# writes them on purpose.
CHARACTER_REFERENCE = re.compile(r"&#(?:[0-9]{2,7}|[xX][0-9a-fA-F]{2,6});")


def _character_references(text: str) -> str:
    """Return `text` with its numeric character references replaced by their characters."""
    if "&#" not in text:
        return text
    return CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), text)


def count_words(text: str) -> int:
    """Return how many words a line holds, a Chinese or Japanese run counted by its length:
    their words are about two characters long, so each two count as one more word."""
    return len(WORD.findall(text)) + len(CJK.findall(text)) // 2


def undoubled(text: str) -> str | None:
    """Return the string a line holds twice, glued or apart by a space ("Sardines de
    campagneSardines de campagne": a link's text and its visually hidden copy), else None.

    A half of one short word is a word of its own ("KenKen"); one with no letter is a rule.
    """
    half = len(text) // 2
    first, second = text[:half], text[len(text) - half:]
    if first != second or (len(text) % 2 and text[half] != " "):
        return None
    if not any(c.isalpha() for c in first) or (" " not in first and len(first) < DOUBLED_MIN_CHARS):
        return None
    return first.strip()


def is_chrome(text: str) -> bool:
    """Return True when a line belongs to one of the chrome phrase families."""
    if URL_LINE.match(text) or MENU_LINE.match(text) or is_date_line(text) or opens_twice(text):
        return True
    return bool(ANY_CHROME.match(text))


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
        if in_block and not line.chrome:
            line.chrome = line.linked = True


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
    keys = {line.index: fold(line.text) for line in lines if line.words >= REPEAT_MIN_WORDS}
    seen: dict[str, int] = {}
    for key in keys.values():
        seen[key] = seen.get(key, 0) + 1
    repeated = [line for line in lines if line.index in keys and seen[keys[line.index]] > 1]
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
        stripped = " ".join(_character_references(_repair_mojibake(raw)).translate(INVISIBLE)
                            .split())
        if not stripped:
            gap = True
            continue
        once = undoubled(stripped)
        stripped = once or stripped
        if "|" in stripped and len(WORD.findall(stripped)) > TOOLS_TAIL_MIN_WORDS:
            tools = TOOLS_TAIL.search(stripped)
            stripped = stripped[:tools.start()].rstrip() if tools and tools.start() else stripped
        lines.append(Line(index, stripped, count_words(stripped), is_chrome(stripped),
                          after_gap=gap, doubled=once is not None))
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
