"""Tests for list chrome, quoted replies, signatures and forwarded-article headers in mail text."""
from __future__ import annotations

import functools
import re
import string

import pytest

from search.extract.mail import article, listchrome, replies
from search.extract.mail.listchrome import holds_any, list_name_in_footer
from search.extract.mail.article import parse_article_date, split_article_header
from search.extract.mail.chrome import clean_body, clean_subject, list_tag


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("[News] Hamas flexibility in negotiations", "Hamas flexibility in negotiations"),
        ("Re: [Twisted-web] Re: RE: Fwd: Nevow   forms", "Nevow forms"),
        ("[Twisted-web] Re: [Nevow-commits] r3904 - nesting", "r3904 - nesting"),
        ("AW: Re[2]: SV: Frage", "Frage"),
        ("回覆： Re: 回覆： Re: [Twisted-web] How to wait?", "How to wait?"),  # full-width colon
        ("答复: 转发: 会议时间", "会议时间"),
        ("ΑΠ: Συνάντηση", "Συνάντηση"),
        ("Odp: Rif: YNT: pytanie", "pytanie"),
        ("Regarding: the minutes", "Regarding: the minutes"),  # a word, not a marker
        ("Trial: run", "Trial: run"),
        ("Re: Opel owners?", "Opel owners?"),
        ("Why [brackets] stay inside", "Why [brackets] stay inside"),
        ("Re:", None),
        ("", None),
        (None, None),
    ],
)
def test_clean_subject(subject: str | None, title: str | None) -> None:
    assert clean_subject(subject) == title


@pytest.mark.parametrize(
    ("subject", "tag"),
    [("[Twisted-web] x", "Twisted-web"), ("Re: [News] y", "News"), ("no tag", None), (None, None),
     ("[PATCH v2 5/7] mm: fix", None), ("[PATCH 44/44] x", None), ("[RFC] x", None), ("[PATCHv3] x", None),
     ("Mirror via [199.164.235.226]", None), ("[199.164.235.226] x", None), ("Some words [tools] x", None),
     ("Re: AW: [help-gnu-emacs] y", "help-gnu-emacs"), ("回覆： Re: [Twisted-web] z", "Twisted-web")],
)
def test_list_tag(subject: str | None, tag: str | None) -> None:
    assert list_tag(subject) == tag


def test_list_name_in_footer() -> None:
    assert list_name_in_footer("text\n\nMore information about the News mailing list\n") == "News"
    assert list_name_in_footer("no footer here") is None


