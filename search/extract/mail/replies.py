"""Quoted replies in mail: the "> " lines, the attribution lines that introduce them, unmarked originals.

`split_quoted` parts a message's lines into the author's own and the quoted ones, so that quoted
text can be kept out of the body (public-inbox gives it no weight either).
"""
from __future__ import annotations

import re

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
    # Bounded repeats: unbounded `.*` and `\S+` backtracked cubically on a long line of digits
    # ending in ":" (6 s at 900 characters; found by the hostile-file tests).
    r"|\bIn article\b|\bQuoting\b|\d{4}[^\n]{0,200}?(?:<[^>\n]{1,200}>|\S{1,100} at \S{1,100})"
    r"|<[^>\n]{1,200}>)[^\n]{0,300}:\s*$",
    re.I,
)
# An attribution left without its quote (the quote was cut), and the marks of a cut quote.
LONE_ATTRIBUTION = re.compile(
    # French puts a no-break space before the colon ("disait :"), which pipermail's .txt archive
    # writes as "?" ("disait?:", twisted-web 2008-2010) and the HTML reader reads as a space.
    r"^\s*(?:On\b.{0,150}|[^\s>].{0,100})?\b(?:wrote|writes|said|a .crit|schrieb|disait)[\s?]?:\s*$", re.I
)
SNIP_MARK = re.compile(r"^\s*(?:\[\.\.\.\]|\[snip\w*\]|\*snip\w*\*|<snip\w*>|\[\s*\.\.\.\s*\])\s*$", re.I)
# Yahoo Mail's "--- Name <address> wrote:" wraps before the address (twisted-web 2005).
ATTRIBUTION_START = re.compile(
    r"^\s*(?:On\b|Le\b|Am\b|El\b|In article\b|In message\b|Quoting\b|\d{4}[-/]|---\s+\S)", re.I
)
ORIGINAL_MESSAGE = re.compile(
    r"^\s*-{3,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{3,}\s*$", re.I
)
# Outlook's reply header without the separator: "From:/De :" then "Sent:/Envoyé :" (twisted-web 2004).
OUTLOOK_FROM = re.compile(r"^\s*\*?(?:From|De|Von|Van)\s?:\*?\s+\S", re.I)
FORWARDED = re.compile(r"^\s*-*\s*(?:Begin forwarded message|-+\s*Forwarded message)", re.I)
OUTLOOK_SENT = re.compile(r"^\s*\*?(?:Sent|Envoy.|Gesendet|Verzonden|Date)\s?:\*?\s+\S", re.I)


# A line is the author's own in `split_quoted`, whatever is around it, unless it opens (past
# spaces) with one of these or ends with a colon: a quote line opens with ">" or "|>", a snip mark
# with "[", "*" or "<", an "Original Message" rule with "-", Outlook's header with "From", "De",
# "Von" or "Van" (re.I reads no other character as f, d or v), an attribution ends with ":".
# Most lines of a post do neither, and are passed over by runs.
MAY_MATTER_FIRST = frozenset("><[*-fFdDvV|")
# An attribution line is a sentence at most; longer lines are text.
MAX_ATTRIBUTION_CHARS = 600

def split_quoted(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split lines into the author's own and the quoted ones (with their attribution lines)."""
    marked = marked_lines(lines) + [len(lines)]
    prompts_are_code = not any(QUOTE_LINE.match(lines[k]) and not PYTHON_PROMPT.match(lines[k])
                               for k in marked[:-1])
    own: list[str] = []
    quoted: list[str] = []
    in_quote = False
    i = m = 0
    while i < len(lines):
        while marked[m] < i:
            m += 1
        upto = marked[m]
        if i < upto:  # the lines up to the next marked one are the author's own
            run = lines[i:upto]
            own.extend(run)
            in_quote = in_quote and not any(l.strip() for l in run)
            i = upto
            continue
        line = lines[i]
        quote_mark = QUOTE_LINE.match(line)  # a quote line opens no original's header block
        if not quote_mark and (ORIGINAL_MESSAGE.match(line) or _opens_outlook_header(lines, i)):
            end = _header_block_end(lines, i)
            if not _next_is_quote(lines, end):
                quoted.extend(lines[i:])  # Outlook quotes the whole original below, unmarked
                break
            quoted.extend(lines[i:end])  # the original is "> " quoted: new text may follow it
            i = end
            continue
        is_quote = bool(quote_mark) and not (prompts_are_code and PYTHON_PROMPT.match(line))
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


def marked_lines(lines: list[str]) -> list[int]:
    """Return the indexes of the lines `split_quoted` must look at (see MAY_MATTER_FIRST)."""
    return [i for i, line in enumerate(lines)
            if (bare := line.strip())[:1] in MAY_MATTER_FIRST or bare[-1:] == ":"]


def split_marked_quotes(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split off only the "> " lines and the attribution line just above each block (no unmarked quotes)."""
    prompts_are_code = not any(QUOTE_LINE.match(l) and not PYTHON_PROMPT.match(l) for l in lines)
    own: list[str] = []
    quoted: list[str] = []
    for line in lines:
        if QUOTE_LINE.match(line) and not (prompts_are_code and PYTHON_PROMPT.match(line)):
            last = next((k for k in range(len(own) - 1, -1, -1) if own[k].strip()), None)
            if last is not None and _is_lone_attribution(own[last]):
                quoted.append(own.pop(last))
            quoted.append(line)
        else:
            own.append(line)
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
    return [QUOTE_MARKER.sub("", line, count=1) for line in lines if not _attribution(line)]


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
    if _attribution(para[-1]) and (len(para) == 1 or ATTRIBUTION_START.match(para[0])):
        quoted.extend(para)
        del own[start:]
    elif _attribution(para[-1]) and len(para) > 1 and ATTRIBUTION_START.match(para[-1]):
        quoted.append(para[-1])
        del own[end - 1:]


def _attribution(line: str) -> bool:
    """Return whether a line attributes a quote ("On Monday, Jane wrote:"); a long line never does.

    ATTRIBUTION is searched from every word of a line: quadratic on a long run of digits.
    """
    return len(line) <= MAX_ATTRIBUTION_CHARS and bool(ATTRIBUTION.search(line))
