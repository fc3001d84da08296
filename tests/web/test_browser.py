"""The page in a real browser: Debian's Chromium driven by Playwright, checked with axe-core.

The app is served on 127.0.0.1 by the test itself. These tests need /usr/bin/chromium and
axe-core (`make browser-deps`, which .ci/run calls); without them they are skipped with the
reason, so that `make test` still runs everywhere else.
"""
from __future__ import annotations

import os
import shutil
import tarfile
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from search.documents import Document
from search.index.indexer import build_from_documents
from web import create_app

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / ".cache/axe/node_modules/axe-core/axe.min.js"
SHOTS = os.environ.get("ARCHIVE_SEARCH_SCREENSHOTS")  # a folder to keep screenshots in

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium: make browser-deps"),
    pytest.mark.skipif(not AXE.exists(), reason="needs axe-core from npm: make browser-deps"),
]

OUTLETS = ["Al Mayadeen English", "Reuters", "Westside People"]
REPO = Path(__file__).resolve().parents[2]
# The shared twisted-web pipermail archive (a real list); a year of its monthly .txt archives
# beside the seeds is what the README's screenshots show.
PIPERMAIL = REPO.parent / "shared" / "corpora" / "pipermail-twisted-web.tar.xz"
PIPERMAIL_YEAR = "2009-"


def fixture_documents() -> list[Document]:
    docs = []
    for n in range(24):
        docs.append(Document(
            id=f"doc{n:02d}", source=f"page-{n:02d}.txt", kind="text-dump",
            title=f"Ceasefire talks, day {n + 1}", outlet=OUTLETS[n % 3],
            date=f"2024-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
            speakers=["Ismail Haniyeh"] if n % 2 else ["Antony Blinken"],
            body=f"Negotiators met again on day {n + 1} to discuss a ceasefire in Gaza.\n"
                 "\"The ceasefire must be permanent,\" a negotiator said."))
    return docs


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser") / "index"
    build_from_documents(root, fixture_documents())
    app = create_app({"INDEX": str(root)})
    httpd = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    app.extensions["archive_search"].handle.close()


def _serve(app):
    httpd = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd


@pytest.fixture(scope="module")
def archive_server(tmp_path_factory):
    """The app on the seeds and a year of the twisted-web list, indexed by the real indexer."""
    if not PIPERMAIL.exists():
        pytest.skip(f"needs the shared pipermail archive at {PIPERMAIL}")
    from search.index.indexer import update_index

    seeds = tmp_path_factory.mktemp("archive")
    shutil.copytree(REPO / "seeds", seeds, dirs_exist_ok=True)
    with tarfile.open(PIPERMAIL) as tar:
        months = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")
                  and Path(m.name).name.startswith(PIPERMAIL_YEAR)]
        for member in months:
            (seeds / Path(member.name).name).write_bytes(tar.extractfile(member).read())
    root = tmp_path_factory.mktemp("archive-index") / "index"
    update_index(seeds, root, workers=1)
    app = create_app({"INDEX": str(root)})
    httpd = _serve(app)
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    app.extensions["archive_search"].handle.close()


def _a_thread(server: str, page) -> str:
    """Return the path of a thread of several messages in the archive."""
    page.goto(server + "/search?q=nevow&group=thread&per_page=50")
    data = page.evaluate("() => JSON.parse(document.body.innerText)")
    sizes = [h for h in data["hits"] if (h.get("thread_size") or 0) >= 3]
    assert sizes, "no thread of three messages"
    return f"/thread/{sizes[0]['thread']}"


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets the test inject axe-core; the app's own CSP is asserted elsewhere.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, "
                           "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
                           "'best-practice']})")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]]


def test_type_a_query_press_enter_and_see_hits(page, server):
    page.goto(server + "/")
    page.fill("#q", "ceasefire")
    page.press("#q", "Enter")
    page.wait_for_selector("li.hit")
    assert page.input_value("#q") == "ceasefire"
    assert page.locator("li.hit").count() == 10
    assert page.locator("li.hit mark").first.inner_text().lower() == "ceasefire"


