"""Headlines and dates of modern pages as browser text: product blogs, help centres, docs,
newsletters, landing pages, app and event pages, in several languages of chrome."""
from __future__ import annotations

from pathlib import Path

import pytest

from search.extract.textdump.reader import extract_text_dump

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "textdump"
PROSE = ("The harbour authority said on Monday that the new crane would double the number of "
         "containers the port can handle each day. ")


def extract(name: str):
    """Extract one fixture file."""
    return extract_text_dump((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, title, date", [
    ("cookie-wall-first-then-help-center-article.txt", "How to change your billing email",
     "2024-04-09"),
    ("german-saas-blog-with-demo-buttons.txt",
     "Was die neue EU-Richtlinie für Lohnabrechnungen bedeutet", "2024-02-14"),
    ("french-newsroom-with-app-banner.txt",
     "La SNCF annonce des trains de nuit vers l'Italie dès l'été prochain", "2024-03-21"),
    ("substack-post-with-share-and-paid-marker.txt",
     "Why small lenders are pulling back from farm loans", "2024-04-02"),
    ("docs-page-with-breadcrumb-and-last-updated-footer.txt",
     "Rotating API keys without downtime", "2024-01-23"),
    ("spanish-product-blog-with-newsletter-bar.txt",
     "Cómo organizar el inventario de una tienda pequeña sin perder ventas", "2024-03-05"),
    ("podcast-episode-page-with-player-chrome.txt",
     "The engineers who keep old bridges standing", "2024-03-28"),
    ("changelog-entry-with-version-label.txt", "Scheduled sending comes to every plan",
     "2024-02-27"),
    ("dev-community-post-with-reactions-and-tags.txt",
     "Stop mocking your database in integration tests", "2024-03-19"),
    ("mailchimp-newsletter-archive-issue.txt",
     "Seed swaps, slug season and the best beans for cold soil", None),
    ("ghost-blog-with-tag-and-reading-time-over-headline.txt",
     "How we moved forty services to a single queue", "2024-01-30"),
    ("hubspot-style-post-with-written-by-and-updated.txt",
     "22 Subject Lines That Actually Get Newsletters Opened", "2022-11-02"),
    ("linkedin-article-with-follow-and-report.txt",
     "Three lessons from ten years of running a small bakery", "2024-02-06"),
    ("landing-page-with-eyebrow-and-social-proof.txt",
     "Automate your support inbox without losing the human touch", None),
    ("event-page-with-register-button.txt", "Designing accessible forms: a practical workshop",
     "2024-05-23"),
    ("headline-title-line-with-brand-over-cookie-banner.txt",
     "How to price a SaaS product in 2024", "2024-02-08"),
    ("tutorial-with-contents-list-under-headline.txt", "Sauerteig selbst ansetzen", None),
    ("magazine-article-with-author-box-and-related-list-before-text.txt",
     "Vier Tage Arbeit, volle Leistung: Was ein Pilotversuch in Sachsen zeigt", "2024-03-14"),
    ("product-page-with-cart-and-reviews.txt", "Cast Iron Skillet, 10 inch", None),
    ("job-posting-with-apply-buttons.txt", "Senior Backend Engineer, Payments", None),
    ("question-and-answer-page.txt", "How do I undo the last commit but keep my changes?",
     "2018-03-03"),
    ("blog-with-emoji-announcement-bar-and-jump-links.txt",
     "Five ways to keep a remote standup under ten minutes", "2024-05-07"),
    ("recipe-with-jump-to-recipe-buttons.txt", "Weeknight Chickpea Curry with Spinach",
     "2024-02-14"),
    ("site-page-with-logo-line-and-dashed-title.txt", "Why we stopped sending weekly reports",
     None),
    ("italian-saas-blog.txt", "Come ridurre i tempi di chiusura contabile di fine mese",
     "2024-03-05"),
    ("portuguese-product-blog.txt", "Como montar um funil de vendas para pequenas empresas",
     "2024-03-05"),
    ("dutch-saas-blog.txt", "Zo plan je diensten zonder eindeloze spreadsheets", "2024-03-05"),
    ("wiki-handbook-page-with-breadcrumb-and-last-edited.txt", "On-call rotation and escalation",
     None),
    ("news-article-with-live-updated-relative-time.txt",
     "Supermarket prices fall for the first time in three years", "2024-06-12"),
    ("beehiiv-newsletter-post.txt", "Why the bond market is calm while stocks swing",
     "2024-03-09"),
    ("medium-like-with-title-then-follow.txt",
     "The hidden cost of microservices nobody told us about", "2024-02-11"),
    ("news-with-all-caps-section-and-image-caption.txt",
     "Heat records fall across southern Europe as July ends", "2024-07-31"),
    ("saas-landing-with-logo-wall-and-testimonials.txt", "Accounting that closes itself", None),
    ("deals-post-with-breadcrumb-and-exclaiming-headline.txt",
     "Nur heute: Der Akku-Staubsauger von Brenn kostet die Hälfte!", "2024-03-12"),
    ("news-page-with-wire-credits-around-headline.txt",
     "Ferry operators agree to share a single timetable", "2024-03-09"),
    ("blog-post-with-icon-buttons-and-alerts.txt",
     "How we cut dashboard load times by two thirds", "2024-03-12"),
    ("news-page-with-latest-links-running-into-headline.txt",
     "Dockworkers ratify three-year contract after long talks", "2024-03-05"),
    ("news-page-with-region-banner-and-wire-byline.txt",
     "Harbour swimmers raise record sum for the lifeboat station in icy dip", "2024-01-02"),
    # heavy chrome of the fourteenth session's kinds: pickers, stats, prices, widgets, banners
    ("saas-blog-with-language-picker-and-toc.txt",
     "How we cut our cloud bill in half without touching the product", "2024-03-12"),
    ("shop-blog-with-announcement-bar-and-currency-picker.txt",
     "A beginner's guide to brewing with a French press", "2024-02-18"),
    ("news-article-with-subscribe-bar-listen-and-comments.txt",
     "City council approves plan to turn old rail yard into housing", "2024-03-05"),
    ("wordpress-blog-with-sidebar-widgets-first.txt", "Saving seeds from your own tomatoes",
     "2024-03-09"),
    ("developer-platform-blog-with-author-handles.txt",
     "Streaming server rendering is now the default", "2024-04-16"),
    ("press-release-newsroom-with-media-contacts.txt",
     "Northgate Energy to build 300 MW offshore wind farm off the Norfolk coast", "2024-03-12"),
    ("german-news-with-breadcrumb-stand-and-reading-time.txt",
     "Bäckereien suchen händeringend nach Nachwuchs", "2024-03-05"),
    ("product-review-with-affiliate-notice-and-verdict.txt",
     "Corvo Air 14 review: a light laptop with a battery that lasts all week", "2024-04-02"),
    ("university-news-with-utility-bar.txt",
     "Researchers find bees learn faster in cooler mornings", "2024-04-08"),
    ("nonprofit-blog-with-donate-banner.txt",
     "How a mobile library brings books to villages without roads", "2024-04-19"),
    ("recipe-site-with-rating-and-jump-buttons.txt",
     "Soft Cinnamon Rolls with Cream Cheese Icing", "2023-11-14"),
    ("customer-story-with-stats-and-logos.txt",
     "How Harborline cut invoice processing time by 80%", None),
    ("magazine-longread-with-newsletter-box-and-cookie-banner-last.txt",
     "The quiet return of the village shop", "2024-02-21"),
    ("spanish-news-with-ad-labels-and-updated.txt",
     "El precio del aceite de oliva baja por primera vez en dos años", "2024-03-07"),
    ("devops-blog-with-tag-cloud-first.txt", "Why your Postgres connection pool is too big",
     "2024-01-22"),
    ("help-center-article-with-breadcrumb-and-updated-ago.txt",
     "Change or cancel your subscription", None),
    ("italian-blog-with-reading-time-and-read-also.txt",
     "Come conservare il basilico fresco più a lungo", "2024-05-14"),
    ("local-news-with-weather-widget-and-trending.txt",
     "Council to reopen harbourside swimming spot after ten-year wait", "2024-03-12"),
    ("saas-home-with-hero-logos-and-features.txt", "Meet less. Ship more.", None),
    ("pricing-page-with-plans-and-faq.txt", "Simple pricing for teams of every size", None),
    ("saas-pricing-change-post-with-plan-table.txt", "We are simplifying our pricing",
     "2024-02-06"),
])
def test_the_headline_and_date_of_a_modern_page(name: str, title: str, date: str | None) -> None:
    doc = extract(name)
    assert (doc.title, doc.date) == (title, date)


