"""Review replies: the patch a reviewer quotes with "> ", taken back out of the reply.

A reply holds the reviewer's own text, an attribution line ("On <date>, <name> wrote:") and
the patch quoted a line at a time.  The quoted lines are unquoted here, one ">" level, and
keep their input line numbers.  They go on to the diff scanner with marks (see
:mod:`patchlint.srclines`): that they were quoted, where the reviewer's own text interrupted
the quote, and where the reviewer cut lines ("[...]").  The scanner never sees a ">" and takes
no flag; it reads the marks off the lines (a quoted hunk that stops short was trimmed by the
reviewer, not damaged).
"""

from __future__ import annotations

import re

from .lazyre import lazy_re
from .mail import loose_date
from .srclines import CUT, QUOTED, RESUMED, SrcLine

# a line standing for lines the reviewer left out: "[...]", "[snip]", "...", "<snip>"
GAP_RE = lazy_re(r"^\s*(?:\[\s*(?:\.\.\.|…|snip)[^\]]*\]|\.\.\.|…|<\s*snip\s*>|\[\s*\])\s*$",
                 re.I)
_QUOTED_DIFF_RE = lazy_re(r"^>[ ]?(?:diff --git |@@ -\d+(?:,\d+)? \+\d+|\+\+\+ \S|--- a/)",
                          re.M)
_ATTRIB_RE = lazy_re(r"^On (.{4,80}?),? (.{2,120}?) wrote:\s*$")
# "On 01/13/2012 01:51 PM, Adam Litke wrote:": the date runs to the last comma
_ATTRIB_COMMA_RE = lazy_re(r"^On (.{4,80}),\s+((?!\d)[^,]{2,120}?) wrote:\s*$")


def quotes_a_patch(lines) -> bool:
    """Does the text quote a diff with "> " (looked for in its first 4,000 lines)?"""
    probe = "\n".join(ln.text for ln in (lines[:4000] if len(lines) > 4000 else lines))
    return bool(_QUOTED_DIFF_RE.search(probe))


def split_quoted(lines):
    """(quoted lines unquoted, the reply's own lines, attribution name, its date): a reply's
    quoted lines with one '>' level removed, apart from its own text.

    Every quoted line is marked QUOTED; the first after the reviewer's own words RESUMED; a
    "[...]" CUT, whether quoted or the reviewer's own (see :mod:`patchlint.srclines`).
    """
    quoted = []
    plain = []
    attribution = when = None
    prev_quoted = True
    for ln in lines:
        t = ln.text
        if t.startswith(">"):
            q = t[2:] if t.startswith("> ") else t[1:]
            mark = QUOTED | (0 if prev_quoted else RESUMED) | (CUT if GAP_RE.match(q) else 0)
            quoted.append(SrcLine(q, ln.eol, ln.src_no, mark))
            prev_quoted = True
            continue
        plain.append(ln)
        if GAP_RE.match(t):
            # the reviewer's own "[...]" cuts the quoted hunk just as a quoted one does
            quoted.append(SrcLine(t.strip(), ln.eol, ln.src_no, QUOTED | RESUMED | CUT))
        if t.strip():
            prev_quoted = False
        if attribution is None:
            attribution, when = _attribution(t.strip())
    return quoted, plain, attribution, when


def _attribution(text):
    """(name, date or None) of an attribution line, or (None, None) when it is not one."""
    m = _ATTRIB_COMMA_RE.match(text) or _ATTRIB_RE.match(text)
    if not m:
        return None, None
    return m.group(2).strip(), loose_date(m.group(1))
