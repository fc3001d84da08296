"""What to remove from a mail body, in order: `clean_body` runs the stages, and owns subjects and signatures.

Each stage lives in the module named for what it owns: `listchrome` (footers, scrubbed attachments,
archive navigation), `mailarticle` (a forwarded article's chrome), `mailquotes` (quoted replies).
List chrome goes first (it can sit inside the quoted part), then quoted replies go to their own
string, then the signature is cut from what is left. The HTML and text readers of an archive both
pass their text through `clean_body`, so each rule is applied in one place for both.
"""
from __future__ import annotations

import re

from search.extract.mail.listchrome import strip_archive_navigation, strip_attachments, strip_list_footer, \
    strip_listinfo_tail, strip_more_info, strip_other_footers
from search.extract.mail.article import strip_article_chrome
from search.extract.mail.replies import split_marked_quotes, split_quoted, unquote
from search.terminal import without_escape_sequences

# A reply or forward marker as mail clients write it in their languages: Re, Fw and Fwd; German
# AW and WG, Scandinavian SV and VS, Dutch Antw, French Ref and TR, Italian Rif, Polish Odp,
# Turkish YNT, Greek ΑΠ and ΣΧΕΤ, Chinese 回复, 回覆, 答复, 答覆, 转发, 轉寄, 轉發, Korean 답장 and
# 전달; a count ("Re[2]:", "Re^2:") and a full-width colon ("回覆：") allowed. The replies' words
# and the forwards' apart: threading asks whether a subject says it is a reply (one home).
REPLY_WORDS = r"re|aw|sv|vs|antw|ref|rif|odp|ynt|απ|σχετ|回复|回覆|答复|答覆|답장"
FORWARD_WORDS = r"fwd?|tr|wg|转发|轉寄|轉發|전달"
MARKER_END = r"(?:\[\d+\]|\^\d+)?\s*[:：]"
REPLY_MARKER = rf"(?:{REPLY_WORDS}|{FORWARD_WORDS}){MARKER_END}"
# A subject that says it answers a message: reply markers, forward markers and list tags before it,
# at least one of them a reply's ("WG: RE: Gasket sizes", "[L] 回复: ..."); threading joins such a
# message that names no parent to its subject's thread.
REPLY_SUBJECT = re.compile(rf"^(?:\s{{0,5}}(?:\[[^\]\n]{{1,60}}\]|(?:{FORWARD_WORDS}){MARKER_END}))*\s{{0,5}}"
                           rf"(?:{REPLY_WORDS}){MARKER_END}", re.I)
# "[Twisted-web] Re: Re: [Twisted-web] Fwd: subject": list tags and reply/forward markers.
SUBJECT_PREFIX = re.compile(rf"^(?:\s*(?:\[[^\]\n]{{1,60}}\]|{REPLY_MARKER}))+\s*", re.I)
# A list's tag opens the subject, perhaps after reply markers ("Re: [Twisted-web] ..."), and is one
# name: "[PATCH v2 5/7]", "[RFC]" or "via [199.164.235.226]" name no list (a kernel-list sample).
LIST_TAG = re.compile(rf"^(?:\s*{REPLY_MARKER})*\s*\[([^\]\n]{{1,60}})\]", re.I)
LIST_NAME = re.compile(r"^[A-Za-z][\w.+-]{0,58}$")
# One-word tags that mark a kind of post, not a list (kernel lists: "[PATCH]", "[RFC]", "[PATCHv2]").
NOT_LIST_TAGS = re.compile(r"^(?:patch\w*|rfc\w*|ann(?:ounce)?|ot|spam|solved|fixed|wip|resend|pull|git|urgent)$",
                           re.I)
