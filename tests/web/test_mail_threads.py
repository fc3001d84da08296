"""Mail as first-class archives: authors, threads, mail query fields, browsing, mbox exports."""
from __future__ import annotations

import mailbox
import shutil
from pathlib import Path

import pytest

from search.index.indexer import update_index
from web import create_app

ARCHIVE = Path(__file__).resolve().parent.parent / "fixtures" / "mail-thread"


@pytest.fixture(scope="module")
def mail_client(tmp_path_factory):
    """A client on an index of a two-month list archive, built by the real indexer."""
    seeds = tmp_path_factory.mktemp("seeds")
    for path in ARCHIVE.iterdir():
        shutil.copy(path, seeds / path.name)
    root = tmp_path_factory.mktemp("mailindex") / "index"
    update_index(seeds, root, workers=1)
    app = create_app({"INDEX": str(root), "TESTING": True})
    yield app.test_client()
    app.extensions["archive_search"].handle.close()


def _hits(client, query: str) -> list[dict]:
    res = client.get("/search?" + query)
    assert res.status_code == 200, res.get_json()
    return res.get_json()["hits"]


def _by_author(client, query: str) -> dict[str, dict]:
    return {h["author"]: h for h in _hits(client, query + "&per_page=100&collapse=false")}


def test_a_message_stored_twice_is_one_document(mail_client):
    assert mail_client.get("/search?q=halves&collapse=false").get_json()["total"] == 1  # one file
    # in two files (the month regenerated): each file's copy is indexed, one is found
    data = mail_client.get('/search?q="ready+for+review"&collapse=false').get_json()
    assert data["total"] == 1 and len(data["hits"]) == 1
    assert mail_client.get("/search?outlet=widgets&per_page=100&collapse=false").get_json()["total"] == 5


def test_hits_carry_author_message_id_thread_and_reply(mail_client):
    hits = _by_author(mail_client, "q=cache+OR+template+OR+caching")
    ann, ben = hits["Ann Author"], hits["Ben Builder"]
    assert ben["message_id"] == "reply-2@example.org"
    assert ben["thread"] == ann["thread"] and ben["in_reply_to"] is not None
    assert hits["Eve Evans"]["thread"] != ann["thread"]


def test_thread_json_lists_each_parent_before_its_replies_across_months(mail_client):
    hit = _by_author(mail_client, "q=halves")["Ben Builder"]
    data = mail_client.get(f"/thread/{hit['thread']}.json").get_json()
    assert data["thread"] == hit["thread"] and data["subject"] == "Caching the widget renderer"
    messages = data["messages"]
    assert [m["author"] for m in messages] == ["Ann Author", "Ben Builder", "Ann Author"]
    assert [m["depth"] for m in messages] == [0, 1, 2]
    assert messages[0]["in_reply_to"] is None
    assert messages[1]["in_reply_to"] == messages[0]["id"] and messages[2]["in_reply_to"] == messages[1]["id"]
    assert set(messages[0]) == {"id", "title", "author", "date", "in_reply_to", "depth"}


def test_a_reply_without_references_joins_its_subjects_thread(mail_client):
    hits = _by_author(mail_client, "q=notes")
    assert hits["Dan Dorn"]["thread"] == hits["Cleo Cole"]["thread"]
    assert hits["Dan Dorn"]["in_reply_to"] is None  # it names no parent: none is made up


def test_thread_page_shows_the_messages_indented(mail_client):
    hit = _by_author(mail_client, "q=halves")["Ben Builder"]
    page = mail_client.get(f"/thread/{hit['thread']}").get_data(as_text=True)
    assert "Caching the widget renderer" in page and 'class="depth-2"' in page
    assert page.count("Ann Author") == 2
    assert mail_client.get("/thread/0000000000000000").status_code == 404
    assert mail_client.get("/thread/0000000000000000.json").get_json()["error"]["code"] == "not_found"


def test_document_links_its_parent_replies_and_thread(mail_client):
    hit = _by_author(mail_client, "q=halves")["Ben Builder"]
    doc = mail_client.get(f"/doc/{hit['id']}.json").get_json()
    assert doc["author"] == "Ben Builder" and doc["message_id"] == "reply-2@example.org"
    assert doc["in_reply_to"] and len(doc["replies"]) == 1 and doc["thread"] == hit["thread"]
    page = mail_client.get(f"/doc/{hit['id']}").get_data(as_text=True)
    assert f"/doc/{doc['in_reply_to']}" in page and f"/doc/{doc['replies'][0]}" in page
    assert f"/thread/{hit['thread']}" in page


@pytest.mark.parametrize(("query", "authors"), [
    ("from:ben", {"Ben Builder"}),
    ('f:"Ann Author"', {"Ann Author"}),
    ("from:eve@example.org", {"Eve Evans"}),
    ("subject:firmware", {"Eve Evans"}),
    ("s:caching", {"Ann Author", "Ben Builder"}),
    ("list:gadgets", {"Eve Evans"}),
    ("l:widgets notes", {"Cleo Cole", "Dan Dorn"}),
])
def test_mail_query_fields(mail_client, query, authors):
    assert set(_by_author(mail_client, "q=" + query)) == authors


