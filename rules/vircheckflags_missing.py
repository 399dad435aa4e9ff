"""A function the patch adds takes a ``flags`` mask but never checks it.

## What it flags
A function whose definition the patch adds whole (header, braces and body all on added lines),
that takes a ``flags`` parameter of an integer type, and whose body neither checks it with
``virCheckFlags()``/``virCheckFlagsGoto()`` (or an explicit ``flags & ~mask`` or
``flags != mask`` test that rejects the rest) nor hands
``flags`` on to another call or stores them for one (which then owns the check).  Printing
``flags`` in a debug or error message is not handing them on.

A helper that tests its flags (``if (flags & VIR_FOO)``, or through a macro that reads them) is
trusted: its caller checked them.  A driver entry point, a function a driver table the patch
shows names (``static virHypervisorDriver qemuHypervisorDriver = { .domainFoo = qemuDomainFoo,
...``), is not: testing some bits is not refusing the unknown ones.

Which types count: any type spelled with C's integer keywords, ``unsigned int`` as libvirt
wants it and the wrong ones too (``int flags``, ``long flags``, ``unsigned long flags``): a
wrongly typed mask still needs its check, and a contributor gets both points in one round
(``flags-type`` reports the type, this rule the check).  A pointer, an array, an enum or struct
type, and typedefs such as ``guint`` or ``uint32_t`` (the GLib APIs of libvirt-glib and
libvirt-dbus, which have no ``virCheckFlags()``) are not a libvirt flags mask.  The body is
found however the header is laid out, its ``{`` on a line of its own or at the end of the
header's last line (``function-brace-line`` reports that brace).

## Why
An implementation that ignores its flags accepts any value a caller passes, so the day a flag
is defined for it, old servers silently ignore it instead of refusing it.  libvirt starts
every driver entry point with ``virCheckFlags(<supported flags>, <error value>)``, even when no
flag is supported yet (``virCheckFlags(0, -1)``).

## Example
```c path=src/storage/storage_driver.c
static int
storageVolWipeAsync(virStorageVolPtr vol,
                    unsigned int flags)
{
    virStorageVolDef *def = virStorageVolDefFromVol(vol);

    return virStorageBackendWipe(def);
}
```
```findings
3:34: vircheckflags-missing: storageVolWipeAsync() takes `flags` but never
  checks them with virCheckFlags()
```

```c path=src/storage/storage_driver.c
static int
storageVolWipeSync(virStorageVolPtr vol,
                   int flags) {
    return virStorageBackendWipe(virStorageVolDefFromVol(vol));
}
```
```findings
3:24: vircheckflags-missing: storageVolWipeSync() takes `flags` but never checks
  them with virCheckFlags()
```

## Use instead
```c path=src/storage/storage_driver.c
static int
storageVolWipeAsync(virStorageVolPtr vol,
                    unsigned int flags)
{
    virStorageVolDef *def = virStorageVolDefFromVol(vol);

    virCheckFlags(0, -1);

    return virStorageBackendWipe(def);
}
```

```c path=libvirt-gobject/libvirt-gobject-storage-vol.c
gboolean gvir_storage_vol_wipe(GVirStorageVol *vol,
                               guint flags,
                               GError **err)
{
    return gvir_storage_vol_wipe_internal(vol, err);
}
```

## Origin
libvirt's driver convention (``virCheckFlags`` at the top of every implementation), backed by
``sc_flags_usage``, which forbids marking ``flags`` unused.
"""

import re

from patchlint.api import (
    BOUNDARY,
    C_FILES,
    WARNING,
    finding,
    functions,
    ident_before,
    lazy_re,
    new_side,
    open_paren,
    rule,
)

_TABLE = lazy_re(r"^\s*\.\w+\s*=\s*([A-Za-z_]\w*)\s*,")
_CHECK = lazy_re(r"\bvirCheckFlags(?:Goto)?\s*\(|\bflags\s*&\s*~|\bflags\s*[!=]=")
_DRIVER_TABLE = lazy_re(r"\b\w*Driver\s+\w+\s*=\s*\{")
_FLAGS_MACRO = lazy_re(r"^\s*#\s*define\s+([A-Za-z_]\w*)\b.*\bflags\b")
_FLAGS = lazy_re(r"\bflags\b")
_NOT_CALLS = frozenset("if while for switch return sizeof".split())
# logging and error reporting print flags; they check nothing
_LOGGING = lazy_re(r"^(?:VIR_(?:DEBUG|INFO|WARN|ERROR)\w*|virReport\w+|vshDebug|"
                      r"g_(?:debug|info|message|warning|critical|printerr|print)|\w*printf)$")


