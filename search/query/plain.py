"""Read text typed without syntax (a question, a pasted sentence or headline) as plain words.

A query is plain when it uses none of the language's syntax: no "phrase", operator, field, -word,
prefix* or word~. A stray parenthesis, colon, quotation mark or dash in such text is text, and
text the strict parser refuses is read as plain words unless it holds syntax that was clearly
meant (a known `field:`, AND/OR/NOT, -word, prefix*, word~, a date [range]). Plain words are
searched as ranked any-word retrieval (search/query/anyword.py), so a pasted sentence is never
refused for its length either.
"""
from __future__ import annotations

import re

from whoosh.analysis import STOP_WORDS
from whoosh.lang.stopwords import stoplists

from search.errors import BadQuery
from search.query.tree import FIELDS, And, AnyWords, Not, Phrase, Word
from search.index.schema import WORD_PATTERN

WORDS = re.compile(WORD_PATTERN)
# Errors of syntax that was clearly meant, whatever else the text holds.
ALWAYS_SYNTAX = frozenset({"too_deep", "empty_group", "regex_not_supported",
                           "query_too_long"})
# Syntax clearly meant in text of any length: a known field, a date range.
STRONG_SYNTAX = re.compile(r"""
    (?:^|[\s(])(?:%s):[^\s,;)\]]     # a known field prefix (not a drive's "F:," in prose)
  | \[[^\]\[]{0,40}\bTO\b[^\]\[]{0,40}\]  # a date range (closed, short: not a bracket of prose)
""" % "|".join(FIELDS), re.VERBOSE | re.IGNORECASE)
# Words in capitals, two or more in a row: a heading or a shout in a pasted paragraph ("WHEN AND
# WHERE", "PROVIDED ONLY FOR INFORMATIONAL PURPOSES AND SHOULD NOT BE CONSTRUED"), whose AND, OR
# and NOT are words.
SHOUTED = re.compile(r"\b[A-Z]{2,}+(?:[\s,;:]++[A-Z]{2,}+)++\b")
# Marks that are syntax in a query but are also written in prose: clearly meant only in text of
# at most MAX_CLAUSES words, as many as a query with syntax may hold. In a pasted paragraph they
# are text: "*third*" (mail's emphasis), "run trial -j 16", "/* a comment */", "-:-", "**bold**"
# refused 23 of 280 paragraphs pasted from the twisted-web and Usenet archives, and a "-word" of a
# paragraph excluded the very post it was pasted from.
WEAK_SYNTAX = re.compile(r"""
    (?:^|[\s(])[-+][^\s\d\-+]        # -word, +word (a dash before a number is text: -20)
  | \S\*|(?:^|\s)\*\S               # prefix* (and a misplaced *)
  | \w~                             # word~
  | \w\?\w                          # a ? inside a word
""", re.VERBOSE)
# Prose that holds marks of syntax wherever it stands: a URL (its "?", "*", "-" and scheme's
# colon) and a function's call in a technical post ("select()", not an empty group).
PROSE_MARKS = re.compile(r"\b[A-Za-z][A-Za-z0-9+.\-]*://\S*|\w\(\)")
OPERATOR = re.compile(r"(?:^|[\s(])(?:AND|OR|NOT)(?=[\s(]|$)")
MAX_TERM_CHARS = 100
# Function words ("what", "did", "about", "which", "there") left out of plain text of more than
# SHORT_QUERY_WORDS words (besides the stopwords no prose field indexes). They are the frame of a
# question, not its subject; rare in abstracts and articles, they get a high idf there and rank
# documents for "what". NLTK's English list, as Whoosh ships it. Measured on the development
# split of ranking-dev (342 queries; nDCG@10 / Recall@100, with the other rules of
# search/query/anyword.py): 0.4300 / 0.6788 without, 0.4376 / 0.6850 with (cisi 0.397 -> 0.424,
# cranfield 0.346 -> 0.353, time 0.653 -> 0.659); Lucene's (bm25s') 33 English stopwords instead
# 0.4300 / 0.6783; left out of queries of more than 2, 4 or 6 words alike (few dev queries are
# that short), 8: 0.4352. A query of up to SHORT_QUERY_WORDS words keeps them: "after the war"
# still wants "after". Words that carry a headline's meaning ("again", "more", "only", "over",
# "after", "against", "between"...) stay: a pasted headline "Text message record smashed again"
# lost its document to others when "again" was left out (known-item search 0.995 -> 0.9925);
# keeping them costs 0.001 on the same dev split (0.4362 / 0.6834, cisi 0.424 -> 0.412).
HEADLINE_WORDS = frozenset(
    "again further once more most few only same very too no nor own other such off over under "
    "out up down before after above below between through during against until".split())
