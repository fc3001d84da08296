"""Tell person names from titles, organisations and places, and pick each person's fullest form."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

# One capitalised word of a name: "Netanyahu", "De'Broski", "Shirazi-Beechey", "P.J.", "Mr.".
CAP = (r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Jr|Sr|Rev|Hon)\.|(?:[A-Z]\.){1,3}"
       r"|[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:['’\-][^\W\d_]+)*)")
# Lower-case words that sit inside names: "Mohammed bin Abdulrahman", "Monica de Bolle".
PARTICLE = r"(?:bin|ibn|bint|al|el|de|del|della|di|da|dos|du|van|von|der|den|la|le|ter)"
NAME_RUN = re.compile(rf"{CAP}(?:[ \t]+(?:{PARTICLE}[ \t]+)*{CAP})*")
# Words that cannot be part of a name: "I'd", "Khan-led".
NOT_NAME_WORD = re.compile(r"['’](?:[dmt]|ll|ve|re|D|M|T|LL|VE|RE)$|-[a-z]+$")
INITIALS = re.compile(r"(?:[A-Z]\.)+")
WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?")
POSSESSIVE = re.compile(r"['’]s?$")

HONORIFIC_GENDER = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m", "sheikh": "m",
    "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "dame": "f", "baroness": "f", "queen": "f",
    "princess": "f", "sister": "f",
}
# Words of a title or role that come before a name and are not part of it.
TITLE_WORDS = set(HONORIFIC_GENDER) | {
    "dr", "prof", "professor", "president", "vice", "prime", "minister", "secretary", "general",
    "secretary-general", "state", "chancellor", "senator", "sen", "rep", "representative", "gov",
    "governor", "judge", "justice", "rev", "reverend", "pope", "mayor", "ambassador", "chairman",
    "chairwoman", "chair", "director", "chief", "executive", "ceo", "cfo", "coach", "captain",
    "capt", "col", "colonel", "gen", "lt", "sgt", "commander", "admiral", "officer", "spokesman",
    "spokeswoman", "spokesperson", "leader", "deputy", "shadow", "home", "foreign", "defence",
    "defense", "interior", "finance", "health", "justice", "attorney", "mp", "mep", "msp", "rabbi",
    "imam", "cardinal", "bishop", "archbishop", "emir", "crown", "former", "acting", "sheikha",
    "speaker", "congressman", "congresswoman", "councillor", "inspector", "detective", "analyst",
    "economist", "professor", "head", "founder", "co-founder", "manager", "commissioner", "envoy",
    "lawmaker", "senior", "junior", "assistant", "associate", "supt", "superintendent", "baron",
    "earl", "duke", "duchess", "count", "countess", "sultan", "ayatollah", "president-elect",
}
# Capitalised words that mark an organisation, a place or a thing, never a person.
NOT_PERSON_WORDS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "they", "we", "i", "he", "she",
    "you", "but", "and", "or", "so", "if", "in", "on", "at", "as", "by", "for", "of", "to", "from",
    "with", "after", "before", "when", "while", "yet", "also", "then", "there", "here", "now",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "ministry", "office", "department", "council", "commission", "party",
    "government", "administration", "agency", "authority", "authorities", "committee", "court",
    "union", "association", "institute", "university", "college", "school", "bank", "group",
    "company", "corporation", "corp", "inc", "ltd", "plc", "llc", "co", "news", "times", "post",
    "journal", "press", "network", "channel", "tv", "radio", "television", "magazine", "house",
    "hall", "street", "road", "strip", "states", "kingdom", "republic", "city", "county", "state",
    "corridor", "army", "forces", "force", "police", "service", "services", "board", "foundation",
    "fund", "organisation", "organization", "movement", "brigades", "centre", "center", "club",
    "league", "federation", "team", "senate", "congress", "parliament", "assembly", "cabinet",
    "bureau", "unit", "division", "society", "trust", "media", "studio", "studios", "records",
    "reuters", "bbc", "cnn", "ap", "afp", "hamas", "hezbollah", "israel", "gaza", "egypt", "qatar",
    "iran", "iraq", "syria", "russia", "china", "america", "britain", "france", "germany", "japan",
    "india", "europe", "africa", "asia", "washington", "london", "cairo", "doha", "tehran",
    "beijing", "moscow", "paris", "ofcom", "microsoft", "google", "apple", "amazon", "facebook",
    "instagram", "twitter", "nasa", "ukraine", "pakistan", "turkey", "canada", "australia",
    "pentagon", "kremlin", "downing", "whitehall", "westminster", "commons", "lords",
    "labour", "tory", "tories", "conservatives", "democrats", "republicans", "liberal", "god",
    "sales", "operations", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "southeast", "southwest", "northeast", "northwest", "allah", "year", "christmas", "easter", "ramadan", "internet", "web", "online", "according",
    "statement", "report", "reports", "study", "survey", "data", "analysts", "experts",
    "officials", "sources", "observers", "critics", "residents", "people", "securities",
    "capital", "partners", "holdings", "chambers", "treasury", "nations", "statistics", "watch",
    "mail", "airlines", "airways", "motors", "systems", "technologies", "research", "consulting",
    "associates", "markets", "investments", "economics", "energy", "labs", "games", "software",
    "entertainment", "pictures", "music", "sports", "health", "hospital", "clinic", "museum",
    "gallery", "theatre", "theater", "festival", "awards", "prize", "cup", "championship",
}
# Adjectives of nation or party that precede a title: "Israeli Prime Minister", "US Secretary".
NATION_WORDS = {
    "us", "u.s", "u.s.", "uk", "u.k", "u.k.", "un", "u.n", "u.n.", "eu", "israeli", "palestinian",
    "american", "british", "french", "german", "russian", "chinese", "qatari", "egyptian",
    "iranian", "iraqi", "syrian", "lebanese", "saudi", "turkish", "indian", "japanese", "european",
    "ukrainian", "canadian", "australian", "irish", "scottish", "welsh", "english", "spanish",
    "italian", "dutch", "swedish", "korean", "pakistani", "afghan", "jordanian", "emirati",
    "democratic", "republican", "conservative", "labour", "tory", "national", "federal", "royal",
}


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Return a word lower-cased and stripped of end dots and possessive marks."""
    return POSSESSIVE.sub("", word).rstrip(".").casefold()


