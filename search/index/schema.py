"""The Whoosh schema: what is searchable, what filters and facets, what is stored."""
from __future__ import annotations

import re
from functools import cached_property, lru_cache

from whoosh.analysis import (STOP_WORDS, CharsetFilter, CompositeAnalyzer, Filter,
                             LowercaseFilter, RegexTokenizer, Token)
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from search.extract.folding import CJK
from search.features import dedup
from search.index.wordparts import WordStopFilter, cjk_pieces, parts, split_pieces
from search.whooshext.codec import ArrayCodec

# Bump when fields or analysis change: an index with another version is rebuilt, not updated.
# 4: prose fields analysed by ProseAnalyzer (the same terms, the analyzer's class is pickled).
# 5: posting blocks written by search.whooshext.codec.ArrayCodec (older segments stay readable; the
#    rebuild brings the faster blocks).
# 6: `uncleaned` stored: why a document is its file's plain text.
# 6: mail fields: message_id, references, subject, address stored; sender (name and address)
#    searchable for `from:`; an older index is rebuilt on the next run.
# 7: both of the above together.
# 8: title_words, the common words of the title, for queries of only common words.
# 9: Chinese and Japanese runs indexed as overlapping pairs of characters (CompoundFilter).
# 10: and each of their characters alone beside its pair, and a lone one kept (WordStopFilter),
#     so a word of one character is found.
SCHEMA_VERSION = 10

# Field weights for BM25F: a word in the title or a speaker's name says more about a document
# than the same word in its body. Quoted replies in mail are not searched by default at all.
# The query builder applies them again at query time (search/query/compile.py), where they count most.
TITLE_BOOST = 3.0
SPEAKER_BOOST = 2.0
OUTLET_BOOST = 1.5
AUTHOR_BOOST = 1.0
BODY_BOOST = 1.0
QUERY_BOOSTS = {"title": TITLE_BOOST, "speaker": SPEAKER_BOOST, "outlet": OUTLET_BOOST,
                "author": AUTHOR_BOOST, "body": BODY_BOOST}

# Fields searched when a query names none.
DEFAULT_FIELDS = ("title", "body", "speaker", "outlet", "author")
# The fields analysed as prose (text_analyzer: stopwords out, stemmed): the one home of that list.
PROSE_FIELDS = ("title", "body", "quoted", "quotes")

# A word may hold hyphens, dots and apostrophes between letters: "cease-fire", "twisted.web",
# "Netanyahu's". Such a compound is indexed whole and as its parts (CompoundFilter).
# The one home of what joins the parts of a word ("e-mail", "U.S.", "Netanyahu's"): the
# tokenizer's pattern, the compound splitter and the highlighter's marks all read it. ("-" first:
# in a character class it is itself, not a range.)
SEPARATOR_CHARS = "-\u2010\u2011.'\u2019"
_SEPARATOR_CLASS = "[" + "".join(c if c.isascii() else f"\\u{ord(c):04x}"
                                 for c in SEPARATOR_CHARS) + "]"
# Spelled with escapes as before: indexes pickle the pattern, and the fast chain compares it.
WORD_PATTERN = r"\w+(?:" + _SEPARATOR_CLASS + r"\w+)*"
SEPARATORS = re.compile(_SEPARATOR_CLASS)
# "Netanyahu's" is indexed and searched as "netanyahu".
POSSESSIVE = re.compile(r"['\u2019]s$")
# Marks the unstemmed form of a word, indexed beside its stem so that prefixes, fuzzy terms and
# spelling suggestions work on real words ("negotiat*" cannot match the stem "negoti").
ORIGINAL_MARK = "="


