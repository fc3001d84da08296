"""What to remove from a mail body: list chrome, quoted replies, signatures, forwarded-article chrome.

Each pattern is an UPPER_CASE constant; small functions apply them to the text of one message.
`clean_body` is the order they run in: list chrome first (it can sit inside the quoted part),
then quoted replies go to their own string, then the signature is cut from what is left.
"""
from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateutil_parser

# "[Twisted-web] Re: Re: [Twisted-web] Fwd: subject": list tags and reply/forward markers.
SUBJECT_PREFIX = re.compile(
    r"^(?:\s*(?:\[[^\]\n]{1,60}\]|(?:re|aw|sv|vs|antw|ref|fwd?|tr|wg)(?:\[\d+\]|\^\d+)?\s*:))+\s*",
    re.I,
)
LIST_TAG = re.compile(r"\[([^\]\n]{1,60})\]")

# Mailman's footer: the underline, then "<List> mailing list", its address and listinfo URL.
FOOTER_RULE = re.compile(r"^_{20,}\s*$")
FOOTER_LINE = re.compile(
    r"^(?:.{0,80}\bmailing list\s*$|\S+(?:@| at )\S+\s*$|<?https?://\S*(?:listinfo|mailman)\S*>?\s*$"
    r"|to unsubscribe\b.*|.*\blistinfo\b.*)",
    re.I,
)
FOOTER_QUOTE_MARK = re.compile(r"^\s{0,3}[|>]\s?")
# What is left of a footer when a reply trimmed it (twisted-web 2005): the bare listinfo URL at the end.
LISTINFO_URL = re.compile(r"^\s*<?https?://\S+/listinfo/\S*>?\s*$", re.I)
ADDRESS_LINE = re.compile(r"^\s*\S+(?:@| at )\S+\s*$")
# The saved pipermail page's footer, sometimes wrapped after the list name (twisted-web HTML pages).
MORE_INFO = re.compile(r"^More information about the\b.*$(?:\n^.{0,40}mailing list\s*$)?", re.I | re.M)
LIST_NAME_IN_FOOTER = re.compile(r"^(?:More information about the\s+)?(\S+)\s*\n?\s*mailing list\s*$", re.I | re.M)

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
# Gmail's image placeholders; the indented bullet that follows one is the image's caption (seed 000).
IMAGE_PLACEHOLDER = re.compile(r"^\s*\[(?:image|cid):[^\]]*\]\s*$", re.I)
CAPTION_BULLET = re.compile(r"^\s+[-*\u2022]\s+\S")
# Teasers a news site puts between paragraphs of a forwarded article ("*Read more: Other headline").
READ_MORE = re.compile(r"^\s*\*?\s*(?:Read more|Read also|Related|See also|Also read)\s*:", re.I)

