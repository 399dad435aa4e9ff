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

from . import Reporter, display, location, summary

TAIL = 40           # display columns of a replacement shown after a marker at most
_CUT = "..."

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "note": "\033[1;36m",
           "dim": "\033[34m", "bold": "\033[1m", "fix": "\033[32m", "reset": "\033[0m"}


def _width(ch, col):
    if ch == "\t":
        return 8 - col % 8
    return len(display(ch))


def render_text(text):
    """Terminal text for a line, with tabs expanded and control characters escaped."""
    out = []
    col = 0
    for ch in text:
        w = _width(ch, col)
        out.append(" " * w if ch == "\t" else display(ch))
        col += w
    return "".join(out)


def display_col(text, idx):
    col = 0
    for ch in text[:idx]:
        col += _width(ch, col)
    return col


MARKS = ("\u00b7", "\u2192")     # a space, a TAB, made visible
ASCII_MARKS = (".", ">")            # the same, for an output that cannot write them


def visible(text, marks=MARKS):
    """Text with its blanks made visible: every TAB as ``→``, and each space of the leading and
    trailing blanks as ``·`` (spaces between words stay spaces).  Control characters are not
    escaped here: :func:`display` does that."""
    return _visible_part(text, 0, len(text), marks)


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


def _shown(text, start, end, marks=MARKS):
    """A whole line with its blanks visible and its control characters escaped."""
    return display(visible(text, marks))


def _short(text, width=TAIL):
    return text if len(text) <= width else text[:width - len(_CUT)] + _CUT


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
        for f in findings:
            if f.patch is not current:
                current = f.patch
                if not self.first:
                    w("\n")
                self.first = False
                head = display(result.name)
                if not result.patches:          # found on the input's patches together
                    head += f": the series ({result.messages} messages)"
                elif result.messages > 1:
                    head += f" (message {current.index})"
                if current.subject and result.patches:
                    head += ": " + display(current.subject)
                w(self.c("bold", head) + "\n")
            w("\n")
            self._finding(f)

    def merge(self, state):
        if state["text"] and not self.first:
            self.out.write("\n")
        if state["text"]:
            self.first = False
        super().merge(state)

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
            lines = ln.hunk.lines
            k = ln.index
            show = [x for x in (lines[k - 1] if k > 0 else None, ln,
                                lines[k + 1] if k + 1 < len(lines) else None) if x is not None]
            if any(x.kind == "-" for x in show):
                ow = max(3, *(len(str(x.old_no or "")) for x in show))
                nw = max(3, *(len(str(x.new_no or "")) for x in show))
                gutter = {id(x): f"{str(x.old_no or '').rjust(ow)} "
                                 f"{str(x.new_no or '').rjust(nw)}" for x in show}
                w(self.c("dim", f"{'old'.rjust(ow)} {'new'.rjust(nw)} |") + "\n")
                bar = self.c("dim", " " * (ow + 1 + nw) + " |")
            else:
                gw = max(len(str(x.number or "")) for x in show)
                gutter = {id(x): str(x.number or "").rjust(gw) for x in show}
                bar = self.c("dim", " " * gw + " |")
                w(bar + "\n")
            for x in show:
                text = render_text(x.text)
                w(f"{self.c('dim', gutter[id(x)] + ' |')} {x.kind}{text}\n")
                if x is ln and f.start is not None:
                    start = display_col(ln.text, f.start)
                    end = display_col(ln.text, max(f.end or f.start + 1, f.start + 1))
                    marker = "^" * max(1, end - start)
                    tail = ""
                    if f.replacement is not None:
                        tail = " " + (_short(display(visible(f.replacement, self.marks)))
                                      if f.replacement else "remove")
                    w(f"{bar}  {' ' * start}{self.c(f.severity, marker)}"
                      f"{self.c('fix', tail)}\n")
        if f.replacement is not None and ln is not None:
            self._fix(f, ln)
        if f.suggestion:
            for i, s in enumerate(f.suggestion.splitlines()):
                lead = f"  {self.c('dim', '=')} help: " if i == 0 else "          "
                w(lead + display(s) + "\n")

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
            return _shown(line[a:b], min(max(start - a, 0), b - a),
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