@pytest.mark.parametrize("above", [
    "Free · Offers In-App Purchases",
    "Engineering • 6 min read",
    "Ver comentarios",
    "View all 12 comments",
    "Report this article",
    "Einleitung - Gutachten - Fortbildung - Beschreibungen",
    "Home | Pricing | Docs | Blog | Contact",
    "Add to cart",
    "Apply for this job",
    "README.md",
    "From Wikipedia, the free encyclopedia",
    "Modified 1 year ago",
    "Asked 6 years, 2 months ago",
    "Last edited 3 days ago",
    "Zuletzt bearbeitet vor 2 Tagen",
    # an article's tools, notices and offers
    "Large font", "Decrease text size", "View larger image", "Show more sharing options",
    "chevron_left Browse all posts",
    "You need to have javascript enabled to view this page correctly",
    "Warning: Cannot modify header information in /var/www/html/index.php on line 12",
    "Tags: harbour, cranes, shipping", "Breaking News Email Alerts",
    "Get a £50 welcome bonus when you join today", "Send us your photos!",
    # a date badge with no year, a site's address, a breadcrumb's link
    "Fri 18 Jan, 11:45 AM", "harbourcourier.example.com", "Harbour Courier >> News >> Local",
    "Press and news >",
    # a review's shop buttons
    "Check price at BestBuy", "View at Amazon", "Buy on Harbour Books", "Compare prices",
    # a landing page's social proof and small print
    "Trusted by 4,000+ teams", "Used by over 10k developers",
    "No credit card required · Free for teams up to 5",
    # bylines of a wire or desk, photo credits
    "HAMBURG, Germany (AFP)", "From correspondents in Karachi, Pakistan",
    "Harbour Courier wire services", "Jane Doe, THE ASSOCIATED PRESS", "Jane Doe @janedoe",
    "Lindsey Harper International Editor", "APA/Georg Berger", "(Jane Doe / Associated Press)",
])
def test_a_line_of_facts_or_a_link_to_comments_is_never_the_headline(above: str) -> None:
    dump = f"{above}\n\nNew crane doubles harbour capacity\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n"
    assert extract_text_dump(dump).title == "New crane doubles harbour capacity"
    assert extract_text_dump(f"Site Name\n\n{above}\n\n{PROSE}\n\n{PROSE}\n").title != above