QUESTION_STOP_WORDS = frozenset(stoplists["en"]) - HEADLINE_WORDS
SHORT_QUERY_WORDS = 4
# Words left out are noted one a note up to this many, then in one note listing at most
# MAX_LISTED of them: the notes of a pasted page stay readable.
MAX_WORD_NOTES = 3
MAX_LISTED = 20
# How the strict reading failed, said in the note of a query read as plain words instead.
READ_AS_TEXT = {
    "unbalanced_paren": "a parenthesis without its pair",
    "unbalanced_quote": "a quotation mark without its pair",
    "unbalanced_bracket": "a bracket without its pair",
    "unknown_field": "a colon after a word that is not a field",
    "empty_group": "a call's empty parentheses (\"select()\")",
    "dangling_operator": "a lone dash or operator",
    "unparsable_query": "a stray mark",
    "term_too_long": "a word over 100 characters",
    "bad_wildcard": "a stray * or ?",
    "phrase_too_long": "a quotation of more than 20 words",
    "bad_fuzzy": "a ~ that follows no word (a phrase's ~N, nearness, is not searched)",
}


def operators_active(text: str) -> bool:
    """Tell whether AND, OR and NOT are operators: not in text typed all in capitals."""
    return any(c.islower() for c in text)


def has_explicit_syntax(text: str, operators: bool, pasted: bool = False) -> bool:
    """Tell whether text holds syntax clearly meant as such (its errors are then refused).

    In `pasted` text (more words than a query with syntax holds) only a known field, a date
    range and AND/OR/NOT outside words in capitals are; URLs and calls ("select()") are text in
    any text.
    """
    text = PROSE_MARKS.sub(" ", text)
    if pasted:
        text = SHOUTED.sub(" ", text)
    return bool(STRONG_SYNTAX.search(text) or (operators and OPERATOR.search(text))
                or (not pasted and WEAK_SYNTAX.search(text)))


def clearly_meant(error: BadQuery, text: str, operators: bool, pasted: bool) -> bool:
    """Tell whether the strict reading's error is of syntax clearly meant (refused with a 400),
    not of marks in text (read as plain words)."""
    if error.code in ALWAYS_SYNTAX and not (error.code == "empty_group" and pasted_call(text)):
        return True
    return has_explicit_syntax(text, operators, pasted)


def pasted_call(text: str) -> bool:
    """Tell whether every "()" of text is a function's call ("select()"), not an empty group."""
    return "()" in text and "()" not in PROSE_MARKS.sub(" ", text)


def is_plain(tree) -> bool:
    """Tell whether a parsed tree is only words without field, prefix or fuzziness, ANDed."""
    if isinstance(tree, Word):
        return tree.field is None and tree.kind == "word"
    return isinstance(tree, And) and all(is_plain(item) for item in tree.items)


def is_plain_but_excluded(tree) -> bool:
    """Tell whether a tree is plain words ANDed with excluded words or phrases (-word)."""
    if not isinstance(tree, And):
        return False
    wanted = [i for i in tree.items if not isinstance(i, Not)]
    excluded = [i.item for i in tree.items if isinstance(i, Not)]
    return bool(wanted) and bool(excluded) and all(is_plain(i) for i in wanted) \
        and all(isinstance(i, (Word, Phrase)) for i in excluded)


