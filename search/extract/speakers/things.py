"""Tell the names a body uses as things' (companies, outlets, places) from people's."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from search.extract.speakers.cues import SAYS_ABOUT_ITSELF
from search.extract.speakers.names import (
    ACTS_ON_ITS_OWN, ARTICLE_BEFORE, FEMALE_NAMES, FIRM_AFTER, INDEFINITE_BEFORE, LISTED_AFTER,
    MALE_NAMES, OUTLET_NOUN_AFTER, OUTLET_NOUN_BEFORE, OWNED_BY_COMPANY, THING_AFTER, fold,
)

if TYPE_CHECKING:
    from search.extract.speakers.people import Body

# An award's title is no one's name: "2020 Commonwealth Young Person of the Year", "Scholar
# Athlete of the Week" (a modern page's heading, whose "He said:" then went to the award).
AWARD_AFTER = re.compile(
    r"[ \t]+of[ \t]+the[ \t]+(?:Year|Month|Week|Decade|Season|Match|Game|Tournament)\b")
# An adjective between the article and a name: "said a skeptical Robert Wolfarth", "the
# embattled John Smith"; with a known given name first, the article describes the person. Not
# "the late": the dead are named, not heard, and their surname is often a living speaker's.
DESCRIBED_BEFORE = re.compile(r"\b(?:[Tt]he|an?)\s+(?!late\s)[a-z]+\s+$")


def is_thing(name: str, doc: Body) -> bool:
    """Tell whether the body uses a name with an article, as for a thing: "the Netherlands"."""
    if name not in doc.things:
        doc.things[name] = False
        text, at = doc.full_text, doc.full_text.find(name)
        # a person's surname before a noun: "a Canova T-shirt", "a Trump presidency"
        person = " " not in name and len(doc.full_forms.get(tuple(name.split()), name).split()) > 1
        while at >= 0 and not doc.things[name]:
            before = text[max(0, at - 24):at]
            after = at + len(name)
            if text[after:after + 1].isalpha():
                pass  # part of a longer word: "Blairite"
            elif not person and " " not in name and (OWNED_BY_COMPANY.match(text, after)
                                                     or ACTS_ON_ITS_OWN.match(text, after)):
                doc.things[name] = True  # "Tesla shares rose", "Redmond changed its mind"
            elif not person and " " not in name and _outlet(text, before, after):
                doc.things[name] = True  # "the daily Izvestia", "the Ifo economic institute"
            elif AWARD_AFTER.match(text, after):
                doc.things[name] = True  # "Young Person of the Year": an award
            elif before.endswith("<") or LISTED_AFTER.match(text, after):
                doc.things[name] = True  # "<Agusta Spa>", "Atlantic Richfield <ARC>"
            elif SAYS_ABOUT_ITSELF.match(text, after):
                doc.things[name] = True  # "Citigroup said it would continue to co-operate"
            elif " " in name and before.endswith(("the ", "The ")):
                doc.things[name] = True  # "the Evening Standard", "the Lib Dems"
            elif ((ARTICLE_BEFORE.search(before) or before.endswith("The ")) and THING_AFTER.match(
                    text, after) or INDEFINITE_BEFORE.search(before) and not person) \
                    and not _described_person(name, before):
                doc.things[name] = True  # "the Netherlands", "The San Francisco Chronicle says"
            at = text.find(name, after)
    return doc.things[name]


def _described_person(name: str, before: str) -> bool:
    """Tell a person's full name under an article and an adjective ("a skeptical Robert
    Wolfarth") by its known given name, so the article does not make it a thing's."""
    first = fold(name.split()[0])
    return " " in name and (first in FEMALE_NAMES or first in MALE_NAMES) \
        and DESCRIBED_BEFORE.search(before) is not None


def _outlet(text: str, before: str, after: int) -> bool:
    """Tell whether an outlet's, a bank's or an institute's noun stands right before a word
    (before a comma only when one follows it too: "agency, Yonhap, said") or after it."""
    noun = OUTLET_NOUN_BEFORE.search(before)
    return noun is not None and (not noun.group("comma") or text[after:after + 1] == ",") \
        or OUTLET_NOUN_AFTER.match(text, after) is not None


def names_a_firm(word: str, doc: Body) -> bool:
    """Tell whether the body writes a one-word name as a word of a company's name, the rest of
    which follows it: "Security Pacific Corp", "Dun and Bradstreet Corp"."""
    if word not in doc.firms:
        text, at, found = doc.full_text, doc.full_text.find(word), False
        while at >= 0 and not found:
            after = at + len(word)
            found = not text[at - 1:at].isalpha() and not text[after:after + 1].isalpha() \
                and FIRM_AFTER.match(text, after) is not None
            at = text.find(word, after)
        doc.firms[word] = found
    return doc.firms[word]