# Quoted replies: "> " lines, and the attribution line(s) that introduce them.
QUOTE_LINE = re.compile(r"^\s{0,3}(?:>|\|>)")
QUOTE_MARKER = re.compile(r"^\s{0,3}(?:>|\|>) ?")
# Python sessions pasted into twisted-web mail: ">>> " then code, not prose (">>> Been thinking").
PYTHON_PROMPT = re.compile(
    r"^\s{0,3}>>>(?:\s*$|\s+(?:import|from|print|def|class|for|with|if|while|try)\b|\s*[\w.]+\s*(?:[(=\[.,:]|$))"
)
ATTRIBUTION = re.compile(
    # "a ?crit": pipermail's .txt archive turns non-ASCII letters into "?" (twisted-web)
    r"(?:\bwrote|\bwrites|\bsaid|\bschrieb|\ba .crit|\bdisait|\bescribi.|\bha escrito|\bscripsit"
    r"|\bskrev|\bkirjoitti|\bschreef|\bnapisa."
    r"|\bIn article\b|\bQuoting\b|\d{4}.*(?:<[^>]+>|\S+ at \S+)|<[^>]+>)[^\n]*:\s*$",
    re.I,
)
# An attribution left without its quote (the quote was cut), and the marks of a cut quote.
LONE_ATTRIBUTION = re.compile(
    r"^\s*(?:On\b.{0,150}|[^\s>].{0,100})?\b(?:wrote|writes|said|a .crit|schrieb|disait)\s?:\s*$", re.I
)
SNIP_MARK = re.compile(r"^\s*(?:\[\.\.\.\]|\[snip\w*\]|\*snip\w*\*|<snip\w*>|\[\s*\.\.\.\s*\])\s*$", re.I)
ATTRIBUTION_START = re.compile(r"^\s*(?:On\b|Le\b|Am\b|El\b|In article\b|In message\b|Quoting\b|\d{4}[-/])", re.I)
ORIGINAL_MESSAGE = re.compile(
    r"^\s*-{3,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{3,}\s*$", re.I
)
# Outlook's reply header without the separator: "From:/De :" then "Sent:/Envoyé :" (twisted-web 2004).
OUTLOOK_FROM = re.compile(r"^\s*\*?(?:From|De|Von|Van)\s?:\*?\s+\S", re.I)
FORWARDED = re.compile(r"^\s*-*\s*(?:Begin forwarded message|-+\s*Forwarded message)", re.I)
OUTLOOK_SENT = re.compile(r"^\s*\*?(?:Sent|Envoy.|Gesendet|Verzonden|Date)\s?:\*?\s+\S", re.I)
# Header lines repeated at the top of a body ("Organization: ...\nKeywords:" in 20 Newsgroups posts).
BODY_HEADER = re.compile(
    r"^(?:From|Subject|Date|Newsgroups|Organization|Keywords|Summary|Reply-To|Followup-To|Distribution"
    r"|In-Reply-To|Message-ID|References|Lines|Sender|Path|Xref|Expires|Nntp-Posting-Host|Article-I\.D\."
    r"|X-[\w-]+):.*$",
    re.I,
)
# The signature separator "-- "; pipermail and mail clients often drop its trailing space.
SIGNATURE_RULE = re.compile(r"^--\s?$")
# Webmail ads and corporate signatures sit under a rule at the end ("____\nDo you Yahoo!?", twisted-web).
CLOSING_RULE = re.compile(r"^\s*_{10,}\s*$")
MAX_SIGNATURE_LINES = 12

# A forwarded news article's header block: headline, outlet, date on their own lines (seed 000).
ARTICLE_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%b. %d, %Y", "%Y-%m-%d", "%A, %B %d, %Y")
# A line that is only a date needs a month name and a year (a time and zone may follow).
DATELINE = re.compile(
    r"^(?:\w+,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:\d{1,2},?\s+)?(?:19|20)\d\d\b", re.I,
)
DATELINE_DEFAULT = datetime(2000, 1, 1)
MAX_DATELINE_WORDS = 8
BYLINE = re.compile(r"^(?:By|Par|Von)\s+\S", re.I)
MAX_OUTLET_WORDS = 6


def clean_subject(subject: str | None) -> str | None:
    """Return the subject without list tags and Re:/Fwd: chains, or None when nothing is left."""
    if not subject:
        return None
    title = " ".join(SUBJECT_PREFIX.sub("", subject.strip()).split())
    return title or None


def list_tag(subject: str | None) -> str | None:
    """Return the list name from a "[List] subject" tag, or None."""
    match = LIST_TAG.search(subject or "")
    return match.group(1).strip() if match else None


def list_name_in_footer(text: str) -> str | None:
    """Return the list name a Mailman footer names ("More information about the X mailing list")."""
    match = LIST_NAME_IN_FOOTER.search(text)
    return match.group(1) if match else None


def strip_list_footer(lines: list[str]) -> list[str]:
    """Drop Mailman's "____ / List mailing list / address / listinfo" blocks, quoted ones too."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if FOOTER_RULE.match(_unmark(lines[i])):
            j = i + 1
            while j < len(lines) and j <= i + 5 and FOOTER_LINE.match(_unmark(lines[j]).strip()):
                j += 1
            if j > i + 1:
                i = j
                continue
        out.append(lines[i])
        i += 1
    return out


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


def strip_attachments(lines: list[str]) -> list[str]:
    """Drop "next part" separators and the scrubbed-attachment notices after them."""
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


def strip_page_chrome(lines: list[str]) -> list[str]:
    """Drop pipermail navigation, image placeholders with their captions, and read-more teasers."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if PIPERMAIL_NAV.match(line):
            i += 1
        elif IMAGE_PLACEHOLDER.match(line):
            i = _skip_caption(lines, i + 1)
        elif READ_MORE.match(line):
            # A teaser cut at a colon goes on over the next line ("...non-negotiables:\nHamas off.").
            i += 2 if line.rstrip().endswith((":", ",", "-")) and i + 1 < len(lines) else 1
        else:
            out.append(line)
            i += 1
    return out


