"""A cover letter that still holds git's ``*** SUBJECT HERE ***`` or ``*** BLURB HERE ***``.

## What it flags
A cover letter (``[PATCH 0/N]``, or any mail git wrote with ``--cover-letter``) whose subject
still says ``*** SUBJECT HERE ***`` or whose text still says ``*** BLURB HERE ***``: what
``git format-patch --cover-letter`` writes for the author to replace.  One finding per cover
letter names what is left to write.

## Why
The cover letter is the mail a reviewer reads first and answers about the series as a whole;
sent unedited it tells them nothing, and the series is filed on the list under "*** SUBJECT
HERE ***".  ``git send-email`` refuses such a mail too, but only at the moment of sending:
``patchlint outgoing/*.patch`` run before it says so while the files are still being edited.

## Example
```mail
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH v2 0/2] *** SUBJECT HERE ***

*** BLURB HERE ***

Jane Developer (2):
  conf: Parse throttle groups
  qemu: Wire up throttle groups

 src/conf/domain_conf.c | 12 ++++++++++++
 src/qemu/qemu_driver.c |  4 ++++
 2 files changed, 16 insertions(+)

--
2.39.5
```
```findings
cover-letter-unedited: the cover letter is git's template: write its subject and
  its text (it still says *** SUBJECT HERE *** and *** BLURB HERE ***)
```

## Use instead
```mail
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH v2 0/2] Throttle groups for QEMU disks

Several disks of a domain can now share one set of I/O limits.

Jane Developer (2):
  conf: Parse throttle groups
  qemu: Wire up throttle groups

 src/conf/domain_conf.c | 12 ++++++++++++
 src/qemu/qemu_driver.c |  4 ++++
 2 files changed, 16 insertions(+)

--
2.39.5
```

## Origin
git format-patch's ``--cover-letter`` template; git send-email's own refusal to send it
("Refusing to send because the patch ... has the template subject").
"""

from patchlint.api import ERROR, finding, rule

_SUBJECT = "*** SUBJECT HERE ***"
_BLURB = "*** BLURB HERE ***"


@rule("cover-letter-unedited", severity=ERROR, family="patch")
def check(patches):
    for p in patches:
        if p.kind != "cover":
            continue
        left = []
        if _SUBJECT in (p.subject or ""):
            left.append("its subject")
        if _BLURB in (p.message or ""):
            left.append("its text")
        if not left:
            continue
        yield finding(p, f"the cover letter is git's template: write {' and '.join(left)} "
                         f"(it still says {' and '.join(_placeholders(left))})",
                      suggestion="say in the cover letter what the series does and why, "
                                 "and what changed since the last version")


def _placeholders(left):
    return [_SUBJECT if what == "its subject" else _BLURB for what in left]
