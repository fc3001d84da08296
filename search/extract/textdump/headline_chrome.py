"""What stands where a headline may but is none: calls to action, buttons, the facts of a
product, job or question page, a wire's or desk's byline and a photo's credit, an author's role,
a table of contents' heading (by their words), and a menu, table row, list of tags or breadcrumb
in one line (by their shape; `not_headline` tells them all).

How a headline is told among the lines that are left is `headline.py`'s; the chrome families of
a whole page are `chrome.py`'s.
"""
from __future__ import annotations

import re

from search.extract.textdump.chrome import AUTHOR_LINE, CONSENT, TOOLS_TAIL, family

__all__ = ["BREADCRUMB_SEPARATOR", "CALL_TO_ACTION", "CREDIT_LINE", "GLUED_CHROME", "NOT_HEADLINE",
           "ROLE_LINE", "SECTION_PREFIX", "TOC_HEADING", "is_byline", "not_headline"]

# A menu's links in one line; a <title> line has two or three parts.
MENU_SEPARATORS = re.compile(r"\s[-–|·•]\s")
BREADCRUMB_SEPARATOR = re.compile(r"\s(?:/|>>?|»|›)\s")  # ">>": "Site >> News >> Gulf"
# A line of short facts apart by middle dots: "Free · Offers In-App Purchases".
DOT_SEPARATORS = re.compile(r"\s[·•]\s")
BYLINE_SENTENCE_WORDS = 5  # words after "By"/"Von" that make a line with a small word a sentence
NAME_PARTICLES = {"de", "van", "von", "der", "and", "und"}  # AUTHOR_LINE's small words of names

