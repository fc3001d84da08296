"""Hard-wrapped text: paragraphs broken into lines of a fixed width, joined again.

Newswire stories, old text files and some saved pages wrap their paragraphs at about 60 to 80
characters and start a new paragraph with a blank line or an indent. The text-dump reader
expects a paragraph a line, as browsers save pages: to it, a wrapped paragraph's lines look like
short fragments, and a ten-line wire story had "no text found". A text is taken as wrapped when
nearly all its lines fit a width of at most WRAP_MAX and many of them fill it; then a line that
fills the width runs on into the next, unless that one is indented further or starts a list item.
"""
from __future__ import annotations

import re

WRAP_MAX = 80
# Share of the non-blank lines that may be longer than the width (a long link, a table row).
OVER_WIDTH = 0.05
# A line this full was broken by the wrap, not by its author.
FILLED = 0.6
# Lines that must fill the width, at least, and as a share of the non-blank lines.
MIN_FILLED = 4
FILLED_SHARE = 0.4
LIST_ITEM = re.compile(r"^\s*(?:[-*•·]|\d{1,3}[.)]|\(?[a-z]\))\s")


def wrap_width(lines: list[str]) -> int | None:
    """Return the width the text is wrapped at, or None when it is not hard-wrapped."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    within = [n for n in lengths if n <= WRAP_MAX]
    if not within or len(lengths) - len(within) > OVER_WIDTH * len(lengths):
        return None
    width = max(within)
    filled = sum(1 for n in within if n >= FILLED * width)
    if filled < MIN_FILLED or filled < FILLED_SHARE * len(lengths):
        return None
    return width


def unwrap(text: str) -> str:
    """Join the lines of hard-wrapped paragraphs; return other text as it is."""
    lines = text.splitlines()
    width = wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    runs_on = False
    for line in lines:
        if runs_on and line.strip() and not LIST_ITEM.match(line) \
                and _indent(line) <= _indent(out[-1]):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
        runs_on = len(line.rstrip()) >= FILLED * width
    return "\n".join(out)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
