"""A search as an Atom 1.0 feed (RFC 4287): newest matches first, stable ids across re-indexing.

Entry ids are `urn:uuid:` names derived from the document id, which is itself stable (the file
and position, or the Message-ID), so a feed reader sees a document once and a re-index that adds
documents shows only the new ones. The feed's `updated` is the time the index was last written.
"""
from __future__ import annotations

import re
import uuid
from datetime import datetime, timezone
from html import unescape
from urllib.parse import parse_qsl
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
# Names in the urn:uuid: ids: a document, a feed (by its query string).
DOC_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "archive-search:doc")
FEED_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "archive-search:feed")
GENERATOR = "archive-search"
TAG = re.compile(r"<[^>]+>")
# Characters XML 1.0 cannot carry at all, even escaped.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ET.register_namespace("", ATOM)


def doc_entry_id(doc_id: str) -> str:
    """Return the permanent Atom id of a document."""
    return f"urn:uuid:{uuid.uuid5(DOC_NAMESPACE, doc_id)}"


def feed_id(canonical_query: str) -> str:
    """Return the permanent Atom id of the feed for one search (its sorted query string)."""
    return f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, canonical_query)}"


def rfc3339(day: str | None, fallback: str) -> str:
    """Return a YYYY-MM-DD date as an RFC 3339 timestamp at midnight UTC, or the fallback."""
    if not day:
        return fallback
    return f"{day}T00:00:00Z"


def timestamp(when: str | None) -> str:
    """Return an ISO time (or now, when None) as an RFC 3339 timestamp in UTC."""
    moment = datetime.fromisoformat(when) if when else datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def plain(html_fragment: str) -> str:
    """Return the text of a snippet: marks removed, entities decoded, XML-invalid characters out."""
    return clean(unescape(TAG.sub("", html_fragment)))


def clean(text: str) -> str:
    """Return text without the control characters XML cannot hold."""
    return XML_INVALID.sub("", text or "")


def feed_title(query: str, canonical_query: str) -> str:
    """Return a feed's title: its words and its filters ("budget; speaker: Gordon Brown"), so
    that two feeds of one reader, a speaker's and an outlet's, are not both "archive-search: "."""
    said = [query.strip()] if query.strip() else []
    said += [f"{key}: {value}" for key, value in parse_qsl(canonical_query) if key != "q"]
    return "archive-search: " + "; ".join(said)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = clean(text)
    return element


def atom_feed(result: dict, *, feed_url: str, html_url: str, doc_url, canonical_query: str,
              indexed_at: str | None) -> bytes:
    """Return the Atom document for a search result dict (hits in the order to publish).

    Args:
        result: `SearchEngine.search` output, sorted newest first.
        feed_url: the absolute URL of this feed (rel="self").
        html_url: the absolute URL of the same search as a page (rel="alternate").
        doc_url: a function from a document id to its absolute page URL.
        canonical_query: the search's arguments in a stable order, naming the feed.
        indexed_at: when the index was last written (ISO), the feed's `updated`.
    """
    updated = timestamp(indexed_at)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", feed_id(canonical_query))
    _add(feed, "title", feed_title(result["query"], canonical_query))
    _add(feed, "updated", updated)
    _add(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _add(feed, "link", rel="alternate", type="text/html", href=html_url)
    author = _add(feed, "author")
    _add(author, "name", GENERATOR)
    _add(feed, "generator", GENERATOR)
    for hit in result["hits"]:
        entry = _add(feed, "entry")
        _add(entry, "id", doc_entry_id(hit["id"]))
        _add(entry, "title", hit.get("title") or "(no title)")
        _add(entry, "updated", rfc3339(hit.get("date"), updated))
        _add(entry, "link", rel="alternate", type="text/html", href=doc_url(hit["id"]))
        if hit.get("author"):  # a message's sender: else a reader shows the feed's own author
            _add(_add(entry, "author"), "name", hit["author"])
        if hit.get("outlet"):
            _add(entry, "category", term=clean(hit["outlet"]))
        summary = " … ".join(plain(s) for s in hit.get("snippets") or [])
        _add(entry, "summary", summary, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