# text, must be in body, must not be in body, must be in quoted
CASES = [
    ("Hello.\n\n_______________________________________________\nTwisted-web mailing list\n"
     "Twisted-web at twistedmatrix.com\nhttp://twistedmatrix.com/cgi-bin/mailman/listinfo/twisted-web\n",
     ["Hello."], ["mailing list", "listinfo", "____"], []),
    ("Body.\n-------------- next part --------------\nAn HTML attachment was scrubbed...\n"
     "URL: <http://x.org/attachments/1/attachment.htm>\n",
     ["Body."], ["next part", "scrubbed", "URL:"], []),
    ("See log.\n-------------- next part --------------\nAn embedded and charset-unspecified text was "
     "scrubbed...\nName: backtrace.txt\nURL: <http://x.org/a.txt>\n\nAxel\n",
     ["See log."], ["scrubbed", "backtrace.txt"], []),
    ("Reply.\n-------------- next part --------------\nAn embedded message was scrubbed...\n"
     "From: W <w at x.ch>\nSubject: Re: [L] Athena: how to putChild\n\tsession URL?\nDate: Wed, 22 Apr 2009\n"
     "Size: 5044\nUrl: http://x.org/attachment.eml\n",
     ["Reply."], ["session URL?", "Size:", "scrubbed"], []),
    ("Last words.\n\nMore information about the Twisted-web\nmailing list\n",
     ["Last words."], ["More information", "mailing list"], []),
    ("Text before.\n[image: photo.jpg]\n\n   - A caption of the photo that goes on\n   over two lines.\n\n"
     "Text after.\n", ["Text before.", "Text after."], ["[image:", "caption"], []),
    ("Para one.\n\n*Read more: Another headline that ends:\nits second line.\nA subheading\n",
     ["Para one.", "A subheading"], ["Read more", "its second line."], []),
    ("I agree.\n\nOn Mon, Mar 4, 2024 at 9:00 AM Bob <bob@x.org> wrote:\n> Shall we?\n> Yes.\n",
     ["I agree."], ["Shall we?", "wrote:"], ["On Mon, Mar 4, 2024", "> Shall we?"]),
    ("On Tue, 2004-04-06 at 10:00, Ann wrote:\n> question\n\nanswer below the quote\n",
     ["answer below the quote"], ["question", "Ann wrote"], ["> question"]),
    ("In article <abc@x.edu>\nsandvik@newton.apple.com (Kent Sandvik) writes:\n>My online Bible.\n\nWho said?\n",
     ["Who said?"], ["In article", "Kent Sandvik", "online Bible"], ["In article <abc@x.edu>"]),
    ("Le vendredi 19 mars 2010 ? 18:36 +0800, Joson a ?crit :\n> bonjour\n\nmerci\n",
     ["merci"], ["crit", "bonjour"], ["> bonjour"]),
    ("Top post.\n\n-----Original Message-----\nFrom: A\nSent: Monday\nSubject: x\n\nUnmarked original.\n",
     ["Top post."], ["Unmarked original.", "Original Message"], ["Unmarked original."]),
    ("Thanks!\n\nDe : twisted-web-bounces at x.com\nEnvoyé : 21 juin, 2004 19:23\nÀ : twisted-web\n\nold text\n",
     ["Thanks!"], ["old text", "Envoy"], ["old text"]),
    ("----- Original Message -----\nFrom: A\nSent: Monday\n\n> quoted original\n\nbottom-posted answer\n",
     ["bottom-posted answer"], ["quoted original", "Original Message"], ["> quoted original"]),
    ("Welcome!\n\nOn Jun 24, 2009 12:45 PM, \"Juanjo\" <j at g.com> wrote:\n\nHi everybody, unmarked.\n",
     ["Welcome!"], ["Hi everybody"], ["Hi everybody, unmarked."]),
    ("Try this:\n\n>>> from nevow import tags\n>>> tags.div\n\nworks.\n",
     ["Try this:", ">>> from nevow import tags", "works."], [], []),
    ("Thanks, it works.\n\n-- \nJane Roe\nExample Corp\n", ["Thanks, it works."], ["Jane Roe", "--"], []),
    ("Cheers\n--\nJuanjo Conti\n", ["Cheers"], ["Juanjo"], []),
    ("Answer.\n\n__________________________________\nDo you Yahoo!?\nhttp://antispam.yahoo.com/x\n",
     ["Answer."], ["Yahoo", "____"], []),
    ("Organization: Brunel University\nKeywords:\n\n\nSubject: VGA\nNewsgroups: comp.graphics\n\nReal text.\n",
     ["Real text."], ["Organization", "Newsgroups", "Keywords"], []),
    ("> Hello there my fellow mates,\n> how do I attach a guard?\n",
     ["Hello there my fellow mates,", "how do I attach a guard?"], [">"], []),
    ("Previous message: [News] Older\nNext message: [News] Newer\nMessages sorted by: [ date ] [ thread ]\n\n"
     "Body text.\n", ["Body text."], ["Previous message", "sorted by"], []),
]


@pytest.mark.parametrize(("text", "present", "absent", "in_quoted"), CASES)
def test_clean_body(text: str, present: list[str], absent: list[str], in_quoted: list[str]) -> None:
    body, quoted = clean_body(text)
    for snippet in present:
        assert snippet in body, snippet
    for snippet in absent:
        assert snippet not in body, snippet
    for snippet in in_quoted:
        assert snippet in quoted, snippet


def test_long_text_after_a_dash_line_is_not_a_signature() -> None:
    text = "Intro.\n--\n" + "\n".join(f"line {n} of the real text" for n in range(20))
    body, _ = clean_body(text)
    assert "line 19 of the real text" in body


@pytest.mark.parametrize(
    ("line", "date"),
    [("March 6, 2024", "2024-03-06"), ("6 March 2024", "2024-03-06"), ("Mar 6, 2024", "2024-03-06"),
     ("2024-03-06", "2024-03-06"), ("Wednesday, March 6, 2024", "2024-03-06"), ("Al Mayadeen English", None),
     ("March 32, 2024", None)],
)
def test_parse_article_date(line: str, date: str | None) -> None:
    assert parse_article_date(line) == date


@pytest.mark.parametrize(
    ("body", "title", "outlet", "date"),
    [
        ("Exclusive: Big news today\nAl Mayadeen English\nMarch 6, 2024\n\nFirst paragraph.",
         "Big news today", "Al Mayadeen English", "2024-03-06"),
        ("Big news today\nBy Jane Roe\nThe Guardian\n6 March 2024\n\nFirst paragraph.",
         "Big news today", "The Guardian", "2024-03-06"),
        ("Big news today\nI think this matters a lot for all of us.\nMarch 6, 2024\n\nText.",
         "Big news today", None, None),  # a sentence is not an outlet
        ("Hi all\nShort note\n\nText.", "Big news today", None, None),  # the headline is not repeated
        ("Big news today\nThe Guardian\nThe Observer\nMarch 6, 2024\n\nText.", "Big news today", None, None),
    ],
)
def test_split_article_header(body: str, title: str, outlet: str | None, date: str | None) -> None:
    found_outlet, found_date, rest = split_article_header(body, title)
    assert (found_outlet, found_date) == (outlet, date)
    if outlet:
        assert rest == "First paragraph."
    else:
        assert rest == body


