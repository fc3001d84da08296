"""Tests for date parsing and a page's own date line."""
from __future__ import annotations

import pytest

from search.extract.dates import (find_footer_date, find_text_date, is_date_line, normalise_date,
                                  slash_order)


@pytest.mark.parametrize("text, iso", [
    ("May 23, 2024", "2024-05-23"),
    ("May 23rd, 2024", "2024-05-23"),
    ("23 May 2024", "2024-05-23"),
    ("2024-05-23", "2024-05-23"),
    ("2024-05-23T10:00:00Z", "2024-05-23"),
    ("2024/05/23", "2024-05-23"),
    ("Wed Mar 6 12:53:51 EST 2024", "2024-03-06"),
    ("Wed, 06 Mar 2024 12:53:51 -0500", "2024-03-06"),
    ("Sat, 30 Mar 2024 04:04:12 GMT", "2024-03-30"),
    ("Veröffentlicht am 26. Oktober 2023", "2023-10-26"),
    ("19.12.2019 - 12:14 h", "2019-12-19"),
    ("Publicado: Jueves, 21 Abril 2022 04:45", "2022-04-21"),
    ("jeudi 13 juin 2019, par Attac France", "2019-06-13"),
    ("23/05/2024", "2024-05-23"),
    ("05/23/2024", "2024-05-23"),
    ("05/12/2020", None),  # May 12 or 5 December: no guess
    ("12-30-2007, 02h53", "2007-12-30"),  # month first with dashes
    ("30-12-2007", "2007-12-30"),
    ("05-12-2020", None),
    ("ON 11/13/19 AT 4:00 PM EST", "2019-11-13"),  # a two-digit year before a time
    ("von lupa am 26/10/13, 03:48 pm", "2013-10-26"),
    ("Posted 11/13/93 at 10:15 AM", "1993-11-13"),  # a two-digit year past 68 is of the 1900s
    ("1.11.99 20:19 von Lars", "1999-11-01"),
    ("11/20/19 6:38 AM", "2019-11-20"),
    ("02/03/16, 11:30 am", None),  # either order: no guess
    ("Score 3/4/25 12:00", None),
    ("1/2/35", None),  # a fraction, no time after it
    ("12/13/19 players", None),
    ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "2020-04-24"),  # a month's two names
    ("1.11.23 20:19 von Lars Sobiraj", "2023-11-01"),  # a two-digit year before a time
    ("Version 4.47.4 build", None),
    ("v2.1.24 12:00", None),
    ("Update 1.11.23 is out", None),
    ("2020.10.26 13:44", "2020-10-26"),
    ("2023年11月2日 16:05", "2023-11-02"),
    ("2023년 11월 7일", "2023-11-07"),
    ("192.168.10.12", None),
    ("21 сентября 2020", "2020-09-21"),
    ("24 серпня 2020 року", "2020-08-24"),
    ("الإثنين، 24 أغسطس 2020 09:56 ص", "2020-08-24"),
    ("الجمعة 8 فيفري 2019", "2019-02-08"),
    ("24 نيسان 2020", "2020-04-24"),
    ("Published 3 hours ago", None),
    ("Published on", None),
    ("on 6/10", None),
    ("February 30, 2024", None),
    ("Mar 2024", None),
    ("", None),
])
def test_normalise_date(text: str, iso: str | None) -> None:
    assert normalise_date(text) == iso


