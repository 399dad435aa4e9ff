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

from bisect import bisect_right

from . import Reporter, display, location, summary

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "note": "\033[1;36m",
           "dim": "\033[34m", "bold": "\033[1m", "fix": "\033[32m", "reset": "\033[0m"}

WIDTH = 100         # display columns of a line's text an excerpt shows at most
TAIL = 40           # display columns of a replacement shown after a marker at most
_CUT = "..."
_STEP = 1024        # characters between two remembered columns of a long line


def _char_width(ch):
    import unicodedata
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cell(ch, col):
    """What one character shows as at display column ``col``, and how many columns."""
    if ch == "\t":
        w = 8 - col % 8
        return " " * w, w
    if ch.isprintable():
        return ch, 1 if ch.isascii() else _char_width(ch)
    shown = display(ch)
    return shown, len(shown)


def _width(ch, col):
    return _cell(ch, col)[1]


def render_text(text):
    """Terminal text for a line, with tabs expanded and control characters escaped."""
    out = []
    col = 0
    for ch in text:
        shown, w = _cell(ch, col)
        out.append(shown)
        col += w
    return "".join(out)


def display_col(text, idx):
    return _Layout(text).col(idx)


class _Layout:
    """Where the characters of one line fall on the terminal.

    A plain ASCII line without TABs is its own layout.  Any other line is walked once, and
    every :data:`_STEP` characters its column is remembered, so a column or a window of a
    very long line is found without walking it all again.
    """

    __slots__ = ("text", "simple", "total", "_marks", "_cols")

    def __init__(self, text):
        self.text = text
        self.simple = text.isascii() and text.isprintable()     # (a TAB is not printable)
        if self.simple:
            self.total = len(text)
            return
        marks = []
        col = 0
        for i, ch in enumerate(text):
            if not i % _STEP:
                marks.append((i, col))
            col += _width(ch, col)
        self.total = col
        self._marks = marks or [(0, 0)]
        self._cols = [c for _, c in self._marks]

    def col(self, idx):
        """The display column where character ``idx`` starts."""
        if self.simple:
            return min(idx, self.total)
        idx = min(idx, len(self.text))
        i, col = self._marks[idx // _STEP]
        for ch in self.text[i:idx]:
            col += _width(ch, col)
        return col

    def window(self, lo, hi):
        """What shows in display columns ``lo`` to ``hi``: whole characters only (a
        character cut by ``lo`` shows as blanks, one cut by ``hi`` not at all; TABs are
        blanks, so they are cut like them)."""
        if self.simple:
            return self.text[lo:hi]
        text = self.text
        i, col = self._marks[max(bisect_right(self._cols, lo) - 1, 0)]
        while i < len(text):
            w = _width(text[i], col)
            if col + w > lo:
                break
            col += w
            i += 1
        out = []
        if col < lo and i < len(text):          # a character straddles the cut
            shown, w = _cell(text[i], col)
            if text[i] == "\t":
                out.append(" " * (min(col + w, hi) - lo))
            elif col + w <= hi:
                out.append(" " * (col + w - lo))
            col += w
            i += 1
        while i < len(text) and col < hi:
            shown, w = _cell(text[i], col)
            if col + w > hi:
                if text[i] == "\t":
                    out.append(" " * (hi - col))
                break
            out.append(shown)
            col += w
            i += 1
        return "".join(out)


def choose_window(total, start, end, width=WIDTH):
    """The first display column to show of a line ``total`` columns wide so that the marked
    columns ``start`` to ``end`` stay in view (0: the line is shown from its start)."""
    if total <= width or start is None:
        return 0
    end = max(end, start + 1)
    if end <= width - len(_CUT):
        return 0                                # cut on the right only
    if start >= total - (width - len(_CUT)):
        return total - (width - len(_CUT))      # cut on the left only: the line's end
    room = width - 2 * len(_CUT)
    if end - start <= room:
        lo = (start + end) // 2 - room // 2     # the marker in the middle
    else:
        lo = start - min(start, 8)              # a marker wider than the window: its start
    return max(lo, 0)


def cut(layout, lo, width=WIDTH):
    """``(text, last column shown)`` of a line for a window starting at display column ``lo``:
    at most ``width`` columns, ``...`` on each side that was cut."""
    left = len(_CUT) if lo > 0 and layout.total > 0 else 0
    room = width - left
    if layout.total - lo <= room:
        hi = layout.total
        tail = ""
    else:
        hi = lo + room - len(_CUT)
        tail = _CUT
    return (_CUT if left else "") + layout.window(lo, hi) + tail, hi


MARKS = ("\u00b7", "\u2192")     # a space, a TAB, made visible
ASCII_MARKS = (".", ">")            # the same, for an output that cannot write them


def visible(text, marks=MARKS):
    """Text with its blanks made visible: every TAB as ``→``, and each space of the leading and
    trailing blanks as ``·`` (spaces between words stay spaces).  Control characters are not
    escaped here: :func:`display` does that."""
    return _visible_part(text, 0, len(text), marks)


def _where_removed(ln):
    """Where a removed line was, told in both files' numbers."""
    fd = ln.hunk.file
    head = f"removed line: {ln.old_no} in the old file"
    if fd.is_deleted:
        return head + ", which the patch deletes"
    lines = ln.hunk.lines
    after = next((x.new_no for x in lines[ln.index + 1:] if x.new_no is not None), None)
    if after is not None:
        return head + f", before {after} in the new"
    before = next((x.new_no for x in reversed(lines[:ln.index]) if x.new_no is not None),
                  None)
    if before is None:
        before = ln.hunk.new_start if ln.hunk.new_len == 0 else None
    if before:
        return head + f", after {before} in the new"
    return head + ", at the top of the new"


class FullReporter(Reporter):
    first = True

    def __init__(self, out, color=False, quiet=False, options=None):
        super().__init__(out, color, quiet, options)
        self._layouts = {}

    @property
    def marks(self):
        """The marks for blanks: ``·`` and ``→`` unless the output cannot write them."""
        import sys
        enc = getattr(self.out, "encoding", None) or getattr(sys.stdout, "encoding", None)
        try:
            "".join(MARKS).encode(enc or "utf-8")
        except (LookupError, UnicodeEncodeError):
            return ASCII_MARKS
        return MARKS

    def c(self, key, text):
        return f"{_COLORS[key]}{text}{_COLORS['reset']}" if self.color else text

    def add(self, result, findings):
        super().add(result, findings)
        current = None
        w = self.out.write
        try:
            for f in findings:
                if f.patch is not current:
                    current = f.patch
                    if not self.first:
                        w("\n")
                    self.first = False
                    head = display(result.name)
                    series = not result.patches and result.messages > 1
                    if series:                      # found on the input's patches together
                        head += f": the series ({result.messages} messages)"
                    elif result.messages > 1:
                        head += f" (message {current.index})"
                    if current.subject and not series:
                        head += ": " + display(current.subject)
                    w(self.c("bold", head) + "\n")
                w("\n")
                self._finding(f)
        finally:
            self._layouts.clear()                   # (they hold lines of this input)

    def merge(self, state):
        if state["text"] and not self.first:
            self.out.write("\n")
        if state["text"]:
            self.first = False
        super().merge(state)

    def _layout(self, line):
        got = self._layouts.get(line)
        if got is None:
            got = self._layouts[line] = _Layout(line.text)
        return got

    def _finding(self, f):
        w = self.out.write
        sev = self.c(f.severity, f"{f.severity}[{f.rule}]")
        w(f"{sev}: {display(f.message)}\n")
        loc = location(f)
        if f.line is not None and f.line.kind == "-":
            loc += f" ({_where_removed(f.line)})"
        if f.path is None and f.patch is not None and f.patch.subject:
            loc += f" (patch {f.patch.index})"
        w(f"  {self.c('dim', '-->')} {loc}\n")
        ln = f.line
        if ln is not None:
            self._excerpt(f, ln)
        if f.replacement is not None and ln is not None:
            self._fix(f, ln)
        if f.suggestion:
            for i, s in enumerate(f.suggestion.splitlines()):
                lead = f"  {self.c('dim', '=')} help: " if i == 0 else "          "
                w(lead + display(s) + "\n")

    def _excerpt(self, f, ln):
        w = self.out.write
        lines = ln.hunk.lines
        k = ln.index
        show = [x for x in (lines[k - 1] if k > 0 else None, ln,
                            lines[k + 1] if k + 1 < len(lines) else None) if x is not None]
        if any(x.kind == "-" for x in show):
            ow = max(3, *(len(str(x.old_no or "")) for x in show))
            nw = max(3, *(len(str(x.new_no or "")) for x in show))
            gutter = {id(x): f"{str(x.old_no or '').rjust(ow)} {str(x.new_no or '').rjust(nw)}"
                      for x in show}
            w(self.c("dim", f"{'old'.rjust(ow)} {'new'.rjust(nw)} |") + "\n")
            bar = self.c("dim", " " * (ow + 1 + nw) + " |")
        else:
            gw = max(len(str(x.number or "")) for x in show)
            gutter = {id(x): str(x.number or "").rjust(gw) for x in show}
            bar = self.c("dim", " " * gw + " |")
            w(bar + "\n")
        here = self._layout(ln)
        start = end = None
        if f.start is not None:
            start = here.col(f.start)
            end = here.col(max(f.end or f.start + 1, f.start + 1))
        lo = choose_window(here.total, start, end)
        for x in show:
            text, hi = cut(self._layout(x), lo)
            w(f"{self.c('dim', gutter[id(x)] + ' |')} {x.kind}{text}\n")
            if x is ln and start is not None:
                left = len(_CUT) if lo > 0 else 0
                stop = max(min(end, hi if hi < here.total else end), start + 1)
                marker = "^" * max(1, stop - start)
                tail = ""
                if f.replacement is not None:
                    tail = " " + (_short(display(visible(f.replacement, self.marks)))
                                  if f.replacement else "remove")
                w(f"{bar}  {' ' * (left + start - lo)}{self.c(f.severity, marker)}"
                  f"{self.c('fix', tail)}\n")

    def _fix(self, f, ln):
        """``= fix:`` and, for a fix of the blanks around the text, ``was:``.

        Leading or trailing blanks the fix changes are shown (visibly) on both lines; those it
        keeps are left out, as the text is what the reader compares.
        """
        w = self.out.write
        text = ln.text
        fixed = text[:f.start] + f.replacement + text[f.end:]
        before, after = _blanks(text), _blanks(fixed)
        keep = (before[0] != after[0], before[1] != after[1])

        def part(line, blanks, start, end):
            a = 0 if keep[0] else len(blanks[0])
            b = len(line) - (0 if keep[1] else len(blanks[1]))
            return _shown_line(line[a:b], min(max(start - a, 0), b - a),
                               min(max(end - a, 0), b - a), self.marks)
        shown = part(fixed, after, f.start, f.start + len(f.replacement))
        w(f"  {self.c('dim', '=')} fix: {shown or '(blank line)'}\n")
        if any(keep):
            w(f"    {self.c('dim', 'was:')} {part(text, before, f.start, f.end)}\n")

    def finish(self):
        if self.quiet:
            return
        text = summary(self.tally)
        if self.tally.findings:
            self.out.write("\n")
        self.out.write(self.c("bold", text) + "\n")


def _shown_line(text, start, end, marks=MARKS):
    """A whole line with its blanks visible, cut around ``start``..``end`` like an excerpt.

    Only a stretch of the line around the span is made visible and escaped (a few times
    :data:`WIDTH` characters: never fewer columns than the window), so a line of megabytes
    with many findings costs no more per finding than a short one.
    """
    reach = 4 * WIDTH
    a = max(0, start - reach)
    b = min(len(text), max(end, start) + reach)
    piece = _visible_part(text, a, b, marks)
    shown = display(piece)
    first, last = start - a, max(end, start) - a
    if len(shown) != len(piece):                # escapes moved the columns
        first = len(display(piece[:first]))
        last = len(display(piece[:last]))
    layout = _Layout(shown)
    first, last = layout.col(first), layout.col(max(last, first + 1))
    lo = choose_window(layout.total, first, last)
    if a > 0:
        lo = max(lo, 1)                         # there is more on the left
    line, hi = cut(layout, lo)
    if b < len(text) and hi >= layout.total:
        line += _CUT                            # and on the right
    return line


def _visible_part(text, a, b, marks=MARKS):
    """:func:`visible` of the whole line, of which only ``text[a:b]`` is made."""
    body_start = len(text) - len(text.lstrip(" \t"))
    body_end = len(text.rstrip(" \t"))
    if body_end == 0:
        body_start = body_end = len(text)

    def blanks(s):
        return s.replace(" ", marks[0]).replace("\t", marks[1])
    head = blanks(text[a:min(b, body_start)]) if a < body_start else ""
    mid = text[max(a, body_start):min(b, body_end)].replace("\t", marks[1])
    tail = blanks(text[max(a, body_end):b]) if b > body_end else ""
    return head + mid + tail


def _blanks(text):
    """A line's leading and trailing blanks."""
    body = text.strip(" \t")
    if not body:
        return text, ""
    return text[:len(text) - len(text.lstrip(" \t"))], text[len(text.rstrip(" \t")):]


def _short(text, width=TAIL):
    return text if len(text) <= width else text[:width - len(_CUT)] + _CUT
