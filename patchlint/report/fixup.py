"""``--diff``: the fix-up diff for every input, and nothing else."""

from __future__ import annotations

from . import Reporter


class DiffReporter(Reporter):
    changed = False

    def add(self, result, findings):
        from ..fix import fixup_diff
        super().add(result, findings)
        text = fixup_diff(result.patches, findings)
        if text:
            self.changed = True
            self.out.write(text)
