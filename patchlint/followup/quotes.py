"""The quoting of a reply: each body line's depth, and the patch quoted at one depth.

A reply quotes the mail it answers one ``>`` deep, and that mail's own quotes one deeper: in
a reply to a review, ``> >`` lines are the patch and ``>`` lines the reviewer's words.  So a
line's depth says which earlier mail it belongs to (``> >`` belongs to the earlier mail, never
to the one quoting it).  :func:`quoted_at` takes the lines of one depth out of a reply and
reads them as the patch they quote, with the reader's own stages (the diff scanner is told
where the quote was interrupted or cut, as :mod:`patchlint.quoting` tells it), so a quoted
line is numbered as patchlint numbers any quoted patch: by the quoted ``@@`` header.
"""

from __future__ import annotations

from ..diff import parse as parse_diff
from ..diffscan import find_diff_start
from ..lazyre import lazy_re
from ..message import message_parts
from ..model import Patch
from ..quoting import GAP_RE
from ..srclines import CUT, QUOTED, RESUMED, SrcLine

# "On Mon, Jan 01, 2026 at 12:00:00 +0100, Jane Doe wrote:", "Jane Doe <jane@x> writes:",
# "Quoting Jane Doe (2026-01-01 12:00:00):"
ATTRIBUTION_RE = lazy_re(r"(?:\bwrote|\bwrites|\bschrieb|\ba écrit)\s*:\s*$|^Quoting .*\):\s*$",
                         )


def quote_depth(text: str):
    """(depth, the text without its quote marks): ``"> > +x"`` is ``(2, "+x")``; one blank
    after each ``>`` belongs to the quote, the rest is the quoted text's own."""
    depth = 0
    i = 0
    n = len(text)
    while i < n and text[i] == ">":
        depth += 1
        i += 1
        if i < n and text[i] == " ":
            i += 1
    return depth, text[i:]


def is_gap(text: str) -> bool:
    """"[...]", "[snip]", "...": lines the writer left out."""
    return bool(GAP_RE.match(text))


class Quoted:
    """The patch one depth of a reply quotes.

    ``patch`` is its model (kind ``quoted``; no files when no diff is quoted); ``lines`` maps
    the input line of each quoted diff line to its model line; ``region`` maps the input line
    of every quoted line to ``"message"`` (the commit message), ``"notes"`` (between ``---``
    and the diff) or ``"diff"``; ``paths`` maps the input line of each quoted diff line or file
    header to the file it is in.
    """

    def __init__(self, patch):
        self.patch = patch
        self.lines = {}
        self.region = {}
        self.paths = {}

    @property
    def has_diff(self) -> bool:
        return bool(self.patch.files)


def quoted_at(message, depth: int, name: str) -> Quoted:
    """The patch ``message`` quotes ``depth`` deep (see :class:`Quoted`)."""
    lines = []
    interrupted = False
    for d, text, ln in message.depths():
        if d < depth:
            if is_gap(text):
                lines.append(SrcLine(text.strip(), ln.eol, ln.src_no, QUOTED | RESUMED | CUT))
            elif text.strip():
                interrupted = True
            continue
        if d > depth:
            text = "> " * (d - depth) + text
        mark = QUOTED | (RESUMED if interrupted else 0) | (CUT if is_gap(text) else 0)
        lines.append(SrcLine(text, ln.eol, ln.src_no, mark))
        interrupted = False
    p = Patch(input=name, index=message.index, kind="quoted", subject=message.subject,
              author=message.author, message_id=message.message_id)
    q = Quoted(p)
    start = find_diff_start(lines)
    if start is None:
        start = len(lines)
    sep = next((i for i in range(start) if lines[i].text == "---"), None)
    msg_end = sep if sep is not None else start
    p.message, p.message_src_no, p.trailers = message_parts(lines, msg_end)
    for k, ln in enumerate(lines[:start]):
        q.region[ln.src_no] = "message" if k < msg_end else "notes"
    if start < len(lines):
        p.src_no = lines[0].src_no
        parse_diff(lines[start:], p)
    _where(q, lines[start:])
    return q


def _where(q, diff_lines):
    """Fill ``q.lines``, ``q.paths`` and the diff's share of ``q.region``."""
    for ln in diff_lines:
        q.region.setdefault(ln.src_no, "diff")
    starts = []
    for fd in q.patch.files:
        if fd.src_no is not None:
            starts.append((fd.src_no, fd.path))
        for h in fd.hunks:
            for line in h.lines:
                q.lines.setdefault(line.src_no, line)
    starts.sort()
    k = -1
    for ln in diff_lines:
        while k + 1 < len(starts) and starts[k + 1][0] <= ln.src_no:
            k += 1
        if k >= 0:
            q.paths[ln.src_no] = starts[k][1]
