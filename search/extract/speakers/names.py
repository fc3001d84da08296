"""Tell person names from titles, organisations and places, and their sex by given names and honorifics."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

# One capitalised word of a name: "Netanyahu", "De'Broski", "Shirazi-Beechey", "P.J.", "Mr.".
# Arabic names may open with a lower-case article: "Hussain al-Shahristani", "al-Maliki".
ABBREVIATED_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col",
                      "Capt", "Sgt", "St", "Jr", "Sr", "Rev", "Hon", "Const", "Det", "Insp", "Supt",
                      "Cpl", "Pte", "Maj", "Brig", "Adm", "Cmdr", "Fr", "Del")
CAPITAL = "A-ZÀ-ÖØ-ÞĀ-Ž"
CAP = (rf"(?:(?:{'|'.join(ABBREVIATED_TITLES)})\."
       r"|(?:[A-Z]\.){1,3}|(?:al|el|Al|El)-[A-Z][^\W\d_]*"
       rf"|[{CAPITAL}][^\W\d_]*(?:['’\-][^\W\d_]+)*)")
# Lower-case words that sit inside names: "Mohammed bin Abdulrahman", "Monica de Bolle".
PARTICLE = r"(?:bin|ibn|bint|al|el|de|del|della|di|da|dos|du|van|von|der|den|la|le|ter|los|las)"
NAME_RUN = re.compile(
    rf"(?<![^\W_])(?=[{CAPITAL}]|[ae]l-[A-Z]){CAP}(?:[ \t]+(?:{PARTICLE}[ \t]+)*{CAP})*")
# NAME_RUN for a text without "l-" (no "al-" nor "el-" can open a run), written to open with
# the class of its first character: a pattern opening with a look-behind tries every place of a
# text (a third of the people's index), one opening with a class skips to the capitals. The first
# word's alternatives are CAP's, in its order, after that character (`cues` reuses this rest).
_TITLE_TAILS = "|".join(
    f"(?<={first})(?:{'|'.join(t[1:] for t in ABBREVIATED_TITLES if t[0] == first)})"
    for first in dict.fromkeys(t[0] for t in ABBREVIATED_TITLES))
NAME_AFTER_CAPITAL = (rf"(?<![^\W_].)(?:(?:{_TITLE_TAILS})\.|(?<=[A-Z])\.(?:[A-Z]\.){{0,2}}"
                      rf"|[^\W\d_]*(?:['’\-][^\W\d_]+)*)(?:[ \t]+(?:{PARTICLE}[ \t]+)*{CAP})*")
_NAME_RUN_FROM_CAPITAL = re.compile(rf"[{CAPITAL}]{NAME_AFTER_CAPITAL}")


def name_runs(text: str) -> Iterator[re.Match]:
    """Return what `NAME_RUN.finditer(text)` returns, faster where no run can open with "al-"."""
    return (NAME_RUN if "l-" in text else _NAME_RUN_FROM_CAPITAL).finditer(text)
# Words that cannot be part of a name: "I'd", "Khan-led" (but "Ban Ki-moon" can).
NOT_NAME_WORD = re.compile(r"['’](?:[dmt]|ll|ve|re|D|M|T|LL|VE|RE)$"
                           r"|-(?:led|based|era|backed|born|style|like|owned|run|funded|imposed|"
                           r"linked|aligned|controlled|made|sized|type|related|free|friendly|"
                           r"inspired|esque)$|-(?:of|the|and|in)-"
                           r"|^(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz)"
                           # but given names joined as one: "RoseAnn DeMoro", "BettyJo"
                           r"(?![A-Z][a-z]+(?:Ann|Anne|Marie|Lynn|Beth|Mae|Louise|Ellen|Jo)$)"
                           r"[A-Z][a-z]+[A-Z][a-z]")
INITIALS = re.compile(r"(?:[A-Z]\.)+")
GENERATION = re.compile(r"(?:II|III|IV|Jr\.?|Sr\.?)")
POSSESSIVE = re.compile(r"['’]s?$")

HONORIFIC_GENDER = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m", "sheikh": "m",
    "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "dame": "f", "baroness": "f", "queen": "f",
    "princess": "f", "sister": "f",
}
# Nouns of kin and roles right before a name give its sex: "his wife, Jane Doe", "Trump's eldest
# daughter, Ivanka Trump", "her husband, Milton Berg" (so "she said" does not point back to him).
KIN_GENDER = {
    "wife": "f", "daughter": "f", "mother": "f", "sister": "f", "girlfriend": "f", "widow": "f",
    "grandmother": "f", "granddaughter": "f", "aunt": "f", "niece": "f", "actress": "f",
    "spokeswoman": "f", "chairwoman": "f", "businesswoman": "f", "congresswoman": "f",
    "husband": "m", "son": "m", "father": "m", "brother": "m", "boyfriend": "m", "widower": "m",
    "grandfather": "m", "grandson": "m", "uncle": "m", "nephew": "m", "actor": "m",
    "spokesman": "m", "businessman": "m", "congressman": "m",
}
KIN_BEFORE = re.compile(rf"\b(?:{'|'.join(KIN_GENDER)}),?[ \t]+(?=[A-Z])")
# Common women's given names, so that "she said" does not point back to a man.
FEMALE_NAMES = frozenset("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia
joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah
jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy
sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
charlotte marie kayla alexis lori tessa hazel harriet yvette ruth clare claire jane louise fiona
gwyneth barbara hilary hillary condoleezza angela theresa nicola estelle margaret patricia
tanya sonia natasha yulia svetlana elena irina olga anne annette paula kate caroline penelope
carrie silvia monica sue lynne
""".split())
# Common men's given names, so that "she said" does not point back to a man either.
MALE_NAMES = frozenset("""
james john robert michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
jason jeffrey ryan gary jacob nicholas eric jonathan stephen larry justin scott brandon benjamin
samuel gregory frank raymond patrick jack dennis jerry tyler aaron henry douglas peter adam
nathan zachary walter kyle harold carl arthur gerald roger keith jeremy lawrence sean
albert joe ethan austin bruce bill bernie ben barack mike ted jeb marco andy tony nick matt marty
chris tom tim jim bob dan dave steve greg vladimir boris philip don ron ken rick fred phil rob
liam ian iain neil alan alastair gordon nigel graham colin derek trevor stuart hugh gareth
""".split())
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
    "lawmaker", "senior", "assistant", "associate", "supt", "superintendent", "baron", "fellow",
    "earl", "duke", "duchess", "count", "countess", "sultan", "ayatollah", "president-elect",
    "const", "constable", "det", "insp", "cpl", "corporal", "pte", "private", "maj", "major",
    "brig", "brigadier", "adm", "cmdr", "fr", "sergeant", "lieutenant", "trooper", "officer",
    # roles that open a sentence in sports and arts pages: "Striker Duff said", "Treasurer Peter"
    "treasurer", "premier", "skipper", "striker", "midfielder", "defender", "goalkeeper", "winger",
    "star", "singer", "actor", "actress", "producer", "writer", "author", "chef", "campaigner",
    "activist", "lawyer", "barrister", "solicitor", "consultant", "editor", "reporter", "boss",
    # descriptors of US political news: "Democrat Zephyr Teachout", "Chief of Staff Denis
    # McDonough", "Secretary of Homeland Security Jeh Johnson", "Billionaire Donald Trump"
    "democrat", "gop", "independent", "billionaire", "correspondent", "anchor", "host", "candidate",
    "nominee", "hopeful", "strategist", "pollster", "adviser", "advisor", "aide", "staffer",
    "staff", "homeland", "security", "representatives", "senators", "sheriff", "businessman",
    "businesswoman", "investigative", "treasurer", "minority", "majority", "whip", "undersecretary",
}
# Words that open sentences or stand for people without naming them.
FUNCTION_WORDS = frozenset("""
the a an this that these those it its they we i he she you but and or so if in on at as by for
of to from with after before when while yet also then there here now according although though
whereas earlier later however meanwhile despite since because still instead even only just
finally thus indeed elsewhere overall asked speaking today yesterday tonight last next every
each some many most all both neither either other another such what which who whom whose where
why how not no yes dear thanks maybe perhaps like unlike everything nothing something everyone
imagine including
""".split())
# Months that are surnames too, after a given name: "Theresa May".
CALENDAR_SURNAMES = frozenset({"may", "march", "june", "august", "april"})
# Men's given names seen before such surnames, as FEMALE_NAMES are women's.
GIVEN_NAMES_OF_MEN = frozenset("brian james john david michael peter paul robert".split())
# Common words that are surnames too, after a common given name: "Rep. Steve Israel", "Adam
# West", "Michael Every", "Christopher House", "Robert Major" (PolNeAR, GGT), "Liam Fox", "Mike German" (BBC).
WORD_SURNAMES = frozenset("""
israel washington london paris north south east west house every guardian major duke king bishop
marshal fox german
""".split())
# Two given names that share the surname after them: "Kim and Clark Moran".
COUPLE = re.compile(
    r"\b(?P<first>[A-Z][a-z]+) and (?P<given>[A-Z][a-z]+) (?P<surname>[A-Z][a-z][\w'’\-]*)\b")
