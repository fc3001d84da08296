"""The mbox export: header fields folded to RFC 5322's line lengths and read back as stored."""
from __future__ import annotations

import email
import email.policy
import mailbox
from datetime import datetime

import pytest

from search.features.exports import header_line, mbox_lines

LONG_WORDS = " ".join(f"word{n}" for n in range(500))[:3000]  # 3,000 characters with spaces
NON_ASCII = "Ответ: 会议纪要 — déjà vu, naïve façade " * 40  # 1,440 characters, three scripts


def read_back(tmp_path, messages: list[dict]) -> list[tuple[bytes, email.message.EmailMessage]]:
    """Write the export to a file, and read each message with mailbox and the email parser."""
    path = tmp_path / "export.mbox"
    path.write_bytes("".join(mbox_lines(messages)).encode("utf-8"))
    box = mailbox.mbox(str(path))
    try:
        raws = [box.get_bytes(key) for key in box.keys()]
    finally:
        box.close()
    return [(raw, email.message_from_bytes(raw, policy=email.policy.default)) for raw in raws]


def header_lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n\n", 1)[0].split(b"\n")


@pytest.mark.parametrize("subject", [
    LONG_WORDS,
    "x" * 3000,  # no space to fold at: encoded words
    NON_ASCII.strip(),
    "Re: [Kettle] a; b, c:  two  spaces\tand a tab",
    "=?utf-8?q?looks_encoded?= but is text",
    "control \x01 character and \u202e override",
])
def test_a_subject_is_folded_and_reads_back_as_stored(tmp_path, subject):
    [(raw, message)] = read_back(tmp_path, [{"address": "ann@example.org", "author": "Ann",
                                             "subject": subject, "body": "Hello.",
                                             "date": datetime(2011, 3, 1)}])
    assert max(len(line) for line in header_lines(raw)) <= 78
    assert str(message["Subject"]) == subject
    assert message.get_content() == "Hello.\n"


def test_a_long_subject_used_to_make_one_line_past_998_characters(tmp_path):
    [(raw, _)] = read_back(tmp_path, [{"address": "ann@example.org", "subject": LONG_WORDS,
                                       "body": "x"}])
    assert raw.count(b"\n ") >= 3000 // 78  # folded before spaces, not cut


@pytest.mark.parametrize("author", ["Ann Lee", "Jöhn Dœ", "Зинаида Петровна Достоевская-Толстая",
                                    "O'Brien, Pat (ops) \"night shift\"", "Ann Lee " * 40])
def test_a_senders_name_reads_back(tmp_path, author):
    [(raw, message)] = read_back(tmp_path, [{"address": "pat@example.org", "author": author,
                                             "subject": "s", "body": "x"}])
    [sender] = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (" ".join(author.split()), "pat@example.org")
    assert max(len(line) for line in header_lines(raw)) <= 998


def test_many_references_are_folded_between_ids(tmp_path):
    references = [f"msg{n}.{'x' * 20}@example.org" for n in range(80)]
    [(raw, message)] = read_back(tmp_path, [{"address": "ann@example.org", "subject": "s",
                                             "body": "x", "references": references}])
    assert max(len(line) for line in header_lines(raw)) <= 78
    assert str(message["References"]).split() == [f"<{r}>" for r in references]
    assert str(message["In-Reply-To"]) == f"<{references[-1]}>"


def test_a_plain_field_is_written_as_it_is():
    assert header_line("Subject", "Descaling the boiler") == "Subject: Descaling the boiler"
