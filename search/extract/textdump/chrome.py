"""Chrome of web pages saved as browser text dumps: the phrase families a line classifier removes.

Each constant is one family. Lines are matched after stripping, case-insensitively. A pattern that
ends in `$` must cover the whole line; the others need only start it.

Every line of every dump is tried against every family, so an alternative that scans a line for a
word opens, where it can, with a lookahead for something it cannot match without (`(?=[^:]*:)`, a
colon; `(?=.*cookie)`): one quick pass rules out most lines, where the scan tried every word.
"""
from __future__ import annotations

import re


def family(*patterns: str) -> re.Pattern:
    """Compile alternatives that each must match from the start of a line."""
    return re.compile(r"^(?:" + "|".join(patterns) + r")", re.I)


SKIP_LINKS = family(r"skip to (?:main )?(?:content|navigation|search)", r"jump to\b",
                    r"zurück zur (?:übersicht|startseite|vorherigen seite)\b", r"zum inhalt",
                    r"ir al contenido", r"aller au contenu")

# One- or two-word navigation, menu and widget labels.
NAV_WORDS = family(
    r"(?:home|news|more|menu|main menu|menü öffnen|menü schließen|open menu|close menu|search|"
    r"back|explore|features|sections|topics|close|next|"
    r"previous|prev|top|back to (?:the )?top|english|deutsch|español|français|navigation|"
    r"startseite|suche|mehr|zurück|weiter|next post|previous post|older posts?|newer posts?|"
    r"nächster beitrag|vorheriger beitrag|nächster artikel|vorheriger artikel|"
    r"article suivant|article précédent|entrada siguiente|entrada anterior|inicio|buscar|"
    r"accueil|rechercher|advanced|"
    r"advertisement|anzeige|werbung|sponsored|ad|ads|rss|rss feed|contact|contact us|about|"
    r"about us|impressum|datenschutz|privacy|privacy policy|terms of use|cookie policy|sitemap|"
    r"site map|kontakt|newsletter|archive|archiv|tags?|categories|kategorien|loading\.*)\s*:?$")

ACCOUNT = family(
    r"(?:account info|my account|log ?in|log ?out|sign ?in|sign ?up|sign out|register|"
    r"anmelden|abmelden|registrieren|mein konto|create (?:an )?account|forgot (?:your )?password)"
    r"\b.{0,60}$")

READ_TIME = family(r"\d+\s*min(?:ute)?s?\b.{0,20}\b\d+\s*(?:words|wörter)\s*$",
                   r"[·•|\s]*\d+\s*(?:min(?:ute)?s?|minuten)\.?\s*(?:read|lesezeit|lesen)?$",
                   r"[·•|\s]*(?:reading time|lesezeit|lesedauer)\b.{0,30}$",
                   r"[·•|\s]*\d+\s*min(?:ute)?s? read\b.{0,30}$")

# View, vote, like, share and comment counters; lone numbers and "+0".
COUNTERS = family(
    r"[+\-]?[\d.,]+\s*[km]?$", r"\d\d?[/.-]\d\d?[/.-]\d{2,4}\b.{0,30}$",  # 1/10/2008, 3:50 a.m.
    r"\d\d?:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?|uhr|h)?$",
    r"[\d.,]+\s*[km]?\s*(?:views?|votes?|likes?|shares?|comments?|kommentare?|reads?|"
    r"aufrufe|antworten|replies|reactions?|followers?)\s*$",
    r"\(?\d+ votes?\)?$", r"like it\?$", r"see original$",
    r"report(?: abuse| this(?: article| post| story| comment)?)?$",
    r"comment$", r"reply$", r"antworten$", r"adjust font size:?.*$", r"font size:?.*$",
    # relative times: "1 minute ago", "Updated 3 hours ago", "vor 2 Stunden"
    r"(?:updated|posted|published|aktualisiert)?\s*(?:\d+|an?|one)\s+(?:sec(?:ond)?|min(?:ute)?|"
    r"hour|hr|day|week|month|year)s?\s+ago\.?$",
    r"(?:aktualisiert\s+)?vor\s+(?:\d+|einer?|einem)\s+(?:sekunden?|minuten?|stunden?|tag(?:en)?|"
    r"wochen?|monat(?:en)?|jahr(?:en)?)$")

