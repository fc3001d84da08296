"""A short text field's terms put together from per-word results are what `field.index` gives."""
from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, TEXT

from search.index.schema import (WORD_PATTERN, CompoundFilter, OnlyWordsFilter, build_schema,
                                 name_analyzer)
from search.index.wordterms import by_words, terms_by_words, word_expansions

VALUES = [
    "", "   ", "John Smith", "John Smith john.smith@cs.example.edu",
    "Jean-Luc O'Brien", "O\u2019Brien's", "cease-fire cease-fire talks", "U.S.A. co-op's",
    "Zo\u00eb M\u00fcller-L\u00fcdenscheidt", "l'\u00e9t\u00e9 \u00c9T\u00c9", "J. R. R. Tolkien",
    "\u8001\u8336\u9986 tea \u8001\u8336\u9986", "a.b.c x a.b.c", "The Way of the World",
    "Re: Why is it so? Let it be, let it be", "x" * 300, "1993 3.1 v2.0 win3.1",
    "ALL CAPS all caps", "\u0130stanbul \u0131s", "fo\u2010o bar\u2011baz",
]


def index_terms(field, value):
    return sorted(field.index(value))


def test_the_schema_fields_put_together_by_words_are_its_short_texts():
    schema = build_schema()
    assert {name for name, field in schema.items() if by_words(field)} == {
        "author", "sender", "speaker", "outlet", "title_words"}


def test_every_term_frequency_weight_and_value_is_whooshs():
    schema = build_schema()
    for name, field in schema.items():
        if not by_words(field):
            continue
        expansions = word_expansions(field.analyzer)
        for value in VALUES + list(reversed(VALUES)):  # the second time, from the memory
            assert sorted(terms_by_words(field, expansions, value)) == index_terms(field, value), \
                (name, value)


def test_a_chain_folding_ascii_letters_is_run_on_plain_words_too():
    analyzer = (RegexTokenizer(WORD_PATTERN) | LowercaseFilter()
                | CharsetFilter({ord("a"): "b"}) | CompoundFilter(minsize=1))
    field = TEXT(analyzer=analyzer, field_boost=1.5)
    assert by_words(field)
    expansions = word_expansions(analyzer)
    for value in ["Anna Karenina", "Banana-Split", "abc abc", "no a here"]:
        assert sorted(terms_by_words(field, expansions, value)) == index_terms(field, value)
    assert (b"bnnb", 1, 1.5) == sorted(terms_by_words(field, expansions, "Anna"))[0][:3]


def test_only_listed_words_are_kept_by_position_and_frequency():
    analyzer = RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | OnlyWordsFilter(["it", "be"])
    for field in (TEXT(analyzer=analyzer), TEXT(analyzer=analyzer, phrase=False)):
        expansions = word_expansions(analyzer)
        for value in ["Let it be, let IT be", "nothing kept", "it's it-be"]:
            assert sorted(terms_by_words(field, expansions, value)) == index_terms(field, value)


def test_fields_of_other_chains_or_formats_are_not_put_together_by_words():
    schema = build_schema()
    assert not any(by_words(schema[name]) for name in ("title", "body", "id", "speaker_key"))
    assert not by_words(ID())
    assert not by_words(KEYWORD())
    assert not by_words(TEXT(analyzer=RegexTokenizer(r"\w+") | LowercaseFilter()))
    assert not by_words(TEXT(analyzer=name_analyzer() | CharsetFilter({}) | _Reversing()))


class _Reversing(LowercaseFilter):
    """A filter `by_words` does not know (a subclass of one it does)."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = t.text[::-1]
            yield t
