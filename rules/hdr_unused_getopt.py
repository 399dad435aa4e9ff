"""``<getopt.h>`` included by a file that never calls ``getopt()``.

## What it flags
An ``#include <getopt.h>`` in a ``.c`` file that, as the patch leaves it, uses nothing the
header declares: ``getopt()`` or ``getopt_long()``.  That is, the patch adds the include to a
file that has no use for it, or removes the file's last use of the header and leaves the include
behind.  The finding is on the ``#include`` line.  The file must be known whole (a new file, or
one the tree at hand holds) and must have passed before the patch.  Uses are searched for as
libvirt searches them, in the whole text, comments and strings included.

## Why
An include nobody needs costs every build of the file and tells the reader a story
that is not true.  libvirt's programs parse their options with ``getopt_long()`` or GLib's
``GOptionContext``; a ``<getopt.h>`` left behind when a program moves from the one to the
other, or copied into a file that parses nothing, is the usual case.

## Example
```c path=src/util/virthrottle.c
#include <config.h>

#include <getopt.h>

#include "internal.h"

int
main(int argc, char **argv)
{
    return virThrottleToolRun(argc, argv);
}
```
```findings
3: unused-getopt-h: <getopt.h> is included but nothing calls getopt() or
  getopt_long()
```

## Use instead
```c path=src/util/virthrottle.c
#include <config.h>

#include "internal.h"

int
main(int argc, char **argv)
{
    return virThrottleToolRun(argc, argv);
}
```

## Origin
libvirt's ``sc_prohibit_getopt_without_use`` (from gnulib's ``maint.mk``).
"""

from patchlint.api import ERROR, lazy_re, rule, unused_include

_USE = lazy_re(r"\bgetopt(?:_long)? *\(")
_MESSAGE = "<getopt.h> is included but nothing calls getopt() or getopt_long()"


@rule("unused-getopt-h", severity=ERROR, files=("*.c",),
      syntax_check="sc_prohibit_getopt_without_use", family="comments")
def check(file):
    yield from unused_include(file, "getopt.h", _USE, _MESSAGE)
