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
    r"recounted|boasted|lamented|(?:was|is) quoted as saying|saying|believes|thinks|reported|"
    r"accused|accuses|accusing|has written|assured"
)
# Verbs that may come before their subject: '"...," said Mr Burke', "according to Mr Burke".
SAY_INVERTED = (
    r"said|says|added|adds|asked|asks|explained|noted|argued|wrote|continued|insisted|warned|"
    r"concluded|according to|Said|Added|Asked"
)
ADVERB = (
    r"(?:(?:has|had|have|also|then|later|earlier|previously|again|reportedly|repeatedly|"
    r"publicly|recently|once|further|simply|only|first|would|will|already|"
    r"recently|separately|privately|angrily|clearly)\s+)"
)
PRONOUN = r"\b(?:[Hh]e|[Ss]he)\b"
NAME = NAME_RUN.pattern
SUBJECT_CUE = re.compile(
    rf"(?P<who>{PRONOUN}|{NAME})(?P<appos>,\s+[^;“”\"]{{2,160}}?,)?,?\s+{ADVERB}{{0,3}}"
    rf"(?P<cue>{SAY})\b")
NOT_DESC = r"(?:that|on|in|at|to|with|for|after|before|by|about|of|as|when|while|during|was|is)\b"
INVERTED_CUE = re.compile(
    rf"(?P<cue>\b(?:{SAY_INVERTED}))\s+(?P<desc>(?:(?!{NOT_DESC})(?:{CAP}|[a-z][\w\-’']*)\s+)"
    rf"{{0,5}}?)(?P<who>{NAME})(?=\s*[,.;:!?)”\"]|\s*$|\s+(?:on|in|at|who|when|during|after|"
    rf"before|last|this|yesterday|today|from|and|of)\b)")
# Lower-case role nouns between titles and a name: "Hamas senior official Basem Naeim".
ROLE_WORD = (r"(?:[a-z][a-z\-]*(?:man|woman|person|er|or|ist|ant|ent|ian|ary|ial|ior|ive|ef)|"
             + "|".join(sorted(w for w in TITLE_WORDS if w.isalpha())) + ")")
SUBJECT = re.compile(
    rf"^(?:[^,“”\"]{{0,40}},\s+)?(?:[Tt]he\s+)?(?:(?:{CAP}|{ROLE_WORD})\s+){{0,5}}?"
    rf"(?P<who>{NAME})(?:,\s+[^“”\"]{{2,100}}?,)?,?\s+{ADVERB}{{0,2}}(?!{ROLE_WORD}\b)[a-z]")
# '"...," Kurinji Selvaraj, a research analyst at the think tank told CBS News.'
AFTER_QUOTE_CUE = re.compile(
    rf"”\s*(?P<who>{NAME}),\s+[^;“”\"]{{2,160}}?\s+{ADVERB}{{0,3}}(?P<cue>{SAY})\b")
# "Brad Marchand added three assists", "McClatchy reported a loss": these cues report
# speech only when no object follows them.
OBJECT_CUES = {"added", "adds", "wrote", "writes", "reported", "denied", "denies", "announced"}
CUE_OBJECT = re.compile(r"\s+(?:a|an|the|his|her|its|their|\d[\d,.]*|one|two|three|four|five|"
                        r"claims|reports)\b")
# After a subject the reported words are about a thing, so the subject is an organisation.
ABOUT_ITSELF = re.compile(r"\s*(?:that\s+)?(?:it|its|it's|they|their)\b")
# An inverted cue with no comma or quote before it must end its sentence: "..., said MP X."
INVERTED_TAIL = re.compile(r"(?:,[^,;]*)?[.!?]?[”\"]?\s*$")
QUOTE_MARK = re.compile(r"Q(\d+)")
# Each opening mark and the marks that may close it: pages mix curly and straight quotes.
OPENER = re.compile(r"[“\"«„]")
OPENERS = {"“": re.compile(r"[”\"]"), '"': re.compile(r"[\"”]"), "«": re.compile("»"),
           "„": re.compile(r"[“”\"]")}
ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|"
                          r"No|vs|Inc|Co|Corp|Ltd)|\b[A-Z]|\.[A-Z])\.$")
SENTENCE_END = re.compile(r"[.!?][”\"’)]?\s+(?=[A-Z“\"‘(À-Þ])")
LOCATIVE = re.compile(r"\b(?:in|at|from|to|into|near|across|of|via|outside|inside|atop|"
                      r"throughout|towards|toward|beyond|around|through)\s+$")
