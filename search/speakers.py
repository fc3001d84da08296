"""Find direct quotes and reported speech in a news body and attribute them to named people."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.documents import Quote
from search.names import (
    CAP, NAME_RUN, TITLE_WORDS, fold, fullest_form, gender_of, is_person_name, split_title,
)

# Verbs that report speech when a person is their subject: "Blinken said", "she told CNN".
SAY = (
    r"said|says|say|told|tells|added|adds|insisted|insists|argued|argues|claimed|claims|stated|"
    r"explained|explains|noted|notes|warned|warns|urged|urges|stressed|stresses|emphasi[sz]ed|"
    r"emphasi[sz]es|reaffirmed|reiterated|asserted|asserts|declared|declares|announced|"
    r"acknowledged|acknowledges|admitted|admits|confirmed|confirms|denied|denies|suggested|"
    r"suggests|predicted|predicts|replied|responded|wrote|writes|commented|remarked|observed|"
    r"conceded|recalled|revealed|cautioned|complained|vowed|pledged|promised|asked|asks|"
    r"maintained|contended|countered|pointed out|went on|continued|concluded|quipped|joked|"
    r"recounted|boasted|lamented|(?:was|is) quoted as saying|saying|believes|thinks"
)
# Verbs that may come before their subject: '"...," said Mr Burke', "according to Mr Burke".
SAY_INVERTED = (
    r"said|says|added|adds|asked|asks|explained|noted|argued|wrote|continued|insisted|warned|"
    r"concluded|according to|Said|Added|Asked"
)
ADVERB = (
    r"(?:(?:has|had|have|also|then|later|earlier|previously|again|reportedly|repeatedly|"
    r"publicly|recently|once|further|simply|only|later|first|would|will|already|had already|"
    r"recently|separately|privately|angrily|clearly)\s+)"
)
PRONOUN = r"\b(?:[Hh]e|[Ss]he)\b"
NAME = NAME_RUN.pattern
SUBJECT_CUE = re.compile(
    rf"(?P<who>{PRONOUN}|{NAME})(?P<appos>,\s+[^;“”\"]{{2,120}}?,)?\s+{ADVERB}{{0,3}}"
    rf"(?P<cue>{SAY})\b")
NOT_DESC = r"(?:that|on|in|at|to|with|for|after|before|by|about|of|as|when|while|during|was|is)\b"
INVERTED_CUE = re.compile(
    rf"(?P<cue>\b(?:{SAY_INVERTED}))\s+(?P<desc>(?:(?!{NOT_DESC})(?:{CAP}|[a-z][\w\-’']*)\s+)"
    rf"{{0,5}}?)(?P<who>{NAME})(?=\s*[,.;:!?)”\"]|\s*$|\s+(?:on|in|at|who|when|during|after|"
    rf"before|last|this|yesterday|today|from|and|of)\b)")
# Lower-case role nouns between titles and a name: "Hamas senior official Basem Naeim".
ROLE_WORD = r"(?:[a-z][a-z\-]*(?:man|woman|person|er|or|ist|ant|ent|ian|ary|ial|ior|ive|ef))"
SUBJECT = re.compile(
    rf"^(?:[^,“”\"]{{0,40}},\s+)?(?:[Tt]he\s+)?(?:(?:{CAP}|{ROLE_WORD})\s+){{0,5}}?"
    rf"(?P<who>{NAME})(?:,\s+[^“”\"]{{2,100}}?,)?,?\s+{ADVERB}{{0,2}}(?!{ROLE_WORD}\b)[a-z]")
# After a subject the reported words are about a thing, so the subject is an organisation.
ABOUT_ITSELF = re.compile(r"\s*(?:that\s+)?(?:it|its|it's|they|their)\b")
# An inverted cue with no comma or quote before it must end its sentence: "..., said MP X."
INVERTED_TAIL = re.compile(r"(?:,[^,;]*)?[.!?]?[”\"]?\s*$")
QUOTE_MARK = re.compile(r"Q(\d+)")
OPENERS = {"“": "”", '"': '"', "«": "»", "„": "“"}
ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|"
                          r"No|vs|Inc|Co|Corp|Ltd)|\b[A-Z]|\.[A-Z])\.$")
SENTENCE_END = re.compile(r"[.!?][”\"’)]?\s+(?=[A-Z“\"‘(À-Þ])")
LOCATIVE = re.compile(r"\b(?:in|at|from|to|into|near|across|of|via|outside|inside)\s+$")
WRAPPED_LINE = re.compile(r"^.{55,80}$")
SHORT_QUOTE_WORDS = 4


@dataclass
class _Doc:
    """The masked text of a body, its quotes, and the people it names."""

    text: str = ""
    quotes: list[tuple[str, bool]] = field(default_factory=list)  # (text, unclosed)
    lower_words: set[str] = field(default_factory=set)
    known: list[str] = field(default_factory=list)
    titled: set[str] = field(default_factory=set)
    gender: dict[str, str] = field(default_factory=dict)
    mentions: list[tuple[int, str]] = field(default_factory=list)
    salient: list[tuple[int, str]] = field(default_factory=list)  # subjects and speakers
    things: set[str] = field(default_factory=set)  # names used with "the": organisations


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
    while i < len(paragraph):
        char = paragraph[i]
        close = OPENERS.get(char)
        if close is None:
            out.append(char)
            i += 1
            continue
        end = paragraph.find(close, i + 1)
        inner = paragraph[i + 1:] if end < 0 else paragraph[i + 1:end]
        stop = inner.rstrip()[-1:] if inner.rstrip()[-1:] in ".,!?" else ""
        out.append(f"“Q{len(doc.quotes)}{stop}”")
        doc.quotes.append((inner.strip(), end < 0))
        i = len(paragraph) if end < 0 else end + 1
    return "".join(out)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Return the spans of the sentences of masked text, never across a paragraph."""
    spans, start = [], 0
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in SENTENCE_END.finditer(para.group()):
            if ABBREVIATION.search(para.group()[:m.start() + 1]):
                continue
            spans.append((start, para.start() + m.end()))
            start = para.start() + m.end()
        spans.append((start, para.end()))
    return [(a, b) for a, b in spans if b > a]


