"""A hunk does not match its header: the patch was mangled on its way.

## What it flags
Every place where the diff text disagrees with itself: a line wrapped by a mailer (it starts
with none of ``' '``, ``+``, ``-``), a hunk shorter or longer than its ``@@`` header says, a
malformed ``@@`` header.  The rest of the patch is still read and checked where possible.  A
patch mailed as ``format=flowed`` gets a warning: that encoding eats the leading and trailing
spaces diffs depend on.

## Why
A corrupt patch does not apply: the maintainer's ``git am`` fails and the series has to be sent
again.  The usual culprit is a mail client that wraps long lines or trims trailing blanks;
``git send-email`` never does.

## Example
```mail
From: Jane Developer <jane@example.org>
Subject: [PATCH] util: Log the device

Signed-off-by: Jane Developer <jane@example.org>
---
diff --git a/src/util/virdevice.c b/src/util/virdevice.c
--- a/src/util/virdevice.c
+++ b/src/util/virdevice.c
@@ -10,3 +10,3 @@
 int a;
-VIR_DEBUG("dev=%p", dev);
+VIR_DEBUG("dev=%p name=%s path=%s", dev, dev->name,
dev->path);
 int c;
```
```findings
src/util/virdevice.c:11: patch-corrupt: patch seems corrupt: a line was wrapped
  (by a mailer?)
```

## Use instead
```mail
From: Jane Developer <jane@example.org>
Subject: [PATCH] util: Log the device

Signed-off-by: Jane Developer <jane@example.org>
---
diff --git a/src/util/virdevice.c b/src/util/virdevice.c
--- a/src/util/virdevice.c
+++ b/src/util/virdevice.c
@@ -10,3 +10,3 @@
 int a;
-VIR_DEBUG("dev=%p", dev);
+VIR_DEBUG("dev=%p name=%s path=%s", dev, dev->name, dev->path);
 int c;
```

## Origin
checkpatch.pl's "patch seems to be corrupt (line wrapped?)"; libvirt's contributor guide asks
for ``git send-email`` or ``git publish`` for this reason.
"""

from patchlint.api import ERROR, WARNING, finding, rule


@rule("patch-corrupt", severity=ERROR)
def check(patch):
    for p in patch.problems:
        if p.line is not None:
            yield finding(p.line, p.message)
        elif p.file is not None:
            yield finding(p.file, p.message, number=p.number)
        else:
            yield finding(patch, p.message + (f" (input line {p.src_no})" if p.src_no else ""))
    if patch.flowed:
        yield finding(patch, "sent as format=flowed, which strips the spaces diffs depend on; "
                             "send with git send-email", severity=WARNING)