@pytest.mark.parametrize("buttons", [
    "Request access", "Join the waitlist", "Watch demo", "Talk to an expert", "See pricing",
    "Get the app", "Create your free account", "Continue with Google", "Reject all",
    "Privacy preferences", "Load more", "View all", "Get in touch", "Book a call",
    "Book a call Log in", "Explore products | Sign up",
    "Jetzt kostenlos testen", "Demo anfordern Einloggen", "Essayer gratuitement Se connecter",
    "Demander une démo", "Iniciar sesión Regístrate", "Prueba gratis", "Accedi · Registrati",
    "Inloggen / Aanmelden", "Play Harbour Bingo – Get £10 free no deposit required",
    "Try Orbit free", "Try Harbour Cranes for free",
])
def test_a_line_of_calls_to_action_in_any_language_is_never_the_headline(buttons: str) -> None:
    dump = f"{buttons}\n\nNew crane doubles harbour capacity\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n"
    assert extract_text_dump(dump).title == "New crane doubles harbour capacity"
    assert extract_text_dump(f"Harbour Cranes\n\n{buttons}\n\n{PROSE}\n\n{PROSE}\n").title != (
        buttons)


@pytest.mark.parametrize("headline", [
    "Watch the video of the first ship at the new crane",
    "Explore the harbour's new museum of cranes",
    "Get in touch with the port's past at the new museum",
    "Pricing of container slots doubles in a year",
])
def test_a_headline_opening_with_a_button_s_words_is_still_the_headline(headline: str) -> None:
    dump = f"Log in Sign up\n\n{headline}\nBy Jane Doe\nMarch 4, 2024\n\n{PROSE}\n\n{PROSE}\n"
    assert extract_text_dump(dump).title == headline


@pytest.mark.parametrize("headline", [
    "Share prices fall as markets slide",
    "Google delays plan to end third-party cookies",
    "Restaurant menu prices rise 10% in a year",
    # words of bylines and buttons inside a headline
    "White House bars Associated Press from briefing",
    "Meet the new editor of the Harbour Courier",
    "Get ready for the longest weekend of the year",
    "Node.js 22 drops support for old systems",
])
def test_a_headline_that_names_a_word_of_chrome_is_still_the_headline(headline: str) -> None:
    dump = f"Home | News | Sport\n\n{headline}\nBy Jane Doe\nMarch 4, 2024\n\n{PROSE}\n\n{PROSE}\n"
    assert extract_text_dump(dump).title == headline


