"""What a mailing-list manager adds to a message: its footer, scrubbed-attachment notices, page navigation.

Mailman appends a footer to every post (replies quote it, and some mail clients wrap it), pipermail
replaces attachments with a notice, and a saved pipermail page carries the archive's navigation.
"""
from __future__ import annotations

import re

# Mailman's footer: the underline, then "<List> mailing list", its address and listinfo URL.
FOOTER_RULE = re.compile(r"^_{20,}\s*$")
FOOTER_LINE = re.compile(
    # An HTML mail client quotes the address as "list at host <mailto:list at host>" (twisted-web 2015).
    r"^(?:.{0,80}\bmailing list\s*$|\S+(?:@| at )\S+(?:\s+<mailto:[^>\n]{1,100}>)?\s*$"
    r"|<?https?://\S*(?:listinfo|mailman)\S*>?\s*$|to unsubscribe\b.*|.*\blistinfo\b.*)",
    re.I,
)
FOOTER_QUOTE_MARK = re.compile(r"^\s{0,3}[|>]\s?")
# A quote mark alone on a line, then the rest of the quoted line unmarked: Yahoo Mail wrapped a
# quoted footer's long listinfo line so (twisted-web 2005: ">" then "http://.../listinfo/...").
LONE_QUOTE_MARK = re.compile(r"^\s{0,3}[|>]\s*$")
# What is left of a footer when a reply trimmed it (twisted-web 2005): the bare listinfo URL at the end.
LISTINFO_URL = re.compile(r"^\s*<?https?://\S+/listinfo/\S*>?\s*$", re.I)
ADDRESS_LINE = re.compile(r"^\s*\S+(?:@| at )\S+\s*$")
# The saved pipermail page's footer, sometimes wrapped after the list name (twisted-web HTML pages).
MORE_INFO = re.compile(r"^More information about the\b.*$(?:\n^.{0,40}mailing list\s*$)?", re.I | re.M)
LIST_NAME_IN_FOOTER = re.compile(r"^(?:More information about the\s+)?(\S+)\s*\n?\s*mailing list\s*$", re.I | re.M)

# Footers other list managers append, each (where it starts, where it ends; None: at the message's
# end), as their templates write them: Google Groups before 2011 (between "--~--~" rules) and
# after, Yahoo! Groups (its links, and its older sponsor block), groups.io, LISTSERV 16. Case is
# theirs (no re.I): the gate's needles are their lower-cased words.
OTHER_FOOTERS = (
    (re.compile(r"^--~--~-{3,}~"), re.compile(r"^-~-{3,}~[-~]*\s*$")),
    (re.compile(r"^You received this message because you are subscribed to the Google Groups\b"), None),
    (re.compile(r"^Yahoo! Groups Links\s*$"), None),
    (re.compile(r"^-{3,} ?Yahoo! Groups Sponsor ?-{3,}"), re.compile(r"^-{10,}~->\s*$")),
    (re.compile(r"^Groups\.io Links:"), re.compile(r"^(?:-=){4,}-?\s*$")),
    (re.compile(r"^To unsubscribe from the \S{1,60} list, click the following link:"), None),
)
OTHER_FOOTER_NEEDLES = ("--~--~", "google groups", "yahoo! groups", "groups.io links", "click the following link")
# A footer's own rule just above it ("-=-=-=-", LISTSERV's 72 "#", Yahoo's dashes).
RULE_LINE = re.compile(r"^[-=#~_* ]{10,}$")
# A footer is short: a block that runs on longer is the author's text quoting one.
MAX_OTHER_FOOTER_LINES = 30

# Pipermail's scrubbed attachments: the separator, then a notice and its key: value lines.
NEXT_PART = re.compile(r"^-{6,} next part -{6,}\s*$", re.I)
SCRUBBED_NOTICE = re.compile(r"^(?:An?|The) .{0,60}\bwas scrubbed\.\.\.\s*$", re.I)
SCRUBBED_FIELD = re.compile(r"^(?:Name|Type|Size|Desc|URL|Url|From|Subject|Date|Encoding):.*$")
SKIPPED_CONTENT = re.compile(r"^Skipped content of type \S+.*$", re.I)  # Mailman 2.1 "filter_content"

# The saved pipermail page's navigation (browser select-all text of a message page).
PIPERMAIL_NAV = re.compile(
    r"^\s*(?:[*\u2022-]\s*)?(?:Previous message(?: \(by thread\))?:|Next message(?: \(by thread\))?:"
    r"|Messages sorted by:|\[ date \] \[ thread \]).*$",
    re.I,
)

# Cheap gates: a text holding none of a stage's needles holds no line its patterns match, so the
# stage is skipped (most messages have no footer, notice or navigation: the line-by-line scans
# were a tenth of a Usenet post's extraction). The needles are looked for in the lower-cased
# text, so each avoids "i" and "s": under re.I a pattern's "i" also matches "ı" and "İ", its "s"
# "ſ", which lower() does not turn into "i" and "s" (tests/search/extract/mail/test_mailchrome.py).
FOOTER_NEEDLE = "_" * 20
ATTACHMENT_NEEDLES = ("next part", "crubbed...", "content of type")
NAVIGATION_NEEDLES = ("age:", "ad):", "orted by:", "[ date ] [ thread ]")
MORE_INFO_NEEDLE = "on about the"


