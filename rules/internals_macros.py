"""A call of an allocation or file helper that libvirt only calls through its macro.

## What it flags
A direct call of one of the functions behind libvirt's ``VIR_`` macros: ``virReallocN()``,
``virInsertElementsN()``, ``virDeleteElementsN()`` (viralloc.h), ``virFileClose()``,
``virFileFclose()``, ``virFileFdopen()`` (virfile.h), and the allocators of older trees,
``virFree()``, ``virAlloc()``, ``virAllocN()``.  Only code is judged (libvirt's syntax-check
also flags the names in comments); the files that implement the macros (``viralloc``,
``virfile``, ``virutil``) and the ESX SOAP layer, which libvirt exempts, are left alone.

## Why
The macros take the variable itself, not its address and its size: ``VIR_REALLOC_N(list, n)``
gets ``sizeof(*list)`` right by construction, ``VIR_FORCE_CLOSE(fd)`` sets ``fd`` to -1 so that
it cannot be closed twice, and ``VIR_FCLOSE()`` leaves ``NULL`` behind.  Called by hand, each of
these is one ``&`` or one ``sizeof`` away from a double close or a short allocation.

## Example
```c path=src/util/virthrottle.c
    virReallocN(&groups, sizeof(*groups), ngroups + 1);
```
```findings
1:5: prefer-vir-macro: use VIR_REALLOC_N() instead of calling virReallocN()
```

```c path=src/util/virthrottle.c
    ignore_value(virFileClose(&fd, VIR_FILE_CLOSE_PRESERVE_ERRNO));
```
```findings
1:18: prefer-vir-macro: use VIR_CLOSE() or VIR_FORCE_CLOSE() instead of calling
  virFileClose()
```

## Use instead
```c path=src/util/virthrottle.c
    VIR_REALLOC_N(groups, ngroups + 1);
```

```c path=src/util/virthrottle.c
    VIR_FORCE_CLOSE(fd);
```

## Profiles
Under ``glib`` (today's tree) ``virFree()`` and ``virAlloc()`` are answered with GLib's
``g_free()`` and ``g_new0()``; under ``gnulib`` (the 2012 tree) with ``VIR_FREE()``,
``VIR_ALLOC()`` and ``VIR_ALLOC_N()``.

## Origin
libvirt's ``sc_prohibit_internal_functions`` ("use VIR_ macros instead of internal functions").
"""

from patchlint.api import ERROR, LIBVIRT_CODE, finding, lazy_re, rule

_CALL = lazy_re(r"\bvir(Free|AllocN?|ReallocN|InsertElementsN|DeleteElementsN"
                r"|File(?:Close|Fclose|Fdopen))(?=\s*\()")

_INSTEAD = {
    "ReallocN": "VIR_REALLOC_N()",
    "InsertElementsN": "VIR_INSERT_ELEMENT() or VIR_APPEND_ELEMENT()",
    "DeleteElementsN": "VIR_DELETE_ELEMENT()",
    "FileClose": "VIR_CLOSE() or VIR_FORCE_CLOSE()",
    "FileFclose": "VIR_FCLOSE() or VIR_FORCE_FCLOSE()",
    "FileFdopen": "VIR_FDOPEN()",
}
_ERA = {
    "glib": {"Free": "g_free() or VIR_FREE()", "Alloc": "g_new0()", "AllocN": "g_new0()"},
    "gnulib": {"Free": "VIR_FREE()", "Alloc": "VIR_ALLOC()", "AllocN": "VIR_ALLOC_N()"},
}

# libvirt's exemptions: the implementations, today's and the 2012 tree's (memory.c), and the
# ESX SOAP layer.
EXEMPT = ("src/util/viralloc.c", "src/util/viralloc.h", "src/util/virutil.c",
          "src/util/virutil.h", "src/util/virfile.c", "src/util/virfile.h",
          "src/util/memory.c", "src/util/memory.h", "src/esx/esx_vi.c")


@rule("prefer-vir-macro", severity=ERROR, files=LIBVIRT_CODE, exclude=EXEMPT,
      syntax_check="sc_prohibit_internal_functions", family="internals",
      needs=("virFree", "virAlloc", "virReallocN", "virInsertElementsN", "virDeleteElementsN",
             "virFileClose", "virFileFclose", "virFileFdopen"))
def check(line, config):
    era = _ERA.get(config.profile, _ERA["glib"])
    for m in _CALL.finditer(line.code):
        name = m.group(1)
        instead = _INSTEAD.get(name) or era[name]
        yield finding(line, f"use {instead} instead of calling vir{name}()",
                      start=m.start(), end=m.end())