@pytest.mark.parametrize("lines, iso", [
    (["May 23, 2024", "", "Westside People", "Headline", "Body text here."], "2024-05-23"),
    (["Headline", "Published on", "Body that mentions May 5, 2024 in a long sentence, as events "
      "do when a reporter writes about what happened on a day long before the page."], None),
    (["Headline", "Relevant articles:", "Other story, CNN, Wed, 27 Mar 2024 13:49:00 GMT", "",
      "Body."], None),
    (["Headline", "The body of the article runs on for a while, as articles do, before the "
      "readers have their say.", "Comments", "March 3, 2024 at 6:34 am"], None),
    (["Comments", "Headline", "March 3, 2024", "Body."], "2024-03-03"),  # a menu link
    (["Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und "
      "wurde unter Allgemein abgelegt."], "2019-11-27"),
    (["31. Oktober 2023. Dragqueens sind Kunstfiguren aus Make-Up und Glitter, auf Partys und "
      "in Shows zu sehen, und seit Jahren Ziel von Anfeindungen aus vielen Richtungen."],
     "2023-10-31"),
    (["Updated May 2, 2024", "Published May 1, 2024", "Body."], "2024-05-01"),
    (["Wochenende in Wien 12.10. - 15.10.2023", "Body."], None),
    (["— South Park (@SouthPark) September 27, 2020"], None),
    (["Created late in the afternoon of Sunday, October 18th, 2020. Edited late in "
      "the afternoon of Monday, October 19th, 2020."], "2020-10-18"),
    (["Am 27. Januar 1945 wurde das deutsche Konzentrations- und Vernichtungslager Auschwitz "
      "befreit, und seither gedenkt das Land an diesem Tag der Opfer."], None),
    (["01.02.2022 „Der Arbeitsmarkt ist gut in das Jahr gestartet“, sagte die Vorsitzende der "
      "Behörde am Dienstag in Nürnberg, als sie die Zahlen des Monats vorstellte."], "2022-02-01"),
    (["BERGEN, Norway, March 5, 2024 /PRNewswire/ -- Harbourline today opened its first fully "
      "electric ferry route, linking the city centre with the islands across the bay."],
     "2024-03-05"),
    (["WASHINGTON, May 5, 2024 — The Senate voted on Tuesday to pass the bill after a long "
      "night of debate over its cost and its reach."], "2024-05-05"),
    # an event's date under its label is the event's, the page's stands elsewhere or nowhere
    (["Tastings in spring", "Termin: 21.02.2024, 19 Uhr", "Body."], None),
    (["Harbour open day", "When: March 9, 2024", "Posted on March 1, 2024", "Body."],
     "2024-03-01"),
    # a date a sentence of the body opens with is the sentence's, not a dateline
    (["Powers of the state", "", "The minister defended the plans on the radio this morning.",
      "I was born on 25 August, 1938. The threat back then was a war that everyone could see "
      "coming for years."], None),
    (["He died on 3 May 2001. The funeral was held a week later in the village where he had "
      "lived since the end of the war."], None),
    (["Posted on 5 March 2024. The council said on Tuesday that it would close the harbour "
      "road for the whole of the summer season."], "2024-03-05"),
    (["Mis à jour le 5 mars 2024. Le conseil a dit mardi qu'il fermerait la route du port "
      "pendant tout l'été."], "2024-03-05"),
])
def test_find_text_date(lines: list[str], iso: str | None) -> None:
    assert find_text_date(lines) == iso


@pytest.mark.parametrize("line, expected", [
    ("November 19, 2019 at 6:34 am", True),
    ("Monday, November 18, 2019, 04:05 pm PT", True),
    ("The talks began on May 5, 2024 and went on for three long weeks in Cairo.", False),
    ("last-minute failure", False),
    ("Actualizado: 07/03/2024 - 10:45", True),  # a date whichever way round it is read
])
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


@pytest.mark.parametrize("text, iso", [
    ("Posted on28. Juli 201928. Juli 2019", "2019-07-28"),  # a dump glues a badge's parts
    ("Apr 042013", "2013-04-04"),
    ("MoritzMeyer2020-09-18T14:37:41+02:00September 18th, 2020", "2020-09-18"),
    ("Juli 201928", None),  # no day glued to a year unless it is written with two digits
    ("23 May 20245", None),
    ("19.11.202119.11.2021", "2021-11-19"),
    ("19.11.20215", None),
    ("21:17 18.11.2019Get short URL", "2019-11-18"),  # glued to the link after it
    ("27.01.2022MineralölINFO November 2021", "2022-01-27"),
    # a published and a modified date glued, the words after glued to the second
    ("Published on August 19, 2019August 19, 2019 • 319 Likes", "2019-08-19"),
    ("Politique 20 janvier 202020 janvier 2020évaluation, 0 Comment", "2020-01-20"),
    ("20 janvier 20201 commentaire", None),
])
def test_dates_glued_together_in_a_text_dump(text: str, iso: str | None) -> None:
    assert normalise_date(text) == iso


