"""Terminal escape sequences and control characters: dropped from mail and from printed lines."""
from __future__ import annotations

import pytest

from search.terminal import for_terminal, without_escape_sequences


@pytest.mark.parametrize("text, plain", [
    ("\x1b[31mFAILED\x1b[0m", "FAILED"),  # colours
    ("\x1b[1;38;5;196mbold red\x1b[m", "bold red"),
    ("abc\x1b[D\x1b[D\x1b[C", "abc"),  # cursor moves (a 20 Newsgroups post)
    ("\x1b[2K\x1b[1Gline", "line"),
    ("\x1b]0;owned\x07title", "title"),  # a window title, ended by BEL
    ("\x1b]2;owned\x1b\\title", "title"),  # ... or by ESC \
    ("Daemons\x1b", "Daemons"),  # an ESC alone
    ("\x1b$B8l\x1b(J", "$B8l(J"),  # an ISO-2022-JP shift: the ESC goes, the text stays
    ("tab\tand\nnewline\x07 bell", "tab\tand\nnewline\x07 bell"),  # not sequences: kept
    ("[31m is text without ESC", "[31m is text without ESC"),
])
def test_escape_sequences_are_dropped_and_nothing_else(text, plain):
    assert without_escape_sequences(text) == plain


def test_the_terminal_also_loses_other_control_characters():
    assert for_terminal("\x1b[31mFAILED\x1b[0m\x07 a\x00b\tc\nd\x9b") == "FAILED ab\tc\nd"
