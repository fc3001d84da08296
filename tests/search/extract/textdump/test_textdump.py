"""Tests for the text-dump reader: body chrome, headline, outlet, date and byline."""
from __future__ import annotations

from pathlib import Path

import pytest

from search.extract.textdump.reader import copyright_holder, extract_text_dump, is_chrome

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "textdump"


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
    ("page-with-repeated-news-ticker.txt", "With shattered dreams, deportees return home from US",
     "India Post Media", None),
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
    ("page-with-related-box-in-mid-article.txt",
     ["Rates of cannabis use disorder have risen", "Cannabis use disorder is where a person's",
      "Given our findings on problematic use"],
     ["RELATED STORIES", "Dangers of Vaping", "Industries Where Staff", "BY KASHMIRA GANDER",
      "SHARE", "Newsgeek"]),
    ("page-with-repeated-news-ticker.txt",
     ["NEW DELHI: Their American dream shattered", "deported by Mexican immigration"],
     ["USCIRF expresses concern", "Breaking News", "Print This Article", "0 Comments",
      "Download Premium WordPress Themes", "Subscribe to IndiaPost", "All Rights reserved"]),
    ("german-page-with-published-cue.txt",
     ["Nach einer Wahl werden in den Nachrichten"],
     ["Anzahl zugelassener Parteien", "Veröffentlicht am", "Artikel teilen", "Link kopieren"]),
    ("post-with-closing-list-before-share-buttons.txt",
     ["Soviel mal vorweg", "Jänner 2014\nFinalist bei der ORF-Show",
      "100 Folgen von Schlechte Wortspiele"],
     ["Tweet", "Liken Lade", "Agi Joe sagt", "Leb seit einiger Zeit", "Kommentar verfassen",
      "PRESSE"]),
    ("photo-post-without-paragraphs.txt",
     ["Filmmaterial\nFuji X-TRA 400.", "Walter: PENTAX Z-1 p.", "Belichtungsfolge"],
     ["Posted 11. April", "Teilen mit", "Gefällt mir", "Related Posts", "Collaboration Shuji"]),
    ("teaser-list-after-article.txt",
     ["Bereits in den kommenden Monaten", "Wächst schneller als Uber\nLyft ist deutlich"],
     ["Uber erleidet Rückschlag", "B2B", "Waymo bittet Autohersteller um Geld",
      "Die Google-Schwesterfirma sucht", "Beim Börsendebüt", "Zur Startseite"]),
    ("teaser-column-with-read-more-links.txt",
     ["Ein positives Signal gab es diese Woche", "Dieses Urteil bestätigt"],
     ["Zoo-Eintritt", "Kindergipfels", "weiter lesen", "Zurück zur Übersicht", "Schlagworte"]),
    # Its headline ("Chorgeschichte") is one word, no candidate: the headline model takes the
    # heading under it ("1968 bis heute ...") for the headline, so the body starts below it.
    ("page-with-section-heading-and-about-box.txt",
     ["Die St. Georgs Chorknaben wurden 1968", "Der Chor wird durch den 1978"],
     ["Seit 50 Jahren sind wir", "Über uns", "Impressum", "Sternsinger"]),
    ("captions-over-photo-credit-lines.txt",
     ["Lichte Waldstrukturen sind", "Vor diesem Hintergrund haben InfoSpecies"],
     ["Foto ©", "Zielarten für die Kastanienselven", "Folgen Sie uns", "Offene Stellen"]),
])
def test_body(name: str, must_contain: list[str], must_not_contain: list[str]) -> None:
    body = extract(name).body
    for text in must_contain:
        assert text in body
    for text in must_not_contain:
        assert text not in body


def test_byline_and_published_cue() -> None:
    doc = extract("german-page-with-published-cue.txt")
    assert (doc.title, doc.author, doc.date) == ("Anzahl zugelassener Parteien", "Tim Ehlers",
                                                 "2023-10-26")


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