# An article's tools glued after its headline by a CMS: "'Heavy losses' in Sri Lanka clashes |
# Print | E-mail" (a Joomla article's header, 2007).
# Searched from a pipe, each run of spaces taken once: linear on a line of 60,000 spaces.
TOOLS_TAIL = re.compile(r"\|\s*+(?:print|e-?mail|pdf|drucken|imprimer|imprimir)"
                        r"(?:\s*+\|\s*+(?:print|e-?mail|pdf|drucken|imprimer|imprimir))*\s*+$", re.I)

SHARE = family(
    r"(?:share|share this(?: article| story| post)?|share on \w+|tweet|facebook|twitter|x|"
    r"email|e-mail|print|print this|whatsapp|pinterest|linkedin|reddit|telegram|xing|flipboard|"
    r"digg(?: this)?|del\.icio\.us|teilen|drucken|twittern|copy link|link kopieren|"
    r"youtube|instagram|tumblr|mail|pocket|save|bookmark|messenger|sms)\s*:?$",
    r"share (?:this|on|via)\b.{0,40}$",
    r"(?:(?:share|sharing|options|facebook|twitter|e-?mail|linkedin|reddit|pinterest|whatsapp|"
    r"print|more|to|on|via|copy|link|url|copied|all|tweet|flipboard|pocket|close|extra|pint|"
    r"baixar|compartilhar|partager|compartir|teilen|drucken|this|article|page|single)\W*){2,}$",
    r"(?:\S+\s+){0,2}teilen(?:\s+(?:auf|via|per)\b.{0,20})?:?$",
    r"click to (?:share|email|print|tweet)\b.{0,60}$", r"follow (?:us )?(?:on|at)\b.{0,30}$",
    r"beitrag teilen", r"artikel teilen", r"partager\b.{0,30}$", r"compartir\b.{0,30}$",
    r"(?:facebook|twitter|email|print)(?:\s+\w+){0,3}$",
    # WordPress's like and share widgets ("Gefällt mir Wird geladen...", "Teilen mit:")
    r"(?:like this|gefällt mir|j'aime|me gusta|flattr this|teilen mit|partager :?)\s*:?$",
    r"(?:like|liken|gefällt mir)\s+(?:loading|lade|wird geladen)\W*$", r"flattr$",
    r"(?:useful|helpful|hilfreich|nützlich)$", r"(?:drucken|print|teilen|share)\s+etc\.?$")

# Links to the previous and next post; above a post they sit between the menu and its headline.
POST_NAVIGATION = family(
    r"(?:beitrags-?navigation|post navigation|artikel-?navigation|more posts)$",
    r"(?:←|«)?\s*(?:previous|next|older|newer) (?:post|article|entry|story)\s*(?:→|»)?$",
    r"←\s*\S.{0,150}$",  # "← [Exclusif] Le montage du CNRS ..."
    r"(?=[^→]*→).{0,150}\S\s*→$")

# Headings that open a block of links to other pages; a page's article ends there.
RELATED_HEADINGS = family(
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
    r"artikel zum thema|neueste artikel|weitere informationen|"
    r"das könnte dich auch interessieren|"
    r"pour approfondir|sur le même sujet|dans la même rubrique|"
    r"artículos relacionados|noticias relacionadas|articles similaires|à lire aussi|"
    r"articles liés|à suivre|en ce moment|rubriques|lo más visto|por si no lo viste|"
    r"más noticias|schon gelesen\?|weitere (?:videos|inhalte|themen|meldungen|nachrichten)|"
    r"weitere topthemen\b.{0,30}|verwandte themen(?:bereiche)?|externe links|newsübersicht|"
    r"mehr zum thema (?:auf|bei|von)\b.{0,40}|mehr zu(?:m|r) (?:ereignis|veranstaltung|person)|"
    r"diese artikel könnten (?:dich|sie) (?:ebenfalls|auch) interessieren|"
    r"(?:look at|see) other (?:dictionaries|entries|articles))"  # academic.com's dictionaries
    r"\s*(?::|\.\.\.|…)?$")

