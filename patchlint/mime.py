"""One mail's body as numbered lines: MIME parts decoded, each line numbered by the input line
it was sent on.

A plain mail (what ``git format-patch`` writes: one text part, 7bit or 8bit) is read without
the ``email`` package, from its bytes.  Anything else (quoted-printable, base64, attachments,
multipart) goes through ``email.parser``; each decoded line is then found again in the raw
bytes, so a finding on a line that was sent soft-broken or base64-encoded still points at the
input line the user can open.
"""

from __future__ import annotations

import bisect
import itertools

from .lazyre import lazy_re
from .mail import PlainHeaders, bytes_text, header_fields
from .mbox import FROM_RE, looks_like_mail
from .srclines import src_lines

_BLANK_LINE_RE = lazy_re(rb"\r?\n\r?\n")
_DIFF_TEXT_RE = lazy_re(r"(?m)^(?:diff --git |--- \S.*\n\+\+\+ |@@ -\d)")
_SOFT_NEWLINE_RE = lazy_re(rb"=0[aA]")
_BLANKS_RE = lazy_re(rb"\s")
_TEXT_TYPES = ("text/plain", "text/x-patch", "text/x-diff", "text/x-log",
               "application/x-patch", "application/x-diff", "text/x-c")


def message_lines(chunk: bytes, start: int):
    """(body lines, the Patch fields its headers give, format=flowed?) of one message whose
    first line is input line ``start``."""
    sep = _BLANK_LINE_RE.search(chunk)
    plain = PlainHeaders(chunk[:sep.start()] if sep else chunk)
    if plain.simple():
        body = chunk[sep.end():] if sep else b""
        lines = src_lines(bytes_text(body, plain.charset(), strict=False),
                          start + (chunk.count(b"\n", 0, sep.end()) if sep else 0))
        return lines, header_fields(plain), False
    msg = parse_mail(chunk)
    lines, flowed = _body_lines(msg, chunk, start)
    return lines, header_fields(msg), flowed


def parse_mail(data: bytes):
    """The email package's Message of one mail (its default compat32 policy: email.policy's
    modern one imports much more)."""
    # (start-up time of a per-mail hook: email.parser costs ~15 ms, paid by MIME mail only)
    from email.parser import BytesParser  # noqa: PLC0415
    return BytesParser().parsebytes(data)


def _body_lines(msg, chunk: bytes, start: int):
    """The lines that hold the commit message and the diff, and whether it was format=flowed.

    Each line carries the input line it was sent on (see :func:`_part_lines`).
    """
    m = _BLANK_LINE_RE.search(chunk)
    pos = m.end() if m else len(chunk)
    if not msg.is_multipart():
        flowed = (msg.get_param("format") or "").lower() == "flowed"
        return _part_lines(msg, chunk, start, pos)[0], flowed
    texts = []
    diff_parts = []
    flowed = False
    for part in msg.walk():
        if part.is_multipart():
            continue
        lines, pos = _part_lines(part, chunk, start, pos)
        if not _is_text(part):
            continue
        if _DIFF_TEXT_RE.search("\n".join(ln.text for ln in lines)):
            diff_parts.append(_drop_mail_headers(lines))
        else:
            texts.append(lines)
        if (part.get_param("format") or "").lower() == "flowed":
            flowed = True
    if not diff_parts:
        return [ln for part in texts for ln in part], flowed
    body = texts[0] if texts else []
    patch_lines = [ln for part in diff_parts for ln in part]
    if not any(ln.text.strip() for ln in body):
        return patch_lines, flowed
    # an attached format-patch file brings its own message; prefer the mail's own text
    return body + patch_lines, flowed


def _is_text(part) -> bool:
    """A part that may hold the message or the patch (not an image, not a signature)."""
    ctype = part.get_content_type()
    if ctype in _TEXT_TYPES:
        return True
    fname = (part.get_filename() or "").lower()
    return ctype == "application/octet-stream" and fname.endswith((".patch", ".diff"))


def _part_lines(part, chunk: bytes, start: int, pos: int):
    """A leaf part's decoded lines, and where in ``chunk`` the next part's search starts.

    A line's number is the input line its text was sent on: counted through soft line breaks
    of quoted-printable and through base64, so findings point into the file the user has.
    """
    text = _part_text(part)
    cte = str(part.get("Content-Transfer-Encoding") or "").strip().lower()
    if cte in ("quoted-printable", "base64"):
        raw = part.get_payload()
        rawb = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""
    else:
        rawb = part.get_payload(decode=True) or b""     # 7bit, 8bit: the bytes as sent
    off = chunk.find(rawb, pos) if rawb else -1
    if off < 0:
        return src_lines(text, start + chunk.count(b"\n", 0, pos)), pos
    first = start + chunk.count(b"\n", 0, off)
    numbers = None
    if cte == "quoted-printable":
        numbers = _qp_numbers(rawb, first)
    elif cte == "base64":
        numbers = _base64_numbers(part.get_payload(decode=True) or b"", rawb, first)
    return src_lines(text, first, numbers), off + len(rawb)


def _qp_numbers(rawb: bytes, first: int):
    """The input line of each decoded line of a quoted-printable payload sent from line
    ``first``: a soft line break ("=" at the end) joins two sent lines into one."""
    numbers = [first]
    for k, rl in enumerate(rawb.split(b"\n")):
        numbers.extend([first + k] * len(_SOFT_NEWLINE_RE.findall(rl)))
        if not rl.rstrip(b"\r \t").endswith(b"="):      # not a soft line break
            numbers.append(first + k + 1)
    return numbers


def _base64_numbers(decoded: bytes, rawb: bytes, first: int):
    """The input line of each decoded line of a base64 payload sent from line ``first``: the
    sent line that holds the line's first byte."""
    ends = list(itertools.accumulate(len(_BLANKS_RE.sub(b"", rl)) for rl in rawb.split(b"\n")))
    numbers = []
    at = 0
    for piece in decoded.split(b"\n"):
        numbers.append(first + bisect.bisect_right(ends, at // 3 * 4))
        at += len(piece) + 1
    return numbers


def _part_text(part) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        return ""
    charset = (part.get_content_charset() or "utf-8").lower()
    if charset in ("us-ascii", "ascii", "utf8", "unknown-8bit", "x-unknown"):
        charset = "utf-8"
    try:
        return payload.decode(charset, "surrogateescape")
    except LookupError:
        return payload.decode("utf-8", "surrogateescape")


def _drop_mail_headers(lines):
    """An attached ``git format-patch`` file: drop its own mbox line and mail headers."""
    k = 0
    if lines and lines[0].text.startswith("From ") \
            and FROM_RE.match(lines[0].text.encode("utf-8", "surrogateescape")):
        k = 1
    head = "\n".join(ln.text for ln in lines[k:k + 60]).encode("utf-8", "surrogateescape")
    if not looks_like_mail(head):
        return lines
    while k < len(lines) and lines[k].text.strip():
        k += 1
    return lines[k + 1:]
