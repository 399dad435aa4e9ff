"""Reading inputs: bytes in, :class:`~patchlint.model.Patch` objects out.

An input is a patch mail (``git format-patch``), an mbox of several (a series, maybe with a cover
letter), a plain unified diff, or a review reply that quotes a patch with ``> ``.  Mail is read
with the standard library's ``email`` package (MIME, quoted-printable, base64, charsets,
attachments); diffs with :mod:`patchlint.diff`.  Nothing read is ever executed.
"""

from __future__ import annotations

import re

from .diff import GAP_RE, SrcLine, find_diff_start
from .diff import parse as parse_diff
from .lazyre import lazy_re
from .mail import PlainHeaders, bytes_text, header_fields, loose_date, parse_subject, text_fields
from .model import Patch


class InputError(Exception):
    """The input cannot be used at all.  ``line`` is where, when known."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


class ReadResult:
    """What one input holds: its patches (cover letters included) and how many messages."""

    def __init__(self, name, patches=None, messages=0):
        self.name = name
        self.patches = patches if patches is not None else []
        self.messages = messages


# An mbox "From " separator: git's magic line, or sender + asctime-like date.
_FROM_RE = lazy_re(
    rb"^From (?:[0-9a-f]{40} Mon Sep 17 00:00:00 2001"
    rb"|\S+(?: at \S+)?\s+\w{3} \w{3}\s+\d{1,2} \d{1,2}:\d\d(?::\d\d)?(?: .*)? \d{4})\s*$")
_HEADER_RE = lazy_re(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")
_MAILISH = (b"from", b"subject", b"date", b"message-id", b"to", b"cc", b"mime-version",
            b"content-type", b"in-reply-to", b"references", b"return-path", b"received")
_QUOTED_DIFF_RE = lazy_re(r"^>[ ]?(?:diff --git |@@ -\d+(?:,\d+)? \+\d+|\+\+\+ \S|--- a/)",
                             re.M)
_ATTRIB_RE = lazy_re(r"^On (.{4,80}?),? (.{2,120}?) wrote:\s*$")
# "On 01/13/2012 01:51 PM, Adam Litke wrote:": the date runs to the last comma
_ATTRIB_COMMA_RE = lazy_re(r"^On (.{4,80}),\s+((?!\d)[^,]{2,120}?) wrote:\s*$")
_TRAILER_RE = lazy_re(r"^([A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]):\s*(.*\S)\s*$")
_DIFFSTAT_RE = lazy_re(
    r"(?<!\d)(\d{1,12}) files? changed(?:, (\d{1,12}) insertions?\(\+\))?"
    r"(?:, (\d{1,12}) deletions?\(-\))?")


def read_input(name: str, data: bytes) -> ReadResult:
    """Read one input; raise :class:`InputError` when it holds no patch at all."""
    stream = InputStream(name, data)
    return ReadResult(name, list(stream), stream.messages)


class InputStream:
    """The patches of one input, one message at a time (a big mbox is never all in memory as
    a model).  Iterating raises :class:`InputError` at the end when it held no patch."""

    def __init__(self, name: str, data: bytes):
        self.name = name
        if not data.strip():
            raise InputError("empty input: no patch to check" if not data else
                             "input holds only blank space: no patch to check")
        if b"\x00" in data[:8192] and b"diff" not in data[:8192]:
            raise InputError("binary data, not a patch")
        if b"\n" not in data and b"\r" in data.rstrip(b"\r"):
            raise InputError("lines end in a carriage return alone (old Mac line ends): "
                             "convert them to newlines first")
        self.data = data
        self.chunks = _split_mbox(data)
        if self.chunks is None and _looks_like_mail(data):
            self.chunks = [(data, 1)]
        self.messages = len(self.chunks) if self.chunks is not None else 1

    def __iter__(self):
        name = self.name
        chunks = self.chunks
        if chunks is not None:
            found = False
            for index, (chunk, start) in enumerate(chunks, 1):
                with _gc_paused():
                    patches = _read_message(name, index, chunk, start, len(chunks) > 1)
                chunks[index - 1] = (b"", start)        # done with its bytes
                for p in patches:
                    found = True
                    yield p
            if not found:
                raise InputError("no patch here: no message has a diff", chunks[0][1])
            return
        # Not mail: a plain diff, or a text with a quoted patch in it.
        with _gc_paused():
            lines = _src_lines(_decode(self.data), 1)
            meta = text_fields(lines)
            patches = _patches_from_body(name, 1, lines, meta, mail=False)
        if not any(p.files or p.problems for p in patches):
            first = next((ln for ln in lines if ln.text.strip()), None)
            raise InputError("not a patch: no diff, no patch mail and no quoted patch found",
                             first.src_no if first else None)
        yield from patches


class _gc_paused:
    """No garbage collection while one message becomes a model.

    Reading builds an object for each line of a diff, none of them garbage yet; the cyclic
    collector would walk them all again and again as they pile up (a third of the time on a
    diff of 100,000 hunks).  What is garbage is collected after."""

    def __enter__(self):
        import gc
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self.was:
            import gc
            gc.enable()


# -- splitting --------------------------------------------------------------------------------

def _split_mbox(data: bytes):
    """Split an mbox into (bytes, first line number) chunks, or None when it is not one."""
    start = 0
    while start < len(data) and data[start:start + 1] in (b"\n", b"\r", b" ", b"\t"):
        start += 1
    if data.startswith(b"\xef\xbb\xbf", start):
        start += 3
    first_end = data.find(b"\n", start)
    first = data[start:first_end if first_end >= 0 else len(data)].rstrip(b"\r")
    if not first.startswith(b"From ") or not _FROM_RE.match(first):
        return None
    chunks = []
    lines = data.split(b"\n")
    starts = []
    bare_from = False
    for k, raw in enumerate(lines):
        if raw.startswith(b"From ") and _FROM_RE.match(raw.rstrip(b"\r")):
            # a separator must be followed by a header line
            nxt = lines[k + 1] if k + 1 < len(lines) else b""
            if _HEADER_RE.match(nxt) or nxt.strip() == b"" and k == 0:
                starts.append(k)
                continue
        if raw.startswith(b"From "):
            bare_from = True
    if not starts:
        return None
    for j, k in enumerate(starts):
        end_line = starts[j + 1] if j + 1 < len(starts) else len(lines)
        body = b"\n".join(lines[k + 1:end_line])
        # Undo mboxrd escaping, but only when the mbox escapes at all: git's default output
        # leaves "From " lines bare, and there a ">From " line is the author's own text.
        if not bare_from:
            body = re.sub(rb"(?m)^>(>*From )", rb"\1", body)
        chunks.append((body, k + 2))
    return chunks


def _looks_like_mail(data: bytes) -> bool:
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


# -- one mail ---------------------------------------------------------------------------------

def _read_message(name, index, chunk: bytes, start: int, in_mbox: bool):
    lines, meta, flowed = _message_lines(chunk, start)
    lines, comparison = split_comparison(lines)
    patches = _patches_from_body(name, index, lines, meta, mail=True)
    for p in patches:
        p.src_no = start
        p.flowed = flowed
        p.comparison = comparison
    if not patches:
        info = parse_subject(meta.get("subject"))
        if info.number == 0 or _UNEDITED_SUBJECT in (meta.get("subject") or "") \
                or (in_mbox and index == 1 and info.total) or comparison:
            p = Patch(input=name, index=index, kind="cover",
                      **{k: v for k, v in meta.items() if k in Patch.FIELDS})
            p.src_no = start
            p.message, p.message_src_no, p.trailers = _message_parts(lines, len(lines))
            p.comparison = comparison
            patches.append(p)
    return patches


# what git format-patch --cover-letter writes for the author to replace
_UNEDITED_SUBJECT = "*** SUBJECT HERE ***"

# git format-patch's comparison with the previous version of a series: a heading, then the
# interdiff (a diff) or the range-diff (pairs of commits, each with an indented diff of diffs)
_COMPARISON_RE = lazy_re(r"^(Interdiff|Range-diff)(?: (?:against|relative to) v\d{1,9})?:\s*$")
_RANGE_PAIR_RE = lazy_re(r"^ {0,4}(?:\d{1,9}|-):\s+(?:[0-9a-f]{4,64}|-+) [=!<>] "
                         r"(?:\d{1,9}|-):\s+(?:[0-9a-f]{4,64}|-+)(?: |$)")


def split_comparison(lines):
    """(lines, comparison text): git's "Interdiff against vN:" / "Range-diff against vN:"
    sections taken out of a message, so that the v1 -> v2 comparison is never read as the
    patch.

    In a cover letter they come last, unindented, and run to the signature ("-- ") or the end
    of the mail; after the "---" of a single patch they are indented (the interdiff by two
    spaces, the range-diff's inner diff by four) and end where the diffstat starts.  A heading
    counts only when what follows it looks like its kind: a diff for an interdiff, a pair of
    commits for a range-diff.
    """
    n = len(lines)
    starts = [k for k, ln in enumerate(lines)
              if ln.text[:1] in "IR" and _COMPARISON_RE.match(ln.text)]
    if not starts:
        return lines, ""
    drop = set()
    # the mail's signature is its last "-- " line (an interdiff may remove a line "- ")
    sig = next((j for j in range(n - 1, -1, -1) if lines[j].text in ("-- ", "--")), n)
    for k in starts:
        if k in drop:
            continue
        nxt = next((j for j in range(k + 1, n) if lines[j].text.strip()), None)
        if nxt is None:
            continue
        first = lines[nxt].text
        range_diff = lines[k].text.startswith("Range-diff")
        if range_diff and not _RANGE_PAIR_RE.match(first):
            continue
        if not range_diff and not first.lstrip(" ").startswith(("diff ", "--- ", "@@ ")):
            continue
        after_sep = any(lines[j].text == "---" for j in range(k))
        indented = first.startswith("  ") or (range_diff and after_sep)
        if not indented:
            end = sig if sig > k else n                 # the rest of the cover letter
        else:
            end = k + 1
            while end < n:
                t = lines[end].text
                if t.strip() and not t.startswith("  ") and not _RANGE_PAIR_RE.match(t):
                    break                               # the diffstat, or the diff itself
                end += 1
        while end > k + 1 and not lines[end - 1].text.strip():
            end -= 1                                    # the blank line before what follows
        drop.update(range(k, end))
    if not drop:
        return lines, ""
    text = "\n".join(lines[k].text for k in sorted(drop))
    return [ln for k, ln in enumerate(lines) if k not in drop], text


def _message_lines(chunk: bytes, start: int):
    """(body lines, header meta, format=flowed?) of one message."""
    sep = re.search(rb"\r?\n\r?\n", chunk)
    plain = PlainHeaders(chunk[:sep.start()] if sep else chunk)
    if plain.simple():
        meta = header_fields(plain)
        body = chunk[sep.end():] if sep else b""
        lines = _src_lines(bytes_text(body, plain.charset(), strict=False),
                           start + (chunk.count(b"\n", 0, sep.end()) if sep else 0))
        flowed = False
    else:
        msg = _parse_mail(chunk)
        meta = header_fields(msg)
        lines, flowed = _body_lines(msg, chunk, start)
    return lines, meta, flowed


def _parse_mail(data: bytes):
    """The email package's Message of one mail (its default compat32 policy: email.policy's
    modern one imports much more)."""
    # only a MIME mail pays for importing email.parser (~15 ms a hook would pay per commit)
    from email.parser import BytesParser
    return BytesParser().parsebytes(data)


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


_DIFF_TEXT_RE = lazy_re(r"(?m)^(?:diff --git |--- \S.*\n\+\+\+ |@@ -\d)")
_TEXT_TYPES = ("text/plain", "text/x-patch", "text/x-diff", "text/x-log",
               "application/x-patch", "application/x-diff", "text/x-c")


def _body_lines(msg, chunk: bytes, start: int):
    """The lines that hold the commit message and the diff, and whether it was format=flowed.

    Each line carries the input line it was sent on (see :func:`_part_lines`).
    """
    m = re.search(rb"\r?\n\r?\n", chunk)
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
        ctype = part.get_content_type()
        fname = (part.get_filename() or "").lower()
        if ctype not in _TEXT_TYPES and not (ctype == "application/octet-stream"
                                             and fname.endswith((".patch", ".diff"))):
            continue
        if _DIFF_TEXT_RE.search("\n".join(ln.text for ln in lines)):
            diff_parts.append(_drop_mail_headers(lines))
        else:
            texts.append(lines)
        if (part.get_param("format") or "").lower() == "flowed":
            flowed = True
    if diff_parts:
        body = texts[0] if texts else []
        patch_lines = [ln for part in diff_parts for ln in part]
        if not any(ln.text.strip() for ln in body):
            return patch_lines, flowed
        # an attached format-patch file brings its own message; prefer the mail's own text
        return body + patch_lines, flowed
    return [ln for part in texts for ln in part], flowed


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
        return _src_lines(text, start + chunk.count(b"\n", 0, pos)), pos
    first = start + chunk.count(b"\n", 0, off)
    numbers = None
    if cte == "quoted-printable":
        numbers = [first]
        for k, rl in enumerate(rawb.split(b"\n")):
            numbers.extend([first + k] * len(re.findall(rb"=0[aA]", rl)))
            if not rl.rstrip(b"\r \t").endswith(b"="):      # not a soft line break
                numbers.append(first + k + 1)
    elif cte == "base64":
        import bisect
        import itertools
        decoded = part.get_payload(decode=True) or b""
        ends = list(itertools.accumulate(len(re.sub(rb"\s", b"", rl))
                                         for rl in rawb.split(b"\n")))
        numbers = []
        at = 0
        for piece in decoded.split(b"\n"):
            numbers.append(first + bisect.bisect_right(ends, at // 3 * 4))
            at += len(piece) + 1
    return _src_lines(text, first, numbers), off + len(rawb)


def _drop_mail_headers(lines):
    """An attached ``git format-patch`` file: drop its own mbox line and mail headers."""
    k = 0
    if lines and lines[0].text.startswith("From ") \
            and _FROM_RE.match(lines[0].text.encode("utf-8", "surrogateescape")):
        k = 1
    head = "\n".join(ln.text for ln in lines[k:k + 60]).encode("utf-8", "surrogateescape")
    if not _looks_like_mail(head):
        return lines
    while k < len(lines) and lines[k].text.strip():
        k += 1
    return lines[k + 1:]


# -- text to patches ----------------------------------------------------------------------------

def _decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _src_lines(text: str, first_no: int, numbers=None):
    """Split text into SrcLines numbered from first_no, or by ``numbers`` (one per line)."""
    raw = text.split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    crlf = bool(raw) and all(r.endswith("\r") for r in raw if r)
    if crlf:
        raw = [r[:-1] if r.endswith("\r") else r for r in raw]
    if numbers is None:
        return [SrcLine(r, "\n", no) for no, r in enumerate(raw, first_no)]
    out = []
    for k, r in enumerate(raw):
        no = numbers[k] if k < len(numbers) else first_no + k
        out.append(SrcLine(r, "\n", no))
    return out


def message_parts_from_text(text, first_no=1):
    """(message, first line number, trailers) of a commit message body given as text."""
    return _message_parts(_src_lines(text, first_no), 10**9)


def _message_parts(lines, end):
    """Commit message text, its first input line, and its trailers, from lines[:end]."""
    msg_lines = lines[:end]
    while msg_lines and not msg_lines[0].text.strip():
        msg_lines = msg_lines[1:]
    text = "\n".join(ln.text for ln in msg_lines)
    trailers = []
    # trailers: the lines of the last paragraph that look like "Key: value"
    para = []
    for ln in msg_lines:
        if not ln.text.strip():
            para = []
        else:
            para.append(ln)
    for ln in msg_lines:
        m = _TRAILER_RE.match(ln.text.strip())
        if m and (ln in para or m.group(1).lower() in ("signed-off-by",)):
            trailers.append((m.group(1), m.group(2), ln.src_no))
    return text, (msg_lines[0].src_no if msg_lines else None), trailers


def _diffstat(notes_lines):
    for ln in notes_lines:
        m = _DIFFSTAT_RE.search(ln.text)
        if m:
            return {"files": int(m.group(1)), "insertions": int(m.group(2) or 0),
                    "deletions": int(m.group(3) or 0)}
    return None


def _patches_from_body(name, index, lines, meta, mail):
    """Build the patch(es) one message's text holds."""
    body_text = "\n".join(ln.text for ln in lines[:4000]) if len(lines) > 4000 else None
    probe = body_text if body_text is not None else "\n".join(ln.text for ln in lines)
    patches = []
    if _QUOTED_DIFF_RE.search(probe):
        quoted, plain, attribution, when = _split_quoted(lines)
        qp = _build(name, index, quoted, meta, kind="quoted", quoted=True)
        if attribution:
            qp.author = attribution
        if when is not None:
            qp.date = when              # the quoted patch's own date, not the reply's
        if qp.files or qp.problems:
            qp.src_no = lines[0].src_no if lines else 1
            qp.reply = True
            patches.append(qp)
        if find_diff_start(plain) is not None:
            dp = _build(name, index, plain, meta, kind="diff", quoted=False)
            if when is not None:
                dp.date = when          # a fix-up for the quoted patch belongs to its time
            if dp.files or dp.problems:
                dp.reply = True
                patches.append(dp)
        return patches
    if find_diff_start(lines) is None:
        return []
    p = _build(name, index, lines, meta, kind="email" if mail else "diff", quoted=False)
    return [p] if (p.files or p.problems) else []


