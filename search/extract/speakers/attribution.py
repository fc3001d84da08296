"""Find direct quotes and reported speech in a news body and attribute them to named people."""
from __future__ import annotations

import re
from bisect import bisect_left

from search.extract.speakers.cues import (
    ABOUT_ITSELF, ADDRESSEE_CUES, AFTER_QUOTE_CUE, ASKED_BY, ASKED_VERBS, CONTINUING_CUES,
    CUE_OPENS_SPEECH, CUE_THEN_NAME, CUE_THEN_NO_SPEECH, CUE_THEN_SPEAKER, CUE_THEN_VERB, DANGLING_CUE,
    FIRM_PAIR, TAG_AFTER_QUOTE, INVERTED_CUE, INVERTED_TAIL, INVERTED_WORDS, LINK_LINE, NAME_THEN_VERB,
    OBJECT_CUES, OBJECT_FINITE_CUES, OBJECT_PARTICIPLES, OPENER, ORGANISATION_APPOSITION,
    PARTICIPLE_CLAUSE, PARTICIPLE_OBJECT, QUOTED_AS, QUOTED_CUES, QUOTE_MARK, QUOTING_VERBS, ROLE_CUE,
    SECOND_CLAUSE, SUBJECT_CUE, SUBJECT_CUE_FROM_CLASS, SUBJECT_PARTICIPLE, TAG_BEFORE_PARTICIPLE,
    TITLE_THEN_OF, TOLD_BY, TOLD_VERBS, TWO_APOSTROPHES, UNFINISHED)
from search.extract.speakers.roles import ORGANISATION_BEFORE, PERSON_ROLE_BEFORE
from search.documents import Quote
from search.extract.speakers.coordination import (
    COORDINATION_END, JOINT_APPOSITION, coordinated_after, coordinated_before,
)
from search.extract.speakers.cuewords import cue_words
from search.extract.speakers.embeds import (
    answer_quotes, embeds_hinted, labelled_quote, transcript_quotes, tweet_quotes,
)
from search.extract.speakers.forms import speaker_forms
from search.extract.speakers.names import (
    LOCATIVE, OBJECT_BEFORE, POSSESSIVE, TITLE_WORDS, fold, gender_of,
)
from search.extract.speakers.people import (
    Body, antecedent, clean_run, index_people, named_person, nearest_namesake, role_person,
    surname_places,
)
from search.extract.speakers.quotations import (mask_quotes, reported_words, sentences,
                                                 split_paragraphs, unmasked)
from search.extract.speakers.subjects import (may_name_subject, sentence_subject,
                                              subject_after_opening)


# Words any English page uses: the cues and titles here are English, a German page's capitalised
# nouns are not names.
ENGLISH_WORDS = frozenset({"the", "and", "of", "to", "is", "that", "for", "was"})
ITS = re.compile(r"\bits\b")
# Title words after "of" that do not make the name a place: "Secretary of State Antony Blinken".
TITLE_AFTER_OF = {"State", "Defense", "Defence", "Staff", "Homeland"}


# A link line is a headline under a label: longer lines are not tested.
MAX_LINK_CHARS = 300
# The fewest words of a quotation that no cue attributes and its sentence's subject is given.
MIN_UNCUED_WORDS = 2
# Longer "sentences" are not looked at for speakers: the cue patterns search a sentence from
# each capitalised word, so a 60,000-character line of names took minutes.
MAX_SENTENCE_CHARS = 3_000
# How much of a line's end tells whether the line is finished (UNFINISHED).
LINE_TAIL_CHARS = 1_000

