"""Tests for a page's text as a browser shows it and the headline an old-style page prints."""
from __future__ import annotations

from lxml import html as lxml_html

from search.extract.html.page import extract_html_page
from search.extract.html.shown import shown_headline, shown_text

STORY = ("The harbour board voted on Tuesday to close the north pier for repairs that are "
         "expected to take most of the winter, the board's chairwoman told reporters. ")


def old_style_page(title: str, headline: str, *, extra_head: str = "") -> str:
    """A 2008 news page: the site's name as <title>, a menu, the headline in a bold cell."""
    return (f"<html><head><title>{title}</title>{extra_head}</head><body>"
            "<table><tr><td><a href='/'>Home</a> | <a href='/news'>News</a> | "
            "<a href='/sport'>Sport</a></td></tr></table>"
            "<table><tr><td><font size='2'>Local news</font></td></tr>"
            f"<tr><td><font size='4'><b>{headline}</b></font></td></tr>"
            f"<tr><td><p>{STORY * 3}</p><p>{STORY * 2}</p></td></tr></table>"
            "<p>Copyright 2008 Harbour Daily. All rights reserved.</p></body></html>")


def test_shown_text_puts_blocks_on_lines_and_cells_side_by_side():
    tree = lxml_html.fromstring(
        "<html><head><title>Not shown</title><style>p{}</style></head><body>"
        "<div>One <b>line</b> here</div><p>Next<br>line</p>"
        "<table><tr><td>left</td><td>right</td></tr></table>"
        "<script>var hidden = 1;</script><span style='display: none'>hidden</span>"
        "<div hidden>also hidden</div>tail text</body></html>")
    assert shown_text(tree).splitlines() == ["One line here", "", "Next", "line", "",
                                             "left right", "", "tail text"]


def test_shown_text_walks_a_very_deep_page_without_recursion():
    tree = lxml_html.fromstring("<html><body><div>top</div></body></html>")
    node = tree.find("body")
    for _ in range(20_000):  # deeper than Python's recursion limit (a parser stops at 256)
        node = lxml_html.etree.SubElement(node, "span")
    node.text = "deep words"
    assert shown_text(tree).splitlines() == ["top", "deep words"]


def test_the_printed_headline_replaces_a_title_the_page_does_not_print():
    headline = "Harbour board closes north pier for the winter"
    tree = lxml_html.fromstring(old_style_page("The Harbour Daily Network", headline))
    assert shown_headline(tree, "The Harbour Daily Network") == headline
    assert shown_headline(tree, None) == headline  # no <title> at all


def test_a_title_the_page_prints_as_a_line_is_kept():
    headline = "Harbour board closes north pier for the winter"
    tree = lxml_html.fromstring(old_style_page(headline, headline))
    assert shown_headline(tree, headline) is None


def test_a_title_worded_as_the_printed_headline_keeps_its_own_punctuation():
    tree = lxml_html.fromstring(old_style_page("x", "Harbour board - closes north pier"))
    assert shown_headline(tree, "Harbour board – closes north pier") is None


def test_an_html_page_titled_with_its_site_name_gets_its_headline():
    headline = "Harbour board closes north pier for the winter"
    page = extract_html_page(old_style_page("The Harbour Daily Network", headline).encode())
    assert page.title == headline


def test_a_meta_title_is_still_taken_as_it_stands():
    meta = '<meta property="og:title" content="Pier to close for winter repairs">'
    page = extract_html_page(old_style_page("The Harbour Daily Network",
                                            "Harbour board closes north pier for the winter",
                                            extra_head=meta).encode())
    assert page.title == "Pier to close for winter repairs"
