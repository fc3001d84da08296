"""Read a user's query into a small tree, guard it against expensive forms, say how it was read.

The language (docs on /help): words; "exact phrases"; AND, OR, NOT and -word; parentheses;
field prefixes; date:2024, date:2024-03, date:[2024-03-01 TO 2024-05-31] (either end open);
prefix* (3 letters at least); word~ and word~2. OR binds tighter than AND: `a b OR c` is read
as `a AND (b OR c)`. Anything else that looks like syntax is refused with a 400 that says why;
nothing is silently rewritten, and `interpreted` shows the tree that runs.
"""
from __future__ import annotations

import re

from search.errors import BadQuery
from search.query.plain import (FIELDS, clearly_meant, has_explicit_syntax, is_plain,
                               is_plain_but_excluded, is_text,
                               operators_active, read_plain, text_note, words_of_tree)
from search.query.dates import month_hint, parse_date
from search.query.tree import (And, AnyWords, DateSpan, Not, Or, ParsedQuery, Phrase, Word, leaves,
                              only_negative, prune_stopwords, render)

MAX_QUERY_CHARS = 500  # for a query that uses the language (fields, operators, phrases...)
# Plain text (a pasted abstract or paragraph) is read as words up to this many characters, the
# rarest MAX_ANY_WORDS searched; only beyond it is it refused: a bound on the work one request
# asks of the word reader, kept far above any question or abstract people paste.
MAX_PASTE_CHARS = 10_000
MAX_TERM_CHARS = 100
MAX_CLAUSES = 24
MAX_DEPTH = 8
MAX_PHRASE_WORDS = 20
MIN_PREFIX_CHARS = 3
MAX_FUZZY = 2
MIN_FUZZY_CHARS = {1: 3, 2: 5}
TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<field>[A-Za-z_]+):(?=\S)
  | (?P<phrase>"[^"]*")
  | (?P<quote>")
  | (?P<range>\[[^\]]*\])
  | (?P<bracket>[\[\]])
  | (?P<minus>-)(?=[^\s\-\d])
  | (?P<plus>\+)(?=\S)
  | (?P<word>[^\s()"\[\]]+)
""", re.VERBOSE)
OPERATORS = {"AND", "OR", "NOT"}
FUZZY = re.compile(r"^(?P<word>[^~]+)~(?P<dist>\d*)$")
# r"pattern" in the text; /pattern/ is caught as a word once the query is read (REGEX_WORD).
REGEX_SYNTAX = re.compile(r"(^|[\s(:])r\"")
# A /word/ without a pattern's marks in it is a word between slashes ("/boat-tail/").
REGEX_WORD = re.compile(r"^\W*/[^/\s]*[.*+?|\\^$(){}\[\]][^/\s]*/\W*$")
REGEX_MESSAGE = ("regular expressions are not supported: use words, \"phrases\" or a prefix "
                 "such as negoti*")


def parse(text: str) -> ParsedQuery:
    """Parse query text into a tree; its `interpreted()` always reads back as the same query.

    Raises:
        BadQuery: as read_query.
    """
    parsed = read_query(text)
    # A question's month, not a pasted paragraph's (its dates are what it tells).
    hint = month_hint(text) if parsed.plain and len(text.split()) <= MAX_CLAUSES else None
    if hint:
        parsed.notes.append(hint)
    rendered = render(parsed.tree)
    if rendered == text or _reads_as(rendered, rendered):
        return parsed
    # Written out, the reading would be refused: "a OR b ..." of more than MAX_CLAUSES words,
    # "OR a" read as syntax, "a AND NOT x" with 'a' too common. Plain words are shown as plain
    # words (operators in lower case); failing that, what was typed, which reads as this query.
    if isinstance(parsed.tree, AnyWords):
        words = " ".join(w.text.lower() if w.text in OPERATORS else w.text
                         for w in parsed.tree.items if isinstance(w, Word))
        if _reads_as(words, rendered):
            parsed.shown = words
            return parsed
    parsed.shown = check_query_text(text)
    return parsed


def _reads_as(text: str, rendered: str) -> bool:
    """Tell whether `text` reads as the query written out as `rendered` (not merely whether it
    reads: "sender:glyf" once read as the plain words "sender OR glyf")."""
    try:
        return render(read_query(text).tree) == rendered
    except BadQuery:
        return False


def read_query(text: str) -> ParsedQuery:
    """Parse query text into a tree.

    Text without syntax (see search/query/plain.py) is read as plain words, an AnyWords tree,
    and so is text the strict reading refuses where no syntax was clearly meant: a pasted
    sentence with a stray parenthesis, or of more than MAX_CLAUSES words, is searched.

    Raises:
        BadQuery: the text is empty, too long, or its explicit syntax is broken or expensive.
    """
    text = check_query_text(text)
    operators = operators_active(text)
    notes: list[str] = []
    pasted = len(text.split()) > MAX_CLAUSES  # more words than a query with syntax holds
    if len(text) > MAX_QUERY_CHARS:
        if has_explicit_syntax(text, operators, pasted):
            raise BadQuery(f"the query is {len(text)} characters long and uses the query "
                           f"language; the limit for that is {MAX_QUERY_CHARS} (plain text is "
                           f"read as words up to {MAX_PASTE_CHARS})", "query_too_long")
        notes.append(f"read as plain words: {len(text)} characters, over the {MAX_QUERY_CHARS} "
                     "of a query, so marks in it are taken as text")
        return ParsedQuery(read_plain([text], notes), notes)
    if pasted and has_explicit_syntax(text, operators) \
            and not has_explicit_syntax(text, operators, pasted):
        notes.append(f"read as plain words: more than {MAX_CLAUSES} words, so a -word, * or ~ "
                     "in them is taken as text")
        return ParsedQuery(read_plain([text], notes), notes)
    try:
        _check_term_lengths(text)
        parser = _Parser(tokenize(text, operators))
        tree = parser.parse()
    except BadQuery as exc:
        if clearly_meant(exc, text, operators, pasted):
            raise
        notes.append(text_note(exc))
        return ParsedQuery(read_plain([text], notes), notes)
    # Checked on the words too, not only the text: "+/a.b/" or "(/a.b/)" would otherwise be
    # read as a word and written back as /a.b/, which could not be read again.
    if any(isinstance(leaf, Word) and REGEX_WORD.match(leaf.text) for leaf, _ in leaves(tree)):
        raise BadQuery(REGEX_MESSAGE, "regex_not_supported")
    if is_plain(tree) and not parser.operators:
        return ParsedQuery(read_plain(words_of_tree(tree), notes), notes)
    if parser.operators == {"minus"} and is_plain_but_excluded(tree):  # plain words and -words: the plain words rank as such
        wanted = [i for i in tree.items if not isinstance(i, Not)]
        excluded = [i for i in (prune_stopwords(i, notes) for i in tree.items
                                if isinstance(i, Not)) if i is not None]
        return ParsedQuery(And([read_plain(words_of_tree(And(wanted)), notes), *excluded]),
                           notes)
    if parser.clauses > MAX_CLAUSES:
        if parser.operators or not is_text(tree):
            raise BadQuery(f"the query has more than {MAX_CLAUSES} words and phrases: "
                           "use fewer, or a phrase", "too_many_clauses")
        notes.append(f"read as plain words: more than {MAX_CLAUSES} words and phrases, so "
                     "quotation marks are taken as text")
        return ParsedQuery(read_plain(words_of_tree(tree), notes), notes)
    tree = prune_stopwords(tree, notes)
    if tree is None:
        raise BadQuery("the query has no searchable words (" + "; ".join(notes) + ")",
                       "empty_query")
    if only_negative(tree):
        raise BadQuery("the query only excludes words: add at least one word to look for",
                       "only_excluded")
    return ParsedQuery(tree, notes)


def check_query_text(text: str) -> str:
    """Return the query text stripped, or raise BadQuery saying what to change."""
    text = (text or "").strip()
    if not text:
        raise BadQuery("the query is empty: type one or more words", "empty_query")
    if len(text) > MAX_PASTE_CHARS:
        raise BadQuery(f"the query is {len(text)} characters long; the limit is "
                       f"{MAX_QUERY_CHARS} for a query and {MAX_PASTE_CHARS} for pasted "
                       "plain text", "query_too_long")
    if REGEX_SYNTAX.search(text) or any(REGEX_WORD.match(w) for w in text.split()):
        raise BadQuery(REGEX_MESSAGE, "regex_not_supported")
    return text


def _check_term_lengths(text: str) -> None:
    if any(len(word) > MAX_TERM_CHARS for word in re.findall(r'[^\s()"]+', text)):
        raise BadQuery(f"a word longer than {MAX_TERM_CHARS} characters cannot be searched",
                       "term_too_long")


def tokenize(text: str, operators: bool = True) -> list[tuple[str, str]]:
    """Return the query's tokens as (kind, text), spaces left out.

    With `operators` false (text typed all in capitals), AND, OR and NOT are words.
    """
    tokens = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "space":
            continue
        if kind == "quote":
            raise BadQuery('a quotation mark is not closed: add the closing " or remove it',
                           "unbalanced_quote")
        if kind == "bracket":
            raise BadQuery("a [ or ] is not matched: ranges are written "
                           "date:[2024-03-01 TO 2024-05-31]", "unbalanced_bracket")
        if kind == "word" and operators and m.group() in OPERATORS:
            kind = m.group()
        tokens.append((kind, m.group("field") if kind == "field" else m.group()))
    return tokens


class _Parser:
    """Recursive descent over the tokens, with the depth and the clauses counted."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.i = 0
        self.clauses = 0
        self.operators: set[str] = set()  # the operators typed: AND, OR, NOT, minus, plus

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.i]
        self.i += 1
        if token[0] in ("AND", "OR", "NOT", "minus", "plus"):
            self.operators.add(token[0])
        return token

    def parse(self):
        tree = self.conjunction(0)
        if self.i < len(self.tokens):
            kind, value = self.tokens[self.i]
            if kind == "close":
                raise BadQuery("a closing parenthesis has no opening one: remove it or add (",
                               "unbalanced_paren")
            raise BadQuery(f"unexpected {value!r} in the query", "unparsable_query")
        return tree

    def conjunction(self, depth: int):
        items = []
        while self.peek() not in (None, "close"):
            if self.peek() == "AND":
                self.take()
                if self.peek() in (None, "close", "AND", "OR"):
                    raise BadQuery("AND needs a word on both sides", "dangling_operator")
                continue
            items.append(self.disjunction(depth))
        if not items:
            raise BadQuery("empty parentheses: put words inside or remove them", "empty_group")
        return items[0] if len(items) == 1 else And(items)

    def disjunction(self, depth: int):
        items = [self.unary(depth)]
        while self.peek() == "OR":
            self.take()
            if self.peek() in (None, "close", "AND", "OR"):
                raise BadQuery("OR needs a word on both sides", "dangling_operator")
            items.append(self.unary(depth))
        return items[0] if len(items) == 1 else Or(items)

    def unary(self, depth: int):
        kind = self.peek()
        if kind in ("NOT", "minus"):
            self.take()
            if self.peek() in (None, "close", "AND", "OR"):
                raise BadQuery("NOT (or -) needs a word after it", "dangling_operator")
            return Not(self.unary(depth))
        if kind == "plus":
            self.take()
        return self.primary(depth, None)

    def primary(self, depth: int, fieldname: str | None):
        kind = self.peek()
        if kind is None:
            raise BadQuery("the query ends where a word was expected", "dangling_operator")
        kind, value = self.take()
        if kind == "open":
            if depth + 1 > MAX_DEPTH:
                raise BadQuery(f"parentheses are nested more than {MAX_DEPTH} deep: "
                               "simplify the query", "too_deep")
            inner = self.conjunction(depth + 1) if fieldname is None else \
                self._in_field(depth + 1, fieldname)
            if self.peek() != "close":
                raise BadQuery("a parenthesis is not closed: add ) or remove (",
                               "unbalanced_paren")
            self.take()
            return inner
        if kind == "field":
            return self._field(depth, value)
        if kind == "close":
            raise BadQuery("a closing parenthesis has no opening one: remove it or add (",
                           "unbalanced_paren")
        if kind in ("AND", "OR"):
            raise BadQuery(f"{kind} needs a word on both sides", "dangling_operator")
        return self.leaf(kind, value, fieldname)

    def _field(self, depth: int, name: str):
        target = FIELDS.get(name.lower())
        if target is None:
            known = ", ".join(sorted(f"{k}:" for k in FIELDS))
            raise BadQuery(f"unknown field {name}: (known fields are {known}); to search "
                           f"for the word itself, put it in quotes: \"{name}:...\"",
                           "unknown_field")
        if target == "date":
            kind, value = self.take()
            return self._count(parse_date(value, kind))
        if self.peek() == "field":
            raise BadQuery("a field prefix cannot follow another one", "unparsable_query")
        return self.primary(depth, target)

    def _in_field(self, depth: int, fieldname: str):
        # Inside `title:( ... )` every word without a field of its own belongs to the field.
        return _with_field(self.conjunction(depth), fieldname)

    def leaf(self, kind: str, value: str, fieldname: str | None):
        if kind == "phrase":
            words = value[1:-1].split()
            if not words:
                raise BadQuery('empty quotation marks: put words inside ""', "empty_phrase")
            if len(words) > MAX_PHRASE_WORDS:
                raise BadQuery(f"a phrase may hold up to {MAX_PHRASE_WORDS} words",
                               "phrase_too_long")
            return self._count(Phrase(fieldname, " ".join(words)))
        if kind == "range":
            raise BadQuery("a [range] is allowed only after date:, as in "
                           "date:[2024-03-01 TO 2024-05-31]", "unparsable_query")
        if kind in ("minus", "plus"):
            raise BadQuery("a field prefix is followed by a word, a \"phrase\" or (words); "
                           "to exclude, write -title:word", "unparsable_query")
        return self._count(read_word(value, fieldname))

    def _count(self, node):
        # Checked once the tree is read (parse): pasted plain text may hold more.
        self.clauses += 1
        return node


def _with_field(tree, fieldname: str):
    if isinstance(tree, (Word, Phrase)):
        if tree.field is None:
            tree.field = fieldname
        return tree
    if isinstance(tree, (And, Or)):
        tree.items = [_with_field(item, fieldname) for item in tree.items]
    elif isinstance(tree, Not):
        tree.item = _with_field(tree.item, fieldname)
    return tree


def read_word(value: str, fieldname: str | None) -> Word:
    """Return a Word for one typed word: plain, prefix* or fuzzy~, after the guards."""
    if "?" in value.rstrip("?") or "*" in value.rstrip("*") or value.startswith("*") \
            or value.endswith("**"):
        raise BadQuery("wildcards are allowed only at the end of a word (e.g. negoti*)",
                       "bad_wildcard")
    fuzzy = FUZZY.match(value)
    if fuzzy:
        word, dist = fuzzy.group("word"), int(fuzzy.group("dist") or 1)
        if "*" in word:
            raise BadQuery("a word cannot be both a prefix* and fuzzy~", "bad_wildcard")
        if not 1 <= dist <= MAX_FUZZY:
            raise BadQuery(f"word~ allows 1 or 2 differences, not {dist}: write {word}~ "
                           f"or {word}~2", "fuzzy_too_far")
        if len(word) < MIN_FUZZY_CHARS[dist]:
            raise BadQuery(f"{word}~{dist} is too short: a word needs "
                           f"{MIN_FUZZY_CHARS[dist]} letters for ~{dist}", "fuzzy_too_short")
        return Word(fieldname, word.lower(), "fuzzy", dist)
    if "~" in value:
        raise BadQuery(f"~ goes at the end of a word, as in {value.replace('~', '')}~",
                       "bad_fuzzy")
    if value.endswith("*"):
        stem = value[:-1]
        if len(re.sub(r"\W", "", stem)) < MIN_PREFIX_CHARS:
            raise BadQuery("a prefix search needs at least 3 letters before the *",
                           "prefix_too_short")
        return Word(fieldname, stem.lower(), "prefix")
    return Word(fieldname, value.rstrip("?") or value)


__all__ = ["And", "AnyWords", "DateSpan", "Not", "Or", "ParsedQuery", "Phrase", "Word",
           "leaves", "parse", "render"]
