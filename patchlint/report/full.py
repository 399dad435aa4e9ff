"""The annotated terminal format: each finding under the line it is about, with its fix."""

from __future__ import annotations

from . import Reporter, display, location, summary

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


class FullReporter(Reporter):
    first = True

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
            loc += " (removed line)"
        if f.path is None and f.patch is not None and f.patch.subject:
            loc += f" (patch {f.patch.index})"
        w(f"  {self.c('dim', '-->')} {loc}\n")
        ln = f.line
        if ln is not None:
            lines = ln.hunk.lines
            k = ln.index
            show = [x for x in (lines[k - 1] if k > 0 else None, ln,
                                lines[k + 1] if k + 1 < len(lines) else None) if x is not None]
            gw = max(len(str(x.number or "")) for x in show)
            bar = self.c("dim", " " * gw + " |")
            w(bar + "\n")
            for x in show:
                num = str(x.number or "").rjust(gw)
                text = render_text(x.text)
                w(f"{self.c('dim', num + ' |')} {x.kind}{text}\n")
                if x is ln and f.start is not None:
                    start = display_col(ln.text, f.start)
                    end = display_col(ln.text, max(f.end or f.start + 1, f.start + 1))
                    marker = "^" * max(1, end - start)
                    tail = ""
                    if f.replacement is not None:
                        tail = " " + (f"{display(f.replacement)}" if f.replacement
                                      else "remove")
                    w(f"{bar}  {' ' * start}{self.c(f.severity, marker)}"
                      f"{self.c('fix', tail)}\n")
        if f.replacement is not None and ln is not None:
            fixed = ln.text[:f.start] + f.replacement + ln.text[f.end:]
            w(f"  {self.c('dim', '=')} fix: {display(fixed.strip()) or '(blank line)'}\n")
        if f.suggestion:
            for i, s in enumerate(f.suggestion.splitlines()):
                lead = f"  {self.c('dim', '=')} help: " if i == 0 else "          "
                w(lead + display(s) + "\n")

    def finish(self):
        if self.quiet:
            return
        text = summary(self.tally)
        if self.tally.findings:
            self.out.write("\n")
        self.out.write(self.c("bold", text) + "\n")
