"""A new public flag that no driver's ``virCheckFlags()`` lets through.

## What it flags
A constant a series adds to a public flags enum (an enum of ``include/libvirt/*.h`` whose name
ends in ``Flags`` or ``FlagValues``: ``virDomainBlockJobAbortFlags``), when no
``virCheckFlags()``/``virCheckFlagsGoto()`` mask anywhere in the series accepts it, nor, inside
a libvirt git tree, any mask of the tree's sources.  A constant added to a mask macro
(``#define`` of several flags, as the list APIs' ``..._FILTERS_ALL`` macros are) counts as
accepted, and so does a mask widened over several lines.  Reported at the constant's line.

Also, at the first constant of a flags enum the series adds for a function that exists
already: that function's ``@flags`` documentation (in the series, or in the tree) not naming the
enum; and, as a note, a new flag that no line of virsh (``tools/virsh*.c``) uses, in the series
or the tree: a flag a user cannot reach from the shell.

A constant whose value is another constant (an old name kept for compatibility), the
``..._LAST`` sentinel, ``0`` and combinations of other flags are not new flags.  Nothing is
said while the series cannot be seen whole (one patch of a numbered series checked alone).

## Why
Every driver entry point starts with ``virCheckFlags(<the flags it supports>, <error>)``: a
flag outside the mask is refused with "unsupported flags".  A new flag that no mask names is
refused by every driver, so the feature it promises does not work anywhere; the usual cause is
a driver patch that tests the new bit but forgets the mask (or drops the check).  This is the
original review point patchlint started from: ``VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC`` was added,
and the reviewer had to trace that ``qemuDomainBlockJobAbort()``'s mask did not accept it.

## Example
```mail
From 5b27d4c1a2b3c4d5e6f708192a3b4c5d6e7f8091 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Mon, 6 Oct 2025 10:00:00 +0200
Subject: [PATCH] qemu: Allow waiting for block job cancellation

Signed-off-by: Jane Developer <jane@example.org>
---
diff --git a/include/libvirt/libvirt-domain.h b/include/libvirt/libvirt-domain.h
--- a/include/libvirt/libvirt-domain.h
+++ b/include/libvirt/libvirt-domain.h
@@ -2741,6 +2741,7 @@ typedef enum {
     VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = 1 << 0, /* Request only, do not wait
                                                   for completion (Since: 0.9.12) */
     VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = 1 << 1, /* Pivot to mirror when ending a
                                                   copy job (Since: 0.9.12) */
+    VIR_DOMAIN_BLOCK_JOB_ABORT_WAIT = 1 << 2, /* Wait for QEMU to end the job (Since: 10.8.0) */
 } virDomainBlockJobAbortFlags;

 int virDomainBlockJobAbort(virDomainPtr dom, const char *disk,
diff --git a/src/qemu/qemu_driver.c b/src/qemu/qemu_driver.c
--- a/src/qemu/qemu_driver.c
+++ b/src/qemu/qemu_driver.c
@@ -13655,6 +13655,7 @@ qemuDomainBlockJobAbort(virDomainPtr dom,
     virDomainBlockJobData *job = NULL;
     bool async = !!(flags & VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC);
+    bool wait = !!(flags & VIR_DOMAIN_BLOCK_JOB_ABORT_WAIT);

     virCheckFlags(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC |
                   VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT, -1);
diff --git a/tools/virsh-domain.c b/tools/virsh-domain.c
--- a/tools/virsh-domain.c
+++ b/tools/virsh-domain.c
@@ -2632,2 +2632,4 @@ cmdBlockjob(vshControl *ctl, const vshCmd *cmd)
         flags |= VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC;
+    if (vshCommandOptBool(cmd, "wait"))
+        flags |= VIR_DOMAIN_BLOCK_JOB_ABORT_WAIT;
```
```findings
include/libvirt/libvirt-domain.h:2745:5: flag-not-accepted:
  VIR_DOMAIN_BLOCK_JOB_ABORT_WAIT is a new flag, but no virCheckFlags() mask
  accepts it: every driver refuses it
```

## Use instead
```mail
From 5b27d4c1a2b3c4d5e6f708192a3b4c5d6e7f8091 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Mon, 6 Oct 2025 10:00:00 +0200
Subject: [PATCH] qemu: Allow waiting for block job cancellation

Signed-off-by: Jane Developer <jane@example.org>
---
diff --git a/include/libvirt/libvirt-domain.h b/include/libvirt/libvirt-domain.h
--- a/include/libvirt/libvirt-domain.h
+++ b/include/libvirt/libvirt-domain.h
@@ -2741,6 +2741,7 @@ typedef enum {
     VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = 1 << 0, /* Request only, do not wait
                                                   for completion (Since: 0.9.12) */
     VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = 1 << 1, /* Pivot to mirror when ending a
                                                   copy job (Since: 0.9.12) */
+    VIR_DOMAIN_BLOCK_JOB_ABORT_WAIT = 1 << 2, /* Wait for QEMU to end the job (Since: 10.8.0) */
 } virDomainBlockJobAbortFlags;

 int virDomainBlockJobAbort(virDomainPtr dom, const char *disk,
diff --git a/src/qemu/qemu_driver.c b/src/qemu/qemu_driver.c
--- a/src/qemu/qemu_driver.c
+++ b/src/qemu/qemu_driver.c
@@ -13655,6 +13655,8 @@ qemuDomainBlockJobAbort(virDomainPtr dom,
     virDomainBlockJobData *job = NULL;
     bool async = !!(flags & VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC);
+    bool wait = !!(flags & VIR_DOMAIN_BLOCK_JOB_ABORT_WAIT);

     virCheckFlags(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC |
-                  VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT, -1);
+                  VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT |
+                  VIR_DOMAIN_BLOCK_JOB_ABORT_WAIT, -1);
diff --git a/tools/virsh-domain.c b/tools/virsh-domain.c
--- a/tools/virsh-domain.c
+++ b/tools/virsh-domain.c
@@ -2632,2 +2632,4 @@ cmdBlockjob(vshControl *ctl, const vshCmd *cmd)
         flags |= VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC;
+    if (vshCommandOptBool(cmd, "wait"))
+        flags |= VIR_DOMAIN_BLOCK_JOB_ABORT_WAIT;
```

## Measured
libvirt v10.7.0's whole tree read as one new-file patch: 3 warnings, all real:
``VIR_STORAGE_POOL_BUILD_REPAIR``, ``VIR_STORAGE_POOL_BUILD_RESIZE`` and
``VIR_STORAGE_POOL_DELETE_ZEROED`` are public flags that no storage backend has ever accepted;
and 4 notes (``VIR_DOMAIN_BLOCK_COPY_SHALLOW`` and ``..._REUSE_EXT``, which virsh sets through
the ``VIR_DOMAIN_BLOCK_REBASE_*`` flags of the same value, ``VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH``,
``VIR_STORAGE_VOL_DELETE_ZEROED``: no virsh option).  Enums that are not an API's flags
(``virConnectFlags``, ``virTypedParameterFlags``, the flags an event reports) are told apart
by the function their name points to, which does not exist.  The releases' changes: none.
libvirt-glib and libvirt-dbus: none.

## Origin
The seed review of patchlint ("Don't drop this line.  Rather, alter it to be
``virCheckFlags(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC, -1);``"), ``docs/api_extension.rst``
("the addition of flags ... used by existing functions" is new API too, implemented in each
driver) and libvirt's habit of exposing every flag as a virsh option.
"""

