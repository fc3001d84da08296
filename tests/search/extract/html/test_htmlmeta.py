"""Tests for page metadata: title, outlet, date and author from <meta>, JSON-LD and headings."""
from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from search.extract.html.meta import (
    extract_description,
    extract_headlines,
    extract_meta,
    strip_site_name,
    valid_date,
)


def page(head: str = "", body: str = "") -> lxml_html.HtmlElement:
    """Return a parsed page with this head and body markup."""
    return lxml_html.fromstring(f"<html><head>{head}</head><body>{body}<p>Text.</p></body></html>")


def ld(obj: dict) -> str:
    """Return a JSON-LD script element."""
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


@pytest.mark.parametrize(
    "title, names, expected",
    [
        ("Rasende Polizisten | strafprozess.ch", {"strafprozessch"}, "Rasende Polizisten"),
        ("ZEIT ONLINE | Bohren, bis es heiß wird", {"zeitonline"}, "Bohren, bis es heiß wird"),
        ("Kind krank: Was Arbeitgeber wissen müssen | impulse", set(), "Kind krank: Was Arbeitgeber wissen müssen"),
        ("der Schreibstil - chadim.net - Webdesign", {"chadimnet", "chadim"}, "der Schreibstil"),
        # a dash inside the headline is not a site separator when no site name follows it
        ("Schneeflöckchen – mit Hund im Winter", {"martinruetter"}, "Schneeflöckchen – mit Hund im Winter"),
        ("Bericht zur Coronalage – DIE ACHSE DES GUTEN. ACHGUT.COM", {"achgut"}, "Bericht zur Coronalage"),
        ("15 Jahre rete-mirabile.net — rete-mirabile.net", {"retemirabilenet"}, "15 Jahre rete-mirabile.net"),
        ("Just a headline", {"site"}, "Just a headline"),
    ],
)
def test_strip_site_name(title: str, names: set[str], expected: str) -> None:
    assert strip_site_name(title, names) == expected


@pytest.mark.parametrize(
    "head, body, expected",
    [
        # an <h1> with a kicker the meta title confirms
        ('<meta property="og:title" content="Klimaschutz: Bohren, bis es heiß wird">',
         '<h1><span class="article-heading__kicker">Klimaschutz</span>'
         '<span class="visually-hidden">: </span><span>Bohren, bis es heiß wird</span></h1>',
         "Bohren, bis es heiß wird"),
        # an <h1> that is only the site's logo is not the headline
        ('<meta property="og:site_name" content="modabot"><title>Paris Haute Couture | modabot</title>',
         "<h1>modabot</h1>", "Paris Haute Couture"),
        # a headline longer than the meta title (a quoted lead-in) is still confirmed
        ('<meta property="og:title" content="Kramer verpasst Olympia - skispringen.com">'
         '<meta property="og:site_name" content="skispringen.com">',
         '<h1>"Pure Leere": Kramer verpasst Olympia</h1>', '"Pure Leere": Kramer verpasst Olympia'),
        # the page's only <h1> wins over a meta title that words the story otherwise (impulse.de)
        ('<meta property="og:title" content="Kind krank: Was Arbeitgeber wissen müssen">',
         "<h1>Was Arbeitgeber über die Rechte von Eltern wissen müssen</h1>",
         "Was Arbeitgeber über die Rechte von Eltern wissen müssen"),
        # a <div> that microdata names the headline counts as the page's <h1>
        ('<meta property="og:title" content="Kind krank: Was Arbeitgeber wissen müssen">',
         '<div class="imp-h1" itemprop="headline">Was Arbeitgeber über Eltern wissen müssen</div>',
         "Was Arbeitgeber über Eltern wissen müssen"),
        ('<meta property="og:title" content="Kind krank">',
         '<h1><span itemprop="headline">Was Arbeitgeber wissen müssen</span></h1>',
         "Was Arbeitgeber wissen müssen"),
        # ...unless it is one word, a section label (galore.de)
        ("<title>Buch der Woche: Nikole Hannah-Jones</title>", "<h1>Literatur</h1>",
         "Buch der Woche: Nikole Hannah-Jones"),
        # a <small> kicker or subtitle inside the <h1> is not the headline (hss.de, tofugu.com)
        ('<meta property="og:title" content="Tunesien">',
         "<h1><small>Tunesien</small><br> Große Aufgaben für die neue Regierung </h1>",
         "Große Aufgaben für die neue Regierung"),
        ("", "<h1><span>Dezuka Suisan: Fish Cakes</span><small>Welcome to the Flavor Capital</small></h1>",
         "Dezuka Suisan: Fish Cakes"),
        ("<title>Only a title tag</title>", "", "Only a title tag"),
        # a <title> in parts with no name to tell the site's: the part the page prints, the
        # longest where it prints the site's name too (2008 news pages of L3S-GN1)
        ("<title>Valley Gazette : Business : Ferry fares rise for the first time in years</title>",
         "<b>Ferry fares rise for the first time in years</b><p>Valley Gazette news desk</p>",
         "Ferry fares rise for the first time in years"),
        ("<title>Harbour Courier > News > Local -- Council reopens the river bridge</title>",
         "<font size=4>Council reopens the river bridge</font>",
         "Council reopens the river bridge"),
        ("<title>Harbour Sports Online - Vale edge Luton with a late free kick - Football, Rugby"
         "</title>", "<p>Harbour Sports Online</p><b>Vale edge Luton with a late free kick</b>",
         "Vale edge Luton with a late free kick"),
        # ...the whole title where the page prints it whole, as it is where it prints no part
        ("<title>Bericht zur Coronalage vom 22.04.2020 – worauf wartet die Politik?</title>",
         "<b>Bericht zur Coronalage vom 22.04.2020 – worauf wartet die Politik?</b>",
         "Bericht zur Coronalage vom 22.04.2020 – worauf wartet die Politik?"),
        ("<title>Valley Gazette - Council reopens the river bridge</title>", "",
         "Valley Gazette - Council reopens the river bridge"),
        ("", "<h1>Heading without any meta</h1>", "Heading without any meta"),
        ("", "", None),
    ],
)
def test_title(head: str, body: str, expected: str | None) -> None:
    assert extract_meta(page(head, body)).title == expected


