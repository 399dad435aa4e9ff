"""A patch mail whose subject has no ``[PATCH ...]`` prefix, or a number that cannot be.

## What it flags
A patch mail (not a cover letter, a reply, a bare diff or a commit message being written)
whose subject has no bracketed prefix
at all, has one that does not say ``PATCH`` (``[RFC]``, ``[v2]``, ``[libvirt]`` alone), or
numbers the patch impossibly (``[PATCH 4/3]``, ``[PATCH 0/3]`` on a mail that carries a diff,
``[PATCH 1/0]``).  Any shape that says ``PATCH`` is fine: ``[PATCH]``, ``[PATCHv2]``,
``[PATCH v2 3/5]``, ``[RFC PATCH]``, ``[libvirt PATCH v2 3/5]``, and the list's old
``[libvirt] [PATCH]`` tag in front of it.

## Why
Reviewers, patchew and b4 find patches on the list by the ``PATCH`` in their subject, and the
numbers tell a reviewer where a mail stands in its series.  ``git format-patch`` (or
git-publish, whose configuration in every libvirt repository sets the ``libvirt PATCH`` prefix)
writes both; a subject without them was typed by hand or sent with ``-k``.

## Example
```mail diff=stand-in
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: qemu: Wire up throttle groups

Hook the new throttle group definitions up to QEMU's throttle filter.

Signed-off-by: Jane Developer <jane@example.org>
---
```
```findings
subject-prefix: the subject has no [PATCH] prefix
```

## Use instead
```mail diff=stand-in
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [libvirt PATCH v2 3/5] qemu: Wire up throttle groups

Hook the new throttle group definitions up to QEMU's throttle filter.

Signed-off-by: Jane Developer <jane@example.org>
---
```

## Origin
libvirt's contributor guide (``git send-email``/git-publish with the ``libvirt PATCH``
prefix; ``--subject-prefix=PATCHv2`` for a new version).
"""

import re

from patchlint.api import WARNING, finding, lazy_re, rule

_PATCH_WORD = lazy_re(r"(?:^|[\s_-])PATCH(?:v\d+)?(?=$|[\s_,:-])", re.I)


@rule("subject-prefix", severity=WARNING, family="patch")
def check(patch):
    if patch.kind != "email" or not patch.subject or patch.live or not patch.files:
        return                  # a commit message (commit-msg hook): format-patch adds it
    info = patch.subject_info
    if info.is_reply:
        return
    if not info.prefix:
        yield finding(patch, "the subject has no [PATCH] prefix",
                      suggestion="send it with git format-patch/git send-email (or "
                                 "git-publish), which write '[PATCH]' or '[libvirt PATCH]'")
        return
    groups = re.findall(r"\[([^\]]*)\]", info.prefix)
    if not any(_PATCH_WORD.search(g) for g in groups):
        yield finding(patch, f"the subject prefix {info.prefix} does not say PATCH",
                      suggestion="write it as '[PATCH ...]', e.g. '[RFC PATCH]' or "
                                 "'[libvirt PATCH v2]'")
        return
    n, total = info.number, info.total
    if n is None:
        return
    if total == 0 or n > total:
        yield finding(patch, f"the subject numbers this patch {n}/{total}",
                      suggestion="let git format-patch number the series")
    elif n == 0:
        yield finding(patch, f"patch 0/{total} carries a diff: 0/N is the cover letter's "
                             "number",
                      suggestion="number the patches from 1; the cover letter alone is 0/N")
