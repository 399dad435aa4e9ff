"""``flags`` is not the last parameter of a function the patch adds or changes.

## What it flags
A function definition, prototype or function-pointer type whose parameter list the patch adds or
changes, and in which a ``flags`` parameter is followed by an input parameter.  What
conventionally comes after the flags is fine: a variadic ``...``, a callback and its opaque
data, GLib's tail of ``GCancellable *``, ``GError **`` and ``user_data``, and output
parameters, which are told from inputs the way libvirt marks them:

- a pointer to a pointer (``virDomainDef **def``, ``char **xml``): handed back to the caller;
- a pointer to a number or a bool (``int *nparams``, ``bool *live``): C passes those in by
  value, so the pointer is there to hand one back;
- a pointer named ``ret...`` or ``result``;
- a buffer the function appends its output to (``virBuffer *buf``, ``GString *``);
- a pointer the function writes through, ``*name = ...``, when the patch shows its body (a
  prototype learns it from its definition elsewhere in the patch).  Setting a field of a
  struct it points to (``vol->allocation = 0``) does not count: that is an input the
  function updates.

Any other pointer is an input (``virStorageVolDef *vol``), and so is a ``const`` one
(``const char *path``), always.  Only integer flags masks count: a pointer, an array or an
enum-typed option called ``flags`` is left alone, and so is the migration API family, whose
argument order the wire protocol fixes.  The finding is reported on the ``flags`` parameter
when the patch adds that line, otherwise on the first added line of the list.

## Why
libvirt's APIs and internal helpers all end with ``unsigned int flags``.  Readers rely on it
("the last argument is the flags"), and when an API gains a feature the flags are where it
goes, so a parameter after them looks like a mistake in every call.

## Example
```diff path=src/qemu/qemu_driver.c start=11379
 static int
 qemuDomainBlockJobImpl(virDomainPtr dom, const char *path,
                        unsigned long bandwidth, virDomainBlockJobInfoPtr info,
-                       int mode)
+                       unsigned int flags, int mode)
 {
```
```findings
11382:37: flags-last: `flags` should be the last parameter of
  qemuDomainBlockJobImpl(); `int mode` follows it
```

```c path=src/storage/storage_util.h
int virStorageBackendVolWipeRange(virStoragePoolObj *pool, unsigned int flags,
                                  virStorageVolDef *vol);
```
```findings
1:73: flags-last: `flags` should be the last parameter of
  virStorageBackendVolWipeRange(); `virStorageVolDef *vol` follows it
```

## Use instead
```diff path=src/qemu/qemu_driver.c start=11379
 static int
 qemuDomainBlockJobImpl(virDomainPtr dom, const char *path,
                        unsigned long bandwidth, virDomainBlockJobInfoPtr info,
-                       int mode)
+                       int mode, unsigned int flags)
 {
```

```c path=src/conf/domain_conf.h
virDomainDef *virDomainObjPickDef(virDomainObj *vm, unsigned int flags,
                                  bool *live);
int virDomainObjSplitDefs(virDomainObj *vm, unsigned int flags,
                          virDomainDef **persistent, virDomainDef **running);
int qemuDomainDefFormatExample(virDomainDef *def, unsigned int flags, virBuffer *buf);
```

## Origin
A review habit ("I'd make flags the last argument"), followed by every public API in
``include/libvirt/``.
"""

import re

from patchlint.api import (
    BOUNDARY,
    C_FILES,
    WARNING,
    finding,
    functions,
    lazy_re,
    legacy_migration_api,
    new_side,
    open_paren,
    params,
    rule,
    word_before,
)

# What may follow flags: GLib's error/cancellable/callback tail and output parameters.
_GLIB_TAIL = lazy_re(r"^(?:GError\s*\*\s*\*|GCancellable\s*\*|GAsyncReadyCallback\b|"
                        r"gpointer\b|GDestroyNotify\b|void\s*\*)")


_INT_TYPE = lazy_re(r"(?:const )?(?:unsigned int|unsigned long|unsigned long long|unsigned|"
                       r"int|long|guint|guint32|guint64|uint32_t|uint64_t)")
_CALLBACK = lazy_re(r"^(?:const\s+)?\w*(?:Callback|Func|Cb|Fn)\b|\(\s*\*")


_CONST = lazy_re(r"\bconst\b")
_RESULT_NAME = lazy_re(r"^(?:ret\w*|result)$")
# a buffer the function appends its output to ("virDomainDef *def, unsigned int flags,
# virBuffer *buf": libvirt's formatters)
_BUFFER = lazy_re(r"^(?:virBuffer\s*\*|virBufferPtr|GString\s*\*)$")
# a pointer to a number or a bool ("int *nparams", "bool *live", "unsigned long long *size"):
# C passes those in by value, so the pointer is there to hand one back
_SCALAR_PTR = lazy_re(r"^(?:(?:unsigned|signed|int|long|short|bool|gboolean|double|float|"
                      r"size_t|ssize_t|off_t|pid_t|uid_t|gid_t|mode_t|time_t|"
                      r"g?u?int(?:8|16|32|64)?(?:_t)?|gu?long|gsize|gssize|gdouble)\s*)+\*$")


