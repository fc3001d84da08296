"""Find the article's lines in a classified text dump: the densest run of prose, what closes it.

The best-scoring run is kept (a maximum-sum span, as in Finn's Body Text Extraction). A comments
heading ends it, and so does a related-links heading with no prose after its box. Short lines
after its last paragraph (a list, a table, a sign-off) join it when share buttons, tags, or a
comments or related box close them off soon after; a page without any paragraph is read from
under its byline to that box.
"""
from __future__ import annotations

from search.extract.dates import is_date_line
from search.extract.textdump.chrome import (BOUNDARY_FAMILIES, BOX_HEADING, BYLINES, CUT_FAMILIES,
                               RELATED_FAMILIES, SALUTATION, SENTENCE_END, SOFT_FAMILIES)
from search.extract.textdump.lines import Line

PROSE_WORDS = 20  # a line this long ending a sentence is an article's paragraph
PROSE_LOOKAHEAD = 4  # lines after a box of links searched for the article going on
PROSE_MIN_WEIGHT = 15  # a page whose best run weighs less has no paragraph to speak of
MIN_POST_LINES = 3
TAIL_LINES = 40  # lines after the prose searched for the box that closes the article


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
    """Return True when article prose comes back within a few lines after line i's block.

    A rule drawn across the page ("______", "* * *") holds no letter and is no line of the block.
    """
    following = [line for line in lines[i + 1:end]
                 if not line.chrome and any(c.isalpha() for c in line.text)][:PROSE_LOOKAHEAD]
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
