"""``--diff``: the fix-up diff of every patch, and nothing else."""

from __future__ import annotations

from . import Reporter


class DiffReporter(Reporter):
    wants_fixup = True

    def patch(self, inp, patch, findings):
        if patch.fixup:
            self.out.write(patch.fixup)