def _skip_caption(lines: list[str], i: int) -> int:
    """Return the index after the caption bullet paragraph that follows an image, if any."""
    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j < len(lines) and CAPTION_BULLET.match(lines[j]):
        j += 1
        while j < len(lines) and lines[j].strip() and not CAPTION_BULLET.match(lines[j]):
            j += 1
        return j
    return i


def strip_more_info(text: str) -> str:
    """Drop the "More information about the X mailing list" line of a saved pipermail page."""
    return MORE_INFO.sub("", text)


def split_quoted(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split lines into the author's own and the quoted ones (with their attribution lines)."""
    prompts_are_code = not any(QUOTE_LINE.match(l) and not PYTHON_PROMPT.match(l) for l in lines)
    own: list[str] = []
    quoted: list[str] = []
    in_quote = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if ORIGINAL_MESSAGE.match(line) or _opens_outlook_header(lines, i):
            end = _header_block_end(lines, i)
            if not _next_is_quote(lines, end):
                quoted.extend(lines[i:])  # Outlook quotes the whole original below, unmarked
                break
            quoted.extend(lines[i:end])  # the original is "> " quoted: new text may follow it
            i = end
            continue
        is_quote = bool(QUOTE_LINE.match(line)) and not (prompts_are_code and PYTHON_PROMPT.match(line))
        if is_quote:
            if not in_quote:
                _move_attribution(own, quoted)
            quoted.append(line)
        elif _is_lone_attribution(line) and _unmarked_quote_follows(lines, i):
            quoted.extend(lines[i:])  # Gmail's mobile reply quotes the original without ">"
            break
        elif _is_lone_attribution(line) or SNIP_MARK.match(line):
            if SNIP_MARK.match(line) is None and own and ATTRIBUTION_START.match(own[-1]):
                quoted.append(own.pop())  # "In article <id>\nname writes:" spans two lines
            quoted.append(line)
        else:
            own.append(line)
        in_quote = is_quote or (in_quote and not line.strip())
        i += 1
    return own, quoted


def _is_lone_attribution(line: str) -> bool:
    """Tell whether a line is an attribution ("On ..., X wrote:"), checked cheaply first."""
    return line.rstrip().endswith(":") and bool(LONE_ATTRIBUTION.match(line))


def _unmarked_quote_follows(lines: list[str], i: int) -> bool:
    """Tell whether an "On ... wrote:" line is followed by an original quoted without markers."""
    rest = [l for l in lines[i + 1:] if l.strip()]
    return bool(rest) and lines[i].lstrip().startswith("On ") and not SNIP_MARK.match(rest[0]) \
        and not any(QUOTE_LINE.match(l) for l in rest)


def _header_block_end(lines: list[str], i: int) -> int:
    """Return the index of the blank line that ends the header block starting at line i."""
    j = i + 1
    while j < len(lines) and lines[j].strip():
        j += 1
    return j


def _next_is_quote(lines: list[str], i: int) -> bool:
    """Tell whether the next non-blank line from i is a quoted one."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i < len(lines) and bool(QUOTE_LINE.match(lines[i]))


def unquote(lines: list[str]) -> list[str]:
    """Remove one level of quote markers (for a message that is all quote, like a repost)."""
    return [QUOTE_MARKER.sub("", line, count=1) for line in lines if not ATTRIBUTION.search(line)]


def _opens_outlook_header(lines: list[str], i: int) -> bool:
    """Tell whether line i starts an Outlook "From: / Sent:" header of a quoted original."""
    if not OUTLOOK_FROM.match(lines[i]) or any(FORWARDED.match(l) for l in lines[max(0, i - 2):i]):
        return False
    return any(OUTLOOK_SENT.match(line) for line in lines[i + 1:i + 4])


def _move_attribution(own: list[str], quoted: list[str]) -> None:
    """Move the attribution paragraph just before a quote block from `own` to `quoted`."""
    end = len(own)
    while end and not own[end - 1].strip():
        end -= 1
    start = end
    while start and own[start - 1].strip() and end - start < 3:
        start -= 1
    if start == end:
        return
    para = own[start:end]
    if not para[-1].rstrip().endswith(":"):
        return
    if ATTRIBUTION.search(para[-1]) and (len(para) == 1 or ATTRIBUTION_START.match(para[0])):
        quoted.extend(para)
        del own[start:]
    elif ATTRIBUTION.search(para[-1]) and len(para) > 1 and ATTRIBUTION_START.match(para[-1]):
        quoted.append(para[-1])
        del own[end - 1:]


def strip_signature(lines: list[str]) -> list[str]:
    """Cut a short signature at the last "-- " line, or a short block after a closing "____" rule."""
    for rule in (SIGNATURE_RULE, CLOSING_RULE):
        for i in range(len(lines) - 1, -1, -1):
            if rule.match(lines[i]):
                if sum(1 for l in lines[i + 1:] if l.strip()) <= MAX_SIGNATURE_LINES:
                    lines = lines[:i]
                break
    return lines


def tidy(lines: list[str]) -> str:
    """Join lines, dropping trailing spaces, runs of blank lines and blank ends."""
    text = "\n".join(line.rstrip() for line in lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def clean_body(text: str) -> tuple[str, str]:
    """Return (body, quoted) of one message's text with list chrome and signature removed."""
    text = strip_more_info(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = strip_page_chrome(strip_attachments(strip_list_footer(text.split("\n"))))
    own, quoted = split_quoted(strip_leading_headers(lines))
    body = tidy(strip_signature(strip_listinfo_tail(strip_leading_headers(own))))
    if not body and quoted:  # nothing but a quote: it is the message (a repost)
        return tidy(strip_signature(strip_leading_headers(unquote(quoted)))), ""
    return body or tidy(own), tidy(quoted)  # a post that is only a signature keeps it


def strip_leading_headers(lines: list[str]) -> list[str]:
    """Drop the header blocks some newsreaders repeat at the top of the body (20 Newsgroups)."""
    while (rest := _after_header_block(lines)) is not lines:
        lines = rest
    return lines


def _after_header_block(lines: list[str]) -> list[str]:
    """Return the lines after a header block at the top, or `lines` itself when there is none."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    start = i
    while i < len(lines) and BODY_HEADER.match(lines[i]):
        i += 1
    # Two header lines in a row are headers even without the blank line (InterNews' "From:/Date:").
    if i > start and (i == len(lines) or not lines[i].strip() or i - start >= 2):
        return lines[i:]
    return lines


def parse_article_date(line: str) -> str | None:
    """Return YYYY-MM-DD for a dateline like "March 6, 2024" or "6 Mar 2024 14:47 GMT", or None."""
    text = line.strip().rstrip(".")
    for fmt in ARTICLE_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    if len(text.split()) > MAX_DATELINE_WORDS or not DATELINE.search(text):
        return None
    try:
        return dateutil_parser.parse(text, default=DATELINE_DEFAULT).strftime("%Y-%m-%d")
    except (ValueError, OverflowError):
        return None


def split_article_header(body: str, title: str | None) -> tuple[str | None, str | None, str]:
    """Find a forwarded article's headline/outlet/date lines at the top of the body.

    Returns (outlet, date, rest of the body); outlet and date are None when the body does not
    open with such a block.
    """
    if not title:
        return None, None, body
    paras = body.split("\n\n", 1)
    head = [l.strip() for l in paras[0].split("\n") if l.strip()]
    if not 2 <= len(head) <= 5 or not _names_title(head[0], title):
        return None, None, body
    date = None
    outlets = []
    for line in head[1:]:
        if (found := parse_article_date(line)) and not date:
            date = found
        elif not BYLINE.match(line):
            outlets.append(line)
    if len(outlets) != 1 or not _looks_like_outlet(outlets[0]):
        return None, None, body
    return outlets[0], date, paras[1] if len(paras) > 1 else ""


def _names_title(line: str, title: str) -> bool:
    """Tell whether a line repeats the title (possibly with a prefix like "Exclusive:")."""
    fold = lambda s: " ".join(re.findall(r"\w+", s.casefold()))  # noqa: E731
    title, line = fold(title), fold(line)
    # the poster may shorten the headline for the subject, or the subject for the headline
    return bool(title) and (title in line or (len(line.split()) >= 4 and line in title))


def _looks_like_outlet(line: str) -> bool:
    """Tell whether a line is a short name rather than a sentence."""
    words = line.split()
    return 0 < len(words) <= MAX_OUTLET_WORDS and not line.endswith((".", ":", ",", "?", "!")) \
        and line[0].isupper()
