"""One line per finding: ``path:line:col: severity: message [rule]`` (editors, grep, b4)."""

from __future__ import annotations

from . import Reporter, display, place, summary


class ConciseReporter(Reporter):
    def patch(self, inp, patch, findings):
        self._lines(findings)

    def series(self, inp, findings):
        self._lines(findings)

    def _lines(self, findings):
        for f in findings:
            self.out.write(f"{place(f)}: {f.severity}: {display(f.message)} [{f.rule}]\n")

    def finish(self, tally):
        if not self.quiet and (tally.findings or tally.fixed):
            self.out.write(summary(tally) + "\n")
