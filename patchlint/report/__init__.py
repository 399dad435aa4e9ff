"""Reporters: each turns the records of a check into one output format.

A reporter reads only what :mod:`patchlint.results` records (never the patch model, never the
engine) and what it is handed: where to write, its :class:`Options`, and the rule catalogue.
The run calls, in input order:

``patch(input, patch, findings)``
    for every patch read (a cover letter and a clean patch too), with its findings;
``series(input, findings)``
    after the patches of an input, with the findings about its patches together (a missing
    cover letter, the numbering), when there are any;
``error(name, message)``
    for an input that could not be read;
``finish(tally)``
    once, at the end, with the run's counts (:class:`Tally`) for a closing summary.

The exit status is the run's business, not a reporter's.
"""

from __future__ import annotations

import importlib
import sys

FORMATS = {
    "full": ("patchlint.report.full", "FullReporter"),
    "concise": ("patchlint.report.concise", "ConciseReporter"),
    "json": ("patchlint.report.jsonfmt", "JsonReporter"),
    "reply": ("patchlint.report.reply", "ReplyReporter"),
    "sarif": ("patchlint.report.sarif", "SarifReporter"),
    "github": ("patchlint.report.github", "GithubReporter"),
    "gitlab": ("patchlint.report.gitlab", "GitlabReporter"),
    "b4": ("patchlint.report.b4", "B4Reporter"),
    "b4-review": ("patchlint.report.b4", "B4ReviewReporter"),
}
# not a --format: what --diff prints
_OTHER = {"diff": ("patchlint.report.fixup", "DiffReporter")}


def get(name):
    """The reporter class of a format (its module imported only now: a run pays for one)."""
    module, cls = FORMATS.get(name) or _OTHER[name]
    return getattr(importlib.import_module(module), cls)


class Options:
    """What a reporter may be told: colour, no summary, and the review reply's settings
    (lines quoted above a comment, a summary reply to the series, one file per reply in a
    folder, the sender)."""

    def __init__(self, color=False, quiet=False, reply_context=3, reply_cover=False,
                 reply_dir=None, sender="patchlint <patchlint@localhost>"):
        self.color = color
        self.quiet = quiet
        self.reply_context = reply_context
        self.reply_cover = reply_cover
        self.reply_dir = reply_dir
        self.sender = sender


class Reporter:
    """What every reporter shares: where it writes, its options, the rule catalogue."""

    wants_fixup = False         # does it print the fix-up diff of a patch (PatchInfo.fixup)?
    wants_mail = False          # does it write mail (PatchInfo.date, .to, .cc)?

    def __init__(self, out, options=None, rules=()):
        self.out = out
        self.options = options or Options()
        self.rules = rules

    @property
    def color(self):
        return self.options.color

    @property
    def quiet(self):
        return self.options.quiet

    def patch(self, inp, patch, findings):
        pass

    def series(self, inp, findings):
        pass

    def error(self, name, message):
        pass

    def finish(self, tally):
        pass


class Tally:
    """What a run counts, for the exit status and the closing summary."""

    def __init__(self):
        self.patches = 0
        self.binary = 0
        self.failed = 0
        self.fixed = 0
        self.fixable = 0
        self.changed = False            # --diff: some patch has a fix-up
        self.severities = counts()

    def count(self, findings):
        for f in findings:
            self.severities[f.severity] += 1
            if f.fixable:
                self.fixable += 1

    @property
    def findings(self) -> int:
        return sum(self.severities.values())


def counts(findings=()):
    """``{"error": n, "warning": n, "note": n}`` of some findings."""
    out = {"error": 0, "warning": 0, "note": 0}
    for f in findings:
        out[f.severity] += 1
    return out


def display(text: str) -> str:
    """Make text safe for a terminal: escape control characters and undecodable bytes."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        o = ord(ch)
        if ch == "\t" or ch.isprintable():
            out.append(ch)
        elif 0xDC80 <= o <= 0xDCFF:        # a byte that was not valid UTF-8
            out.append(f"\\x{o - 0xDC00:02x}")
        elif o < 0x100:
            out.append(f"\\x{o:02x}")
        else:
            out.append(f"\\u{o:04x}")
    return "".join(out)


def clean(text):
    """Text for JSON/SARIF/mail: undecodable bytes become U+FFFD, the rest is kept."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    # bytes that were not UTF-8 (escaped as U+DC80..U+DCFF) go back to bytes and become
    # U+FFFD; any other lone surrogate has no bytes to go back to and becomes U+FFFD itself
    text = "".join(ch if not 0xD800 <= ord(ch) <= 0xDFFF or 0xDC80 <= ord(ch) <= 0xDCFF
                   else "\ufffd" for ch in text)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def plural(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary(tally) -> str:
    patches = tally.patches
    counts = tally.severities
    if not tally.findings:
        text = "No findings in " + ("1 patch" if patches == 1 else f"{patches} patches")
    else:
        parts = [plural(counts["error"], "error"), plural(counts["warning"], "warning"),
                 plural(counts["note"], "note")]
        text = ", ".join(parts) + " in " + (f"{patches} patches" if patches != 1
                                            else "1 patch")
        fixable = tally.fixable
        if fixable:
            text += f"; {fixable} fixable with --fix"
    if tally.fixed:
        text += f"; fixed {plural(tally.fixed, 'finding')}"
    if tally.binary:
        text += f"; {plural(tally.binary, 'binary file')} not checked"
    if tally.failed:
        text += f"; {plural(tally.failed, 'input')} could not be read"
    return text + "."


def place(f, column=True) -> str:
    """``path:line:col`` of a finding (``path:line`` without the column), as shown on a
    terminal; a finding about a whole mail is placed at its input."""
    if f.path is None:
        return display(f.input if f.input is not None else "-")
    loc = display(f.path)
    if f.line is not None:
        loc += f":{f.line}"
        if column and f.column is not None:
            loc += f":{f.column}"
    return loc


def utf16_column(text, col):
    """A code-point offset into ``text`` as a 1-based UTF-16 column (SARIF's default kind)."""
    return len(text[:col].encode("utf-16-le", "surrogatepass")) // 2 + 1


def say(text):
    """Write a one-line message to stderr with its control characters escaped: a file name
    or a patch may carry escape sequences, which must not reach the terminal raw."""
    sys.stderr.write(display(text.rstrip("\n")) + "\n")


def usage_error(message):
    """A wrong command line: one line on stderr pointing at ``--help``, and exit status 2."""
    say(f"patchlint: error: {message} (see 'patchlint --help')\n")
    sys.exit(2)
