"""Threads from In-Reply-To/References (search/features/threads.py): links, missing parents, loops, subjects."""
from __future__ import annotations

from search.features.threads import MailRef, build_threads, thread_id


def ref(doc: str, refs: tuple[str, ...] = (), subject: str = "x", date: str = "2024-01-01",
        mid: str | None = "") -> MailRef:
    return MailRef(doc, f"{doc}@x" if mid == "" else mid, refs[-1] if refs else None, list(refs),
                   subject, date)


def test_replies_follow_their_parents_depth_first_by_date():
    table = build_threads([
        ref("c", ("a@x", "b@x"), date="2024-01-03"), ref("a"), ref("d", ("a@x",), date="2024-01-04"),
        ref("b", ("a@x",), date="2024-01-02"),
    ])
    thread = table.info["a"].thread
    assert thread == thread_id("a@x")
    assert table.ordered(thread) == ["a", "b", "c", "d"]
    assert [table.info[d].depth for d in "abcd"] == [0, 1, 2, 1]
    assert [table.info[d].in_reply_to for d in "abcd"] == [None, "a", "b", "a"]


def test_replies_to_a_missing_message_share_one_thread():
    table = build_threads([ref("b", ("gone@x",)), ref("c", ("gone@x", "b@x")), ref("d", ("gone@x",))])
    assert len({table.info[d].thread for d in "bcd"}) == 1
    assert table.info["b"].in_reply_to is None and table.info["c"].in_reply_to == "b"


def test_an_in_reply_to_chain_without_references_is_followed_to_the_root():
    table = build_threads([ref("a"), ref("b", ("a@x",)), ref("c", ("b@x",))])
    assert table.info["c"].thread == table.info["a"].thread and table.info["c"].depth == 2


def test_a_loop_of_references_ends():
    table = build_threads([ref("a", ("b@x",)), ref("b", ("a@x",))])
    assert set(table.info) == {"a", "b"}
    assert sum(len(v) for v in table.members.values()) == 2


def test_subject_joins_only_a_re_message_naming_no_parent():
    table = build_threads([
        ref("a", subject="[list] Caching", date="2024-01-01"),
        ref("b", subject="Re: [list] Caching", date="2024-01-02"),
        ref("c", subject="Caching", date="2024-01-03"),  # not a reply: a new thread
        ref("d", ("elsewhere@x",), subject="Re: Caching", date="2024-01-04"),  # names a parent
    ])
    assert table.info["b"].thread == table.info["a"].thread and table.info["b"].in_reply_to is None
    assert table.info["c"].thread != table.info["a"].thread
    assert table.info["d"].thread != table.info["a"].thread


def test_a_reply_marker_of_any_language_the_subject_cleaner_knows_joins_by_subject():
    """Threading knew Re/AW/SV/Antw while subjects are cleaned of twenty markers: a Polish, Finnish
    or Chinese webmail reply naming no parent, or a forwarded reply ("WG: RE:"), stood alone."""
    table = build_threads([
        ref("a", subject="Gasket sizes", date="2024-01-01"),
        ref("b", subject="WG: RE: Gasket sizes", date="2024-01-02"),
        ref("c", subject="Odp: Gasket sizes", date="2024-01-02"),
        ref("d", subject="[Kettle] 回复：Gasket sizes", date="2024-01-03"),
        ref("e", subject="VS: Gasket sizes", date="2024-01-03"),
        ref("f", subject="Fwd: Gasket sizes", date="2024-01-04"),  # a forward starts its own
    ])
    assert {table.info[d].thread for d in "abcde"} == {table.info["a"].thread}
    assert table.info["f"].thread != table.info["a"].thread


def test_a_message_without_a_message_id_is_its_own_thread_unless_its_subject_came_before():
    table = build_threads([ref("a", mid=None, subject="Widgets"), ref("b", mid=None, subject="Gears")])
    assert table.info["a"].thread != table.info["b"].thread
    assert table.size(table.info["a"].thread) == 1


def test_pages_that_kept_no_headers_thread_by_subject_within_weeks():
    """A pipermail HTML page keeps no Message-ID and no In-Reply-To, and replies often keep the
    subject without "Re:": the archiver threads them by subject, and so do we, within weeks."""
    table = build_threads([
        ref("a", mid=None, subject="[list] server crashes", date="2004-02-24"),
        ref("b", mid=None, subject="server crashes", date="2004-02-24"),
        ref("c", mid=None, subject="Server Crashes", date="2004-03-20"),  # 25 days after b
        ref("d", mid=None, subject="server crashes", date="2004-06-01"),  # months later: a new one
        ref("e", subject="server crashes", date="2004-03-25"),  # headers kept, naming no parent
    ])
    thread = table.info["a"].thread
    assert [table.info[d].thread == thread for d in "abcde"] == [True, True, True, False, False]
    assert table.ordered(thread) == ["a", "b", "c"]


def test_a_re_message_naming_no_parent_answers_its_subject_of_the_last_three_months():
    """"Re: help" joined the first "help" of any year: a list asks for help every month."""
    table = build_threads([
        ref("a", subject="help", date="2021-03-01"),
        ref("b", subject="help", date="2024-05-01"),
        ref("c", subject="Re: help", date="2024-05-03"),
        ref("d", subject="Re: help", date="2025-01-10"),  # eight months on: answers nothing held
        ref("e", subject="Re: Odd crash", date="2024-05-01"),  # its clock runs behind the question's
        ref("f", subject="Odd crash", date="2024-05-02"),
    ])
    assert table.info["c"].thread == table.info["b"].thread != table.info["a"].thread
    assert table.info["d"].thread not in {table.info["a"].thread, table.info["b"].thread}
    assert table.info["e"].thread == table.info["f"].thread


def test_a_re_message_without_a_date_answers_the_first_of_its_subject():
    table = build_threads([ref("a", subject="help", date="2021-03-01"), ref("b", subject="help", date="2024-05-01"),
                           ref("c", subject="Re: help", date=None)])
    assert table.info["c"].thread == table.info["a"].thread
