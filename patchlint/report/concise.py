"""One line per finding: ``path:line:col: severity: message [rule]`` (editors, grep, b4)."""

from __future__ import annotations

from . import Reporter, display, location, summary


class ConciseReporter(Reporter):
    def add(self, result, findings):
        super().add(result, findings)
        for f in findings:
            self.out.write(f"{location(f)}: {f.severity}: {display(f.message)} [{f.rule}]\n")

    def finish(self):
        if not self.quiet and (self.tally.findings or self.tally.fixed):
            self.out.write(summary(self.tally) + "\n")
