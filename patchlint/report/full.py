"""The annotated terminal format: each finding under the line it is about, with its fix.

::

    error[flags-type]: `flags` is declared `int`; libvirt passes flags as `unsigned int`
      --> src/util/virfile.c:11:27
    old new |
     11     | -qemuFoo(virDomainPtr dom)
         11 | +qemuFoo(virDomainPtr dom, int flags)
            |                            ^^^ unsigned int
     12  12 |  {
      = fix: qemuFoo(virDomainPtr dom, unsigned int flags)

The excerpt is the flagged line with the line above and the line below it in its hunk, each
with its prefix (``+`` added, ``-`` removed, a blank for context), and a marker under the exact
columns a finding is about.

Line numbers: when the excerpt shows only added and context lines, the gutter holds their
numbers in the patched file.  When it shows a removed line, one column of numbers cannot be
right for every line, so the gutter holds two, headed ``old`` and ``new``: a context line has
both, a removed line only its old one, an added line only its new one.  The ``-->`` line of a
finding on a removed line gives its old number and says where the removal is in the new file.

Width: each excerpt line shows at most :data:`WIDTH` (100) display columns of the line's text
(TABs expanded to 8 columns, control characters escaped, wide characters counted twice).  A
longer line is cut to a window around the marker, the cut side or sides shown as ``...``; the
lines above and below are cut to the same columns, so the marker stays under what it marks.
A line of 100 KB gives a finding of a few hundred bytes, not the whole line.

Fixes: ``= fix:`` shows the line as ``--fix`` will leave it, cut like the excerpt, without the
indentation and trailing blanks it keeps.  When a fix changes those blanks (``tab-indent``,
``label-indent``, ``trailing-whitespace``), they are what the reader must see, so they are shown
with every TAB as ``→`` and every space as ``·``, and a ``was:`` line under it shows the line
before the fix the same way::

      = fix: ········return -1;
        was: →return -1;

A TAB between words shows as ``→`` too (a raw TAB would be expanded from the wrong column).
The replacement named after a marker is written the same way (``^^^^^^^^ ········``).  On an
output that cannot write ``·`` and ``→`` (an ASCII locale), ``.`` and ``>`` stand for them.
"""

from __future__ import annotations

import sys

from . import Reporter, display, place, summary
from .layout import (
    ASCII_MARKS,
    CUT,
    MARKS,
    Layout,
    blanks_of,
    choose_window,
    cut,
    short,
    shown_line,
    visible,
)

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "note": "\033[1;36m",
           "dim": "\033[34m", "bold": "\033[1m", "fix": "\033[32m", "reset": "\033[0m"}

def _where_removed(f):
    """Where a removed line was, told in both files' numbers."""
    head = f"removed line: {f.line} in the old file"
    how = f.removal
    if how[0] == "deleted":
        return head + ", which the patch deletes"
    if how[0] == "before":
        return head + f", before {how[1]} in the new"
    if how[0] == "after":
        return head + f", after {how[1]} in the new"
    return head + ", at the top of the new"


def _number(kind, old_no, new_no):
    return old_no if kind == "-" else new_no