from patchlint.api import NOTE, WARNING, callback_name, finding, rule

_SUFFIXES = ("FlagValues", "Flags", "Flag")


@rule("flag-not-accepted", severity=WARNING, family="api")
def check(patches, api):
    if not api.whole:
        return
    tree = api.tree
    if tree is not None:
        tree.want([f.name for f in api.new_flags()] +
                  [fn for fn in map(lambda f: _function(f)[0], api.new_flags()) if fn])
    flags = [f for f in api.new_flags() if not _no_function(api, f)]
    new = {f.name for f in api.new_functions()}
    named = set()
    for flag in flags:
        col = flag.line.text.find(flag.name)
        where = dict(start=col, end=col + len(flag.name))
        if not api.accepts(flag.name) and not (tree is not None and tree.in_mask(flag.name)):
            yield finding(flag.line, f"{flag.name} is a new flag, but no virCheckFlags() mask "
                                     "accepts it: every driver refuses it",
                          suggestion=_advice(api, flag), **where)
        elif not _in_virsh(api, flag.name):
            yield finding(flag.line, f"{flag.name} is a new flag that no virsh option sets",
                          severity=NOTE, **where)
        if flag.new_enum:
            said = _undocumented(api, flag, new, named)
            if said:
                yield finding(flag.line, said, **where)


def _function(flag):
    """The function a flags enum is for (virDomainBlockJobAbortFlags -> virDomain...Abort)."""
    for enum in flag.enums:
        for suffix in _SUFFIXES:
            if enum.endswith(suffix) and enum.startswith("vir"):
                return enum[:-len(suffix)], enum
    return None, None


def _no_function(api, flag):
    """Is the enum known to be for no function (virConnectFlags, the flags an event reports,
    virTypedParameterFlags)?  Known when the tree has no such function, or when the series
    adds the whole header and does not declare it there."""
    function, _ = _function(flag)
    if function is None or function in api.functions:
        return False
    tree = api.tree
    if tree is not None:
        return not any(p.startswith(("include/", "src/")) for p, _, _ in tree.grep(function))
    return flag.line.hunk.file.is_new


def _advice(api, flag):
    function, _ = _function(flag)
    if function is None:
        return "add it to the virCheckFlags() mask of each driver that implements it"
    impls = sorted({f"{fn}()" for d, fn in api.implementations(callback_name(function))
                    if d != "remote"})
    if not impls:
        return f"add it to the virCheckFlags() mask of each driver's {function}()"
    return f"add it to the virCheckFlags() mask of {', '.join(impls)}"


def _in_virsh(api, const):
    if const in api.virsh_names:
        return True
    tree = api.tree
    return tree is not None and any(p.startswith("tools/virsh") for p, _, _ in tree.grep(const))


def _undocumented(api, flag, new, named):
    """The enum's function does not name it at ``@flags`` (once per enum)."""
    function, enum = _function(flag)
    if function is None or function in new or enum in named:
        return None
    named.add(enum)
    doc = api.doc_flags.get(function)
    said = doc[0] if doc else (api.tree.flags_doc(function) if api.tree is not None else None)
    if said is None or enum in said:
        return None
    return f"{enum} is new, but the @flags documentation of {function}() does not name it"
