"""A patch mail carries no ``Signed-off-by:``, or none from its author.

## What it flags
A patch mail (not a cover letter, not a bare diff) whose commit message has no
``Signed-off-by:`` trailer: an error.  When there are sign-offs but none matches the author of
the mail (by address, or by name when the list rewrote the address), a warning.

## Why
libvirt takes patches under the Developer Certificate of Origin: the ``Signed-off-by:`` line is
the author's statement that they may contribute the change, and CI refuses commits without
one.  A patch passed on by someone else keeps its author's sign-off and adds the sender's.

## Example
```mail
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH] util: Drop unused helper

Nothing calls virFileUnusedHelper since the storage rewrite.
---
diff --git a/src/util/virfile.c b/src/util/virfile.c
--- a/src/util/virfile.c
+++ b/src/util/virfile.c
@@ -10,3 +10,2 @@
 int a;
-int b;
 int c;
```
```findings
signed-off-by: no Signed-off-by: line; sign off your work (git commit -s)
```

## Use instead
```mail
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH] util: Drop unused helper

Nothing calls virFileUnusedHelper since the storage rewrite.

Signed-off-by: Jane Developer <jane@example.org>
---
diff --git a/src/util/virfile.c b/src/util/virfile.c
--- a/src/util/virfile.c
+++ b/src/util/virfile.c
@@ -10,3 +10,2 @@
 int a;
-int b;
 int c;
```

## Origin
libvirt's contributor guidelines (Developer Certificate of Origin), enforced by its CI's
``require-dco`` check; ``git commit -s`` adds the line.
"""

import re

from patchlint.api import ERROR, WARNING, finding, parse_address, rule


def _addr(text):
    name, addr = parse_address(text)
    name = re.sub(r"\s+via\s+\S.*$", "", name).strip().strip('"')
    return name.lower(), addr.lower()


@rule("signed-off-by", severity=ERROR)
def check(patch):
    if patch.kind != "email":
        return
    sobs = [(v, n) for k, v, n in patch.trailers if k.lower() == "signed-off-by"]
    if not sobs:
        yield finding(patch, "no Signed-off-by: line; sign off your work (git commit -s)",
                      suggestion="add 'Signed-off-by: Your Name <you@example.org>' to the "
                                 "commit message", about="trailers")
        return
    if not patch.author:
        return
    name, addr = _addr(patch.author)
    for value, _ in sobs:
        n, a = _addr(value)
        if (addr and a == addr) or (name and n == name):
            return
    yield finding(patch, f"the author ({patch.author}) has not signed off this patch",
                  severity=WARNING, about="trailers",
                  suggestion="the author's own Signed-off-by: must be there; a sender adds "
                             "theirs after it")