# Lines that are never a headline though they may stand where one does: calls to action of
# product pages ("Book a Demo Log In", "Start free trial"), buttons and widget labels
# ("Text kopieren", "Télécharger l'article", "S’abonner dès 1€", "Shout ... a coffee").
NOT_HEADLINE = family(
    r"(?:book|request|get|schedule) a (?:free )?demo\b.{0,60}$",
    r"(?:start|begin|get) (?:your |a )?(?:free )?trial\b.{0,60}$",
    r"(?:try (?:it |us )?(?:for )?free|free trial|get started|start now|sign ?up|log ?in|sign in|"
    r"subscribe|buy now|shop now|order now|learn more|contact (?:us|sales)|talk to sales|"
    r"download(?: now| the app)?|text kopieren|link kopieren|télécharger|s[’']abonner|abonnieren|"
    r"jetzt (?:abonnieren|testen|kaufen|bestellen|anmelden|registrieren)|cerrar|suscr[ií]bete|"
    r"mediadaten|erschienen am|accept(?: all)?(?: cookies)?|alle akzeptieren)\b.{0,60}$",
    # a shop's and a job page's buttons: "Add to cart", "Buy it now", "Apply for this job"
    r"(?:add to (?:cart|bag|basket|wishlist)|buy it now|in den warenkorb|ajouter au panier|"
    r"añadir al carrito|apply (?:now|today|for this (?:job|position|role))|jetzt bewerben|"
    r"postuler|view (?:job|role|position|all jobs))\b.{0,40}$",
    # a review's shop buttons: "Check price at BestBuy", "View at Amazon", "See all deals"
    r"(?:check|see|view|compare) (?:the )?(?:latest |today[’']s )?(?:prices?|deals?)\b.{0,30}$",
    r"(?:view|see|buy|shop|check) (?:it |now )?(?:at|on|from) \S+(?:\s\S+)?\s*$",
    r"(?:shout|buy) .{1,40} a coffee$",
    # a landing page's social proof and the small print under its button: "Trusted by 4,000+
    # teams", "No credit card required · Free for teams up to 5"
    r"(?:trusted|used|loved|chosen) by (?:over |more than )?[\d,.]+\s?[kmb]?\+?\s[^:;]{0,30}$",
    r"no credit card(?: required| needed)?\b.{0,60}$",
    # a newsletter's link to its web copy: "View this email in your browser"
    r"(?:view|read|open|see) (?:this )?(?:e-?mail|newsletter|issue|message) (?:in|on|as) "
    r"(?:your |a |the )?(?:browser|web(?: ?page| version)?|online)\b.{0,20}$",
    # a cookie banner's line, not a headline about cookies ("... to end third-party cookies")
    r"cookies?\b.{0,60}$", rf"(?=.*\bcookies?\b)(?=.*\b{CONSENT}\b).{{0,200}}$",
    # a link to the comments: "Ver comentarios", "View all 12 comments", "Kommentare anzeigen"
    r"(?:view|see|show|read|ver|voir|afficher|leer)\s+(?:all\s+|todos\s+los\s+|les\s+)?"
    r"(?:\d+\s+)?(?:comments?|comentarios|commentaires)\b.{0,20}$", r"kommentare anzeigen$",
    # "Compartir en Facebook ...", "Share this article", not "Share prices fall"
    r"(?:compartir|partager|share|teilen|condividi)(?:\s+(?:on|this|via|en|sur|auf|su|per|it|"
    r"article|story|post|page|link|artikel|beitrag|l[’']article)\b.{0,60})?\W*$",
    # "Main menu", "Menü öffnen", "Primäres Menü Springe zum Inhalt"; not "Restaurant menu
    # prices rise"
    r"(?=(?:\S+\s*){1,3}$).*\bmen[uü]\b", r"(?=.*\bmen[uü]\b).{0,60}\b(?:skip|springe|jump)\b",
    # a file's name: "CSD-Parade.jpg", a code host's "README.md"
    r"\S+\.(?:jpe?g|png|gif|webp|svg|pdf|md|rst|txt|docx?|zip)$",
    # an encyclopedia's tagline under its title
    r"(?:from wikipedia|aus wikipedia|de wikip[ée]dia|da wikipedia)\b.{0,40}$",
    # a question page's counters: "Asked 6 years, 2 months ago", "Viewed 48k times"
    r"(?:asked|modified|active|answered|edited|viewed)\s+(?:\d+|an?|one|today|yesterday)\b.{0,40}$",
    # a wiki's or a docs page's "Last edited 3 days ago", "Zuletzt bearbeitet vor 2 Tagen"
    r"(?:last|zuletzt)\s+(?:edited|updated|modified|changed|reviewed|bearbeitet|aktualisiert|"
    r"geändert)\b.{0,40}$",
    r"(?:über mich|über uns|wir über uns|about me|à propos|seite \d+)\b.{0,40}$",
    # the buttons of an article's tools: "Large font", "View larger image", "Show more sharing
    # options", an icon's name read as text ("chevron_left Browse All Posts")
    r"(?:large|larger|normal|small|smaller|bigger|default) (?:font|text)(?: size)?$",
    r"(?:increase|decrease|reduce|enlarge) (?:the )?(?:text|font)(?: size)?\b.{0,10}$",
    r"view (?:larger|large|bigger|full[- ]size) (?:image|photo|picture|version)\b.{0,20}$",
    r"(?:show|hide) (?:more |all )?sharing options\b.{0,20}$",
    r"(?:chevron|arrow|keyboard_arrow|navigate|expand)_\w+\b.{0,60}$",
    # a server's error in the page (a notice to turn JavaScript on is chrome: chrome.py)
    r"(?:strict standards|warning|notice|deprecated|fatal error|parse error)\s*:.{0,300}"
    r"\bon line \d+\s*$",
    # a list of tags, a sign-up for alerts, an advert's offer, a call for readers' photos
    r"tags?\s*:\s*\S.{0,200}$", r"(?:\S+\s){0,4}(?:e-?mail|news) alerts?\s*$",
    r"get (?:a |an |up to |your )?(?:[£$€]\s?\d[\d,.]*|\d+\s?%|free)\b.{0,60}"
    r"\b(?:bonus|bets?|chips|off|discount|credit)\b.{0,60}$",
    r"send us your\b.{0,40}$",
    # an advert's offer after its brand ("Play BingoLiner – Get £10 free no deposit required")
    r"(?:\S+\s){1,4}[-–|]\s(?:get|claim|win) (?:[£$€]\s?\d[\d,.]*|\d+\s?%)\s.{0,60}$",
    # a day and time with no year ("Fri 18 Jan, 11:45 AM"): a date badge, no headline
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?[0-3]?\d(?:st|nd|rd|th|\.)?\s+"
    r"[^\W\d]{3,9}\.?,?\s+\d\d?[:.]\d\d\b.{0,12}$",
    # a site's address ("brisbanetimes.com.au"), a breadcrumb's link with its separator
    r"(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|co|de|uk|"
    r"au|ch|at|fr|it|es|nl|tv|io|gov|edu|ca|in|nz|za)/?$", r".{1,60}\s(?:>|»|›)\s*$")

