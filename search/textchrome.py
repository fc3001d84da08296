"""Chrome of web pages saved as browser text dumps: the phrase families a line classifier removes.

Each constant is one family. Lines are matched after stripping, case-insensitively. A pattern that
ends in `$` must cover the whole line; the others need only start it.
"""
from __future__ import annotations

import re


def _family(*patterns: str) -> re.Pattern:
    """Compile alternatives that each must match from the start of a line."""
    return re.compile(r"^(?:" + "|".join(patterns) + r")", re.I)


SKIP_LINKS = _family(r"skip to (?:main )?(?:content|navigation|search)", r"jump to\b", r"zurück zur (?:übersicht|startseite)\b",
                     r"zum inhalt", r"ir al contenido", r"aller au contenu")

# One- or two-word navigation, menu and widget labels.
NAV_WORDS = _family(
    r"(?:home|news|more|menu|main menu|search|back|explore|features|sections|topics|close|next|"
    r"previous|prev|top|back to (?:the )?top|english|deutsch|español|français|navigation|"
    r"startseite|suche|mehr|zurück|weiter|next post|previous post|older posts?|newer posts?|"
    r"nächster beitrag|vorheriger beitrag|nächster artikel|vorheriger artikel|"
    r"article suivant|article précédent|entrada siguiente|entrada anterior|inicio|buscar|accueil|rechercher|advanced|"
    r"advertisement|anzeige|werbung|sponsored|ad|ads|rss|rss feed|contact|contact us|about|"
    r"about us|impressum|datenschutz|privacy|privacy policy|terms of use|cookie policy|sitemap|"
    r"site map|kontakt|newsletter|archive|archiv|tags?|categories|kategorien|loading\.*)\s*:?$")

ACCOUNT = _family(
    r"(?:account info|my account|log ?in|log ?out|sign ?in|sign ?up|sign out|register|"
    r"anmelden|abmelden|registrieren|mein konto|create (?:an )?account|forgot (?:your )?password)"
    r"\b.{0,60}$")

READ_TIME = _family(r"[·•|\s]*\d+\s*(?:min(?:ute)?s?|minuten)\.?\s*(?:read|lesezeit|lesen)?$",
                    r"[·•|\s]*(?:reading time|lesezeit|lesedauer)\b.{0,30}$",
                    r"[·•|\s]*\d+\s*min(?:ute)?s? read\b.{0,30}$")

# View, vote, like, share and comment counters; lone numbers and "+0".
COUNTERS = _family(
    r"[+\-]?[\d.,]+\s*[km]?$", r"\d\d?:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?|uhr|h)?$",
    r"[\d.,]+\s*[km]?\s*(?:views?|votes?|likes?|shares?|comments?|kommentare?|reads?|"
    r"aufrufe|antworten|replies|reactions?|followers?)\s*$",
    r"\(?\d+ votes?\)?$", r"like it\?$", r"see original$", r"report(?: abuse| this)?$",
    r"comment$", r"reply$", r"antworten$", r"adjust font size:?.*$", r"font size:?.*$")

SHARE = _family(
    r"(?:share|share this(?: article| story| post)?|share on \w+|tweet|facebook|twitter|x|"
    r"email|e-mail|print|print this|whatsapp|pinterest|linkedin|reddit|telegram|xing|flipboard|"
    r"digg(?: this)?|del\.icio\.us|teilen|drucken|twittern|copy link|link kopieren|"
    r"youtube|instagram|tumblr|mail|pocket|save|bookmark|messenger|sms)\s*:?$",
    r"share (?:this|on|via)\b.{0,40}$", r"click to (?:share|email|print|tweet)\b.{0,60}$",
    r"follow (?:us )?(?:on|at)\b.{0,30}$", r"beitrag teilen", r"artikel teilen", r"partager\b.{0,30}$",
    r"compartir\b.{0,30}$", r"(?:facebook|twitter|email|print)(?:\s+\w+){0,3}$")