def is_text(tree) -> bool:
    """Tell whether a tree is plain words and phrases without fields, ANDed (pasted text)."""
    if isinstance(tree, Phrase):
        return tree.field is None
    return is_plain(tree) or (isinstance(tree, And) and all(is_text(i) for i in tree.items))


def words_of_tree(tree) -> list[str]:
    """Return the typed text of a plain tree's words and phrases, in order."""
    if isinstance(tree, (Word, Phrase)):
        return [tree.text]
    return [text for item in tree.items for text in words_of_tree(item)]


def read_plain(pieces: list[str], notes: list[str]) -> AnyWords:
    """Return the plain words of typed pieces of text: stopwords left out (noted), and how many
    times each word was typed (a word typed twice weighs twice, as in BM25 and Lucene).

    A query of only common words searches them (where they are indexed: titles, names); a word
    longer than MAX_TERM_CHARS is left out.

    Raises:
        BadQuery: no word at all is left (only punctuation, or only over-long words).
    """
    words, typed, common, too_long = [], {}, [], []
    for piece in pieces:
        if not WORDS.search(piece) and any(WORDS.search(p) for p in pieces):
            notes.append(f"{piece!r} has nothing searchable in it and was left out")
        for word in WORDS.findall(piece):
            key = word.lower()
            if len(word) > MAX_TERM_CHARS:
                too_long.append(word)
            elif key not in typed:
                typed[key] = 1
                (common if key in STOP_WORDS else words).append(word)
            else:
                typed[key] += 1
    if too_long:
        notes.append(f"{len(too_long)} word(s) over {MAX_TERM_CHARS} characters were left out")
    if not words and not common:
        if too_long:
            raise BadQuery(f"a word longer than {MAX_TERM_CHARS} characters cannot be searched",
                           "term_too_long")
        # Nothing a prose field indexes ("&&", "+\x1b"): kept as typed, so that what the answer
        # says it read reads the same again; compiling it finds nothing searchable (a 400).
        notes.clear()
        return AnyWords([Word(None, piece) for piece in pieces if piece.strip()])
    if not words:
        notes.append("only common words (" + ", ".join(repr(w) for w in common) + "): searched "
                     "where they are indexed (titles, names of outlets, people, authors)")
        return AnyWords([Word(None, w) for w in common], common=True)
    if len(common) > MAX_WORD_NOTES:  # a pasted paragraph: one note, not one a word
        notes.append(f"{len(common)} common words were left out: " + listed(common))
        common = []
    for word in common:
        notes.append(f"{word!r} is too common to search and was left out"
                     + ("; write AND or OR in capitals for the operator"
                        if word in ("and", "or", "not") else ""))
    words = _without_question_words(words, notes)
    repeated = [f"{w!r} {typed[w.lower()]} times" for w in words if typed[w.lower()] > 1]
    if repeated:
        notes.append("words typed more than once weigh more: " + listed(repeated))
    return AnyWords([Word(None, w) for w in words],
                    typed=tuple(typed[w.lower()] for w in words))


def _without_question_words(words: list[str], notes: list[str]) -> list[str]:
    """Return the words of a question or pasted text without its function words (noted).

    Only text of more than SHORT_QUERY_WORDS words loses them, and only while a word is left:
    a short query keeps every word it was typed with.
    """
    if len(words) <= SHORT_QUERY_WORDS:
        return words
    kept = [w for w in words if w.lower() not in QUESTION_STOP_WORDS]
    left_out = [w for w in words if w.lower() in QUESTION_STOP_WORDS]
    if not kept or not left_out:
        return words
    notes.append(f"{len(left_out)} common word(s) of a question were left out: "
                 + listed(left_out))
    return kept


def listed(words: list[str]) -> str:
    """Return words for a note: the first MAX_LISTED, and how many more there are."""
    shown = ", ".join(words[:MAX_LISTED])
    return shown + (f" and {len(words) - MAX_LISTED} more" if len(words) > MAX_LISTED else "")


def text_note(error: BadQuery) -> str:
    """Return the note for text the strict parser refused and that was read as plain words."""
    why = READ_AS_TEXT.get(error.code, "a mark that is not syntax here")
    return f"read as plain words: {why} is taken as text"