def test_click_a_facet_then_undo_it(page, server):
    page.goto(server + "/?q=ceasefire")
    page.get_by_role("link", name="Reuters").first.click()
    page.wait_for_url("**outlet=Reuters**")
    outlets = page.locator("li.hit .outlet").all_inner_texts()
    assert outlets and set(outlets) == {"Reuters"}
    page.locator("aside.facets a[aria-current]").first.click()
    page.wait_for_load_state()
    assert "outlet=" not in page.url


def test_follow_a_hit_to_its_document(page, server):
    page.goto(server + "/?q=ceasefire")
    title = page.locator("li.hit h2 a").first.inner_text()
    page.locator("li.hit h2 a").first.click()
    page.wait_for_selector("article.doc")
    assert page.locator("h1").inner_text() == title
    assert page.locator(".body mark").count() >= 1


def test_page_through_results(page, server):
    page.goto(server + "/?q=ceasefire")
    first = page.locator("li.hit h2").all_inner_texts()
    page.get_by_role("link", name="Next").click()
    page.wait_for_url("**page=2**")
    second = page.locator("li.hit h2").all_inner_texts()
    assert second and not set(first) & set(second)


def test_keyboard_only(page, server):
    page.goto(server + "/help")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("ceasefire")
    page.keyboard.press("Enter")
    page.wait_for_selector("li.hit")
    for _ in range(40):  # tab until the first hit's link has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('li.hit') !== null"):
            break
    page.keyboard.press("Enter")
    page.wait_for_selector("article.doc")


@pytest.mark.parametrize("path", ["/", "/?q=ceasefire", "/?q=nothingmatchesthis",
                                  "/doc/doc03?q=ceasefire", "/help"])
def test_no_accessibility_violations(page, server, path):
    page.goto(server + path)
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []


@pytest.mark.parametrize("name, path", [("home", "/"), ("results", "/?q=ceasefire"),
                                        ("no-results", "/?q=nothingmatchesthis"),
                                        ("document", "/doc/doc03?q=ceasefire")])
@pytest.mark.parametrize("device, width", [("desktop", 1280), ("phone", 375)])
def test_screenshots(page, server, tmp_path, name, path, device, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(server + path)
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / f"{name}-{device}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 1000


@pytest.mark.parametrize("javascript", [True, False])
def test_thread_page_lists_replies_under_their_parents(browser, archive_server, javascript):
    context = browser.new_context(bypass_csp=True, java_script_enabled=javascript,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        path = _a_thread(archive_server, page) if javascript else None
        if path is None:  # without JavaScript the JSON is read by the test, not the page
            import json
            import urllib.request
            with urllib.request.urlopen(archive_server + "/search?q=nevow&group=thread&per_page=50") as r:
                hits = json.load(r)["hits"]
            path = "/thread/" + next(h["thread"] for h in hits if (h.get("thread_size") or 0) >= 3)
        page.goto(archive_server + path)
        items = page.locator("ol.thread-messages > li")
        assert items.count() >= 3
        assert page.locator("ol.thread-messages li.depth-1").count() >= 1
        indents = [b["x"] for b in (items.nth(i).bounding_box() for i in range(2))]
        assert indents[1] > indents[0]  # the reply sits to the right of its parent
        page.locator("ol.thread-messages a").first.click()
        page.wait_for_selector("article.doc")
        assert page.get_by_text("the whole thread").count() == 1
        if javascript:
            assert axe_violations(page) == []
            page.goto(archive_server + path)
            assert axe_violations(page) == []
            page.set_viewport_size({"width": 320, "height": 800})
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
            assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("name, path", [("list-month", "/?outlet=Twisted-web&from=2009-06&to=2009-06"),
                                        ("mail-results", "/?q=from:glyph+deferred"),
                                        ("thread", None), ("seeds-results", "/?q=ceasefire")])
def test_archive_screenshots(page, archive_server, tmp_path, name, path):
    """Screenshots of the seeds and the twisted-web list, for the README (`make screenshots`)."""
    path = path or _a_thread(archive_server, page)
    page.goto(archive_server + path)
    assert page.locator("main").count() == 1
    if name != "thread":
        assert page.locator("li.hit").count() >= 1
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / f"{name}-desktop.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 1000
    assert axe_violations(page) == []
