"""How extraction compares two pieces of text: the one home of each folding rule it uses.

Titles, headings, menu lines and repeated lines are compared after folding, so that case and
punctuation (and, for a text dump's repeated lines, accents) never hide a repeat.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"\w+")
# Chinese and Japanese (Han, kana): written without spaces between words, so a run of them is
# one \w+ run however many words it holds. The one home of that class: the text-dump reader
# counts such words by their characters, the index splits such runs into pairs.
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_CHARS}]")
LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")
# The title, masthead and body finders of a text dump fold its lines many times over.
FOLD_CACHE_SIZE = 2048


def fold_words(text: str) -> str:
    """Return the text's words without case, one space apart (punctuation dropped)."""
    return " ".join(WORD.findall(text.casefold()))


@lru_cache(maxsize=FOLD_CACHE_SIZE)
def fold_words_and_accents(text: str) -> str:
    """Return the text's words without case or accents, one space apart."""
    if text.isascii():  # most lines: nothing to decompose
        return fold_words(text)
    text = unicodedata.normalize("NFKD", text)
    return fold_words("".join(c for c in text if not unicodedata.combining(c)))


def squash(text: str) -> str:
    """Return the text lower-cased with letters and digits only, to compare with a host name."""
    return "".join(LETTERS_AND_DIGITS.findall(text.casefold()))


# A card of another story prints its headline twice on one line (the link's title and its text)
# and then its source: "Piers Morgan tells viewers ... Piers Morgan tells viewers ... Wales
# Online" (MSN's "What to watch next"). Prose never opens with the same four words twice.
CARD_MIN_WORDS = 4
CARD_MAX_TAIL_WORDS = 8
CARD_MAX_CHARS = 600


def opens_twice(line: str) -> bool:
    """Tell whether a line opens with the same run of words twice, with a short tail after."""
    if len(line) > CARD_MAX_CHARS:
        return False
    words = line.lstrip("-•*· ").split()
    for n in range(CARD_MIN_WORDS, len(words) // 2 + 1):
        if words[:n] == words[n:2 * n]:
            return len(words) - 2 * n <= CARD_MAX_TAIL_WORDS
    return False
