"""The summary line of a patch mail is empty or too long.

## What it flags
A patch mail whose subject, once the ``[PATCH ...]`` prefix is taken off, is empty (a warning),
or longer than 72 characters (a note).

## Why
The summary is what ``git log --oneline``, ``git shortlog``, gitk and the list archive show of
the change.  libvirt's guide calls 60 characters typical; past 72 the line no longer fits an
80-column ``git log --oneline`` (its abbreviated commit id takes eight columns) and tools cut it.
72 is also where git's own convention wraps a commit message body, and in libvirt's sister
projects (libvirt-glib, libvirt-dbus) fewer than one summary in a hundred goes past it: a
summary that long is usually a sentence of the body that wants to move down.

## Example
```mail diff=stand-in
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH] qemu: Wire up the throttle groups of the domain XML to QEMU's throttle filters

Hook the new throttle group definitions up to QEMU.

Signed-off-by: Jane Developer <jane@example.org>
---
```
```findings
summary-line: the summary line is 78 characters long; keep it within 72 (about
  60 is typical)
```

## Use instead
```mail diff=stand-in
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH] qemu: Wire up throttle groups

Hook the throttle groups defined in the domain XML up to QEMU's
throttle filter objects.

Signed-off-by: Jane Developer <jane@example.org>
---
```

## Options
``max_length`` (default 72): the longest summary, in characters, that passes.

## Origin
libvirt's best practices ("make the summary line reasonably short (60 characters is typical)"),
and reviewers asking for a shorter one.
"""

from patchlint.api import NOTE, WARNING, finding, rule


@rule("summary-line", severity=NOTE, family="patch", options={"max_length": 72})
def check(patch, options):
    if patch.kind != "email" or patch.subject is None:
        return
    info = patch.subject_info
    if info.is_reply:
        return
    title = info.title.strip()
    if not title:
        yield finding(patch, "the subject has no summary line", severity=WARNING,
                      suggestion="say in a few words what the patch does, e.g. "
                                 "'qemu: Fix throttling of hot-plugged disks'")
        return
    limit = options["max_length"]
    if len(title) > limit:
        yield finding(patch, f"the summary line is {len(title)} characters long; keep it "
                             f"within {limit} (about 60 is typical)",
                      suggestion="say the what in the summary and move the how and why into "
                                 "the body")
