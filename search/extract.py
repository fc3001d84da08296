"""Turn one archive file into Documents: detect its kind, run its reader, add ids and speakers."""
from __future__ import annotations

import hashlib
from pathlib import Path

from search.documents import Document, Extracted
from search.errors import BadSource
from search.htmlpage import extract_html_page
from search.mail import read_mail
from search.sources import decode_text, detect_kind, read_bytes
from search.speakers import extract_quotes, extract_speakers
from search.textdump import extract_text_dump

# Bump when extraction changes what it returns, so that indexes built before are rebuilt.
EXTRACTOR_VERSION = 2


def extract_file(path: Path, source: str | None = None) -> list[Document]:
    """Return the documents one file holds.

    Args:
        path: the file to read.
        source: the name to record for it (default: the path as given).

    Raises:
        BadSource: the file is empty, binary, too large, or its reader failed.
    """
    source = source if source is not None else str(path)
    raw = read_bytes(path)
    try:
        items = list(_read_items(raw))
        docs = [_document(item, source, position) for position, item in enumerate(items)]
    except BadSource as exc:
        raise BadSource(source, exc.reason) from exc
    except (ValueError, LookupError, UnicodeError) as exc:
        raise BadSource(source, f"cannot be parsed ({exc})") from exc
    except RecursionError as exc:
        raise BadSource(source, "nested too deeply to parse") from exc
    except TimeoutError:
        raise  # the caller's time budget: it reports the file as too slow
    except Exception as exc:  # a reader's bug must cost one file, not the whole run
        raise BadSource(source, f"the extractor failed ({type(exc).__name__}: {exc})") from exc
    docs = [doc for doc in docs if doc.body.strip() or doc.title]
    if not docs:
        raise BadSource(source, "no text found")
    return docs


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
    )


def document_id(source: str, position: int, message_id: str | None = None) -> str:
    """Return a stable id: from the Message-ID where there is one, else the file and position."""
    key = f"mid:{message_id.strip('<> ')}" if message_id else f"file:{source}#{position}"
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
