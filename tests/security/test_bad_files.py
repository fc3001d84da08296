"""Bad archive files are skipped with their path and reason, within a budget, and never stop a run."""
from __future__ import annotations

import gzip
import shutil
import time

import pytest

from search.errors import BadSource
from search.extract.files import FILE_SECONDS_ENV, extract_file
from search.index.indexer import update_index
from search.extract.sources import MAX_FILE_BYTES_ENV
from tests.security.conftest import HOSTILE

CAP = 200_000
BUDGET = 2.0
MAIL_HEAD = ("From: a@example.org\nTo: list@example.org\nSubject: numbers\n"
             "Date: Mon, 4 Mar 2024 10:00:00 +0000\nMessage-ID: <slow@example.org>\n\n")
# mailchrome.ATTRIBUTION had `\d{4}.*(?:<[^>]+>|\S+ at \S+)`: on a long run of digits ending in
# ":" before a quote it backtracked cubically (900 digits 6 s, 3,000 digits minutes). Its
# repeats are bounded now, so this file must read quickly.
SLOW_MAIL = MAIL_HEAD + "Hello all.\n\n" + "1" * 3000 + ":\n> quoted text\n\nMy answer is no.\n"
PAGE = ("<!doctype html><html><head><title>{title}</title></head><body><article><p>"
        "Ministers met in Geneva on Wednesday to talk about the truncated page test." * 3)

