"""Find direct quotes and reported speech in a news body and attribute them to named people."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from search.cues import (
    ABBREVIATION, ABOUT_ITSELF, AFTER_QUOTE_CUE, CUE_OPENS_SPEECH, CUE_THEN_NAME, CUE_WORD,
    CUE_WORDS, DANGLING_CUE, INVERTED_CUE, INVERTED_TAIL, OBJECT_CUES, OPENER, OPENERS,
    ORGANISATION_APPOSITION, QUOTE_MARK, SAYS_ABOUT_ITSELF, SENTENCE_END, SUBJECT, SUBJECT_CUE,
    UNFINISHED, WRAPPED_LINE,
)
from search.documents import Quote
from search.names import (
    ARTICLE_BEFORE, DEMONYM, FUNCTION_WORDS, GIVEN_WORDS, INDEFINITE_BEFORE, LOCATIVE, LOWER_WORD,
    NAME_RUN, NOT_PERSON_WORDS, OBJECT_BEFORE, ROLE, THING_AFTER, fold, fullest_form,
    gender_of, has_title, is_person_name, split_title,
)


@dataclass
class _Doc:
    """The masked text of a body, its quotes, and the people it names."""

    text: str = ""
    quotes: list[tuple[str, bool]] = field(default_factory=list)  # (text, unclosed)
    lower_words: set[str] = field(default_factory=set)
    known: list[str] = field(default_factory=list)
    titled: set[str] = field(default_factory=set)
    gender: dict[str, str] = field(default_factory=dict)
    mentions: list[tuple[int, str]] | None = None  # found when a pronoun first needs them
    salient: list[tuple[int, str]] = field(default_factory=list)  # subjects and speakers
    cleaned: dict[tuple[str, bool], tuple[str, str]] = field(default_factory=dict)
    people: dict[tuple[str, str, bool], str | None] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)  # last words of the people it names
    cues: list[int] = field(default_factory=list)  # where words that may cue speech start
    full_text: str = ""
    things: dict[str, bool] = field(default_factory=dict)  # names used with "the": organisations
    sentence: tuple[int, int] = (0, 0)  # starts of the sentence before and of this one


def _paragraphs(body: str) -> list[str]:
    """Split a body into paragraphs, joining lines that mail software wrapped."""
    lines = [line.strip() for line in body.split("\n")]
    filled = [line for line in lines if line]
    if filled and sum(1 for line in filled if WRAPPED_LINE.match(line)) > 0.5 * len(filled):
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
    return filled


def _mask_quotes(paragraph: str, doc: _Doc) -> str:
    """Replace each quotation in a paragraph by a numbered mark and keep its text in `doc`."""
    out, i = [], 0
    while True:
        opener = OPENER.search(paragraph, i)
        if not opener:
            out.append(paragraph[i:])
            return "".join(out)
        out.append(paragraph[i:opener.start()])
        found = OPENERS[opener.group()].search(paragraph, opener.end())
        inner = paragraph[opener.end():found.start() if found else len(paragraph)].strip()
        stop = inner[-1:] if inner[-1:] in (".", ",", "!", "?") else ""
        out.append(f"“Q{len(doc.quotes)}{stop}”")
        doc.quotes.append((inner, found is None))
        i = found.end() if found else len(paragraph)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Return the spans of the sentences of masked text, never across a paragraph."""
    spans, start = [], 0
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in SENTENCE_END.finditer(para.group()):
            if ABBREVIATION.search(para.group(), max(0, m.start() - 8), m.start() + 1):
                continue
            spans.append((start, para.start() + m.end()))
            start = para.start() + m.end()
        spans.append((start, para.end()))
    return [(a, b) for a, b in spans if b > a]


def _clean_run(run: str, start: int, text: str, doc: _Doc) -> tuple[str, str]:
    """Split a capitalised run into titles and name, dropping sentence-initial common words."""
    before = text[max(0, start - 3):start].rstrip(" ")
    at_start = not before or before[-1] in '.!?”"\n'
    key = (run, bool(at_start))
    if key not in doc.cleaned:
        doc.cleaned[key] = _clean_words(run, bool(at_start), doc)
    return doc.cleaned[key]


def _clean_words(run: str, at_start: bool, doc: _Doc) -> tuple[str, str]:
    """Split a run into titles and name as `_clean_run` does, for a known sentence position."""
    titles, name = split_title(run)
    words = name.split()
    while len(words) > 1 and (fold(words[0]) in FUNCTION_WORDS
                              or DEMONYM.search(words[0]) and (len(words) > 2
                                                               or "-" in words[0])
                              or at_start and not titles and _common(words[0], doc)
                              or at_start and len(words) > 2 and ROLE.fullmatch(words[0].lower())):
        words = words[1:]
    if words and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]
    return titles, " ".join(words)


