"""The patch removes a ``virCheckFlags()`` call and adds none back in that function.

## What it flags
A removed line holding ``virCheckFlags(...)`` or ``virCheckFlagsGoto(...)`` (in code, not in a
comment) when no added line of the same function checks the flags again, whatever its mask.
The function is found from its visible header or, when the hunk starts inside it, from the
function name git puts in the hunk header.  Removing a whole function, or deleting the file,
is not flagged.

The help suggests the mask to write instead: the one removed (all of its flags stay allowed),
the flags the function's code tests (``flags & VIR_FOO``), and the new constants of the flags
enum the function's flags belong to.  Which enum that is, is read, in this order, from:

1. the constants the function tests: the enum they are (or their prefix says they are) in;
2. the constants of the removed mask, the same way;
3. the enum's name: the one whose name, less ``vir`` and ``Flags``, the function's name spells
   out word by word (``virDomainBlockJobAbortFlags`` for ``qemuDomainBlockJobAbort``), the
   longest such name, and only when one enum has it.

Constants of any other enum are never suggested.  New constants are looked for in the patch
and in the earlier patches of the same input (a series in one mbox: the public header adding
the flag usually comes before the driver change).  When nothing is known, the help says in
words what to do, keeping the old mask if there was one.

## Why
``virCheckFlags(0, -1)`` is what rejects flags an implementation does not know.  Dropping it
when a new flag is supported lets all 32 bits through: a caller's typo or a flag from a newer
client is silently ignored instead of reported.  The check must stay; only its mask changes.

## Example
```diff path=src/qemu/qemu_driver.c start=11448
 static int
 qemuDomainBlockJobAbort(virDomainPtr dom, const char *path, unsigned int flags)
 {
-    virCheckFlags(0, -1);
     return qemuDomainBlockJobImpl(dom, path, 0, NULL, flags, BLOCK_JOB_ABORT);
 }
```
```findings
11451:5: vircheckflags-dropped: virCheckFlags() removed: nothing checks `flags`
  in qemuDomainBlockJobAbort() now, so every flag bit is accepted
```

```mail
From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH 1/2] Add VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT

Signed-off-by: Jane Developer <jane@example.org>
---
diff --git a/include/libvirt/libvirt-domain.h b/include/libvirt/libvirt-domain.h
--- a/include/libvirt/libvirt-domain.h
+++ b/include/libvirt/libvirt-domain.h
@@ -2410,2 +2410,3 @@ typedef enum {
     VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = 1 << 0,
+    VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = 1 << 1,
 } virDomainBlockJobAbortFlags;
--
2.47.1

From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH 2/2] qemu: Implement VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT

Signed-off-by: Jane Developer <jane@example.org>
---
diff --git a/src/qemu/qemu_driver.c b/src/qemu/qemu_driver.c
--- a/src/qemu/qemu_driver.c
+++ b/src/qemu/qemu_driver.c
@@ -11448,5 +11448,4 @@
 static int
 qemuDomainBlockJobAbort(virDomainPtr dom, const char *path, unsigned int flags)
 {
-    virCheckFlags(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC, -1);
     return qemuDomainBlockJobImpl(dom, path, 0, NULL, flags, BLOCK_JOB_ABORT);
--
2.47.1
```
```findings
mail 2: src/qemu/qemu_driver.c:11451:5: vircheckflags-dropped: virCheckFlags()
  removed: nothing checks `flags` in qemuDomainBlockJobAbort() now, so every
  flag bit is accepted
```

On patch 2 the help keeps the old mask and adds the flag patch 1 defines: ``widen the mask
instead: virCheckFlags(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC | VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT,
-1);``.

## Use instead
```diff path=src/qemu/qemu_driver.c start=11448
 static int
 qemuDomainBlockJobAbort(virDomainPtr dom, const char *path, unsigned int flags)
 {
-    virCheckFlags(0, -1);
+    virCheckFlags(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC, -1);
     return qemuDomainBlockJobImpl(dom, path, 0, NULL, flags, BLOCK_JOB_ABORT);
 }
```

## Origin
A review rule: "Don't drop this line.  Rather, alter it ... to state that we are explicitly
allowing only that one flag value through".  Every libvirt driver entry point starts with it.
"""