def test_thread_query_field_and_filter_agree(mail_client):
    thread = _by_author(mail_client, "q=halves")["Ben Builder"]["thread"]
    by_field = _by_author(mail_client, f"q=thread:{thread}")
    by_filter = _by_author(mail_client, f"thread={thread}")
    assert set(by_field) == set(by_filter) == {"Ann Author", "Ben Builder"}
    assert len(_hits(mail_client, f"thread={thread}&per_page=100")) == 3


def test_group_by_thread_gives_one_hit_per_thread_with_its_size(mail_client):
    data = mail_client.get("/search?q=cache+OR+template+OR+notes&group=thread").get_json()
    threads = [h["thread"] for h in data["hits"]]
    assert len(threads) == len(set(threads)) == data["total"]
    sizes = {h["thread"]: h["thread_size"] for h in data["hits"]}
    assert sorted(sizes.values()) == [1, 2, 3]
    assert mail_client.get("/search?q=x&group=story").get_json()["error"]["code"] == "bad_group"


def test_browse_a_lists_month_without_a_query_newest_first(mail_client):
    data = mail_client.get("/search?outlet=widgets&from=2024-01&to=2024-01&per_page=100&collapse=false").get_json()
    assert [h["date"] for h in data["hits"]] == ["2024-01-17", "2024-01-16", "2024-01-15"]
    assert data["sort"] == "-date"
    page = mail_client.get("/?outlet=widgets").get_data(as_text=True)
    assert "Release notes draft" in page and "from Cleo Cole" in page
    csv = mail_client.get("/search.csv?outlet=gadgets").get_data(as_text=True)
    assert "Gadget firmware" in csv and csv.splitlines()[0].endswith("author,message_id,thread,in_reply_to")
    assert mail_client.get("/search").status_code == 400


def test_outlet_is_the_list_id_name(mail_client):
    outlets = {h["outlet"] for h in _hits(mail_client, "outlet=widgets&per_page=100&collapse=false")}
    assert outlets == {"widgets"}


def test_thread_and_search_export_as_mbox_a_mail_client_reads(mail_client, tmp_path):
    thread = _by_author(mail_client, "q=halves")["Ben Builder"]["thread"]
    res = mail_client.get(f"/thread/{thread}.mbox")
    assert res.status_code == 200 and res.mimetype == "application/mbox"
    path = tmp_path / "t.mbox"
    path.write_bytes(res.get_data())
    box = mailbox.mbox(str(path))
    messages = list(box)
    assert [m["Message-ID"] for m in messages] == ["<root-1@example.org>", "<reply-2@example.org>",
                                                    "<reply-3@example.org>"]
    assert messages[1]["In-Reply-To"] == "<root-1@example.org>"
    assert "halves the render time" in messages[1].get_payload(decode=True).decode("utf-8")
    box.close()
    res = mail_client.get("/search.mbox?q=notes")
    path.write_bytes(res.get_data())
    found = mailbox.mbox(str(path))
    bodies = [m.get_payload(decode=True).decode("utf-8") for m in found]
    assert len(bodies) == 2 and any(b.startswith(">From the archives") for b in bodies)
    found.close()


TWINS = Path(__file__).resolve().parent.parent / "fixtures" / "mail-twins"


@pytest.fixture(scope="module")
def twins_client(tmp_path_factory):
    """A client on a pipermail month kept twice: the .txt and its per-message pages (no Message-ID)."""
    seeds = tmp_path_factory.mktemp("twins") / "seeds"
    shutil.copytree(TWINS, seeds)
    root = tmp_path_factory.mktemp("twinsindex") / "index"
    update_index(seeds, root, workers=1)
    app = create_app({"INDEX": str(root), "TESTING": True})
    yield app.test_client()
    app.extensions["archive_search"].handle.close()


def test_a_pipermail_page_and_its_txt_twin_are_one_document(twins_client):
    # two messages of one sender, subject and day, each in the .txt and as a page: two documents,
    # the .txt copies (with their Message-ID) kept; the .txt's "?" for "’" still pairs; a page
    # whose message the .txt lost stays
    data = twins_client.get("/search?outlet=Gadgets&per_page=100&collapse=false").get_json()
    assert data["total"] == 4
    assert sorted(h["message_id"] or "" for h in data["hits"]) == [
        "", "pin-1@example.org", "pin-2@example.org", "vendor-1@example.org"]
    assert [h["kind"] for h in data["hits"] if not h["message_id"]] == ["pipermail-html"]
    page_only = [h for h in data["hits"] if not h["message_id"]][0]
    assert "third message" in twins_client.get(f"/doc/{page_only['id']}.json").get_json()["body"]
    listed = []
    for thread in {hit["thread"] for hit in data["hits"]}:  # a thread lists each message once
        listed += [m["id"] for m in twins_client.get(f"/thread/{thread}.json").get_json()["messages"]]
    assert sorted(listed) == sorted(hit["id"] for hit in data["hits"])
    # the page whose message the .txt lost kept no headers: threaded by its subject, as pipermail did
    assert page_only["thread"] == next(h["thread"] for h in data["hits"] if h["message_id"] == "pin-1@example.org")


@pytest.mark.parametrize("query", ["l:gadgets", "list:GADGETS", 'list:"Gadgets"'])
def test_list_field_matches_the_lists_name_in_any_case(twins_client, query):
    # the list calls itself "Gadgets"; public-inbox users type l:gadgets
    data = twins_client.get("/search", query_string={"q": query, "collapse": "false"}).get_json()
    assert data["total"] == 4