# The buttons of a product's, an app's or a shop's page and of a consent banner, in the languages
# of the pages: a line made of one or more of them ("Book a call Log in", "Essayer gratuitement Se
# connecter") is no headline. Whole lines only: "Watch the video" is a button, "Watch the video
# of the landing" a headline. Each phrase is a few fixed words, so the repeat cannot backtrack.
CTA_PHRASES = (
    r"(?:request|get|ask for) (?:early )?access", r"join (?:the )?wait(?:ing ?)?list",
    r"try [\w.-]++(?: [\w.-]++)? (?:for )?free",  # "Try Orbit free", "Try Slack for free"
    r"watch (?:the )?(?:video|demo|trailer)", r"watch now", r"talk to (?:an? )?(?:expert|human)",
    r"(?:see|view|compare) (?:our )?(?:pricing|plans)", r"pricing", r"plans and pricing",
    r"get (?:the )?app", r"open (?:in )?(?:the )?app", r"install(?: now| (?:the )?app)?",
    r"create (?:(?:a|an|your) )?(?:free )?account",
    r"continue with (?:google|apple|facebook|email)",
    r"reject all(?: cookies)?", r"(?:cookie|privacy) (?:settings|preferences)",
    r"manage (?:cookies|preferences|consent)", r"we value your privacy",
    r"read (?:the )?(?:story|article|full story|post)", r"load more",
    r"(?:see|view|show) (?:all|more)",
    r"explore(?: now| (?:our )?products| more)?", r"start (?:building|now|here|for free)",
    r"get (?:a )?(?:quote|estimate)", r"get in touch", r"(?:schedule|book) (?:a )?(?:call|meeting)",
    r"book now", r"reserve (?:a )?table", r"sign up free", r"free sign ?up",
    r"(?:jetzt )?kostenlos (?:testen|registrieren|anmelden)", r"demo (?:anfordern|vereinbaren)",
    r"einloggen", r"registrieren", r"mehr erfahren", r"essayer gratuitement",
    r"se connecter", r"s[’']inscrire", r"(?:demander|réserver) une démo", r"en savoir plus",
    r"iniciar sesión", r"reg[ií]strate", r"prueba(?:lo)? gratis",
    r"(?:solicitar|pedir) (?:una )?demo",
    r"accedi", r"registrati", r"prova gratis", r"inloggen", r"aanmelden", r"gratis proberen",
    r"(?:log ?in|sign ?in|sign ?up|get started|contact (?:us|sales)|learn more|try (?:it )?free)",
)
CALL_TO_ACTION = re.compile(
    r"(?:(?:" + "|".join(CTA_PHRASES) + r")(?:\s*+[|·•/–-]?\s*+))++$", re.I)

# A byline of a wire or a desk, a photo's credit: the header's, never the headline: "BUFFALO, New
# York (AFP)", "From correspondents in Karachi", "Detroit News wire services", "Derrik J. Lang,
# THE ASSOCIATED PRESS", "Jo Parr @jparr", "Lindsey Hilsum International Editor", "APA/Georg
# Hochmuth", "(Jacquelyn Martin / Associated Press)".
CREDIT_LINE = family(
    r".{0,60}\((?:ap|afp|reuters|dpa|pti|ians|upi|ansa|efe|xinhua|aap|sid|kna|epd|apa)\)\s*$",
    r"(?:from )?(?:our )?(?:own )?correspondents? in\b.{0,60}$",
    r"(?:[\w.'’ -]{0,40}\s)?(?:wire|news) services\s*$", r"(?:.{0,60},\s*)?(?:the )?"
    r"(?:associated press|agence france-presse|press association)\s*$",
    r"(?:[\w.'’-]+\s){1,4}@\w{2,30}\s*$",
    r"(?-i:(?:[A-ZÀ-Ý][\w.'’-]+\s){2,3}(?:(?:Senior|Chief|International|Political|Foreign|"
    r"Economics|Science|Business|Sports?|Staff|Deputy|Managing|Digital)\s){0,2}"
    r"(?:Editor|Correspondent|Reporter|Writer|Columnist))\s*$",
    r"(?-i:[A-Z]{2,6}(?:/[A-Z][\w .'-]{1,30}){1,3})$",
    r"\([^()]{2,60}\s/\s[^()]{2,40}\)\s*$")

