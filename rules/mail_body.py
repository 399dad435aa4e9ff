"""A sizeable patch whose commit message has no body saying why.

## What it flags
A patch mail that changes at least 100 lines of code (added plus removed, not counting
translations, CI files, test data and documentation) and whose commit message is only the
summary line and trailers: no paragraph of its own.  Reverts (their body is git's) are left
alone.  It is a note: advice, never a failure.

## Why
The diff shows what changed; only the message can say why, what was wrong before, and what the
change deliberately leaves alone.  A reviewer has to ask for it, and the next person who runs
``git blame`` on the code has nobody to ask.  libvirt's guide asks for the summary line
"followed by a blank line, followed by any longer description of why your patch makes sense".
Small, obvious changes (a typo, a one-line fix the summary explains) need no body, hence the
threshold.

## Example
```mail diff=stand-in
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH] qemu: Rework throttle group handling

Signed-off-by: Jane Developer <jane@example.org>
---
 src/qemu/qemu_driver.c | 120 ++++++++++++++++++++-------------------
 1 file changed, 60 insertions(+), 60 deletions(-)
```
```findings
commit-message-body: 120 changed lines and no word of why: the commit message
  has only its summary line
```

## Use instead
```mail diff=stand-in
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH] qemu: Rework throttle group handling

Throttle groups were applied disk by disk, so a group shared by two
disks was set up twice and the second setup reset the first one's
counters.  Set each group up once, before the disks that use it.

Signed-off-by: Jane Developer <jane@example.org>
---
 src/qemu/qemu_driver.c | 120 ++++++++++++++++++++-------------------
 1 file changed, 60 insertions(+), 60 deletions(-)
```

## Options
``min_lines`` (default 100): how many changed lines of code make a patch need a body.
``ignore``: path globs whose lines do not count (translations, CI, test data, docs).

## Origin
libvirt's best practices for commit messages, and reviewers asking "why is this needed?".
"""

import re

from patchlint.api import NOTE, finding, lazy_re, match_path, rule

IGNORE = ["po/*", "ci/*", ".gitlab-ci.yml", "docs/*", "*.rst", "*.md", "NEWS*",
          "tests/*data/*", "tests/*.xml", "*.xml", "*.json", "*.args", "*.replies",
          "*.syms"]
_STAT_LINE = lazy_re(r"^\s*(\S.*?\S)\s+\|\s+(\d{1,12})")
_TRAILER = lazy_re(r"^[A-Za-z][A-Za-z0-9-]*:\s")
_IN_BODY = lazy_re(r"^(?:From|Date|Subject):\s")


def has_body(message):
    """Does a commit message hold a line of its own besides in-body headers and trailers?"""
    lines = message.splitlines()
    k = 0
    while k < len(lines) and (_IN_BODY.match(lines[k]) or not lines[k].strip()):
        k += 1                          # git's in-body From:/Date:/Subject: and the blank after
    for ln in lines[k:]:
        t = ln.strip()
        if not t or _TRAILER.match(t) or t.startswith("(cherry picked from"):
            continue
        return True
    return False


def _changed(patch, ignore):
    if patch.notes:
        listed = [m for m in map(_STAT_LINE.match, patch.notes.splitlines()) if m]
        if listed:
            return sum(int(m.group(2)) for m in listed if not match_path(m.group(1), ignore))
    return sum(f.added + f.removed for f in patch.files if not match_path(f.path, ignore))


@rule("commit-message-body", severity=NOTE, family="patch",
      options={"min_lines": 100, "ignore": IGNORE})
def check(patch, options):
    if patch.kind != "email":
        return
    title = patch.subject_info.title
    if re.match(r"^Revert\b", title) or has_body(patch.message):
        return
    n = _changed(patch, options["ignore"])
    if n < options["min_lines"]:
        return
    yield finding(patch, f"{n} changed lines and no word of why: the commit message has only "
                         "its summary line",
                  suggestion="add a paragraph after the summary: what was wrong or missing, "
                             "why this way, what it leaves alone")
