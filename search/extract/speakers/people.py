"""Index the people a body names: fullest forms, genders, organisations, pronoun antecedents."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from search.extract.speakers.cues import (
    PAIRED_AFTER, PAIRED_BEFORE, PRONOUN_OPENING, REPORTED_BEFORE, UNFINISHED, UNNAMED_CUE,
    REPORTED_THAT, REPORTED_THAT_CHARS)
from search.extract.speakers.roles import (
    AGE_AFTER_NAME, ROLE_AFTER_NAME, ROLE_BEFORE_NAME, ROLE_NOUNS, ROLE_TITLE)
from search.extract.speakers.cuewords import CUE_WORDS
from search.extract.speakers.forms import fullest_forms
from search.extract.speakers.names import (
    COMPANY_ROLES, COUPLE, DEMONYM, FUNCTION_WORDS, GIVEN_ROLE_SHAPED, GIVEN_WORDS, INITIALS,
    KIN_BEFORE, KIN_GENDER, LOWER_WORD, NAME_RUN, NOT_GIVEN_SHAPE, OBJECT_BEFORE,
    ORGANISATION_WORDS, ROLE, TITLE_WORDS, fold, gender_of, has_title, is_person_name, name_runs,
    split_title,
)
from search.extract.speakers.things import is_thing, names_a_firm


@dataclass
class Body:
    """The masked text of a body, its quotes, and the people it names."""

    text: str = ""
    quotes: list[tuple[str, bool]] = field(default_factory=list)  # (text, unclosed)
    lower_words: set[str] = field(default_factory=set)
    known: dict[str, None] = field(default_factory=dict)  # names of two words or more, in order
    full_forms: dict[tuple[str, ...], str] = field(default_factory=dict)  # see `fullest_forms`
    titled: set[str] = field(default_factory=set)
    gender: dict[str, str] = field(default_factory=dict)
    mentions: list[tuple[int, str]] | None = None  # found when a pronoun first needs them
    salient: list[tuple[int, str]] = field(default_factory=list)  # subjects and speakers
    cleaned: dict[tuple[str, bool], tuple[str, str]] = field(default_factory=dict)
    people: dict[tuple[str, str, bool], str | None] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)  # last words of the people it names
    surname_words: set[str] = field(default_factory=set)  # the last word of each of them
    surname_places: list[int] | None = None  # where the text holds them (`surname_places`)
    namesakes: dict[str, list[str]] | None = None  # surname -> the known names ending with it
    roles: dict[str, set[str]] | None = None  # role noun -> the people the body gives it
    role_titles: list[tuple[str, str]] = field(default_factory=list)  # (titles, name) of runs
    cues: list[int] = field(default_factory=list)  # where words that may cue speech start
    cue_words: list[str] = field(default_factory=list)  # those words, in the same order
    line_ends: list[int] = field(default_factory=list)  # where each line ends, the last at len
    full_text: str = ""
    things: dict[str, bool] = field(default_factory=dict)  # names used with "the": organisations
    firms: dict[str, bool] = field(default_factory=dict)  # one-word names a company's name holds
    # unnamed speakers and their sex, found when a pronoun first needs them (`unnamed_speakers`)
    unnamed: list[tuple[int, str]] | None = None
    sentence: tuple[int, int] = (0, 0)  # starts of the sentence before and of this one
    resolved: list[str | None] = field(default_factory=list)  # speakers a pronoun or role gave
    reported: set[int] = field(default_factory=set)  # mentions that are reported words' subjects


def clean_run(run: str, start: int, text: str, doc: Body) -> tuple[str, str]:
    """Split a capitalised run into titles and name, dropping sentence-initial common words."""
    before = text[max(0, start - 3):start].rstrip(" ")
    at_start = not before or before[-1] in '.!?”"\n'
    key = (run, bool(at_start))
    if key not in doc.cleaned:
        doc.cleaned[key] = _clean_words(run, bool(at_start), doc)
    return doc.cleaned[key]


def _clean_words(run: str, at_start: bool, doc: Body) -> tuple[str, str]:
    """Split a run into titles and name as `clean_run` does, for a known sentence position."""
    titles, name = split_title(run)
    words = name.split()
    if len(words) > 1 and fold(words[0]) in COMPANY_ROLES:
        return titles, ""  # "Carmaker Ford", "Retailer Tesco": a company
    for i in range(len(words) - 3, -1, -1):
        if fold(words[i]) in ORGANISATION_WORDS:
            words = words[i + 1:]  # a credit or a body before a name: "Getty Images Kevin Vickers"
            break
    while len(words) > 1 and (fold(words[0]) in FUNCTION_WORDS
                              or DEMONYM.search(words[0]) and (len(words) > 2
                                                               or "-" in words[0])
                              or at_start and not titles and _common(words[0], doc)
                              or at_start and fold(words[0]) in CUE_WORDS  # "Continued Stone:"
                              or NOT_GIVEN_SHAPE.match(words[0]) and fold(words[0]) not in GIVEN_WORDS
                              or at_start and len(words) > 2 and ROLE.fullmatch(words[0].lower())
                              and not _given_before_initial(words)):
        dropped, words = words[0], words[1:]
        if len(words) == 1 and at_start and not titles and dropped[0].isupper() \
                and _common(dropped, doc) and _only_after(dropped, words[0], doc.full_text):
            return titles, ""  # "But Age Concern said": the tail of a name, no one's name
    if words and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]
    return titles, " ".join(words)


def _only_after(first: str, word: str, text: str) -> bool:
    """Tell whether a text writes a word only right after another: "Concern" in "Age Concern"."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not text[at - 1:at].isalnum() and not text[end:end + 1].isalnum() \
                and not text.startswith(first + " ", at - len(first) - 1):
            return False
        at = text.find(word, end)
    return True


