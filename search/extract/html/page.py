"""Read a news page saved as HTML: decode it, find the article text and its metadata.

The stages live in their own modules: `htmldecode` (bytes to a parsed tree), `htmltree` (layout
tables unwrapped, loose text put into paragraphs, captions removed), `htmlbody` (trafilatura,
widened to every section of an article cut up by ads, plus the standfirst it drops),
`htmlchrome` (the chrome lines it keeps: tools, see-also links, bylines, copyright) and
`htmlmeta` (title, outlet, date, author).
"""
from __future__ import annotations

from search.extract.html import meta as htmlmeta
from search.documents import Extracted
from search.extract.html.body import extract_body, find_lead
from search.extract.html.chrome import clean_body
from search.extract.html.decode import HtmlPageError, decode_html, parse_html, repair_html
from search.extract.html.tree import drop_link_lists

__all__ = ["HtmlPageError", "decode_html", "extract_html_page"]

# Past this a page is cut: it keeps trafilatura's time per page bounded.
MAX_PAGE_CHARS = 3_000_000


def extract_html_page(raw: bytes | str) -> Extracted:
    """Extract the article text, title, outlet, date and author of one saved HTML page.

    Args:
        raw: the file's bytes (or already decoded text).

    Returns:
        An `Extracted` of kind "html"; fields the page does not state are None.

    Raises:
        HtmlPageError: the input is empty, binary, or not HTML.
    """
    text = repair_html(decode_html(raw)[:MAX_PAGE_CHARS])
    if not text.strip():
        raise HtmlPageError("empty page")
    tree = drop_link_lists(parse_html(text))
    meta = htmlmeta.extract_meta(tree)
    labels = (meta.title, meta.outlet, meta.author)
    body = clean_body(extract_body(tree), labels, tuple(htmlmeta.extract_headlines(tree)))
    lead = find_lead(tree, body)
    if lead:
        body = f"{lead}\n{body}"
    return Extracted(kind="html", body=body, title=meta.title, outlet=meta.outlet,
                     date=meta.date, author=meta.author)
