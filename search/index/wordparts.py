"""The parts a word is indexed as besides itself: a compound's pieces, a Chinese or Japanese
run's pairs of characters (CompoundFilter, in schema.py, decides which and yields them); and
WordStopFilter, which keeps a lone Chinese or Japanese character as a word. (The index pickles
WordStopFilter by its module's name: it stays here.)

Chinese and Japanese write no spaces between words, so a whole sentence is one run of word
characters: indexed as it is, none of its words could be found. Such a run is indexed as its
overlapping pairs of characters ("老茶馆" as "老茶", "茶馆"), as Lucene's CJK analyzer does, each
a part at its own position and with no joined form, so a query's run is searched as the phrase of
its pairs (the query builder makes a phrase of a compound's parts). Korean writes spaces between
words and is left as it is; a lone character is a word of its own.

Many Chinese words are one character ("茶", tea): when indexing, each character of a run is also
indexed alone, beside the pair it starts (the last beside the last pair), so a query of one
character finds it; positions are the pairs', so phrases of pairs match as before. A query's run
is read as its pairs only (Lucene's CJKBigramFilter with `outputUnigrams` does the same).
"""
from __future__ import annotations

import re

from whoosh.analysis import StopFilter

from search.extract.folding import CJK, CJK_CHARS

_CJK_OR_OTHER = re.compile(f"[{CJK_CHARS}]+|[^{CJK_CHARS}]+")


def cjk_pieces(text: str, singles: bool = False) -> list[tuple]:
    """Return (offset, piece) of a word holding Chinese or Japanese characters: each pair of
    neighbouring such characters (a lone one alone), and each run of other characters whole.
    With `singles`, each character of a run also follows the pair it starts as (offset, char,
    BESIDE), the last character after the last pair: at the position of the piece before it."""
    pieces = []
    for run in _CJK_OR_OTHER.finditer(text):
        at, chars = run.start(), run.group()
        if not CJK.match(chars) or len(chars) == 1:
            pieces.append((at, chars))
            continue
        for i in range(len(chars) - 1):
            pieces.append((at + i, chars[i:i + 2]))
            if singles:
                pieces.append((at + i, chars[i], BESIDE))
        if singles:
            pieces.append((at + len(chars) - 1, chars[-1], BESIDE))
    return pieces


# Marks a piece indexed at the position of the piece before it (a character beside its pair).
BESIDE = "beside"


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
    words after them). A piece marked BESIDE takes the position of the kept piece before it. A
    piece shorter than `minsize` (but a Chinese or Japanese character) or in `stoplist` is left
    out."""
    kept = 0
    for at, piece, *beside in pieces:
        if piece in stoplist or (len(piece) < minsize and not CJK.match(piece)):
            continue
        t.text, t.compound = piece, "part"
        if t.positions:
            t.pos = pos + kept - 1 if beside and kept else pos + kept
        if t.chars:
            t.startchar, t.endchar = start + at, start + at + len(piece)
        if not (beside and kept):
            kept += 1
        yield t
    return kept


class WordStopFilter(StopFilter):
    """Whoosh's StopFilter, but a Chinese or Japanese character alone is a word ("茶", tea), not
    too short: the shortest word kept is a rule for alphabets."""

    def __call__(self, tokens):
        stops, minsize, maxsize, renumber = self.stops, self.min, self.max, self.renumber
        pos = None
        for t in tokens:
            text = t.text
            if text not in stops and (len(text) >= minsize or CJK.match(text)) \
                    and (maxsize is None or len(text) <= maxsize):
                if renumber and t.positions:
                    if pos is None:
                        pos = t.pos
                    else:
                        pos += 1
                        t.pos = pos
                t.stopped = False
                yield t
            elif not t.removestops:
                t.stopped = True
                yield t
