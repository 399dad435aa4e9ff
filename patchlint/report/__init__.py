"""Reporters: each turns findings into one output format.  They only read findings.

A reporter is a class taking ``(out, color=..., quiet=...)`` with ``add(result, findings)`` per
input, ``error(name, message)`` for an input that could not be read, and ``finish()``.
"""

from __future__ import annotations

import importlib

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
    module, cls = FORMATS.get(name) or _OTHER[name]
    return getattr(importlib.import_module(module), cls)


class Reporter:
    """What every reporter shares: where it writes and the tally.

    ``add(result, findings)`` is called as findings arrive (per patch for a big input); a
    reporter turns them into its output or into plain data right away and keeps no finding,
    so the patches they point into can go.
    """

    def __init__(self, out, color=False, quiet=False, options=None):
        self.out = out
        self.color = color
        self.quiet = quiet
        self.options = options
        self.tally = Tally()

    def error(self, name, message):
        self.tally.failed += 1

    def add(self, result, findings):
        self.tally.add(result)
        self.tally.count(findings)

    def finish(self):
        pass

    # -j: a worker process reports into a private reporter, exports what it has; the parent
    # merges the exports in input order.
    def export(self):
        text = self.out.getvalue() if hasattr(self.out, "getvalue") else ""
        return {"text": text, "tally": dict(vars(self.tally))}

    def merge(self, state):
        if state["text"]:
            self.out.write(state["text"])
        self.tally.merge(state["tally"])


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


class Tally:
    """What the closing summary counts besides findings: patches, skipped files, bad inputs."""

    def __init__(self):
        self.patches = 0
        self.binary = 0
        self.failed = 0
        self.fixed = 0
        self.severities = {"error": 0, "warning": 0, "note": 0}
        self.fixable = 0

    def add(self, result):
        for p in result.patches:
            if not p.is_cover:
                self.patches += 1
                self.binary += sum(1 for f in p.files if f.is_binary)

    def count(self, findings):
        for f in findings:
            self.severities[f.severity] += 1
            if f.fixable:
                self.fixable += 1

    @property
    def findings(self) -> int:
        return sum(self.severities.values())

    def merge(self, other: dict):
        for key in ("patches", "binary", "failed", "fixed", "fixable"):
            setattr(self, key, getattr(self, key) + other[key])
        for sev, n in other["severities"].items():
            self.severities[sev] += n


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


def location(f) -> str:
    """``path:line:col`` (or the input name for a patch-level finding)."""
    if f.path is None:
        name = f.patch.input if f.patch is not None else "-"
        return name
    loc = display(f.path)
    if f.lineno is not None:
        loc += f":{f.lineno}"
        if f.column is not None:
            loc += f":{f.column}"
    return loc
