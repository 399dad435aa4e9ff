"""Splitting an mbox into its messages, and telling a mail from other text.

An mbox is messages each after a "From " separator line: git's own (``From <commit> Mon Sep
17 00:00:00 2001``) or a mail archive's (``From sender Thu Jan  1 12:00:00 2026``).  Only the
bytes are split here; each message is read on its own (:mod:`patchlint.mime`).
"""

from __future__ import annotations

from .lazyre import lazy_re

# An mbox "From " separator: git's magic line, or sender + asctime-like date.
FROM_RE = lazy_re(
    rb"^From (?:[0-9a-f]{40} Mon Sep 17 00:00:00 2001"
    rb"|\S+(?: at \S+)?\s+\w{3} \w{3}\s+\d{1,2} \d{1,2}:\d\d(?::\d\d)?(?: .*)? \d{4})\s*$")
_HEADER_RE = lazy_re(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")
# mboxrd's escaping of a body line that starts with "From "
_ESCAPED_FROM_RE = lazy_re(rb"(?m)^>(>*From )")
_MAILISH = (b"from", b"subject", b"date", b"message-id", b"to", b"cc", b"mime-version",
            b"content-type", b"in-reply-to", b"references", b"return-path", b"received")


def split_mbox(data: bytes):
    """Split an mbox into (bytes, first line number) chunks, or None when it is not one."""
    if not _starts_with_separator(data):
        return None
    lines = data.split(b"\n")
    starts, bare_from = _separators(lines)
    if not starts:
        return None
    chunks = []
    for j, k in enumerate(starts):
        end_line = starts[j + 1] if j + 1 < len(starts) else len(lines)
        body = b"\n".join(lines[k + 1:end_line])
        # Undo mboxrd escaping, but only when the mbox escapes at all: git's default output
        # leaves "From " lines bare, and there a ">From " line is the author's own text.
        if not bare_from:
            body = _ESCAPED_FROM_RE.sub(rb"\1", body)
        chunks.append((body, k + 2))
    return chunks


def _starts_with_separator(data: bytes) -> bool:
    """Is the first line (after blank space and a UTF-8 byte order mark) a "From " line?"""
    start = 0
    while start < len(data) and data[start:start + 1] in (b"\n", b"\r", b" ", b"\t"):
        start += 1
    if data.startswith(b"\xef\xbb\xbf", start):
        start += 3
    first_end = data.find(b"\n", start)
    first = data[start:first_end if first_end >= 0 else len(data)].rstrip(b"\r")
    return first.startswith(b"From ") and bool(FROM_RE.match(first))


def _separators(lines):
    """(indexes of the separator lines, whether some other line starts with "From ")."""
    starts = []
    bare_from = False
    for k, raw in enumerate(lines):
        if raw.startswith(b"From ") and FROM_RE.match(raw.rstrip(b"\r")):
            # a separator must be followed by a header line
            nxt = lines[k + 1] if k + 1 < len(lines) else b""
            if _HEADER_RE.match(nxt) or nxt.strip() == b"" and k == 0:
                starts.append(k)
                continue
        if raw.startswith(b"From "):
            bare_from = True
    return starts, bare_from


def looks_like_mail(data: bytes) -> bool:
    """Does ``data`` start with a mail's header block (a known header among its lines)?"""
    seen = 0
    for raw in data[:16384].split(b"\n")[:60]:
        raw = raw.rstrip(b"\r")
        if not raw:
            break
        if raw[:1] in (b" ", b"\t"):
            continue
        if not _HEADER_RE.match(raw + b" ") and not raw.endswith(b":"):
            return False
        if raw.split(b":", 1)[0].lower() in _MAILISH:
            seen += 1
    return seen >= 1