# What a name used with "the" is followed by when it is an organisation: "The Chronicle says".
THING_AFTER = re.compile(r"\s*(?:[,.;:!?]|[a-z]+(?:s|ed)\b)")
# An article before a name, perhaps with an adjective: "the northern Sierra Nevada".
ARTICLE_BEFORE = re.compile(rf"\b(?:[Tt]he|an?)\s+(?:(?!{ROLE_WORD}\b)[a-z]+\s+)?$")
INDEFINITE_BEFORE = re.compile(r"\ban?\s+$")  # "a Go-Kart Track": a thing, not a person
LOWER_WORD = re.compile(r"\b[a-z][a-z\-]+\b")
# Words before a name that make it an object: "updated *Al Mayadeen*", "met John Smith".
OBJECT_BEFORE = re.compile(r"\b(?:[a-z]+ed|[a-z]+[^s]s|told|met|with|of|by|for|to|from|at|on|"
                           r"in|about|against|than|like|into|between|among|under)\W{0,3}$")
# Words of origin before a name: "Californian Thomas Slattery", "Sacramento-based McClatchy".
DEMONYM = re.compile(r"(?:ian|ese|ish|ean|-based|-born)$")
# Given names that are also common words, so a lower-case use does not unmake the name.
GIVEN_WORDS = {
    "will", "mark", "bill", "grant", "guy", "dean", "rose", "hope", "faith", "may", "june",
    "april", "summer", "frank", "art", "pat", "sue", "jack", "joy", "ray", "chase", "wade", "bob",
    "rich", "drew", "gene", "jean", "earl", "jay", "rob", "max", "carol", "dawn", "holly", "ivy",
    "iris", "lily", "violet", "heather", "amber", "ruby", "crystal", "don", "ken", "tom", "nick",
    "pierce", "bud", "chip", "kit", "stone", "miles", "young", "brown", "white", "black", "green",
}
# A line that does not end like a sentence is a heading or a link: "Carrie Lam says ...".
UNFINISHED = re.compile(r"[.!?:;”\"’)…]\s*$")
# A cue with nothing after it introduces what follows: 'Guy Hence says:' above a comment.
DANGLING_CUE = re.compile(r"(?:" + SAY + r")\s*:?\s*$")
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
    cleaned: dict[tuple[str, bool], tuple[str, str]] = field(default_factory=dict)
    things: set[str] = field(default_factory=set)  # names used with "the": organisations
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
            if ABBREVIATION.search(para.group()[:m.start() + 1]):
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
    while len(words) > 1 and (fold(words[0]) in {"the", "but", "and", "so", "yet", "then", "if"}
                              or DEMONYM.search(words[0]) and (len(words) > 2
                                                               or "-" in words[0])
                              or at_start and not titles and _common(words[0], doc)):
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
    runs = []
    for m in NAME_RUN.finditer(full_text):
        titles, name = _clean_run(m.group(), m.start(), full_text, doc)
        if not is_person_name(name, doc.lower_words) or _common(name.split()[0], doc):
            continue
        before = full_text[max(0, m.start() - 24):m.start()]
        if not titles and ((ARTICLE_BEFORE.search(before) or m.group().startswith("The "))
                           and THING_AFTER.match(full_text, m.end())
                           or INDEFINITE_BEFORE.search(before)):
            doc.things.add(name)  # "the Netherlands", "The San Francisco Chronicle says"
        runs.append((titles, name))
        if len(name.split()) > 1 and name not in doc.known:
            doc.known.append(name)
    for titles, name in runs:
        full = fullest_form(name, doc.known)
        if any(fold(w) in TITLE_WORDS for w in titles.split()):
            doc.titled.add(full)
            doc.gender[full] = doc.gender.get(full) or gender_of(titles)
    for m in NAME_RUN.finditer(doc.text):
        before = doc.text[max(0, m.start() - 16):m.start()]
        if m.group().endswith(("'s", "’s")) or OBJECT_BEFORE.search(before):
            continue  # possessives and objects are seldom what "he said" points back to
        person = _person(*_clean_run(m.group(), m.start(), doc.text, doc), doc, False)
        if person and (person in doc.titled or len(person.split()) > 1):
            doc.mentions.append((m.start(), person))


