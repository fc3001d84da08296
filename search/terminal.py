"""Terminal escape sequences and control characters in archived text: the one home of the rule.

Cron and CI mail carries colour codes ("\\x1b[31mFAILED\\x1b[0m"); a hostile subject can carry a
sequence that retitles a terminal's window ("\\x1b]0;...\\x07"). Extraction drops the sequences
from mail (`extract/mail/chrome.py`: a web page would show "[31m"), and the command line drops
them and every other control character from what it prints (`cli.for_terminal`).
"""
from __future__ import annotations

import re

ESC = "\x1b"
# A CSI sequence (ESC [ parameters, intermediates, a final byte: colours, cursor moves) or an OSC
# one (ESC ] text, ended by BEL or ESC \\: a window's title), each bounded to run in linear time.
ANSI_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]{0,40}[ -/]{0,10}[@-~]|\][^\x07\x1b]{0,400}(?:\x07|\x1b\\)?)")
# Control characters but tab and newline: ESC starts a terminal's escape sequences, others move
# the cursor or rewrite the screen.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def without_escape_sequences(text: str) -> str:
    """Return text without terminal escape sequences, nor an ESC left alone (an ISO-2022 shift)."""
    if ESC not in text:  # nearly all text: one search
        return text
    return ANSI_SEQUENCE.sub("", text).replace(ESC, "")


def for_terminal(text: str) -> str:
    """Return text without terminal escape sequences and control characters (cron mail's colours)."""
    return CONTROL_CHARS.sub("", without_escape_sequences(text))
