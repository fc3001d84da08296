"""Copies of messages found per segment: a generation after a commit agrees with a fresh open."""
from __future__ import annotations

from datetime import datetime

from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.writing import NO_MERGE

from search.engine.columns import ColumnCache
from search.engine import threadindex
from search.engine.threadindex import index_threads
from search.index.schema import build_schema

# (id, kind, Message-ID, sender, subject, day) in the order they are added, one commit a batch;
# a batch of ids alone deletes them.
STEPS = [
    [("m1", "usenet", "a@x", "ann@x.org", "Widgets", 3),
     ("m2", "usenet", "a@x", "ann@x.org", "Widgets", 3),  # one Message-ID twice in a segment
     ("m3", "usenet", "b@x", "ben@x.org", "Re: Caching", 4),
     ("p1", "pipermail-html", "", "ben@x.org", "Caching", 5)],  # m3's page: no Message-ID
    [("m4", "usenet", "b@x", "ben@x.org", "Caching", 4),  # m3 again, in another segment
     ("m5", "usenet", "c@x", "cy@x.org", "Gears", 9),
     ("n1", "bbc", "", "", "Gears", 9)],  # not mail: never a copy
    ["m1"],  # the first of a pair deleted: the other is kept now
    [("p6", "pipermail-html", "", "CY@x.org", "Gears", 12),  # m5's page, three days later
     ("p7", "pipermail-html", "", "cy@x.org", "Gears", 30)],  # too late to be a copy
    [("n2", "bbc", "", "", "Budget", 14)],  # news alone: the mail is threaded as it was
]
# What a search leaves out after each step.
HELD_TWICE = [{"m2", "p1"}, {"m2", "m4", "p1"}, {"m4", "p1"}, {"m4", "p1", "p6"}, {"m4", "p1", "p6"}]
THREADED = [2, 3, 3, 4, 4]  # the live mail but its copies, each one place in a thread


def commit(ix, step, compound: bool = True) -> None:
    with ix.writer(compound=compound) as writer:
        writer.mergetype = NO_MERGE
        for doc in step:
            if isinstance(doc, str):
                writer.delete_by_term("id", doc)
                continue
            doc_id, kind, message_id, sender, subject, day = doc
            writer.add_document(id=doc_id, kind=kind, message_id=message_id, address=sender,
                                subject=subject, title=subject, body=subject,
                                date=datetime(2024, 5, day))


def held_twice(searcher, columns) -> set[str]:
    return {searcher.stored_fields(d)["id"] for d in columns.mail.held_twice}


def threads(searcher, columns) -> dict[str, tuple]:
    found = index_threads(searcher, columns)
    return {doc: (place.thread, place.in_reply_to, found.docnum_of[doc])
            for doc, place in found.table.info.items()}


def test_each_generation_after_a_commit_finds_the_copies_a_fresh_open_finds():
    ix = RamStorage().create_index(build_schema())
    kept = ColumnCache()  # a process that had every generation open
    before = None
    for step, expected, threaded in zip(STEPS, HELD_TWICE, THREADED):
        commit(ix, step)
        with ix.searcher() as searcher:
            assert len(searcher.reader().leaf_readers()) > 1 or step is STEPS[0]
            columns, fresh = kept.columns(searcher), ColumnCache().columns(searcher)
            assert held_twice(searcher, columns) == expected
            assert held_twice(searcher, fresh) == expected
            assert threads(searcher, columns) == threads(searcher, fresh)
            assert len(threads(searcher, columns)) == threaded
            # the threads of the generation before, when its mail did not change
            assert (index_threads(searcher, columns) is before) == (step is STEPS[-1])
            before = index_threads(searcher, columns)


def test_a_new_process_loads_a_generations_threads_another_made(tmp_path, monkeypatch):
    ix = FileStorage(str(tmp_path)).create_index(build_schema())
    made = []
    build = threadindex.build_threads
    monkeypatch.setattr(threadindex, "build_threads", lambda refs: made.append(1) or build(refs))
    for step in STEPS:
        commit(ix, step, compound=False)  # a segment in files of its own, as the indexer writes
        with ix.searcher() as searcher:
            first = threads(searcher, ColumnCache().columns(searcher))  # a process of its own
            made_before = len(made)
            assert threads(searcher, ColumnCache().columns(searcher)) == first  # the next one
            assert len(made) == made_before  # loaded, not threaded again
        # one file, this generation's: the others served generations gone
        assert len(list(tmp_path.glob("threads.memo_*"))) == 1
    assert len(made) == len(STEPS) - 1  # the last commit, news alone, left the mail's threads


def test_copies_are_the_same_in_one_segment_as_in_many():
    many, one = RamStorage().create_index(build_schema()), RamStorage().create_index(build_schema())
    for step in STEPS:
        commit(many, step)
    commit(one, [doc for step in STEPS for doc in step if not isinstance(doc, str) and doc[0] != "m1"])
    with many.searcher() as searcher_many, one.searcher() as searcher_one:
        assert len(searcher_one.reader().leaf_readers()) == 1
        assert (held_twice(searcher_many, ColumnCache().columns(searcher_many))
                == held_twice(searcher_one, ColumnCache().columns(searcher_one)) == HELD_TWICE[-1])


def test_pages_of_a_thread_that_hides_addresses_are_not_copies_of_each_other():
    """An archive that hides addresses writes the list's own for every sender, and pipermail
    pages keep no Message-ID: replies of one day on one subject were taken for copies."""
    ix = RamStorage().create_index(build_schema())
    pages = [("p1", "stephan", "I am almost done with my web app."),
             ("p2", "James Y Knight", "The request object does no locking."),
             ("p3", "stephan", "I do use external libs, within the thread."),
             ("p4", "stephan", "I am almost done with my web app."),  # p1's page kept twice
             ("t1", "Ann at example.org", "Pinned versions, please.")]
    with ix.writer() as writer:
        for doc_id, name, body in pages:
            writer.add_document(id=doc_id, kind="pipermail-html", message_id="", author=name,
                                address="list@example.org", subject="[list] server crashes",
                                title="server crashes", body=body, date=datetime(2004, 2, 24))
        # the .txt twin of t1 writes the address it hides on the page
        writer.add_document(id="m1", kind="pipermail-archive", message_id="t1@x", author="ann@example.org",
                            address="list@example.org", subject="[list] server crashes",
                            title="server crashes", body="Pinned versions, please.", date=datetime(2004, 2, 25))
    with ix.searcher() as searcher:
        assert held_twice(searcher, ColumnCache().columns(searcher)) == {"p4", "t1"}