# Headings that open a block of links to other pages; a page's article ends there.
RELATED_HEADINGS = _family(
    r"(?:related(?: articles?| news| stories| posts| content| links| topics)?|"
    r"relevant articles|latest(?: articles| news| posts| stories)?|more like this|"
    r"more (?:from|on|stories|news|articles)\b.{0,40}|see also|also read|read (?:more|next|also)|"
    r"you may also like|you might also like|recommended(?: for you| stories)?|"
    r"most (?:popular|read|viewed|shared)|trending(?: now)?|top stories|must read\b.{0,30}|"
    r"story timeline|further reading|"
    r"mehr zum thema|lesen sie auch|das könnte sie auch interessieren|weitere artikel|"
    r"ähnliche (?:beiträge|artikel)|verwandte (?:beiträge|artikel)|auch interessant|"
    r"você pode gostar|veja também|leia também|relacionad[oa]s|"
    r"meistgelesen|beliebte beiträge|neueste beiträge|letzte beiträge|"
    r"notas relacionadas|vea también|ver también|lea también|te puede interesar|"
    r"artikel zum thema|neueste artikel|weitere informationen|das könnte dich auch interessieren|"
    r"pour approfondir|sur le même sujet|dans la même rubrique|"
    r"artículos relacionados|noticias relacionadas|articles similaires|à lire aussi)\s*(?::|\.\.\.|…)?$")

# Short headings of sidebars and link lists, by their key words ("Latest Apple Headlines").
LIST_HEADINGS = re.compile(
    r"^(?=.{0,50}$)(?:.*\b(?:headlines|trending|most (?:popular|read|commented|shared|viewed)|"
    r"related|recommended|"
    r"featured|next up|on our radar|don't miss|editor's picks|picks for you|also on|more from|"
    r"more great|top stories|top news|latest (?:news|stories|features|posts|articles|videos)|"
    r"in other news|popular (?:posts|stories|articles)|beliebt|meistgelesen|empfehlungen)\b.*)$",
    re.I)

# Links into other stories that sit inside the article ("See also  Four weeks of war ...").
INLINE_LINKS = _family(r"see also\s+\S", r"read more:\s*\S", r"read also:\s*\S",
                       r"also read:\s*\S", r"related:\s*\S", r"lesen sie auch:\s*\S",
                       r"mehr zum thema:\s*\S", r"more:\s+\S", r"watch:\s+\S", r"listen:\s+\S")

SUBSCRIBE = _family(
    r"discover more from\b", r"subscribe\b", r"sign up\b", r"continue reading\b",
    r"get (?:our|the) newsletter", r"newsletter\b.{0,60}$", r"join (?:our|the)\b.{0,60}$",
    r"follow us\b", r"jetzt abonnieren", r"abonnieren\b", r"download (?:the|our) app\b")

COMMENTS = _family(
    r"leave a (?:reply|comment)", r"post a comment", r"add (?:a )?comment", r"comments?\s*:?$",
    r"\d+\s*(?:comments?|responses?|replies|kommentare?|antworten)\b.{0,120}$",
    r"\S+(?: \S+){0,3} (?:says|said|schreibt|sagt|disse|dice|dit)\s*:$",  # a comment's signature, r"no comments\b",
    r"sign in to (?:post a )?comment", r"your email address will not be published",
    r"deine e-mail-adresse wird nicht veröffentlicht", r"ihre e-mail-adresse wird nicht",
    r"kommentar (?:schreiben|verfassen|hinterlassen)", r"kommentare?\s*:?$",
    r"schreibe einen kommentar", r"be the first to comment", r"view comments",
    r"join the (?:conversation|discussion)", r"required fields are marked",
    r"pingback\b", r"trackback\b", r"para comentar\b", r"laisser un commentaire",
    r"please enable javascript to view", r"no comments yet")

COOKIES = _family(r"(?:this (?:web)?site|we) uses? cookies", r"cookie", r"accept(?: all)?$",
                  r"i agree$", r"ok$", r"got it$", r"diese (?:web)?seite verwendet cookies",
                  r"wir verwenden cookies", r"akzeptieren$")

DISCLAIMERS = _family(r"disclaimer\b", r"powered by\b.{0,60}$", r"all content is licensed",
                      r"proudly powered by", r"theme by\b", r"designed by\b.{0,60}$",
                      r"this (?:article|post) (?:may )?contains? affiliate links",
                      r"we may (?:earn|receive) (?:a|an) (?:small )?(?:affiliate )?commission",
                      r"haftungsausschluss\b", r"all rights reserved",
                      r"(?:©|\(c\)|copyright)\s", r"alle rechte vorbehalten")

