"""A symbol the patch exports in a ``.syms`` file that nothing declares.

## What it flags
A symbol added to one of libvirt's symbol files (``src/libvirt_public.syms``,
``src/libvirt_private.syms`` and the other ``src/*.syms``, ``src/admin/*.syms``) that no
source declares: neither a C file, header or protocol file of the patch, nor one of the
series' earlier patches, nor, inside the tree, a file under ``src/``, ``include/`` or
``tools/``.  The names libvirt's macros make count as declared by the macro: the
``...TypeToString``/``...TypeFromString`` pair by ``VIR_ENUM_DECL(...)``, an ``xdr_...``
function by its protocol structure.  Without the tree, a symbol is known undeclared only when
the series declares a name that differs from it by a slip (``virThrottleGroupNwe`` for
``virThrottleGroupNew``): exporting a function that already exists is common.

## Why
Every name in the ``.syms`` files must be a symbol of the library: libvirt's tests run
``scripts/check-symfile.py``, which reads the symbols of the built library and fails on a
listed one it does not find, and some linkers refuse such a version script outright.  A slip
in the name is the usual cause, and the one that costs a build to find.

## Example
```mail
From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
From: Jane Doe <jane@example.org>
Date: Mon, 2 Sep 2024 10:00:00 +0200
Subject: [PATCH] util: Add virThrottleGroupNew

Signed-off-by: Jane Doe <jane@example.org>
---
diff --git a/src/libvirt_private.syms b/src/libvirt_private.syms
index 1111111..2222222 100644
--- a/src/libvirt_private.syms
+++ b/src/libvirt_private.syms
@@ -3500,6 +3500,10 @@ virSystemdTerminateMachine;
 virSystemdTerminateMachine;


+# util/virthrottle.h
+virThrottleGroupNwe;
+
+
 # util/virthreadjob.h
 virThreadJobClear;
 virThreadJobGet;
diff --git a/src/util/virthrottle.h b/src/util/virthrottle.h
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/src/util/virthrottle.h
@@ -0,0 +1,9 @@
+/*
+ * virthrottle.h: throttle groups shared by several disks
+ *
+ * SPDX-License-Identifier: LGPL-2.1-or-later
+ */
+
+#pragma once
+
+int virThrottleGroupNew(const char *name);
--
2.45.2
```
```findings
src/libvirt_private.syms:3504:1: syms-undeclared: virThrottleGroupNwe is exported but declared
  nowhere: the series declares virThrottleGroupNew
```

## Use instead
```mail
From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
From: Jane Doe <jane@example.org>
Date: Mon, 2 Sep 2024 10:00:00 +0200
Subject: [PATCH] util: Add virThrottleGroupNew

Signed-off-by: Jane Doe <jane@example.org>
---
diff --git a/src/libvirt_private.syms b/src/libvirt_private.syms
index 1111111..2222222 100644
--- a/src/libvirt_private.syms
+++ b/src/libvirt_private.syms
@@ -3500,6 +3500,10 @@ virSystemdTerminateMachine;
 virSystemdTerminateMachine;


+# util/virthrottle.h
+virThrottleGroupNew;
+
+
 # util/virthreadjob.h
 virThreadJobClear;
 virThreadJobGet;
diff --git a/src/util/virthrottle.h b/src/util/virthrottle.h
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/src/util/virthrottle.h
@@ -0,0 +1,9 @@
+/*
+ * virthrottle.h: throttle groups shared by several disks
+ *
+ * SPDX-License-Identifier: LGPL-2.1-or-later
+ */
+
+#pragma once
+
+int virThrottleGroupNew(const char *name);
--
2.45.2
```

## Origin
libvirt's ``scripts/check-symfile.py`` (``meson test``'s ``check-symfile``).
"""

from patchlint.api import ERROR, finding, lazy_re, match_path, rule, tree_of

RULE = "syms-undeclared"
SYMS = ("src/*.syms",)
SOURCES = ("*.c", "*.h", "*.h.in", "*.x")
# where the tree's declarations are (git pathspecs)
TREE_SOURCES = tuple(f"{d}/{g}" for d in ("src", "include", "tools") for g in SOURCES)

_SYMBOL = lazy_re(r"^\s*([A-Za-z_]\w*)\s*;\s*$")
_WORD = lazy_re(r"[A-Za-z_]\w*")
_ENUM_PAIR = lazy_re(r"Type(?:To|From)String$")


def exported(file):
    """(model line, symbol) of each symbol the patch adds to a ``.syms`` file."""
    for ln in file.added_lines():
        text = ln.text.strip()
        if not text or text.startswith("#"):
            continue
        m = _SYMBOL.match(text)
        if m and m.group(1) not in ("global", "local"):
            yield ln, m.group(1)


def declaring_words(symbol):
    """The words whose presence declares ``symbol``: itself, and the macro argument or the
    protocol structure libvirt's generated names come from."""
    words = [symbol]
    if _ENUM_PAIR.search(symbol):
        words.append(_ENUM_PAIR.sub("", symbol))
    if symbol.startswith("xdr_"):
        words.append(symbol[len("xdr_"):])
    return words


def _declared(patch):
    """The words of the sources the series has shown so far (what its patches add, and the
    lines around it), this patch's included, and the symbols its ``.syms`` files export."""
    state = patch.shared.setdefault(RULE, {"words": set(), "exports": set()}) \
        if patch.shared is not None else {"words": set(), "exports": set()}
    known = state["words"]
    for fd in patch.files:
        if not fd.is_deleted and match_path(fd.path, SYMS):
            state["exports"].update(sym for _, sym in exported(fd))
        if fd.is_deleted or not fd.hunks or not match_path(fd.path, SOURCES):
            continue
        for hunk in fd.hunks:
            for ln in hunk.lines:
                if ln.kind != "-":
                    known.update(_WORD.findall(ln.text))
    return state


def _near(symbol, state):
    """A word the series declares that ``symbol`` misspells, if any: one close to it that the
    series does not export itself (one it exports is a sibling, and ``symbol`` maybe a
    function the tree already has)."""
    import difflib  # noqa: PLC0415 (lazy: only an export declared nowhere asks)
    head = symbol[:3]
    pool = [w for w in state["words"] if w[:3] == head and abs(len(w) - len(symbol)) <= 2
            and w not in state["exports"]]
    close = difflib.get_close_matches(symbol, pool, n=1, cutoff=0.9)
    return close[0] if close else None


@rule(RULE, severity=ERROR, files=SYMS, family="scripts", check_script="check-symfile")
def check(patch):
    state = _declared(patch)
    known = state["words"]
    wanted = [(ln, sym) for fd in patch.files if not fd.is_deleted and
              match_path(fd.path, SYMS) for ln, sym in exported(fd)]
    wanted = [(ln, sym) for ln, sym in wanted
              if not any(w in known for w in declaring_words(sym))]
    if not wanted:
        return
    tree = tree_of(patch)
    in_tree = tree.words({w for _, sym in wanted for w in declaring_words(sym)},
                         TREE_SOURCES) if tree is not None else None
    if in_tree is None:
        tree, in_tree = None, set()     # git could not say: as without the tree
    for ln, sym in wanted:
        if any(w in in_tree for w in declaring_words(sym)):
            continue
        near = _near(sym, state)
        if tree is None and near is None:
            continue                    # an existing function exported: the tree would say
        said = f": the series declares {near}" if near else \
            " (in the series or the tree): check its spelling"
        start = ln.text.index(sym)
        yield finding(ln, f"{sym} is exported but declared nowhere{said}",
                      start=start, end=start + len(sym))
