"""Turn one archive file into Documents: detect its kind, run its reader, add ids and speakers."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from search.documents import Document, Extracted
from search.errors import BadSource
from search.extract.mail.reader import read_mail
from search.extract.plaintext import plain_item
from search.extract.sources import decode_text, detect_kind, read_bytes
from search.extract.speakers.attribution import extract_quotes, extract_speakers
from search.timebudget import time_budget

# Bump when extraction changes what it returns, so that indexes built before are rebuilt.
# 5: uncleaned files kept as their plain text; mail hard cases (NUL per message, >From, header
# blocks, charsets, signatures), list outlets. 6: both together. 7: reply markers of other
# languages leave subjects and thread keys; the tenth session's speaker rules. 8: numeric
# character references in text dumps decoded, a date a sentence opens with is no dateline, the
# eleventh session's speaker rules. 9 (twelfth session): an HTML page titled only by a <title> it
# does not print takes the headline it prints; a digest's messages, other list managers' footers,
# a BOM before a message's headers, a body's "From " line before a "Name:" line, a Date over a
# month ahead of its delivery; companies of wire copy are no speakers; an archiver's navigation
# pages skipped, terminal escape sequences out of mail subjects and bodies. 10 (thirteenth
# session): MHonArc's message pages read as mail, its indexes skipped; modern web pages' related
# boxes, "Video:" labels and story cards left out, and their speaker rules (w-label3); speaker
# recall rules: "who said" clauses, people named together, a "told" cue's listener (w-recall);
# a line of buttons is no headline, slashed dates in the page's own order, a related-stories
# heading ends the date search (w-btext). 11 (fourteenth session): a title's department is no part
# of the name after it, an honorific's sex chooses among a surname's bearers, "he" after an opening
# phrase or a sentence opened by the same pronoun (w-spk4); a figure's label, a landing page's
# social proof and small print are no headline, a page's language settles its slashed dates
# (w-btitle2).
EXTRACTOR_VERSION = 11
# Seconds one file's cleaning may take, in `extract` as in `index`; past it the file is kept as
# its plain text, marked uncleaned ($ARCHIVE_SEARCH_FILE_SECONDS; 0: no budget). Chrome rules
# are regexes, and a pattern that backtracks could hold a worker for minutes on one line.
# 10 s: no real file (news pages, peers' mail) nor generated hostile page needs 3 s on a quiet
# machine, and the budget is wall-clock time, which a loaded machine stretches 3 to 5 times
# (0.25 s of CPU took 1 s); a smaller one would keep slow but sound pages uncleaned whenever the
# machine is busy, a larger one (it was 30 s) lets one hostile file hold a worker that long.
FILE_SECONDS_ENV = "ARCHIVE_SEARCH_FILE_SECONDS"
FILE_SECONDS = 10.0
# Seconds the plain-text fallback may take: it runs in linear time, so this is a backstop.
PLAIN_SECONDS = 10.0


def extract_file(path: Path, source: str | None = None,
                 seconds: float | None = None) -> list[Document]:
    """Return the documents one file holds.

    A file whose reader fails or runs past `seconds` is returned as one document of its plain
    text, its `uncleaned` saying why.

    Args:
        path: the file to read.
        source: the name to record for it (default: the path as given).
        seconds: the cleaning's budget (default: file_seconds()).

    Raises:
        BadSource: the file is empty, binary, too large or unreadable, holds no text, or is an
            archiver's navigation page (a pipermail or Hypermail index: no message in it).
    """
    source = source if source is not None else str(path)
    try:
        raw = read_bytes(path)
    except BadSource as exc:
        raise BadSource(source, exc.reason) from exc
    docs = _documents_bounded(raw, source, file_seconds() if seconds is None else seconds)
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
    """Return the per-file time budget: $ARCHIVE_SEARCH_FILE_SECONDS, else FILE_SECONDS."""
    try:
        return max(float(os.environ.get(FILE_SECONDS_ENV, "") or FILE_SECONDS), 0.0)
    except ValueError:
        return FILE_SECONDS


# Kinds of file that are one page, whose text is the point (not a message with a subject).
PAGE_KINDS = ("html", "text-dump")


def _documents_bounded(raw: bytes, source: str, seconds: float) -> list[Document]:
    """Read and annotate a file within `seconds`; past it, or if its reader fails, keep its text.

    Only a file that is binary or an archive's navigation page (or whose plain text cannot be had
    either) raises BadSource.
    """
    try:
        kind = detect_kind(raw)
    except BadSource as exc:
        raise BadSource(source, exc.reason) from exc
    try:
        with time_budget(seconds):
            items = _read_items(raw, kind)
            docs = [_document(item, source, position) for position, item in enumerate(items)]
        if any(doc.body.strip() for doc in docs):
            return docs
        # A page whose cleaning kept no text (a script or layout its rules do not know: Thai has
        # no spaces between words nor full stops) is indexed as it is, rather than its words
        # lost; a message may be a subject alone.
        if kind not in PAGE_KINDS and any(doc.title for doc in docs):
            return docs
        why = "cleaning found no article text in it"
        fallback = _uncleaned(raw, kind, source, why)
        return [fallback] if fallback.body.strip() or not docs else docs
    except BadSource as exc:
        why = exc.reason
    except TimeoutError:
        why = f"cleaning took longer than {seconds:g}s"
    except RecursionError:
        why = "nested too deeply to parse"
    except (ValueError, LookupError, UnicodeError) as exc:
        why = f"cannot be parsed ({str(exc)[:200]})"
    except Exception as exc:  # a reader's bug on one odd file must not lose it
        why = f"reader failed ({type(exc).__name__}: {str(exc)[:200]})"
    return [_uncleaned(raw, kind, source, why)]


def _uncleaned(raw: bytes, kind: str, source: str, why: str) -> Document:
    """Return the file as one document of its plain text, marked with why it is not cleaned."""
    try:
        with time_budget(PLAIN_SECONDS):
            doc = _document(plain_item(raw, kind), source, 0, quotes=False)
    except Exception as exc:  # not even its text: a file for the skipped list, with both reasons
        raise BadSource(source, f"{why}; its plain text failed too ({type(exc).__name__})") \
            from exc
    doc.uncleaned = why
    return doc


def extract_html_page(raw: bytes) -> Extracted:
    """Read a saved web page (`html/page.py`), its reader imported when a page first needs it:
    Beautiful Soup and the page rules are a third of the indexer's imports, which a rebuild waits
    for before its workers start, and an archive of mail never uses them."""
    from search.extract.html.page import extract_html_page as read_page

    return read_page(raw)


def extract_text_dump(text: str) -> Extracted:
    """Read a page's browser text (`textdump/reader.py`), imported when one first needs it."""
    from search.extract.textdump.reader import extract_text_dump as read_dump

    return read_dump(text)


def _read_items(raw: bytes, kind: str) -> list[Extracted]:
    if kind == "html":
        return [extract_html_page(raw)]
    if kind == "text-dump":
        return [extract_text_dump(decode_text(raw))]
    return list(read_mail(raw, kind))


def _document(item: Extracted, source: str, position: int, quotes: bool = True) -> Document:
    quotes = extract_quotes(item.body) if quotes else []
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