# Short headings of sidebars and link lists, by their key words ("Latest Apple Headlines").
# At most six words and 50 characters, not a question or a sentence.
LIST_HEADINGS = re.compile(
    r"^(?=.{0,50}$)(?!.*[?.]$)(?!(?:\S+\s+){6})(?:.*\b(?:headlines|trending|"
    r"most (?:popular|read|commented|shared|viewed)|related|recommended|featured|next up|"
    r"on our radar|don't miss|editor's picks|picks for you|also on|more from|more great|"
    r"top stories|top news|latest (?:news|stories|features|posts|articles|videos)|"
    r"in other news|popular (?:posts|stories|articles)|beliebt\w*|meistgelesen\w*|"
    r"meist gelesen\w*|empfehlungen|themen)\b.*)$", re.I)

# Links into other stories that sit inside the article ("See also  Four weeks of war ...").
INLINE_LINKS = family(r"see also\s+\S", r"(?:vea|ver|lea) (?:también|más)\s*:\s*\S",
                      r"à lire aussi\s*:?\s*\S", r"lire aussi\s*:\s*\S", r"siehe auch\s*:\s*\S",
                      r"read more:\s*\S", r"read also:\s*\S", r"also read:\s*\S",
                      r"related:\s*\S", r"lesen sie auch:\s*\S", r"mehr zum thema:\s*\S",
                      r"more:\s+\S", r"watch:\s+\S", r"listen:\s+\S", r"also see:\s*\S",
                      r"video:\s+\S", r"gallery:\s+\S",  # an embedded player's label
                      r">{2,}.{0,200}<{2,}$",  # ">> Wegen Corona: ... <<"
                      # "Tipp: Auf der Seite Aktuelle Meldungen 2021 finden Sie ..."
                      r"(?:tipp|tip|hinweis|note)\s*:.{0,300}\b(?:finden sie|lesen sie|see|visit|"
                      r"besuchen sie)\b")

# The link under a teaser of another story: a list of teasers is no article.
READ_MORE = family(r"(?:weiter ?lesen|read more|mehr lesen|lire la suite|leer más|"
                   r"continue reading|zum artikel|ver más)\W*$")

SUBSCRIBE = family(
    r"discover more from\b", r"subscribe\b", r"sign up\b", r"continue reading\b",
    r"get (?:our|the) newsletter", r"newsletter\b.{0,60}$", r"join (?:our|the)\b.{0,60}$",
    r"follow us\b", r"jetzt abonnieren", r"if you (?:enjoyed|liked) (?:reading )?this\b",
    r"(?:sie lesen|du liest) gerne?\b", r".{0,30}newsletter (?:abonnieren|bestellen)\b",
    r"(?:wählen sie ihren zugang|jetzt weiterlesen|weiterlesen mit|already a subscriber|"
    r"bereits abonnent)\b", r"(?:about|über) (?:the author|den autor|die autorin)\b",
    r".{0,40}\bals pdf herunterladen\b", r"download (?:this|the) (?:article|script) as pdf\b",
    r"support (?:our|us|independent)\b", r"folg(?:t|e) (?:mir|uns)\b.{0,60}$",
    r"get the latest (?:news|updates|stories|headlines)\b.{0,80}$",
    # "Puede escribirnos a ... o seguir a Materia en Facebook, Twitter, Instagram ..."
    r"(?=.{0,300}$).{0,150}\b(?:síguenos|seguir a|follow us|follow \w+ on|folgen sie uns|"
    r"suivez-nous|suivre \w+ sur)\b.{0,100}\b(?:facebook|twitter|instagram|linkedin)\b",
    # "¡Mira lo que tiene nuestro canal de YouTube!"
    r"(?=(?:\S+\s+){0,10}\S+$).{0,60}\b(?:our|nuestro|unser\w*|notre|nosso) "
    r"(?:canal de |kanal auf )?(?:youtube|instagram|telegram|whatsapp|tiktok)\b.{0,30}$",
    r"sponsored links$", r"quicklinks$", r"unterstützen sie\b", r"abonnieren\b",
    r"(?:what do you think|was denkst du|was meinen sie|was denken sie)\s*\??$",

    r"download (?:the|our) app\b", r"(?:\S+\s+){0,2}(?:herunterladen|downloaden)$",
    r"(?:télécharger|download|descargar)(?:\s+(?:au format|as|the|our|this|now|here|pdf|mp3|"
    r"epub|mobi|file|episode)\b.{0,30})?$")

