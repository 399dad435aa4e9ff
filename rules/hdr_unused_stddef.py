"""``<stddef.h>`` included by a file that uses nothing of it.

## What it flags
An ``#include <stddef.h>`` in a ``.c`` file that, as the patch leaves it, uses nothing the
header declares: ``NULL``, ``size_t``, ``ptrdiff_t``, ``wchar_t``, ``max_align_t``,
``nullptr_t``, ``offsetof`` or ``unreachable``.  That is, the patch adds the include to a file
that has no use for it, or removes the file's last use of the header and leaves the include
behind.  The finding is on the ``#include`` line.  The file must be known whole (a new file, or
one the tree at hand holds) and must have passed before the patch.  Uses are searched for as
libvirt searches them, in the whole text, comments and strings included.

## Why
An include nobody needs costs every build of the file and tells the reader a story
that is not true.  Almost every C file uses ``NULL`` or ``size_t``, so this mostly catches an
include left in a file that lost everything else, or one put in a file of declarations that
need none of it.

## Example
```c path=src/util/virthrottle.c
#include <config.h>

#include <stddef.h>

#include "virthrottle.h"

int
virThrottleGroupCount(virThrottle *t)
{
    return t->ngroups;
}
```
```findings
3: unused-stddef-h: <stddef.h> is included but nothing of it is used (NULL,
  size_t, offsetof()...)
```

## Use instead
```c path=src/util/virthrottle.c
#include <config.h>

#include <stddef.h>

#include "virthrottle.h"

size_t
virThrottleGroupCount(virThrottle *t)
{
    return t->ngroups;
}
```

## Origin
libvirt's ``sc_prohibit_stddef_without_use`` (from gnulib's ``maint.mk``).
"""

from patchlint.api import ERROR, lazy_re, rule, unused_include

_USE = lazy_re(r"\b(?:NULL|max_align_t|nullptr_t|offsetof|ptrdiff_t|size_t|unreachable|wchar_t)\b")
_MESSAGE = "<stddef.h> is included but nothing of it is used (NULL, size_t, offsetof()...)"


@rule("unused-stddef-h", severity=ERROR, files=("*.c",),
      syntax_check="sc_prohibit_stddef_without_use", family="comments")
def check(file):
    yield from unused_include(file, "stddef.h", _USE, _MESSAGE)