@pytest.mark.parametrize(
    "head, expected",
    [
        ('<meta property="og:site_name" content="Wired">', "Wired"),
        (ld({"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "The Hindu"}}),
         "The Hindu"),
        (ld({"@graph": [{"@type": "WebPage"},
                        {"@type": "Article", "publisher": {"name": "Übermedien"}}]}), "Übermedien"),
        ('<meta name="author" content="Jane Doe">', None),
    ],
)
def test_outlet(head: str, expected: str | None) -> None:
    assert extract_meta(page(head)).outlet == expected


@pytest.mark.parametrize(
    "head, body, expected",
    [
        ('<meta property="article:published_time" content="2019-12-09T19:00:49+01:00">', "",
         "2019-12-09"),
        (ld({"@type": "NewsArticle", "datePublished": "2020-06-29T00:16:15+03:00"}), "", "2020-06-29"),
        ('<meta name="date" content="2020-04-30" scheme="YYYY-MM-DD">', "", "2020-04-30"),
        # an impossible date in the meta is skipped, not guessed from
        ('<meta property="article:published_time" content="2019-13-45">'
         '<meta name="dc.date" content="2018-05-01">', "", "2018-05-01"),
        ("", '<time datetime="2021-01-04T10:00:00+01:00">4. Januar 2021</time>', "2021-01-04"),
        # no date in the markup: the dateline under the headline the page prints, not the
        # copyright's year or a related story's date further down
        ("<title>Harbour Courier | Ferry fares rise for the first time in years</title>",
         "<h2>Ferry fares rise for the first time in years</h2><span>Posted on Mon, Jan. 07, "
         "2008</span><p>Fares rise.</p><ul><li>Older story, 12/28/2007</li></ul>"
         "<p>© 2008 Harbour Courier</p>", "2008-01-07"),
        # ...never the headline's own date: "Minutes of the meeting of 10 October 2019"
        ("<title>Minutes of the board meeting of 10 October 2019</title>",
         "<h1>Minutes of the board meeting of 10 October 2019</h1><p>26/12/2019 by Webteam</p>"
         "<p>Present: the board.</p>", "2019-12-26"),
    ],
)
def test_date(head: str, body: str, expected: str | None) -> None:
    assert extract_meta(page(head, body)).date == expected


@pytest.mark.parametrize(
    "text, expected",
    [("2019-10-19T19:08:22+02:00", "2019-10-19"), ("2019-02-30", None), ("no date", None), (None, None)],
)
def test_valid_date(text: str | None, expected: str | None) -> None:
    assert valid_date(text) == expected


@pytest.mark.parametrize(
    "head, body, expected",
    [
        ('<meta name="author" content="By Heike Buchter">', "", "Heike Buchter"),
        (ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Ann Lee"}]}), "",
         "Ann Lee"),
        # the publisher trafilatura lists beside the writer is dropped
        (ld({"@type": "NewsArticle", "publisher": {"name": "Condé Nast"}})
         + '<meta name="author" content="Condé Nast; Molly Wood">', "", "Molly Wood"),
        # a date or a domain where a name should be is no author
        ('<meta name="author" content="Friday, January 11, 2008">', "", None),
        ('<meta name="author" content="CBNNews.com">', "", None),
        ('<meta property="og:site_name" content="Tonight News"><meta name="author" content="Tonight News">',
         "", None),
    ],
)
def test_author(head: str, body: str, expected: str | None) -> None:
    assert extract_meta(page(head, body)).author == expected


def test_description_prefers_open_graph() -> None:
    tree = page('<meta name="description" content="Plain."><meta property="og:description" content="OG.">')
    assert extract_description(tree) == "OG."


def test_extract_headlines_gives_every_form_of_the_headline() -> None:
    tree = lxml_html.fromstring(
        '<html><head><title>NTV - Grand Island | Coach quits</title>'
        '<meta property="og:title" content="Coach quits, his mother says"></head>'
        "<body><h1>Coach quits</h1><p>Text.</p></body></html>")
    assert extract_headlines(tree) == ["Coach quits, his mother says", "NTV - Grand Island | Coach quits",
                                       "Coach quits"]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("Die Abgeordnete Aydan&amp;nbsp;Özoğuz ist gewählt.", "Die Abgeordnete Aydan Özoğuz ist gewählt."),
        ("&lt;p&gt;Die frühen 1970er Jahre werden oft genannt.&lt;/p&gt;",
         "Die frühen 1970er Jahre werden oft genannt."),
        ("Plain summary.", "Plain summary."),
    ],
)
def test_extract_description_unescapes_twice_escaped_text(content: str, expected: str) -> None:
    tree = lxml_html.fromstring(f'<html><head><meta name="description" content="{content}"></head>'
                                "<body><p>x</p></body></html>")
    assert extract_description(tree) == expected


def test_a_title_escaped_twice_is_read_as_its_words():
    # the markup escaped an already escaped value: the attribute holds "&#039;" as text
    tree = page(head='<meta property="og:title" content="Rangers&amp;#039; &amp;quot;late&amp;quot; '
                     'win &amp;amp; a record">')
    assert extract_meta(tree).title == "Rangers' \"late\" win & a record"