@pytest.mark.parametrize("line, holder", [
    ("© 2005-2019 SlashGear, All Rights Reserved.", "SlashGear"),
    ("© Copyright 2008 The Associated Press. All rights reserved.", "The Associated Press"),
    ("© 2019 Cable News Network.Turner Broadcasting System, Inc. All Rights Reserved.",
     "Cable News Network"),
    ("Copyright © 2020 The Sound Of Science. Powered by WordPress and ThemeGrill.",
     "The Sound Of Science"),
    ("© Oli Scarff/Getty", None),  # a photo credit: no year, no rights reserved
    ("Disclaimer: Community is offered by Moomoo Technologies Inc.", None),
])
def test_copyright_holder(line: str, holder: str | None) -> None:
    assert copyright_holder(line) == holder


@pytest.mark.parametrize("line, chrome", [
    ("This website uses cookies to improve your experience while you navigate.", True),
    ("Diese Website verwendet Cookies. Wenn du die Website weiterhin nutzt, stimmst du zu.", True),
    ("Brigit Katz is a freelance writer based in Toronto.", True),
    ("The senator is a former journalist who said the plan would fail.", False),
    ("Share Close extra sharing options", True),
    ("1/10/2008, 3:50 a.m. EST", True),
    ("Von Tim Ehlers", True),
    ("Von Barzahler-Rabatten profitieren", False),  # a heading, not a byline
    ("Which native ad units are the most popular?", False),  # a heading, not a sidebar
    ("Most Popular", True),
    ("Le piquet de grève dans le hall de l’université / (C) Kab Niang", True),
    ("Un grupo de pingüinos, en la Antártida el 11 de febrero pasado. EFE", True),
    ("Das Bundeskabinett bei seiner Klausurtagung. Bundesregierung/Steffen Kugler", True),
    ("weiter lesen", True),
    (">> Wegen Corona: Danni Büchner muss Kult-Lokal auf Mallorca schließen <<", True),
    ("Über Luis Holuch 257 Artikel", True),  # an author box
    ("← [Exclusif] Le montage du CNRS pour attirer des « stars internationales »", True),
    ("SUGGESTED CITATION Sauer, Heiko: Expert*innen in der Krise, VerfBlog, 2020/4/09", True),
    ("Gefällt mir Wird geladen...", True),
    ("Teilen mit:", True),
    ("Beitragsnavigation", True),
    ("Schon gelesen?", True),
    ("¡Mira lo que tiene nuestro canal de YouTube!", True),
    ("Puede escribirnos a nuno@esmateria.com o seguir a Materia en Facebook, Twitter.", True),
    ("Zachęcamy do regularnych odwiedzin naszej strony. Informujemy, że korzystamy z cookies.",
     True),
    ("Tipp: Auf der Seite Aktuelle Meldungen 2021 finden Sie alle aktuellen News der BA.", True),
    ("Retour sur les revues de rang « 1 » où les chercheurs « placent » un article",
     False),  # French quotes, not a breadcrumb
    ("16 marca 2021", True),  # a Polish date line
    ("Look at other dictionaries:", True),
    ("Über uns", True),  # the site's own box at the foot of the page
    ("Über die Hälfte der Befragten stimmte dem Plan zu.", False),
    ("Die Farbe der Spawn-Ankündigungen wurde geändert auf orange.", False),
    ("1 minute ago", True),  # relative times stand where a headline's date does
    ("Updated 3 hours ago", True),
    ("vor 2 Stunden", True),
    ("Published in Better Backend", True),  # the publication a post appeared in
    ("Five years ago, the city council decided to close the old harbour.", False),
])
def test_more_chrome_families(line: str, chrome: bool) -> None:
    assert is_chrome(line) is chrome


def test_mojibake_and_soft_hyphens_are_repaired() -> None:
    dump = ("Headline of the page\n\n"
            "NEW YORK â€” For one night, Jay Leno and Jimmy Kimmel will solve the problem of "
            "booking guests during the writersâ€™ strike by appearing on each otherâ€™s show.\n\n"
            "Auch in die\u00adsem Jahr wol\u00adlen wir Sie in eine andere Zeit ent\u00adführen, "
            "in die Zeit unserer Großväter und Urgroßväter, mit Markt und Musik.\n")
    body = extract_text_dump(dump).body
    assert "NEW YORK — For one night" in body and "each other’s show." in body
    assert "Auch in diesem Jahr wollen wir" in body
    assert "â€" not in body and "\u00ad" not in body