class CompoundFilter(Filter):
    """Index "cease-fire" as "ceasefire" and as "cease" "fire"; "twisted.web" whole and split.

    The joined form takes the position of the first part, so a phrase on either form matches.
    Each token gets `compound`: "joined", "part" or "" (the query builder reads it).
    """

    def __init__(self, stoplist=frozenset(), minsize: int = 2) -> None:
        self.stoplist = frozenset(stoplist)
        self.minsize = minsize

    def __call__(self, tokens):
        shift = 0
        for t in tokens:
            text = POSSESSIVE.sub("", t.text)
            if len(text) < len(t.text) and t.chars:
                t.endchar -= len(t.text) - len(text)
            t.text = text
            pos = t.pos + shift if t.positions else None
            start = t.startchar if t.chars else 0
            if CJK.search(text):  # its pairs alone, each a part: a sentence is no word
                pieces = cjk_pieces(text, singles=t.mode == "index")
                kept = yield from parts(t, pieces, pos, start, self.stoplist, self.minsize)
                shift += max(kept - 1, 0)
                continue
            pieces = SEPARATORS.split(text)
            if len(pieces) == 1:
                t.compound = ""
                if t.positions:
                    t.pos = pos
                yield t
                continue
            t.compound = "joined"
            if t.positions:
                t.pos = pos
            if "." not in text:  # "cease-fire" -> "ceasefire", "O'Brien" -> "obrien"
                t.text = "".join(pieces)
            yield t
            kept = yield from parts(t, split_pieces(text, pieces), pos, start, self.stoplist,
                                    self.minsize)
            shift += max(kept - 1, 0)


@lru_cache(maxsize=100_000)
def stem_word(word: str) -> str:
    """Return the Porter stem of a lowercased, folded word."""
    return stem(word)


def _stemmed(word: str, rel: int) -> tuple[tuple[str, int], ...]:
    """The terms StemKeepingOriginalFilter indexes for one word (folded) at position `rel`."""
    if "." in word:  # "u.s", "twisted.web": names, not words to stem
        return ((word, rel),)
    stemmed = stem_word(word)
    return ((stemmed, rel),) if stemmed == word else ((stemmed, rel),
                                                      (ORIGINAL_MARK + word, rel))


def stem_of_twin(term: str) -> str | None:
    """Return the stem a marked unstemmed form (`=running`) is indexed beside ("run"), or None
    for a term that is not one. Where the two have the same postings in a segment (the word is
    the stem's only form there), the segment writer stores them once for both."""
    if not term.startswith(ORIGINAL_MARK):
        return None
    return stem_word(term[len(ORIGINAL_MARK):])


class StemKeepingOriginalFilter(Filter):
    """Stem each word; at index time also emit the unstemmed word, marked, at the same place."""

    def __call__(self, tokens):
        for t in tokens:
            original = t.text
            if "." in original:  # "u.s", "twisted.web": names, not words to stem
                yield t
                continue
            t.text = stem_word(original)
            yield t
            if t.mode == "index" and t.text != original and not getattr(t, "stopped", False):
                t.text = ORIGINAL_MARK + original
                yield t


