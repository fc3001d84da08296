"""Tests for the HTML page reader: decoding, tree preparation, body cleaning, whole pages."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from search.extract.html.body import find_lead
from search.extract.html.chrome import clean_body, is_credit, is_dateline
from search.extract.html.decode import repair_html
from search.extract.html.page import HtmlPageError, decode_html, extract_html_page
from search.timebudget import time_budget
from search.extract.html.tree import is_layout_table, prune_chrome, unwrap_layout_tables, wrap_loose_text

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "htmlpage"


def read(name: str) -> bytes:
    """Return the bytes of a fixture page."""
    return (FIXTURES / name).read_bytes()


@pytest.mark.parametrize(
    "name, must_contain, must_not_contain, fields",
    [
        ("h1-with-kicker.html",
         ["Touristen und Börsenhändler waren überrascht"],
         [],
         {"title": "Bohren, bis es heiß wird", "outlet": "ZEIT ONLINE", "date": "2019-10-19"}),
        ("lead-in-teaser-box.html",
         ["Vor der zweiten Tarifrunde für die Beschäftigten",
          "Die Ausbildungsvergütungen sollen um 100 Euro angehoben werden."],
         ["Foto: GdP/Hagen Immel"],
         {"date": "2021-10-29"}),
        ("article-split-by-ads.html",
         ["Instagram began testing hiding public like counts",
          # the second section, after the ad break, that trafilatura alone leaves out
          "Instagram also lets you see how people interact with your stories"],
         [],
         # the page's only <h1>, though og:title words it otherwise
         {"title": "Why My Friend Became a Grocery Store on Instagram", "outlet": "Wired"}),
        ("unclosed-title.html",
         ["President Bush is urging OPEC nations",
          "reigning in Iran."],
         ["Translate Page", "Email to a Friend"],
         {"title": "Bush to Saudis: More Oil Please", "date": "2008-01-15"}),
        ("br-separated-paragraphs.html",
         ["LOS ANGELES (AP)",
          "A desk clerk who answered the phone at the hotel late Thursday declined comment."],
         ["Print this story", "Text Size", "ADVERTISEMENT"],
         {"author": None}),
        ("loose-lead-before-paragraphs.html",
         # the first paragraph is loose text before the <p>s of the rest
         ["THE HAGUE, Netherlands – Judges in the war crimes trial",
          "Under cross-examination, Smillie denied"],
         ["By Mike Corder", "3:56 a.m. January 8, 2008"],
         {"date": "2008-01-08"}),
    ],
)
def test_fixture_pages(name: str, must_contain: list[str], must_not_contain: list[str],
                       fields: dict) -> None:
    page = extract_html_page(read(name))
    flat = " ".join(page.body.split())
    assert page.kind == "html"
    for snippet in must_contain:
        assert snippet in flat
    for snippet in must_not_contain:
        assert snippet not in flat
    for key, value in fields.items():
        assert getattr(page, key) == value


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b'<meta charset="iso-8859-1"><p>Gr\xfc\xdfe aus T\xfcbingen</p>', "Grüße aus Tübingen"),
        (b"<p>\xe2\x80\x9cQuoted\xe2\x80\x9d</p>", "\u201cQuoted\u201d"),
        # latin-1 declared, windows-1252 bytes: browsers show curly quotes
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>\x93Hi\x94</p>',
         "\u201cHi\u201d"),
        ("<p>already text</p>".encode("utf-16"), "already text"),
        (b"\xef\xbb\xbf<p>bom</p>", "<p>bom</p>"),
        # a stray byte in a page without a declared charset must not raise
        (b"<p>caf\xe9 au lait, s'il vous pla\xeet, merci beaucoup</p>", "au lait"),
    ],
)
def test_decode_html(raw: bytes, expected: str) -> None:
    assert expected in decode_html(raw)


@pytest.mark.parametrize(
    "raw",
    [b"", b"   \n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "", "  "],
)
def test_unreadable_input_raises_a_value_error(raw: bytes | str) -> None:
    with pytest.raises(HtmlPageError):
        extract_html_page(raw)
    assert issubclass(HtmlPageError, ValueError)


@pytest.mark.parametrize(
    "raw",
    [b"<html><body><p>Cut off in the middle of a sent", b"<", b"<p>", b"plain words, no markup",
     b"<html><head><title>Only a title</title></head></html>"],
)
def test_truncated_or_odd_html_does_not_crash(raw: bytes) -> None:
    try:
        page = extract_html_page(raw)
    except HtmlPageError:
        return
    assert isinstance(page.body, str)


def test_repair_html_closes_a_runaway_title() -> None:
    text = "<html><head><title>Bush to Saudis - CBN</titlevalue -->\n</head><body><p>Text</p>"
    tree = lxml_html.fromstring(repair_html(text))
    assert tree.findtext(".//title") == "Bush to Saudis - CBN"
    assert tree.findtext(".//p") == "Text"
    good = "<title>Fine</title><p>x</p>"
    assert repair_html(good) == good


@pytest.mark.parametrize(
    "table, layout",
    [
        ("<table><tr><td>Name</td><td>Age</td></tr><tr><td>Ann</td><td>31</td></tr></table>", False),
        ("<table><tr><td><p>A paragraph in a cell</p></td><td>menu</td></tr></table>", True),
        ("<table><td><table><tr><td>nested</td></tr></table></td></table>", True),
        ('<table role="presentation"><tr><td>x</td></tr></table>', True),
        ("<table><tr><td>" + "word " * 70 + "</td></tr></table>", True),
    ],
)
def test_is_layout_table(table: str, layout: bool) -> None:
    tree = lxml_html.fromstring(f"<html><body>{table}</body></html>")
    assert is_layout_table(tree.find(".//table")) is layout


def test_unwrap_layout_tables_keeps_data_tables() -> None:
    tree = lxml_html.fromstring(
        "<html><body><table><tr><td><p>Story</p>"
        "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>"
        "</td></tr></table></body></html>")
    unwrap_layout_tables(tree)
    assert len(tree.findall(".//table")) == 1
    assert tree.find(".//table").xpath("string()") == "1234"


def test_wrap_loose_text_makes_paragraphs_at_double_breaks() -> None:
    first, second = "word " * 30, "other " * 30
    tree = lxml_html.fromstring(
        f"<html><body><div>{first}<br><br>{second}<br>same para</div></body></html>")
    wrap_loose_text(tree)
    paras = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    assert paras == [first.strip(), f"{second.strip()} same para"]


def test_wrap_loose_text_wraps_a_lead_before_paragraphs() -> None:
    lead, rest = "lead " * 20, "rest " * 30
    tree = lxml_html.fromstring(f"<html><body><div>{lead}<p>{rest}</p></div></body></html>")
    wrap_loose_text(tree)
    assert [" ".join(p.text_content().split()) for p in tree.iter("p")] == [lead.strip(), rest.strip()]


@pytest.mark.parametrize(
    "body, wrapped",
    [
        # one bare <div> alone in its parent: a paragraph trafilatura would skip
        ('<div class="text"><div class="preview">' + "word " * 40 + "</div></div>", True),
        # a run of paragraph <div>s (CNN's zn-body__paragraph) is left as it is
        ("<div>" + ('<div class="paragraph">' + "word " * 40 + "</div>") * 2 + "</div>", False),
        ('<div class="text"><div class="preview">' + "few words here" + "</div></div>", False),
    ],
)
def test_wrap_loose_text_wraps_a_bare_div_alone(body: str, wrapped: bool) -> None:
    tree = lxml_html.fromstring(f"<html><body>{body}</body></html>")
    wrap_loose_text(tree)
    assert (tree.find(".//p") is not None) is wrapped


def test_wrap_loose_text_leaves_link_lists_alone() -> None:
    links = "".join(f'Jan {i}, 2008 - <a href="/{i}">Some other story title here</a><br>'
                    for i in range(10))
    tree = lxml_html.fromstring(f"<html><body><div>{links}</div></body></html>")
    wrap_loose_text(tree)
    assert tree.find(".//p") is None


@pytest.mark.parametrize(
    "text, labels, expected",
    [
        ("Headline here\nBy Jane Doe\nJanuary 7, 2008\nThe story begins.\nComments",
         ("Headline here",), "The story begins."),
        ("CBNNews.com\nJanuary 15, 2008\nThe story.", ("Headline", "CBNNews.com"), "The story."),
        ("The story.\nRead more: Another story entirely\nMore story.", (), "The story.\nMore story."),
        ("The story.\nPrinter friendly page\nSponsored Links\nEnd.", (), "The story.\nEnd."),
        # the label of an embedded video or gallery, which names another item's speaker
        ("The story.\nVideo: Dr Amos suggests that pupils stay home (Example TV)\nGallery: The "
         "floods around the world (Photo Desk)\nEnd.", (), "The story.\nEnd."),
        # cards of other stories, each headline printed twice and its source after
        ("The story.\n- Harbour ferry runs late again Harbour ferry runs late again Coast Radio\n"
         "- Piet Zandt tells fans to stay home Piet Zandt tells fans to stay home tonight Coast "
         "Radio\nEnd.", (), "The story.\nEnd."),
        ("Video footage showed the crowd leaving: the police said no one was hurt.", (),
         "Video footage showed the crowd leaving: the police said no one was hurt."),
        ("The story.\n© 2008 Earthtimes.org, All Rights Reserved.", (), "The story."),
        ("|  |  |\n| Story in a cell |\nLast line.", (), "Story in a cell\nLast line."),
        # a notice in a table row, longer than a short copyright line
        ("The story.\n|  | All content © Copyright 2000 - 2008 WorldNow and NTV. All Rights Reserved. "
         "For more information on this site, please read our Privacy Policy and Terms of Service. |",
         (), "The story."),
        # the wire's notice closing the last paragraph
        ("The story ends here. Copyright 2008 The Associated Press. All rights reserved. This "
         "material may not be published, broadcast, rewritten or redistributed.", (),
         "The story ends here."),
        # the headline again, as the <title> gives it with the site name
        ("Relatives of coach face harassment, his mother says\nThe story.", (), "The story."),
        ("Posted at 6:47am on 14 Jan 2008\nThe story.\nAFP", (), "The story."),
        # a teaser for another article: headline over a date stamp
        ("The story.\nHackers offer a discount to the government\nJueves 21 abril, 2022\nEnd.", (),
         "The story.\nEnd."),
        # calls to sign up for a newsletter, in any language
        ("The story.\nThere's plenty more where that came from. Sign up for The Water Coolest today "
         "to get the free daily newsletter delivered to your inbox daily.\nJetzt Newsletter abonnieren"
         "\nClick here to subscribe to The Paradigm\nEnd.", (), "The story.\nEnd."),
        ("The newsletter reached 2,000 readers in its first year, the editor said.", (),
         "The newsletter reached 2,000 readers in its first year, the editor said."),
        # a long sentence that mentions copyright stays
        ("The court ruled that copyright law does not cover the recipe, the judge wrote in a "
         "long opinion that ran to many pages and cited decades of cases on the matter at hand.",
         (), "The court ruled that copyright law does not cover the recipe, the judge wrote in a "
         "long opinion that ran to many pages and cited decades of cases on the matter at hand."),
    ],
)
def test_clean_body(text: str, labels: tuple[str, ...], expected: str) -> None:
    headlines = ("NTV - Grand Island | Relatives of coach face harassment, his mother says",)
    assert clean_body(text, labels, headlines) == expected


@pytest.mark.parametrize(
    "line, dateline",
    [
        ("Posted at 6:47am on 14 Jan 2008", True),
        ("Updated Thu. Jan. 10 2008 10:12 PM ET", True),
        ("17/01/2008 18:04:44", True),
        ("[Published: 8-Jan-2008]", True),
        ("Veröffentlicht am 16.08.2019", True),
        # times, prices and phone numbers are not dates
        ("10 p.m.", False),
        ("+81 158-23-2012", False),
        ("02-751-1500", False),
        ("286,35 €", False),
        ("In 2008 we moved.", False),
    ],
)
def test_is_dateline(line: str, dateline: bool) -> None:
    assert is_dateline(line) is dateline


@pytest.mark.parametrize(
    "line, credit",
    [
        ("    AFP", True),
        ("Agence France-Presse", True),
        ("Source: China Daily/Agencies", True),
        ("Associated Press Writers Qassim Abdul-Zahra and Sinan Salaheddin contributed to this report.",
         True),
        ("With a report from CTV Toronto's MairiAnna Bachynsky", True),
        ("(Credit: Clayton Aldern / Grist)", True),
        ("Foto: GdP/Hagen Immel", True),
        ("Photo by ev on Unsplash", True),
        ("Photography: a history of the medium from its first days to the present, in six parts.",
         False),
        ("Quellen und Inspiration: u.a. wikipedia.org", False),
        ("The source of the leak was never found.", False),
        ("AP: Why Cruise?", False),
    ],
)
def test_is_credit(line: str, credit: bool) -> None:
    assert is_credit(line) is credit


def test_find_lead_restores_a_teaser_standfirst() -> None:
    lead = "Vor der zweiten Tarifrunde mahnt die Gewerkschaft der Polizei mehr Gesprächsbereitschaft an."
    tree = lxml_html.fromstring(
        f'<html><head><meta name="description" content="{lead}"></head><body>'
        f'<div class="teaser"><p class="abstract">{lead}</p></div>'
        f"<article><p>Body text.</p></article></body></html>")
    assert find_lead(tree, "Body text.") == lead
    assert find_lead(tree, f"{lead}\nBody text.") is None


def test_find_lead_skips_a_subtitle_dek() -> None:
    dek = "What was this British royal and his aides thinking when he gave the interview?"
    tree = lxml_html.fromstring(
        f'<html><head><meta name="description" content="{dek}"></head><body>'
        f'<div class="m-detail-header--dek">{dek}</div><p>Body.</p></body></html>')
    assert find_lead(tree, "Body.") is None


@pytest.mark.parametrize(
    "head, above, expected",
    [
        # no description to match: the lead box just above the text (impulse.de's article-excerpt)
        ("", '<p class="article-excerpt">Wie viele Tage im Jahr dürfen Mitarbeiter zu Hause bleiben, '
         "wenn ihr Kind krank ist?</p>",
         "Wie viele Tage im Jahr dürfen Mitarbeiter zu Hause bleiben, wenn ihr Kind krank ist?"),
        # a description escaped twice ("&amp;nbsp;") still finds its paragraph (spdfraktion.de)
        ('<meta name="description" content="Die SPD-Abgeordnete Aydan&amp;nbsp;Özoğuz ist zur '
         'stellvertretenden Präsidentin gewählt worden.">',
         '<div class="article-intro"><div class="text-intro">Die SPD-Abgeordnete Aydan&nbsp;Özoğuz ist '
         "zur stellvertretenden Präsidentin gewählt worden.</div></div>",
         "Die SPD-Abgeordnete Aydan Özoğuz ist zur stellvertretenden Präsidentin gewählt worden."),
        # a teaser cut short is a link to the article, not its lead
        ("", '<div class="excerpt">Two people in China have been diagnosed with the plague, and '
         "officials say ...</div>", None),
        # "abstract" boxes on US sites hold the dek, and "leadMedia" is no lead
        ("", '<div class="m-detail--abstract">Practical picks for horsey events, competition and '
         "fun for the month of September.</div>", None),
    ],
)
def test_find_lead_from_a_lead_box(head: str, above: str, expected: str | None) -> None:
    body = "Der Text beginnt hier mit einem langen Absatz, der viele Wörter hat und weitergeht bis zum Ende."
    tree = lxml_html.fromstring(
        f"<html><head>{head}</head><body><article><div class='header'>{above}</div>"
        f"<div class='text'><p>{body}</p></div></article></body></html>")
    assert find_lead(tree, body) == expected


def test_prune_chrome_drops_a_caption_repeating_the_alt_text() -> None:
    caption = "A Toronto police officer stops a car for a random sobriety check in this undated file photo."
    story = "Police laid charges against drivers at a RIDE checkpoint on Monday night."
    tree = lxml_html.fromstring(
        f'<html><body><div class="topPhoto"><img src="x.jpg" alt="{caption}"><p>{caption}</p></div>'
        f"<p>{story}</p><p><img src='y.jpg' alt='Map'>Map</p></body></html>")
    prune_chrome(tree)
    text = " ".join(tree.text_content().split())
    assert caption not in text
    assert story in text
    assert "Map" in text  # a short alt is no caption


def test_clean_body_is_fast_on_one_huge_line() -> None:
    # a page whose text comes out as one line must not make the line rules backtrack
    line = "words of a long story " * 40_000
    with time_budget(5):
        assert clean_body(line) == line.strip()