COMMENTS = family(
    r"leave a (?:reply|comment)", r"post (?:a )?comment", r"add (?:a )?comment",
    r"comments?\s*:?$", r"\d+\s*(?:comments?|responses?|replies|kommentare?|antworten)\b.{0,120}$",
    r"(?=[^:]*:)\S+(?: \S+){0,3} (?:says|said|schreibt|sagt|disse|dice|dit)\s*:$",  # "joe says:"
    r"no comments\b",
    r"sign in to (?:post a )?comment", r"your email address will not be published",
    r"deine e-mail-adresse wird nicht veröffentlicht", r"ihre e-mail-adresse wird nicht",
    r"kommentar (?:schreiben|verfassen|hinterlassen)", r"kommentare?\s*:?$",
    r"schreibe (?:einen kommentar|eine antwort)", r"hinterlasse (?:eine antwort|einen kommentar)",
    r"ihre meinung zu diesem thema", r"diese website verwendet akismet", r"this site uses akismet",
    r"kommentare? (?:lesen|anzeigen|einblenden)", r"be the first to comment", r"view comments",
    r"join the (?:conversation|discussion)", r"required fields are marked",
    r"pingback\b", r"trackback\b", r"para comentar\b", r"laisser un commentaire",
    r"please enable javascript to view", r"no comments yet", r"comments are closed",
    r"kommentare sind geschlossen", r"les commentaires sont fermés")

# A notice to turn JavaScript on, printed instead of the page or over it, in any language:
# "You need to enable JavaScript to view ...", "JavaScriptをオンにしてお楽しみください。".
JAVASCRIPT_NOTICE = family(
    r"(?:you need (?:to have )?|please )?(?:enable |activate )?javascript (?:is |must be )?"
    r"(?:enabled|disabled|required|to view)\b.{0,80}$",
    r"(?=.{0,100}$)(?=.*?javascript)(?=.*?(?:enabl|activ|aktivier|einschalt|turn on|switch on|"
    r"habilit|attiv|inschakel|włącz|включ|オン|有効|启用|開啟|开启)).*$")

CONSENT = (r"(?:website|webseite|site|browser|consent|einwilligung|verwendet|verwenden|uses?|"
            r"akzeptier\w*|accept\w*|zustimm\w*|gdpr|dsgvo)")
# A line about cookies and consent is a banner, wherever the two words fall in it.
COOKIES = family(r"(?:this (?:web)?site|we) uses? cookies",
                 # "cookies" then a word of consent, or last on a short line ("Manage cookies")
                 # or a sentence's last ("..., korzystamy z cookies."), not a headline's
                 # ("Google delays plan to end third-party cookies"); or consent, then "cookies"
                 rf"(?=.*cookie)(?:.{{0,300}}\bcookies?\b.{{0,80}}\b{CONSENT}\b"
                 rf"|(?=(?:\S+\s+){{0,5}}\S+\s*$).{{0,300}}\bcookies?\W*$"
                 rf"|.{{0,300}}\bcookies?\s*[.!]\s*$"
                 rf"|.{{0,300}}\b{CONSENT}\b.{{0,80}}\bcookies?\b)",
                 r"cookie", r"accept(?: all)?$",
                 r"i agree$", r"ok$", r"got it$",
                 r"diese (?:web)?seite verwendet cookies",
                 r"wir verwenden cookies", r"akzeptieren$")