from patchlint.api import (
    C_FILES,
    ERROR,
    added_flag_constants,
    enclosing_function,
    finding,
    lazy_re,
    new_side,
    old_side,
    rule,
)

_CHECK = lazy_re(r"\bvirCheckFlags(?:Goto)?\s*\(")
_USED_FLAG = lazy_re(r"\bflags\s*&\s*\(?\s*(VIR_[A-Z0-9_]+)")
_KEY = "vircheckflags-dropped"       # its facts in Patch.shared, and its marks in Patch.cache


@rule("vircheckflags-dropped", severity=ERROR, files=C_FILES)
def check(file):
    patch = file.patch
    known = _remember(patch)
    if file.is_deleted:
        return
    readded = None
    for hunk in file.hunks:
        side = old_side(hunk)
        for k, ln in enumerate(side):
            if ln.kind != "-" or "virCheckFlags" not in ln.text:
                continue
            m = _CHECK.search(ln.code)
            if not m:
                continue
            name, func = enclosing_function(side, k)
            if func is not None and side[func.name_line].kind == "-":
                continue            # the whole function goes (or is rewritten)
            if name is None:
                if any(x.kind == "+" and _CHECK.search(x.code) for x in hunk.lines):
                    continue
            else:
                if readded is None:
                    readded = _readded(patch)
                if name in readded:
                    continue
            where = f"{name}()" if name else "this function"
            args = _call_args(side, k, m.end())
            old = _mask_terms(args[0]) if args else []
            errval = args[1] if args and len(args) > 1 and args[1] else "-1"
            macro = m.group(0).split("(")[0].strip()
            yield finding(ln, f"{macro}() removed: nothing checks `flags` in {where} now, so "
                              "every flag bit is accepted", start=m.start(),
                          end=len(ln.text.rstrip()),
                          suggestion=_suggestion(macro, errval, old,
                                                 _tested(hunk, name), known, name),
                          context=(side[func.start] if func else ln, ln))


def _readded(patch):
    """Names of functions in which the patch adds a flags check."""
    names = set()
    for fd in patch.files:
        if not fd.is_c:
            continue
        for hunk in fd.hunks:
            side = new_side(hunk)
            for k, ln in enumerate(side):
                if ln.kind == "+" and "virCheckFlags" in ln.text and _CHECK.search(ln.code):
                    name, _ = enclosing_function(side, k)
                    if name:
                        names.add(name)
    return names


def _remember(patch):
    """The flag constants this patch and the earlier patches of its input add, as
    ``(name, enum names, enum members)``; this patch's are recorded in ``patch.shared`` for
    the later ones (its files are shed before they are checked)."""
    shared = patch.shared if patch.shared is not None else {}
    facts = shared.setdefault(_KEY, [])
    if not patch.cache.get(_KEY):
        patch.cache[_KEY] = True
        facts.extend((c.name, c.enums, c.members) for c in added_flag_constants(patch))
    return facts


def _call_args(side, k, col):
    """The arguments of the call whose "(" ends at ``side[k]`` column ``col``, read across
    lines (a long mask is wrapped): a list of stripped texts, or None if it does not close."""
    depth = 1
    args = [""]
    for j in range(k, min(k + 10, len(side))):
        for ch in side[j].code[col if j == k else 0:]:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return [" ".join(a.split()) for a in args]
            if ch == "," and depth == 1:
                args.append("")
            else:
                args[-1] += ch
        args[-1] += " "
    return None


def _mask_terms(mask):
    """The flags a mask lets through, one term each: "VIR_A | VIR_B" -> [VIR_A, VIR_B]."""
    terms = []
    depth = 0
    cur = ""
    for ch in mask:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            terms.append(cur)
            cur = ""
        else:
            cur += ch
    terms.append(cur)
    out = []
    for t in terms:
        t = t.strip()
        while t.startswith("(") and t.endswith(")") and _balanced(t[1:-1]):
            t = t[1:-1].strip()
        if t and t not in ("0", "0U", "0u", "0x0"):
            out.append(t)
    return out