# Inside a line, what marks it as no headline: an ISO timestamp of a post's metadata
# ("MoritzMeyer2020-09-18T14:37:41+02:00September 18th, 2020|Journalismus"); breadcrumbs glued
# without separators, a word with two capitals inside it after small letters ("Business
# JargonsBusinessLeadership Styles"; "McDonald", "YouTube" have one). A photo's credit glued
# to its caption makes the line a caption: chrome.CAPTIONS.
GLUED_CHROME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d"
                          r"|[a-zà-ÿ]{2,}[A-ZÀ-Ý][a-zà-ÿ]+[A-ZÀ-Ý][a-zà-ÿ]{2,}")

# A section's name before the headline, set off by " : " or " | ": "Eintracht Presse : Eintracht
# Frankfurt stellt Weichen für die Zukunft", "Blog | ..." (a kicker keeps its colon: "Libre
# cours : Raoult, les nazis et moi" names no section).
SECTION_PREFIX = re.compile(
    r"^(?P<section>(?:[^\W\d][\w'’.-]*\s){0,2}(?:news|presse|press|nachrichten|aktuell(?:es)?|"
    r"blog|magazin|actualités?|noticias|notizie|newsroom))\s[:|]\s(?=\S)", re.I)

# The heading of a page's table of contents: its entries are the article's section headings.
TOC_HEADING = family(r"(?:table of )?contents\s*:?$", r"on this page\s*:?$", r"in this article\s*:?$",
                     r"inhalt(?:sverzeichnis)?\s*:?$", r"auf dieser seite\s*:?$",
                     r"sommaire\s*:?$", r"dans cet article\s*:?$", r"[íi]ndice\s*:?$",
                     r"contenido\s*:?$", r"en esta página\s*:?$")
# An author's role under the name: "Owner at Kowalski Bakehouse", "Redakteurin bei Lohnwerk".
ROLE_LINE = re.compile(r"^(?:[^\W\d][\w.&'’-]*\s){1,4}(?:at|@|bei|chez|en)\s(?:\S+\s){0,4}\S+$",
                       re.I)


def not_headline(text: str, raw: str | None = None) -> bool:
    """Return True for a line that stands where a headline may but is none: a call to action, a
    table row, a list of tags, a breadcrumb or a line of figures and dates.

    `raw` is the line as the dump has it (cells of a table row apart by tabs).
    """
    if (text.endswith(",") or NOT_HEADLINE.match(text) or CREDIT_LINE.match(text)
            or GLUED_CHROME.search(text) or CALL_TO_ACTION.match(text)):
        return True
    tools = TOOLS_TAIL.search(raw) if raw is not None and "|" in raw else None
    if raw is not None and "\t" in (raw[:tools.start()] if tools else raw).strip():
        return True  # cells apart by tabs; not "Headline\t| Print |\tE-mail"
    items = text.split(",")
    if len(items) >= 3 and all(len(re.findall(r"\w+", item)) <= 3 for item in items):
        return True  # "Homophobie, Homosexualität, Gewalt, Islam"
    if len(BREADCRUMB_SEPARATOR.findall(text)) >= 2:
        return True  # "Home / Essays / 2017 / Aggression"
    links = MENU_SEPARATORS.split(text)
    if len(links) >= 4 and all(len(link.split()) <= 3 for link in links):
        return True  # "Einleitung - Baumgutachten - Fortbildung - Baumbeschreibungen"
    facts = DOT_SEPARATORS.split(text)
    if len(facts) >= 2 and all(len(fact.split()) <= 3 for fact in facts):
        return True  # "Free · Offers In-App Purchases", "Engineering · 6 min read"
    letters = sum(1 for c in text if c.isalpha())
    return letters < 0.5 * len(text.replace(" ", ""))  # "10 .12 .19", "1. 11. 2023 | 14:02"


def is_byline(text: str) -> bool:
    """Return True for a byline ("Von Heiko Sauer", "By Jo Parr | 3 min"), not a headline that
    opens like one and goes on as a sentence: "Von Youtube-Netzwerken lernen: Ein ..." (a
    small word in the name or right after it, more words, and no figure)."""
    match = AUTHOR_LINE.match(text)
    if not match:
        return False
    name = match.group("name").split()
    words = name + text[match.end():].split()
    small = [w for w in words[1:len(name) + 1] if w[0].islower() and w not in NAME_PARTICLES]
    return not (small and len(words) >= BYLINE_SENTENCE_WORDS
                and not any(c.isdigit() for c in text[match.start("name"):]))