def _given_before_initial(words: list[str]) -> bool:
    """Tell a given name shaped like a role ("Oliver", "Jennifer") by the initial after it or
    by its being a known given name: "Oliver K. Hedge" is no role word before a name."""
    return bool(INITIALS.fullmatch(words[1])) or fold(words[0]) in GIVEN_ROLE_SHAPED


def _common(word: str, doc: Body) -> bool:
    """Tell whether a capitalised word is also used as a common lower-case word."""
    bare = fold(word)
    return (bare in doc.lower_words or bare + "s" in doc.lower_words) and bare not in GIVEN_WORDS


def index_people(doc: Body, full_text: str) -> None:
    """Collect the people a body names, their fullest forms and genders, and where they occur."""
    doc.lower_words = set(LOWER_WORD.findall(full_text))
    doc.full_text = full_text
    runs, headed = [], {}
    line_ends = [m.start() for m in re.finditer("\n", full_text)] + [len(full_text)]
    for m in name_runs(full_text):
        run = m.group()
        if " " not in run:
            continue  # one word is no name to know: "The" or "But" opening a sentence, "Smith"
        titles, name = clean_run(run, m.start(), full_text, doc)
        if not is_person_name(name, doc.lower_words) or _common(name.split()[0], doc):
            continue
        runs.append((titles, name))
        if len(name.split()) > 1:
            end = line_ends[bisect_left(line_ends, m.end())]
            if UNFINISHED.search(full_text, max(m.end(), end - 2), end):
                doc.known[name] = None
            else:  # a heading's "Classy Hewitt" yields to the body's "Lleyton Hewitt"
                headed[name] = None
    doc.known.update(dict.fromkeys(name for name in headed if name not in doc.known))
    _couples(doc, full_text)
    doc.full_forms = fullest_forms(doc.known)
    for name in doc.known:
        doc.gender[name] = gender_of("", name)  # a woman's given name; honorifics fill the rest
    for titles, name in runs:
        if titles and has_title(titles):
            sex = gender_of(titles)
            full = _of_sex(name, _fullest(name, doc), sex, doc)
            doc.role_titles.append((titles, full))
            doc.titled.add(full)
            doc.gender[full] = doc.gender.get(full) or sex
    # looked for only where a kin word is (the pattern tries every place of a text without one)
    if not KIN_GENDER.keys().isdisjoint(doc.lower_words) and not all(doc.gender.values()):
        for m in KIN_BEFORE.finditer(full_text):
            run = NAME_RUN.match(full_text, m.end())
            full = _fullest(clean_run(run.group(), run.start(), full_text, doc)[1], doc)
            if doc.gender.get(full) == "":
                doc.gender[full] = KIN_GENDER[m.group().split()[0].rstrip(",").lower()]
    doc.surnames = {name.split()[-1] for name in doc.known} | doc.titled
    doc.surname_words = {name.split()[-1] for name in doc.surnames}