@pytest.mark.parametrize("above", ["Share this article", "Main menu", "Cookie settings",
                                   "We use cookies to improve your experience"])
def test_a_share_menu_or_cookie_line_is_never_the_headline(above: str) -> None:
    dump = f"{above}\n\nNew crane doubles harbour capacity\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n"
    assert extract_text_dump(dump).title == "New crane doubles harbour capacity"


@pytest.mark.parametrize("figure, label", [
    ("80%", "faster invoice processing"), ("3x", "more invoices per person"),
    ("$1,049", "Check prices for your region"), ("4.9/5", "Average rating from our customers"),
    ("€12 / month", "Billed yearly for every seat"),
])
def test_the_label_under_a_figure_is_never_the_headline(figure: str, label: str) -> None:
    dump = (f"Customer stories\nNew crane doubles harbour capacity\nHarbour Cranes\nIndustry\n"
            f"Ports\n{figure}\n{label}\n\n{PROSE}\n\n{PROSE}\n")
    assert extract_text_dump(dump).title == "New crane doubles harbour capacity"


def test_a_number_over_a_headline_is_a_date_s_badge_not_a_figure() -> None:
    dump = f"Mar\n30\nNew crane doubles harbour capacity\n\n{PROSE}\n\n{PROSE}\n"
    assert extract_text_dump(dump).title == "New crane doubles harbour capacity"


def test_the_app_page_s_price_line_is_not_its_title() -> None:
    assert extract("app-store-style-page-with-ratings-header.txt").title != (
        "Free · Offers In-App Purchases")


@pytest.mark.parametrize("byline, author", [
    ("Written by: Gwen Mallory", "Gwen Mallory"),
    ("Author: Jane Doe", "Jane Doe"),
    ("Geschrieben von Jan Roth", "Jan Roth"),
    ("By Jane Doe", "Jane Doe"),
])
def test_a_written_by_line_is_the_byline_not_the_headline(byline: str, author: str) -> None:
    dump = (f"Menu\n\nNew crane doubles harbour capacity\n{byline}\nMarch 4, 2024\n\n{PROSE}\n\n"
            f"{PROSE}\n\n{PROSE}\n")
    doc = extract_text_dump(dump)
    assert (doc.title, doc.author, doc.date) == ("New crane doubles harbour capacity", author,
                                                 "2024-03-04")


def test_a_line_that_begins_with_by_is_no_byline() -> None:
    dump = f"Bystanders cheer as new crane arrives\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n"
    doc = extract_text_dump(dump)
    assert (doc.title, doc.author) == ("Bystanders cheer as new crane arrives", None)


def test_of_a_landing_page_s_headings_over_sentences_the_first_is_the_headline() -> None:
    pitch = "Harbourly plans berths, cranes and crews for every ship that calls at your port."
    features = "".join(f"{heading}\n{PROSE}\n" for heading in (
        "Plan every berth a week ahead", "Keep cranes busy around the clock"))
    dump = f"Product\nPricing\nSign in\nRun your port on one screen\n{pitch}\nBook a demo\n{features}"
    assert extract_text_dump(dump).title == "Run your port on one screen"


def test_a_date_line_with_a_maghreb_month_is_not_the_headline() -> None:
    dump = (f"الجمعة 8 فيفري 2019\n\nNew crane doubles harbour capacity\n\n{PROSE}\n\n{PROSE}\n")
    doc = extract_text_dump(dump)
    assert (doc.title, doc.date) == ("New crane doubles harbour capacity", "2019-02-08")


def test_a_paragraph_with_french_quotes_is_no_breadcrumb() -> None:
    paragraph = ("Le débat dépasse donc les questions de « réforme systémique » ou d’« ajustement "
                 "paramétrique » dont parlent les experts. Il oppose deux visions de l’avenir.")
    dump = (f"Opinion\nLa retraite est-elle un archaïsme\nPar Claire Martin\n{paragraph}\n"
            f"Opinion\nLa retraite est-elle un archaïsme\nPar Claire Martin\n{PROSE}\n{PROSE}\n")
    assert paragraph in extract_text_dump(dump).body


@pytest.mark.parametrize("top, title", [
    ("Portly\nProduct\n\nNew crane doubles harbour capacity – Portly",
     "New crane doubles harbour capacity"),
    ("Portly\n\nPortly - New crane doubles harbour capacity", "New crane doubles harbour capacity"),
    # a section label is no logo: a kicker beside the same word stays
    ("Product\nPolitics\n\nPolitics: Senate passes the harbour bill at last",
     "Politics: Senate passes the harbour bill at last"),
])
def test_the_logo_s_name_beside_the_headline_is_stripped(top: str, title: str) -> None:
    assert extract_text_dump(f"{top}\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n").title == title


