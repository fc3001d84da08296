"""The parts a word is indexed as besides itself: a compound's pieces, a Chinese or Japanese
run's pairs of characters (CompoundFilter, in schema.py, decides which and yields them).

Chinese and Japanese write no spaces between words, so a whole sentence is one run of word
characters: indexed as it is, none of its words could be found. Such a run is indexed as its
overlapping pairs of characters ("老茶馆" as "老茶", "茶馆"), as Lucene's CJK analyzer does, each
a part at its own position and with no joined form, so a query's run is searched as the phrase of
its pairs (the query builder makes a phrase of a compound's parts). Korean writes spaces between
words and is left as it is; a lone character is a word of its own.
"""
from __future__ import annotations

import re

from search.extract.folding import CJK, CJK_CHARS

_CJK_OR_OTHER = re.compile(f"[{CJK_CHARS}]+|[^{CJK_CHARS}]+")


def cjk_pieces(text: str) -> list[tuple[int, str]]:
    """Return (offset, piece) of a word holding Chinese or Japanese characters: each pair of
    neighbouring such characters (a lone one alone), and each run of other characters whole."""
    pieces = []
    for run in _CJK_OR_OTHER.finditer(text):
        at, chars = run.start(), run.group()
        if not CJK.match(chars) or len(chars) == 1:
            pieces.append((at, chars))
        else:
            pieces.extend((at + i, chars[i:i + 2]) for i in range(len(chars) - 1))
    return pieces


def split_pieces(text: str, pieces: list[str]) -> list[tuple[int, str]]:
    """Return (offset, piece) of the pieces a separator split `text` into, in order."""
    found, offset = [], 0
    for piece in pieces:
        at = text.index(piece, offset)
        offset = at + len(piece)
        found.append((at, piece))
    return found


def parts(t, pieces: list[tuple[int, str]], pos: int | None, start: int, stoplist: frozenset,
          minsize: int):
    """Yield the token `t` as each kept piece in turn, a "part" at the next position from `pos`
    and at its characters from `start`; return how many were yielded (how far they push the
    words after them). A piece shorter than `minsize` (but a Chinese or Japanese character) or
    in `stoplist` is left out."""
    kept = 0
    for at, piece in pieces:
        if piece in stoplist or (len(piece) < minsize and not CJK.match(piece)):
            continue
        t.text, t.compound = piece, "part"
        if t.positions:
            t.pos = pos + kept
        if t.chars:
            t.startchar, t.endchar = start + at, start + at + len(piece)
        kept += 1
        yield t
    return kept
