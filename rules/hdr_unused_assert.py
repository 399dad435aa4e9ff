"""``<assert.h>`` included by a file that never calls ``assert()``.

## What it flags
An ``#include <assert.h>`` in a ``.c`` file that, as the patch leaves it, uses nothing the
header declares: ``assert()``.  That is, the patch adds the include to a file that has no use for
it, or removes the file's last use of the header and leaves the include behind.  The finding is
on the ``#include`` line.  The file must be known whole (a new file, or one the tree at hand
holds) and must have passed before the patch.  Uses are searched for as libvirt searches them,
in the whole text, comments and strings included.

## Why
An include nobody needs costs every build of the file and tells the reader a story
that is not true.  libvirt reports errors rather than asserting (``assert()`` aborts the
daemon, and compiles to nothing under ``NDEBUG``), so an ``<assert.h>`` left over from a
debugging session is the usual case.

## Example
```c path=src/util/virthrottle.c
#include <config.h>

#include <assert.h>

#include "virthrottle.h"

int
virThrottleGroupCount(virThrottle *t)
{
    return t->ngroups;
}
```
```findings
3: unused-assert-h: <assert.h> is included but nothing calls assert()
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
libvirt's ``sc_prohibit_assert_without_use`` (from gnulib's ``maint.mk``).
"""

from patchlint.api import ERROR, lazy_re, rule, unused_include

_USE = lazy_re(r"\bassert *\(")
_MESSAGE = "<assert.h> is included but nothing calls assert()"


@rule("unused-assert-h", severity=ERROR, files=("*.c",),
      syntax_check="sc_prohibit_assert_without_use", family="comments")
def check(file):
    yield from unused_include(file, "assert.h", _USE, _MESSAGE)
