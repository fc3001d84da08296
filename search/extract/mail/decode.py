"""Turn mail bytes and headers into text: declared charsets, their usual supersets, guessing, RFC 2047."""
from __future__ import annotations

import re
from email.header import Header, decode_header

import charset_normalizer

RAW_BYTE = re.compile("[\udc80-\udcff]")
# Charsets mail declares that a wider codec reads better (the declared one is a subset in practice).
CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "latin1": "cp1252",
                   "us-ascii": "ascii", "ks_c_5601-1987": "cp949", "x-sjis": "shift_jis"}
# Declared charsets that UTF-8 bytes must not be tried first for: 7-bit ones (ISO-2022-JP's escapes
# are valid UTF-8) and the wide ones.
NOT_UTF8_FIRST = ("utf-16", "utf-32", "utf-7", "iso-2022", "hz-gb")
MIN_GUESS_BYTES = 200  # guesses on names and short lines are wrong more often than cp1252
MAX_GUESS_BYTES = 20000  # charset guessing is slow; a sample tells the charset as well


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode bytes with the declared charset, else UTF-8, else the likeliest charset; never fail.

    Non-ASCII bytes that are valid UTF-8 are read as UTF-8 whatever single-byte charset is
    declared: mailers label UTF-8 "ISO-8859-1" ("BalÃ¡s"), and Latin-1 text is almost never valid UTF-8.
    """
    if declared and not declared.strip().lower().startswith(NOT_UTF8_FIRST) and not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if declared:
        codec = CHARSET_ALIASES.get(declared.strip().lower(), declared.strip())
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if len(data) < MIN_GUESS_BYTES:  # too short to guess from: read it as the usual Western charset
        return data.decode("cp1252", errors="replace")
    best = charset_normalizer.from_bytes(data[:MAX_GUESS_BYTES]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding, errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def decode_header_value(value: object, fallback: str | None = None) -> str:
    """Decode an RFC 2047 header; raw 8-bit bytes are read in `fallback` (the body's charset), else guessed."""
    if value is None:
        return ""
    if isinstance(value, Header):  # compat32 wraps a header holding raw 8-bit bytes
        value = "".join(_chunk_text(c, fallback if cs in (None, "unknown-8bit") else cs)
                        for c, cs in decode_header(value))
    text = str(value)
    if RAW_BYTE.search(text):  # raw 8-bit bytes kept by the parser as surrogates
        text = decode_bytes(text.encode("ascii", "surrogateescape"), fallback)
    if "=?" not in text:
        return " ".join(text.split())
    try:
        parts = decode_header(text)
    except (LookupError, UnicodeDecodeError, ValueError):
        return " ".join(text.split())
    # Each encoded word through decode_bytes, so UTF-8 labelled ISO-8859-1 reads as UTF-8.
    # decode_header strips the space between plain text and an encoded word, which RFC 2047
    # keeps ("Dos and =?utf-8?q?Don=E2=80=99ts?=" is "Dos and Don’ts"): put it back.
    texts = [(" " if i and (cs is None) != (parts[i - 1][1] is None) else "") + _chunk_text(c, cs)
             for i, (c, cs) in enumerate(parts)]
    return " ".join("".join(texts).split())


def _chunk_text(chunk: bytes | str, charset: str | None) -> str:
    """Decode one chunk of `decode_header`, whose charset may be unknown or wrong."""
    if isinstance(chunk, str):
        return chunk
    return decode_bytes(chunk, None if charset in (None, "unknown-8bit") else charset)
