"""Block scoring's pieces that answer the same as a slower form of themselves."""
from __future__ import annotations

import random

import numpy as np
import pytest
from whoosh import query as wq

from search.whooshext.blockmatch import score_matches
from search.whooshext.scores import Scores
from search.whooshext.postingblocks import (placer, positions_decoder, union_ids,
                                            weights_and_values)
from search.whooshext.terminfos import term_infos
from tests.conftest import FIXTURE_DOCS


def test_scores_kept_by_a_mask_are_those_kept_by_the_set():
    rng = random.Random(21)
    documents = 500
    for _ in range(50):
        ids = np.array(sorted(rng.sample(range(documents), rng.randrange(0, 200))), dtype=np.int64)
        scores = Scores(ids, np.array([rng.random() for _ in ids]))
        allowed = set(rng.sample(range(documents), rng.randrange(0, documents)))
        mask = np.zeros(documents, dtype=bool)
        mask[list(allowed)] = True
        by_set, by_mask = scores.only(allowed), scores.only(mask)
        assert by_mask.ids.tolist() == by_set.ids.tolist()
        assert by_mask.values.tolist() == by_set.values.tolist()
        assert set(by_mask.ids.tolist()) == allowed & set(ids.tolist())


def test_phrases_match_and_score_as_whooshs_matchers(searcher):
    assert len(searcher.leaf_searchers()) == 2
    analyzer = searcher.schema["body"].analyzer
    phrases = set()
    for doc in FIXTURE_DOCS:
        terms = [t.text for t in analyzer(doc.body)]
        phrases.update(zip(terms, terms[1:]))
        phrases.update(zip(terms, terms[1:], terms[2:]))
        phrases.update(zip(terms, terms[3:]))  # words of one document, rarely side by side
    assert len(phrases) > 50
    matched = 0
    for fieldname in ("body", "title"):
        for words in sorted(phrases):
            q = wq.Phrase(fieldname, list(words))
            ours = score_matches(searcher, q, {}, float("inf"))
            whoosh = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
            assert ours.ids.tolist() == sorted(whoosh), words
            assert ours.values.tolist() == pytest.approx([whoosh[d] for d in sorted(whoosh)])
            matched += bool(whoosh)
    assert matched > 40


def test_weights_and_values_are_the_matchers_own_at_the_docnums_asked(searcher):
    rng = random.Random(8)
    infos = term_infos(searcher)
    for fieldname, tbytes in searcher.reader().all_terms():
        if fieldname != "body":
            continue
        for leaf, _, matcher in infos.postings(fieldname, tbytes):
            whooshs, every = leaf.reader().postings(fieldname, tbytes), {}
            while whooshs.is_active():
                every[whooshs.id()] = (whooshs.weight(), whooshs.value())
                whooshs.next()
            if not every:  # the deleted document held the segment's only posting
                continue
            asked = sorted(rng.sample(sorted(every), rng.randrange(1, len(every) + 1)))
            assert weights_and_values(matcher, np.array(asked, dtype=np.int64),
                                      float("inf")) == [every[d] for d in asked]


def test_a_union_of_docnums_is_np_uniques_whichever_way_it_is_gathered():
    rng = np.random.default_rng(21)
    for documents in (1, 50, 5_000):
        for parts in range(0, 6):
            for share in (0.001, 0.05, 0.6):  # below and above the mask's threshold
                arrays = [np.sort(rng.choice(documents, size=max(1, int(documents * share)),
                                             replace=False)).astype(np.int64)
                          for _ in range(parts)]
                found = union_ids(arrays, documents)
                expected = np.unique(np.concatenate(arrays)) if arrays else np.zeros(0, np.int64)
                assert found.dtype == np.int64
                assert found.tolist() == expected.tolist()


def test_positions_are_decoded_as_the_fields_format_decodes_them(searcher):
    decoded = 0
    for fieldname in ("body", "title"):
        fmt = searcher.schema[fieldname].format
        decode = positions_decoder(fmt)
        for leaf, _ in searcher.leaf_searchers():
            reader = leaf.reader()
            for _, tbytes in [t for t in reader.all_terms() if t[0] == fieldname]:
                matcher = reader.postings(fieldname, tbytes)
                while matcher.is_active():
                    value = matcher.value()
                    assert list(decode(value)) == fmt.decode_positions(value)
                    decoded += 1
                    matcher.next()
    assert decoded > 50


def test_places_in_a_union_are_np_searchsorteds_whichever_way_they_are_found():
    rng = np.random.default_rng(8)
    for documents in (1, 50, 5_000):
        for share in (0.001, 0.05, 0.6):
            ids = np.sort(rng.choice(documents, size=max(1, int(documents * share)),
                                     replace=False)).astype(np.int64)
            some = np.sort(rng.choice(ids, size=rng.integers(0, len(ids) + 1), replace=False))
            assert placer(ids, documents)(some).tolist() == np.searchsorted(ids, some).tolist()