CAPTIONS = _family(r"\d+\s*of\s*\d+\S",  # gallery captions: "1of4Grass Valley's ..."
                   r"(?:photo|image|picture|foto|bild|credit|source|quelle)s?\s*(?:credit)?\s*:",
                   r"\(?(?:photo|image|picture) (?:by|courtesy|credit)\b",
                   r".{0,60}\((?:foto|photo|bild|bildquelle|image|quelle|source|credit)s?\s*:",
                   r".{0,80}\b(?:symbolbild|symbolfoto|bildquelle|fotocredit|photocredits?)\b",
                   r"(?:vergrößern|enlarge|zoom)\b",
                   r".{0,80}\b(?:getty images|afp|reuters|ap photo|dpa|shutterstock|istock)"
                   r"(?:/[\w ]+)?\)?$")

# Reporting credits at the foot of an article.
CREDITS = _family(r".{0,120}\bcontributed (?:reporting|to this (?:report|article))",
                  r"\(?(?:reporting|additional reporting|writing|editing) by\b",
                  r"\(?edited by\b.{0,80}$", r"\(?compiled by\b.{0,80}$")

# Bylines and date labels ("Published on" with its date missing, "By Jane Doe | May 2, 2024").
BYLINES = _family(
    r"(?:published|posted|updated|last updated|veröffentlicht|aktualisiert|erstellt|publicado|"
    r"publié|by|von|written by|posted by|autor|author)\b(?:\s+(?:on|am|at|by|le|el))?\s*:?\s*$",
    r"(?:published|posted|updated|last updated|veröffentlicht|aktualisiert|publicado|publié)"
    r"(?:\s+(?:on|am|at|le|el))?\s*:?\s*.{0,40}\d.{0,30}$",
    r"(?:posted|gepostet|veröffentlicht|geschrieben|erschienen|publié|publicado) (?:von|by|par|por)"
    r"\b.{0,80}$",
    r"(?:by|von|posted by|written by)\s+[A-ZÀ-Ý][\w'.-]+(?:\s+[\w'.-]+){0,3}\s*(?:[|,·•-].{0,60})?$")

CHROME_FAMILIES = (SKIP_LINKS, BYLINES, LIST_HEADINGS, NAV_WORDS, ACCOUNT, READ_TIME, COUNTERS, SHARE, RELATED_HEADINGS,
                   INLINE_LINKS, SUBSCRIBE, COMMENTS, COOKIES, DISCLAIMERS, CAPTIONS, CREDITS)
# Families that end the article when they follow enough of it.
TERMINAL_FAMILIES = (RELATED_HEADINGS, LIST_HEADINGS, COMMENTS, SUBSCRIBE)
# Families after which nothing is the article's, however long: readers' comments.
CUT_FAMILIES = (COMMENTS,)

# Teasers of other stories are cut off with an ellipsis.
TEASER = re.compile(r"(?:\.\.\.|…)\s*(?:\]|\))?\s*(?:read more|more|weiterlesen)?\s*$", re.I)
URL_LINE = re.compile(r"^(?:https?://|www\.|mailto:)\S*$", re.I)
# Breadcrumbs and menus run their links together: "Home > News > Politics", "Home | Contact".
MENU_LINE = re.compile(r"^(?:[^|>»/•·]{1,40}\s*[|>»•·]\s*){2,}[^|>»•·]{0,40}$")

# Cues naming the outlet, best first; group "name" is the outlet.
OUTLET_CUES = [
    re.compile(r"^discover more from\s+(?P<name>.{2,60}?)\s*$", re.I),
    re.compile(r"\b(?i:is offered by)\s+(?P<name>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,4})"),
    re.compile(r"^(?i:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+)?"
               r"(?P<name>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,4})"),
]
# Words that end a company name but not an outlet's ("Moomoo Technologies Inc.").
CORPORATE_SUFFIX = re.compile(
    r"(?:[\s,]+(?:inc|ltd|llc|limited|corp|corporation|gmbh|ag|plc|co|technologies|holdings|"
    r"all|the)\.?)+$", re.I)
AUTHOR_LINE = re.compile(r"^(?:by|von|par|por)\s+(?P<name>[A-ZÀ-Ý][\w'.-]+(?:\s+(?:[A-ZÀ-Ý]"
                         r"[\w'.-]+|de|van|von|der|and|und)){0,4})", re.I)
