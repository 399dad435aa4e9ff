"""Reading inputs: bytes in, :class:`~patchlint.model.Patch` objects out.

An input is a patch mail (``git format-patch``), an mbox of several (a series, maybe with a cover
letter), a plain unified diff, or a review reply that quotes a patch with ``> ``.  Nothing read
is ever executed.  This module only says in what order the stages run; each is a module of its
own:

* :mod:`patchlint.mbox` splits an mbox into messages;
* :mod:`patchlint.mime` turns one message into numbered lines, and :mod:`patchlint.mail` reads
  its headers;
* :mod:`patchlint.message` takes git's comparison with the previous version out, and reads the
  commit message, its trailers and the diffstat;
* :mod:`patchlint.quoting` takes the patch a review reply quotes back out of the reply;
* :mod:`patchlint.diffscan` finds the diff's files and hunks and repairs its damage, and
  :mod:`patchlint.diff` builds the model of it.
"""

from __future__ import annotations

import gc
import re

from .diff import parse as parse_diff
from .diffscan import find_diff_start
from .mail import parse_subject, text_fields
from .mbox import looks_like_mail, split_mbox
from .message import (
    diffstat,
    message_parts,
    message_parts_from_text,  # noqa: F401 (gitsrc imports it from here)
    split_comparison,
)
from .mime import message_lines, parse_mail
from .model import Patch
from .quoting import quotes_a_patch, split_quoted
from .srclines import decode, src_lines


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
        self.chunks = split_mbox(data)
        if self.chunks is None and looks_like_mail(data):
            self.chunks = [(data, 1)]
        self.messages = len(self.chunks) if self.chunks is not None else 1

    def __iter__(self):
        if self.chunks is not None:
            yield from self._messages()
            return
        # Not mail: a plain diff, or a text with a quoted patch in it.
        with _gc_paused():
            lines = src_lines(decode(self.data), 1)
            patches = _patches_from_body(self.name, 1, lines, text_fields(lines), mail=False)
        if not any(p.files or p.problems for p in patches):
            first = next((ln for ln in lines if ln.text.strip()), None)
            raise InputError("not a patch: no diff, no patch mail and no quoted patch found",
                             first.src_no if first else None)
        yield from patches

    def _messages(self):
        chunks = self.chunks
        found = False
        for index, (chunk, start) in enumerate(chunks, 1):
            with _gc_paused():
                patches = _read_message(self.name, index, chunk, start, len(chunks) > 1)
            chunks[index - 1] = (b"", start)        # done with its bytes
            for p in patches:
                found = True
                yield p
        if not found:
            raise InputError("no patch here: no message has a diff", chunks[0][1])


class _gc_paused:
    """No garbage collection while one message becomes a model.

    Reading builds an object for each line of a diff, none of them garbage yet; the cyclic
    collector would walk them all again and again as they pile up (a third of the time on a
    diff of 100,000 hunks).  What is garbage is collected after."""

    def __enter__(self):
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self.was:
            gc.enable()


# what git format-patch --cover-letter writes for the author to replace
_UNEDITED_SUBJECT = "*** SUBJECT HERE ***"


def _read_message(name, index, chunk: bytes, start: int, in_mbox: bool):
    """The patches of one message (or its cover letter) whose first line is input line
    ``start``."""
    lines, fields, flowed = message_lines(chunk, start)
    lines, comparison = split_comparison(lines)
    patches = _patches_from_body(name, index, lines, fields, mail=True)
    for p in patches:
        p.src_no = start
        p.flowed = flowed
        p.comparison = comparison
    if not patches and _is_cover_letter(fields.get("subject"), in_mbox and index == 1,
                                        comparison):
        p = _patch(name, index, "cover", fields)
        p.src_no = start
        p.message, p.message_src_no, p.trailers = message_parts(lines, len(lines))
        p.comparison = comparison
        patches.append(p)
    return patches


def _is_cover_letter(subject, first_of_series, comparison) -> bool:
    """Is a message with no diff a cover letter (rather than, say, a reply)?"""
    info = parse_subject(subject)
    return info.number == 0 or _UNEDITED_SUBJECT in (subject or "") \
        or (first_of_series and bool(info.total)) or bool(comparison)


def _patch(name, index, kind, fields):
    return Patch(input=name, index=index, kind=kind,
                 **{k: v for k, v in fields.items() if k in Patch.FIELDS})


def _patches_from_body(name, index, lines, fields, mail):
    """Build the patch(es) one message's text holds."""
    if quotes_a_patch(lines):
        return _patches_of_reply(name, index, lines, fields)
    if find_diff_start(lines) is None:
        return []
    p = _build(name, index, lines, fields, kind="email" if mail else "diff")
    return [p] if (p.files or p.problems) else []


def _patches_of_reply(name, index, lines, fields):
    """A review reply's patches: the one it quotes, and a fix-up diff of the reviewer's own."""
    quoted, plain, attribution, when = split_quoted(lines)
    patches = []
    qp = _build(name, index, quoted, fields, kind="quoted")
    if attribution:
        qp.author = attribution
    if when is not None:
        qp.date = when              # the quoted patch's own date, not the reply's
    if qp.files or qp.problems:
        qp.src_no = lines[0].src_no if lines else 1
        qp.reply = True
        patches.append(qp)
    if find_diff_start(plain) is not None:
        dp = _build(name, index, plain, fields, kind="diff")
        if when is not None:
            dp.date = when          # a fix-up for the quoted patch belongs to its time
        if dp.files or dp.problems:
            dp.reply = True
            patches.append(dp)
    return patches


def _build(name, index, lines, fields, kind):
    """A patch of ``kind`` from a message's lines: commit message, notes, then the diff."""
    p = _patch(name, index, kind, fields)
    start = find_diff_start(lines)
    if start is None:
        start = len(lines)
    # commit message ends at the first '---' line before the diff
    sep = next((i for i in range(start) if lines[i].text == "---"), None)
    msg_end = sep if sep is not None else start
    if kind in ("email", "quoted"):
        p.message, p.message_src_no, p.trailers = message_parts(lines, msg_end)
    if sep is not None:
        notes = lines[sep + 1:start]
        p.notes = "\n".join(ln.text for ln in notes)
        p.diffstat = diffstat(notes)
    p.src_no = lines[0].src_no if lines else 1
    parse_diff(lines[start:], p)
    return p


def decoded_mail(data: bytes) -> bytes | None:
    """A single quoted-printable or base64 patch mail re-sent as 8bit (same headers otherwise),
    so its lines can be edited in place; None when the input is not such a mail."""
    chunks = split_mbox(data)
    if chunks is not None and len(chunks) != 1:
        return None
    lead = b""
    body = data
    if chunks is not None:
        cut = data.find(b"\n") + 1
        lead, body = data[:cut], data[cut:]
    if not looks_like_mail(body):
        return None
    msg = parse_mail(body)
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
