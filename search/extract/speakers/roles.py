"""Roles that stand for a person, or before a name make it a person's or an organisation's:
"the suspect", "Liverpool midfielder Jordan Hale", "the 28-year-old", "rapper Drake", "research firm
Jupiter"; and where a body gives a person's role beside their name."""
from __future__ import annotations

import re

from search.extract.speakers.names import NAME_RUN

NAME = NAME_RUN.pattern
# Roles a body may name a person by once it has named them so: "The suspect, Michael Webb, was
# convicted ... The suspect said he needed to get dressed." (no family words: whose father?)
# Positions that sports pages put before a name as a title: "Liverpool midfielder Jordan Hale".
SPORTS_ROLES = "midfielder|striker|defender|goalkeeper|winger|skipper|quarterback|pitcher|rookie"
ROLE_NOUNS = frozenset("""
suspect victim mayor senator governor president minister chairman chairwoman spokesman
spokeswoman spokesperson director judge lawyer attorney prosecutor coach manager founder author
professor doctor witness driver actor actress singer player captain candidate nominee secretary
ambassador congressman congresswoman lawmaker premier chancellor sheriff economist analyst
""".split()) | frozenset(SPORTS_ROLES.split("|"))
ROLES = "|".join(sorted(ROLE_NOUNS))
# An age stands for a person as a role does: "Jordan Hale, 28, ... the 28-year-old said".
AGE_ROLE = r"\d{1,3}-year-old"
# Roles only a person has, before a name in lower case: "U2 frontman Bono", "rapper Drake" (not
# "carmaker Ford", "retailer Tesco": a company's roles end in -er too).
PERSON_ROLES = (
    r"frontman|frontwoman|singer|rapper|star|actor|actress|striker|midfielder|defender|"
    r"goalkeeper|winger|coach|manager|boss|skipper|captain|comedian|presenter|host|chef|"
    r"designer|musician|drummer|guitarist|model|batsman|bowler|jockey|boxer|golfer")
PERSON_ROLE_BEFORE = re.compile(rf"\b(?:{PERSON_ROLES})\s+$")
# What only an organisation is, right before its name in lower case: "analyst firm Telecom View
# predicts" (bbc-news), "research firm Jupiter", "consultancy Capital Economics".
ORGANISATION_BEFORE = re.compile(
    r"\b(?:firm|company|consultancy|agency|group|bank|broker|brokerage|carmaker|retailer|"
    r"airline|insurer|lender|operator|watchdog|regulator|newspaper|magazine|website|"
    r"broadcaster|channel|network|charity|association|organi[sz]ation)\s+$")
# Where a body gives a person's role beside their name: "the suspect, Michael Webb," and
# "Gerry McNeilly, the director,".
ROLE_BEFORE_NAME = re.compile(
    rf"\b[Tt]he\s+(?:[a-z]+\s+)?(?P<role>{ROLES}),\s+(?P<name>{NAME}),")
ROLE_AFTER_NAME = re.compile(
    rf"(?P<name>{NAME}),\s+(?:the|a|an)\s+(?:[a-z\-]+\s+){{0,2}}?(?P<role>{ROLES})\b")
# ... or as a title: "Liverpool midfielder Jordan Hale", "28-year-old Jordan Hale", and an age
# after the name: "Jordan Hale, 28,". The title stands right before the name: with words between,
# the name was another's ("a spokesman for Yeutter", "the spokesman said Minister Clelio Darida",
# "the 21-year-old told Cadena Cope", Reuters and BBC news), and a qualified role is another role
# ("shadow chancellor Oliver Letwin" is not "the chancellor").
ROLE_QUALIFIERS = "".join(rf"(?<!\b{word}\s)" for word in ("shadow", "deputy", "vice", "former",
                                                            "assistant", "acting", "ex"))
ROLE_TITLE = re.compile(
    rf"\b{ROLE_QUALIFIERS}(?<!-)(?P<role>{ROLES}|{AGE_ROLE})\s+(?P<name>{NAME})")
AGE_AFTER_NAME = re.compile(rf"(?P<name>{NAME}),\s+(?P<age>\d{{1,3}}),")
