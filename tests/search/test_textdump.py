"""Tests for the text-dump reader: body chrome, headline, outlet, date and byline."""
from __future__ import annotations

from pathlib import Path

import pytest

from search.textdump import extract_text_dump, is_chrome

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "textdump"


def extract(name: str):
    """Extract one fixture file."""
    return extract_text_dump((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, title, outlet, date", [
    ("page-with-skip-link-and-repeated-headline.txt",
     "Hamas refuses to yield in negotiations amid U.S. pressure", None, None),
    ("page-with-relevant-articles-and-subscribe.txt",
     "Stalemate Persists: Hamas Insists on Terms as Gaza Truce Negotiations Hit Roadblocks",
     "Trendy Digests", None),
    ("community-post-with-section-headings.txt",
     "Are Hamas and Israel on equal footing in cease-fire negotiations?", "Moomoo", None),
    ("page-with-see-also-links.txt",
     "Ceasefire talks between Israel and Hamas reach a dead end again", "Westside People",
     "2024-05-23"),
    ("page-with-reader-comments.txt", "Anthony Lynn: “We needed to win this game”", None,
     "2019-11-19"),
])
def test_fields(name: str, title: str, outlet: str | None, date: str | None) -> None:
    doc = extract(name)
    assert doc.kind == "text-dump"
    assert (doc.title, doc.outlet, doc.date) == (title, outlet, date)


@pytest.mark.parametrize("name, must_contain, must_not_contain", [
    ("page-with-skip-link-and-repeated-headline.txt",
     ["TEHRAN - A Hamas delegation", "Neither side trusts the other"],
     ["Skip to main content", "4 min read", "Hamas refuses to yield"]),
    ("page-with-relevant-articles-and-subscribe.txt",
     ["In a landscape punctuated by periodic violence", "National Security Council spokesman"],
     ["HomeNews", "Published on", "Relevant articles", "Benzinga", "Leave a Reply",
      "Latest articles", "Satellite Imagery Captures", "More like this", "Discover more from",
      "Subscribe now", "Continue reading"]),
    ("community-post-with-section-headings.txt",
     ["last-minute failure\nThe Hamas side agreed", "hopeless\nBiden and his administration",
      "insurmountable gap"],
     ["Account Info", "Log Out", "Log in to access", "Back to the Top", "Disclaimer",
      "13K Views", "See Original", "Sign in to post a comment", "equal footing"]),
    ("page-with-see-also-links.txt",
     ["The latest round of negotiations", "a senior Hamas official said the group"],
     ["May 23, 2024", "Westside People", "Complete News World", "See also",
      "Four weeks of war", "contributed reporting", "reach a dead end again"]),
    ("page-with-reader-comments.txt",
     ["Chargers coach Anthony Lynn recognizes", "The Chargers needed to win that game."],
     ["Most Commented", "Kaepernick", "Posted by", "Getty Images", "Click to share",
      "34 responses", "says:", "dumpster fire"]),
    ("german-page-with-published-cue.txt",
     ["Weil es zu viele sind"], ["Veröffentlicht am", "Artikel teilen", "Link kopieren"]),
])
def test_body(name: str, must_contain: list[str], must_not_contain: list[str]) -> None:
    body = extract(name).body
    for text in must_contain:
        assert text in body
    for text in must_not_contain:
        assert text not in body


def test_byline_and_published_cue() -> None:
    doc = extract("german-page-with-published-cue.txt")
    assert (doc.author, doc.date) == ("Tim Ehlers", "2023-10-26")


@pytest.mark.parametrize("line, chrome", [
    ("Skip to main content", True),
    ("· 4 min read", True),
    ("13K Views", True),
    ("+0", True),
    ("Sign in to post a comment", True),
    ("See also  Four weeks of war hurt the Russian economy", True),
    ("Peter Baker And Michael Crowley He contributed reporting to this article.", True),
    ("Disclaimer: Community is offered by Moomoo Technologies Inc.", True),
    ("Published on", True),
    ("Home | News | Politics", True),
    ("thelastchargersfan says:", True),
    ("November 19, 2019 at 6:34 am", True),
    ("last-minute failure", False),
    ("hopeless", False),
    ("Brinken's rhetoric", False),
    ("TEHRAN - A Hamas delegation in the Egyptian capital Cairo is seeking guarantees.", False),
])
def test_is_chrome(line: str, chrome: bool) -> None:
    assert is_chrome(line) is chrome


def test_empty_dump() -> None:
    doc = extract_text_dump("")
    assert (doc.body, doc.title, doc.outlet, doc.date) == ("", None, None, None)