def _who(match: re.Match, doc: Body, strong: bool) -> str | None:
    """Return the person a `who` group names, or None for pronouns without antecedent."""
    who = match.group("who")
    if who.lower() in ("he", "she") or match.re is ROLE_CUE:
        person = antecedent(who, match.start("who"), doc) if match.re is not ROLE_CUE \
            else role_person(who, doc)
        doc.resolved.append(person)  # the filter weighs a speaker found through a pronoun
        return person
    titles, name = clean_run(who, match.start("who"), doc.text, doc)
    at = match.start("who")
    if match.group("cue") != "according to" and who.split()[0] not in TITLE_AFTER_OF \
            and LOCATIVE.search(doc.text, max(0, at - 12), at) and not (
                (title := TITLE_THEN_OF.search(doc.text, max(0, at - 40), at))
                and fold(title.group(1)) in TITLE_WORDS and name != who):
        return None  # "scientists at Mauna Kea have confirmed", "under the leadership of ..."
    if not titles and ORGANISATION_BEFORE.search(doc.text, max(0, match.start("who") - 24),
                                                 match.start("who")):
        return None  # "analyst firm Telecom View predicts", but "company CEO Andy Vesey said"
    # "U2 frontman Bono said", "rapper Drake told": a person's role makes one name a person's
    strong = strong or bool(PERSON_ROLE_BEFORE.search(
        doc.text, max(0, match.start("who") - 24), match.start("who")))
    person = named_person(titles, name, doc, strong)
    if not person:
        return None
    return nearest_namesake(name, person, match.start("who"), doc, gender_of(titles))


def _attributions(start: int, end: int, doc: Body, quoted: bool) -> list[tuple]:
    """Return (position, speaker, cue, span of words) for each cue with a person in a sentence."""
    found = []
    for pattern in (SUBJECT_CUE, INVERTED_CUE, AFTER_QUOTE_CUE, ROLE_CUE, QUOTED_AS, TOLD_BY):
        at = _earliest_match(pattern, start, end, doc)
        search = (SUBJECT_CUE_FROM_CLASS.search if pattern is SUBJECT_CUE
                  and doc.text.find("l-", at, end) < 0 else pattern.search)
        m = search(doc.text, at, end) if at >= 0 else None
        while m:
            speaker = _cue_speaker(pattern, m, (start, end), doc, quoted)
            if speaker:
                # the words reported come before an inverted cue and after any other
                words = (start, m.start()) if pattern is INVERTED_CUE else (m.start(), end)
                found.append((m.start(), speaker, m.group("cue"), words))
                doc.salient.append((m.start("who"), speaker))
                if pattern is SUBJECT_CUE and (not m.group("appos") or JOINT_APPOSITION.match(
                        m.group("appos"))):
                    found.extend((m.start(), other, m.group("cue"), words)
                                 for other in coordinated_before(start, m.start("who"), doc))
                if pattern is INVERTED_CUE:
                    found.extend((m.start(), other, m.group("cue"), words)
                                 for other in coordinated_after(m.end("who"), end, doc))
            # a rejected "who" may hide a person after it: "NPR's Feng, Li Jifeng, a doctor, wrote"
            m = search(doc.text, m.end() if speaker else m.end("who"), end)
    return sorted(found) or _tagged(start, end, doc) if quoted else sorted(found)


def _earliest_match(pattern: re.Pattern, start: int, end: int, doc: Body) -> int:
    """Return where a cue pattern's match may start at the earliest in a sentence, or -1 when
    the sentence lacks the cue it needs (a pattern tries every place of a sentence)."""
    if pattern is INVERTED_CUE:  # it opens with its cue, one of the cue words found
        for i in range(bisect_left(doc.cues, start), len(doc.cues)):
            if doc.cues[i] >= end:
                break
            if doc.cue_words[i] in INVERTED_WORDS:
                return doc.cues[i]
        return -1
    if pattern is QUOTED_AS:  # it opens with its verb
        return min((at for verb in QUOTING_VERBS if (at := doc.text.find(verb, start, end)) >= 0),
                   default=-1)
    if pattern is TOLD_BY:
        return start if any(doc.text.find(verb, start, end) >= 0 for verb in TOLD_VERBS) else -1
    return start


