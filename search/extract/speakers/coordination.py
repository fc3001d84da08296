"""People named together as the subject of one cue: "Cummings and Conyers wrote", '"...," wrote
Jason Dana, Robyn Dawes and Nathanial Peterson'."""
from __future__ import annotations

import re

from search.extract.speakers.roles import PERSON_ROLES
from search.extract.speakers.names import NAME_RUN
from search.extract.speakers.people import Body, clean_run, named_person

# The words between coordinated subjects: the last pair is joined by "and", the others by commas;
# a person's role may stand before the next name: '"...," singer Ann Lee and drummer Bo Ray said'.
ROLE_OF_NEXT = rf"(?:(?:{PERSON_ROLES})\s+)?"
COORDINATION_END = re.compile(rf"\s(?:and|&)\s+{ROLE_OF_NEXT}$")
COORDINATION_LAST = re.compile(rf",?\s+(?:and|&)\s+{ROLE_OF_NEXT}")
COORDINATION_GAP = re.compile(rf",\s+{ROLE_OF_NEXT}")
# An apposition that stands for all the coordinated subjects: "Phil Berger and House Speaker Tim
# Moore, both Republicans, said", "Richard Armitage, Henry Paulson and Brent Scowcroft ― three
# former ... big shots ― have also said" (PolNeAR).
JOINT_APPOSITION = re.compile(r"\s*[,\-–—―]\s+(?:both|all|two|three|four|five)\b")
COORDINATION_AFTER = re.compile(r",\s+|(?P<last>,?\s+(?:and|&)\s+)")
COORDINATION_STOP = re.compile(r"\s*(?:[,.;:!?)”\"]|$)")


def coordinated_before(start: int, who_at: int, doc: Body) -> list[str]:
    """Return the people joined to a cue's subject before it: "Cummings and Conyers wrote",
    "Sens. Tom Carper, Dianne Feinstein and Ben Cardin said"."""
    before = doc.text[start:who_at]
    if not COORDINATION_END.search(before):
        return []
    people, pos = [], len(before)
    for run in reversed(list(NAME_RUN.finditer(before))):
        if not (COORDINATION_GAP if people else COORDINATION_LAST).fullmatch(before[run.end():pos]):
            break
        person = named_person(*clean_run(run.group(), start + run.start(), doc.text, doc), doc,
                              False)
        if not person:
            break
        people.append(person)
        pos = run.start()
    return people


def coordinated_after(pos: int, end: int, doc: Body) -> list[str]:
    """Return the people joined to an inverted cue's subject after it: '"...," wrote Jason Dana,
    Robyn Dawes and Nathanial Peterson.' The list must end with "and" and a name, then stop."""
    people = []
    while sep := COORDINATION_AFTER.match(doc.text, pos, end):
        run = NAME_RUN.match(doc.text, sep.end(), end)
        person = run and named_person(*clean_run(run.group(), run.start(), doc.text, doc), doc,
                                      False)
        if not person:
            return []
        people.append(person)
        pos = run.end()
        if sep.group("last"):
            return people if COORDINATION_STOP.match(doc.text, pos, end) else []
    return []