# Days, months and feasts: "Wed Mar 6" in a forwarded mail's header.
CALENDAR_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december mon tue wed thu fri sat sun jan feb mar apr
jun jul aug sep sept oct nov dec year christmas easter ramadan
""".split())
# Places and compass words: "the northern Sierra Nevada", "Southeast Asian".
PLACE_WORDS = frozenset("""
street road strip states kingdom republic city county state corridor israel gaza egypt qatar
iran iraq syria russia china america britain france germany japan india europe africa asia
washington london cairo doha tehran beijing moscow paris ukraine pakistan turkey canada
australia downing whitehall westminster north south east west northern southern eastern
western southeast southwest northeast northwest avenue boulevard square puerto los las fort
""".split())
# What a company is, before its name: "Carmaker Ford said" names a company, never a person "Carmaker
# Ford" (a known miss on kept-back aeb pages).
COMPANY_ROLES = frozenset("""
carmaker automaker chipmaker drugmaker steelmaker planemaker phonemaker retailer supermarket
lender insurer reinsurer airline manufacturer distributor refiner conglomerate telecoms bank
""".split())
# Words that end a company's name in wire copy: "Cardinal Industries said", "Hawkeye Bancorp".
COMPANY_ENDINGS = frozenset("""
industries properties resources petroleum brands foods chemical chemicals mining mines minerals
metals enterprises communications electronics pharmaceuticals laboratories bancorp savings
financial insurance realty exploration shipping utilities semiconductors instruments products
manufacturing textiles spa
""".split())
# Words of organisations, outlets and groups: "Migration Watch says", "Royal Mail"; words ending a
# company's name in wire copy ("Cardinal Industries said"); bodies in the plural ("the Agriculture
# and Commerce Departments said"); a title's department ("Chancellor of the Exchequer Gordon Brown").
ORGANISATION_WORDS = frozenset("""
international societies daily digest weekly monthly review charity
jazeera aljazeera mayadeen arabiya axios haaretz ynet wafa anadolu xinhua tass sputnik bloomberg
guardian telegraph independent politico cbs nbc abc fox sky upi dpa efe irna
al-qaeda al-qaida al-shabab al-jazeera al-aqsa al-arabiya al-mayadeen
ministry office department council commission party government administration agency authority
authorities committee court union association institute university college school bank group
company corporation corp inc ltd plc llc co news times post journal press network channel tv
radio television magazine house army forces force police service services board
foundation fund organisation organization movement brigades centre center club league
federation team senate congress parliament assembly cabinet bureau unit division society trust
media studio studios records reuters bbc cnn ap afp hamas hezbollah ofcom microsoft google
apple amazon facebook instagram twitter nasa pentagon kremlin commons lords labour tory tories
conservatives democrats republicans liberal god sales operations allah internet web online
statement report reports study survey data analysts experts officials sources observers
critics residents people securities capital partners holdings chambers treasury nations
statistics watch mail airlines airways motors systems technologies research consulting
associates markets investments economics energy labs games software entertainment pictures
music sports health hospital clinic museum gallery theatre theater festival awards prize cup
championship agreement partnership enforcement principles matter affairs images
award rovers athletic wanderers albion
departments ministries agencies companies corporations councils commissions committees
institutes universities colleges unions associations groups funds boards bureaus divisions
networks newspapers foundations federations organisations organizations governments
administrations exchequer trade industry commerce agriculture transport environment tourism
""".split()) | COMPANY_ENDINGS
# Banks, brokers, firms and clubs named like people, as business and sports pages quote them:
# "Goldman Sachs said in a note", '"...," Morgan Stanley said', "Real Madrid said".
ORGANISATION_NAMES = frozenset("""
goldman sachs|morgan stanley|wells fargo|merrill lynch|credit suisse|dow jones|raymond james|
edward jones|charles schwab|lehman brothers|bear stearns|standard chartered|keefe bruyette|
stifel nicolaus|piper sandler|piper jaffray|sanford bernstein|evercore isi|fitch ratings|
deutsche bank|jp morgan|j.p morgan|jefferies|kantar worldpanel|thomson reuters|
eli lilly|lockheed martin|northrop grumman|
philip morris|kraft heinz|rolls royce|rolls-royce|aston martin|alfa romeo|mercedes benz|
mercedes-benz|land rover|harley davidson|harley-davidson|hugo boss|louis vuitton|
christian dior|estee lauder|warner bros|hewlett packard|hewlett-packard|
manchester united|manchester city|real madrid|atletico madrid|aston villa|crystal palace|
west ham|tottenham hotspur|inter milan|ac milan|bayern munich|borussia dortmund|
paris saint-germain|red bull|toro rosso|force india|red sox|white sox|blue jays
""".replace("\n", "").split("|"))
ORGANISATION_FIRST_WORDS = frozenset(name.split()[0] for name in ORGANISATION_NAMES)
# Verbs of a headline written in title case: "Hollande Says Trump ..." is no one's name.
HEADLINE_VERBS = frozenset("says said tells warns slams calls asks urges".split())
# Shapes of a capitalised word that opens a sentence and is no given name: "Using Ted Cruz",
# "Floridians Jeb Bush", "Celebrities Julianne Moore".
NOT_GIVEN_SHAPE = re.compile(r"^[A-Z][a-z]+(?:ing|ians|ors|ives|ies|ists)$")
# Capitalised words that mark an organisation, a place or a thing, never a person.
NOT_PERSON_WORDS = FUNCTION_WORDS | CALENDAR_WORDS | PLACE_WORDS | ORGANISATION_WORDS
# Adjectives of nation or party that precede a title: "Israeli Prime Minister", "US Secretary".
NATION_WORDS = {
    "us", "u.s", "u.s.", "uk", "u.k", "u.k.", "un", "u.n", "u.n.", "eu", "israeli", "palestinian",
    "american", "british", "french", "german", "russian", "chinese", "qatari", "egyptian",
    "iranian", "iraqi", "syrian", "lebanese", "saudi", "turkish", "indian", "japanese", "european",
    "ukrainian", "canadian", "australian", "irish", "scottish", "welsh", "english", "spanish",
    "italian", "dutch", "swedish", "korean", "pakistani", "afghan", "jordanian", "emirati",
    "democratic", "republican", "conservative", "labour", "tory", "national", "federal", "royal",
    # a British party in short: "Fellow Lib Dem Norman Baker said" (bbc-news)
    "lib", "dem", "dems",
}

# Nation words that are acronyms, and so a name's word when not in capitals: "Kim Jong Un".
NATION_ACRONYMS = frozenset({"us", "uk", "un", "eu"})
# Lower-case role nouns between titles and a name: "Hamas senior official Basem Naeim".
ROLE_WORD = (r"(?:[a-z][a-z\-]*(?:man|woman|person|er|or|ist|ant|ent|ian|ary|ial|ior|ive|ef)|"
             r"home|foreign|shadow|head|deputy|coach|former|acting|vice|state|general|mp|mep|"
             r"host|star|boss|envoy|justice|judge|rabbi|imam|pope|chair|centre|chief)")
ROLE = re.compile(ROLE_WORD)
LOCATIVE = re.compile(r"\b(?:in|at|from|to|into|near|across|of|via|outside|inside|atop|"
                      r"throughout|towards|toward|beyond|around|through|"
                      # nor for whom one speaks: "Doug Andres, a spokesman for Paul Ryan told"
                      r"for|with|against|behind)\s+$")
# What only a company has, after its name: "Tesla shares rose", "Samsung's profits", "Nike
# stores", "Ryanair, which flies"; a name with no fuller form followed by these is a company's.
OWNED_BY_COMPANY = re.compile(
    r",\s+which\b|(?:['’]s)?\s+(?:shares|stock|profits?|revenues?|sales|customers|employees|"
    r"website|app|products|stores|devices|factory|factories|plants?|subsidiary|brand|"
    r"headquarters|earnings|investors|shareholders|share\s+price)\b")
# A listed company in wire copy: a stock ticker after its name, perhaps after "Inc" or "Corp",
# or the name in angle brackets: "Atlantic Richfield <ARC>", "Greenery Rehabilitation Group Inc
# <GRGI.O>", "<Agusta Spa>" (Reuters-21578); "Tesla Inc (TSLA.O)", "Ford (NYSE: F)". A bare
# "(D)" after a senator's name is a party, not a ticker.
LEGAL_FORMS = r"(?:Group|Holdings?|Inc|Corp|Co|Cos|Ltd|Plc|PLC|LP|SA|AG|NV|SpA|Spa)\b"
LISTED_AFTER = re.compile(
    rf"(?:\s+{LEGAL_FORMS}\.?)*(?:['’]s)?"
    r"\s*(?:<[A-Z][A-Za-z0-9.]{0,9}>|\((?:[A-Z]+:\s*[A-Z.]{1,8}|[A-Z]{1,5}\.[A-Z]{1,2})\))")
# The rest of a company's name after one of its words, up to its legal form or the word of its
# trade: "Security Pacific Corp", "Anchor Glass Container Corp", "Dun and Bradstreet Corp",
# "Dillon, Read and Co Inc", "Hawkeye Bancorp" (Reuters-21578). A word the text writes so is a
# company's, though a title word before it ("Security", "Anchor", "Mr.") made it look a person's.
FIRM_AFTER = re.compile(
    r"(?:,?[ \t]+(?:(?:and|&)[ \t]+)?[A-Z][\w'’.\-]*){0,3}?,?[ \t]+(?:(?:and|&)[ \t]+)?"
    rf"(?:{LEGAL_FORMS}|(?:{'|'.join(sorted(w.capitalize() for w in COMPANY_ENDINGS))})\b)")
# Nouns of outlets, banks and institutes right before or after a one-word name make it theirs:
# "the government daily Izvestia said", "news agency, Yonhap, said", "the Ifo economic
# institute said" (Reuters-21578). Not "paper", "firm", "company": "the firm Smith said had
# failed" names a speaker.
OUTLET_NOUN = r"(?:daily|weekly|newspaper|agency|magazine|journal|broadcaster|institute|bank)"
OUTLET_NOUN_BEFORE = re.compile(rf"\b{OUTLET_NOUN}(?P<comma>,?)[ \t]+$")
# After the name an adjective may come between ("economic institute"), no verb: "Loh said bank
# rates would fall" is Loh Hoon Sun's.
OUTLET_NOUN_AFTER = re.compile(rf"(?:[ \t]+[a-z]+(?:ic|al|an|ese|ish))?[ \t]+{OUTLET_NOUN}\b")
# A verb on its own "its" after a name: "Redmond quickly changed its mind" (Microsoft, l3s).
ACTS_ON_ITS_OWN = re.compile(r"\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\s+its\b")
# What a name used with "the" is followed by when it is an organisation: "The Chronicle says".
THING_AFTER = re.compile(r"\s*(?:[,.;:!?]|[a-z]+(?:s|ed)\b)")
# An article before a name, perhaps with an adjective: "the northern Sierra Nevada".
ARTICLE_BEFORE = re.compile(rf"\b(?:[Tt]he|an?)\s+(?:(?!{ROLE_WORD}\b)[a-z]+\s+)?$")
INDEFINITE_BEFORE = re.compile(r"\ban?\s+$")  # "a Go-Kart Track": a thing, not a person
LOWER_WORD = re.compile(r"[a-z](?<!\w[a-z])[a-z\-]+\b")  # \b[a-z]... opening with its class
# Words before a name that make it an object: "updated *Al Mayadeen*", "met John Smith".
OBJECT_BEFORE = re.compile(r"\b(?:[a-z]+ed|[a-z]+[^s]s|told|met|with|of|by|for|to|from|at|on|"
                           r"in|about|against|than|like|into|between|among|under)\W{0,3}$")
# Words of origin before a name: "Californian Thomas Slattery", "Sacramento-based McClatchy".
DEMONYM = re.compile(r"(?:ian|ese|ish|ean|-based|-born)$")
# Given names shaped like role nouns ("-er", "-or"), so a name that opens a sentence keeps them.
GIVEN_ROLE_SHAPED = frozenset("""
peter christopher oliver walter alexander roger jennifer esther heather victor hector trevor
taylor tyler homer luther oscar spencer connor conor parker xavier jasper chester lester
mary hilary
""".split())
# Given names that are also common words, so a lower-case use does not unmake the name.
GIVEN_WORDS = {
    "will", "mark", "bill", "grant", "guy", "dean", "rose", "hope", "faith", "may", "june",
    "april", "summer", "frank", "art", "pat", "sue", "jack", "joy", "ray", "chase", "wade", "bob",
    "rich", "drew", "gene", "jean", "earl", "jay", "rob", "max", "carol", "dawn", "holly", "ivy",
    "iris", "lily", "violet", "heather", "amber", "ruby", "crystal", "don", "ken", "tom", "nick",
    "pierce", "bud", "chip", "kit", "stone", "miles", "young", "brown", "white", "black", "green",
}


# A person's name has at most this many words; a longer run of capitalised words is none.
MAX_NAME_WORDS = 12


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
        if i and words[i + 1:] and all(GENERATION.fullmatch(w) for w in words[i + 1:]):
            break  # "Martin Luther King Jr.": a title word before a generation is a surname
        if _word_surname(words, i):
            break  # "Robert Major": a title word after a given name is the surname
        if POSSESSIVE.search(word) and i < len(words) - 1:
            cut = i + 1  # "Qatar's Prime Minister ..." belongs to Qatar, not to the name
        elif word in TITLE_ABBREVIATIONS or fold(word) in TITLE_WORDS \
                or fold(word) in NATION_WORDS and (fold(word) not in NATION_ACRONYMS
                                                   or not word.istitle()) or (
                    "-" in word and all(part in TITLE_WORDS for part in fold(word).split("-"))):
            cut = i + 1  # "Secretary-Treasurer" as well as "Secretary"
    return " ".join(words[:cut]), " ".join(words[cut:])


def _word_surname(words: list[str], i: int) -> bool:
    """Tell whether the i-th word of two ends them as a surname that is also a common word."""
    return i == 1 and len(words) == 2 and fold(words[1]) in WORD_SURNAMES and (
        fold(words[0]) in FEMALE_NAMES or fold(words[0]) in MALE_NAMES)


# Titles whose folded form is a particle of names: "Del. Stacey Plaskett" (a delegate to the US
# House), but "Guillermo del Toro".
TITLE_ABBREVIATIONS = frozenset({"Del."})
# Title words that only qualify a title: "Former Olympic champion X" has no title of its own.
TITLE_ADJECTIVES = {
    "former", "acting", "deputy", "senior", "junior", "shadow", "home", "foreign", "vice", "chief",
    "head", "executive", "associate", "assistant", "crown", "state", "general", "fellow",
}


def has_title(titles: str) -> bool:
    """Tell whether the titles before a name hold a title of its own, not of a possessor."""
    words = titles.split()
    own = [w for i, w in enumerate(words) if not any(POSSESSIVE.search(v) for v in words[i:])]
    return any(w in TITLE_ABBREVIATIONS
               or fold(w) in TITLE_WORDS and fold(w) not in TITLE_ADJECTIVES for w in own)


def gender_of(titles: str, name: str = "") -> str:
    """Return "m", "f" or "" from the honorific among the titles or a common given name."""
    for word in reversed(titles.split()):
        if fold(word) in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[fold(word)]
    words = name.split()
    if len(words) < 2:
        return ""
    return "f" if fold(words[0]) in FEMALE_NAMES else "m" if fold(words[0]) in MALE_NAMES else ""


def is_person_name(name: str, lower_words: set[str]) -> bool:
    """Tell whether a title-free capitalised run can be a person's name."""
    words = name.split()
    # a common word capitalised at the start of a sentence: "Experts"
    return _person_shaped(name) and not (len(words) == 1 and fold(words[0]) in lower_words)


