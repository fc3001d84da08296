"""Columns assembled from per-segment parts: the same as read at once, and read only once."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from whoosh.filedb.filestore import RamStorage
from whoosh.writing import NO_MERGE

from search.engine import columns as columns_module
from search.features import dedup
from search.engine.columns import ColumnCache, Columns
from search.index.schema import build_schema
from tests.search.features.test_dedup import CHROME_HEAD, OTHER, STORY, edited

# (id, outlet, speakers, date, body) in the order they are added, one commit per batch.
BATCHES = [
    [("a1", "Daily Echo", ["Benjamin Netanyahu"], "2024-05-23", STORY),
     ("b2", "Daily Echo", [], "2024-05-20", OTHER),
     ("c3", "Westside People", ["Netanyahu"], None, "A short note.")],
    [("d4", "Morning Post", [], "2024-05-24", CHROME_HEAD + STORY),
     ("e5", "Morning Post", ["Janet Yellen"], "2024-05-21", OTHER + "\nMore later.")],
    [("f6", "Westside People", [], "2024-05-22", "Talks fail\n" + edited(STORY))],
]
DELETED = "b2"


def add(writer, doc_id, outlet, speakers, when, body) -> None:
    fields = {"id": doc_id, "outlet": outlet, "outlet_key": outlet, "body": body,
              "speaker_key": ",".join(speakers), **dedup.index_fields(body)}
    if when:
        fields["date"] = datetime.strptime(when, "%Y-%m-%d")
    writer.add_document(**fields)


def index_in_commits(delete: str | None = None):
    """Return an index holding the batches as one segment each (and `delete` deleted)."""
    ix = RamStorage().create_index(build_schema())
    for batch in BATCHES:
        with ix.writer() as writer:
            writer.mergetype = NO_MERGE
            for doc in batch:
                add(writer, *doc)
    if delete:
        with ix.writer() as writer:
            writer.mergetype = NO_MERGE
            writer.delete_by_term("id", delete)
    return ix


def index_at_once(skip: str | None = None):
    """Return an index holding every document in one segment."""
    ix = RamStorage().create_index(build_schema())
    with ix.writer() as writer:
        for batch in BATCHES:
            for doc in batch:
                if doc[0] != skip:
                    add(writer, *doc)
    return ix


def by_id(searcher, columns) -> dict:
    """Return the columns with document ids in place of docnums, to compare across indexes."""
    id_of = {d: searcher.stored_fields(d)["id"] for d in searcher.reader().all_doc_ids()}
    found = {name: {value: {id_of[d] for d in docs} for value, docs in getattr(columns, name).items()}
             for name in ("outlet", "speaker")}
    found["dates"] = [(ordinal, id_of[d]) for ordinal, d in columns.dates]
    found["copies"] = {id_of[d]: id_of[head] for d, head in columns.clusters.cluster_of.items()}
    found["canonical"] = columns.canonical
    return found


@pytest.mark.parametrize("deleted", [None, DELETED, "a1"])
def test_columns_of_many_segments_equal_those_of_one(deleted):
    many, one = index_in_commits(deleted), index_at_once(deleted)
    with many.searcher() as left, one.searcher() as right:
        assert len(left.reader().leaf_readers()) == 3
        assert by_id(left, ColumnCache().columns(left)) == by_id(right, ColumnCache().columns(right))


def test_columns_name_what_the_segments_hold_and_copies_across_them():
    ix = index_in_commits(DELETED)
    with ix.searcher() as searcher:
        found = by_id(searcher, ColumnCache().columns(searcher))
    assert found["outlet"] == {"Daily Echo": {"a1"}, "Westside People": {"c3", "f6"},
                               "Morning Post": {"d4", "e5"}}
    assert found["speaker"] == {"Benjamin Netanyahu": {"a1", "c3"}, "Janet Yellen": {"e5"}}
    assert [doc_id for _, doc_id in found["dates"]] == ["e5", "f6", "a1", "d4"]
    # One story in three segments, led by its earliest copy; the deleted b2 is nowhere.
    assert found["copies"] == {"a1": "f6", "d4": "f6", "f6": "f6"}


def test_a_new_commit_reads_only_its_own_segment(monkeypatch):
    ix = index_in_commits()
    cache = ColumnCache()
    read = []
    real = columns_module.read_part
    monkeypatch.setattr(columns_module, "read_part",
                        lambda leaf: read.append(leaf.segment().segment_id()) or real(leaf))
    with ix.searcher() as searcher:
        cache.columns(searcher)
    assert len(read) == 3
    with ix.writer() as writer:
        writer.mergetype = NO_MERGE
        writer.delete_by_term("id", DELETED)
        add(writer, "g7", "Daily Echo", [], "2024-05-25", STORY + "\nUpdated.")
    read.clear()
    with ix.searcher() as searcher:
        found = by_id(searcher, cache.columns(searcher))
        assert len(read) == 1  # the three old segments came from the cache
        assert found == by_id(searcher, ColumnCache().columns(searcher))
    assert found["copies"]["g7"] == "f6" and "b2" not in found["outlet"]["Daily Echo"]


def test_a_date_range_holds_the_documents_dated_within_it_however_often_asked():
    rng = random.Random(21)
    first = date(1993, 1, 1)
    dated = {d: (first + timedelta(days=rng.randrange(400))).toordinal() for d in range(2000)}
    columns = Columns(outlet={}, speaker={}, dates=sorted((o, d) for d, o in dated.items()),
                      date_of=dated)
    for _ in range(100):
        start = first + timedelta(days=rng.randrange(-10, 410))
        end = start + timedelta(days=rng.randrange(0, 60))
        for lo, hi in ((start, end), (None, end), (start, None)):
            expected = {d for d, o in dated.items()
                        if (lo is None or o >= lo.toordinal()) and (hi is None or o <= hi.toordinal())}
            assert columns.date_range(lo, hi) == expected
