"""Syndicated copies: signatures, band keys, clusters, collapsed hits, and clusters of an index."""
from __future__ import annotations

import struct
from datetime import date, datetime

import pytest
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Every

from search.features import dedup
from search.engine.columns import ColumnCache
from search.features.clusters import clusters_from_edges
from search.index.schema import build_schema

STORY = ("Negotiations between Israel and Hamas reached an impasse on Sunday, as mediators "
         "struggled to fill the remaining gaps and a delegation left the talks in Cairo.\n"
         "Over the course of months, talks aimed at a ceasefire and the release of hostages made "
         "little progress, but signs emerged that the two sides were close to an agreement.\n"
         "The main obstacle was the duration of the ceasefire, with one side demanding that it be "
         "permanent and the other offering only a temporary cessation of fighting.\n"
         "Officials familiar with the talks said the mediators would try again next week, and "
         "that both delegations had been asked to stay in touch with the hosts.")
OTHER = ("Stocks rose on Wall Street on Tuesday as investors bet that the central bank would cut "
         "interest rates before the summer, lifting shares of banks and home builders.\n"
         "Analysts said the rally could fade if the next report on consumer prices showed that "
         "inflation was still running above the target set by the bank.\n"
         "Oil prices fell for a third day as stockpiles grew, and the dollar weakened against "
         "the euro and the yen in thin trading ahead of a holiday weekend.")
CHROME_HEAD = "Home\nWorld\nBusiness\nShare this article\nPublished 3 hours ago\n"
CHROME_TAIL = "\nRelated stories\nMore from this outlet\nSign up for our newsletter"


def edited(text: str) -> str:
    """Change a few words, as a republishing outlet would."""
    return (text.replace("Sunday", "Monday").replace("remaining", "last")
            .replace("little progress", "slow progress"))


@pytest.mark.parametrize("left, right, same", [
    (STORY, STORY, True),
    (STORY, CHROME_HEAD + STORY + CHROME_TAIL, True),
    (STORY, "Hamas walks out of Cairo talks\n" + edited(STORY), True),
    (STORY, OTHER, False),
    # Same event, different report: shares names and words, not the text.
    (STORY, "Hamas delegation leaves Cairo as ceasefire talks stall on Sunday.\n"
            "Mediators from Egypt and Qatar said the talks on hostages and a permanent ceasefire "
            "would resume, while Israel said it offered only a temporary cessation of fighting "
            "and the delegation said there had been little progress in months of talks.", False),
])
def test_signatures_agree_on_copies_only(left, right, same):
    estimate = dedup.similarity(dedup.signature(left), dedup.signature(right))
    assert (estimate >= dedup.THRESHOLD) is same


def test_short_bodies_have_no_signature():
    assert dedup.signature("+1, that works for me too. Thanks!") is None


@pytest.mark.parametrize("body", [STORY, CHROME_HEAD + STORY + CHROME_TAIL, OTHER])
def test_signature_is_each_permutations_least_shingle_hash(body):
    # MinHash as defined, in Python's integers: a permutation's value of a shingle is
    # (a * x + b) mod 2**64, its signature entry the top 32 bits of the least of them
    shingles = [int(x) for x in dedup.shingles(body)]
    expected = [min((a * x + b) % 2**64 for x in shingles) >> 32
                for a, b in zip(dedup._A.ravel().tolist(), dedup._B.ravel().tolist())]
    assert dedup.signature(body) == struct.pack(f"<{dedup.PERMUTATIONS}I", *expected)


def test_signature_and_bands_are_stable_and_sized():
    sig = dedup.signature(STORY)
    assert isinstance(sig, bytes) and len(sig) == dedup.PERMUTATIONS * 4
    assert sig == dedup.signature(" ".join(STORY.split(" ")))
    banded = dedup.Bands([(0, sig), (1, None), (2, dedup.signature(CHROME_HEAD + STORY)),
                          (3, dedup.signature(OTHER))], 4)
    assert banded.keys.tolist() == [0, 2, 3]
    bands = banded.bands
    assert bands.shape == (3, dedup.BANDS) and len(set(bands[0].tolist())) == dedup.BANDS
    assert (bands[0] == bands[1]).all() and not set(bands[0].tolist()) & set(bands[2].tolist())


def test_copies_are_found_within_and_between_segments():
    old = {0: dedup.signature(STORY), 1: dedup.signature(OTHER),
           2: dedup.signature(CHROME_HEAD + STORY)}
    new = {0: dedup.signature("Talks fail\n" + edited(STORY)),
           1: dedup.signature(OTHER + CHROME_TAIL)}
    old_bands, new_bands = dedup.Bands(old.items(), 3), dedup.Bands(new.items(), 2)
    assert old_bands.edges == [(0, 2)] and new_bands.edges == []
    across = new_bands.edges_to(old_bands, new.__getitem__, old.__getitem__)
    assert sorted(across) in ([(0, 0), (1, 1)], [(0, 2), (1, 1)])