@lru_cache(maxsize=65536)
def _person_shaped(name: str) -> bool:
    """Tell whether a run can be a person's name, whatever words the body uses."""
    words = name.split()
    if not words:
        return False
    for i, word in enumerate(words):
        bare = fold(word)
        if GENERATION.fullmatch(word) or i and (word.islower() or i < len(words) - 1
                                                 and INITIALS.fullmatch(word)):
            continue  # "Charles Elliott Jr.", "María de los Ángeles", "Amanda A. Kostro Miller", "James A. Lewis"
        if i and i == len(words) - 1 and bare in CALENDAR_SURNAMES and (
                fold(words[0]) in FEMALE_NAMES or fold(words[0]) in GIVEN_NAMES_OF_MEN):
            continue  # "Theresa May", "Brian May"
        if _word_surname(words, i):
            continue  # "Steve Israel", "Michael Every"
        if bare in NATION_ACRONYMS and not word.isupper():
            continue  # "Kim Jong Un", not the UN
        if bare in NOT_PERSON_WORDS or bare in NATION_WORDS or bare in HEADLINE_VERBS:
            return False
        if NOT_NAME_WORD.search(word):
            return False  # "I'd say", "the Imran Khan-led government", "WorldCom"
        if len(bare) > 1 and word.rstrip(".").isupper() and "." not in word.rstrip("."):
            return False  # an acronym: "NATO", "BBC"
    if all(INITIALS.fullmatch(w) for w in words):
        return False  # initials alone: "C. M. says:"
    return len(words) > 2 or fold(words[0]) not in ORGANISATION_FIRST_WORDS \
        or " ".join(map(fold, words)) not in ORGANISATION_NAMES