def list_name_in_footer(text: str) -> str | None:
    """Return the list name a Mailman footer names ("More information about the X mailing list")."""
    match = LIST_NAME_IN_FOOTER.search(text)
    return match.group(1) if match else None


def strip_list_footer(lines: list[str]) -> list[str]:
    """Drop Mailman's "____ / List mailing list / address / listinfo" blocks, quoted ones too."""
    if FOOTER_NEEDLE not in "\n".join(lines):
        return lines
    out: list[str] = []
    i = 0
    while i < len(lines):
        if FOOTER_RULE.match(_unmark(lines[i])):
            j = i + 1
            while j < len(lines) and j <= i + 6 and _in_footer(lines, j):
                j += 1
            if j > i + 1:
                i = j
                continue
        out.append(lines[i])
        i += 1
    return out


def strip_other_footers(lines: list[str], folded: str | None = None) -> list[str]:
    """Drop the footers of other list managers (OTHER_FOOTERS) and the rule just above each.

    `folded` is the lines' text lower-cased where the caller has it (for the cheap gate).
    """
    if not holds_any(folded, OTHER_FOOTER_NEEDLES, lines):
        return lines
    for start, end in OTHER_FOOTERS:
        i = next((k for k in range(len(lines) - 1, -1, -1) if start.match(lines[k])), None)
        if i is None:
            continue
        stop = min(len(lines), i + MAX_OTHER_FOOTER_LINES)
        if end is None:
            j = len(lines) if sum(1 for line in lines[i:] if line.strip()) <= MAX_OTHER_FOOTER_LINES else None
        else:
            j = next((k + 1 for k in range(i + 1, stop) if end.match(lines[k])), None)
        if j is None:
            continue
        above = i
        while above and not lines[above - 1].strip():
            above -= 1
        if above and RULE_LINE.match(lines[above - 1]):
            i = above - 1
        lines = lines[:i] + lines[j:]
    return lines


def _in_footer(lines: list[str], j: int) -> bool:
    """Tell whether line j goes on a footer block: a footer line, or a lone quote mark wrapped before one."""
    if FOOTER_LINE.match(_unmark(lines[j]).strip()):
        return True
    return bool(LONE_QUOTE_MARK.match(lines[j])) and j + 1 < len(lines) \
        and bool(FOOTER_LINE.match(lines[j + 1].strip()))


def _unmark(line: str) -> str:
    """Return a line without a leading "| " or "> " quote mark (footers get quoted whole)."""
    return FOOTER_QUOTE_MARK.sub("", line, count=1)


def strip_listinfo_tail(lines: list[str]) -> list[str]:
    """Drop a footer's leftover listinfo URL (and the list address above it) at the very end."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    if not end or not LISTINFO_URL.match(lines[end - 1]):
        return lines
    end -= 1
    while end and not lines[end - 1].strip():
        end -= 1
    if end and ADDRESS_LINE.match(lines[end - 1]):
        end -= 1
    return lines[:end]


def strip_attachments(lines: list[str], folded: str | None = None) -> list[str]:
    """Drop "next part" separators and the scrubbed-attachment notices after them.

    `folded` is the lines' text lower-cased where the caller has it (for the cheap gate).
    """
    if not holds_any(folded, ATTACHMENT_NEEDLES, lines):
        return lines
    out: list[str] = []
    in_notice = False
    for line in lines:
        if NEXT_PART.match(line) or SCRUBBED_NOTICE.match(line) or SKIPPED_CONTENT.match(line):
            in_notice = not NEXT_PART.match(line) or in_notice
            continue
        if in_notice and SCRUBBED_FIELD.match(line):
            continue
        if in_notice and line.startswith(("\t", " ")) and line.strip():
            continue  # a folded Subject: of a scrubbed embedded message
        in_notice = False
        out.append(line)
    return out


def strip_archive_navigation(lines: list[str], folded: str | None = None) -> list[str]:
    """Drop the navigation lines of a saved pipermail page (`folded` as in `strip_attachments`)."""
    if not holds_any(folded, NAVIGATION_NEEDLES, lines):
        return lines
    return [line for line in lines if not PIPERMAIL_NAV.match(line)]


def strip_more_info(text: str) -> str:
    """Drop the "More information about the X mailing list" line of a saved pipermail page."""
    if MORE_INFO_NEEDLE not in text.lower():
        return text
    return MORE_INFO.sub("", text)


def holds_any(folded: str | None, needles: tuple[str, ...], lines: list[str]) -> bool:
    """Tell whether the lower-cased text of the lines holds one of the needles (a stage's cheap gate).

    A stage that only removes lines may be given the folded text of the lines it started from.
    """
    if folded is None:
        folded = "\n".join(lines).lower()
    return any(needle in folded for needle in needles)