@pytest.mark.parametrize("lines, iso", [
    (["Created late on Sunday, October 18th, 2020. Edited on Monday, October 19th, 2020."],
     "2020-10-18"),
    (["erstellt von Dominique — veröffentlicht 28.01.2022 06:00"], "2022-01-28"),
    (["March 3, 2020", "Posted on March 5, 2020"], "2020-03-05"),  # a bare date is not cued
    (["Updated March 5, 2020"], None),
    (["Published: 12.10. - 15.10.2023"], None),  # an event's span
    (["Tags: council, library", "Comments", "Posted on March 5, 2020"], None),  # a reader's
])
def test_find_footer_date(lines: list[str], iso: str | None) -> None:
    assert find_footer_date(lines) == iso


@pytest.mark.parametrize("lines, order", [
    (["Posted 1/15/2008", "Updated 2/3/2008"], "md"),
    (["Posted 25/4/2024", "12/03/24, 10:15"], "dm"),
    (["Posted 1/15/2008", "Posted 25/4/2024"], None),  # both: no order
    (["Posted 1/10/2008", "3 / 4 of the votes"], None),  # nothing settles it
])
def test_slash_order_is_what_the_page_s_settled_dates_say(lines: list[str], order: str | None
                                                           ) -> None:
    assert slash_order(lines) == order


SPANISH = ("El precio del aceite de oliva ha bajado en los supermercados por primera vez desde "
           "principios de 2022, según los datos publicados por el Ministerio de Agricultura. ")
ENGLISH = ("The price of olive oil has fallen in the supermarkets for the first time since the "
           "start of 2022, according to figures published by the ministry of agriculture. ")


@pytest.mark.parametrize("prose, order", [(SPANISH * 3, "dm"), (ENGLISH * 3, None),
                                          (SPANISH, None)])  # too few words to tell
def test_a_page_in_a_language_writing_the_day_first_reads_its_slashed_dates_so(
        prose: str, order: str | None) -> None:
    lines = ["Actualizado: 07/03/2024 - 10:45", prose]
    assert slash_order(lines) == order
    assert slash_order(["Posted 1/15/2008", prose]) == "md"  # a settled date says more



@pytest.mark.parametrize("order, iso", [("md", "2008-01-10"), ("dm", "2008-10-01"), (None, None)])
def test_a_slashed_date_either_way_round_is_read_in_the_page_s_order(order: str | None,
                                                                    iso: str | None) -> None:
    assert normalise_date("1/10/2008, 3:50 a.m. EST", order) == iso
    assert normalise_date("1/15/2008", order) == "2008-01-15"  # settled whatever the page says


def test_a_list_item_s_date_is_another_story_s() -> None:
    lines = ["Harbour crane doubles capacity", "By Jane Doe",
             "• Ferry strike ends after report on wages 1/15/2008, 3:42 p.m. EST",
             "1/10/2008, 3:50 a.m. EST"]
    assert find_text_date(lines, "md") == "2008-01-10"
    assert find_text_date(lines[:3], "md") is None


LEDE = ("The harbour authority said on Monday that the new crane would double the number of "
        "containers the port can handle each day.")


@pytest.mark.parametrize("heading", ["More from News", "Recent Posts", "You may also like",
                                     "Read next", "Lire aussi", "Te puede interesar"])
def test_under_the_text_a_list_of_other_stories_gives_the_page_no_date(heading: str) -> None:
    lines = ["New crane doubles harbour capacity", "By Jane Doe", "", LEDE, "", heading, "",
             "Ferry strike ends after talks", "March 1, 2024", "",
             "Dock workers vote on contract - February 28, 2024"]
    assert find_text_date(lines) is None
    # over the text, a list of teasers is skipped to its end and the page's own date read
    top = [heading, "Ferry strike ends after talks", "March 1, 2024", "",
           "New crane doubles harbour capacity", "March 4, 2024", "", LEDE]
    assert find_text_date(top) == "2024-03-04"
