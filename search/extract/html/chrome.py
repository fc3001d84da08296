"""Clean an extracted article's lines: copyright, page tools, see-also links, chrome at the ends."""
from __future__ import annotations

import re

from search.extract.folding import fold_words, opens_twice

WORD = re.compile(r"\w+")
COPYRIGHT = re.compile(r"©|\(c\) *(?:19|20)\d\d|\bcopyright\b|all rights reserved", re.I)
MAX_COPYRIGHT_WORDS = 30
# A longer notice that opens with the mark, or the agency's notice closing the last paragraph
# (l3s-html's 2008 wire copies: "All Content is Copyright © 2008 WorldSoccerNews.com and AFP.
# ... Any other reproduction ...", "Copyright 2008 The Associated Press. All rights reserved.").
COPYRIGHT_NOTICE = re.compile(
    r"^\W*(?:all content (?:is )?)?(?:copyright\b|©|\(c\) *(?:19|20)\d\d)"
    r"|^disclaimer: this (?:news )?(?:article|story) is copyrighted", re.I)
MAX_NOTICE_WORDS = 60
COPYRIGHT_TAIL = re.compile(r"(?<=[.!?\"”])\s+(?:copyright|©)\s*(?:©\s*)?(?:19|20)\d\d\b.*$", re.I)
# Lines that start or end an extracted article but are page furniture.
EDGE_CHROME = re.compile(
    r"^(?:by|von|par|por|posted by|written by)\s+\S+(?:\s+\S+){0,5}$"  # byline
    r"|^(?:\w+day,?\s+)?(?:\d{1,2}\s+\w+|\w+\s+\d{1,2}),?\s+(?:19|20)\d\d\b.{0,30}$"  # date
    r"|^(?:\d+\s+)?comments?$|^(?:print|e-?mail|share|tweet)\b.{0,30}$", re.I)
EDGE_CHROME_PHRASES = {"comments", "print", "email", "share", "advertisement", "related",
                       "read more", "tags", "article tools", "print email", "teilen mit",
                       "wird geladen", "loading", "share this", "teilen", "drucken"}
MAX_EDGE_CHROME_WORDS = 8
# The headline repeated over the text, found inside a <title> or <h1> that adds the site's name.
MIN_HEADLINE_WORDS = 3
# A line that is only a date or a time stamp, wherever it sits (l3s-html's 2008 pages: "Posted at
# 6:47am on 14 Jan 2008", "Updated Thu. Jan. 10 2008 10:12 PM ET", "17/01/2008 18:04:44").
MONTHS_AND_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "montag",
    "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "janvier", "février",
    "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves", "viernes",
    "sábado", "domingo",
}
DATELINE_WORDS = MONTHS_AND_DAYS | {
    "posted", "updated", "published", "last", "on", "at", "time", "date", "am", "pm", "a", "p",
    "m", "et", "est", "edt", "gmt", "utc", "pst", "pdt", "cst", "cet", "cest", "bst", "ist",
    "uhr", "stand", "aktualisiert", "veröffentlicht", "le", "publié", "mis", "à", "jour", "of",
    "de", "del", "actualizado", "publicado",
}
DATELINE_NUMBER = re.compile(r"\d+(?:st|nd|rd|th|am|pm|h)?$")
# A time or a number alone is not a date (prices, phone numbers, opening hours): a year or a month.
NUMERIC_DATE = re.compile(
    r"(?<![\d+])(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d|(?:19|20)\d\d-\d\d-\d\d)(?![\d])")
MAX_DATELINE_WORDS = 10
# A headline over a date stamp is a teaser for an article (this one's, or another's in a list).
MAX_TEASER_HEADLINE_WORDS = 20
# A wire credit or a source note standing on its own line, under or over the text (l3s-html's
# 2008 wire copies: "AFP", "Agence France-Presse", "Source: China Daily/Agencies", "Editor: Lin
# Li", "Associated Press Writers ... contributed to this report.").
CREDIT_LINE = re.compile(
    r"^\W*(?:(?:sources?|quellen?|fuente|editor|redaktion)\s*:\s.{0,80}"
    r"|(?:with a report from|(?:additional )?reporting by)\s.{0,80}"
    r"|afp|aap|ap|dpa|apa|sda|ansa|efe|upi|pti|ians|xinhua|reuters"
    r"|associated press|agence france-presse|staff and agencies|wire reports|agencies)\W*$"
    r"|contributed to this (?:report|story|article)\W*$", re.I)
MAX_CREDIT_WORDS = 20
# A photo credit left where its picture was ("(Credit: Clayton Aldern / Grist)", "Foto: GdP/Hagen
# Immel", "Photo by ev on Unsplash").
PHOTO_CREDIT = re.compile(
    r"^\W*(?:(?:photo|foto|bild|bilder|image|picture|fotos|photograph)(?:\s*credits?)?\s*:"
    r"|credits?\s*:|(?:photo|foto|bild|image) (?:by|von|via)\b)", re.I)
MAX_PHOTO_CREDIT_WORDS = 12
# A call to sign up for the site's newsletter or magazine, in any language (aeb-html's "Sign up
# for The Water Coolest today ...", trafilatura-html's "Jetzt Newsletter abonnieren").
NEWSLETTER_CALL = re.compile(
    r"^(?=.*\bnewsletter)(?=.*(?:sign up|subscribe|abonn|inscri|anmeld|bekommen|erhalten|delivered"
    r"|inbox|suscr|iscriv))|^\W*click here to (?:subscribe|sign up|register)", re.I)