# Header lines repeated at the top of a body ("Organization: ...\nKeywords:" in 20 Newsgroups posts).
BODY_HEADER = re.compile(
    r"^(?:From|Subject|Date|Newsgroups|Organization|Keywords|Summary|Reply-To|Followup-To|Distribution"
    r"|In-Reply-To|Message-ID|References|Lines|Sender|Path|Xref|Expires|Nntp-Posting-Host|Article-I\.D\."
    r"|X-[\w-]+):.*$",
    re.I,
)
# The signature separator "-- "; pipermail and mail clients often drop its trailing space, and then
# a "--" line may be a rule inside the text, so only a short tail after it is cut.
SIGNATURE_RULE = re.compile(r"^--\s?$")
EXACT_SIGNATURE_RULE = re.compile(r"^-- $")
# Webmail ads and corporate signatures sit under a rule at the end ("____\nDo you Yahoo!?", twisted-web).
CLOSING_RULE = re.compile(r"^\s*_{10,}\s*$")
MAX_SIGNATURE_LINES = 12


def clean_subject(subject: str | None) -> str | None:
    """Return the subject without list tags and Re:/Fwd: chains, or None when nothing is left."""
    if not subject:
        return None
    title = " ".join(SUBJECT_PREFIX.sub("", without_escape_sequences(subject).strip()).split())
    return title or None


def list_tag(subject: str | None) -> str | None:
    """Return the list name of a "[List] subject" tag at the start of the subject, or None.

    Only a tag that can be a list's name counts: one word, no number or address alone, not PATCH/RFC.
    """
    match = LIST_TAG.match(subject or "")
    tag = match.group(1).strip() if match else ""
    return tag if LIST_NAME.match(tag) and not NOT_LIST_TAGS.match(tag) else None


def strip_signature(lines: list[str]) -> list[str]:
    """Cut the signature at the last "-- " line (a short one after "--"), or a short block after "____"."""
    text = "\n".join(lines)
    # Cheap gates: the rules match only lines opening with "--", or holding ten "_".
    rules = ((SIGNATURE_RULE, "--"),) if text.startswith("--") or "\n--" in text else ()
    rules += ((CLOSING_RULE, ""),) if "_" * 10 in text else ()
    if "\n-- " in text:  # the exact rule is looked for below the first line
        exact = next((i for i in range(len(lines) - 1, 0, -1) if EXACT_SIGNATURE_RULE.match(lines[i])), None)
        if exact is not None and any(l.strip() for l in lines[:exact]):
            lines = lines[:exact]
    for rule, opening in rules:
        for i in range(len(lines) - 1, -1, -1):
            if lines[i].startswith(opening) and rule.match(lines[i]):
                if sum(1 for l in lines[i + 1:] if l.strip()) <= MAX_SIGNATURE_LINES:
                    lines = lines[:i]
                break
    return lines


def tidy(lines: list[str]) -> str:
    """Join lines, dropping trailing spaces, runs of blank lines and blank ends."""
    text = "\n".join([line.rstrip() for line in lines])
    if "\n\n\n" in text:
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def clean_body(text: str) -> tuple[str, str]:
    """Return (body, quoted) of one message's text with list chrome and signature removed."""
    # a cron or CI mail's colour codes would show on a page as "[31m" (`search/terminal.py`)
    text = without_escape_sequences(text)
    text = strip_more_info(text.replace("\r\n", "\n").replace("\r", "\n"))
    folded = text.lower()  # the gates of the stages that only remove lines
    lines = strip_attachments(strip_other_footers(strip_list_footer(text.split("\n")), folded), folded)
    lines = strip_article_chrome(strip_archive_navigation(lines, folded), folded)
    own, quoted = split_quoted(strip_leading_headers(lines))
    body = tidy(strip_signature(strip_listinfo_tail(strip_leading_headers(own))))
    if not body and quoted:  # nothing but a quote: it is the message (a repost)
        return _repost_body(quoted)
    return body or tidy(own), tidy(quoted)  # a post that is only a signature keeps it


def _repost_body(quoted: list[str]) -> tuple[str, str]:
    """Return (body, quoted) of a message that is all quote: unquoted one level, its own quotes apart."""
    lines = strip_leading_headers(unquote(quoted))
    own, inner = split_marked_quotes(lines)
    body = tidy(strip_signature(own))
    if not body:  # a quote of a quote only: keep it all
        return tidy(strip_signature(lines)), ""
    return body, tidy(inner)


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