DISCLAIMERS = family(r"disclaimer\b", r"\*?(?:werbung|anzeige|advertorial)\b.{0,80}$",
                     r".{0,40}\benthält (?:werbung|affiliate)",
                     r"(?:getaggt|tagged|tags|schlagwörter|schlagworte|kategorien?|categories|"
                     r"filed under|posted in)\s*(?:mit)?\s*:",
                     r"powered by\b.{0,60}$", r"all content is licensed",
                     r"proudly powered by", r"theme by\b", r"designed by\b.{0,60}$",
                     r"this (?:article|post) (?:may )?contains? affiliate links",
                     r"we may (?:earn|receive) (?:a|an) (?:small )?(?:affiliate )?commission",
                     r"haftungsausschluss\b", r"all rights reserved",
                     r"(?:©|\(c\)|copyright)\s", r"alle rechte vorbehalten")

# A credit's word glued to the caption's last word, each a look behind of its own width.
_GLUED_CREDIT = "|".join(f"(?<=(?-i:[a-zà-ÿ]{word}))" for word in (
    "Bild", "Foto", "Fotos", "Photo", "Photos", "Image", "Credit", "Credits"))
CAPTIONS = family(r"\d+\s*of\s*\d+\S",  # gallery captions: "1of4Grass Valley's ..."
                  r"(?:photo|image|picture|foto|bild|credit|source|quelle)s?\s*(?:credit)?\s*:",
                  r"\(?(?:photo|image|picture) (?:by|courtesy|credit)\b",
                  r"(?=[^:]*:).{0,100}\b(?:foto|photo|bild|bildquelle|image|credit|fotocredit)s?"
                  r"\s*:\s*\S",
                  # glued to the caption: "... des ATP-TurniersBild: AFP/SID/PASCAL GUYOT" (the
                  # text up to the colon taken at once, then the word before it looked at)
                  rf"[^:]{{1,100}}+(?:{_GLUED_CREDIT}):\s*\S",
                  # an agency's name in brackets ends it: "... killed at least 33 separatists [EPA]"
                  r"[^\[]{0,200}+\[(?:epa|afp|ap|reuters|getty(?: images)?|ap photo|pa|dpa|ansa|"
                  r"xinhua)\]\s*$",
                  r".{0,80}\b(?:symbolbild|symbolfoto|bildquelle|fotocredit|photocredits?)\b",
                  r"(?:vergrößern|enlarge|zoom)\b", r"image illustrative\b",
                  r"(?:bild|foto|photo|image) via\b",
                  r".{0,80}\b(?:getty images|ap photo|shutterstock|istock)\b.{0,40}$",
                  # REUTERS/Jane Doe
                  r"(?=[^/]*/).{0,80}\b(?:afp|reuters|dpa|ap|epa)\s*/\s*\w[\w .-]*\)?$",
                  r"\(?(?:afp|reuters|dpa|epa|getty)\)?$",
                  r"(?:photo|image|picture|foto|bild|logo)s?\s*(?:©|\(c\))",  # Foto © Jane Doe
                  r"logo (?:des|der|von|of|de)\b.{0,80}$",
                  # a caption of at most 41 words ending in its credit (one pattern, so that
                  # the word count and the scan run once a line): "... im Hall / (C) Kab
                  # Niang", "... © CAE", "..., en la Antártida el 11 de febrero pasado. EFE",
                  # "... der G7 festgelegt hat. Bundesregierung/Steffen Kugler"
                  r"(?=(?:\S+\s+){0,40}\S+$).{0,300}(?:\s(?:©|\(c\))\s*[^.!?©]{2,40}"
                  r"|\.\s+(?:efe|afp|reuters|dpa|ap|epa|getty images|europa press|keystone)"
                  r"|\s\w+/(?-i:[A-ZÀ-Ý]\w+ [A-ZÀ-Ý][\w-]+))$")