@lru_cache(maxsize=65536)
def split_title(run: str) -> tuple[str, str]:
    """Split a capitalised run into its leading titles and the name after them."""
    words = run.split()
    cut = 0
    for i, word in enumerate(words):
        if POSSESSIVE.search(word) and i < len(words) - 1:
            cut = i + 1  # "Qatar's Prime Minister ..." belongs to Qatar, not to the name
        elif fold(word) in TITLE_WORDS or fold(word) in NATION_WORDS:
            cut = i + 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def gender_of(titles: str) -> str:
    """Return "m", "f" or "" from the honorific among the titles."""
    for word in reversed(titles.split()):
        if fold(word) in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[fold(word)]
    return ""


def is_person_name(name: str, lower_words: set[str]) -> bool:
    """Tell whether a title-free capitalised run can be a person's name."""
    words = name.split()
    if not words:
        return False
    for word in words:
        bare = fold(word)
        if bare in NOT_PERSON_WORDS or bare in NATION_WORDS:
            return False
        if NOT_NAME_WORD.search(word):
            return False  # "I'd say", "the Imran Khan-led government"
        if len(bare) > 1 and word.rstrip(".").isupper() and "." not in word.rstrip("."):
            return False  # an acronym: "NATO", "BBC"
    if all(INITIALS.fullmatch(w) for w in words):
        return False  # initials alone: "C. M. says:"
    if len(words) == 1 and fold(words[0]) in lower_words:
        return False  # a common word capitalised at the start of a sentence: "Experts"
    return True


def strip_possessive(name: str) -> str:
    """Return a name without a trailing possessive mark."""
    return POSSESSIVE.sub("", name) if name.endswith(("'s", "’s", "'", "’")) else name


def fullest_form(name: str, known: list[str]) -> str:
    """Return the longest known name that ends with (or is) the given short form."""
    best = name
    parts = name.split()
    for full in known:
        words = full.split()
        if len(words) <= len(best.split()):
            continue
        if words[-len(parts):] == parts:
            best = full
    return best


def canonical_speakers(names_by_doc: dict[str, list[str]]) -> dict[str, str]:
    """Map each short name to its fullest form when the archive knows only one.

    Args:
        names_by_doc: the speakers of each document, keyed by document id.

    Returns:
        {"Netanyahu": "Benjamin Netanyahu"} for every name whose longer forms across the
        archive all agree; names with two different fuller forms are left out.
    """
    names = {n for doc in names_by_doc.values() for n in doc}
    longer: dict[str, set[str]] = defaultdict(set)
    for full in names:
        words = full.split()
        for i in range(1, len(words)):
            longer[" ".join(words[i:])].add(full)
    mapping = {}
    for short, fulls in longer.items():
        maximal = {f for f in fulls if not any(f != g and g.endswith(" " + f) for g in fulls)}
        if short in names and len(maximal) == 1:
            mapping[short] = maximal.pop()
    return mapping