def test_numeric_character_references_are_the_characters_they_name() -> None:
    dump = ("Caf&#233; owners back Jos&#233; Manuel's plan\n\n"
            "In a letter, EC President Jos&#233; Manuel Barroso said the caf&#xE9; tax of "
            "&#163;5m would go, and that a page writes &lt;b&gt; for bold.\n")
    found = extract_text_dump(dump)
    assert found.title == "Café owners back José Manuel's plan"
    assert "President José Manuel Barroso said the café tax of £5m" in found.body
    assert "&#" not in found.body and "&lt;b&gt;" in found.body  # named references stay


def test_footer_does_not_pull_sidebar_into_article() -> None:
    # A copyright footer closes the page, not the article: the sidebar over it stays out.
    paragraph = ("The council approved the budget on Monday after a long debate, and the mayor "
                 "said that the new plan would fund schools, roads and parks for three years.")
    dump = "\n".join(["Budget approved", paragraph, paragraph.replace("Monday", "Tuesday"),
                      "Weather", "Traffic", "Obituaries", "Classifieds",
                      "Copyright © 2008 The Daily Example. All rights reserved."])
    body = extract_text_dump(dump).body
    assert "on Tuesday" in body
    assert "Obituaries" not in body and "Copyright" not in body


def test_box_of_links_between_rules_in_mid_article_keeps_the_rest_of_it() -> None:
    # A related-links box drawn between two rules of underscores inside the article, its lines
    # set apart by blank lines: the rules hold no letter, so the prose after the box is looked
    # for past them and stays in the body.
    paragraph = ("The council approved the budget on Monday after a long debate, and the mayor "
                 "said that the new plan would fund schools, roads and parks for three years.")
    rule = "_" * 40
    dump = "\n\n".join([
        "Budget approved", *(paragraph.replace("Monday", day) for day in
                             ("Saturday", "Sunday", "Monday")),
        rule, "More on the budget:", "Get the Example News app for the whole story",
        "What the plan means for you (Example News)",
        "Schools wait for the money (Daily Example)", rule,
        *(paragraph.replace("Monday", day) for day in
          ("Tuesday", "Wednesday", "Thursday", "Friday", "June 1", "June 2"))])
    body = extract_text_dump(dump).body
    assert "on Sunday" in body
    assert "on Tuesday" in body and "on Thursday" in body


def test_label_of_an_embedded_video_is_no_line_of_the_article() -> None:
    # "Video: <another item's headline> (its source)" between two paragraphs is a player's label.
    paragraph = ("The council approved the budget on Monday after a long debate, and the mayor "
                 "said that the new plan would fund schools, roads and parks for three years.")
    dump = "\n\n".join(["Budget approved", paragraph,
                         "Video: Dr Amos suggests that pupils might stay home all winter (Example TV)",
                         paragraph.replace("Monday", "Tuesday"),
                         "Gallery: Floods around the world this week (Photo Desk)",
                         paragraph.replace("Monday", "Friday")])
    body = extract_text_dump(dump).body
    assert "on Tuesday" in body and "on Friday" in body
    assert "Amos" not in body and "Floods" not in body


def test_cards_of_other_stories_are_no_lines_of_the_article() -> None:
    # "What to watch next" cards inside the article, each its headline twice and its source
    paragraph = ("The council approved the budget on Monday after a long debate, and the mayor "
                 "said that the new plan would fund schools, roads and parks for three years.")
    dump = "\n\n".join(["Budget approved", paragraph, paragraph.replace("Monday", "Sunday"),
                         "Harbour ferry runs late again Harbour ferry runs late again Coast Radio",
                         "Piet Zandt tells fans to stay home Piet Zandt tells fans to stay home "
                         "tonight Coast Radio",
                         paragraph.replace("Monday", "Tuesday"),
                         paragraph.replace("Monday", "Friday")])
    body = extract_text_dump(dump).body
    assert "on Sunday" in body and "on Friday" in body
    assert "Zandt" not in body and "Harbour" not in body


LETTER_PARAGRAPH = ("vor mittlerweile über sieben Jahren habe ich dieses Blog gestartet und "
                    "seitdem einige Artikel und Videos zu vielen Themen veröffentlicht.")


