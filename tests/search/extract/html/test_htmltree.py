"""Link lists leave a page before its readers; a block with a sentence outside its links stays."""
from __future__ import annotations

from lxml import html as lxml_html

from search.extract.html.tree import MIN_LINK_LIST_LINKS, drop_link_lists

ARTICLE = ("<article><p>Ministers from twelve countries met in Geneva on Wednesday to agree a "
           "plan for the <a href='/r'>river basin</a>.</p></article>")


def _links(count: int, separator: str = "") -> str:
    return separator.join(f"<li><a href='/l{i}'>Link {i}</a></li>" for i in range(count))


def _page(*blocks: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f"<html><body>{''.join(blocks)}{ARTICLE}</body></html>")


def test_a_long_menu_goes_and_the_article_stays():
    tree = drop_link_lists(_page(f"<nav><div><ul>{_links(MIN_LINK_LIST_LINKS)}</ul></div></nav>",
                                 f"<footer>© Outlet | {_links(80, ' | ')}</footer>"))
    assert tree.find(".//nav") is None and tree.find(".//footer") is None
    assert "river basin" in tree.text_content()


def test_a_short_menu_stays():
    tree = drop_link_lists(_page(f"<nav><ul>{_links(MIN_LINK_LIST_LINKS - 1)}</ul></nav>"))
    assert len(tree.findall(".//nav//a")) == MIN_LINK_LIST_LINKS - 1


def test_a_block_with_a_sentence_outside_its_links_stays_but_its_lists_go():
    sentence = "<p>Sign up for our daily newsletter to get the news every morning.</p>"
    tree = drop_link_lists(_page(f"<aside>{sentence}<ul>{_links(60)}</ul></aside>"))
    assert tree.find(".//aside") is not None and "daily newsletter" in tree.text_content()
    assert tree.find(".//aside/ul") is None


def test_a_page_that_is_all_links_keeps_its_body():
    tree = drop_link_lists(lxml_html.fromstring(
        f"<html><body><ul>{_links(60)}</ul>{_links(60)}</body></html>"))
    assert tree.find(".//body") is not None and tree.find(".//ul") is None