def test_deep_quote_without_level_one_is_still_a_quote() -> None:
    body, quoted = clean_body("Sounds good.\n\n>>> Been thinking about this. It would be cool\n>>> to have more.\n")
    assert body == "Sounds good."
    assert ">>> Been thinking about this." in quoted


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("Thanks.\n\n________________________\n| Twisted-web mailing list\n| Twisted-web@twistedmatrix.com\n"
         "| http://twistedmatrix.com/cgi-bin/mailman/listinfo/twisted-web\n", "Thanks.", "mailing list"),
        ("Thanks again,\nLenny\n\nTwisted-web at twistedmatrix.com\n\n"
         "http://twistedmatrix.com/cgi-bin/mailman/listinfo/twisted-web\n", "Lenny", "listinfo"),
        ("Ok.\n\nOn Mar 15, 2017, at 1:20 AM, Ilya Skriblovsky <ilya at gmail.com>\nwrote:\n\n> x\n", "Ok.", "wrote"),
        # Yahoo wrapped the quoted footer's listinfo line: a lone ">" then the URL unmarked
        ("Thanks again,\n  Lenny\n\n> _______________________________________________\n> Twisted-web mailing list\n"
         "> Twisted-web@twistedmatrix.com\n>\nhttp://twistedmatrix.com/cgi-bin/mailman/listinfo/twisted-web\n> \n\n"
         "__________________________________________________\nDo You Yahoo!?\nhttp://mail.yahoo.com\n",
         "Lenny", "listinfo"),
        # Yahoo's "--- Name <address> wrote:" wrapped before the address
        ("regards,\nRodrigo.\n\n--- Valentino Volonghi aka Dialtone\n<dialtone@divmod.com> wrote:\n\n> Rodrigo wrote:\n",
         "Rodrigo.", "Valentino"),
        # "disait :" has a no-break space, which the .txt archive writes as "?"
        ("OoO vers 14:50,\nJean-Paul Calderone <exarkun@divmod.com> disait?:\n\n> JSON isn't XHTML\n\nThanks.\n",
         "Thanks.", "disait"),
    ],
)
def test_footer_and_attribution_remnants(text: str, kept: str, dropped: str) -> None:
    body, _ = clean_body(text)
    assert kept in body
    assert dropped not in body


@pytest.mark.parametrize(
    ("line", "date"),
    [("6 Mar 2024 14:47 GMT", "2024-03-06"), ("Wed 6 March 2024", "2024-03-06"), ("Mar. 6, 2024", "2024-03-06"),
     ("Published March 2024 by us and others in many places today", None), ("May the force", None)],
)
def test_parse_article_date_with_times_and_weekdays(line: str, date: str | None) -> None:
    assert parse_article_date(line) == date


def test_a_reply_that_is_all_quote_keeps_its_nested_quotes_apart() -> None:
    text = ("On Fri, 28 Jul 2006, lloyd wrote:\n>Hi Valentino,\n>\n>On Thu, July 27, 2006, Valentino wrote:\n>\n"
            ">> This is right.\n>\n>I've loaded python2.3-zopeinterface.\n")
    body, quoted = clean_body(text)
    assert body == "Hi Valentino,\n\nI've loaded python2.3-zopeinterface."
    assert quoted == "> This is right."


def test_a_quoted_footer_with_a_mailto_link_leaves_the_quote() -> None:
    text = ("Hi Judy,\n\n> Unsubscribe me.\n> _______________________________________________\n"
            "> Twisted-web mailing list\n> Twisted-web at twistedmatrix.com <mailto:Twisted-web at twistedmatrix.com>\n"
            "> http://twistedmatrix.com/cgi-bin/mailman/listinfo/twisted-web\n")
    body, quoted = clean_body(text)
    assert (body, quoted) == ("Hi Judy,", "> Unsubscribe me.")


@functools.cache
def _case_equivalents() -> dict[str, list[str]]:
    """Return, for each ASCII letter, every character a re.I pattern's letter also matches."""
    chars = [chr(c) for c in range(0x2200) if not 0xD800 <= c < 0xE000]
    return {letter: [c for c in chars if re.fullmatch(letter, c, re.I)] for letter in string.ascii_lowercase}


