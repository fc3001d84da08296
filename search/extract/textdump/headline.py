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

from search.extract.dates import is_date_line, normalise_date
from search.extract.html.meta import strip_site_name
from search.extract.folding import squash
from search.extract.textdump.chrome import (AUTHOR_LINE, BYLINES, COUNTERS, HEADLINE_END_BLOCK,
                                            NAME_LINE, READ_TIME, SALUTATION, SENTENCE_END, SHARE,
                                            STOPWORDS)
from search.extract.textdump.headline_chrome import (BREADCRUMB_SEPARATOR, CREDIT_LINE,
                                                     NOT_HEADLINE, ROLE_LINE, SECTION_PREFIX,
                                                     TOC_HEADING, is_byline, not_headline)
from search.extract.textdump.lines import Line, fold

__all__ = ["TITLE_WINDOW", "find_title", "first_prose", "headline_at", "headline_shaped",
           "rules_pick", "scored_candidates", "site_masthead", "without_site_name"]

TITLE_WINDOW = 30  # lines above the article searched for its headline (an author box and
# lists of related articles may stand between them)
HEADER_LINES = 15  # lines at the top of the article's run that may still be header
MENU_NEIGHBOURS = 3  # lines each side of a candidate looked at for a menu around it
MENU_ITEM_WORDS = 3  # a menu's labels are this short
MENU_CANDIDATE_WORDS = 6  # a line amid labels is one of them when it is this short
HEADER_REACH = 4  # lines under a headline within which its byline or date stands
DECK_MIN_WORDS = 10  # a deck under the headline is a sentence, longer than it
LABEL_WORDS = 3  # a label between headline and byline: "STAND", "Sarah Okafor", "Reporter"
# A subtitle under the headline, shorter than it, is no deck of a sentence; the headline over it
# outranks it by this much more than a header's bonus.
SUBTITLE_MIN_WORDS = 5
SUBTITLE_BONUS = 1.0
DECK_MAX_WORDS = 35  # a longer line is the article's first paragraph
KICKER_WORDS = 4  # a kicker over the headline is a label of a few words
HEADER_BONUS = 1.5
KICKER_MIN_WORDS = 2  # a kicker glued to the headline has this many words
HEADLINE_MIN_WORDS = 4  # and the headline left without it this many
HEADLINE_MAX_WORDS = 30
# Where a line's parts part: "Headline - Site", "Kicker: Headline", "Headline | Section".
WORD = re.compile(r"\w+")
SHARED_WORDS = 0.5  # of the words of the other part of a line that sets a kicker apart
SEGMENT_SEPARATORS = re.compile(r":\s|\s[-–—|/]\s")
DECK_BONUS = 1.0
MASTHEAD_WORDS = 3  # a logo's text at the top of the page: "Portly", "Northwind Engineering"
# A landing page's hero headline over its pitch comes before its features, each a heading over a
# sentence: of such pairs with no byline, the first is the headline.
FEATURE_PENALTY = 1.0
LOWER_CASE_PENALTY = 2.0  # a line in small letters, or opening with a small "zur", "the"
ROLE_PENALTY = 3.0  # "Owner at Kowalski Bakehouse" under the author's name
BREADCRUMB_LINK_WORDS = 4
# A figure on a line of its own ("80%", "3x", "$1,049", "4.9/5"): the line under it is its label
# (a customer story's results, a price over its shop's button), no headline. A bare number
# ("30", "2007", "05.11.2021") may be a date's badge over a headline: a sign or unit is wanted.
FIGURE = re.compile(r"^[~<>+−-]?(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?\+?[kmb]?(?:\s?/\s?[^\W\d]{1,6})?"
                    r"|\d[\d,]*(?:\.\d+)?\s?(?:%|x|×|[kmb]\+?|\+|/\s?\d+|\s?[$€£]))$",
                    re.I)  # "$12 / month" per seat in a pricing table