def _balanced(text):
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


def _tested(hunk, function):
    """The flags the function's code in the hunk tests (``flags & VIR_FOO``): flags it
    handles.  (Another function further down the same hunk tests its own.)"""
    used = []
    side = new_side(hunk)
    for k, ln in enumerate(side):
        if "flags" in ln.text:
            found = _USED_FLAG.findall(ln.code)
            if found and (function is None or enclosing_function(side, k)[0] == function):
                used += found
    return used


# -- which enum the function's flags belong to --------------------------------------------

_WORD = lazy_re(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def _words(name):
    return [w.lower() for w in _WORD.findall(name)]


def _stem(enum_name):
    """The words of an enum's name that say what it is for: virDomainBlockJobAbortFlags ->
    [domain, block, job, abort]."""
    words = _words(enum_name)
    if words[:1] == ["vir"]:
        words = words[1:]
    if words[-1:] == ["values"]:
        words = words[:-1]
    if words[-1:] in (["flags"], ["flag"]):
        words = words[:-1]
    return words


def _in_order(stem, words):
    """Are the words of ``stem`` found in ``words``, in that order?"""
    it = iter(words)
    return all(w in it for w in stem)


def _prefix(names):
    """The part of its constants' names an enum's constants share, cut after a "_"; with
    one constant, its name less the last word.  Too short to tell enums apart (VIR_DOMAIN_):
    ""."""
    if len(names) == 1:
        prefix = names[0][:names[0].rfind("_") + 1]
    else:
        prefix = names[0]
        for n in names[1:]:
            while not n.startswith(prefix):
                prefix = prefix[:-1]
        prefix = prefix[:prefix.rfind("_") + 1]
    return prefix if prefix.count("_") >= 3 else ""


class _Enum:
    def __init__(self):
        self.names = set()
        self.added = []
        self.members = set()
        self.prefix = ""

    def holds(self, const):
        return const in self.members or bool(self.prefix) and const.startswith(self.prefix)


def _enums(known):
    """The enums the known constants were added to, in the order they were first seen."""
    enums = {}
    for name, names, members in known:
        key = names[0] if names else "prefix:" + _prefix(list(members) or [name])
        e = enums.get(key)
        if e is None:
            e = enums[key] = _Enum()
        e.names.update(names)
        if name not in e.added:
            e.added.append(name)
        e.members.update(members)
        e.members.add(name)
    for e in enums.values():
        e.prefix = _prefix(sorted(e.members))
    return list(enums.values())


def _flags_enums(enums, tested, old, function):
    """The enum(s) the function's flags belong to: those of the constants it tests, else
    those of its old mask's constants, else the one whose name the function's name spells
    out (most words, and only one such enum); [] when none is known."""
    for consts in (tested, old):
        chosen = [e for e in enums if any(e.holds(c) for c in consts)]
        if chosen:
            return chosen
    if not function:
        return []
    words = _words(function)
    best, chosen = 1, []
    for e in enums:
        score = max((len(st) for st in map(_stem, e.names) if _in_order(st, words)), default=0)
        if score > best:
            best, chosen = score, [e]
        elif score == best:
            chosen.append(e)
    return chosen if len(chosen) == 1 else []


def _suggestion(macro, errval, old, tested, known, function):
    enums = _flags_enums(_enums(known), tested, old, function) if known else []
    mask = []
    for c in old + tested + [c for e in enums for c in e.added]:
        if c not in mask:
            mask.append(c)
    fn = f"{function}()" if function else "the function"
    if len(mask) > len(old):
        return f"widen the mask instead: {macro}({' | '.join(mask)}, {errval});"
    if old:
        return f"keep {macro}({' | '.join(old)}, {errval}); and add to its mask the flags " \
               f"{fn} now supports"
    return f"keep the check and widen its mask from 0 to the flags {fn} now supports"
