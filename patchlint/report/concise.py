"""One line per finding: ``path:line:col: severity: message [rule]`` (editors, grep, b4)."""

from __future__ import annotations

from . import display, location, summary


class ConciseReporter:
    def __init__(self, out, color=False, quiet=False):
        self.out = out
        self.quiet = quiet
        self.findings = []
        self.patches = 0
        self.failed = 0

    def error(self, name, message):
        self.failed += 1

    def add(self, result, findings):
        self.patches += sum(1 for p in result.patches if not p.is_cover)
        self.findings.extend(findings)
        for f in findings:
            self.out.write(f"{location(f)}: {f.severity}: {display(f.message)} [{f.rule}]\n")

    def finish(self):
        if not self.quiet and self.findings:
            self.out.write(summary(self.findings, self.patches, self.failed) + "\n")
