"""The patch removes a ``virCheckFlags()`` call and adds none back in that function.

## What it flags
A removed line holding ``virCheckFlags(...)`` or ``virCheckFlagsGoto(...)`` (in code, not in a
comment) when no added line of the same function checks the flags again, whatever its mask.
The function is found from its visible header or, when the hunk starts inside it, from the
function name git puts in the hunk header.  Removing a whole function, or deleting the file,
is not flagged.

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


from patchlint.api import C_FILES, ERROR, finding, rule
from patchlint.c import added_flag_constants, enclosing_function, new_side, old_side
from patchlint.lazyre import lazy_re

_CHECK = lazy_re(r"\bvirCheckFlags(?:Goto)?\s*\(")
_USED_FLAG = lazy_re(r"\bflags\s*&\s*\(?\s*(VIR_[A-Z0-9_]+)")


@rule("vircheckflags-dropped", severity=ERROR, files=C_FILES)
def check(file):
    if file.is_deleted:
        return
    patch = file.patch
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
            errval = _errval(ln.code[m.end():])
            mask = _suggest_mask(patch, hunk, name)
            macro = m.group(0).split("(")[0].strip()
            call = f"{macro}({mask}, {errval});"
            yield finding(ln, f"{macro}() removed: nothing checks `flags` in {where} now, so "
                              "every flag bit is accepted", start=m.start(),
                          end=len(ln.text.rstrip()),
                          suggestion=f"widen the mask instead: {call}",
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


def _errval(rest):
    depth = 1
    args = [""]
    for ch in rest:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                break
        if ch == "," and depth == 1:
            args.append("")
        else:
            args[-1] += ch
    return args[-1].strip() if len(args) > 1 and args[-1].strip() else "-1"


def _suggest_mask(patch, hunk, name):
    """Flags the function tests, else the flags the patch defines: the likely new mask."""
    used = []
    for ln in hunk.lines:
        if ln.kind != "-":
            used += _USED_FLAG.findall(ln.code)
    if not used:
        used = [c for c, _ in added_flag_constants(patch)]
    seen = []
    for u in used:
        if u not in seen:
            seen.append(u)
    return " | ".join(seen) if seen else "<the flags it supports>"
