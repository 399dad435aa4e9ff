"""``--format=json``: one JSON array of finding objects, as CONTRACT.md fixes it."""

from __future__ import annotations

import json

from . import Reporter, clean


def finding_dict(f) -> dict:
    """A finding record as the contract's JSON object."""
    d = {
        "rule": f.rule,
        "severity": f.severity,
        "message": clean(f.message),
        "path": clean(f.path),
        "line": f.line,
        "column": f.column,
        "input": clean(f.input),
        "patch": f.patch,
        "subject": clean(f.subject),
    }
    if f.end_column is not None:
        d["end_column"] = f.end_column
    if f.side is not None:
        d["side"] = f.side
        d["input_line"] = f.input_line
    if f.syntax_check:
        d["syntax_check"] = f.syntax_check
    if f.check_script:
        d["check_script"] = f.check_script
    if f.replacement is not None:
        d["fix"] = {"replacement": clean(f.replacement)}
    if f.suggestion:
        d["suggestion"] = clean(f.suggestion)
    if f.commit:
        d["commit"] = f.commit
    return d


class JsonReporter(Reporter):
    def __init__(self, out, options=None, rules=()):
        super().__init__(out, options, rules)
        self.items = []

    def patch(self, inp, patch, findings):
        self.items.extend(finding_dict(f) for f in findings)

    def series(self, inp, findings):
        self.items.extend(finding_dict(f) for f in findings)

    def finish(self, tally):
        json.dump(self.items, self.out, indent=2)
        self.out.write("\n")
