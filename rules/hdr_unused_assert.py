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

from patchlint.api import ERROR, finding, lazy_re, rule, whole_file

_INCLUDE = lazy_re(r'^# *include [<"]assert\.h[">]')
_USE = lazy_re(r"\bassert *\(")


def _unused(lines):
    """The number of the line including the header when no line uses it, else None."""
    include = None
    for no, text in enumerate(lines, 1):
        if _USE.search(text):
            return None
        if include is None and text.startswith("#") and _INCLUDE.match(text):
            include = no
    return include


@rule("unused-assert-h", severity=ERROR, files=("*.c",),
      syntax_check="sc_prohibit_assert_without_use", family="comments")
def check(file):
    whole = whole_file(file)
    if whole is None:
        return
    no = whole.introduced(_unused)
    if no is None:
        return
    message = "<assert.h> is included but nothing calls assert()"
    ln = whole.line(no)
    yield finding(ln if ln is not None else file,
                  message if ln is not None else f"line {no}: {message}",
                  suggestion="delete the #include")
