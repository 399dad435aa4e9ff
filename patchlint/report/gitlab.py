"""``--format=gitlab``: GitLab's Code Quality report, one JSON array for the whole run.

A CI job hands the file to GitLab as ``artifacts: reports: codequality: FILE``; GitLab then
lists the findings in the merge request's Code Quality widget and marks their lines on its
diff.  Each finding is one object with the fields GitLab's "Code Quality report format" asks
for::

    {"description": "trailing whitespace", "check_name": "trailing-whitespace",
     "fingerprint": "5d0c...", "severity": "major",
     "location": {"path": "src/util/virfile.c", "lines": {"begin": 42}}}

``check_name`` is the rule id.  ``description`` is the message, then the advice when there is
some (after ``; ``); a finding about the whole mail names its patch first, and one on a
removed line says which line of the old file it was.

``severity``: GitLab shows it to reviewers and sorts the widget by it, on the scale info,
minor, major, critical, blocker.  A patchlint error (a maintainer would ask for a new version)
is ``major``, a warning ``minor``, a note (a nit) ``info``.  ``critical`` and ``blocker`` are
left for what breaks the product or its security, which a review habit does not.

``location``: where SARIF puts it (the anchor of :mod:`patchlint.results`), as both describe the
tree after the patches: a finding on a removed line at the line of the new file where the
removal happened, a finding about the whole mail (no sign-off, split-patch, subject prefix, a
series without a cover letter) at the first line the patch changes in its first file.  GitLab
needs a path for every issue, so a finding with no file at all (about a cover letter, or a mail
that changes no file) is put at line 1 of the input it came from (its name on the command line,
made relative to the current directory when it is under it; ``-`` for standard input).

``fingerprint``: GitLab tells issues apart, and matches the merge request's report against the
target branch's to say what is new and what was fixed, by this string alone.  So it must not
change when nothing about the finding changed: it hashes the rule, the path, the flagged line's
text (for a finding on no line: its patch's title) and how many identical ones came before it
in the report, never a line number alone (a line moves when a hunk above it grows) and never
the time.  32 hex digits of SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import os

from . import Reporter, clean

SEVERITY = {"error": "major", "warning": "minor", "note": "info"}


def _input_path(name):
    """An input's name as a path GitLab can take: relative to the current directory (the
    repository's top, in a CI job) when it is under it, without a leading ``./``."""
    if os.path.isabs(name):
        rel = os.path.relpath(name)
        if not rel.startswith(".."):
            name = rel
    while name.startswith("./"):
        name = name[2:]
    return name


def issue(f):
    """One Code Quality issue for a finding, its fingerprint still to be told apart from
    identical ones (:meth:`GitlabReporter.finish`)."""
    a = f.anchor
    description = clean(f.message)
    title = clean(f.title) if f.subject else None
    if (a.patch_level or a.path is None) and title:
        description = f'Patch "{title}": {description}'
    elif a.side == "old" and a.old_line is not None:
        description += f" (removed line {a.old_line} of the old file)"
    if f.suggestion:
        description += "; " + " ".join(clean(f.suggestion).split())
    path, line = a.path, a.line
    if path is None:
        path = _input_path(f.input if f.input is not None else "-")
        line = 1
    path = clean(path)
    key = "\0".join([f.rule or "", path, clean(f.key())])
    return {
        "description": description,
        "check_name": f.rule,
        "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
        "severity": SEVERITY.get(f.severity, "minor"),
        "location": {"path": path, "lines": {"begin": max(int(line or 1), 1)}},
    }


class GitlabReporter(Reporter):
    def __init__(self, out, options=None, rules=()):
        super().__init__(out, options, rules)
        self.items = []

    def patch(self, inp, patch, findings):
        self.items.extend(issue(f) for f in findings)

    def series(self, inp, findings):
        self.patch(inp, None, findings)

    def finish(self, tally):
        # identical findings are told apart by how many came before them, over the whole
        # report in order (so -j, which keeps input order, gives the same prints)
        seen = {}
        for item in self.items:
            digest = item["fingerprint"]
            n = seen[digest] = seen.get(digest, 0) + 1
            item["fingerprint"] = hashlib.sha256(f"{digest}:{n}".encode()).hexdigest()[:32]
        json.dump(self.items, self.out, indent=2)
        self.out.write("\n")
