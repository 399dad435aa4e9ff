"""The numbers in a series' subjects do not add up.

## What it flags
An input (an mbox) holding a numbered series whose subjects disagree: patches numbered out of
different totals (``2/3`` next to ``3/4``), the same number twice, a patch whose version
differs from the rest (``[PATCH v2 1/3]``, ``[PATCH 2/3]``, ``[PATCH v2 3/3]``), or, when the
cover letter says how many patches follow, a number that is missing.  An mbox holding several
complete versions of a series (a thread saved with b4) is read version by version.

## Why
A reviewer (and ``git am``, and b4) goes by the numbers: a series whose numbers do not add up
looks like mails got lost or two versions were mixed, and nobody can tell which patch
replaces which.  ``git format-patch`` numbers a series right when it writes it in one go.

## Example
```mail diff=stand-in
From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH v2 1/2] conf: Parse throttle groups

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
mail 2: series-numbering: this patch has no version, the rest of its series says
  v2
```

## Use instead
```mail diff=stand-in
From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH v2 1/2] conf: Parse throttle groups

Parse <throttlegroups> into the domain definition.

Signed-off-by: Jane Developer <jane@example.org>
---

From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:01 +0000
Subject: [PATCH v2 2/2] qemu: Wire up throttle groups

Hook the parsed throttle groups up to QEMU's throttle filter.

Signed-off-by: Jane Developer <jane@example.org>
---
```

## Origin
libvirt's contributor guide: a series is sent in one go with ``git send-email`` or
git-publish, numbered, with ``--subject-prefix=PATCHv2`` for every patch of a new version.
"""

from collections import Counter

from patchlint.api import WARNING, finding, rule


def _version(info):
    return info.version or 1


@rule("series-numbering", severity=WARNING, family="patch")
def check(patches):
    numbered = []
    for p in patches:
        if p.kind not in ("email", "cover") or not p.subject:
            continue
        info = p.subject_info
        if info.is_reply or info.number is None:
            continue
        numbered.append((p, info))
    if len(numbered) < 2:
        return
    versions = {_version(i) for _, i in numbered}
    groups = [numbered]
    if len(versions) > 1:
        numbers = Counter(i.number for _, i in numbered)
        if any(c > 1 for c in numbers.values()):
            # the same number in several versions: a thread holding several versions of the
            # series (b4 saves them so); judge each version on its own
            groups = [[(p, i) for p, i in numbered if _version(i) == v]
                      for v in sorted(versions)]
        else:
            common = Counter(_version(i) for _, i in numbered).most_common(1)[0][0]
            for p, i in numbered:
                if _version(i) != common:
                    said = f"says v{i.version}" if i.version else "has no version"
                    yield finding(p, f"this patch {said}, the rest of its series says "
                                     f"v{common}",
                                  suggestion="give every patch of a version the same "
                                             "--subject-prefix (e.g. 'PATCH v2')")
    for group in groups:
        yield from _check_group(group)


def _check_group(group):
    if len(group) < 2:
        return
    totals = Counter(i.total for _, i in group)
    common = totals.most_common(1)[0][0]
    for p, i in group:
        if i.total != common:
            yield finding(p, f"this patch is numbered out of {i.total}, the rest of its series "
                             f"out of {common}",
                          suggestion="send the whole series again in one go (git "
                                     "format-patch numbers it)")
    seen = Counter(i.number for _, i in group if i.total == common)
    for p, i in group:
        if i.total == common and seen[i.number] > 1:
            yield finding(p, f"more than one mail is numbered {i.number}/{i.total}")
            seen[i.number] = 0          # say it once
    cover = next((p for p, i in group if i.number == 0), None)
    if cover is not None and common:
        have = {i.number for _, i in group if i.total == common and 1 <= i.number <= common}
        lost = common - len(have)
        if 0 < lost < common:
            if lost > 10:       # (then "common" is far beyond the mails at hand: no list)
                yield finding(cover, f"the series announces {common} patches but only "
                                     f"{len(have)} are here")
            else:
                missing = [n for n in range(1, common + 1) if n not in have]
                yield finding(cover, "the series announces "
                                     f"{common} patches but {', '.join(map(str, missing))} "
                                     f"{'is' if lost == 1 else 'are'} not here")
