"""The named person a sentence opens with: the speaker of a quotation its sentence gives no cue
for, and the one a quotation that goes on in the next sentence is given to."""
from __future__ import annotations

from bisect import bisect_left

from search.extract.speakers.cues import (
    CLAUSE_OPENING, MAX_OPENING_PHRASE, PREPOSITION_OPENING, QUALIFIED_ROLE, SUBJECT,
)
from search.extract.speakers.names import POSSESSIVE, ROLE, is_person_name
from search.extract.speakers.people import Body, clean_run, named_person

# What may stick to a word at a sentence's opening: "(Clinton", "“Q3,".
OPENING_PUNCTUATION = "()[]“”\"‘’'.,;:!?—–-"
# How much of a sentence's opening may hold its subject's surname.
OPENING_CHARS = 160


def may_name_subject(start: int, end: int, doc: Body) -> bool:
    """Tell whether a sentence's opening may hold a surname the body knows: only where the text
    holds one (`surname_places`), which most openings do not."""
    if doc.surname_places is None:
        return True
    place = bisect_left(doc.surname_places, start)
    return place < len(doc.surname_places) and \
        doc.surname_places[place] < min(end, start + OPENING_CHARS)


def sentence_subject(start: int, end: int, doc: Body) -> str | None:
    """Return the named person a sentence opens with, if it opens with one."""
    if not may_name_subject(start, end, doc):
        return None
    opening = doc.text[start:min(end, start + OPENING_CHARS)]
    # word by word against a set: testing each surname as a substring of each sentence took
    # quadratic time on a long list of names ("A B said. C D said. ...", 10,000 pairs: 10 s)
    if not any(POSSESSIVE.sub("", word.strip(OPENING_PUNCTUATION)) in doc.surname_words
               for word in opening.split()):
        return None  # no one the body names as a person is there: skip the slow pattern
    m = SUBJECT.match(doc.text[start:end])
    if m and PREPOSITION_OPENING.match(doc.text[start:start + m.end("who")].rsplit(",", 1)[-1]):
        # "With Alonso gone, Hamilton is confident": the subject follows the phrase's comma
        comma = doc.text.find(", ", start + m.end("who"), min(end, start + MAX_OPENING_PHRASE))
        m = SUBJECT.match(doc.text[comma + 2:end]) if comma >= 0 else None
        start = comma + 2
    if not m or m.group("who").endswith(("'s", "’s")):
        return None  # "Mr Blair's government was ..." is about the government
    who, at = m.group("who"), start + m.start("who")
    role = QUALIFIED_ROLE.match(doc.text, start + m.end("who"), end)
    if role and ROLE.fullmatch(doc.text[role.start():role.start("who")].split()[-1]):
        who, at = role.group("who"), role.start("who")  # the role holder, not its qualifier
    titles, name = clean_run(who, at, doc.text, doc)
    if " " not in name and not titles and not is_person_name(name, doc.lower_words):
        return None  # "Taste and smell receptors ..." opens with a common word, no "Merely Taste"
    return named_person(titles, name, doc, False)


def subject_after_opening(start: int, end: int, doc: Body) -> str | None:
    """Return the named person a sentence's main clause opens with after an opening clause or
    phrase of more than one comma or over 40 characters, which `sentence_subject` does not look
    past: "In 2016, as his rise went on, Schwartz disavowed the book." A pronoun may point back to
    them, and a participle ("..., saying: ...") or a quotation with no cue in the next sentence
    is theirs, as after an opening subject; a quotation of their own sentence is not."""
    if not CLAUSE_OPENING.match(doc.text, start, end) or not may_name_subject(start, end, doc):
        return None
    comma = doc.text.find(", ", start, min(end, start + MAX_OPENING_PHRASE))
    while comma >= 0:
        found = sentence_subject(comma + 2, end, doc)
        if found:
            return found
        comma = doc.text.find(", ", comma + 2, min(end, start + MAX_OPENING_PHRASE))
    return None