class FullReporter(Reporter):
    def __init__(self, out, options=None, rules=()):
        super().__init__(out, options, rules)
        self.first = True

    @property
    def marks(self):
        """The marks for blanks: ``·`` and ``→`` unless the output cannot write them."""
        enc = getattr(self.out, "encoding", None) or getattr(sys.stdout, "encoding", None)
        try:
            "".join(MARKS).encode(enc or "utf-8")
        except (LookupError, UnicodeEncodeError):
            return ASCII_MARKS
        return MARKS

    def c(self, key, text):
        return f"{_COLORS[key]}{text}{_COLORS['reset']}" if self.color else text

    def _head(self, text):
        if not self.first:
            self.out.write("\n")
        self.first = False
        self.out.write(self.c("bold", text) + "\n")

    def patch(self, inp, patch, findings):
        if not findings:
            return
        head = display(inp.name)
        if inp.messages > 1:
            head += f" (message {patch.index})"
        if patch.subject:
            head += ": " + display(patch.subject)
        self._head(head)
        for f in findings:
            self.out.write("\n")
            self._finding(f)

    def series(self, inp, findings):
        if not findings:
            return
        if inp.messages > 1:
            self._head(f"{display(inp.name)}: the series ({inp.messages} messages)")
        else:                           # one message: it is the series
            subject = findings[0].subject
            self._head(display(inp.name) + (": " + display(subject) if subject else ""))
        for f in findings:
            self.out.write("\n")
            self._finding(f)

    def _finding(self, f):
        w = self.out.write
        sev = self.c(f.severity, f"{f.severity}[{f.rule}]")
        w(f"{sev}: {display(f.message)}\n")
        loc = place(f)
        if f.side == "old":
            loc += f" ({_where_removed(f)})"
        if f.path is None and f.subject:
            loc += f" (patch {f.patch})"
        elif f.series and f.path is not None and f.subject:
            loc += f" (message {f.patch}: {display(f.subject)})"    # the patch it is in
        w(f"  {self.c('dim', '-->')} {loc}\n")
        if f.excerpt is not None:
            self._excerpt(f)
        if f.replacement is not None and f.text is not None:
            self._fix(f)
        if f.suggestion:
            for i, s in enumerate(f.suggestion.splitlines()):
                lead = f"  {self.c('dim', '=')} help: " if i == 0 else "          "
                w(lead + display(s) + "\n")

    def _excerpt(self, f):
        w = self.out.write
        show = f.excerpt
        if any(kind == "-" for kind, _, _, _ in show):
            ow = max(3, *(len(str(old or "")) for _, old, _, _ in show))
            nw = max(3, *(len(str(new or "")) for _, _, new, _ in show))
            gutter = [f"{str(old or '').rjust(ow)} {str(new or '').rjust(nw)}"
                      for _, old, new, _ in show]
            w(self.c("dim", f"{'old'.rjust(ow)} {'new'.rjust(nw)} |") + "\n")
            bar = self.c("dim", " " * (ow + 1 + nw) + " |")
        else:
            numbers = [str(_number(*x[:3]) or "") for x in show]
            gw = max(len(n) for n in numbers)
            gutter = [n.rjust(gw) for n in numbers]
            bar = self.c("dim", " " * gw + " |")
            w(bar + "\n")
        layouts = [Layout(text) for _, _, _, text in show]
        here = layouts[f.at]
        start = end = None
        if f.start is not None:
            start = here.col(f.start)
            end = here.col(max(f.end or f.start + 1, f.start + 1))
        lo = choose_window(here.total, start, end)
        for k, (kind, _, _, _) in enumerate(show):
            text, hi = cut(layouts[k], lo)
            w(f"{self.c('dim', gutter[k] + ' |')} {kind}{text}\n")
            if k == f.at and start is not None:
                left = len(CUT) if lo > 0 else 0
                stop = max(min(end, hi if hi < here.total else end), start + 1)
                marker = "^" * max(1, stop - start)
                tail = ""
                if f.replacement is not None:
                    tail = " " + (short(display(visible(f.replacement, self.marks)))
                                  if f.replacement else "remove")
                w(f"{bar}  {' ' * (left + start - lo)}{self.c(f.severity, marker)}"
                  f"{self.c('fix', tail)}\n")

    def _fix(self, f):
        """``= fix:`` and, for a fix of the blanks around the text, ``was:``.

        Leading or trailing blanks the fix changes are shown (visibly) on both lines; those it
        keeps are left out, as the text is what the reader compares.
        """
        w = self.out.write
        text = f.text
        fixed = text[:f.start] + f.replacement + text[f.end:]
        before, after = blanks_of(text), blanks_of(fixed)
        keep = (before[0] != after[0], before[1] != after[1])

        def part(line, blanks, start, end):
            a = 0 if keep[0] else len(blanks[0])
            b = len(line) - (0 if keep[1] else len(blanks[1]))
            return shown_line(line[a:b], min(max(start - a, 0), b - a),
                               min(max(end - a, 0), b - a), self.marks)
        shown = part(fixed, after, f.start, f.start + len(f.replacement))
        w(f"  {self.c('dim', '=')} fix: {shown or '(blank line)'}\n")
        if any(keep):
            w(f"    {self.c('dim', 'was:')} {part(text, before, f.start, f.end)}\n")

    def finish(self, tally):
        if self.quiet:
            return
        text = summary(tally)
        if tally.findings:
            self.out.write("\n")
        self.out.write(self.c("bold", text) + "\n")
