"""A forwarded news article inside a message: its headline/outlet/date block, captions and teasers."""
from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateutil_parser

from search.extract.folding import fold_words
from search.extract.mail.listchrome import holds_any

# Gmail's image placeholders; the indented bullet that follows one is the image's caption (seed 000).
IMAGE_PLACEHOLDER = re.compile(r"^\s*\[(?:image|cid):[^\]]*\]\s*$", re.I)
CAPTION_BULLET = re.compile(r"^\s+[-*\u2022]\s+\S")
# Teasers a news site puts between paragraphs of a forwarded article ("*Read more: Other headline").
READ_MORE = re.compile(r"^\s*\*?\s*(?:Read more|Read also|Related|See also|Also read)\s*:", re.I)
# The cheap gate of `strip_article_chrome` (see listchrome's gates): a text holding none of these,
# lower-cased, has no image placeholder nor teaser line.
ARTICLE_CHROME_NEEDLES = ("mage:", "[c", "ead more", "ead al", "elated", "ee al", "o read")

# A forwarded news article's header block: headline, outlet, date on their own lines (seed 000).
ARTICLE_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%b. %d, %Y", "%Y-%m-%d", "%A, %B %d, %Y")
# A line that is only a date needs a month name and a year (a time and zone may follow).
DATELINE = re.compile(
    r"^(?:\w+,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:\d{1,2},?\s+)?(?:19|20)\d\d\b", re.I,
)
DATELINE_DEFAULT = datetime(2000, 1, 1)
MAX_DATELINE_WORDS = 8
BYLINE = re.compile(r"^(?:By|Par|Von)\s+\S", re.I)
MAX_OUTLET_WORDS = 6


def strip_article_chrome(lines: list[str], folded: str | None = None) -> list[str]:
    """Drop image placeholders with their captions, and read-more teasers.

    `folded` is the lines' text lower-cased where the caller has it (for the cheap gate).
    """
    if not holds_any(folded, ARTICLE_CHROME_NEEDLES, lines):
        return lines
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if IMAGE_PLACEHOLDER.match(line):
            i = _skip_caption(lines, i + 1)
        elif READ_MORE.match(line):
            # A teaser cut at a colon goes on over the next line ("...non-negotiables:\nHamas off.").
            i += 2 if line.rstrip().endswith((":", ",", "-")) and i + 1 < len(lines) else 1
        else:
            out.append(line)
            i += 1
    return out


def _skip_caption(lines: list[str], i: int) -> int:
    """Return the index after the caption bullet paragraph that follows an image, if any."""
    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j < len(lines) and CAPTION_BULLET.match(lines[j]):
        j += 1
        while j < len(lines) and lines[j].strip() and not CAPTION_BULLET.match(lines[j]):
            j += 1
        return j
    return i



def parse_article_date(line: str) -> str | None:
    """Return YYYY-MM-DD for a dateline like "March 6, 2024" or "6 Mar 2024 14:47 GMT", or None."""
    text = line.strip().rstrip(".")
    for fmt in ARTICLE_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    if len(text.split()) > MAX_DATELINE_WORDS or not DATELINE.search(text):
        return None
    try:
        return dateutil_parser.parse(text, default=DATELINE_DEFAULT).strftime("%Y-%m-%d")
    except (ValueError, OverflowError):
        return None


def split_article_header(body: str, title: str | None) -> tuple[str | None, str | None, str]:
    """Find a forwarded article's headline/outlet/date lines at the top of the body.

    Returns (outlet, date, rest of the body); outlet and date are None when the body does not
    open with such a block.
    """
    if not title:
        return None, None, body
    paras = body.split("\n\n", 1)
    head = [l.strip() for l in paras[0].split("\n") if l.strip()]
    if not 2 <= len(head) <= 5 or not _names_title(head[0], title):
        return None, None, body
    date = None
    outlets = []
    for line in head[1:]:
        if (found := parse_article_date(line)) and not date:
            date = found
        elif not BYLINE.match(line):
            outlets.append(line)
    if len(outlets) != 1 or not _looks_like_outlet(outlets[0]):
        return None, None, body
    return outlets[0], date, paras[1] if len(paras) > 1 else ""


def _names_title(line: str, title: str) -> bool:
    """Tell whether a line repeats the title (possibly with a prefix like "Exclusive:")."""
    title, line = fold_words(title), fold_words(line)
    # the poster may shorten the headline for the subject, or the subject for the headline
    return bool(title) and (title in line or (len(line.split()) >= 4 and line in title))


def _looks_like_outlet(line: str) -> bool:
    """Tell whether a line is a short name rather than a sentence."""
    words = line.split()
    return 0 < len(words) <= MAX_OUTLET_WORDS and not line.endswith((".", ":", ",", "?", "!")) \
        and line[0].isupper()