def _tagged(start: int, end: int, doc: Body) -> list[tuple]:
    """Return the attribution of a quotation's tag whose speaker has a long description:
    '“...,” said master of ceremonies Asab Al-Tabchi', '“...,” said Air Force 1st Lt. X'."""
    m = TAG_AFTER_QUOTE.search(doc.text, start, end)
    if not m or LOCATIVE.search(doc.text, max(0, m.start("who") - 12), m.start("who")):
        return []  # '“...,” said a spokesman for Jane Doe': she does not speak
    speaker = named_person(*clean_run(m.group("who"), m.start("who"), doc.text, doc), doc, False)
    return [(m.start(), speaker, m.group("cue"), (start, m.start()))] if speaker else []


def _participle(start: int, end: int, subject: str, doc: Body) -> list[tuple]:
    """Return the attribution of a sentence whose subject speaks in a participle after a comma."""
    m = SUBJECT_PARTICIPLE.search(doc.text, start, end)
    if not m or TAG_BEFORE_PARTICIPLE.search(doc.text, max(start, m.start() - 12), m.start()):
        return []
    if m.group("cue") in OBJECT_PARTICIPLES and _object_follows(m.end(), end, doc):
        return []  # "..., claiming the men's 800m": a win, no words
    return [(m.start("cue"), subject, m.group("cue"), (m.start("cue"), end))]


def _object_follows(at: int, end: int, doc: Body) -> bool:
    """Tell whether an object and no clause follows a cue: "claimed the individual titles",
    not "claimed the move was illegal"."""
    return bool(PARTICIPLE_OBJECT.match(doc.text, at, end)) and not PARTICIPLE_CLAUSE.match(
        doc.text, at, end)


def _cue_speaker(pattern: re.Pattern, m: re.Match, span: tuple[int, int], doc: Body,
                 quoted: bool) -> str | None:
    """Return the person one cue match attributes speech to, or None."""
    start, end = span
    itself = pattern is not INVERTED_CUE and ABOUT_ITSELF.match(doc.text, m.end(), end)
    if itself and not (itself.group().strip().startswith("the") and COORDINATION_END.search(
            doc.text, start, m.start("who"))):
        return None  # "Ford said it would", but "Carper and Cardin said they found"
    if m.group("cue").lower() in CONTINUING_CUES and CUE_THEN_VERB.match(doc.text, m.end()):
        return None
    if pattern is not INVERTED_CUE and m.group("cue").lower() in OBJECT_FINITE_CUES and \
            _object_follows(m.end(), end, doc):
        return None  # "Nadal continued his run of fine form": no words
    no_speech = CUE_THEN_NO_SPEECH.get(m.group("cue").lower())
    if no_speech and no_speech.match(doc.text, m.end()):
        return None
    # an inverted cue's object is its speaker ('"...," wrote Ann Lee for Axios'); `_inverted_ok`
    # tells the rest
    if pattern is not INVERTED_CUE and m.group("cue").lower() in OBJECT_CUES and \
            not CUE_OPENS_SPEECH.match(doc.text, m.end(), end):
        return None
    if m.group("cue").lower() in QUOTED_CUES and "“Q" not in doc.text[m.end():end]:
        return None
    if m.group("cue") == "saying" and OBJECT_BEFORE.search(
            doc.text, max(0, m.start("who") - 16), m.start("who")):
        return None  # "she often quotes Abraham Lincoln saying ...": Lincoln is an object
    if pattern is SUBJECT_CUE and not m.group("of") and ORGANISATION_APPOSITION.match(
            m.group("appos") or ""):
        return None  # "Ford, the carmaker, said", but "Schmieding of Berenberg, a bank, warned"
    if pattern is SUBJECT_CUE and not (m.group("appos") or m.group("comma")) and POSSESSIVE.search(
            m.group("who")):
        return None  # "Despite Trump's continued strength": the cue word is an adjective
    if pattern is INVERTED_CUE and not _inverted_ok(m, start, end, doc):
        return None
    if pattern is INVERTED_CUE and " " not in m.group("who") and FIRM_PAIR.match(
            doc.text, m.end("who"), end):
        return None  # "added brokers Phillips and Drew": a firm
    if pattern is SUBJECT_CUE and (m.group("appos") or m.group("comma")) and m.group(
            "cue") not in ADDRESSEE_CUES and (CUE_THEN_NAME.match(doc.text, m.end())
                                              or CUE_THEN_SPEAKER.match(doc.text, m.end())):
        return None  # "Burton, 32, of Eighth St., said Lt. Matt Harris": Harris speaks
    rel = pattern is SUBJECT_CUE and m.group("rel")
    if rel and (m.group("cue") == "say" or doc.text[start:m.start()].rstrip().endswith(",")):
        return None  # "Alan Berger, a doctor from Englewood, New Jersey, who said", "who say"
    # "was quoted as saying" is no participle: "an official, Predrag Petrovic, was quoted as saying"
    participle = m.group("cue").endswith("ing") and "quoted" not in m.group("cue")
    if pattern is SUBJECT_CUE and participle and doc.text[
            max(start, m.start() - 3):m.start()].rstrip().endswith(","):
        return None  # "his rival, Hillary Clinton, saying ...": the clause's subject says it
    if pattern is SUBJECT_CUE and m.group("comma") and not m.group("appos") and not doc.text[
            max(start, m.start() - 3):m.start()].rstrip().endswith(","):
        return None  # "X, said" only closes an apposition: "the director, Eva-Marie Persson, said"
    # a lone surname right after a quote is a person unless the sentence makes it a body:
    # '"...," Newcastle said in a statement on its website', '"...," said Tournament of Roses'
    strong = quoted and "”" in doc.text[max(start, m.start() - 3):m.start() + 1] \
        and not ITS.search(doc.text, m.end(), end) and not doc.text.startswith(" of ", m.end("who"))
    person = _who(m, doc, strong)
    if rel and person and person.split()[-1] != m.group("who").split()[-1]:
        return None  # "the daughter of ex-King Michael of Romania, who said": not Michael Ancram
    return person


