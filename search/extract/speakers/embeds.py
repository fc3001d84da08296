"""Speech a page embeds under its speaker's label: tweets signed "— Name (@handle) Date"."""
from __future__ import annotations

import re

from search.documents import Quote
from search.extract.speakers.names import NAME_RUN
from search.extract.speakers.people import Body, clean_run, named_person

# An embedded tweet as browsers and feeds render it: its text, then its signature line,
# "... pic.twitter.com/x — Michelle Rempel (@MichelleRempel) December 18, 2018". The date is
# required: a name and a handle alone are as often a credit or a byline.
TWEET_SIGNATURE = re.compile(
    rf"[—–]\s*(?P<who>{NAME_RUN.pattern})\s*\(@\w{{1,15}}\)\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})")
# How far back a tweet's text may start: a tweet is at most 280 characters, and a few more for
# the links and marks a page adds.
TWEET_CHARS = 400


def tweet_quotes(doc: Body) -> list[tuple[int, Quote]]:
    """Return (position, quote) for each embedded tweet a named person signs in the body."""
    found = []
    for m in TWEET_SIGNATURE.finditer(doc.text):
        name_at = m.start("who")
        person = named_person(*clean_run(m.group("who"), name_at, doc.text, doc), doc, False)
        if not person or " " not in person:
            continue  # "— The Daily Beast (@thedailybeast)": an outlet's tweet is no one's
        line_start = doc.text.rfind("\n", max(0, m.start() - TWEET_CHARS), m.start()) + 1
        text = doc.text[max(line_start, m.start() - TWEET_CHARS):m.start()].strip()
        if text:
            found.append((m.start(), Quote(person, text, "tweeted")))
    return found
