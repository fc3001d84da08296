"""The mail checks of `make eval`: what counts as a quoted or footer line, and what twins compare."""
from __future__ import annotations

import pytest

from evals.mailchecks import _twin_norm, copy_checks, has_footer, has_quoted, page_thread_scores


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


PAGE = """<HTML><HEAD><TITLE> [Gadgets] {subject}
   </TITLE></HEAD><BODY>
   <H1>[Gadgets] {subject}</H1>
    <B>{name}</B>
    <A HREF="mailto:gadgets%40example.org?Subject={subject}&In-Reply-To={parent}">{name} at example.org</A><BR>
    <I>{date} CST 2024</I>
<!--beginarticle-->
<PRE>{body}
</PRE>
<!--endarticle-->
</body></html>
"""
# (Message-ID, In-Reply-To, subject, name, page date, body): pipermail writes a reply's page
# under its thread's subject, without "Re:", and no page keeps a Message-ID of its own.
MONTH = [("a@x", "", "Caching", "ann", "Fri Mar  1 16:30:00", "Should we cache the rendered pages?"),
         ("b@x", "a@x", "Caching", "ben", "Sat Mar  2 09:00:00", "Only the ones behind the login."),
         ("c@x", "", "Gears", "cy", "Sat Mar  2 10:00:00", "Which gear ratio do the tests assume?"),
         ("d@x", "b@x", "Caching", "ann", "Mon Mar  4 11:00:00", "Then a cache per session it is.")]


def write_month(folder, messages, pages=None):
    (folder / "2024-March").mkdir(parents=True)
    txt = []
    for n, (mid, parent, subject, name, when, body) in enumerate(messages, 1):
        reply = f"In-Reply-To: <{parent}>\n" if parent else ""
        txt.append(f"From {name} at example.org  {when} 2024\nFrom: {name} at example.org ({name})\n"
                   f"Date: {when} 2024\nSubject: [Gadgets] {subject}\nMessage-ID: <{mid}>\n{reply}\n{body}\n")
        if pages is None or n <= pages:
            (folder / "2024-March" / f"{n:06d}.html").write_text(PAGE.format(
                subject=subject, name=name, parent=parent.replace("@", "%40"), date=when, body=body))
    (folder / "2024-March.txt").write_text("\n".join(txt))
    return [folder / "2024-March.txt"]


def test_pages_alone_are_threaded_as_their_txt_twins_headers_thread_them(tmp_path):
    scores = page_thread_scores(tmp_path, write_month(tmp_path, MONTH))
    assert scores["pages"] == 4
    assert scores["pairs_expected"] == 3 and scores["precision"] == 1.0 and scores["recall"] == 1.0


def test_a_month_whose_pages_cannot_be_paired_with_its_messages_is_left_out(tmp_path):
    assert page_thread_scores(tmp_path, write_month(tmp_path, MONTH, pages=3))["pages"] == 0


def test_copies_are_left_out_only_where_the_txt_holds_the_pages_message(tmp_path):
    write_month(tmp_path, MONTH + [("e@x", "d@x", "Caching", "ann", "Mon Mar  4 12:00:00", "And one more: per user.")])
    found = copy_checks(tmp_path, workers=1)
    assert found["pages_alone"] == {"documents": 5, "left_out_as_copies": 0, "searchable": 5}
    assert found["pages_and_txt"] == {"documents": 10, "left_out_as_copies": 5, "searchable": 5}
    assert found["messages_in_txt"] == 5
