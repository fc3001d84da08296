"""Paragraphs of a body and the quotations in them, each replaced by a numbered mark."""
from __future__ import annotations

import re

from search.extract.speakers.cues import OPENER, OPENERS, WRAPPED_LINE
from search.extract.speakers.people import Body


def split_paragraphs(body: str) -> list[str]:
    """Split a body into paragraphs, joining lines that mail software wrapped."""
    lines = [line.strip() for line in body.split("\n")]
    filled = [line for line in lines if line]
    if filled and sum(1 for line in filled if WRAPPED_LINE.match(line)) > 0.5 * len(filled):
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
    return filled


def mask_quotes(paragraph: str, doc: Body) -> str:
    """Replace each quotation in a paragraph by a numbered mark and keep its text in `doc`."""
    out, i = [], 0
    while True:
        opener = OPENER.search(paragraph, i)
        if not opener:
            out.append(paragraph[i:])
            return "".join(out)
        out.append(paragraph[i:opener.start()])
        single = opener.group() == "‘"
        if single and not _opens_word(paragraph, opener.start()):
            out.append(opener.group())  # "rock‘n’roll": a mark inside a word is text
            i = opener.end()
            continue
        found = OPENERS[opener.group()].search(paragraph, opener.end())
        if not found and single:
            out.append(opener.group())  # "the ‘90s": a single mark that closes nothing is text
            i = opener.end()
            continue
        inner = paragraph[opener.end():found.start() if found else len(paragraph)].strip()
        stop = inner[-1:] if inner[-1:] in (".", ",", "!", "?") else ""
        out.append(f"“Q{len(doc.quotes)}{stop}”")
        doc.quotes.append((inner, found is None))
        i = found.end() if found else len(paragraph)


def _opens_word(text: str, at: int) -> bool:
    """Tell whether the mark at `at` starts a word: no letter or apostrophe before, a letter or
    digit after."""
    before, after = text[at - 1:at], text[at + 1:at + 2]
    inside = before.isalnum() or bool(before) and before in "’'_"
    return not inside and (after.isalnum() or after == "_")