def _antecedent(pronoun: str, pos: int, doc: _Doc) -> str | None:
    """Return the subject, speaker or named person before `pos` that a he or she points to.

    A speaker or subject of the sentence before wins over a later mere mention; in a
    parenthetical cue (", he said") the pronoun never points to its own sentence's subject.
    """
    want = "f" if pronoun.lower() == "she" else "m"
    if doc.text[max(0, pos - 3):pos].rstrip()[-1:] in (",", "”"):
        pos = doc.sentence[1]
    fits = [(start, name) for start, name in doc.salient + doc.mentions
            if start < pos and doc.gender.get(name, want) in (want, "")]
    recent = [(start, name) for start, name in doc.salient
              if doc.sentence[0] <= start < pos and (start, name) in fits]
    return max(recent or fits)[1] if fits else None


def _who(match: re.Match, doc: _Doc, strong: bool) -> str | None:
    """Return the person a `who` group names, or None for pronouns without antecedent."""
    who = match.group("who")
    if who.lower() in ("he", "she"):
        return _antecedent(who, match.start("who"), doc)
    if LOCATIVE.search(doc.text[max(0, match.start("who") - 12):match.start("who")]):
        return None  # "scientists at Mauna Kea have confirmed"
    titles, name = _clean_run(who, match.start("who"), doc.text, doc)
    return _person(titles, name, doc, strong)


def _person(titles: str, name: str, doc: _Doc, strong: bool) -> str | None:
    """Return the fullest form of a person's name, or None when it names no known person."""
    if not is_person_name(name, doc.lower_words):
        return None
    if len(name.split()) > 1 and _common(name.split()[0], doc):
        return None  # "Big Machine", "Royal Mail": a common word opens an organisation's name
    full = fullest_form(name, doc.known)
    if (name in doc.things or full in doc.things) and full not in doc.titled:
        return None
    titled = any(fold(w) in TITLE_WORDS for w in titles.split())
    if len(full.split()) > 1 or full in doc.titled or titled or strong:
        return full
    return None


def _attributions(start: int, end: int, doc: _Doc, quoted: bool) -> list[tuple[int, str, str]]:
    """Return (position, speaker, cue) for each speech cue with a person in a sentence."""
    found = []
    for pattern in (SUBJECT_CUE, INVERTED_CUE, AFTER_QUOTE_CUE):
        for m in pattern.finditer(doc.text, start, end):
            if pattern is not INVERTED_CUE and ABOUT_ITSELF.match(doc.text, m.end(), end):
                continue
            if m.group("cue").lower() in OBJECT_CUES and CUE_OBJECT.match(doc.text, m.end(), end):
                continue
            if pattern is INVERTED_CUE and not _inverted_ok(m, start, end, doc):
                continue
            strong = quoted and "”" in doc.text[max(start, m.start() - 3):m.start() + 1]
            speaker = _who(m, doc, strong)
            if speaker:
                found.append((m.start(), speaker, m.group("cue")))
                doc.salient.append((m.start("who"), speaker))
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
    if not m or m.group("who").endswith(("'s", "’s")):
        return None  # "Mr Blair's government was ..." is about the government
    titles, name = _clean_run(m.group("who"), start + m.start("who"), doc.text, doc)
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


def _sentence_quotes(start: int, end: int, doc: _Doc, state: dict) -> list[Quote]:
    """Return the attributed quotes and reported statements of one sentence."""
    doc.sentence = (doc.sentence[1], start)
    line_end = doc.text.find("\n", start)
    finished = UNFINISHED.search(doc.text[start:line_end if line_end >= 0 else len(doc.text)])
    subject = _subject(start, end, doc) if finished else None
    if subject:
        doc.salient.append((start, subject))
    marks = [(m.start() - 1, int(m.group(1))) for m in QUOTE_MARK.finditer(doc.text, start, end)
             if doc.text[m.start() - 1] == "“"]
    found = _attributions(start, end, doc, quoted=bool(marks))
    quotes, said, used = [], None, set()
    for pos, n in marks:
        picked = _quote_speaker(pos, n, (start, end), found, state, doc)
        if picked and (finished or picked[1]):
            quotes.append(Quote(picked[0], doc.quotes[n][0], picked[1]))
            said = picked[0]
            used.add(said)
            doc.salient.append((pos, said))
    for pos, speaker, cue in found:
        said = said or speaker
        text = QUOTE_MARK.sub(lambda m: doc.quotes[int(m.group(1))][0], doc.text[pos:end]).strip()
        if speaker not in used and finished and not DANGLING_CUE.search(text):
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
    paragraphs = _paragraphs(body)
    doc.text = "\n".join(_mask_quotes(p, doc) for p in paragraphs)
    _index_people(doc, "\n".join(paragraphs))
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
        if full not in speakers:
            speakers.append(full)
    return speakers