@rule("vircheckflags-missing", severity=WARNING, files=C_FILES)
def check(file):
    entries = None
    for hunk in file.hunks:
        if not any(ln.kind == "+" and "flags" in ln.text for ln in hunk.lines):
            continue
        side = new_side(hunk)
        for func in functions(side):
            if not func.wholly_added:
                continue
            plist = func.params or []
            fp = next((p for p in plist if p.name == "flags"), None)
            if fp is None or not _integer_type(fp):
                continue
            if entries is None:
                entries = _entry_points(file)
            entry = func.name in entries
            if _checked(side, func, entry):
                continue
            ln = side[fp.name_start[0]] if fp.name_start else side[func.name_line]
            col = fp.name_start[1] if fp.name_start else 0
            yield finding(ln, f"{func.name}() takes `flags` but never checks them with "
                              "virCheckFlags()", start=col, end=col + 5,
                          suggestion=_advice(side, func),
                          context=[(side[func.start], side[func.body_close])]
                          + ([(entries[func.name], entries[func.name])] if entry else []))


# C's integer keywords: "unsigned int flags" and the wrong types flags-type reports ("int",
# "long", "unsigned long long" ...), which still need a check
_INT_WORDS = frozenset("unsigned signed int long short char".split())


def _advice(side, func):
    """The check to add, with the error value the function's return type gives."""
    head = " ".join(ln.code for ln in side[func.start:func.name_line])
    name_line = side[func.name_line].code
    head += " " + (name_line[:func.paren[1]] if func.paren[0] == func.name_line else name_line)
    words = head.replace("*", " * ").split()[:-1]           # the name itself goes
    if "*" in words or (words and words[-1].endswith("Ptr")):     # virDomainPtr too
        error = "NULL"
    elif "bool" in words or "gboolean" in words:
        error = "false"
    elif words and words[-1] != "void":
        error = "-1"
    else:
        return ("check them first thing with virCheckFlagsGoto(0, label) (or the mask of the "
                "flags it supports), jumping to where it reports the failure")
    return (f"add virCheckFlags(0, {error}); as its first statement (or the mask of the flags "
            "it supports)")


def _integer_type(param):
    """Is ``param`` declared with C's integer keywords (not a pointer, an array, an enum, a
    struct, nor a typedef such as ``guint``)?"""
    if "[" in param.text or "(" in param.text:
        return False
    words = [w for w in param.type.replace("*", " * ").split()
             if w not in ("const", "volatile")]
    return bool(words) and words != ["char"] and all(w in _INT_WORDS for w in words)


def _entry_points(file):
    """Functions the file's visible driver tables point at (".domainFoo = qemuDomainFoo,"):
    {name: the table's line}."""
    names = {}
    for hunk in file.hunks:
        # a hunk inside the table: git names the table in the hunk header
        in_table = bool(_DRIVER_TABLE.search(hunk.section or ""))
        for ln in new_side(hunk):
            text = ln.text
            if "Driver" in text and _DRIVER_TABLE.search(text):
                in_table = True
            elif text.startswith("}"):
                in_table = False
            elif in_table and "=" in text:
                for name in _TABLE.findall(text):
                    names.setdefault(name, ln)
    return names


def _flags_macros(side):
    """Macros whose definition reads ``flags`` (``#define MATCH(F) (flags & (F))``)."""
    return {m.group(1) for ln in side if "define" in ln.text and "flags" in ln.text
            for m in [_FLAGS_MACRO.match(ln.text)] if m}


def _stored(code, col):
    """Is ``code[col:]`` assigned: a plain ``=`` (not ``==``, ``<=`` ...) just before it?"""
    # read back from col: a search of code[:col] per use of flags on a line was quadratic
    while col and code[col - 1].isspace():
        col -= 1
    return col > 0 and code[col - 1] == "=" and (col < 2 or code[col - 2] not in "=!<>")


def _checked(side, func, entry):
    """Does the body check flags, hand them on, or (a helper) use them knowingly?"""
    start = func.body_open + 1
    end = func.body_close
    macros = _flags_macros(side)
    for k in range(start, end):
        code = side[k].code
        if _CHECK.search(code):
            return True
        if macros and not entry and any(re.search(rf"\b{m}\b", code) for m in macros):
            return True            # tests its flags through a macro that reads them
        for m in _FLAGS.finditer(code):
            if _stored(code, m.start()):
                return True        # stored for someone else: "args.flags = flags"
            op = open_paren(side, k, m.start())
            if op is None or op is BOUNDARY:
                if not entry:
                    return True    # a helper testing its flags: its caller checked them
                continue
            name = ident_before(side, *op)
            if name and name not in _NOT_CALLS and not _LOGGING.match(name):
                return True        # handed on to a call
            if not entry and not (name and _LOGGING.match(name)):
                return True
    return False
