"""Read a page's title, outlet, date and author from its markup: <meta>, JSON-LD, <time>, <h1>."""
from __future__ import annotations

import json
import html
import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import date as Date

from htmldate import find_date
from lxml import html as lxml_html
from trafilatura.metadata import extract_metadata

from search.extract.dates import find_text_date
from search.extract.folding import fold_words, squash
from search.extract.html.shown import shown_headline

SITE_NAME_META = ("og:site_name", "application-name", "twitter:site", "publisher", "dc.publisher")
TITLE_META = ("og:title", "twitter:title", "dc.title", "title", "sailthru.title")
AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author")
DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "date",
    "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date", "publishdate", "pubdate",
    "publish-date", "sailthru.date", "parsely-pub-date", "originalpublicationdate", "og:published_time",
    "article.published", "published_time", "date.available", "cxenseparse:recs:publishtime",
)
JSONLD_DATE_KEYS = ("datePublished", "dateCreated", "uploadDate")
# Separators between a headline and the site name in <title> ("Headline | Site", "Site - Headline").
TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-\u2013\u2014:\u00b7\u2022\u00ab\u00bb/]|::|>>)\s+|\s*\|\s*")
# Where a <title> parts headline, sections and site: the separators above, and "Site > News >
# Headline", "Site -- Headline"; a part of fewer words is a section's or site's name.
TITLE_PARTS = re.compile(TITLE_SEPARATORS.pattern + r"|\s+(?:>|--)\s+")
MIN_PART_WORDS = 3
# The texts of a page a reader sees, and how many after the headline hold its dateline.
VISIBLE_TEXT = "//body//text()[not(ancestor::script) and not(ancestor::style)]"
DATELINE_TEXTS = 8
WORDS = re.compile(r"\w+")
# Parts of an <h1> that are kickers, labels or screen-reader hints rather than the headline
# (zeit.de's article-heading__kicker, tagesschau.de's dachzeile, freiheit.org's topic-label).
HEADING_NOISE_CLASS = re.compile(
    r"kicker|dachzeile|topic|label|overline|eyebrow|rubric|roofline|supertitle|overtitle|"
    r"visually-hidden|sr-only|screen-reader", re.I)
ISO_DATE = re.compile(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)")
# Bylines trafilatura misreads as names: dates ("Friday; January"), domains ("CBNNews com").
# "May" is left out: it is a surname too.
NOT_A_NAME = re.compile(
    r"\d|\b(?:com|net|org|de|co|uk)$|\b(?:monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|january|february|march|april|june|july|august|september|october|november"
    r"|december|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b", re.I)
BY_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di)\s+", re.I)
MAX_TITLE_WORDS = 40
# trafilatura's metadata pass also looks for a date; ours is done apart, so keep its one cheap.
CHEAP_DATE_SEARCH = {"extensive_search": False, "original_date": True}
# The visible headline: <h1>s, and the element schema.org microdata calls the headline where a
# site styles a <div> as one (impulse.de's <div class="imp-h1" itemprop="headline">).
HEADING_XPATH = ("//body//*[self::h1 or (@itemprop='headline' and not(self::meta) and not(.//h1)"
                 " and not(ancestor::h1))]")
# A page's only <h1> is its headline even where the meta title words it otherwise, unless it is
# one word: a section or site label ("Literatur", "DimidoBlog").
MIN_LONE_HEADING_WORDS = 2
TITLE_COVER = 0.5  # a heading holding half a meta title's words is that title with a kicker
MARKUP = re.compile(r"<[^<>]{0,200}>")
HOST = re.compile(r"https?://([^/:?#]+)", re.I)


@dataclass
class PageMeta:
    """Metadata a page states about itself."""

    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    author: str | None = None


def extract_meta(tree: lxml_html.HtmlElement) -> PageMeta:
    """Return the title, outlet, date and author the page states, None where it states none."""
    ld = jsonld_objects(tree)
    outlet = extract_outlet(tree, ld)
    title = extract_title(tree, ld, outlet)
    return PageMeta(title=title, outlet=outlet, date=extract_date(tree, ld, title),
                    author=extract_author(tree, ld, outlet))


def clean(text: str | None) -> str:
    """Collapse whitespace, and decode the character references of a value escaped twice
    ('Australian &#039;megablaze&#039;' in a <meta> whose markup wrote &amp;#039;)."""
    text = text or ""
    return " ".join((html.unescape(text) if "&" in text else text).split())


def meta_content(tree: lxml_html.HtmlElement, names: tuple[str, ...]) -> list[str]:
    """Return the non-empty contents of <meta> with one of these names or properties, in order."""
    found: dict[str, list[str]] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        value = clean(node.get("content"))
        if key in names and value:
            found.setdefault(key, []).append(value)
    return [v for name in names for v in found.get(name, [])]


