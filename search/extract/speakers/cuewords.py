"""The words that may cue speech, found fast: a body or a sentence without one needs none of the
slower cue patterns (`cues.py`)."""
from __future__ import annotations

import re

from search.extract.speakers.cues import SAY, SAY_INVERTED

# The first words of all cues, to skip sentences without one before the slower patterns run.
_PLAIN_CUES = (SAY + "|" + SAY_INVERTED).replace("[sz]", "s").replace("(?:was|is) ", "")
CUE_WORDS = frozenset(
    word for cue in _PLAIN_CUES.replace("has written", "written").split("|")
    for word in (cue.split()[0], cue.split()[0].replace("emphasis", "emphasiz")))


def _trie(words: frozenset[str]) -> str:
    """Return a regex for any of the words that shares their prefixes, so it runs fast."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        ends = "" in node
        body = branches[0] if len(branches) == 1 and not ends else f"(?:{'|'.join(branches)})"
        return body + ("?" if ends else "")

    return pattern(tree)


CUE_WORD = re.compile(rf"\b{_trie(CUE_WORDS)}\b")
# A cue word after the character before it, to find them all faster than CUE_WORD (a pattern
# that opens with a class of characters skips the others; one opening with \b tries every place):
# a word that opens the text is CUE_WORD's.
CUE_AFTER_GAP = re.compile(rf"\W({_trie(CUE_WORDS)})\b")


def cue_words(text: str, first: bool = False) -> list[tuple[int, str]]:
    """Return where each word that may cue speech starts and the word, as CUE_WORD finds them
    (only the first with `first`)."""
    opening = CUE_WORD.match(text)
    found = [(0, opening.group())] if opening else []
    if found and first:
        return found
    for m in CUE_AFTER_GAP.finditer(text):
        found.append((m.start(1), m.group(1)))
        if first:
            break
    return found
