"""Placeholder until the HTML extractor lands: the page's visible text."""
from __future__ import annotations

from bs4 import BeautifulSoup

from search.documents import Extracted


def extract_html_page(raw: bytes | str) -> Extracted:
    """Return the <title> and the visible text of a page."""
    soup = BeautifulSoup(raw, "html.parser")
    title = soup.title.get_text(strip=True) if soup.title else None
    for tag in soup(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    return Extracted(kind="html", title=title, body=soup.get_text("\n", strip=True))
