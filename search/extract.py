"""Turn one archive file into Documents: detect its kind, run its reader, add ids and speakers."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from search.documents import Document, Extracted
from search.errors import BadSource
from search.htmlpage import extract_html_page
from search.mail import read_mail
from search.sources import decode_text, detect_kind, read_bytes
from search.speakers import extract_quotes, extract_speakers
from search.textdump import extract_text_dump
from search.timebudget import time_budget

# Bump when extraction changes what it returns, so that indexes built before are rebuilt.
# 5: mail hard cases (NUL per message, >From, header blocks, charsets, signatures), list outlets.
EXTRACTOR_VERSION = 5
# Seconds one file may take before it is skipped as too slow (0: only the indexer's own budget).
# Chrome rules are regexes, and a crafted line can make one backtrack for minutes.
FILE_SECONDS_ENV = "ARCHIVE_SEARCH_FILE_SECONDS"


def extract_file(path: Path, source: str | None = None) -> list[Document]:
    """Return the documents one file holds.

    Args:
        path: the file to read.
        source: the name to record for it (default: the path as given).

    Raises:
        BadSource: the file is empty, binary, too large, or its reader failed.
    """
    source = source if source is not None else str(path)
    try:
        raw = read_bytes(path)
    except BadSource as exc:
        raise BadSource(source, exc.reason) from exc
    docs = _documents_bounded(raw, source, file_seconds())
    docs = [doc for doc in docs if doc.body.strip() or doc.title]
    docs = unique_documents(docs)
    if not docs:
        raise BadSource(source, "no text found")
    return docs


def unique_documents(docs: list[Document]) -> list[Document]:
    """Return the documents with each id once, the first kept: an archive regenerated twice holds
    every message twice, under one Message-ID and so one id."""
    seen: set[str] = set()
    return [doc for doc in docs if not (doc.id in seen or seen.add(doc.id))]


def file_seconds() -> float:
    """Return the per-file time budget from $ARCHIVE_SEARCH_FILE_SECONDS (0 when unset)."""
    try:
        return max(float(os.environ.get(FILE_SECONDS_ENV, "0") or 0), 0.0)
    except ValueError:
        return 0.0


def _documents_bounded(raw: bytes, source: str, seconds: float) -> list[Document]:
    """Read and annotate a file within `seconds`; turn every failure into BadSource with a reason."""
    try:
        with time_budget(seconds):
            items = _read_items(raw)
            return [_document(item, source, position) for position, item in enumerate(items)]
    except BadSource as exc:
        raise BadSource(source, exc.reason) from exc
    except TimeoutError as exc:
        # The budget may be the indexer's own (FILE_SECONDS) rather than this one.
        raise BadSource(source, f"{exc or 'took too long'} to extract") from exc
    except RecursionError as exc:
        raise BadSource(source, "nested too deeply to parse") from exc
    except (ValueError, LookupError, UnicodeError) as exc:
        raise BadSource(source, f"cannot be parsed ({str(exc)[:200]})") from exc
    except Exception as exc:  # a reader's bug on one odd file must not stop the whole run
        raise BadSource(source, f"reader failed ({type(exc).__name__}: {str(exc)[:200]})") from exc


def _read_items(raw: bytes) -> list[Extracted]:
    kind = detect_kind(raw)
    if kind == "html":
        return [extract_html_page(raw)]
    if kind == "text-dump":
        return [extract_text_dump(decode_text(raw))]
    return list(read_mail(raw, kind))


def _document(item: Extracted, source: str, position: int) -> Document:
    quotes = extract_quotes(item.body)
    return Document(
        id=document_id(source, position, item.message_id),
        source=source,
        kind=item.kind,
        body=item.body,
        title=item.title,
        outlet=item.outlet,
        date=item.date,
        author=item.author,
        carrier=item.carrier,
        speakers=extract_speakers(quotes),
        quotes=quotes,
        quoted=item.quoted,
        position=position,
        message_id=item.message_id,
        references=list(item.references),
        subject=item.subject,
        address=item.address,
    )


def document_id(source: str, position: int, message_id: str | None = None) -> str:
    """Return a stable id: from the Message-ID where there is one, else the file and position."""
    key = f"mid:{message_id.strip('<> ')}" if message_id else f"file:{source}#{position}"
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
