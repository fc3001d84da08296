"""Paragraphs of a body and the quotations in them, each replaced by a numbered mark, the
sentences of the masked text, and the words of a sentence with its quotations put back."""
from __future__ import annotations

import re

from search.extract.speakers.cues import (
    ABBREVIATION, CUE_AFTER_QUOTE, OPENER, OPENERS, QUOTE_MARK, REOPENING, SENTENCE_END,
    WRAPPED_LINE_CHARS,
)
from search.extract.speakers.people import Body

# A sentence that is one quotation and nothing else, as masked: "“Q3!”".
LONE_QUOTE = re.compile(r"\s*“Q\d+[.!?]”")


def split_paragraphs(body: str) -> list[str]:
    """Split a body into paragraphs, joining lines that mail software wrapped."""
    lines = [line.strip() for line in body.split("\n")]
    filled = [line for line in lines if line]
    if filled and sum(len(line) in WRAPPED_LINE_CHARS for line in filled) > 0.5 * len(filled):
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
        if opener.group() == '"' and paragraph[opener.end():opener.end() + 1].isspace() \
                and paragraph[opener.start() - 1:opener.start()] in (" ", ""):
            out.append(opener.group())  # 'clusters " one at a factory " emerged': a lost dash
            i = opener.end()
            continue
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
        reopens = bool(found and opener.group() == '"' and REOPENING.match(paragraph, found.start()))
        inner = paragraph[opener.end():found.start() if found else len(paragraph)].strip()
        stop = inner[-1:] if inner[-1:] in (".", ",", "!", "?") else ""
        out.append(f"“Q{len(doc.quotes)}{stop}”" + (" " if reopens else ""))
        doc.quotes.append((inner, found is None or reopens))
        i = found.start() if reopens else found.end() if found else len(paragraph)


def sentences(text: str, last: int | None = None) -> list[tuple[int, int]]:
    """Return the spans of the sentences of masked text, never across a paragraph (with `last`,
    those of the lines that start at `last` or before)."""
    spans, start = [], 0
    for para in re.finditer(r"[^\n]+", text):
        if last is not None and para.start() > last:
            break
        # the line copied once: a copy for each full stop of a long line took quadratic time
        start, line = para.start(), para.group()
        for m in SENTENCE_END.finditer(line):
            if ABBREVIATION.search(line, max(0, m.start() - 8), m.start() + 1):
                continue
            if LONE_QUOTE.fullmatch(line, start - para.start(), m.start() + 2) \
                    and CUE_AFTER_QUOTE.match(line, m.end()):
                continue  # '“Q3!” Cruz said.': the speaker's sentence holds the quotation
            spans.append((start, para.start() + m.end()))
            start = para.start() + m.end()
        spans.append((start, para.end()))
    return [(a, b) for a, b in spans if b > a]


def _opens_word(text: str, at: int) -> bool:
    """Tell whether the mark at `at` starts a word: no letter or apostrophe before, a letter or
    digit after."""
    before, after = text[at - 1:at], text[at + 1:at + 2]
    inside = before.isalnum() or bool(before) and before in "’'_"
    return not inside and (after.isalnum() or after == "_")


def unmasked(doc: Body, mark: re.Match) -> str:
    """Return the quotation a mark stands for (the text as it is, should it be no mark)."""
    n = int(mark.group(1))
    return doc.quotes[n][0] if n < len(doc.quotes) else mark.group()


def reported_words(doc: Body, a: int, b: int) -> str:
    """Return the words a cue reports, quotations put back; words that are only a quotation
    are that quotation's text, as its first speaker's quote has it ('“...,” said A and B')."""
    marks = list(QUOTE_MARK.finditer(doc.text, a, b))
    if len(marks) == 1 and not QUOTE_MARK.sub("", doc.text[a:b]).strip(" ,.;:“”\"'"):
        return unmasked(doc, marks[0])
    return QUOTE_MARK.sub(lambda m: unmasked(doc, m), doc.text[a:b]).strip(" ,")