@pytest.mark.parametrize("dump, must_contain, must_not_contain", [
    # A letter opens with its salutation.
    ("Time to say goodbye.\nLiebe Besucherinnen und Besucher,\n" + LETTER_PARAGRAPH + "\n"
     + LETTER_PARAGRAPH.replace("Blog", "Projekt"),
     ["Liebe Besucherinnen und Besucher,\nvor mittlerweile"], ["Time to say goodbye"]),
])
def test_article_opening(dump: str, must_contain: list[str], must_not_contain: list[str]) -> None:
    body = extract_text_dump(dump).body
    for text in must_contain:
        assert text in body
    for text in must_not_contain:
        assert text not in body


@pytest.mark.parametrize("above", [
    "Book a Demo Log In",
    "Start free trial",
    "We use cookies to improve your experience",
    "Politics, Economy, Health, World",
    "Home / News / 2024 / Harbour",
    "12 .03 .24",
    "Share on Facebook Share on Twitter",
    "harbour-crane.jpg",
    "Cell one\tCell two\tCell three",
])
def test_a_call_to_action_a_table_row_or_a_tag_line_is_never_the_headline(above: str) -> None:
    prose = ("The harbour authority said on Monday that the new crane would double the number of "
             "containers the port can handle each day. ")
    dump = (f"{above}\n\nNew crane doubles harbour capacity\n\n{prose}\n\n{prose}\n\n{prose}\n")
    assert extract_text_dump(dump).title == "New crane doubles harbour capacity"
    assert extract_text_dump(f"Site Name\n\n{above}\n\n{prose}\n\n{prose}\n").title != above


@pytest.mark.parametrize("headline", ["New crane doubles harbour capacity | Harbour Times",
                                      "New crane doubles harbour capacity - Harbour Times"])
def test_the_site_name_beside_the_headline_is_stripped(headline: str) -> None:
    prose = ("The harbour authority said on Monday that the new crane would double the number of "
             "containers the port can handle each day. ")
    dump = f"{headline}\n\n{prose}\n\n{prose}\n\n{prose}\n\n© 2024 Harbour Times\n"
    doc = extract_text_dump(dump)
    assert (doc.title, doc.outlet) == ("New crane doubles harbour capacity", "Harbour Times")


@pytest.mark.parametrize("name, title, date", [
    ("saas-blog-post-under-calls-to-action.txt",
     "How we cut our build times in half with remote caching", "2024-03-04"),
    ("recipe-blog-with-cookie-banner-and-breadcrumbs.txt",
     "Smoky red lentil soup with charred lemon", "2023-01-12"),
    ("news-page-opening-with-a-market-table.txt",
     "Factory output in Germany falls for a third month", "2024-03-07"),
    ("news-page-with-trending-headlines-before-the-article.txt",
     "Harbour expansion wins approval despite residents' objections", "2024-05-14"),
    ("product-update-with-title-line-and-site-name.txt",
     "Introducing offline mode for field teams", "2023-10-02"),
    ("landing-page-with-hero-headline.txt", "The fastest way to build internal tools", None),
    ("docs-page-under-a-table-of-contents.txt", "Configuring webhooks for payment events",
     "2023-08-14"),
    ("news-page-with-newsletter-box-before-headline.txt",
     "Glaciers in the Alps lost a tenth of their ice in two years", "2023-09-29"),
    ("member-only-story-with-reading-time.txt", "Why your database indexes are not being used",
     "2024-03-03"),
    ("newsletter-post-with-subscribe-prompts.txt", "The quiet return of the corporate bond",
     "2024-02-18"),
    ("blog-with-popular-posts-sidebar-first.txt", "A Slow Week On The Islands Of Lake Vänern",
     "2023-09-12"),
])
def test_the_headline_and_date_of_a_page_under_menus_calls_to_action_and_tables(
        name: str, title: str, date: str | None) -> None:
    doc = extract(name)
    assert (doc.title, doc.date) == (title, date)
    assert title not in doc.body.splitlines()


