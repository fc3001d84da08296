"""Lines that stand where a headline may but are none, told line by line."""
from __future__ import annotations

import pytest

from search.extract.textdump.headline_chrome import is_byline, not_headline


@pytest.mark.parametrize("text, expected", [
    ("JaneHarbour2024-03-04T09:15:00+01:00March 4th, 2024|Ports", True),
    ("Harbour NewsPortsCranes Today", True),
    # brands have one capital inside
    ("McDonald's opens on the quay", False),
    ("YouTube star films the new crane", False),
    ("New crane doubles harbour capacity", False),
])
def test_glued_metadata_and_crumbs_are_no_headline(text: str, expected: bool) -> None:
    assert not_headline(text) is expected


def test_a_table_row_is_no_headline_but_a_headline_with_its_tools_is() -> None:
    assert not_headline("Port\tShips\tCranes", "Port\tShips\tCranes")
    row = "New crane doubles harbour capacity\t|\u00a0Print\u00a0|\t\u00a0E-mail"
    assert not not_headline("New crane doubles harbour capacity", row)


@pytest.mark.parametrize("text, expected", [
    ("Von Heiko Sauer", True),
    ("By Jo Parr and Sam Lee", True),
    ("von Peter Müller am 12.03.2024 um 10:00", True),
    ("Von Hamburg lernen: Wie ein Hafen seine Kräne teilt", False),
    ("By train or by ferry, the quay is open", False),
])
def test_a_headline_opening_like_a_byline_is_no_byline(text: str, expected: bool) -> None:
    assert is_byline(text) is expected