def _inverted_ok(m: re.Match, start: int, end: int, doc: Body) -> bool:
    """Tell whether a cue before a name reports that name's words, not a subject's."""
    before = doc.text[start:m.start()].rstrip()
    if m.group("desc").endswith(", ") and not before.rstrip(",").endswith(("”", '"')) and \
            NAME_THEN_VERB.match(doc.text, m.end(), end):
        return False  # "His mother said her son's killer, X, had ...": X is what she said about
    if not before or before[-1] in ",”\":" or before.endswith(" so"):
        return True
    return m.group("cue") == "according to" or bool(INVERTED_TAIL.match(doc.text, m.end(), end))


def _pick(found: list, pos: int) -> tuple[str, str] | None:
    """Return the attribution of a sentence nearest to a quote."""
    if not found:
        return None
    _, speaker, cue, _ = min(found, key=lambda f: abs(f[0] - pos))
    return speaker, cue


def _quote_speaker(pos: int, n: int, span: tuple[int, int], found: list, state: dict,
                   doc: Body) -> tuple[str, str] | None:
    """Return (speaker, cue) for one quotation, or None when no named person says it."""
    # state holds the "previous" sentence's speaker and this sentence's "subject"
    picked = _pick(found, pos)
    if picked:
        return picked
    text = doc.quotes[n][0]
    cue = bisect_left(doc.cues, pos)
    if cue < len(doc.cues) and doc.cues[cue] < span[1] and not doc.text.startswith(
            "according", doc.cues[cue]):
        return None  # '“...,” Hamas said': its cue names someone, not a known person
    # the clause looked for first: the cue's pattern, anchored at the quotation, tries every
    # place of the sentence before it (a quarter of a Usenet post's attribution when it led)
    cue = SECOND_CLAUSE.search(doc.text, span[0], pos) \
        and DANGLING_CUE.search(doc.text, span[0], pos)
    if cue and SECOND_CLAUSE.search(doc.text, span[0], cue.start()):
        # "Glazer owns 28%, and the club's statement said: “...” “...”" (BBC): another clause's
        # subject speaks, so do the quotations after it (but "Auerbach went so far as to say:")
        state["unclaimed"] = True
        return None
    opens_sentence = not doc.text[span[0]:pos].strip()
    if opens_sentence and state.get("previous"):
        return state["previous"], state.get("cue", "")  # the quote goes on
    if state.get("subject") and _sayable(text):
        return state["subject"], ""
    return None


