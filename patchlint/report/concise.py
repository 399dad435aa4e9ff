"""One line per finding: ``path:line:col: severity: message [rule]`` (editors, grep, b4)."""

from __future__ import annotations

from . import Tally, display, location, summary


class ConciseReporter:
    def __init__(self, out, color=False, quiet=False):
        self.out = out
        self.quiet = quiet
        self.findings = []
        self.tally = Tally()

    def error(self, name, message):
        self.tally.failed += 1

    def add(self, result, findings):
        self.tally.add(result)
        self.findings.extend(findings)
        for f in findings:
            self.out.write(f"{location(f)}: {f.severity}: {display(f.message)} [{f.rule}]\n")

    def finish(self):
        if not self.quiet and self.findings:
            self.out.write(summary(self.findings, self.tally) + "\n")