# An author box at the foot of a post: "Über Luis Holuch 257 Artikel", "About Jane Doe".
AUTHOR_BOX = family(r"(?:über|about|à propos de|sobre) (?!(?:uns|us|me|mich|nous|nosotros)\b)"
                    r"(?-i:[A-ZÀ-Ý][\w.-]+)(?: (?-i:[A-ZÀ-Ý][\w.-]+)){0,2}(?:\s+\d+\s+\w+)?$",
                    r"(?:über uns|about us|qui sommes-nous|quiénes somos|chi siamo)$")
# Tags and categories under a post.
TAGS = family(r"(?:getaggt|tagged|tags|schlagwörter|schlagworte|kategorien?|categories|"
              r"filed under|posted in|étiquettes|etiquetas)\s*(?:mit)?\s*:")

# A photo's credit on a line of its own, under its caption: "Foto © Peter Steiger", "© iStock".
PHOTO_CREDIT = re.compile(r"^[|•·\s]*\(?(?:(?:photo|foto|bild|image|picture|fotocredit|"
                          r"bildquelle)s?\s*(?::|©|\(c\))|©|\(c\)\s).{1,60}$", re.I)

# An author's bio at the foot of an article: "Brigit Katz is a freelance writer based in ...".
AUTHOR_BIO = re.compile(
    r"^[A-ZÀ-Ý][\w'.-]+(?: (?:[A-ZÀ-Ý][\w'.-]+|\(@\w+\))){1,3},? (?:is|was|ist|war) "
    r"(?:a|an|the|ein|eine)? ?(?:\S+ ){0,6}(?:writer|journalist|reporter|editor|correspondent|"
    r"contributor|columnist|author|[Pp]rofessor|[Ff]ounder|producer|photographer|researcher|"
    r"lecturer|fellow|Redakteur(?:in)?|Journalist(?:in)?|Autor(?:in)?|Korrespondent(?:in)?|"
    r"Fotograf(?:in)?|Blogger(?:in)?)\b")

# Reporting credits at the foot of an article.
CREDITS = family(r".{0,120}\bcontributed (?:reporting|to this (?:report|article))",
                 r"\(?(?:reporting|additional reporting|writing|editing) by\b",
                 r"\(?edited by\b.{0,80}$", r"\(?compiled by\b.{0,80}$",
                 r"(?:suggested citation|zitiervorschlag|how to cite|citer cet article)\b")

# Bylines and date labels ("Published on" with its date missing, "By Jane Doe | May 2, 2024").
BYLINES = family(
    r"(?:published|posted|updated|last updated|veröffentlicht|aktualisiert|erstellt|publicado|"
    r"publié|by|von|written by|posted by|autor|author)\b(?:\s+(?:on|am|at|by|le|el))?\s*:?\s*$",
    r"(?:published|posted|updated|last updated|veröffentlicht|aktualisiert|publicado|publié)"
    r"(?:\s+(?:on|am|at|le|el))?\s*:?\s*.{0,40}\d.{0,30}$",
    r"(?:posted|gepostet|veröffentlicht|geschrieben|erschienen|publié|publicado) "
    r"(?:von|by|par|por)\b.{0,80}$",
    # the publication a post appeared in: "Published in Better Backend"
    r"(?:published|posted|erschienen|veröffentlicht|publié|publicado) (?:in|im|dans|en) "
    r"(?-i:[A-ZÀ-Ý])\S*(?:\s+\S+){0,5}$",
    r"(?:by|von|par|por|posted by|written by)\s+"
    r"(?-i:[A-ZÀ-Ý][\w'.-]+(?:\s+(?:and|und|&|[A-ZÀ-Ý][\w'.-]+)){0,5})"  # capitalised names
    r"(?:\s+(?:on|am)\b.{0,40}|\s+[|,·•–—-].{0,60}|,.{0,60})?$")

CHROME_FAMILIES = (SKIP_LINKS, BYLINES, LIST_HEADINGS, NAV_WORDS, ACCOUNT, READ_TIME, COUNTERS,
                   SHARE, RELATED_HEADINGS, INLINE_LINKS, SUBSCRIBE, COMMENTS, COOKIES,
                   DISCLAIMERS, CAPTIONS, CREDITS, AUTHOR_BIO, AUTHOR_BOX, TAGS, POST_NAVIGATION,
                   READ_MORE, JAVASCRIPT_NOTICE)