def _common(word: str, doc: _Doc) -> bool:
    """Tell whether a capitalised word is also used as a common lower-case word."""
    bare = fold(word)
    return (bare in doc.lower_words or bare + "s" in doc.lower_words) and bare not in GIVEN_WORDS


def _index_people(doc: _Doc, full_text: str) -> None:
    """Collect the people a body names, their fullest forms and genders, and where they occur."""
    doc.lower_words = set(LOWER_WORD.findall(full_text))
    doc.full_text = full_text
    runs = []
    for m in NAME_RUN.finditer(full_text):
        run = m.group()
        if " " not in run and (fold(run) in NOT_PERSON_WORDS or fold(run) in doc.lower_words):
            continue  # the common case, "The" or "But" opening a sentence, made cheap
        if " " not in run:
            continue
        titles, name = _clean_run(run, m.start(), full_text, doc)
        if not is_person_name(name, doc.lower_words) or _common(name.split()[0], doc):
            continue
        runs.append((titles, name))
        if len(name.split()) > 1 and name not in doc.known:
            doc.known.append(name)
    for titles, name in runs:
        if titles and has_title(titles):
            full = fullest_form(name, doc.known)
            doc.titled.add(full)
            doc.gender[full] = doc.gender.get(full) or gender_of(titles)
    for name in doc.known:
        doc.gender[name] = doc.gender.get(name) or gender_of("", name)
    doc.surnames = {name.split()[-1] for name in doc.known} | doc.titled


def _index_mentions(doc: _Doc) -> None:
    """Collect where the masked text names people, for pronouns to point back to."""
    doc.mentions = []
    for m in NAME_RUN.finditer(doc.text):
        run = m.group()
        if " " not in run and run not in doc.surnames or run.endswith(("'s", "’s")):
            continue  # possessives are seldom what "he said" points back to
        if OBJECT_BEFORE.search(doc.text, max(0, m.start() - 16), m.start()):
            continue  # nor are objects: "met John Smith"
        person = _person(*_clean_run(run, m.start(), doc.text, doc), doc, False)
        if person and (person in doc.titled or len(person.split()) > 1):
            doc.mentions.append((m.start(), person))


def _is_thing(name: str, doc: _Doc) -> bool:
    """Tell whether the body uses a name with an article, as for a thing: "the Netherlands"."""
    if name not in doc.things:
        doc.things[name] = False
        text, at = doc.full_text, doc.full_text.find(name)
        while at >= 0 and not doc.things[name]:
            before = text[max(0, at - 24):at]
            after = at + len(name)
            if text[after:after + 1].isalpha():
                pass  # part of a longer word: "Blairite"
            elif SAYS_ABOUT_ITSELF.match(text, after):
                doc.things[name] = True  # "Citigroup said it would continue to co-operate"
            elif " " in name and before.endswith(("the ", "The ")):
                doc.things[name] = True  # "the Evening Standard", "the Lib Dems"
            elif (ARTICLE_BEFORE.search(before) or before.endswith("The ")) and THING_AFTER.match(
                    text, after) or INDEFINITE_BEFORE.search(before):
                doc.things[name] = True  # "the Netherlands", "The San Francisco Chronicle says"
            at = text.find(name, after)
    return doc.things[name]


def _antecedent(pronoun: str, pos: int, doc: _Doc) -> str | None:
    """Return the subject, speaker or named person before `pos` that a he or she points to.

    A speaker or subject of the sentence before wins over a later mere mention; in a
    parenthetical cue (", he said") the pronoun never points to its own sentence's subject.
    """
    want = "f" if pronoun.lower() == "she" else "m"
    if doc.mentions is None:
        _index_mentions(doc)
    if doc.text[max(0, pos - 3):pos].rstrip()[-1:] in (",", "”"):
        pos = doc.sentence[1]
    # a mere mention of unknown sex may be "he" but not "she": most people news names are men
    unknown = {"salient": ("", want), "mention": ("", "m") if want == "m" else ("f",)}
    fits = [(start, name) for kind, people in (("salient", doc.salient), ("mention", doc.mentions))
            for start, name in people
            if start < pos and doc.gender.get(name, "") in unknown[kind]]
    recent = [(start, name) for start, name in doc.salient
              if doc.sentence[0] <= start < pos and (start, name) in fits]
    return max(recent or fits)[1] if fits else None


ENGLISH_WORDS = frozenset({"the", "and", "of", "to", "is", "that", "for", "was"})
ITS = re.compile(r"\bits\b")
# Title words after "of" that do not make the name a place: "Secretary of State Antony Blinken".
TITLE_AFTER_OF = {"State", "Defense", "Defence", "Staff", "Homeland"}