def _clean_run(run: str, start: int, doc: _Doc) -> tuple[str, str]:
    """Split a capitalised run into titles and name, dropping sentence-initial common words."""
    titles, name = split_title(run)
    words = name.split()
    at_start = start == 0 or re.search(r"(?:^|[.!?”\"\n]\s*)$", doc.text[max(0, start - 3):start])
    while words and (fold(words[0]) in {"the", "but", "and", "so", "yet", "then", "if"}
                     or (at_start and not titles and len(words) > 1
                         and fold(words[0]) in doc.lower_words)):
        words = words[1:]
    if words and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]
    return titles, " ".join(words)


def _index_people(doc: _Doc) -> None:
    """Collect the people the masked text names, their fullest forms, genders and places."""
    doc.lower_words = {w for w in re.findall(r"\b[a-z][a-z\-]+\b", doc.text)}
    runs = []
    for m in NAME_RUN.finditer(doc.text):
        titles, name = _clean_run(m.group(), m.start(), doc)
        if not is_person_name(name, doc.lower_words):
            continue
        before = doc.text[max(0, m.start() - 12):m.start()]
        if not titles and re.search(r"\b[Tt]he\s+$", before):
            doc.things.add(name)  # "the Netherlands", "the Happy Mondays"
        if not titles and LOCATIVE.search(before):
            continue
        runs.append((m.start(), titles, name))
        if len(name.split()) > 1 and name not in doc.known:
            doc.known.append(name)
    for start, titles, name in runs:
        full = fullest_form(name, doc.known)
        if name in doc.things or full in doc.things:
            continue
        if titles and any(fold(w) in TITLE_WORDS for w in titles.split()):
            doc.titled.add(full)
            doc.gender.setdefault(full, gender_of(titles))
        if len(full.split()) > 1 or full in doc.titled:
            doc.mentions.append((start, full))


def _antecedent(pronoun: str, pos: int, doc: _Doc) -> str | None:
    """Return the last person named before `pos` who fits the pronoun."""
    want = "f" if pronoun.lower() == "she" else "m"
    for people in (doc.salient, doc.mentions):
        for start, name in reversed(people):
            if start < pos and doc.gender.get(name, want) in (want, ""):
                return name
    return None


def _who(match: re.Match, doc: _Doc, strong: bool) -> str | None:
    """Return the person a `who` group names, or None for pronouns without antecedent."""
    who = match.group("who")
    if re.fullmatch(PRONOUN, who):
        return _antecedent(who, match.start("who"), doc)
    titles, name = _clean_run(who, match.start("who"), doc)
    return _person(titles, name, doc, strong)


