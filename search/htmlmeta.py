"""Read a page's title, outlet, date and author from its markup: <meta>, JSON-LD, <time>, <h1>."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date as Date

from htmldate import find_date
from lxml import html as lxml_html

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
# Parts of an <h1> that are kickers, labels or screen-reader hints rather than the headline
# (zeit.de's article-heading__kicker, tagesschau.de's dachzeile, freiheit.org's topic-label).
HEADING_NOISE_CLASS = re.compile(
    r"kicker|dachzeile|topic|label|overline|eyebrow|rubric|roofline|supertitle|overtitle|"
    r"visually-hidden|sr-only|screen-reader", re.I)
ISO_DATE = re.compile(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)")
BY_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di)\s+", re.I)
MAX_TITLE_WORDS = 40


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
    return PageMeta(title=extract_title(tree, ld, outlet), outlet=outlet,
                    date=extract_date(tree, ld), author=extract_author(tree, ld))


def clean(text: str | None) -> str:
    """Collapse whitespace."""
    return " ".join((text or "").split())


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
    """Return an <h1>'s text without kicker, label and screen-reader parts."""
    node = lxml_html.fromstring(lxml_html.tostring(node))
    for part in node.xpath(".//*[@class]"):
        if HEADING_NOISE_CLASS.search(part.get("class", "")) and part.getparent() is not None:
            part.drop_tree()
    return clean(node.text_content())


def split_title(title: str) -> list[str]:
    """Split a <title> into its parts at the separators sites put before their name."""
    return [p for p in (clean(p) for p in TITLE_SEPARATORS.split(title)) if p]


def _fold(text: str) -> str:
    """Return text lower-cased with only word characters, to compare titles."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def strip_site_name(title: str, outlet: str | None) -> str:
    """Return a <title> without the site name before or after the headline."""
    parts = split_title(title)
    if len(parts) < 2:
        return title
    names = {_fold(outlet)} if outlet else set()
    kept = [p for p in parts if _fold(p) not in names]
    if len(kept) == len(parts):
        kept = [max(parts[:1] + parts[-1:], key=len)] if len(parts) == 2 else kept
    return " - ".join(kept) if len(kept) > 1 else (kept[0] if kept else title)


def extract_title(tree: lxml_html.HtmlElement, ld: list[dict], outlet: str | None) -> str | None:
    """Return the headline: an <h1> the meta titles confirm, else a meta title minus the site."""
    metas = meta_content(tree, TITLE_META)
    metas += [clean(o.get("headline")) for o in ld if isinstance(o.get("headline"), str)]
    metas += [clean(t.text_content()) for t in tree.xpath("//head/title|//title")[:1]]
    metas = [m for m in metas if m]
    folded = [_fold(m) for m in metas]
    for h1 in tree.xpath("//h1"):
        text = heading_text(h1)
        key = _fold(text)
        if key and len(text.split()) <= MAX_TITLE_WORDS and any(key in f for f in folded):
            if key not in {_fold(outlet or "")}:
                return text
    for meta in metas:
        title = strip_site_name(meta, outlet)
        if title and len(title.split()) <= MAX_TITLE_WORDS:
            return title
    return None


def extract_author(tree: lxml_html.HtmlElement, ld: list[dict]) -> str | None:
    """Return the author named in <meta> or the article's JSON-LD."""
    for value in meta_content(tree, AUTHOR_META):
        if not value.startswith("http"):
            return BY_PREFIX.sub("", value)
    for obj in ld:
        name = _ld_name(obj.get("author"))
        if name:
            return BY_PREFIX.sub("", name)
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


def extract_date(tree: lxml_html.HtmlElement, ld: list[dict]) -> str | None:
    """Return the publication date from meta, JSON-LD, <time>, else htmldate's reading."""
    for value in meta_content(tree, DATE_META):
        if found := valid_date(value):
            return found
    for obj in ld:
        for key in JSONLD_DATE_KEYS:
            if isinstance(obj.get(key), str) and (found := valid_date(obj[key])):
                return found
    try:
        return find_date(tree, original_date=True, extensive_search=True)
    except Exception:  # htmldate raises on odd trees; a missing date is the honest answer
        return None
