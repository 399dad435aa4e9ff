"""Formats for b4's check commands.

``--format=b4`` is for ``b4 prep --check`` (``b4.prep-perpatch-check-cmd``; ``b4 am --check``
reads ``b4.am-perpatch-check-cmd`` the same way).  b4 feeds one patch mail on stdin and reads
stdout line by line, as it reads ``checkpatch.pl --terse``: a line holding ``ERROR:`` is a
failure, any other line a warning, a line on stderr a failure, and no output at all with exit
status 0 "passed all checks".  So each finding is one line::

    ERROR: src/qemu/qemu_driver.c:2531: `flags` is declared `int` ... [flags-type]
    WARNING: src/libvirt.c:77: write "bitwise-OR", not "bitwise or" [bitwise-or-wording]
    ERROR: no Signed-off-by: line; sign off your work (git commit -s) [signed-off-by]

Notes are printed as ``WARNING:`` too: b4 knows only pass, warning and fail, and a nit left
out would leave ``--fail-on note`` failing with nothing said; ``--ignore RULE`` or
``--select`` keeps them out.  Nothing else is printed: no summary, nothing for a clean patch.
The exit status is the command line's as always (b4 reads the lines first).

``--format=b4-review`` is for ``b4 review``'s ``b4.review-perpatch-check-cmd``: b4 feeds one
patch mail on stdin and reads one JSON list of results, each ``{"tool", "status": "pass" |
"warn" | "fail", "summary", "url", "details"}``.  patchlint gives one result per patch it read
(a cover letter has no code and gets none): ``fail`` when it has an error, ``warn`` when only
warnings or notes, ``pass`` when clean.  ``details`` is, as for b4's own checkpatch check, a
JSON-encoded list of ``{"status", "description"}``, one per finding (b4's review screen shows
each with its status colour; anything else would show as plain text).  An input that cannot
be read gives a ``fail`` result naming why, so b4 shows the reason rather than an exit status.
"""

from __future__ import annotations

from . import Reporter, display, plural

_LEVEL = {"error": "ERROR", "warning": "WARNING", "note": "WARNING"}
_STATUS = {"error": "fail", "warning": "warn", "note": "warn"}


def line_for(f) -> str:
    """``LEVEL: path:line: message [rule]`` (no location for a patch-level finding)."""
    loc = ""
    if f.path is not None:
        loc = display(f.path)
        if f.lineno is not None:
            loc += f":{f.lineno}"
        loc += ": "
    return f"{_LEVEL.get(f.severity, 'WARNING')}: {loc}{display(f.message)} [{f.rule}]"


class B4Reporter(Reporter):
    """``b4 prep --check``: one terse line per finding, nothing when clean."""

    def add(self, result, findings):
        super().add(result, findings)
        for f in findings:
            self.out.write(line_for(f) + "\n")


class B4ReviewReporter(Reporter):
    """``b4 review`` check command: a JSON list, one result per patch read."""

    def __init__(self, out, color=False, quiet=False, options=None):
        super().__init__(out, color=color, quiet=quiet, options=options)
        self.results = []

    def add(self, result, findings):
        super().add(result, findings)
        for patch in result.patches:
            if patch.is_cover:
                continue
            mine = [f for f in findings if f.patch is patch]
            self.results.append(_result(mine))

    def error(self, name, message):
        super().error(name, message)
        from . import clean
        where = "standard input" if name == "-" else clean(name)
        self.results.append({"tool": "patchlint", "status": "fail",
                             "summary": f"could not read {where}: {clean(message)}",
                             "url": None, "details": ""})

    def export(self):
        return dict(super().export(), results=self.results)

    def merge(self, state):
        super().merge(state)
        self.results.extend(state["results"])

    def finish(self):
        import json
        json.dump(self.results, self.out, indent=2)
        self.out.write("\n")


def _result(findings) -> dict:
    import json

    from . import clean
    if not findings:
        return {"tool": "patchlint", "status": "pass", "summary": "passed all checks",
                "url": None, "details": ""}
    counts = {"error": 0, "warning": 0, "note": 0}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    status = "fail" if counts["error"] else "warn"
    parts = [plural(counts[k], k) for k in ("error", "warning", "note") if counts[k]]
    text = ", ".join(parts)
    fixable = sum(1 for f in findings if f.fixable)
    if fixable:
        text += f"; {fixable} fixable with patchlint --fix"
    details = [{"status": _STATUS.get(f.severity, "warn"), "description": clean(line_for(f))}
               for f in findings]
    return {"tool": "patchlint", "status": status, "summary": text, "url": None,
            "details": json.dumps(details)}
