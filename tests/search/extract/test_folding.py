"""Tests for how extraction compares text: a card's headline printed twice on one line."""
from __future__ import annotations

import pytest

from search.extract.folding import opens_twice


@pytest.mark.parametrize("line, card", [
    # a card of another story: its headline (the link's title), the headline again, its source
    ("Harbour ferry runs late for the third time Harbour ferry runs late for the third time "
     "Coast Radio", True),
    ("- Mayor opens new library wing Mayor opens new library wing after two years Coast Radio",
     True),
    # prose, a heading and a line that repeats fewer words are none
    ("The mayor said the mayor said nothing of the sort, the clerk wrote.", False),
    ("Harbour ferry runs late for the third time", False),
    ("New New York", False),
    # a headline twice with a long sentence after it is text, not a card
    ("Ferry runs late again Ferry runs late again and the council has asked the operator to "
     "explain why its boats missed every morning sailing this week", False),
])
def test_a_line_opening_with_its_headline_twice_is_a_card(line: str, card: bool) -> None:
    assert opens_twice(line) is card
