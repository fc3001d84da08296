"""Term infos found once per searcher give what Whoosh's reader and searcher give for each term."""
from __future__ import annotations

import pytest
from whoosh import index as whoosh_index

from search import build_from_documents, current_build
from search.whooshext.terminfos import TermInfos, term_infos
from tests.conftest import FIXTURE_DOCS

FIELDS = ("body", "title", "outlet_key")


def whoosh_postings(searcher, fieldname: str, tbytes: bytes) -> list[tuple[int, int, float]]:
    """Return (leaf, docnum, weight) of a term's postings as Whoosh's readers give them."""
    found = []
    for number, (leaf, _) in enumerate(searcher.leaf_searchers()):
        reader = leaf.reader()
        if (fieldname, tbytes) in reader:
            matcher = reader.postings(fieldname, tbytes)
            found += [(number, d, w) for d, w in matcher.items_as("weight")]
    return found


def test_each_term_has_whooshs_postings_document_frequency_and_idf(searcher):
    infos = TermInfos(searcher)
    assert len(searcher.leaf_searchers()) == 2
    terms = [(f, t) for f, t in searcher.reader().all_terms() if f in FIELDS]
    assert len(terms) > 50
    for fieldname, tbytes in terms + [("body", b"nowhere"), ("title", b"zzz")]:
        ours = []
        for leaf, _, matcher in infos.postings(fieldname, tbytes):
            number = [s for s, _ in searcher.leaf_searchers()].index(leaf)
            ours += [(number, d, w) for d, w in matcher.items_as("weight")]
        assert ours == whoosh_postings(searcher, fieldname, tbytes), (fieldname, tbytes)
        assert infos.doc_frequency(fieldname, tbytes) == \
            searcher.reader().doc_frequency(fieldname, tbytes)
        assert infos.idf(fieldname, tbytes) == searcher.idf(fieldname, tbytes)


def test_a_searcher_keeps_its_infos_and_a_full_table_starts_again(searcher):
    assert term_infos(searcher) is term_infos(searcher)
    infos = TermInfos(searcher, kept=2)
    terms = [t for f, t in searcher.reader().all_terms() if f == "body"][:5]
    for tbytes in terms:
        infos.of("body", tbytes)
    assert 1 <= len(infos._found) <= 2
    again = [(n, info.doc_frequency(), info.extent()) for n, info in infos.of("body", terms[0])]
    fresh = TermInfos(searcher).of("body", terms[0])
    assert again and again == [(n, info.doc_frequency(), info.extent()) for n, info in fresh]


def test_a_querys_existing_terms_are_whooshs(searcher):
    from whoosh import query as wq

    from search.whooshext.terminfos import existing_terms
    words = [t.decode("utf-8") for f, t in searcher.reader().all_terms() if f == "body"][:6]
    query = wq.Or([wq.Term("body", words[0]), wq.Term("title", words[1]),
                   wq.Phrase("body", [words[2], "nowhere"]), wq.Prefix("body", words[3][:2]),
                   wq.Term("body", "absent"), wq.Not(wq.Term("body", words[4])),
                   wq.Term("nofield", "x")])
    for fieldname in ("body", "title", "outlet_key"):
        expected = query.existing_terms(searcher.reader(), phrases=True, expand=True,
                                        fieldname=fieldname)
        assert existing_terms(searcher, query, fieldname) == expected
    assert len(existing_terms(searcher, query, "body")) >= 4


def test_decoded_postings_are_kept_read_only_and_the_least_used_go_first(searcher):
    import numpy as np
    infos = TermInfos(searcher)
    infos.postings_kept = 40

    def part(n: int) -> list:
        return [(np.arange(n), np.ones(n), np.ones(n))]
    infos.keep_decoded("a", part(10))
    infos.keep_decoded("b", part(10))
    infos.keep_decoded("c", part(10))
    assert infos.decoded("a") is not None  # used: now the most recent
    infos.keep_decoded("d", part(10))
    infos.keep_decoded("e", part(10))  # 50 > 40: the least recently used ("b") goes
    assert infos.decoded("b") is None
    assert all(infos.decoded(k) is not None for k in "acde")
    infos.keep_decoded("big", part(11))  # over a quarter of the room: not kept
    assert infos.decoded("big") is None
    with pytest.raises(ValueError):
        infos.decoded("a")[0][0][0] = 5  # every caller gets the same arrays


def test_the_infos_go_with_their_searcher(tmp_path):
    import gc
    import weakref
    build_from_documents(tmp_path, FIXTURE_DOCS)
    ix = whoosh_index.open_dir(str(current_build(tmp_path)))
    s = ix.searcher()
    term_infos(s).of("body", b"ceasefir")
    gone = weakref.ref(s)
    s.close()
    del s
    gc.collect()
    assert gone() is None
    ix.close()
