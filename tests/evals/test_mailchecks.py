"""The mail checks of `make eval`: what counts as a quoted or footer line, and what twins compare."""
from __future__ import annotations

import pytest

from evals.mailchecks import _twin_norm, has_footer, has_quoted


@pytest.mark.parametrize("body, quoted", [
    ("I tried it:\n>>> import twisted\n>>> twisted.__version__\n'8.1.0'", False),
    ("Here:\n>>>\n... ", False),
    ("> You wrote this\nand I answer", True),
    (">>> Been thinking about it for a while", True),
    ("No quote here at all", False),
])
def test_quoted_lines_but_not_python_sessions(body, quoted):
    assert has_quoted(body) is quoted


@pytest.mark.parametrize("body, footer", [
    ("Thanks!\n\nTwisted-web mailing list\nhttp://twistedmatrix.com/cgi-bin/mailman/listinfo/x", True),
    ("Thanks!\nMore information about the Twisted-web mailing list", True),
    ("Thanks!\nhttp://twistedmatrix.com/cgi-bin/mailman/listinfo/twisted-web", True),  # last
    ("Sign up at http://twistedmatrix.com/cgi-bin/mailman/listinfo/twisted-web today.\nBye", False),
])
def test_footer_lines_but_not_a_cited_listinfo_url(body, footer):
    assert has_footer(body) is footer


def test_twins_compare_through_the_lossy_copies_of_the_txt_archive():
    page = "Write to jane@example.org, le début"
    txt = "Write to jane at example.org, le d?but"
    assert _twin_norm(page) == _twin_norm(txt)
    assert _twin_norm("one thing") != _twin_norm("another thing")
