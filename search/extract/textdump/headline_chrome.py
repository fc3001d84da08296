"""What stands where a headline may but is none, by its words: calls to action, buttons, the
facts of a product, job or question page, a wire's or desk's byline and a photo's credit, an
author's role, a table of contents' heading.

Shapes (menus, tables, breadcrumbs) are `headline.py`'s; the chrome families of a whole page
are `chrome.py`'s.
"""
from __future__ import annotations

import re

from search.extract.textdump.chrome import CONSENT, family

__all__ = ["CREDIT_LINE", "NOT_HEADLINE", "ROLE_LINE", "TOC_HEADING"]

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
    r"(?:shout|buy) .{1,40} a coffee$",
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
    # notices a page prints instead of itself, and a server's error in the page
    r"(?:you need (?:to have )?|please )?(?:enable |activate )?javascript (?:is |must be )?"
    r"(?:enabled|disabled|required|to view)\b.{0,80}$",
    r"(?:strict standards|warning|notice|deprecated|fatal error|parse error)\s*:.{0,300}"
    r"\bon line \d+\s*$",
    # a list of tags, a sign-up for alerts, an advert's offer, a call for readers' photos
    r"tags?\s*:\s*\S.{0,200}$", r"(?:\S+\s){0,4}(?:e-?mail|news) alerts?\s*$",
    r"get (?:a |an |up to |your )?(?:[£$€]\s?\d[\d,.]*|\d+\s?%|free)\b.{0,60}"
    r"\b(?:bonus|bets?|chips|off|discount|credit)\b.{0,60}$",
    r"send us your\b.{0,40}$",
    # a day and time with no year ("Fri 18 Jan, 11:45 AM"): a date badge, no headline
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?[0-3]?\d(?:st|nd|rd|th|\.)?\s+"
    r"[^\W\d]{3,9}\.?,?\s+\d\d?[:.]\d\d\b.{0,12}$",
    # a site's address ("brisbanetimes.com.au"), a breadcrumb's link with its separator
    r"(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|co|de|uk|"
    r"au|ch|at|fr|it|es|nl|tv|io|gov|edu|ca|in|nz|za)/?$", r".{1,60}\s(?:>|»|›)\s*$")

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

# The heading of a page's table of contents: its entries are the article's section headings.
TOC_HEADING = family(r"(?:table of )?contents\s*:?$", r"on this page\s*:?$", r"in this article\s*:?$",
                     r"inhalt(?:sverzeichnis)?\s*:?$", r"auf dieser seite\s*:?$",
                     r"sommaire\s*:?$", r"dans cet article\s*:?$", r"[íi]ndice\s*:?$",
                     r"contenido\s*:?$", r"en esta página\s*:?$")
# An author's role under the name: "Owner at Kowalski Bakehouse", "Redakteurin bei Lohnwerk".
ROLE_LINE = re.compile(r"^(?:[^\W\d][\w.&'’-]*\s){1,4}(?:at|@|bei|chez|en)\s(?:\S+\s){0,4}\S+$",
                       re.I)