def _build(name, index, lines, meta, kind, quoted):
    p = Patch(input=name, index=index, kind=kind,
              **{k: v for k, v in meta.items() if k in Patch.FIELDS})
    start = find_diff_start(lines)
    if start is None:
        start = len(lines)
    # commit message ends at the first '---' line before the diff
    sep = next((i for i in range(start) if lines[i].text == "---"), None)
    msg_end = sep if sep is not None else start
    if kind in ("email", "quoted"):
        p.message, p.message_src_no, p.trailers = _message_parts(lines, msg_end)
    if sep is not None:
        notes = lines[sep + 1:start]
        p.notes = "\n".join(ln.text for ln in notes)
        p.diffstat = _diffstat(notes)
    p.src_no = lines[0].src_no if lines else 1
    parse_diff(lines[start:], p, quoted=quoted)
    return p


def _split_quoted(lines):
    """Separate a reply's quoted lines (one '>' level removed) from its own text."""
    quoted = []
    plain = []
    attribution = None
    when = None
    prev_quoted = True
    for ln in lines:
        t = ln.text
        if t.startswith(">"):
            q = t[2:] if t.startswith("> ") else t[1:]
            quoted.append(SrcLine(q, ln.eol, ln.src_no, brk=not prev_quoted))
            prev_quoted = True
        else:
            plain.append(ln)
            if GAP_RE.match(t):
                # the reviewer's own "[...]" cuts the quoted hunk just as a quoted one does
                quoted.append(SrcLine(t.strip(), ln.eol, ln.src_no, brk=True))
            if t.strip():
                prev_quoted = False
            if attribution is None:
                m = _ATTRIB_COMMA_RE.match(t.strip()) or _ATTRIB_RE.match(t.strip())
                if m:
                    attribution = m.group(2).strip()
                    when = loose_date(m.group(1))
    return quoted, plain, attribution, when


def decoded_mail(data: bytes) -> bytes | None:
    """A single quoted-printable or base64 patch mail re-sent as 8bit (same headers otherwise),
    so its lines can be edited in place; None when the input is not such a mail."""
    chunks = _split_mbox(data)
    if chunks is not None and len(chunks) != 1:
        return None
    lead = b""
    body = data
    if chunks is not None:
        cut = data.find(b"\n") + 1
        lead, body = data[:cut], data[cut:]
    if not _looks_like_mail(body):
        return None
    msg = _parse_mail(body)
    cte = (msg.get("Content-Transfer-Encoding") or "").strip().lower()
    if msg.is_multipart() or cte not in ("quoted-printable", "base64"):
        return None
    sep = re.search(rb"\r?\n\r?\n", body)
    if sep is None:
        return None
    head = body[:sep.start()]
    head = re.sub(rb"(?im)^(Content-Transfer-Encoding:)[ \t]*\S+", rb"\1 8bit", head)
    payload = msg.get_payload(decode=True) or b""
    return lead + head + b"\n\n" + payload