# The most known names each looked for after an "and" before couples are (each is a pass).
MAX_COUPLE_LOOKUPS = 64


# The most surname words whose places in a body are found before its sentences are read: each
# is a pass over the text (a line of 10,000 names has as many).
MAX_SURNAMES_PLACED = 64


def surname_places(doc: Body) -> list[int] | None:
    """Return where the masked text holds a surname word, as any part of a word, in order; None
    when the body names too many people to look for each."""
    if len(doc.surname_words) > MAX_SURNAMES_PLACED:
        return None
    places = []
    for word in doc.surname_words:
        at = doc.text.find(word)
        while at >= 0:
            places.append(at)
            at = doc.text.find(word, at + 1)
    return sorted(places)


def _couples(doc: Body, full_text: str) -> None:
    """Give the first of two given names that share a surname that surname: "Kim and Clark
    Moran received a letter" names Kim Moran, whom '"...," Kim told CTV' then stands for."""
    # a couple's second person is known: most bodies name none after an "and" (looked for when
    # they know a few names; the pattern tries every place of a text it finds nothing in)
    if len(doc.known) <= MAX_COUPLE_LOOKUPS and not any(
            f" and {name}" in full_text for name in doc.known):
        return
    surnames = {name.split()[-1] for name in doc.known}
    for m in COUPLE.finditer(full_text):
        first, second = m.group("first"), f"{m.group('given')} {m.group('surname')}"
        if second in doc.known and first not in surnames and is_person_name(
                first, doc.lower_words) and fold(first) not in TITLE_WORDS:
            doc.known[f"{first} {m.group('surname')}"] = None


def _fullest(name: str, doc: Body) -> str:
    """Return the longest name the body knows that ends with (or is) this one."""
    return doc.full_forms.get(tuple(name.split()), name)


def _index_mentions(doc: Body) -> None:
    """Collect where the masked text names people, for pronouns to point back to."""
    doc.mentions = []
    for m in name_runs(doc.text):
        run = m.group()
        if " " not in run and run not in doc.surnames or run.endswith(("'s", "’s")):
            continue  # possessives are seldom what "he said" points back to
        if OBJECT_BEFORE.search(doc.text, max(0, m.start() - 16), m.start()):
            continue  # nor are objects: "met John Smith"
        titles, name = clean_run(run, m.start(), doc.text, doc)
        if not titles and (PAIRED_BEFORE.search(doc.text, max(0, m.start() - 5), m.start())
                           or PAIRED_AFTER.match(doc.text, m.end())):
            continue  # nor is one of a pair of names (REPORTED_BEFORE)
        person = named_person(titles, name, doc, False)
        if person and (person in doc.titled or len(person.split()) > 1):
            doc.mentions.append((m.start(), person))
            if REPORTED_BEFORE.search(doc.text, max(0, m.start() - 12), m.start()) or (
                    REPORTED_THAT.search(doc.text, max(0, m.start() - 6), m.start())
                    and _cue_before(m.start() - REPORTED_THAT_CHARS, m.start(), doc)):
                doc.reported.add(m.start())


def _cue_before(start: int, end: int, doc: Body) -> bool:
    """Tell whether a word that may cue speech starts between `start` and `end`."""
    at = bisect_left(doc.cues, start)
    return at < len(doc.cues) and doc.cues[at] < end