FIGURE_LABEL_WORDS = 6


def headline_shaped(line: Line) -> bool:
    """Return True for a line shaped like a headline: short, no closing full stop."""
    return 2 <= line.words <= 20 and not HEADLINE_END_BLOCK.search(line.text)


def _strong_headline(line: Line) -> bool:
    """Return True for a headline in title case, or one asking or quoting."""
    long_words = [w for w in line.text.split() if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return (bool(long_words) and capitalised / len(long_words) >= 0.6) or bool(
        re.search(r"[?'’\"”]$", line.text))


def _byline_or_date(line: Line) -> bool:
    """Return True for the byline or date line of an article's header."""
    return bool(AUTHOR_LINE.match(line.text) or BYLINES.match(line.text)
                or READ_TIME.match(line.text) or is_date_line(line.text, other_words=6))


def _author_block(lines: list[Line], j: int) -> bool:
    """Return True when line j is an author's bare name over their role and the byline's date."""
    return (j + 2 < len(lines) and bool(NAME_LINE.match(lines[j].text))
            and bool(ROLE_LINE.match(lines[j + 1].text)) and _byline_or_date(lines[j + 2]))


def _header_chrome(line: Line) -> bool:
    """Return True for the buttons and counters of an article's header ("Share", "42"), and for
    a wire's or desk's byline or a photo's credit between its headline and date."""
    return (line.chrome and bool(SHARE.match(line.text) or COUNTERS.match(line.text))
            or bool(CREDIT_LINE.match(line.text)))


def _label(line: Line) -> bool:
    """Return True for a menu's label: a line of a few words that is no byline or date."""
    return line.words <= MENU_ITEM_WORDS and not _byline_or_date(line)


def _in_menu(lines: list[Line], i: int) -> bool:
    """Return True when line i stands amid a menu's labels, above it and below it, and is no
    longer than a label itself would be (a headline among a page's short facts is none)."""
    if lines[i].words > MENU_CANDIDATE_WORDS:
        return False
    above = lines[max(0, i - MENU_NEIGHBOURS):i]
    below = lines[i + 1:i + 1 + MENU_NEIGHBOURS]
    return (len(above) == len(below) == MENU_NEIGHBOURS
            and all(_label(line) for line in above + below))


def _header_bonus(lines: list[Line], i: int) -> float:
    """Score line i as the headline of an article's header: a byline or date under it, maybe a
    deck or a label ("STAND", "Von") between.

    Of a kicker and the headline under it, and of a headline and the deck under it, the shorter
    line is the headline unless it is as short as a kicker.
    """
    line = lines[i]
    below = lines[i + 1:i + 1 + HEADER_REACH]
    if below and NOT_HEADLINE.match(below[0].text) and not SHARE.match(below[0].text):
        return 0.0  # a banner over its button: "Welcome to ... Learn More"
    for k, other in enumerate(below):
        if _byline_or_date(other) or _author_block(lines, i + 1 + k):
            between = below[:k]
            deck = next((b for b in between if b.words >= DECK_MIN_WORDS), None)
            if deck is None and _subtitle_under(lines, i, between):
                return HEADER_BONUS + SUBTITLE_BONUS
            labels = [b for b in between if b is not deck]
            labels = [b for b in labels if not _header_chrome(b)]
            if any(b.chrome and not b.linked for b in labels) or len(labels) > 2 or any(
                    b.words > LABEL_WORDS for b in labels):
                return 0.0
            if deck is None:
                return HEADER_BONUS
            if line.words <= KICKER_WORDS:
                return HEADER_BONUS - 1.0  # a kicker over the headline
            return HEADER_BONUS + 0.5 if deck.words > line.words else HEADER_BONUS
    return 0.0


def _subtitle_under(lines: list[Line], i: int, between: list[Line]) -> bool:
    """Return True when line i is a headline over a shorter subtitle, both over the byline:
    "Why the bond market is calm while stocks swing" over "Plus: three charts on mortgage
    rates". A teaser in a list over the headline has lines of its shape above it; a blog's slogan
    under its name at the top of the page ("Security Blog", "The latest news and insights from
    ...") stands over the headline the same way.
    """
    if not between or between[0].chrome or between[0].linked or i <= 1:
        return False
    sub, line = between[0], lines[i]
    above = lines[i - 1] if i else None
    return (SUBTITLE_MIN_WORDS <= sub.words < line.words and line.words >= SUBTITLE_MIN_WORDS
            and not HEADLINE_END_BLOCK.search(sub.text)
            and not (above and above.words >= SUBTITLE_MIN_WORDS and headline_shaped(above)))


def _deck_under(lines: list[Line], i: int) -> bool:
    """Return True when a deck, a sentence longer than line i, stands right under it."""
    return i + 1 < len(lines) and (lines[i + 1].linked or not lines[i + 1].chrome) and (
        max(DECK_MIN_WORDS, lines[i].words + 1) <= lines[i + 1].words <= DECK_MAX_WORDS)


def _over_pitch(lines: list[Line], i: int) -> bool:
    """Return True for a heading over a sentence with no byline or date: a hero headline over its
    pitch, a feature's heading over its description."""
    return (not _header_bonus(lines, i) and _deck_under(lines, i)
            and bool(SENTENCE_END.search(lines[i + 1].text)))


def _score(lines: list[Line], i: int, distance: int, repeats: int, in_run: bool) -> float:
    """Score a line as the headline, from its shape, its repeats and where it stands."""
    line = lines[i]
    menu = _in_menu(lines, i)
    header = _header_bonus(lines, i)
    if not header and _over_pitch(lines, i):
        header = DECK_BONUS  # a landing page's headline over its pitch, with no byline
    # a header's lines (byline, deck, credits, a photo's caption) part its headline from the text
    score = (0.0 if menu else 4.0 * min(repeats, 2)) - (0.1 if header else 0.25) * distance
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
    if menu:
        score -= 1.5
    if i and NAME_LINE.match(lines[i - 1].text) and ROLE_LINE.match(line.text):
        score -= ROLE_PENALTY
    if _lower_case(line.text):
        score -= LOWER_CASE_PENALTY
    return score + header


def _lower_case(text: str) -> bool:
    """Return True for a line in small letters only ("jürgen heitmann fotografie": a logo's
    styled name), or opening with a small function word ("zur Bunten Republik Neustadt": the end
    of a site's name the line above begins). A brand's name may open a headline ("creditshelf
    kooperiert mit ...", "iMac 5K ...")."""
    words = text.split()
    if not any(c.isupper() for c in text):
        return any(c.islower() for c in text)  # scripts without case have neither
    return words[0].islower() and words[0] in STOPWORDS


def _breadcrumb(text: str) -> bool:
    """Return True for a breadcrumb ending in a sentence: "Site > News > Sale now on!".

    Its links but the last are short: French quotes in a paragraph ("« réforme systémique » ou
    d’« ajustement paramétrique »") part long pieces.
    """
    links = BREADCRUMB_SEPARATOR.split(text)
    return len(links) >= 3 and all(len(link.split()) <= BREADCRUMB_LINK_WORDS for link in links[:-1])


def first_prose(lines: list[Line], start: int, end: int) -> int:
    """Return the index of the run's first sentence-like line: what precedes it is header.

    A breadcrumb ending in a headline that ends like a sentence ("Home > Articles > Sale now
    on!") is header too, and so is a headline that exclaims or asks over its byline or date.
    """
    for i in range(start, min(end, start + HEADER_LINES)):
        line = lines[i]
        if (not line.chrome and line.words >= 6 and SENTENCE_END.search(line.text)
                and not _breadcrumb(line.text) and not _exclaimed_headline(lines, i)):
            return i
    return start


def _exclaimed_headline(lines: list[Line], i: int) -> bool:
    """Return True for a headline ending in "!" or "?" right over its byline or date."""
    return (lines[i].words <= HEADLINE_MAX_WORDS and lines[i].text.rstrip().endswith(("!", "?"))
            and i + 1 < len(lines) and _byline_or_date(lines[i + 1]))


def _candidate(line: Line, raw: list[str] | None) -> bool:
    """Return True for a line that may be the headline at all."""
    if (line.chrome and not line.linked) or not 2 <= line.words <= 30:
        return False
    if is_byline(line.text) or SALUTATION.match(line.text) or not_headline(
            line.text, raw[line.index] if raw is not None else None):
        return False
    return not (normalise_date(line.text) and (
        line.words < 10 or is_date_line(line.text, other_words=6)))


def scored_candidates(lines: list[Line], start: int, end: int, raw: list[str] | None = None
                      ) -> tuple[int, list[tuple[int, float]]]:
    """Return the run's first prose line and the index and score of each line that may be the
    headline, in the page's order: a repeated or nearby headline-like line above the text.

    The lines of the run before its first sentence are candidates too (menus, the headline);
    `raw`, the dump's lines as they are, tells table rows (cells apart by tabs).
    """
    prose = first_prose(lines, start, end)
    stop = prose
    while stop < min(prose + 1, len(lines)) and headline_shaped(lines[stop]):
        stop += 1  # a standfirst-like first line may be the headline
    scored = []
    pitched = False
    sections = _toc_entries(lines, max(0, start - TITLE_WINDOW), prose)
    for i in range(max(0, start - TITLE_WINDOW), stop):
        line = lines[i]
        if fold(line.text) in sections:
            continue  # an entry of the table of contents, or its section's heading
        if i and line.words <= FIGURE_LABEL_WORDS and FIGURE.match(lines[i - 1].text):
            continue  # a figure's label: "80%" over "faster invoice processing"
        if not _candidate(line, raw) or (line.linked or line.doubled) and not (
                _deck_under(lines, i) or _dated_headline(lines, i)):
            continue  # a link under a "Trending" heading, or a link's text doubled by its
            # hidden copy, is the headline only over its deck or its date: the headline may
            # end a block of links
        # whole words only: "Building the Sources I" is no repeat of "... Sources II"
        folded = f" {fold(line.text)} "
        repeats = sum(1 for other in lines[:prose + 3] if other is not line
                      and line.words >= 3 and folded in f" {fold(other.text)} ")
        score = _score(lines, i, max(prose - i, 0), repeats, i >= start)
        if _over_pitch(lines, i) and lines[i + 1].text.rstrip().endswith("."):
            # a pitch is a statement; a teaser under a teaser exclaims or asks
            score -= FEATURE_PENALTY if pitched else 0.0
            pitched = True
        scored.append((i, score))
    return prose, scored


def rules_pick(scored: list[tuple[int, float]]) -> int:
    """Return the index of the best-scored candidate (the first of equals), -1 for none."""
    best = (-99.0, -1)
    for i, score in scored:
        if score > best[0]:
            best = (score, i)
    return best[1]


def headline_at(lines: list[Line], i: int, prose: int) -> str:
    """Return line i as a headline: without a kicker the dump glued to it."""
    return _without_glued_kicker(lines, i, prose)


def find_title(lines: list[Line], start: int, end: int,
               raw: list[str] | None = None) -> tuple[str | None, int]:
    """Return the headline and its index: the best-scored of `scored_candidates`."""
    prose, scored = scored_candidates(lines, start, end, raw)
    best = rules_pick(scored)
    if best < 0:
        return None, -1
    return headline_at(lines, best, prose), best


def _dated_headline(lines: list[Line], i: int) -> bool:
    """Return True for a line of a headline's length over a date line and then the article's text
    ("Updated 10:01 pm PST, Tuesday, November 19, 2019"): a link of a related list has the next
    link or more chrome under its date."""
    return (HEADLINE_MIN_WORDS <= lines[i].words <= HEADLINE_MAX_WORDS and i + 2 < len(lines)
            and not lines[i + 1].linked and _byline_or_date(lines[i + 1])
            and not lines[i + 2].chrome)


def _toc_entries(lines: list[Line], top: int, prose: int) -> set[str]:
    """Return the entries of a table of contents between `top` and the first prose line, folded:
    the lines under its heading ("Contents", "On this page") that head a section further down
    (the headline may stand between the contents and the text, but heads no section)."""
    for i in range(top, prose):
        if TOC_HEADING.match(lines[i].text):
            folded = [fold(line.text) for line in lines[i + 1:]]
            return {entry for entry in folded[:prose - i - 1] if folded.count(entry) > 1}
    return set()


def _set_apart(kicker: str, headline: str, others: list[Line]) -> bool:
    """Return True when a line sets `kicker` apart from words of `headline` with a separator, as
    a `<title>` line or a teaser does: "Headline - Kicker", "Kicker: Headline"."""
    want, words = fold(kicker), set(fold(headline).split())
    for other in others:
        parts = [fold(part) for part in SEGMENT_SEPARATORS.split(other.text)]
        if len(parts) < 2 or want not in parts:
            continue
        rest = set(" ".join(part for part in parts if part != want).split())
        if rest and len(rest & words) >= SHARED_WORDS * min(len(rest), len(words)):
            return True
    return False


def _without_glued_kicker(lines: list[Line], i: int, prose: int) -> str:
    """Return headline i without a kicker or subtitle the dump glued to it with a bare space.

    A heading's kicker is a tag of its own on the page but one line in its text: "Interne
    Unterlagen im Netz Daten von Rheinmetall gehackt". It is told when another line sets it apart
    from the headline with a separator ("Daten von Rheinmetall gehackt - Interne Unterlagen im
    Netz") and a capital opens what follows it.
    """
    words = lines[i].text.split()
    if len(words) < KICKER_MIN_WORDS + HEADLINE_MIN_WORDS:
        return lines[i].text
    others = [other for other in lines[max(0, i - TITLE_WINDOW):prose + 3]
              if other is not lines[i] and other.words <= HEADLINE_MAX_WORDS]
    for k in range(KICKER_MIN_WORDS, len(words) - KICKER_MIN_WORDS + 1):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        if not (tail[0].isupper() and head[-1].isalnum()):
            continue  # "Kind krank: Was ..." is one headline, its kicker set off by the colon
        if (k <= KICKER_WORDS and len(WORD.findall(tail)) >= HEADLINE_MIN_WORDS
                and _set_apart(head, tail, others)):
            return tail
        if (len(words) - k <= KICKER_WORDS and len(WORD.findall(head)) >= HEADLINE_MIN_WORDS
                and _set_apart(tail, head, others)):
            return head
    return lines[i].text


def without_site_name(title: str | None, outlet: str | None,
                      masthead: str | None = None) -> str | None:
    """Return a headline without the site's name beside it, as the HTML path strips <title>:
    "Headline | Site", "Headline - Outlet" when the page names that outlet, "Headline – Portly"
    under a masthead (the logo's text) "Portly", "Eintracht Presse : Headline" (a section's
    name)."""
    if not title:
        return title
    # the names' letters and digits only, as htmlmeta compares names with host names
    section = SECTION_PREFIX.match(title)
    names = {squash(name) for name in (outlet, masthead, section and section["section"]) if name}
    return strip_site_name(title, names - {""}) or title


def site_masthead(lines: list[Line]) -> str | None:
    """Return the page's first line when it is as short as a logo's text ("Portly"), else None."""
    first = next((line for line in lines[:1] if not line.chrome), None)
    return first.text if first and first.words <= MASTHEAD_WORDS else None