@pytest.mark.parametrize("kicker, headline, deck, want", [
    # a kicker over the headline: the headline
    ("Corona tests", "Star jumper misses the winter games in Beijing", "", "headline"),
    # a headline over its deck (a longer line): the headline
    ("", "Factory output in Germany falls again",
     "Manufacturers blame weak export orders and high energy prices for the fall", "headline"),
])
def test_of_a_header_s_short_lines_the_headline_is_the_one_between_kicker_and_deck(
        kicker: str, headline: str, deck: str, want: str) -> None:
    prose = ("The statistics office said on Thursday that output had dropped for the third "
             "month in a row, as weak demand from abroad weighed on carmakers. ")
    header = "\n".join(line for line in ("Home", "News", "Business", kicker, headline, deck,
                                         "By Lena Vogt", "7 March 2024") if line)
    dump = f"{header}\n\n{prose}\n\n{prose}\n\n{prose}\n"
    assert extract_text_dump(dump).title == headline


def test_a_menu_label_repeated_in_other_menus_is_not_the_headline() -> None:
    menu = "\n".join(["Home", "Inland", "Ausland", "Wirtschaft", "Sieben-Tage-Überblick",
                      "Archiv", "Sendungen", "Wetter"])
    prose = ("Der Konzern ist nach Recherchen von einem Datenleck betroffen, mehr als tausend "
             "interne Unterlagen sind im Netz aufgetaucht. ")
    dump = (f"{menu}\nStartseite Sieben-Tage-Überblick\n{menu}\nDaten des Konzerns gehackt\n"
            f"Stand: 28.04.2020 18:00 Uhr\n\n{prose}\n\n{prose}\n\n{prose}\n")
    assert extract_text_dump(dump).title == "Daten des Konzerns gehackt"


def test_the_date_under_the_headline_beats_teasers_above_it_and_embedded_posts_below() -> None:
    teasers = "\n".join(f"Other story number {n} about the council\n1{n}.11.2021 in Politik"
                        for n in range(3))
    prose = ("Der Bundespräsident sieht nach eigenen Worten eine Radikalisierung bei einem Teil "
             "der Menschen, die gegen die Maßnahmen protestieren. ")
    dump = (f"{teasers}\nBundespräsident sieht Radikalisierung bei Querdenkern\n19.11.2021\n\n"
            f"{prose}\n\nPosted by Jane Doe on Monday, November 22, 2021\n\n{prose}\n\n{prose}\n")
    doc = extract_text_dump(dump)
    assert (doc.title, doc.date) == ("Bundespräsident sieht Radikalisierung bei Querdenkern",
                                     "2021-11-19")


def test_a_blog_footer_that_says_when_it_was_published_dates_a_page_with_no_date_above() -> None:
    prose = ("Die Verkostung begann am späten Nachmittag mit drei Abfüllungen aus Speyside, "
             "die der Gastgeber ausführlich vorstellte und mit den Gästen besprach. ")
    lines = [f"{prose}{n}" for n in range(30)]
    dump = ("Whisky in Halle\nVerkostung im Herbst\n\n" + "\n\n".join(lines)
            + "\n\n" + "\n".join(f"Kategorie {n}" for n in range(12))  # a sidebar's links
            + "\nTermin: 21.02.2020, 19 Uhr\n"
            "Der Beitrag wurde am 27. November 2019 veröffentlicht.\n\n"
            "Kommentare\nAnna am 3. Dezember 2019 veröffentlicht\n")
    assert extract_text_dump(dump).date == "2019-11-27"


def test_a_comment_that_says_published_dates_no_page() -> None:
    prose = ("The council voted on Tuesday to close the old library on the high street, "
             "and residents said they would fight the decision in the courts. ")
    lines = [f"{prose}{n}" for n in range(30)]
    dump = ("Library to close\n\n" + "\n\n".join(lines)
            + "\n\n2 Comments\nAnna posted on December 3, 2019\n")
    assert extract_text_dump(dump).date is None