def antecedent(pronoun: str, pos: int, doc: Body) -> str | None:
    """Return the subject, speaker or named person before `pos` that a he or she points to.

    A speaker or subject of the sentence before wins over a later mere mention; in a
    parenthetical cue (", he said") the pronoun never points to its own sentence's subject.
    """
    want = "f" if pronoun.lower() == "she" else "m"
    if doc.mentions is None:
        _index_mentions(doc)
    before = doc.text[max(0, pos - 3):pos].rstrip()[-1:]
    if before in (",", "”"):
        # after a quotation the sentence's opening subject still counts: 'Rhimes declared:
        # "...," she said' (but not in 'Blair has failed, he said', the words' own subject)
        own = next(((at, name) for at, name in doc.salient if doc.sentence[1] == at < pos
                    and doc.gender.get(name, "") in ("", want)), None) if before == "”" else None
        if own:
            return _unless_unnamed_since(own, pos, want, doc)
        pos = doc.sentence[1]
    # a mere mention of unknown sex may be "he" but not "she": most people news names are men
    unknown = {"salient": ("", want), "mention": ("", "m") if want == "m" else ("f",)}
    fits = [(start, name, kind) for kind, people in (("salient", doc.salient),
                                                     ("mention", doc.mentions))
            for start, name in people
            if start < pos and doc.gender.get(name, "") in unknown[kind]
            and (kind == "salient" or start not in doc.reported or start >= doc.sentence[1])]
    recent = [(start, name) for start, name, kind in fits
              if kind == "salient" and start >= doc.sentence[0]]
    if not recent and PRONOUN_OPENING[want].match(doc.text, doc.sentence[0]):
        # "He went on to accuse Mr Brown of ... He urged": not Brown, whom the He named
        fits = [fit for fit in fits if fit[2] == "salient" or fit[0] < doc.sentence[0]]
    if recent or not fits:
        return _unless_unnamed_since(max(recent), pos, want, doc) if recent else None
    # a speaker or subject further back wins over a mere mention older than the sentence before
    near = [(start, name) for start, name, kind in fits
            if kind == "salient" or start >= doc.sentence[0]]
    return _unless_unnamed_since(max(near or [(start, name) for start, name, _ in fits]), pos,
                                 want, doc)


def _unless_unnamed_since(found: tuple[int, str], pos: int, want: str, doc: Body) -> str | None:
    """Return the person a pronoun points to, or None when someone unnamed of its sex spoke
    after them: "Hair was dropped. The PCB official said ... He said ..." is the official's."""
    if doc.unnamed is None:  # a pass over the whole text that most bodies never need
        doc.unnamed = unnamed_speakers(doc)
    return None if any(found[0] < at < pos and sex in ("", want) for at, sex in doc.unnamed) \
        else found[1]


def nearest_namesake(name: str, person: str, pos: int, doc: Body, sex: str = "") -> str:
    """Return, for a lone surname two people of the body share, the one last salient before `pos`.

    "Dorie Greenspan ... Michael Greenspan ... Dorie Greenspan said ... Greenspan says" is
    Dorie's; the first longest name (`fullest_forms`) would make every "Greenspan" Michael.
    Only namesakes of the sex an honorific gives (`sex`) count, those known to be of it first.
    """
    if " " in name:
        return person
    if doc.namesakes is None:
        doc.namesakes = {}
        for known in doc.known:
            doc.namesakes.setdefault(known.split()[-1], []).append(known)
    fulls = [full for full in doc.namesakes.get(name, [])
             if not sex or doc.gender.get(full) in (sex, "")]
    if sex and any(doc.gender.get(full) == sex for full in fulls):  # as `_of_sex` chooses
        fulls = [full for full in fulls if doc.gender.get(full) == sex]
    if len(fulls) < 2:
        return person
    # the last of them to speak or open a sentence, not the last named: "his wife, Ivana Trump"
    said = [(at, full) for at, full in doc.salient if at < pos and full in fulls]
    return max(said)[1] if said else person


def role_person(role: str, doc: Body) -> str | None:
    """Return the one person the body gives a role ("the suspect", "the mayor"), or None."""
    if doc.roles is None:
        doc.roles = {}
        for titles, full in doc.role_titles:
            for word in titles.split():
                if fold(word) in ROLE_NOUNS:
                    doc.roles.setdefault(fold(word), set()).add(full)
        for pattern in (ROLE_BEFORE_NAME, ROLE_AFTER_NAME, ROLE_TITLE, AGE_AFTER_NAME):
            for m in pattern.finditer(doc.full_text):
                person = named_person(*clean_run(m.group("name"), m.start("name"), doc.full_text,
                                                 doc), doc, False)
                given = m.group("role") if pattern is not AGE_AFTER_NAME else \
                    f"{m.group('age')}-year-old"
                if person:
                    doc.roles.setdefault(given, set()).add(person)
    people = doc.roles.get(role, set())
    return next(iter(people)) if len(people) == 1 else None