BAD_FILES = {
    # name: (bytes, what the reason must say)
    "binary.txt": (bytes(range(256)) * 64, "binary"),
    "gzip-in-disguise.txt": (gzip.compress(b"hello " * 5000), "binary"),
    "empty.txt": (b"", "empty"),
    "blank.txt": (b" \n\t\n" * 100, "empty"),
    "huge.txt": (b"Ministers met in Geneva.\n" * (CAP // 20), "too large"),
}
# Odd but readable: extracted (or skipped with a reason), never an exception, never a hang.
ODD_FILES = {
    "slow-attribution.eml": SLOW_MAIL.encode(),
    "truncated.html": PAGE.format(title="Truncated page").encode()[:-7],
    "unknown-charset.html": (b'<html><head><meta charset="x-klingon-9"><title>Odd charset</title>'
                             b"</head><body><p>" + "Caf\u00e9 ministers met. ".encode("cp1252")
                             * 20 + b"</p></body></html>"),
    "unknown-charset.eml": (MAIL_HEAD.replace("numbers", "charset").encode()
                            .replace(b"\n\n", b"\nContent-Type: text/plain; charset=x-klingon\n\n")
                            + "Caf\u00e9 ministers met in Geneva. ".encode("latin-1") * 10),
    "invalid-utf8-headers.eml": (b"From: \xff\xfe\xc3( <a@example.org>\nSubject: Bad \xc3\x28 "
                                 b"=?utf-8?b?////?= subject\nDate: Mon, 4 Mar 2024 10:00:00 +0000\n"
                                 b"Message-ID: <bad8@example.org>\n\nMinisters met in Geneva "
                                 b"and said nothing at all about it.\n"),
    "deeply-nested.html": ("<!doctype html><html><head><title>Deep</title></head><body>"
                           + "<div>" * 100_000 + "Ministers met in a deep nest." + "</div>" * 100_000
                           + "</body></html>").encode(),
    "unclosed-tags.html": ("<!doctype html><html><head><title>Unclosed</title><body>"
                           + "<p><b><i><span>Ministers met. " * 20000).encode(),
    "nul-in-mail.eml": MAIL_HEAD.encode() + b"Ministers\x00 met\x00 in Geneva.\n",
    "lone-surrogates.txt": "Headline\n\nMinisters met \udcff in Geneva.\n".encode("utf-8",
                                                                                "surrogateescape"),
}


@pytest.fixture
def budgets(monkeypatch):
    """A small size cap and time budget, so that the test writes 200 kB and waits seconds."""
    monkeypatch.setenv(MAX_FILE_BYTES_ENV, str(CAP))
    monkeypatch.setenv(FILE_SECONDS_ENV, str(BUDGET))


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_raises_bad_source_with_its_reason(tmp_path, budgets, name):
    raw, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(raw)
    started = time.monotonic()
    with pytest.raises(BadSource) as caught:
        extract_file(path, source=f"seeds/{name}")
    assert time.monotonic() - started < BUDGET + 3
    assert caught.value.path == f"seeds/{name}"
    assert reason in caught.value.reason


@pytest.mark.parametrize("name", sorted(ODD_FILES))
def test_an_odd_file_is_read_or_skipped_quickly(tmp_path, budgets, name):
    path = tmp_path / name
    path.write_bytes(ODD_FILES[name])
    started = time.monotonic()
    try:
        docs = extract_file(path)
    except BadSource as exc:
        assert exc.reason
    else:
        assert docs and all(isinstance(d.body, str) for d in docs)
    assert time.monotonic() - started < BUDGET + 3


def test_a_reader_that_never_ends_is_stopped_by_the_budget(tmp_path, budgets, monkeypatch):
    import search.extract.files

    def spin(text):
        while True:  # a pathological pattern, without depending on which one is left
            pass

    monkeypatch.setattr(search.extract.files, "extract_text_dump", spin)
    path = tmp_path / "page.txt"
    path.write_text("Headline\n\nMinisters met in Geneva.\n", encoding="utf-8")
    started = time.monotonic()
    [doc] = extract_file(path, source="seeds/page.txt")  # kept, as its plain text
    assert time.monotonic() - started < BUDGET + 3
    assert "took longer than 2" in doc.uncleaned
    assert "Ministers met in Geneva." in doc.body


def test_the_size_cap_defaults_to_64_mb(monkeypatch):
    from search.extract.sources import MAX_FILE_BYTES, max_file_bytes

    monkeypatch.delenv(MAX_FILE_BYTES_ENV, raising=False)
    assert max_file_bytes() == MAX_FILE_BYTES == 64 * 1024 * 1024
    monkeypatch.setenv(MAX_FILE_BYTES_ENV, "not a number")
    assert max_file_bytes() == MAX_FILE_BYTES


def test_a_run_skips_every_bad_file_and_indexes_the_rest(tmp_path, budgets):
    seeds = tmp_path / "seeds"
    shutil.copytree(HOSTILE, seeds, ignore=shutil.ignore_patterns("README.md"))
    (seeds / "bad").mkdir()
    for name, (raw, _) in BAD_FILES.items():
        (seeds / "bad" / name).write_bytes(raw)
    for name, raw in ODD_FILES.items():
        (seeds / "bad" / name).write_bytes(raw)
    started = time.monotonic()
    stats = update_index(seeds, tmp_path / "index", workers=1)
    took = time.monotonic() - started
    skipped = dict(stats.skipped)
    for name, (_, reason) in BAD_FILES.items():
        assert reason in skipped.get(f"bad/{name}", ""), (name, skipped)
    assert set(skipped) <= {f"bad/{n}" for n in [*BAD_FILES, *ODD_FILES]}
    assert stats.documents >= 3  # the hostile seeds, and whatever odd files could be read
    assert took < len(BAD_FILES) * 3 + len(ODD_FILES) * 3 + 30
    summary = stats.summary()
    assert "skipped bad/huge.txt: too large" in summary


def test_a_link_out_of_the_archive_is_not_followed(tmp_path):
    from search.extract.sources import walk

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("Headline\n\nThe operator's private notes, not for the index.\n")
    (seeds / "inside.txt").write_text("Headline\n\nMinisters met in Geneva.\n")
    (seeds / "link-out.txt").symlink_to(secret)
    (seeds / "link-in.txt").symlink_to(seeds / "inside.txt")
    (seeds / "dir-out").symlink_to(tmp_path)
    assert sorted(p.name for p in walk(seeds)) == ["inside.txt", "link-in.txt"]