def test_prose_words_leave_out_menu_lines_and_headlines():
    words = dedup.prose_words(CHROME_HEAD + "A new headline for it\n" + STORY + CHROME_TAIL)
    assert words == dedup.words(STORY)
    table = "ACME CORP 3RD QTR NET\n" + "\n".join(f"Shr {n} cts vs {n + 1} cts" for n in range(9))
    assert dedup.prose_words(table) == dedup.words(table)


DOCS = [
    ("b2", "2024-05-24", "Westside People", dedup.signature(CHROME_HEAD + STORY)),
    ("a1", "2024-05-23", "Reuters", dedup.signature(STORY)),
    ("c3", "2024-05-25", "Daily Echo", dedup.signature("Talks fail\n" + edited(STORY))),
    ("d4", "2024-05-23", "Reuters", dedup.signature(OTHER)),
    ("e5", None, "Blog", dedup.signature(OTHER + CHROME_TAIL)),
    ("f6", "2024-05-20", "Mail", None),
]


def served_clusters(docs) -> dict[str, str]:
    """Cluster as a searcher does for one segment: bands, copies within, grouped by edges."""
    keys = [d[0] for d in docs]
    date_of = {n: date.fromisoformat(d[1]).toordinal() for n, d in enumerate(docs) if d[1]}
    bands = dedup.Bands(((n, d[3]) for n, d in enumerate(docs)), len(docs))
    clusters = clusters_from_edges(bands.edges, date_of, keys.__getitem__)
    return {keys[d]: keys[head] for d, head in clusters.cluster_of.items()}


def test_cluster_ids_are_the_earliest_members():
    cluster_of = served_clusters(DOCS)
    assert cluster_of == {"a1": "a1", "b2": "a1", "c3": "a1", "d4": "d4", "e5": "d4"}
    assert len({cluster_of.get(d[0], d[0]) for d in DOCS}) == 3  # stories


def test_large_buckets_of_one_text_make_one_cluster():
    docs = [(f"m{n:03d}", "2024-01-01", "List", dedup.signature(STORY)) for n in range(40)]
    cluster_of = served_clusters(docs)
    assert set(cluster_of.values()) == {"m000"} and len(cluster_of) == 40


def test_clusters_read_from_an_index_column():
    schema = build_schema()
    for name, fieldtype in dedup.schema_fields().items():
        if name not in schema:  # until the schema carries it
            schema.add(name, fieldtype)
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for doc_id, date, outlet, sig in DOCS:
            body = {"a1": STORY, "b2": CHROME_HEAD + STORY, "c3": "Talks fail\n" + edited(STORY),
                    "d4": OTHER, "e5": OTHER + CHROME_TAIL, "f6": "short"}[doc_id]
            fields = {"id": doc_id, "outlet": outlet, "body": body, **dedup.index_fields(body)}
            if date:
                fields["date"] = datetime.strptime(date, "%Y-%m-%d")
            writer.add_document(**fields)
    with ix.searcher() as searcher:
        docnum = {searcher.stored_fields(d)["id"]: d for d in range(searcher.doc_count())}
        clusters = ColumnCache().columns(searcher).clusters
        assert clusters.stories(docnum.values()) == 3
        assert [c["id"] for c in clusters.copies(searcher, docnum["c3"])] == ["a1", "b2"]
        assert [c["id"] for c in clusters.copies(searcher, docnum["a1"])] == ["b2", "c3"]
        assert clusters.copies(searcher, docnum["f6"]) == []
        order = [docnum[i] for i in ("e5", "c3", "a1", "f6", "d4")]
        assert clusters.collapse_order(order) == [docnum["e5"], docnum["c3"], docnum["f6"]]
        calls = []

        def run(limit):
            calls.append(limit)
            allowed = set(docnum.values()) - {docnum["f6"]}
            return searcher.search(Every(), limit=limit, filter=allowed)

        heads = clusters.ranked_stories(run, 2)
        assert len(heads) == 2 and calls[0] == 2
        assert len({clusters.cluster_of.get(h.docnum, h.docnum) for h in heads}) == 2
        everything = clusters.ranked_stories(run, 10)
        # Equal scores rank in index order: b2 comes before a1 and heads their story.
        assert [searcher.stored_fields(h.docnum)["id"] for h in everything] == ["b2", "d4"]
        assert calls[-1] == 10  # fewer documents than asked for: no more rounds
        calls.clear()
        first_round = run(2)  # b2 and a1: one story, so one more round is needed
        assert len(clusters.ranked_stories(run, 2, results=first_round)) == 2 and calls == [2, 4]
        assert clusters.ranked_stories(lambda limit: None, 3) == []
