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

import json

from . import Reporter, clean, counts, display, place, plural

_LEVEL = {"error": "ERROR", "warning": "WARNING", "note": "WARNING"}
_STATUS = {"error": "fail", "warning": "warn", "note": "warn"}


def line_for(f) -> str:
    """``LEVEL: path:line: message [rule]`` (no location for a patch-level finding)."""
    loc = place(f, column=False) + ": " if f.path is not None else ""
    return f"{_LEVEL.get(f.severity, 'WARNING')}: {loc}{display(f.message)} [{f.rule}]"


class B4Reporter(Reporter):
    """``b4 prep --check``: one terse line per finding, nothing when clean."""

    def patch(self, inp, patch, findings):
        for f in findings:
            self.out.write(line_for(f) + "\n")

    def series(self, inp, findings):
        self.patch(inp, None, findings)


class B4ReviewReporter(Reporter):
    """``b4 review`` check command: a JSON list, one result per patch read (a finding about
    the series goes with the patch it is about)."""

    def __init__(self, out, options=None, rules=()):
        super().__init__(out, options, rules)
        self.results = []           # [findings of a patch] or a finished result (a dict)
        self._at = {}               # (input, patch index) -> its place in results

    def patch(self, inp, patch, findings):
        if patch.is_cover:
            return
        self._at[(inp.name, patch.index)] = len(self.results)
        self.results.append(list(findings))

    def series(self, inp, findings):
        for f in findings:
            k = self._at.get((inp.name, f.patch))
            if k is None:
                self._at[(inp.name, f.patch)] = k = len(self.results)
                self.results.append([])
            self.results[k].append(f)

    def error(self, name, message):
        where = "standard input" if name == "-" else clean(name)
        self.results.append({"tool": "patchlint", "status": "fail",
                             "summary": f"could not read {where}: {clean(message)}",
                             "url": None, "details": ""})

    def finish(self, tally):
        json.dump([r if isinstance(r, dict) else _result(r) for r in self.results], self.out,
                  indent=2)
        self.out.write("\n")


def _result(findings) -> dict:
    if not findings:
        return {"tool": "patchlint", "status": "pass", "summary": "passed all checks",
                "url": None, "details": ""}
    n = counts(findings)
    status = "fail" if n["error"] else "warn"
    parts = [plural(n[k], k) for k in ("error", "warning", "note") if n[k]]
    text = ", ".join(parts)
    fixable = sum(1 for f in findings if f.fixable)
    if fixable:
        text += f"; {fixable} fixable with patchlint --fix"
    details = [{"status": _STATUS.get(f.severity, "warn"), "description": clean(line_for(f))}
               for f in findings]
    return {"tool": "patchlint", "status": status, "summary": text, "url": None,
            "details": json.dumps(details)}