class ProseAnalyzer(CompositeAnalyzer):
    """The prose filter chain, run once per distinct word when indexing instead of per token.

    Every filter but two acts on one word at a time; those two (stopwords renumbered,
    compound parts shifting what follows) only move positions, which `index_positions`
    redoes. Queries, highlights and anything but plain indexing go through the chain itself.
    """

    def __call__(self, value, positions=False, chars=False, mode="", **kwargs):
        if mode != "index" or chars or not positions or set(kwargs) - {"boosts"}:
            return super().__call__(value, positions=positions, chars=chars, mode=mode,
                                    **kwargs)
        return self._index_tokens(value, kwargs.get("boosts", False))

    def _index_tokens(self, value: str, boosts: bool):
        # Term by term, not in the text's order: indexing groups a term's positions anyway.
        t = Token(positions=True, boosts=boosts, mode="index")
        t.boost, t.stopped = 1.0, False
        for t.text, positions in index_positions(self, value).items():
            for t.pos in positions:
                yield t

    def expand(self, word: str) -> tuple[tuple[tuple[str, int], ...], int]:
        """Return the terms the chain makes of one word alone with their positions, and the
        highest of those positions (how far the word's parts push the words after it)."""
        if word.isascii() and self._chain is not None:
            lower = word.lower()
            if word.isalnum():
                return self._expand_plain(lower), 0
            return self._expand_compound(lower)
        terms = tuple((t.text, t.pos) for t in super().__call__(word, positions=True,
                                                                  mode="index"))
        return terms, max((rel for _, rel in terms), default=0)

    def _expand_plain(self, lower: str) -> tuple[tuple[str, int], ...]:
        """The chain's terms for a word of ASCII letters and digits, without running it: no
        separators, nothing to fold, so only the stoplist and the stemmer act on it."""
        stops, minsize, _, _ = self._chain
        if len(lower) < minsize or lower in stops:
            return ()
        return _stemmed(lower, 0)

    def _expand_compound(self, lower: str) -> tuple[tuple[tuple[str, int], ...], int]:
        """`expand` for an ASCII word with hyphens, dots or apostrophes, without running the
        chain: what StopFilter, CompoundFilter and StemKeepingOriginalFilter do to it."""
        stops, minsize, part_stops, part_minsize = self._chain
        if len(lower) < minsize or lower in stops:
            return (), 0
        text = POSSESSIVE.sub("", lower)
        pieces = SEPARATORS.split(text)
        if len(pieces) == 1:
            return _stemmed(text, 0), 0
        terms = _stemmed(text if "." in text else "".join(pieces), 0)
        kept = 0
        for piece in pieces:
            if len(piece) >= part_minsize and piece not in part_stops:
                terms += _stemmed(piece, kept)
                kept += 1
        return terms, max(kept - 1, 0)

    def __getstate__(self) -> dict:
        # The schema is pickled into the index: keep what is derived out of it.
        state = self.__dict__.copy()
        state.pop("_chain", None)
        state.pop("expansions", None)
        return state

    @cached_property
    def expansions(self) -> Expansions:
        """The remembered expansions of words, shared by the analyzers of one fast chain."""
        if self._chain is None:
            return Expansions(self.expand)
        key = (self._chain, frozenset(self.items[4].charmap.items()))  # run for other words
        shared = _SHARED_EXPANSIONS.get(key)
        if shared is None:
            shared = _SHARED_EXPANSIONS[key] = Expansions(self.expand)
        return shared

    @cached_property
    def _chain(self) -> tuple[frozenset, int, frozenset, int] | None:
        """What the fast paths of `expand` need to know if this is text_analyzer's chain
        (the stoplist, the shortest word kept, a compound's stoplist and shortest part kept),
        else None."""
        kinds = [type(item) for item in self.items]
        if kinds != [RegexTokenizer, LowercaseFilter, WordStopFilter, CompoundFilter,
                     CharsetFilter, StemKeepingOriginalFilter]:
            return None
        tokenizer, _, stop, compound, charset, _ = self.items
        if (tokenizer.expression.pattern != WORD_PATTERN or tokenizer.gaps
                or stop.max is not None or any(chr(c).translate(charset.charmap) != chr(c)
                                               for c in range(128) if not chr(c).isupper())):
            return None
        return stop.stops, stop.min, compound.stoplist, compound.minsize


Expansion = tuple[tuple[tuple[str, int], ...], int]
# Words whose expansions are remembered, twice over: the most recent and the generation before.
EXPANSIONS_KEPT = 100_000


class Expansions:
    """Remembered `expand` results of one analyzer chain, in two generations: when the recent
    one is full it becomes the older one, and a word found there is brought back. The words
    of a run that recur stay; a worker's 24,000 documents hold 212,000 distinct words, and
    clearing one dictionary when full expanded the frequent words again."""

    def __init__(self, expand) -> None:
        self.expand = expand
        self.recent: dict[str, Expansion] = {}
        self.older: dict[str, Expansion] = {}

    def miss(self, word: str) -> Expansion:
        """Return the expansion of a word not in `recent`, and keep it there."""
        expansion = self.older.get(word) or self.expand(word)
        if len(self.recent) >= EXPANSIONS_KEPT:
            self.older, self.recent = self.recent, {}
        self.recent[word] = expansion
        return expansion


# One Expansions per distinct fast chain (every prose field has an analyzer of its own).
_SHARED_EXPANSIONS: dict[tuple, Expansions] = {}
_WORD = re.compile(WORD_PATTERN)


def index_positions(analyzer: ProseAnalyzer, value: str) -> dict[str, list[int]]:
    """Return each term's positions as the filter chain would index `value`, from per-word
    results."""
    expansions = analyzer.expansions
    known = expansions.recent
    found: dict[str, list[int]] = {}
    pos = None  # StopFilter: kept words are numbered on from the first one kept
    shift = 0  # CompoundFilter: the parts of a compound push later words on
    for i, word in enumerate(_WORD.findall(value)):
        expansion = known.get(word) or expansions.miss(word)
        terms, extra = expansion
        if not terms:
            continue
        pos = i if pos is None else pos + 1
        base = pos + shift
        for text, rel in terms:
            at = found.get(text)
            if at is None:
                found[text] = [base + rel]
            else:
                at.append(base + rel)
        shift += extra
    return found