def _who(match: re.Match, doc: _Doc, strong: bool) -> str | None:
    """Return the person a `who` group names, or None for pronouns without antecedent."""
    who = match.group("who")
    if who.lower() in ("he", "she"):
        return _antecedent(who, match.start("who"), doc)
    titles, name = _clean_run(who, match.start("who"), doc.text, doc)
    if match.group("cue") != "according to" and who.split()[0] not in TITLE_AFTER_OF \
            and LOCATIVE.search(doc.text, max(0, match.start("who") - 12), match.start("who")):
        return None  # "scientists at Mauna Kea have confirmed", "under the leadership of ..."
    return _person(titles, name, doc, strong)


def _person(titles: str, name: str, doc: _Doc, strong: bool) -> str | None:
    """Return the fullest form of a person's name, or None when it names no known person."""
    key = (titles, name, strong)
    if key not in doc.people:
        doc.people[key] = _find_person(titles, name, doc, strong)
    return doc.people[key]


def _find_person(titles: str, name: str, doc: _Doc, strong: bool) -> str | None:
    """Return what `_person` returns, uncached."""
    if not is_person_name(name, doc.lower_words):
        return None
    if len(name.split()) > 1 and _common(name.split()[0], doc):
        return None  # "Big Machine", "Royal Mail": a common word opens an organisation's name
    full = fullest_form(name, doc.known)
    if (_is_thing(name, doc) or _is_thing(full, doc)) and full not in doc.titled:
        return None
    titled = has_title(titles)
    if len(full.split()) > 1 or full in doc.titled or titled or strong:
        return full
    return None


def _attributions(start: int, end: int, doc: _Doc, quoted: bool) -> list[tuple]:
    """Return (position, speaker, cue, span of words) for each cue with a person in a sentence."""
    found = []
    for pattern in (SUBJECT_CUE, INVERTED_CUE, AFTER_QUOTE_CUE):
        m = pattern.search(doc.text, start, end)
        while m:
            speaker = _cue_speaker(pattern, m, (start, end), doc, quoted)
            if speaker:
                # the words reported come before an inverted cue and after any other
                words = (start, m.start()) if pattern is INVERTED_CUE else (m.start(), end)
                found.append((m.start(), speaker, m.group("cue"), words))
                doc.salient.append((m.start("who"), speaker))
            # a rejected "who" may hide a person after it: "NPR's Feng, Li Jifeng, a doctor, wrote"
            m = pattern.search(doc.text, m.end() if speaker else m.end("who"), end)
    return sorted(found)


def _cue_speaker(pattern: re.Pattern, m: re.Match, span: tuple[int, int], doc: _Doc,
                 quoted: bool) -> str | None:
    """Return the person one cue match attributes speech to, or None."""
    start, end = span
    if pattern is not INVERTED_CUE and ABOUT_ITSELF.match(doc.text, m.end(), end):
        return None
    if m.group("cue").lower() in OBJECT_CUES and not CUE_OPENS_SPEECH.match(doc.text, m.end(), end):
        return None
    if pattern is SUBJECT_CUE and ORGANISATION_APPOSITION.match(m.group("appos") or ""):
        return None
    if pattern is INVERTED_CUE and not _inverted_ok(m, start, end, doc):
        return None
    if pattern is SUBJECT_CUE and (m.group("appos") or m.group("comma")) and CUE_THEN_NAME.match(
            doc.text, m.end()):
        return None  # "Burton, 32, of Eighth St., said Lt. Matt Harris": Harris speaks
    if pattern is SUBJECT_CUE and m.group("comma") and not m.group("appos") and not re.match(
            r".*,\s*$", doc.text[max(start, m.start() - 3):m.start()]):
        return None  # "X, said" only closes an apposition: "the director, Eva-Marie Persson, said"
    # a lone surname right after a quote is a person unless the sentence makes it a body:
    # '"...," Newcastle said in a statement on its website', '"...," said Tournament of Roses'
    strong = quoted and "”" in doc.text[max(start, m.start() - 3):m.start() + 1] \
        and not ITS.search(doc.text, m.end(), end) and not doc.text.startswith(" of ", m.end("who"))
    return _who(m, doc, strong)


def _inverted_ok(m: re.Match, start: int, end: int, doc: _Doc) -> bool:
    """Tell whether a cue before a name reports that name's words, not a subject's."""
    before = doc.text[start:m.start()].rstrip()
    if not before or before[-1] in ",”\":" or before.endswith(" so"):
        return True
    return m.group("cue") != "according to" and bool(INVERTED_TAIL.match(doc.text, m.end(), end)) \
        or m.group("cue") == "according to"