def _person(titles: str, name: str, doc: _Doc, strong: bool) -> str | None:
    """Return the fullest form of a person's name, or None when it names no known person."""
    if not is_person_name(name, doc.lower_words) or name in doc.things:
        return None
    full = fullest_form(name, doc.known)
    if full in doc.things:
        return None
    titled = any(fold(w) in TITLE_WORDS for w in titles.split())
    if len(full.split()) > 1 or full in doc.titled or titled or strong:
        return full
    return None


def _attributions(start: int, end: int, doc: _Doc, quoted: bool) -> list[tuple[int, str, str]]:
    """Return (position, speaker, cue) for each speech cue with a person in a sentence."""
    found = []
    for pattern in (SUBJECT_CUE, INVERTED_CUE):
        for m in pattern.finditer(doc.text, start, end):
            if pattern is SUBJECT_CUE and ABOUT_ITSELF.match(doc.text, m.end(), end):
                continue
            if pattern is INVERTED_CUE and not _inverted_ok(m, start, end, doc):
                continue
            speaker = _who(m, doc, quoted)
            if speaker:
                found.append((m.start(), speaker, m.group("cue")))
    return sorted(found)


def _inverted_ok(m: re.Match, start: int, end: int, doc: _Doc) -> bool:
    """Tell whether a cue before a name reports that name's words, not a subject's."""
    before = doc.text[start:m.start()].rstrip()
    if not before or before[-1] in ",”\":" or before.endswith(" so"):
        return True
    return m.group("cue") != "according to" and bool(INVERTED_TAIL.match(doc.text, m.end(), end)) \
        or m.group("cue") == "according to"


def _subject(start: int, end: int, doc: _Doc) -> str | None:
    """Return the named person a sentence opens with, if it opens with one."""
    m = SUBJECT.match(doc.text[start:end])
    if not m:
        return None
    titles, name = _clean_run(m.group("who"), start + m.start("who"), doc)
    return _person(titles, name, doc, False)


def _pick(found: list[tuple[int, str, str]], pos: int) -> tuple[str, str] | None:
    """Return the attribution of a sentence nearest to a quote."""
    if not found:
        return None
    _, speaker, cue = min(found, key=lambda f: abs(f[0] - pos))
    return speaker, cue


def _quote_speaker(pos: int, n: int, span: tuple[int, int], found: list, state: dict,
                   doc: _Doc) -> tuple[str, str] | None:
    """Return (speaker, cue) for one quotation, or None when no named person says it."""
    picked = _pick(found, pos)
    if picked:
        return picked
    text = doc.quotes[n][0]
    opens_sentence = not doc.text[span[0]:pos].strip()
    if opens_sentence and state.get("previous"):
        return state["previous"], ""
    subject = _subject(span[0], span[1], doc)
    if subject and len(text.split()) >= 2:
        return subject, ""
    return None


def extract_quotes(body: str) -> list[Quote]:
    """Return the direct quotes and reported speech of a body that a named person is given.

    Args:
        body: clean article text, paragraphs separated by newlines.

    Returns:
        One `Quote` a quotation or reported statement, in the order of the text; the speaker
        is named by the fullest form the body gives, without titles.
    """
    doc = _Doc()
    doc.text = "\n".join(_mask_quotes(p, doc) for p in _paragraphs(body))
    _index_people(doc)
    quotes: list[Quote] = []
    state: dict = {}
    for start, end in _sentences(doc.text):
        subject = _subject(start, end, doc)
        if subject:
            doc.salient.append((start, subject))
        marks = [(m.start() - 1, int(m.group(1))) for m in QUOTE_MARK.finditer(doc.text, start, end)
                 if doc.text[m.start() - 1] == "“"]
        found = _attributions(start, end, doc, quoted=bool(marks))
        said, used = None, set()
        for pos, n in marks:
            picked = _quote_speaker(pos, n, (start, end), found, state, doc)
            if picked:
                quotes.append(Quote(picked[0], doc.quotes[n][0], picked[1]))
                said = picked[0]
                used.add(picked[0])
                doc.salient.append((pos, said))
        for pos, speaker, cue in found:
            if speaker not in used:
                text = QUOTE_MARK.sub(lambda m: doc.quotes[int(m.group(1))][0], doc.text[pos:end])
                quotes.append(Quote(speaker, text.strip(), cue))
                said = said or speaker
        state["previous"] = said or subject
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
        if full not in speakers:
            speakers.append(full)
    return speakers