# How the index folds a word's letters (after lower-casing): the one home of that rule, which
# the query side (compile, suggest, highlight, marks) applies to what it looks for.
ACCENT_FOLDS = accent_map


def fold_word(text: str) -> str:
    """Return a word lower-cased and its accents folded, as the analyzers index it."""
    return text.lower().translate(ACCENT_FOLDS)


def text_analyzer():
    """Return the analyzer for prose: words, compounds split, folded, stopwords out, stemmed."""
    return ProseAnalyzer(RegexTokenizer(WORD_PATTERN), LowercaseFilter(), WordStopFilter(),
                         CompoundFilter(STOP_WORDS), CharsetFilter(ACCENT_FOLDS),
                         StemKeepingOriginalFilter())


def name_analyzer():
    """Return the analyzer for names and outlets: words and compounds, folded, no stemming."""
    return (RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | CompoundFilter(minsize=1)
            | CharsetFilter(ACCENT_FOLDS))


class OnlyWordsFilter(Filter):
    """Keep only the tokens of a given list of words (the inverse of a StopFilter); none is a
    compound (the query builder reads `compound`)."""

    def __init__(self, words=STOP_WORDS) -> None:
        self.words = frozenset(words)

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and other.words == self.words

    def __call__(self, tokens):
        for t in tokens:
            if t.text in self.words:
                t.compound = ""
                yield t


def common_words_analyzer():
    """Return the analyzer of the common words prose leaves out: only those words, lowercased."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | OnlyWordsFilter(STOP_WORDS)


def build_schema() -> Schema:
    """Return a new schema; one instance per index."""
    return Schema(
        id=ID(stored=True, unique=True),
        source=ID(stored=True),
        kind=ID(stored=True),
        position=NUMERIC(stored=True),
        title=TEXT(analyzer=text_analyzer(), stored=True, field_boost=TITLE_BOOST),
        body=TEXT(analyzer=text_analyzer(), stored=True, field_boost=BODY_BOOST),
        # The common words of the title ("yet", "let it be"), which the prose fields leave out:
        # where a query of only common words is searched, besides names. Only those words: a
        # field of every title word cost 3% more index (bbc-news), this one nothing measurable.
        title_words=TEXT(analyzer=common_words_analyzer(), phrase=False),
        # Quoted replies are searchable only by naming the field (`quoted:word`).
        quoted=TEXT(analyzer=text_analyzer(), field_boost=0.2),
        # The words people are quoted saying, for `speaker:"X" words` and /quotes.
        quotes=TEXT(analyzer=text_analyzer()),
        outlet=TEXT(analyzer=name_analyzer(), stored=True, field_boost=OUTLET_BOOST),
        outlet_key=ID(stored=False, sortable=True),
        speaker=TEXT(analyzer=name_analyzer(), field_boost=SPEAKER_BOOST),
        speaker_key=KEYWORD(commas=True, scorable=False),
        speakers=STORED(),
        quotes_json=STORED(),
        author=TEXT(analyzer=name_analyzer(), stored=True),
        # Mail: `from:` searches the sender's name and address; the rest threads the messages.
        sender=TEXT(analyzer=name_analyzer()),
        address=STORED(),
        message_id=ID(stored=True),
        references=STORED(),
        subject=STORED(),
        carrier=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),
        uncleaned=STORED(),  # why the body is the file's plain text, "" when it is cleaned
        **dedup.schema_fields(),  # minhash: the body's signature, to find copies
    )


def writer_options() -> dict:
    """Return how every writer of an index writes its segments."""
    # Separate segment files: a searcher opens them in milliseconds instead of copying a
    # compound file into memory.
    # Posting blocks stay compressed: without zlib the writing took a tenth less CPU, but the
    # index a third more disk (59 MB against 43 MB at 3,000 documents). Blocks are arrays that
    # scoring reads with numpy (search/whooshext/codec.py).
    return {"compound": False, "codec": ArrayCodec()}