def _sayable(text: str) -> bool:
    """Tell whether a quotation with no cue can be its sentence subject's words: a clause, not a
    title or a scare-quoted phrase ("The X-Files,", "presumptive nominee", "brand building")."""
    words = text.split()
    capitalised = sum(1 for word in words if word[:1].isupper())
    return len(words) >= MIN_UNCUED_WORDS and capitalised < len(words)


def _marks(start: int, end: int, doc: Body) -> list[tuple[int, int]]:
    """Return where each quotation mark of a sentence opens, with its quotation's number."""
    if doc.text.find("“Q", max(start - 1, 0), end) < 0:
        return []  # most sentences: the mark's pattern would try every place of them
    return [(m.start() - 1, int(m.group(1))) for m in QUOTE_MARK.finditer(doc.text, start, end)
            if doc.text[m.start() - 1] == "“"]


def _sentence_quotes(start: int, end: int, doc: Body, state: dict) -> list[Quote]:
    """Return the attributed quotes and reported statements of one sentence."""
    doc.sentence = (doc.sentence[1], start)
    marks = _marks(start, end, doc)
    cue = bisect_left(doc.cues, start)
    has_cue = cue < len(doc.cues) and doc.cues[cue] < end
    if not (marks or has_cue or state["asks"] or may_name_subject(start, end, doc)):
        # most sentences: no quotation, no cue and no subject, so nothing said, no one to go on
        state.update(subject=None, pending=[], cue="", previous=None)
        return []
    # the line ends are found once: searched from each sentence, a long line took quadratic time
    line_end = doc.line_ends[bisect_left(doc.line_ends, start)]
    # The line's end decides for its last sentence (searched from each, a 60,000-character line
    # took quadratic time); the others ended as sentences do ("... On the Net: http://", l3s).
    finished = end < line_end or UNFINISHED.search(
        doc.text, max(start, line_end - LINE_TAIL_CHARS), line_end)
    subject = sentence_subject(start, end, doc) if finished else None
    state["subject"] = subject
    if subject or finished and (subject := subject_after_opening(start, end, doc)):
        doc.salient.append((start, subject))
    found = _attributions(start, end, doc, quoted=bool(marks)) if has_cue else []
    if not found and subject and has_cue:
        found = _participle(start, end, subject, doc)
    # a quotation labelled with a name needs no finished line: "“...” ― Carlos Raúl"
    labelled = bool(marks and not found and (found := labelled_quote(start, end, doc)))
    quotes, said, used = [], None, set()
    pending, state["pending"] = state.get("pending", []), []
    for pos, n in marks:
        picked = _quote_speaker(pos, n, (start, end), found, state, doc)
        if picked and (finished or picked[1] or labelled):
            if pending and found and not doc.text[start:pos].strip():
                # a quotation that runs on from the paragraph before is the same speaker's
                quotes.extend(Quote(picked[0], doc.quotes[p][0], picked[1]) for p in pending)
            quotes.append(Quote(picked[0], doc.quotes[n][0], picked[1]))
            said, state["cue"] = picked
            used.add(said)
            doc.salient.append((pos, said))
        elif not picked and doc.quotes[n][1]:
            state["pending"] = [n]  # unclosed: its speaker may be named after it runs on
        pending = []
    for _, speaker, cue, (a, b) in found:
        if not said:
            said, state["cue"] = speaker, cue
        text = reported_words(doc, a, b)
        if speaker not in used and finished and text and not DANGLING_CUE.search(text):
            quotes.append(Quote(speaker, text, cue))
    if not said:
        state["cue"] = ""
    state["previous"] = said or (None if state.pop("unclaimed", False) else subject)
    return quotes + _questions(start, end, doc) if finished and state.get("asks") else quotes