def test_a_photo_caption_between_the_header_and_the_text_is_not_the_headline() -> None:
    prose = ("In perhaps their biggest game of the young season, the home side played host to "
             "the league leaders and won by eleven points in front of a full arena. ")
    dump = ("Sports\nEagles\nFlyers\nNovember 08, 2023\n"
            "Game notes: Embiid leads the Sixers to a statement win over the Celtics\n"
            "The Sixers captured their biggest win of the year on Wednesday night.\n"
            "By Adam Aaronson\nStaff writer\nKyle Ross/Sports Images\n"
            "Embiid and Porzingis jump at centre court\n"
            f"Read More\n\n{prose}\n\n{prose}\n\n{prose}\n")
    assert extract_text_dump(dump).title == (
        "Game notes: Embiid leads the Sixers to a statement win over the Celtics")


_HARBOUR_PROSE = ("The harbour authority said on Monday that the new crane would double the number "
                  "of containers the port can handle each day. ")


@pytest.mark.parametrize("header, title", [
    # the kicker glued to the headline, set apart on the <title>-like line
    ("Crane doubles harbour capacity - Record year\nRecord year Crane doubles harbour capacity",
     "Crane doubles harbour capacity"),
    # a menu's label that opens a headline stays: no line sets it apart from the headline
    ("Climate Change\nPolitics\nClimate Change Protesters Block The Ring Road",
     "Climate Change Protesters Block The Ring Road"),
])
def test_a_kicker_glued_to_the_headline_is_cut_when_the_page_sets_it_apart(
        header: str, title: str) -> None:
    dump = (f"Home\nNews\n{header}\nBy Jane Doe\n12 May 2024\n\n{_HARBOUR_PROSE}\n\n"
            f"{_HARBOUR_PROSE}\n\n{_HARBOUR_PROSE}\n")
    assert extract_text_dump(dump).title == title


def test_joined_chrome_pattern_matches_where_a_family_does() -> None:
    """ANY_CHROME (one match a line) says what the families say one by one, on every line of
    the dump fixtures, a case-sensitive family's line in lower case, and lines of each kind."""
    from search.extract.textdump.chrome import ANY_CHROME, AUTHOR_BIO, CHROME_FAMILIES

    lines = {line.strip() for path in FIXTURES.rglob("*") if path.is_file()
             for line in path.read_text(encoding="utf-8", errors="replace").split("\n")}
    bio = "Brigit Katz is a freelance writer based in New York."
    lines |= {bio, bio.lower(), "Photo: Jane Doe", "Subscribe to our newsletter", "1of4Grass",
              "Some ordinary sentence of an article, with words.", ""}
    chrome = 0
    for line in lines:
        expected = any(family.match(line) for family in CHROME_FAMILIES)
        assert bool(ANY_CHROME.match(line)) is expected, line
        chrome += expected
    assert AUTHOR_BIO.match(bio) and not AUTHOR_BIO.match(bio.lower())
    assert chrome >= 20 and len(lines) - chrome >= 200



def test_the_date_under_the_headline_is_read_in_the_order_of_the_page_s_other_dates() -> None:
    body = ("The harbour authority said on Monday that the new crane would double the number of "
            "containers the port can handle each day. ")
    dump = (f"News | Local\n\nNew crane doubles harbour capacity\n1/10/2008, 3:50 a.m. EST\n"
            f"By Jane Doe\n\n{body}\n\n{body}\n\n{body}\n\nMore local news\n"
            f"• Ferry strike ends after report on wages 1/15/2008, 3:42 p.m. EST\n"
            f"• Dock workers vote on new contract 1/14/2008, 9:12 a.m. EST\n")
    assert extract_text_dump(dump).date == "2008-01-10"


def test_a_related_story_s_date_under_the_text_is_not_the_page_s() -> None:
    body = ("The harbour authority said on Monday that the new crane would double the number of "
            "containers the port can handle each day. ")
    dump = (f"Home | News\n\nNew crane doubles harbour capacity\nBy Jane Doe\n\n{body}\n\n"
            f"{body}\n\n{body}\n\nMore from News\n\nFerry strike ends after talks\n"
            f"March 1, 2024\n\nDock workers vote on contract\nFebruary 28, 2024\n")
    assert extract_text_dump(dump).date is None
    signed = dump.replace("More from News", "Posted on March 4, 2024 by Jane\n\nMore from News")
    assert extract_text_dump(signed).date == "2024-03-04"