def _subject(start: int, end: int, doc: _Doc) -> str | None:
    """Return the named person a sentence opens with, if it opens with one."""
    opening = doc.text[start:min(end, start + 160)]
    if not any(surname in opening for surname in doc.surnames):
        return None  # no one the body names as a person is there: skip the slow pattern
    m = SUBJECT.match(doc.text[start:end])
    if not m or m.group("who").endswith(("'s", "’s")):
        return None  # "Mr Blair's government was ..." is about the government
    titles, name = _clean_run(m.group("who"), start + m.start("who"), doc.text, doc)
    return _person(titles, name, doc, False)


def _pick(found: list, pos: int) -> tuple[str, str] | None:
    """Return the attribution of a sentence nearest to a quote."""
    if not found:
        return None
    _, speaker, cue, _ = min(found, key=lambda f: abs(f[0] - pos))
    return speaker, cue


def _quote_speaker(pos: int, n: int, span: tuple[int, int], found: list, state: dict,
                   doc: _Doc) -> tuple[str, str] | None:
    # state: "previous" speaker of the sentence before, "subject" of this sentence
    """Return (speaker, cue) for one quotation, or None when no named person says it."""
    picked = _pick(found, pos)
    if picked:
        return picked
    text = doc.quotes[n][0]
    opens_sentence = not doc.text[span[0]:pos].strip()
    if opens_sentence and state.get("previous"):
        return state["previous"], ""
    if state.get("subject") and len(text.split()) >= 2:
        return state["subject"], ""
    return None


def _sentence_quotes(start: int, end: int, doc: _Doc, state: dict) -> list[Quote]:
    """Return the attributed quotes and reported statements of one sentence."""
    doc.sentence = (doc.sentence[1], start)
    line_end = doc.text.find("\n", start)
    finished = UNFINISHED.search(doc.text[start:line_end if line_end >= 0 else len(doc.text)])
    subject = _subject(start, end, doc) if finished else None
    state["subject"] = subject
    if subject:
        doc.salient.append((start, subject))
    marks = [(m.start() - 1, int(m.group(1))) for m in QUOTE_MARK.finditer(doc.text, start, end)
             if doc.text[m.start() - 1] == "“"]
    cue = bisect_left(doc.cues, start)
    has_cue = cue < len(doc.cues) and doc.cues[cue] < end
    found = _attributions(start, end, doc, quoted=bool(marks)) if has_cue else []
    quotes, said, used = [], None, set()
    for pos, n in marks:
        picked = _quote_speaker(pos, n, (start, end), found, state, doc)
        if picked and (finished or picked[1]):
            quotes.append(Quote(picked[0], doc.quotes[n][0], picked[1]))
            said = picked[0]
            used.add(said)
            doc.salient.append((pos, said))
    for _, speaker, cue, (a, b) in found:
        said = said or speaker
        text = QUOTE_MARK.sub(lambda m: doc.quotes[int(m.group(1))][0], doc.text[a:b]).strip(" ,")
        if speaker not in used and finished and text and not DANGLING_CUE.search(text):
            quotes.append(Quote(speaker, text, cue))
    state["previous"] = said or subject
    return quotes


def extract_quotes(body: str) -> list[Quote]:
    """Return the direct quotes and reported speech of a body that a named person is given.

    Args:
        body: clean article text, paragraphs separated by newlines.

    Returns:
        One `Quote` a quotation or reported statement, in the order of the text; the speaker
        is named by the fullest form the body gives, without titles.
    """
    doc = _Doc()
    if not OPENER.search(body) and CUE_WORDS.isdisjoint(CUE_WORD.findall(body)):
        return []
    paragraphs = _paragraphs(body)
    doc.text = "\n".join(_mask_quotes(p, doc) for p in paragraphs)
    _index_people(doc, "\n".join(paragraphs))
    if len(doc.lower_words) > 30 and len(ENGLISH_WORDS & doc.lower_words) < 3:
        return []  # the cues and titles are English; a German page's nouns are not names
    doc.cues = [m.start() for m in CUE_WORD.finditer(doc.text) if m.group() in CUE_WORDS]
    quotes: list[Quote] = []
    state: dict = {}
    for start, end in _sentences(doc.text):
        quotes.extend(_sentence_quotes(start, end, doc, state))
    return quotes


def extract_speakers(quotes: list[Quote]) -> list[str]:
    """Return the distinct speakers of the quotes, fullest form first seen, in order."""
    names: list[str] = []
    for quote in quotes:
        if quote.speaker not in names:
            names.append(quote.speaker)
    speakers: list[str] = []
    for name in names:
        full = fullest_form(name, names)
        given = [n for n in names if " " not in name and n.split()[0] == name and n != name]
        if full == name and len(given) == 1:
            full = given[0]  # '"...," Dean said' after 'said Dean Peterson'
        if full not in speakers:
            speakers.append(full)
    return speakers
