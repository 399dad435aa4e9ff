"""gnulib's ``"stdio--.h"`` included by a file that opens no stream.

## What it flags
An ``#include "stdio--.h"`` in a ``.c`` file that, as the patch leaves it, uses nothing the
header declares: ``fopen()``, ``freopen()``, ``popen()`` or ``tmpfile()``, the functions whose
safer versions it substitutes.  That is, the patch adds the include to a file that has no use
for it, or removes the file's last use of the header and leaves the include behind.  The finding
is on the ``#include`` line.  The file must be known whole (a new file, or one the tree at hand
holds) and must have passed before the patch.  Uses are searched for as libvirt searches them,
in the whole text, comments and strings included.

## Why
gnulib's ``stdio--.h`` (the ``stdio-safer`` module) replaces ``fopen()`` and its kin
with versions that never hand out file descriptor 0, 1 or 2.  It does nothing else; a file
that opens no stream has no use for it, and the include suggests a protection that is not
needed.  libvirt dropped gnulib, so today the rule mostly guards against the header coming
back.

## Example
```c path=src/util/virthrottle.c
#include <config.h>

#include "stdio--.h"

#include "virthrottle.h"

int
virThrottleGroupCount(virThrottle *t)
{
    return t->ngroups;
}
```
```findings
3: unused-stdio-safer-h: <stdio--.h> is included but nothing calls fopen(),
  freopen(), popen() or tmpfile()
```

## Use instead
```c path=src/util/virthrottle.c
#include <config.h>

#include "virthrottle.h"

int
virThrottleGroupCount(virThrottle *t)
{
    return t->ngroups;
}
```

## Origin
libvirt's ``sc_prohibit_stdio--_without_use`` (from gnulib's ``maint.mk``).
"""

from patchlint.api import ERROR, lazy_re, rule, unused_include

_USE = lazy_re(r"\b(?:(?:f(?:re)?|p)open|tmpfile) *\(")
_MESSAGE = "<stdio--.h> is included but nothing calls fopen(), freopen(), popen() or tmpfile()"


@rule("unused-stdio-safer-h", severity=ERROR, files=("*.c",),
      syntax_check="sc_prohibit_stdio--_without_use", family="comments")
def check(file):
    yield from unused_include(file, "stdio--.h", _USE, _MESSAGE)