def _spellings(line: str, equivalents: dict[str, list[str]]):
    """Yield the line, and the line with each letter in turn spelled as each of its case equivalents."""
    yield line
    for i, char in enumerate(line):
        for other in equivalents.get(char.lower(), ()):
            yield line[:i] + other + line[i + 1:]


# Each gate's patterns, and lines they match (every alternative of every pattern).
GATED = [
    ((listchrome.NEXT_PART, listchrome.SCRUBBED_NOTICE, listchrome.SKIPPED_CONTENT),
     listchrome.ATTACHMENT_NEEDLES,
     ["-------------- next part --------------", "An HTML attachment was scrubbed...",
      "A non-text attachment was scrubbed...", "The message was scrubbed...",
      "Skipped content of type multipart/alternative"]),
    ((listchrome.PIPERMAIL_NAV,), listchrome.NAVIGATION_NEEDLES,
     ["Previous message: [Twisted-web] a", "* Next message (by thread): b", "- Previous message (by thread):",
      "Next message: c", "Messages sorted by: [ date ]", "\u2022 [ date ] [ thread ] [ subject ] [ author ]"]),
    ((listchrome.MORE_INFO,), (listchrome.MORE_INFO_NEEDLE,),
     ["More information about the Twisted-web mailing list"]),
    ((listchrome.FOOTER_RULE,), (listchrome.FOOTER_NEEDLE,), ["_" * 47]),
    (tuple(start for start, _ in listchrome.OTHER_FOOTERS), listchrome.OTHER_FOOTER_NEEDLES,
     ["--~--~---------~--~----~------------~-------~--~----~",
      'You received this message because you are subscribed to the Google Groups "K" group.',
      "Yahoo! Groups Links", "------------------------ Yahoo! Groups Sponsor --------------------~-->",
      "Groups.io Links: You receive all messages sent to this group.",
      "To unsubscribe from the KETTLES list, click the following link:"]),
    ((article.IMAGE_PLACEHOLDER, article.READ_MORE), article.ARTICLE_CHROME_NEEDLES,
     ["[image: Reuters]", " [cid:image001.png@01D]", "Read more: a", "*Read also : b", "Related: c",
      "See also: d", "  * Also read: e"]),
]


@pytest.mark.parametrize(("patterns", "needles", "lines"), GATED)
def test_a_stage_gate_holds_wherever_its_patterns_match(patterns, needles, lines) -> None:
    # The stages skip a text whose lower-cased form holds none of their needles: sound only if
    # every line a pattern matches, however its letters are cased (re.I also reads "ı" and "İ"
    # as "i", "ſ" as "s"), holds a needle once lower-cased.
    equivalents = _case_equivalents()
    for line in lines:
        assert any(p.search(line) for p in patterns), line
        for spelled in _spellings(line, equivalents):
            if any(p.search(spelled) for p in patterns):
                assert holds_any(spelled.lower(), needles, []), spelled


def test_gated_stages_keep_lines_without_their_chrome() -> None:
    lines = ["Related work is in the paper.", "I read more of it: fine.", "_" * 19]
    folded = "\n".join(lines).lower()
    assert listchrome.strip_attachments(lines, folded) == lines
    assert listchrome.strip_archive_navigation(lines, folded) == lines
    assert listchrome.strip_list_footer(lines) == lines
    assert article.strip_article_chrome(lines, folded) == lines
    assert article.strip_article_chrome(["Related: x", "y"]) == ["y"]


@pytest.mark.parametrize("line", [
    "> quoted", "   |> quoted", ">>> import os", "-----Original Message-----", " --- Message d'origine ---",
    "From: Jane Doe", "*De :* Jean", "Von: Hans", "Van: Piet", "On Monday, Jane wrote:", "Jane writes:  ",
    "[snip]", "[...]", "*snipped*", "<snip>", "[ ... ]",
])
def test_split_quoted_looks_at_every_line_its_rules_can_match(line: str) -> None:
    # split_quoted passes over unmarked lines as the author's own: every line one of its
    # patterns matches, however re.I reads its letters, must be marked.
    patterns = (replies.QUOTE_LINE, replies.ORIGINAL_MESSAGE, replies.OUTLOOK_FROM, replies.LONE_ATTRIBUTION,
                replies.SNIP_MARK)
    assert any(p.match(line) for p in patterns)
    for spelled in _spellings(line, _case_equivalents()):
        if any(p.match(spelled) for p in patterns) or spelled.rstrip().endswith(":"):
            assert replies.marked_lines(["plain text", spelled]) == [1], spelled
