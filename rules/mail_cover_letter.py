"""A series of two or more patches sent without a cover letter.

## What it flags
An input (an mbox, ``git format-patch --stdout``) holding a numbered series of at least two
patch mails and no cover letter (``[PATCH 0/N]``).  When the first patch replies to a mail the
input does not hold, the cover letter may simply not have been saved with it, and nothing is
said; a series spread over several input files is not seen as one.

## Why
The cover letter is where a series says what it is for as a whole, how its patches fit
together and what changed since the last version; it is also the mail reviewers answer to
about the series as a whole, and the one b4 and patchew group the series under.  libvirt's
guide: "a series of two or more patches needs a cover letter" (``git send-email
--cover-letter``, or git-publish, which writes one).

## Example
```mail diff=stand-in
From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH 1/2] conf: Parse throttle groups

Parse <throttlegroups> into the domain definition.

Signed-off-by: Jane Developer <jane@example.org>
---

From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:01 +0000
Subject: [PATCH 2/2] qemu: Wire up throttle groups

Hook the parsed throttle groups up to QEMU's throttle filter.

Signed-off-by: Jane Developer <jane@example.org>
---
```
```findings
mail 1: cover-letter: a series of 2 patches without a cover letter
```

## Use instead
```mail diff=stand-in
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH 0/2] Throttle groups for QEMU disks

Several disks of a domain can now share one set of I/O limits.

Jane Developer (2):
  conf: Parse throttle groups
  qemu: Wire up throttle groups

From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:01 +0000
Subject: [PATCH 1/2] conf: Parse throttle groups

Parse <throttlegroups> into the domain definition.

Signed-off-by: Jane Developer <jane@example.org>
---

From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:02 +0000
Subject: [PATCH 2/2] qemu: Wire up throttle groups

Hook the parsed throttle groups up to QEMU's throttle filter.

Signed-off-by: Jane Developer <jane@example.org>
---
```

## Origin
libvirt's contributor guide ("a series of two or more patches needs a cover letter").
"""

from patchlint.api import WARNING, finding, rule


def _ids(p):
    return {x.strip("<> ") for x in [p.message_id or ""] if x}


@rule("cover-letter", severity=WARNING, family="patch")
def check(patches):
    if any(p.kind == "cover" for p in patches):
        return
    series = []
    for p in patches:
        if p.kind != "email" or not p.subject:
            continue
        info = p.subject_info
        if info.is_reply or not info.total or info.total < 2:
            continue
        if info.number == 0:
            return                      # a numbered cover letter the reader took for a patch
        series.append((p, info))
    if len(series) < 2:
        return
    known = set()
    for p, _ in series:
        known |= _ids(p)
    first = min(series, key=lambda pi: pi[1].number)[0]
    parent = (first.in_reply_to or "").strip("<> ")
    if parent and parent not in known:
        return                          # it answers a mail not in the input: the cover, maybe
    yield finding(first, f"a series of {len(series)} patches without a cover letter",
                  suggestion="send it with git send-email --cover-letter (or git-publish) and "
                             "say in patch 0 what the series does and why")
