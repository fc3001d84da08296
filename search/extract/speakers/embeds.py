"""Speech a page embeds under its speaker's label: tweets, interview answers, transcript lines."""
from __future__ import annotations

import re

from search.documents import Quote
from search.extract.speakers.cues import LABEL_AFTER, LABEL_BEFORE
from search.extract.speakers.names import NAME_RUN
from search.extract.speakers.people import Body, clean_run, named_person

# An embedded tweet as browsers and feeds render it: its text, then its signature line,
# "... pic.twitter.com/x — Michelle Rempel (@MichelleRempel) December 18, 2018". The date is
# required: a name and a handle alone are as often a credit or a byline.
TWEET_SIGNATURE = re.compile(
    rf"[—–]\s*(?P<who>{NAME_RUN.pattern})\s*\(@\w{{1,15}}\)\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})")
# What a body without quotation marks or cue words must hold to embed speech.
EMBED_HINT = re.compile(r"\(@|^A\s*:|^[A-Z][^\n:]{1,40}:[ \t]", re.M)
# How far back a tweet's text may start: a tweet is at most 280 characters, and a few more for
# the links and marks a page adds.
TWEET_CHARS = 400


def embeds_hinted(body: str) -> bool:
    """Tell whether a body may embed speech (`EMBED_HINT`): one with no colon and no "(@" has
    none, and the pattern would try every place of it."""
    return ("(@" in body or ":" in body) and bool(EMBED_HINT.search(body))


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


# The lines of an interview printed as questions and answers: "Q: ...", "A: ...".
QUESTION_LINE = re.compile(r"^(?:Q|Question)\s*:\s*(?P<text>.*)$", re.M)
ANSWER_LINE = re.compile(r"^(?:A|Answer)\s*:\s*(?P<text>.+)$", re.M)
# A question that opens by addressing the one who answers: "Q: Junior – We are so excited ...".
ADDRESS = re.compile(r"(?P<name>[A-Z][\w’'\-]+)\s*(?:[–—,:]|-\s)")
# An interview has at least this many questions and answers; one "A:" line is a list's item.
MIN_EXCHANGES = 2


def answer_quotes(doc: Body) -> list[tuple[int, Quote]]:
    """Return (position, quote) for each answer of a question-and-answer interview whose
    introduction names one person, or whose questions address one person the body names."""
    # most bodies: the line patterns need not run (a masked quotation holds a Q, not at a line's
    # start)
    if doc.text.startswith("Q") + doc.text.count("\nQ") < MIN_EXCHANGES:
        return []
    questions = list(QUESTION_LINE.finditer(doc.text))
    answers = list(ANSWER_LINE.finditer(doc.text))
    if len(questions) < MIN_EXCHANGES or len(answers) < MIN_EXCHANGES:
        return []
    person = _interviewee(doc, questions)
    if not person:
        return []
    return [(m.start(), Quote(person, m.group("text").strip(), "answered")) for m in answers]


def _interviewee(doc: Body, questions: list[re.Match]) -> str | None:
    """Return the person the questions address, else the one person the introduction names."""
    known = [name for name in doc.known if named_person("", name, doc, False) == name]
    addressed = {m.group("name") for q in questions
                 if (m := ADDRESS.match(q.group("text")))}
    named = [name for name in known if set(name.split()) & addressed]
    if len(named) == 1:
        return named[0]
    intro = doc.full_text[:doc.full_text.find(questions[0].group())]
    introduced = [name for name in known if name in intro]
    return introduced[0] if len(introduced) == 1 else None


# A line of a transcript, its speaker's name (or surname in capitals) before a colon:
# "SMITH: We will win this election.", "Jane Doe: I ran as fast as I could."
TRANSCRIPT_LINE = re.compile(
    rf"^(?P<who>{NAME_RUN.pattern}|[A-Z][A-Z'’\-]{{2,}}(?: [A-Z][A-Z'’\-]{{2,}}){{0,2}})"
    r":[ \t]+(?P<text>[^\n]{12,})$", re.M)
# Words of one speaking, which a transcript has and a list of links or credits has not:
# "Relevant Reading: How the vote was won" twice is no one's speech.
SPOKEN = re.compile(r"\b(?:I|I[’']m|I[’']ve|we|We|you|You|my|My|our|Our|me|us)\b")
LABEL_LINE = re.compile(r"^[A-Z][^\n:]{0,60}:[ \t]", re.M)
# A transcript gives each speaker several lines; a single "Name: ..." line is a caption or a list.
MIN_TURNS = 2


def transcript_quotes(doc: Body) -> list[tuple[int, Quote]]:
    """Return (position, quote) for the lines of a transcript that people the body names speak,
    each of them at least `MIN_TURNS` times."""
    if ": " not in doc.text and ":\t" not in doc.text:
        return []  # no label (LABEL_LINE): the line pattern need not try every line
    turns: dict[str, list[re.Match]] = {}
    # the name pattern runs only where a line opens with a short label and a colon
    for label in LABEL_LINE.finditer(doc.text):
        m = TRANSCRIPT_LINE.match(doc.text, label.start())
        if not m:
            continue
        who = m.group("who")
        if who.isupper():
            who = " ".join(word.capitalize() for word in who.split())  # "SMITH" is Smith
        person = named_person(*clean_run(who, m.start(), doc.text, doc), doc, False)
        if person and " " in person:
            turns.setdefault(person, []).append(m)
    return [(m.start(), Quote(person, m.group("text").strip(), ""))
            for person, lines in turns.items()
            if len(lines) >= MIN_TURNS and any(_spoken(m.group("text")) for m in lines)
            for m in lines]


def _spoken(text: str) -> bool:
    """Tell a line one speaks ("We will, and the polls show it") from a headline in title case
    ("Relevant Reading: How To Talk About Sexism With Your Son")."""
    words = text.split()
    capitalised = sum(1 for word in words if word[:1].isupper())
    return bool(SPOKEN.search(text)) and capitalised * 2 < len(words)


def labelled_quote(start: int, end: int, doc: Body) -> list[tuple]:
    """Return the attribution of a sentence that labels its quotation with a name, no verb."""
    m = LABEL_BEFORE.match(doc.text, start, end)
    if not m:
        tail = doc.text[start:end]
        m = LABEL_AFTER.search(tail, max(0, len(tail) - 200))
        if not m:
            return []
        at = start + m.start("who")
    else:
        at = m.start("who")
    who = m.group("who")
    speaker = named_person(*clean_run(who, at, doc.text, doc), doc, False)
    if not speaker:
        return []
    doc.salient.append((at, speaker))
    other = m.groupdict().get("other")
    if other:  # "Mark Blumenthal and Jon Cohen: “...”"
        second = named_person(*clean_run(other, m.start("other"), doc.text, doc), doc, False)
        return [(at, speaker, "", (start, end))] + ([(at, second, "", (start, end))]
                                                    if second else [])
    return [(at, speaker, "", (start, end))]
