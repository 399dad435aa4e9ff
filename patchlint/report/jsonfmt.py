"""``--format=json``: one JSON array of finding objects, as CONTRACT.md fixes it."""

from __future__ import annotations

from . import Reporter, clean


def finding_dict(f) -> dict:
    d = {
        "rule": f.rule,
        "severity": f.severity,
        "message": clean(f.message),
        "path": clean(f.path),
        "line": f.lineno,
        "column": f.column,
        "input": clean(f.patch.input) if f.patch is not None else None,
        "patch": f.patch.index if f.patch is not None else None,
        "subject": clean(f.patch.subject) if f.patch is not None else None,
    }
    if f.line is not None and f.end is not None:
        d["end_column"] = f.end + 1
    if f.line is not None:
        d["side"] = "old" if f.line.kind == "-" else "new"
        d["input_line"] = f.line.src_no
    if f.syntax_check:
        d["syntax_check"] = f.syntax_check
    if f.replacement is not None:
        d["fix"] = {"replacement": clean(f.replacement)}
    if f.suggestion:
        d["suggestion"] = clean(f.suggestion)
    if f.patch is not None and f.patch.commit:
        d["commit"] = f.patch.commit
    return d


class JsonReporter(Reporter):
    def __init__(self, out, color=False, quiet=False, options=None):
        super().__init__(out, color, quiet, options)
        self.items = []

    def add(self, result, findings):
        super().add(result, findings)
        self.items.extend(finding_dict(f) for f in findings)

    def export(self):
        return dict(super().export(), items=self.items)

    def merge(self, state):
        super().merge(state)
        self.items.extend(state["items"])

    def finish(self):
        import json
        json.dump(self.items, self.out, indent=2)
        self.out.write("\n")
