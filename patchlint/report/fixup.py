"""``--diff``: the fix-up diff for every input, and nothing else."""

from __future__ import annotations

from . import Reporter


class DiffReporter(Reporter):
    changed = False

    def export(self):
        return dict(super().export(), changed=self.changed)

    def merge(self, state):
        super().merge(state)
        self.changed |= state["changed"]

    def add(self, result, findings):
        from ..fix import fixup_diff
        super().add(result, findings)
        text = fixup_diff(result.patches, findings)
        if text:
            self.changed = True
            self.out.write(text)
