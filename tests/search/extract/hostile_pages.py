"""Generated pages, each with one kind of hostile line around a plain article, as .txt and .html."""
from __future__ import annotations

import html

ARTICLE = ("Ministers from twelve countries met in Geneva on Wednesday to agree a plan for the "
           "river basin.",
           "The talks ran late into the night, and officials said the final text would be "
           "published on Friday.",
           "Farmers downstream have waited three years for an agreement on how much water each "
           "country may take.")
# Words every extraction of a page must keep.
MUST_KEEP = "river basin"
SEPARATORS = {"pipe": " | ", "guillemet": " » ", "bullet": " • ", "angle": " > "}
SECTIONS = ["Home", "News", "World", "Politics", "Business", "Sport", "Football", "Tennis",
            "Culture", "Science", "Health", "Opinion", "Travel", "Weather", "Video"]


def _menu(separator: str, links: int = 60) -> str:
    # The last link is too long for a menu: the line fails to match only after every split.
    return separator.join((SECTIONS * 8)[:links]) + separator + "x" * 45 + " tail of the menu"


HOSTILE_LINES = {
    **{f"menu-{name}": _menu(sep) for name, sep in SEPARATORS.items()},
    "breadcrumbs": " > ".join(["Home", "News", "World", "Europe", "Switzerland"] * 20) + " > ",
    "long-line": " ".join(["Word"] * 12_000),  # 60,000 characters
    "long-line-no-spaces": "a" * 60_000,
    "slashes": "/" * 20_000 + " x",
    "dates": " ".join(["12/03/2024", "2024-03-12", "12.03.2024", "March 12, 2024"] * 1500),
    "credits": " ".join(["Photo: Jane Doe / Reuters ©"] * 1500),
    "quotes": " ".join(['"Yes," he said. “No,” she said.'] * 1500),
    "parentheses": "(" * 10_000 + "a" + ")" * 10_000,
    "combining-marks": "e" + "\u0301" * 30_000,
    "share-counters": " ".join(["Share 1.2k", "Tweet 345", "Comments 12"] * 2000),
    "spaces": "a" + " " * 60_000 + "b",
    "names": " ".join(["Jane Doe, Ministry Spokesman Of The Republic,"] * 1300),
    "digits-colon": "1" * 60_000 + ":",
    "commas": "© 2024 Outlet" + "," * 30_000,
    # distinct speakers: testing each surname against each sentence took quadratic time
    "speakers": " ".join(f"Ann {a}{b}{c}{d}son said." for a in ("Al", "Bo", "Cy", "Di", "Ed", "Fa")
                         for b in "abcdefghij" for c in ("ka", "lo", "mu", "ne")
                         for d in "klmnopqrs"),
}


def text_page(kind: str) -> str:
    """Return a browser-text page: the hostile line(s) above a headline and the article."""
    if kind == "short-lines":
        return ("\n".join(f"Link {i}" for i in range(20_000)) + "\nRiver talks end with a plan\n"
                + "\n".join(ARTICLE) + "\n")
    top = HOSTILE_LINES[kind]
    return f"{top}\nRiver talks end with a plan\n" + "\n".join(ARTICLE) + f"\n{top}\n"


def html_page(kind: str) -> str:
    """Return the same page as HTML: the hostile line in a nav and in the article."""
    if kind == "short-lines":
        nav = "".join(f"<li><a href='/l{i}'>Link {i}</a></li>" for i in range(20_000))
        hostile = ""
    else:
        hostile = html.escape(HOSTILE_LINES[kind])
        nav = f"<li>{hostile}</li>"
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in ARTICLE)
    return (f"<!doctype html><html><head><title>River talks end with a plan</title></head><body>"
            f"<nav><ul>{nav}</ul></nav><article><h1>River talks end with a plan</h1>{paras}"
            f"<p>{hostile}</p></article><footer>{hostile}</footer></body></html>")


KINDS = sorted([*HOSTILE_LINES, "short-lines"])