MAX_NEWSLETTER_WORDS = 30
# A line pointing to another article, inside or after the text (dw.com's "Read more: ...",
# larepublica.net's "NOTAS RELACIONADAS", lefigaro.fr's "À lire aussi").
SEE_ALSO = re.compile(
    r"^\W*(?:read more|read also|see also|related(?: articles?| stories| posts)?|more on this"
    r"|lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|schon gelesen|weitere beiträge"
    r"|weiterlesen|à lire aussi|lire aussi|vea también|lea también|notas relacionadas"
    r"|leggi anche|czytaj (?:też|także)|last modified|letzte änderung"
    r"|(?:video|gallery)(?=\s*:\s*\S))\b", re.I)  # an embedded player's label: "Video: ..."
MAX_SEE_ALSO_WORDS = 25
# Short lines of page tools and ad labels, wherever trafilatura leaves them (l3s-html's 2008
# news sites: "Printer friendly page", "Font size:", "Sponsored Links", "Post a comment").
TOOL_LINE = re.compile(
    r"^\W*(?:advertisement|advertiser links|sponsored links|anzeige|publicité|publicidad"
    r"|print(?: this)?(?: article| story| page)?|printer[- ]friendly(?: version| page)?"
    r"|e-?mail(?: this)?(?: article| story| page| to (?:a )?friend)?|send this (?:article|story)"
    r"|article tools|text size|font size|post a comment|have your say|comments rss"
    r"|share(?: this)?(?: article| story| page)?|tags|read on|breaking news|most popular"
    r"|top stories|related (?:links|stories|articles))\W*$", re.I)


fold_line = fold_words  # to compare lines


def is_edge_chrome(line: str, labels: tuple[str | None, ...] = (),
                   headlines: tuple[str, ...] = ()) -> bool:
    """Tell whether a line at an end of the body is chrome: a label (headline, site), a byline."""
    folded = fold_line(line)
    if not folded or folded in {fold_line(label) for label in labels if label}:
        return True
    if len(folded.split()) >= MIN_HEADLINE_WORDS and any(
            f" {folded} " in f" {fold_line(h)} " for h in headlines):
        return True
    if len(folded.split()) > MAX_EDGE_CHROME_WORDS:
        return False
    return folded in EDGE_CHROME_PHRASES or bool(EDGE_CHROME.search(line.strip(" |")))


def is_dateline(line: str) -> bool:
    """Tell whether a short line holds nothing but a date, a time and words that announce them."""
    words = WORD.findall(line.casefold())
    if not words or len(words) > MAX_DATELINE_WORDS or not any(w[0].isdigit() for w in words):
        return False
    if not all(w in DATELINE_WORDS or DATELINE_NUMBER.match(w) for w in words):
        return False
    return any(w in MONTHS_AND_DAYS for w in words) or bool(NUMERIC_DATE.search(line))


def clean_body(text: str, labels: tuple[str | None, ...] = (),
               headlines: tuple[str, ...] = ()) -> str:
    """Drop empty rows and chrome lines (copyright, tools, credits, dates); labels at the ends."""
    lines = [trim_copyright_tail(unbar(line)) for line in text.splitlines()]
    lines = [line for line in lines if WORD.search(line)]
    dated = [is_dateline(line) for line in lines]
    lines = [line for i, line in enumerate(lines) if not dated[i] and not is_chrome_line(line)
             and not (i + 1 < len(lines) and dated[i + 1] and is_teaser_headline(line))]
    while lines and is_edge_chrome(lines[0], labels, headlines):
        lines.pop(0)
    while lines and is_edge_chrome(lines[-1]):
        lines.pop()
    return "\n".join(lines)


def is_chrome_line(line: str) -> bool:
    """Tell whether a line is furniture wherever it stands: copyright, tools, credits, sign-ups."""
    words = len(line.split())
    return (_is_copyright(line) or (words <= MAX_SEE_ALSO_WORDS and bool(SEE_ALSO.search(line)))
            or opens_twice(line)  # a card of another story: its headline twice, its source
            or bool(TOOL_LINE.search(line.strip(" |-"))) or is_credit(line)
            or (words <= MAX_NEWSLETTER_WORDS and bool(NEWSLETTER_CALL.search(line))))


def is_credit(line: str) -> bool:
    """Tell whether a short line credits a wire service or a photographer, or names a source."""
    words = len(line.split())
    return ((words <= MAX_CREDIT_WORDS and bool(CREDIT_LINE.search(line.strip())))
            or (words <= MAX_PHOTO_CREDIT_WORDS and bool(PHOTO_CREDIT.search(line))))


def is_teaser_headline(line: str) -> bool:
    """Tell whether a line reads as a headline: short, without a sentence's closing stop."""
    return (len(line.split()) <= MAX_TEASER_HEADLINE_WORDS
            and not line.rstrip().endswith((".", ":", "!", "?", "\"", "”")))


def unbar(line: str) -> str:
    """Return a line without the bars trafilatura writes around table cells, so rules see its text."""
    line = line.rstrip().replace("\\|", "|")  # trafilatura escapes bars inside cells
    return line.strip(" |") if line.startswith("| ") else line


def _is_copyright(line: str) -> bool:
    """Tell whether a line is a copyright notice: short and naming it, or opening with it."""
    words = len(line.split())
    if words <= MAX_COPYRIGHT_WORDS and COPYRIGHT.search(line):
        return True
    return words <= MAX_NOTICE_WORDS and bool(COPYRIGHT_NOTICE.search(line))


def trim_copyright_tail(line: str) -> str:
    """Cut a short copyright notice that closes a paragraph, as wire copies end."""
    tail = COPYRIGHT_TAIL.search(line)
    if tail and len(tail.group().split()) <= MAX_COPYRIGHT_WORDS:
        return line[:tail.start()]
    return line