def test_a_teaser_over_an_exclaiming_teaser_is_no_hero_headline() -> None:
    teasers = ("Best burger in town (43)\nThe harbour players (5)\n"
               "Readers review the new ferry timetable (3)\n"
               "Harbour Radio presents: the loudest New Year parties of the coast!\n"
               "Best and worst films shot at the harbour? (15)\n\nPeople today\n\n")
    lede = ("A woman who was on the quay when the new crane arrived says the noise kept the whole "
            "street awake for a week, and she wants the port to pay for it.")
    dump = f"{teasers}Woman says crane noise cost her a week of sleep\n\n{lede}\n\n{PROSE}\n\n{PROSE}\n"
    assert extract_text_dump(dump).title == "Woman says crane noise cost her a week of sleep"


@pytest.mark.parametrize("over", [
    # a post's metadata with an ISO timestamp, glued by the theme
    "JaneHarbour2024-03-04T09:15:00+01:00March 4th, 2024|Ports|0 Comments",
    # a photo's caption glued to its credit
    "The new crane on the quay at dawnPhoto: HARBOUR PRESS/JANE DOE",
    "Workers watch the new crane arrive [AFP]",
    # breadcrumbs glued without separators
    "Harbour NewsPortsCranes Today",
    # a notice to turn JavaScript on, in Japanese and German
    "JavaScriptをオンにしてお楽しみください。",
    "Bitte aktivieren Sie JavaScript in Ihrem Browser",
])
def test_a_line_of_glued_metadata_credit_crumbs_or_a_notice_is_no_headline(over: str) -> None:
    dump = f"Menu\n\nNew crane doubles harbour capacity\n{over}\n\n{PROSE}\n\n{PROSE}\n"
    assert extract_text_dump(dump).title == "New crane doubles harbour capacity"


def test_a_link_doubled_by_its_hidden_copy_counts_once_and_is_no_headline() -> None:
    cards = "".join(f"{name}{name}\n" for name in (
        "Night ferries return", "Dockers vote on pay", "Night ferries return"))
    dump = (f"Menu\n\n{cards}New crane doubles harbour capacity\nMarch 4, 2024\n\n{PROSE}\n\n"
            f"{PROSE}\n")
    doc = extract_text_dump(dump)
    assert doc.title == "New crane doubles harbour capacity"


def test_a_headline_opening_like_a_byline_is_a_headline() -> None:
    dump = (f"Menu\n\nVon Hamburg lernen: Wie ein Hafen seine Kräne teilt\nMarch 4, 2024\n\n"
            f"{PROSE}\n\n{PROSE}\n")
    assert extract_text_dump(dump).title == "Von Hamburg lernen: Wie ein Hafen seine Kräne teilt"


@pytest.mark.parametrize("logo", ["harbour times online", "zur Hafenzeitung Nord"])
def test_a_logo_in_small_letters_is_no_headline(logo: str) -> None:
    dump = (f"{logo}\nNews\nSport\n\nNew crane doubles harbour capacity\n\n{PROSE}\n\n{PROSE}\n\n"
            f"{logo} - New crane doubles harbour capacity\n")
    assert extract_text_dump(dump).title == "New crane doubles harbour capacity"


def test_a_headline_with_its_tools_glued_after_it_is_the_headline() -> None:
    dump = (f"Home\nNews\nSport\n\nNew crane doubles harbour capacity\t|\u00a0Print\u00a0|\t"
            f"\u00a0E-mail\nBy Agencies\n\n{PROSE}\n\n{PROSE}\n")
    assert extract_text_dump(dump).title == "New crane doubles harbour capacity"


@pytest.mark.parametrize("line, title", [
    ("Harbour Presse : New crane doubles harbour capacity", "New crane doubles harbour capacity"),
    ("Port News | New crane doubles harbour capacity", "New crane doubles harbour capacity"),
    # a kicker is no section's name
    ("Libre cours : Une grue neuve pour le port", "Libre cours : Une grue neuve pour le port"),
])
def test_a_section_s_name_before_the_headline_is_stripped(line: str, title: str) -> None:
    dump = f"Menu\n\n{line}\nMarch 4, 2024\n\n{PROSE}\n\n{PROSE}\n"
    assert extract_text_dump(dump).title == title