def _may_follow(p, written):
    """May ``p`` come after ``flags``: the tail libvirt and GLib put there, or an output?

    ``written``: the names the function's body (when the patch shows it) writes through.
    """
    if p.text == "...":
        return True
    if _GLIB_TAIL.match(p.text) or _CALLBACK.search(p.text):
        return True
    typ = " ".join(p.type.split())
    if _BUFFER.match(typ):
        return True
    stars = typ.count("*")
    if not stars or "[" in p.text:
        return False
    if stars >= 2:
        return True             # "virDomainDef **def", "char **xml": handed back
    if _CONST.search(typ):
        return False            # "const char *name": read, never written
    name = p.name or ""
    if _RESULT_NAME.match(name):
        return True             # "virFoo *ret", "virFoo *result"
    if _SCALAR_PTR.match(typ):
        return True             # "int *nparams", "bool *live"
    return name in written      # "*def = g_new0(...)" in its body


_KEYWORD_BEFORE = lazy_re(r"\b(?:if|for|while|switch|return|sizeof)$")


def _name_before(code, end):
    """The word ending ``code[:end]``, past one ``)`` ("(*fn)"), else "the function"."""
    if code[end - 1] == ")":
        end -= 1
    return word_before(code, end) or "the function"


_WRITE_THROUGH = lazy_re(r"(?<![\w)\]*])\*\s*([A-Za-z_]\w*)\s*=(?!=)")


def _written_through(patch):
    """{function name: names its body writes through ("*name = ...")}, for every function
    whose body the patch shows (so a prototype in a header learns from its definition)."""
    got = patch.cache.get("flags-last-written")
    if got is None:
        got = patch.cache["flags-last-written"] = {}
        for fd in patch.files:
            if not fd.is_c:
                continue
            for hunk in fd.hunks:
                for func in functions(new_side(hunk)):
                    names = got.setdefault(func.name, set())
                    for ln in func.body:
                        code = ln.code
                        if "*" in code and "=" in code:
                            names.update(_WRITE_THROUGH.findall(code))
    return got


_FLAGS_PARAM = lazy_re(r"(?<![\w.>])[A-Za-z_]\w*[\s*]+flags\s*,")


@rule("flags-last", severity=WARNING, files=C_FILES)
def check(file):
    for hunk in file.hunks:
        side = new_side(hunk)
        seen = set()
        for k, ln in enumerate(side):
            if "flags" not in ln.text:
                continue
            code = ln.code
            if "flags" not in code:
                continue
            for m in _FLAGS_PARAM.finditer(code):
                op = open_paren(side, k, m.start())
                if op is None or op is BOUNDARY or op in seen:
                    continue
                seen.add(op)
                j, pos = op
                # what comes before the "(", read back from it: copying and searching the
                # whole line before each of many lists on one line was quadratic
                opener = side[j].code
                end = pos
                while end and opener[end - 1].isspace():
                    end -= 1
                if not end or not (opener[end - 1].isalnum() or opener[end - 1] in "_)"):
                    continue
                if _KEYWORD_BEFORE.search(opener, max(0, end - 7), end):
                    continue
                plist = params(side, j, pos)
                if not plist:
                    continue
                names = [p.name for p in plist]
                if "flags" not in names:
                    continue
                idx = names.index("flags")
                fp = plist[idx]
                if "[" in fp.text or not _INT_TYPE.fullmatch(" ".join(fp.type.split())):
                    continue            # a pointer, array or enum option called flags
                after = [p for p in plist[idx + 1:] if not _may_follow(p, ())]
                if after:
                    written = _written_through(file.patch).get(_name_before(opener, end), ())
                    after = [p for p in after if not _may_follow(p, written)]
                rest = after
                if not rest:
                    continue
                if not re.search(r"\w", fp.type):
                    continue            # a call passing flags, not a declaration
                first, last = plist[0].start[0], plist[-1].end[0]
                changed = [side[i] for i in range(first, last + 1) if side[i].kind == "+"]
                if not changed:
                    continue
                fname = _name_before(opener, end)
                if legacy_migration_api(fname):
                    continue            # the migration protocol fixes its order (ABI)
                after = ", ".join(f"`{p.text}`" for p in rest)
                verb = "follows" if len(rest) == 1 else "follow"
                msg = f"`flags` should be the last parameter of {fname}(); {after} {verb} it"
                span = (side[j], side[plist[-1].end[0]])
                fl_line = side[fp.name_start[0]] if fp.name_start else None
                if fl_line is not None and fl_line.kind == "+":
                    col = fp.name_start[1]
                    yield finding(fl_line, msg, start=col, end=col + len("flags"),
                                  suggestion="move the other parameter(s) before `flags`",
                                  context=span)
                else:
                    ln0 = changed[0]
                    start = len(ln0.text) - len(ln0.text.lstrip())
                    yield finding(ln0, msg, start=start, end=len(ln0.text.rstrip()),
                                  suggestion="move the other parameter(s) before `flags`",
                                  context=span)