def _any_family(families: tuple[re.Pattern, ...]) -> re.Pattern:
    """Compile families into one pattern that matches a line where any of them does.

    One match call a line instead of one a family: the classifier tries every line of every
    dump (a Reuters story's lines took a fifth less CPU). Each family keeps its own case rule (AUTHOR_BIO's
    capitals); none holds a group, so no back-reference can point elsewhere.
    """
    if any(family.groups for family in families):
        raise ValueError("a family with groups cannot be joined")
    return re.compile("|".join(f"(?:{f.pattern})" if f.flags & re.I else f"(?-i:{f.pattern})"
                               for f in families), re.I)


# A line of any chrome family (tests compare it with the families one by one).
ANY_CHROME = _any_family(CHROME_FAMILIES)
# Families that end the article when they follow enough of it.
TERMINAL_FAMILIES = (RELATED_HEADINGS, LIST_HEADINGS, COMMENTS, SUBSCRIBE, AUTHOR_BOX, READ_MORE,
                     AUTHOR_BIO)
# Families after which nothing is the article's, however long: readers' comments.
CUT_FAMILIES = (COMMENTS,)
# Families that end the article when little of it would follow.
RELATED_FAMILIES = (RELATED_HEADINGS, LIST_HEADINGS, SUBSCRIBE, AUTHOR_BIO)

# Families that close an article: what comes between its last paragraph and one of them is its.
# A page's footer (copyright, newsletter) is no such box: sidebars come before it.
BOUNDARY_FAMILIES = (SHARE, COMMENTS, RELATED_HEADINGS, AUTHOR_BOX, TAGS, POST_NAVIGATION)
# Chrome that sits inside an article's lists and tables without ending it (years, captions).
SOFT_FAMILIES = (COUNTERS, CAPTIONS)

# Function words of the archive's languages: prose is full of them, menus and tag lists are not.
STOPWORDS = frozenset("""
the a an of to in and or is are was were be been for on at by with from that this it as not but
der die das den dem des ein eine einer und oder ist sind war zu im in auf mit von für nicht sich
es auch als an bei aus wie dass le la les un une des du de et ou est sont en au aux pour par pas
que qui dans sur el los las una y o es son por para con del al lo se il lo gli e di da per che
o os as um uma do da dos das em no na com não é
""".split())

# Line shapes the classifier weighs.
# Chinese and Japanese end sentences with full-width marks: "。", "！", "？".
SENTENCE_END = re.compile(r"[.!?…:;。！？：；][\"'”’“»«)\]」』）]*\s*$")
HEADLINE_END_BLOCK = re.compile(r"[.!:;,]\W*$")  # a headline does not end like a sentence
NAME_LINE = re.compile(r"^[A-ZÀ-Ý][\w'.-]+(?: [A-ZÀ-Ý][\w'.-]+){1,2}$")  # "Heiko Sauer"
# UTF-8 read as Windows-1252: "â€™", "Ã©" (some of the 2008 pages of L3S-GN1 were saved so).
MOJIBAKE = re.compile("[âÃÂ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178"
                      "\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122]")
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphens etc.

# A box's heading trails off: "More sport news...", "You may also be interested in...".
BOX_HEADING = re.compile(r"^(?:\S+\s+){0,7}\S+\s*(?:\.\.\.|…)$")
# A letter's or an open post's salutation: "Liebe_r Besucher_in,", "Dear readers,".
SALUTATION = re.compile(r"^(?:liebe[rs_]*|dear|hallo|hello|hi|sehr geehrte[rs]?|cher|chère|chers|"
                        r"chères|querid[oa]s?|estimad[oa]s?|caro|cara|cari)\b.{0,60},$", re.I)
# The text of a link to somewhere else: "Back to Gallery", "Click for the gallery".
LINK_PHRASE = re.compile(r"^(?:click|back to|find out|see|view|watch|read|get|sign|learn|discover|"
                         r"tap|visit|zurück|klicken|hier|mehr|more|voir|ver)\b", re.I)