def jsonld_objects(tree: lxml_html.HtmlElement) -> list[dict]:
    """Return every JSON-LD object on the page, flattening lists and @graph."""
    objects: list[dict] = []
    for script in tree.xpath('//script[contains(@type, "ld+json")]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                stack.extend(g for g in [item.get("@graph")] if g)
    return objects


def _ld_type(obj: dict) -> str:
    """Return the object's @type as one string."""
    kind = obj.get("@type", "")
    return " ".join(kind) if isinstance(kind, list) else str(kind)


def _ld_name(value: object) -> str | None:
    """Return the name of a JSON-LD person or organisation (or a list of them)."""
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return clean(value) if isinstance(value, str) and clean(value) else None


def extract_outlet(tree: lxml_html.HtmlElement, ld: list[dict]) -> str | None:
    """Return the site's own name from og:site_name or the article's JSON-LD publisher."""
    for value in meta_content(tree, ("og:site_name",)):
        return value
    for obj in ld:
        if "Article" in _ld_type(obj) or "Posting" in _ld_type(obj):
            name = _ld_name(obj.get("publisher"))
            if name:
                return name
    return None


def heading_text(node: lxml_html.HtmlElement) -> str:
    """Return an <h1>'s text without kicker, subtitle, label and screen-reader parts."""
    node = lxml_html.fromstring(lxml_html.tostring(node))
    noise = [part for part in node.xpath(".//*[@class]") if HEADING_NOISE_CLASS.search(part.get("class", ""))]
    # A <small> inside the headline is a kicker over it or a subtitle under it (hss.de, tofugu.com).
    noise += node.xpath(".//small")
    for part in noise:
        if part.getparent() is not None:
            part.drop_tree()
    return clean(node.text_content())


_fold = fold_words  # to compare titles
_squash = squash  # to compare with a host name


def site_names(tree: lxml_html.HtmlElement, outlet: str | None) -> set[str]:
    """Return the squashed names the site goes by: outlet, application name, host and its label."""
    names = {_squash(n) for n in [outlet or ""] + meta_content(tree, SITE_NAME_META)}
    for url in tree.xpath('//link[@rel="canonical"]/@href') + meta_content(tree, ("og:url",)):
        host = HOST.match(url.strip())
        if host:
            labels = host.group(1).lower().removeprefix("www.").split(".")
            names |= {_squash(".".join(labels)), *(_squash(x) for x in labels[:-1] if len(x) > 3)}
    return {n for n in names if n}


def is_site_name(part: str, names: set[str], loose: bool = False) -> bool:
    """Tell whether a part of a title names the site; loosely: holds the name in a few words."""
    squashed = _squash(part)
    return bool(squashed) and any(squashed == n or (loose and len(n) > 3 and n in squashed
                                                    and len(part.split()) <= 6) for n in names)


def strip_site_name(title: str, names: set[str]) -> str:
    """Return a <title> without the site name and what follows it ("Headline | Site - Slogan")."""
    cuts = [0] + [i for m in TITLE_SEPARATORS.finditer(title) for i in m.span()] + [len(title)]
    parts = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    if len(parts) < 2:
        return title
    flags = [is_site_name(title[a:b], names, loose=i > 0) for i, (a, b) in enumerate(parts)]
    if flags[0]:
        kept = parts[1:]
        kept = kept[:kept.index(next(p for p, f in zip(parts[1:], flags[1:]) if f))] if any(flags[1:]) else kept
    elif any(flags):
        kept = parts[:flags.index(True)]
    elif "|" in title[parts[-2][1]:parts[-1][0]] and len(title[parts[-1][0]:].split()) <= 5:
        kept = parts[:-1]  # "Headline | Site": a pipe before a short last part marks the site
    else:
        return title
    return clean(title[kept[0][0]:kept[-1][1]]) if kept else title


def confirms(heading: str, title: str) -> bool:
    """Tell whether a meta title confirms a heading: one holds most of the other."""
    h, t = _fold(heading), _fold(title)
    if not h or not t:
        return False
    words_h, words_t = len(h.split()), len(t.split())
    return (h in t and words_h >= TITLE_COVER * words_t) or (t in h and words_t >= TITLE_COVER * words_h)


def extract_title(tree: lxml_html.HtmlElement, ld: list[dict], outlet: str | None) -> str | None:
    """Return the headline: an <h1> a meta title confirms, else a meta title minus the site; where
    only the <title> names it, the headline the page prints instead (`shown.shown_headline`)."""
    names = site_names(tree, outlet)
    metas = meta_content(tree, TITLE_META)
    metas += [clean(o.get("headline")) for o in ld if isinstance(o.get("headline"), str)]
    only_title_tag = not any(metas)  # no markup names the headline: the <title> may be the site's
    metas += [clean(t.text_content()) for t in tree.xpath("//title")[:1]]
    titles = [strip_site_name(m, names) for m in metas if m]
    headings = [heading_text(h) for h in tree.xpath(HEADING_XPATH)]
    headings = [h for h in headings if h and len(h.split()) <= MAX_TITLE_WORDS and not is_site_name(h, names)]
    for heading in headings:
        if any(confirms(heading, t) for t in titles):
            return heading
    if len(headings) == 1 and len(_fold(headings[0]).split()) >= MIN_LONE_HEADING_WORDS:
        return headings[0]
    for title in titles:
        if len(title.split()) <= MAX_TITLE_WORDS:
            title = _part_shown(title, tree) or title
            return (shown_headline(tree, title) or title) if only_title_tag else title
    return headings[0] if headings else shown_headline(tree, None)


def _part_shown(title: str, tree: lxml_html.HtmlElement) -> str | None:
    """Return the longest part of a title in parts that the page's text shows, where no name
    told the site's part ("Site : Section : Headline", "Headline - Site -- Slogan"): the headline
    is what the page prints, and the site's name, where it prints it too, is the shorter. None
    when the title has one part, or the page shows it whole ("Report of 22.04.2020 – what now?").
    """
    parts = TITLE_PARTS.split(title)
    body = tree.find("body")
    if len(parts) < 2 or body is None:
        return None
    # the texts apart ("<b>Headline</b><p>Site"), words only: "–" in one is "-" in the other
    text = f" {_words(' '.join(body.itertext()))} "
    if f" {_words(title)} " in text:
        return None
    shown = [part for part in parts if len(_fold(part).split()) >= MIN_PART_WORDS
             and f" {_words(part)} " in text]
    return clean(max(shown, key=lambda part: len(_fold(part)))) if shown else None


def _words(text: str) -> str:
    """Return a text's words in lower case, one space apart (cheaper than folding a whole page)."""
    return " ".join(WORDS.findall(text.casefold()))


def extract_headlines(tree: lxml_html.HtmlElement) -> list[str]:
    """Return every form of the headline a page shows: meta titles, <title>, <h1>s."""
    found = meta_content(tree, TITLE_META) + [clean(t.text_content()) for t in tree.xpath("//title")[:1]]
    found += [heading_text(h) for h in tree.xpath(HEADING_XPATH)]
    return [h for h in found if h and len(h.split()) <= MAX_TITLE_WORDS * 2]


def extract_description(tree: lxml_html.HtmlElement) -> str | None:
    """Return the page's summary from og:description or the description <meta>."""
    found = meta_content(tree, ("og:description", "description", "twitter:description"))
    # Some CMSs escape twice, leaving "&nbsp;" or "&lt;p&gt;" as text in the attribute
    # (spdfraktion.de, mpimet.de).
    return clean(MARKUP.sub(" ", html.unescape(found[0])).replace("\xa0", " ")) if found else None


def extract_author(tree: lxml_html.HtmlElement, ld: list[dict], outlet: str | None = None) -> str | None:
    """Return the author: trafilatura's reading of meta, JSON-LD and bylines, else <meta>.

    trafilatura finds 0.60 of the authors of trafilatura-html, these rules alone 0.26; a name
    that is a date, a domain or the site itself is dropped.
    """
    try:
        found = [extract_metadata(deepcopy(tree), date_config=CHEAP_DATE_SEARCH).author]
    except Exception:  # trafilatura's metadata code fails on odd trees; fall back to ours
        found = []
    found += [v for v in meta_content(tree, AUTHOR_META) if not v.startswith("http")]
    found += [_ld_name(obj.get("author")) for obj in ld]
    names = site_names(tree, outlet) | {_squash(_ld_name(o.get("publisher")) or "") for o in ld}
    for listed in found:
        kept = [n for n in (BY_PREFIX.sub("", part).strip() for part in (listed or "").split(";"))
                if n and not NOT_A_NAME.search(n) and not is_site_name(n, names)]
        if kept:
            return "; ".join(kept)
    return None


def valid_date(text: str | None) -> str | None:
    """Return the YYYY-MM-DD at the start of an ISO date string, if it is a real date."""
    match = ISO_DATE.search(text or "")
    if not match:
        return None
    try:
        return Date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def extract_date(tree: lxml_html.HtmlElement, ld: list[dict],
                 title: str | None = None) -> str | None:
    """Return the publication date from meta, JSON-LD, the dateline under the headline, else
    htmldate's reading (<time>, links, copyright lines: a guess where the page states none)."""
    for value in meta_content(tree, DATE_META):
        if found := valid_date(value):
            return found
    for obj in ld:
        for key in JSONLD_DATE_KEYS:
            if isinstance(obj.get(key), str) and (found := valid_date(obj[key])):
                return found
    if found := _dateline(tree, title):
        return found
    try:
        return find_date(tree, original_date=True, extensive_search=True)
    except Exception:  # htmldate raises on odd trees; a missing date is the honest answer
        return None


def _dateline(tree: lxml_html.HtmlElement, title: str | None) -> str | None:
    """Return the date of the dateline under the headline the page prints, as a text dump's is
    read: the headline's text and the few texts after it ("Posted on Mon, Jan. 07, 2008")."""
    if not title:
        return None
    texts = [" ".join(t.split()) for t in tree.xpath(VISIBLE_TEXT)]
    texts = [t for t in texts if t]
    want = _fold(title)
    at = next((i for i, text in enumerate(texts) if _fold(text) == want), None)
    return None if at is None else find_text_date(texts[at + 1:at + 1 + DATELINE_TEXTS])
