"""Parse the written forms of a date that pages and mail carry, and find a page's own date line."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Iterable

# Month names and abbreviations of the languages in the archive's pages (English news, German
# blogs of trafilatura's and htmldate's evaluation, a few French, Spanish, Italian, Dutch ones;
# Polish, Russian and Ukrainian in the genitive their dates use: "16 marca 2021", "21 сентября
# 2020"; Arabic as Egyptian and Gulf, Maghreb and Levantine pages write it: "24 أغسطس 2020",
# "8 فيفري 2019", "24 نيسان 2020").
MONTHS = {
    1: "january jan januar jänner janvier enero gennaio januari janeiro stycznia января січня "
       "يناير جانفي",
    2: "february feb februar février fevrier febrero febbraio februari fevereiro lutego февраля "
       "лютого فبراير فيفري شباط",
    3: "march mar märz maerz mars marzo maart março marca марта березня مارس آذار",
    4: "april apr avril abril aprile kwietnia апреля квітня أبريل ابريل أفريل افريل نيسان",
    5: "may mai mayo maggio mei maio maja мая травня مايو ماي أيار",
    6: "june jun juni juin junio giugno junho czerwca июня червня يونيو جوان حزيران",
    7: "july jul juli juillet julio luglio julho lipca июля липня يوليو جويلية تموز",
    8: "august aug août aout agosto augustus sierpnia августа серпня أغسطس اغسطس أوت",
    9: "september sep sept septembre septiembre settembre setembro września сентября вересня "
       "سبتمبر أيلول",
    10: "october oct oktober octobre octubre ottobre okt outubro października октября жовтня "
        "أكتوبر اكتوبر",
    11: "november nov novembre noviembre novembro listopada ноября листопада نوفمبر",
    12: "december dec dezember décembre decembre diciembre dicembre dez dezembro grudnia декабря "
        "грудня ديسمبر",
}
MONTH_NUMBER = {name: num for num, names in MONTHS.items() for name in names.split()}


def _alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of `words`, longest first, grouped by their first letter.

    The regex engine tries an alternation's branches one by one at every word; with a branch a
    first letter it skips most names on one character (a pattern of months 4x faster).
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})"
                           for first, rests in groups.items()) + ")"


_MONTH_NAMES = _alternation(MONTH_NUMBER)
_MONTH = r"(?P<month>" + _MONTH_NAMES + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:\d\d?:\d\d(?::\d\d)?(?:\s*[AP]M)?\s+(?:[A-Z]{2,5}\s+)?)"

# 05/23/2024, and with dashes as some US pages write it: "12-30-2007, 02h53"
US_SLASH = re.compile(rf"(?<![\d/\-])(?P<month>[0-3]?\d)(?P<sep>[/-])(?P<day>[0-3]?\d)(?P=sep)"
                      rf"{_YEAR}\b")
# "11/13/19 at 4:00 PM", "26/10/13, 03:48 pm": a two-digit year, told from a fraction or a score by
# the time after it
SHORT_SLASH = re.compile(r"(?<![\w/.])(?P<month>[0-3]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d\d),?\s+"
                         r"(?:at\s+)?(?=\d\d?:\d\d\b)", re.I)
# Either order is written with slashes: only a number above 12 tells which is the day.
SLASHED = (US_SLASH, SHORT_SLASH)
SLASH_HINT = re.compile(r"\d[/-][0-3]?\d[/-]\d")  # where a slashed date may be, either way round
# Written forms, most specific first; each is searched case-insensitively in the whole text.
DATE_PATTERNS = [
    # 2024-05-23, 2024-05-23T10:00, glued to a name before it as text dumps do: "Meyer2020-09-18"
    re.compile(rf"(?<![\d\-]){_YEAR}-(?P<month>[01]?\d)-{_DAY}(?=\b|T)"),
    re.compile(rf"\b{_YEAR}/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)\b"),  # 2024/05/23
    re.compile(rf"(?<![\d.]){_YEAR}\.(?P<month>[01]?\d)\.{_DAY}(?![\d.])"),  # 2020.10.26
    # Chinese, Japanese and Korean: "2023年11月2日", "2023년 11월 7일"
    re.compile(rf"(?<!\d){_YEAR}\s*[年년]\s*(?P<month>[01]?\d)\s*[月월]\s*(?P<day>[0-3]?\d)\s*[日일]"),
    # May 23, 2024 / Wed Mar 6 12:53:51 EST 2024 (ctime, as pipermail prints it)
    # "Apr 042013": a two-digit day glued to its year, as a dump of a date badge reads
    # ... and glued to the words after it: "August 19, 2019August 19, 2019 • 319 Likes"
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+(?:at\s+)?{_TIME}?|(?<=\s0\d)){_YEAR}(?!\d)",
               re.I),
    # 23 May 2024 / 23. Mai 2024 / 23 de mayo de 2024 / Wed, 06 Mar 2024 12:53:51 -0500 (RFC 2822)
    # ... also glued to the word before it: "Posted on28. Juli 2019"
    # and to a copy of itself after it: "28. Juli 201928. Juli 2019"
    # ... or to its copy without the dot: "20 janvier 202020 janvier 2020" (published, modified)
    # ... or with a month's two names, as Levantine pages write it: "24 نيسان / أبريل 2020"
    re.compile(rf"(?<!\d){_DAY}\s*(?:de\s+)?{_MONTH}(?:\s*/\s*{_MONTH_NAMES})?,?\s+"
               rf"(?:de\s+)?{_YEAR}(?:(?!\d)|(?=[0-3]?\d\.\s)|(?=[0-3]?\d\s+{_MONTH_NAMES}\b))",
               re.I),
    # 23.05.2024, also twice over without a space: "19.11.202119.11.2021", or glued to the word
    # after it: "21:17 18.11.2019Get short URL"
    re.compile(rf"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.{_YEAR}"
               rf"(?:(?!\d)|(?=[0-3]?\d\.[01]?\d\.))"),
    US_SLASH,
    SHORT_SLASH,
    # "1.11.23 20:19": a two-digit year, told from a version number by the time after it
    re.compile(r"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d\d),?\s+"
               r"(?=\d\d?:\d\d\b)"),
]
# Every pattern above needs a four-digit year, or two and a time; looking for one first is far
# cheaper.
YEAR_HINT = re.compile(r"(?:19|20)\d\d|[./]\d\d,?\s+(?:at\s+)?\d\d?:\d\d", re.I)
# "12.10. - 15.10.2023": a span of days is an event's, not a page's.
DATE_RANGE = re.compile(r"\d\.?\s*[-–]\s*\d\d?\.\d\d?\.\d{4}|\d\.\d\d?\.\s*[-–]\s*\d")
# An embedded post signs off with its own date: "— South Park (@SouthPark) September 27, 2020".
EMBED_SIGNATURE = re.compile(r"^[—–-]\s.{0,80}\(@\w+\)")
# An event's date under its label is the event's, not the page's: "Termin: 21.02.2020, 19 Uhr",
# "When: March 5, 2024", "Event date: ...".
EVENT_LABEL = re.compile(r"^(?:termine?|wann|when|event date|date of (?:the )?event|"
                         r"veranstaltungsdatum|quand|cuándo|fecha del evento)\s*:", re.I)

# Cues that the date on a line is the page's own.
PUBLISHED_CUE = re.compile(
    r"\b(?:published|posted|erstellt|veröffentlicht|publiziert|publicado|publié|pubblicato|"
    r"datum|date|written|geschrieben|am|on|le|el)\b", re.I)
UPDATED_CUE = re.compile(r"\b(?:updated|modified|aktualisiert|geändert|mis à jour|actualizado)\b",
                         re.I)
# Headings of blocks that list other articles: their dates are not the page's.
DATE_SKIP_BLOCK = re.compile(
    r"^(?:related\b|relevant articles|latest (?:articles|news|posts)|more like this|see also|"
    r"read more|recommended|you may also like|most (?:popular|read)|ähnliche beiträge|"
    r"das könnte sie auch interessieren|mehr zum thema|weitere artikel|"
    r"more (?:from|stories|news)\b|recent (?:posts|articles|stories)|(?:what to )?read next|"
    r"up next|trending\b|popular (?:posts|stories)|neueste (?:beiträge|artikel)|auch interessant|"
    r"(?:à )?lire aussi|sur le même sujet|te puede interesar|noticias relacionadas|leggi anche|"
    r"articoli correlati)", re.I)
# Headings after which only readers' comments follow.
DATE_STOP = re.compile(r"^(?:comments?\b|\d+ comments?|leave a (?:reply|comment)|kommentare?\b|"
                       r"\d+ kommentare|schreibe einen kommentar)", re.I)
DATE_LINE_MAX_WORDS = 12
CUED_LINE_MAX_WORDS = 25
# A list's item: a bullet, then another story's headline and date.
LIST_ITEM = re.compile(r"^[•·▪►»›*]\s")
LIST_ITEM_WORDS = 3
PROSE_MIN_WORDS = 15  # a comments heading in the top menu ends nothing
STRONG_CUE = re.compile(r"\b(?:published|posted|veröffentlicht|publiziert|publicado|publié|"
                        r"pubblicato)\b", re.I)
# A wiki's or a notebook's page opens its footer line with when it was made: "Created ... on
# Sunday, October 18th, 2020. Edited ..."
OPENING_CUE = re.compile(r"^(?:created|erstellt|angelegt|créé|creado)\b", re.I)
# A dateline opens the article's first paragraph: "31. Oktober 2023. Dragqueens sind ...".
# ... or a quotation opens it: "01.02.2022 „Der Arbeitsmarkt ist gut in das Jahr gestartet ..."
# ... or a wire's tag and a double dash: "BERGEN, Norway, March 5, 2024 /PRNewswire/ -- Harbourline"
DATELINE_AFTER = re.compile(r"\s*(?:/[\w .-]{2,30}/\s*)?(?:[.:|–—]|\s-|\s?--)\s+[A-ZÀ-Ý\"„“]|"
                            r"\s+[„“«]")
DATELINE_START = 30  # characters before the date a dateline may have (a place, a weekday)
# Two words in small letters before the date, cues left out: a clause of the text ("I was born on
# 25 August, 1938. The mortal threat ...", deep in a BBC article that has no date), not a
# dateline's place, weekday or cue ("LONDON, 5 March 2024 -", "Posted on 5 March 2024. The").
CLAUSE_BEFORE_DATE = re.compile(r"\b[a-zß-ÿ][\w'’]*+\s++[a-zß-ÿ][\w'’]*+\b")
TIME = re.compile(r"\b\d\d?[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?|uhr|h)?(?:\s+[A-Z]{2,4}\b)?",
                  re.I)
WORD = re.compile(r"\w+")
# Function words that tell an English page from one in a language writing its dates day first.
ENGLISH_WORDS = frozenset("the and of to is was with that for are this".split())
DAY_FIRST_WORDS = frozenset("""der die das und nicht mit ist le les et des est une dans el los las y
del que por una il di che della sono het een van niet zijn em não uma""".split())
DAY_FIRST_MIN_WORDS = 20
DAY_FIRST_SHARE = 2  # as many of them as English ones, twice over


def _ambiguous_slash(match: re.Match) -> bool:
    """Return True for a slashed date whose day and month could be either way round.

    05/12/2020 is May 12 in the US and 5 December elsewhere: only a number above 12 settles it.
    """
    return int(match.group("month")) <= 12 and int(match.group("day")) <= 12 and (
        match.group("month") != match.group("day"))


def full_year(year: int) -> int:
    """Return a year written with two digits in full as POSIX's strptime reads %y: 69-99 are
    1969-1999 (a Usenet post's "11/13/93"), 00-68 are 2000-2068."""
    if year >= 100:
        return year
    return year + (1900 if year >= 69 else 2000)


def _build(match: re.Match, day_first: bool = False) -> str | None:
    """Return the ISO form of one pattern match, or None when it is no real day; `day_first`
    reads a slashed date's first number as the day."""
    month = match.group("month").rstrip(".").lower()
    month_num = MONTH_NUMBER.get(month) or (int(month) if month.isdigit() else 0)
    day = int(match.group("day"))
    if month_num > 12 >= day or day_first:
        month_num, day = day, month_num  # 23/05/2024 written day first
    year = int(match.group("year"))
    try:
        return date(full_year(year), month_num, day).isoformat()
    except ValueError:
        return None


# A dump's lines are dated several times over (chrome, masthead, title, twice for the page date).
DATE_CACHE_SIZE = 1024


def slash_order(lines: Iterable[str]) -> str | None:
    """Return how a page writes its slashed dates, "md" (month first) or "dm", as its dates
    with a number above 12 show it ("1/15/2008" month first), or None when none or both do.

    A page writes all its dates alike: its "1/10/2008" under the headline is the 10th of January
    when the list of related stories under the article shows "1/15/2008". Where no number
    settles it, a page in a language other than English writes the day first ("Actualizado:
    07/03/2024"); an English page may be American or not, and stays undecided.
    """
    lines = list(lines)
    seen = set()
    unsettled = False
    for line in lines:
        if "/" not in line:
            continue
        for pattern in SLASHED:
            for match in pattern.finditer(line):
                month, day = int(match.group("month")), int(match.group("day"))
                if month <= 12 < day <= 31:
                    seen.add("md")
                elif day <= 12 < month <= 31:
                    seen.add("dm")
                else:
                    unsettled = unsettled or _ambiguous_slash(match)
    if not seen:
        return "dm" if unsettled and _day_first_language(lines) else None
    return seen.pop() if len(seen) == 1 else None


def _day_first_language(lines: list[str]) -> bool:
    """Return True for a page whose function words are mostly of a language that writes the day
    first (German, French, Spanish, Italian, Portuguese, Dutch), not English's."""
    english = other = 0
    for line in lines:
        for word in WORD.findall(line.lower()):
            english += word in ENGLISH_WORDS
            other += word in DAY_FIRST_WORDS
    return other >= DAY_FIRST_MIN_WORDS and other > DAY_FIRST_SHARE * english


@lru_cache(maxsize=DATE_CACHE_SIZE)
def normalise_date(text: str, order: str | None = None) -> str | None:
    """Return the first written date in `text` as YYYY-MM-DD.

    Args:
        text: a line or header value such as "May 23, 2024" or "Wed, 06 Mar 2024 12:53:51 -0500".
        order: how the page writes its slashed dates (`slash_order`); without it a slashed date
            that could be either way round is no date.

    Returns:
        The ISO day, or None when `text` holds no complete date (relative dates included).
    """
    if not text or not YEAR_HINT.search(text):
        return None  # every written form carries a year: most lines are done here
    found: list[tuple[int, str]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if pattern in SLASHED and _ambiguous_slash(match):
                if order is None:
                    continue
                iso = _build(match, day_first=order == "dm")
            else:
                iso = _build(match)
            if iso:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else None


def _words_beside_dates(line: str) -> int:
    """Count the words of a line that are not part of a written date."""
    for pattern in DATE_PATTERNS:
        line = pattern.sub(" ", line)
    return len(WORD.findall(TIME.sub(" ", line)))


def is_date_line(line: str, other_words: int = 4) -> bool:
    """Return True when a line is a date with at most `other_words` words around it: a slashed
    date that could be either way round ("07/03/2024") is a date too, whichever day it is."""
    dated = normalise_date(line) is not None or (
        SLASH_HINT.search(line) is not None and normalise_date(line, "md") is not None)
    return dated and _words_beside_dates(line) <= other_words


def _opens_with_date(line: str) -> bool:
    """Return True when a whole date opens the line and a stop or dash follows it."""
    for pattern in DATE_PATTERNS:
        match = pattern.search(line[:DATELINE_START + 40])
        if match and match.start() <= DATELINE_START and DATELINE_AFTER.match(line, match.end()):
            before = UPDATED_CUE.sub(" ", STRONG_CUE.sub(" ", line[:match.start()]))
            return not CLAUSE_BEFORE_DATE.search(before)
    return False


def _strongly_cued(line: str) -> bool:
    """Return True for a line that says its date is when the page was published or created."""
    if (normalise_date(line) is None or DATE_RANGE.search(line) or EMBED_SIGNATURE.match(line)
            or EVENT_LABEL.match(line)):
        return False
    rest = line
    for pattern in DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    return bool(STRONG_CUE.search(rest) or OPENING_CUE.match(line)) and (
        _words_beside_dates(line) <= CUED_LINE_MAX_WORDS)


def find_footer_date(lines: Iterable[str]) -> str | None:
    """Return the date of the first line under an article that says it is the page's
    publication date ("Der Beitrag wurde am ... veröffentlicht", "Created ... on ..."), unless a
    comments heading comes first.

    A blog or wiki states it in a footer far below the article, where bare dates are others'.
    """
    for raw in lines:
        line = raw.strip()
        if DATE_STOP.match(line):
            return None
        if YEAR_HINT.search(line) and (STRONG_CUE.search(line) or OPENING_CUE.match(line)) and (
                _strongly_cued(line)):
            return normalise_date(line)
    return None


def _date_line_rank(line: str, order: str | None = None) -> int | None:
    """Rank a line as a page's own date line (lower is better), or None when it is not one."""
    if (normalise_date(line, order) is None or DATE_RANGE.search(line)
            or EMBED_SIGNATURE.match(line) or EVENT_LABEL.match(line)):
        return None
    rest = line
    for pattern in DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    beside = _words_beside_dates(line)
    if LIST_ITEM.match(line) and beside >= LIST_ITEM_WORDS:
        return None  # a list's item, another story: "• GAO questions report on Iraq 1/15/2008"
    if (STRONG_CUE.search(rest) or OPENING_CUE.match(line)) and beside <= CUED_LINE_MAX_WORDS:
        return 0  # "Der Beitrag wurde am ... veröffentlicht"
    if beside > DATE_LINE_MAX_WORDS:
        return 1 if _opens_with_date(line) else None  # else a date inside a sentence: an event's
    if UPDATED_CUE.search(line) and not re.search(r"\bpublished\b", line, re.I):
        return 2
    return 0 if PUBLISHED_CUE.search(rest) else 1


def find_text_date(lines: Iterable[str], order: str | None = None) -> str | None:
    """Return the page's date from a dateline or standalone date line near the top.

    A line with a publication cue ("Published on", "Veröffentlicht am") wins over a bare date,
    a bare date over an "Updated" one; lines under a related-links heading (up to the next blank
    line) are skipped, and nothing after a comments or related-links heading that follows prose
    is read.

    Args:
        lines: the page's lines in order (blank ones included), down to the end of its article.
        order: how the page writes its slashed dates (`slash_order` of all its lines).

    Returns:
        YYYY-MM-DD, or None when no line is a date line.
    """
    best: tuple[int, str] | None = None
    in_block = prose_seen = False
    for raw in lines:
        line = raw.strip()
        if prose_seen and (DATE_STOP.match(line) or DATE_SKIP_BLOCK.match(line)):
            break  # under the text, lists of other stories or comments run to the end
        prose_seen = prose_seen or len(WORD.findall(line)) >= PROSE_MIN_WORDS
        if DATE_SKIP_BLOCK.match(line) or (in_block and line):
            in_block = True
            continue
        in_block = False
        rank = _date_line_rank(line, order)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, normalise_date(line, order) or "")
            if rank == 0:
                break
    return best[1] if best else None