def named_person(titles: str, name: str, doc: Body, strong: bool) -> str | None:
    """Return the fullest form of a person's name, or None when it names no known person."""
    key = (titles, name, strong)
    if key not in doc.people:
        doc.people[key] = _find_person(titles, name, doc, strong)
    return doc.people[key]


def _of_sex(name: str, full: str, sex: str, doc: Body) -> str:
    """Return the person a name after an honorific of `sex` is: its fullest form `full`, unless
    that is of the other sex ("Mr. Clinton" is not Hillary Clinton) or of no known sex while one
    namesake is of this one ("Mr Anderson" is Chris Anderson, not his daughter Zoe Anderson)."""
    if sex and doc.gender.get(full) not in (sex, "", None):
        return _namesake_of_sex(name, sex, doc)
    if sex and not doc.gender.get(full):
        same = [known for known in doc.known
                if known.endswith(" " + name) and doc.gender.get(known) == sex]
        return same[0] if len(same) == 1 else full
    return full


def _namesake_of_sex(name: str, sex: str, doc: Body) -> str:
    """Return the one known person ending with `name` whose sex is not the other, else `name`."""
    fits = [known for known in doc.known if known.endswith(" " + name)
            and doc.gender.get(known, sex) == sex or known.endswith(" " + name)
            and not doc.gender.get(known)]
    return fits[0] if len(fits) == 1 else name


def _find_person(titles: str, name: str, doc: Body, strong: bool) -> str | None:
    """Return what `named_person` returns, uncached."""
    if not is_person_name(name, doc.lower_words) and (" " in name or _fullest(name, doc) == name):
        return None  # but "Ms. May said" after "Prime Minister Theresa May" is hers
    if len(name.split()) > 1 and _common(name.split()[0], doc):
        return None  # "Big Machine", "Royal Mail": a common word opens an organisation's name
    full = _fullest(name, doc)
    if " " not in full and names_a_firm(full, doc):
        return None  # "Security Pacific said" after "Security Pacific Corp", titled or not
    if (is_thing(name, doc) or is_thing(full, doc)) and full not in doc.titled:
        return None
    sex = gender_of(titles)
    if full != name:
        full = _of_sex(name, full, sex, doc)
    titled = has_title(titles)
    if full == name and titled and " " not in name:
        # "Mr Wen" after "Wen Jiabao", "President Xi" after "Xi Jinping": the family name first
        first = [known for known in doc.known if known.split()[0] == name]
        last = first[0].split()[-1] if len(first) == 1 else ""
        # but not a run of two people's surnames: "Obama Clinton" when Hillary Clinton is known
        full = first[0] if last and last not in doc.titled and not any(
            known.endswith(" " + name) or known != first[0] and known.endswith(" " + last)
            for known in doc.known) else full
    if len(full.split()) > 1 or full in doc.titled or titled:
        return full
    if strong:
        # "Inzamam" after "Inzamam-ul Haq": the first part of a joined given name too
        given = [known for known in doc.known if known.split()[0] == full
                 or known.split()[0].split("-")[0] == full]
        # '"...," says Michael' after "her husband Michael Greenspan"
        return given[0] if len(given) == 1 else full
    return None


def unnamed_speakers(doc: Body) -> list[tuple[int, str]]:
    """Return where someone unnamed speaks, with their sex when the noun gives it: "a spokesman
    said", but not "the spokesman said" when the body names its one spokesman."""
    found = []
    for m in UNNAMED_CUE.finditer(doc.text):
        noun = m.group("noun") or m.group("noun_after")
        if noun in ROLE_NOUNS and role_person(noun, doc):
            continue
        found.append((m.end(), "f" if noun.endswith("woman") else
                      "m" if noun.endswith("man") else ""))
    return found
