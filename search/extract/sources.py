"""Walk the archive folder, decide each file's kind from its content, and decode text."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from search.errors import BadSource
from search.extract.mail.htmlforms import archive_navigation
from search.extract.mail.reader import detect_mail_kind

# A monthly mail archive can be large; anything past this is more likely a mistake than an
# archive (a disk image, a video) and would hold the indexer for minutes.
MAX_FILE_BYTES = 64 * 1024 * 1024
# Lowers (or raises) the cap for one deployment, and lets tests try it without writing 64 MB.
MAX_FILE_BYTES_ENV = "ARCHIVE_SEARCH_MAX_FILE_BYTES"
HEAD_BYTES = 64 * 1024
HTML_TAGS = re.compile(rb"<(?:p|div|a|meta|script|style|span|table|td|br|title|link|img|li)"
                       rb"\b[^<>]{0,400}>", re.I)
MIN_HTML_TAGS = 20
HTML_SIGNS = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
# Control bytes that do not occur in text: a file holding them is binary.
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
SKIPPED_NAMES = re.compile(r"^\.|~$|\.(swp|tmp|part)$")


def walk(root: Path) -> Iterator[Path]:
    """Yield every regular file below `root`, sorted, skipping hidden and editor temp files.

    A symbolic link is followed only when it stays inside `root`: a link to /etc/passwd or to
    another user's home must not end up in a public index.
    """
    real_root = root.resolve()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).parts
        if any(SKIPPED_NAMES.search(part) for part in rel):
            continue
        if path.is_file() and (not path.is_symlink() or link_stays_inside(path, real_root)):
            yield path


def link_stays_inside(link: str | Path, real_root: str | Path) -> bool:
    """Tell whether a symbolic link's target lies inside the archive (`real_root`, resolved).

    The one home of the rule for every walk of the archive: a link to /etc/passwd or to another
    user's home must not end up in a public index.
    """
    try:
        return Path(os.path.realpath(link)).is_relative_to(real_root)
    except (OSError, ValueError):
        return False


def max_file_bytes() -> int:
    """Return the size cap of one archive file: $ARCHIVE_SEARCH_MAX_FILE_BYTES, else 64 MB."""
    raw = os.environ.get(MAX_FILE_BYTES_ENV, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else MAX_FILE_BYTES


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """Return the file's bytes, or raise BadSource when it is empty, too large or unreadable."""
    limit = limit or max_file_bytes()
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise BadSource(str(path), f"too large ({size:,} bytes; the limit is {limit:,})")
            # The size it has, not the limit: reading the limit allocated 64 MB a file.
            raw = f.read(size + 1)
            if len(raw) > size:  # it grew since: still capped
                raw += f.read(limit + 1 - len(raw))
    except OSError as exc:
        raise BadSource(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    if len(raw) > limit:
        raise BadSource(str(path), f"too large (over {limit:,} bytes)")
    if not raw.strip():
        raise BadSource(str(path), "empty")
    return raw


def detect_kind(raw: bytes) -> str:
    """Return the kind of a file from its first bytes: a mail kind, "html" or "text-dump".

    Raises:
        BadSource: the file is binary, or an archiver's navigation page (it holds no message).
    """
    head = raw[:HEAD_BYTES]
    mail_kind = detect_mail_kind(head)
    # Hypermail's indexes carry its generator as its message pages do; mail of other kinds (a
    # Usenet post, an mbox) is never an index, and is spared the look.
    if mail_kind in (None, "hypermail") and (navigation := archive_navigation(head)):
        raise BadSource("", f"an archive's navigation page ({navigation}), no message in it")
    if mail_kind:
        return mail_kind
    # A saved page may have no <html>, <head> or <body> at all (one l3s page opens with an
    # XML declaration, then meta, script and style tags): many tags make a page too.
    if HTML_SIGNS.search(head[:4096]) or len(HTML_TAGS.findall(head)) >= MIN_HTML_TAGS:
        return "html"
    sample = head[:8192]
    if b"\x00" in sample or len(BINARY_BYTES.findall(sample)) > len(sample) // 100 + 1:
        raise BadSource("", "binary content, not text")
    return "text-dump"


def decode_text(raw: bytes) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), else the charset that fits best."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw[:HEAD_BYTES]).best()
    encoding = best.encoding if best else "cp1252"
    return raw.decode(encoding, errors="replace")