# Teasers of other stories are cut off with an ellipsis.
TEASER = re.compile(r"(?:\.\.\.|…)\s*(?:\]|\))?\s*(?:read more|more|weiterlesen)?\s*$", re.I)
URL_LINE = re.compile(r"^(?:https?://|www\.|mailto:)\S*$", re.I)
# Breadcrumbs and menus run their links together: "Home > News > Politics", "Home | Contact"
# (but « and » around French quotes separate nothing). Each link is at most 40 characters
# between its spaces. A separator ends a link in exactly one place, so each link is an atomic
# group: `(?:[^|]{1,40}\s*\|\s*)+`, where both `[^|]` and `\s` took the spaces, backtracked
# exponentially (minutes on a 340-character sports menu).
_MENU_SEPARATORS = "|>»•·"
_MENU_LINK = (rf"(?=[^{_MENU_SEPARATORS}])\s*+(?:[^\s/{_MENU_SEPARATORS}]"
              rf"(?:[^/{_MENU_SEPARATORS}]{{0,38}}[^\s/{_MENU_SEPARATORS}])?)?\s*+")
MENU_LINE = re.compile(rf"^(?!.*«)(?>{_MENU_LINK}[{_MENU_SEPARATORS}]){{2,}}"
                       rf"\s*+[^{_MENU_SEPARATORS}]{{0,40}}$")

# Cues naming the outlet, best first; group "name" is the outlet.
OUTLET_CUES = [
    re.compile(r"^discover more from\s+(?P<name>.{2,60}?)\s*$", re.I),
    re.compile(r"\b(?i:is offered by)\s+(?P<name>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,4})"),
]
# A copyright line names the outlet when it also gives a year or reserves rights (photo credits
# such as "© Oli Scarff" do neither).
COPYRIGHT_LINE = re.compile(r"^(?:Â?©|\(c\)|copyright\b)(?=.*(?:\b(?:19|20)\d\d\b|"
                            r"rights reserved|rechte vorbehalten|droits réservés|"
                            r"derechos reservados))", re.I)  # "Â©": © read as Latin-1
COPYRIGHT_NOISE = re.compile(
    r"^(?:\s*(?:Â?©|\(c\)|copyright\b|(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?|"
    r"[MDCLXVI]{4,}\b|all rights reserved\.?|by\b|[,:.|-]))+", re.I)
# Where the name ends: a sentence stop, a separator, or the rights clause.
COPYRIGHT_NAME_END = re.compile(r"\.\s|\.(?=[A-Z])|\s[|•·–—-]\s|[,;(]|\s(?:all|alle|tous|"
                                r"todos|powered|made|republication|unless|use of|design)\b",
                                re.I)
# Words that end a company name but not an outlet's ("Moomoo Technologies Inc.").
# It starts where a run of spaces and commas starts: tried from every space of a long run, it
# took quadratic time (35 s on 6,400 commas). The leftmost match starts there anyway.
CORPORATE_SUFFIX = re.compile(
    r"(?<![\s,])(?:[\s,]+(?:inc|ltd|llc|limited|corp|corporation|gmbh|ag|plc|co|pvt|pty|kg|e\.\s?v|&|"
    r"(?:19|20)\d\d|technologies|holdings|all|the)\.?)+$", re.I)
# "By Jane Doe", "Written by: Jane Doe", "Geschrieben von Jan Roth", "Author: Jane Doe"
AUTHOR_LINE = re.compile(r"^(?:(?:(?:written|posted|geschrieben|verfasst|écrit|escrito)\s+)?"
                         r"(?:by|von|par|por)\s*:?\s+|(?:author|autor|autorin|auteur)\s*:\s*)"
                         r"(?P<name>[A-ZÀ-Ý][\w'.-]+(?:\s+(?:[A-ZÀ-Ý][\w'.-]+|de|van|von|der|and|"
                         r"und)){0,4})", re.I)
