"""A changed file's copyright notice does not reach the year of the patch.

## What it flags
A file the patch changes whose copyright lines are visible (as context or added lines) and
none of which reaches the year the patch was written (its mail's ``Date:``, its commit date,
or today for the staged or working tree).  The finding sits on the most recent of those lines.
When the patch's year is unknown (a bare diff file) or the header is not visible, nothing is
said, and licence texts, translations (``*.po``) and imported build files (``build-aux/``,
``m4/``, gnulib) are never judged: their notices are not the project's to update.

Only notices the patch itself shows count, not those patchlint reads from the tree: a
reviewer asks for the year when the patch touches the top of the file, and most projects
(libvirt and libvirt-glib among them) stopped keeping year ranges current, so flagging every
changed file's header would bury the real findings.

## Why
The notice tells who holds rights to the file and since when; projects that keep year ranges
update them when they change a file, and reviewers ask for it.  It is advice, not an error:
many projects no longer maintain year ranges.

## Example
```mail
From: Jane Developer <jane@example.org>
Date: Fri, 13 Jan 2012 13:51:00 -0700
Subject: [PATCH] qemu: Poll for block job cancellation

Signed-off-by: Jane Developer <jane@example.org>
---
diff --git a/src/qemu/qemu_monitor.c b/src/qemu/qemu_monitor.c
--- a/src/qemu/qemu_monitor.c
+++ b/src/qemu/qemu_monitor.c
@@ -1,6 +1,7 @@
 /*
  * qemu_monitor.c: interaction with QEMU monitor console
  *
  * Copyright (C) 2006-2011 Red Hat, Inc.
  * Copyright (C) 2006 Daniel P. Berrange
+ * Copyright (C) 2008 Jane Developer
  *
```
```findings
src/qemu/qemu_monitor.c:4:23: copyright-year: copyright notice ends in 2011;
  this patch is from 2012
    fix: "2011" -> "2012"
```

## Use instead
```mail
From: Jane Developer <jane@example.org>
Date: Fri, 13 Jan 2012 13:51:00 -0700
Subject: [PATCH] qemu: Poll for block job cancellation

Signed-off-by: Jane Developer <jane@example.org>
---
diff --git a/src/qemu/qemu_monitor.c b/src/qemu/qemu_monitor.c
--- a/src/qemu/qemu_monitor.c
+++ b/src/qemu/qemu_monitor.c
@@ -1,5 +1,5 @@
 /*
  * qemu_monitor.c: interaction with QEMU monitor console
  *
- * Copyright (C) 2006-2011 Red Hat, Inc.
+ * Copyright (C) 2006-2012 Red Hat, Inc.
  *
```

## Fix
The last year is extended to the patch's year (``2006-2011`` becomes ``2006-2012``, ``2011``
becomes ``2011-2012``).

## Origin
A reviewer's fix-up ("Copyright (C) 2006-2012 Red Hat, Inc."), from the days when libvirt's
files carried year ranges.
"""


from patchlint.api import NOTE, finding, lazy_re, rule

_COPY = lazy_re(r"\bCopyright\b\s*(?:\([cC]\)|©)?\s*((?:\d{4}\s*(?:[-,]|–)\s*)*(\d{4}))\b")


# licence texts, translations and files imported from elsewhere keep their own notices
IMPORTED = ("COPYING*", "LICENSE*", "*.po", "*.pot", "build-aux/*", "m4/*", "gnulib/*",
            ".gnulib/*")


@rule("copyright-year", severity=NOTE, fixable=True, exclude=IMPORTED)
def check(file):
    year = file.patch.year
    if year is None or file.is_deleted:
        return
    if not (file.added or file.removed):
        return
    best = None
    for hunk in file.hunks:
        for ln in hunk.lines:
            if ln.kind == "-" or "opyright" not in ln.text or ln.src_no is None:
                continue        # only notices the patch itself shows (see the docstring)
            text = ln.comment if file.is_c else ln.text
            m = _COPY.search(text)
            if not m:
                continue
            last = int(m.group(2))
            if last >= year or last < 1970:
                return
            if best is None or last > best[1]:
                best = (ln, last, m)
    if best is None:
        return
    ln, last, m = best
    head = ln.text[m.start(1):m.start(2)].rstrip()
    if head.endswith("-") or head.endswith("–"):
        repl = str(year)
        start = m.start(2)
    else:
        repl = f"{last}-{year}"
        start = m.start(2)
    yield finding(ln, f"copyright notice ends in {last}; this patch is from {year}",
                  start=start, end=m.end(2), replacement=repl)
