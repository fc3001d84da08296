"""Hard-wrapped paragraphs are joined again; a paragraph a line is left as it is."""
from __future__ import annotations

from pathlib import Path

from search.extract.textdump.hardwrap import unwrap, wrap_width
from search.extract.textdump.reader import extract_text_dump

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "textdump"
WRAPPED = """The committee met on Tuesday and agreed that the budget for the
coming year would be cut by a tenth, after a long debate about
the cost of the new building.
    The chairman said the vote was close and that members
would meet again in May.
 - a list item that stays on a line of its own
 - and another one
"""


def test_wrapped_paragraphs_are_joined_at_indents_and_list_items():
    assert wrap_width(WRAPPED.splitlines()) == 63  # its longest line
    assert unwrap(WRAPPED).splitlines() == [
        "The committee met on Tuesday and agreed that the budget for the coming year would be cut "
        "by a tenth, after a long debate about the cost of the new building.",
        "    The chairman said the vote was close and that members would meet again in May.",
        " - a list item that stays on a line of its own",
        " - and another one"]


def test_text_with_a_paragraph_a_line_is_left_as_it_is():
    dump = ("Home\nNews\n\nA headline\n\n" + "A paragraph as a browser saves it, " * 5 + "\n\n"
            + "Another one, just as long as the first and ending with a stop. " * 3 + "\n")
    assert wrap_width(dump.splitlines()) is None and unwrap(dump) == dump
    assert unwrap("Home\nNews\nSport\nWeather\n") == "Home\nNews\nSport\nWeather\n"


def test_a_wire_story_wrapped_at_60_characters_is_read():
    story = extract_text_dump((FIXTURES / "hard-wrapped-wire-story.txt").read_text())
    assert story.body.splitlines() == [
        "CAMBRIDGE, Mass., March 20 - Lotus Development Corp and MCI Communications Corp said "
        "they made the first shipment of Lotus Express for MCI Mail, a communications-software "
        "product that enables personal computer users to exchange messages, send telexes and "
        "transfer files.",
        "Lotus Express was announced last December and was shipped on schedule, the companies "
        "said."]
    assert str(story.date) == "1987-03-20"
