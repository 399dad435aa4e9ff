"""A function the patch adds takes ``unsigned int flags`` but never checks them.

## What it flags
A function whose definition the patch adds whole (header, braces and body all on added lines),
that takes an ``unsigned int flags`` parameter, and whose body neither checks it with
``virCheckFlags()``/``virCheckFlagsGoto()`` (or an explicit ``flags & ~mask`` test) nor hands
``flags`` on to another call (which then owns the check).  Printing ``flags`` in a debug or
error message is not handing them on.

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

## Origin
libvirt's driver convention (``virCheckFlags`` at the top of every implementation), backed by
``sc_flags_usage``, which forbids marking ``flags`` unused.
"""

import re

from patchlint.api import C_FILES, WARNING, finding, rule
from patchlint.c import BOUNDARY, functions, ident_before, new_side, open_paren

_CHECK = re.compile(r"\bvirCheckFlags(?:Goto)?\s*\(|\bflags\s*&\s*~")
_FLAGS = re.compile(r"\bflags\b")
_NOT_CALLS = frozenset("if while for switch return sizeof".split())
# logging and error reporting print flags; they check nothing
_LOGGING = re.compile(r"^(?:VIR_(?:DEBUG|INFO|WARN|ERROR)\w*|virReport\w+|vshDebug|"
                      r"g_(?:debug|info|message|warning|critical|printerr|print)|\w*printf)$")


@rule("vircheckflags-missing", severity=WARNING, files=C_FILES)
def check(file):
    for hunk in file.hunks:
        side = new_side(hunk)
        for func in functions(side):
            if not func.wholly_added:
                continue
            plist = func.params or []
            fp = next((p for p in plist if p.name == "flags"), None)
            if fp is None or " ".join(fp.type.split()) not in ("unsigned int", "const unsigned int"):
                continue
            if _checked(side, func):
                continue
            ln = side[fp.name_start[0]] if fp.name_start else side[func.name_line]
            col = fp.name_start[1] if fp.name_start else 0
            yield finding(ln, f"{func.name}() takes `flags` but never checks them with "
                              "virCheckFlags()", start=col, end=col + 5,
                          suggestion="add virCheckFlags(0, <error value>); as its first "
                                     "statement (or the mask of the flags it supports)")


def _checked(side, func):
    start = func.body_open + 1
    end = func.body_close
    for k in range(start, end):
        code = side[k].code
        if _CHECK.search(code):
            return True
        for m in _FLAGS.finditer(code):
            op = open_paren(side, k, m.start())
            if op is None or op is BOUNDARY:
                continue
            name = ident_before(side, *op)
            if name and name not in _NOT_CALLS and not _LOGGING.match(name):
                return True        # handed on to a call
    return False