def _questions(start: int, end: int, doc: Body) -> list[Quote]:
    """Return the questions a sentence says a named person asked: "Asked by Matt Lauer whether
    she had practised, ...", "Pressed by Mr. Stephanopoulos, Mr. Trump said ..."."""
    found = []
    for m in ASKED_BY.finditer(doc.text, start, end):
        person = named_person(*clean_run(m.group("who"), m.start("who"), doc.text, doc), doc, False)
        if person:
            text = QUOTE_MARK.sub(lambda q: unmasked(doc, q), doc.text[start:end]).strip()
            found.append(Quote(person, text, "asked"))
    return found


def extract_quotes(body: str) -> list[Quote]:
    """Return the direct quotes and reported speech of a body that a named person is given.

    Args:
        body: clean article text, paragraphs separated by newlines.

    Returns:
        One `Quote` a quotation or reported statement, in the order of the text; the speaker
        is named by the fullest form the body gives, without titles.
    """
    return attributed_quotes(body, every_sentence=False)[0]


def attributed_quotes(body: str, every_sentence: bool = True) -> tuple[list[Quote], Body]:
    """Return what `extract_quotes` returns and what the rules read to find it, which the
    speaker filter's features need (`confidence.py`; the filter is off, see its docstring).
    Without `every_sentence`, the sentences after the last quotation and cue are not read: they
    can say nothing, and what they note (subjects, the sentence before) only the features read."""
    doc = Body()
    if "''" in body or "``" in body:
        body = TWO_APOSTROPHES.sub('"', body)
    if not OPENER.search(body) and not cue_words(body, first=True) and not embeds_hinted(body):
        return [], doc
    # a link to another story is its headline, not this body's speech
    paragraphs = [p for p in split_paragraphs(body)
                  if len(p) > MAX_LINK_CHARS or not LINK_LINE.match(p)]
    doc.text = "\n".join(mask_quotes(p, doc) for p in paragraphs)
    index_people(doc, "\n".join(paragraphs))
    if len(doc.lower_words) > 30 and len(ENGLISH_WORDS & doc.lower_words) < 3:
        return [], doc
    cues = cue_words(doc.text)
    doc.cues, doc.cue_words = [at for at, _ in cues], [word for _, word in cues]
    doc.line_ends = [m.start() for m in re.finditer("\n", doc.text)] + [len(doc.text)]
    doc.surname_places = surname_places(doc)
    quotes: list[Quote] = []
    # searched once: searched in each sentence, the rare "asked by" cost a tenth of the time; and
    # only where its verb is (the pattern tries every place of a text it finds nothing in)
    state: dict = {"asks": any(verb[1:] in doc.text for verb in ASKED_VERBS)
                   and bool(ASKED_BY.search(doc.text))}
    # a sentence with no mark (whose "“" may stand just before it) and no cue says nothing
    last = len(doc.text) if every_sentence or state["asks"] else max(
        doc.text.rfind("“Q") + 1, doc.cues[-1] if doc.cues else -1)
    for start, end in sentences(doc.text, last):
        if start > last:
            break
        if end - start > MAX_SENTENCE_CHARS:
            continue  # a menu or a hostile line, no sentence: its cues cost quadratic time
        quotes.extend(_sentence_quotes(start, end, doc, state))
    embedded = tweet_quotes(doc) + answer_quotes(doc) + transcript_quotes(doc)
    return quotes + [quote for _, quote in sorted(embedded, key=lambda found: found[0])], doc


def extract_speakers(quotes: list[Quote]) -> list[str]:
    """Return the distinct speakers of the quotes, fullest form first seen, in order."""
    return list(dict.fromkeys(speaker_forms([quote.speaker for quote in quotes]).values()))
