"""A program of libvirt's whose ``main()`` never calls ``virGettextInitialize()``.

## What it flags
A ``.c`` file of libvirt's daemons, helpers and tools (``src/``, ``tools/``) that, as the
patch leaves it, holds ``main(`` but no call of ``virGettextInitialize()``: a new program, or a
patch that drops the call.  Reported on the first line that holds ``main(``.  The file must be
known whole: a new file, or one the tree at hand holds; and it must have passed before the
patch.  The tests, the examples and the program libvirt exempts (``virt-login-shell``, a small
setuid wrapper that links nothing of libvirt's and execs a helper which does the set-up) are
left alone.  The text is
searched as libvirt searches it, comments and strings included.

## Why
Every libvirt program prints messages meant for people, and those are translated: without
``virGettextInitialize()`` (which calls ``setlocale()`` and ``bindtextdomain()`` for it) the
program speaks English whatever the user's locale, and a new program is the
easiest place to forget it.

Profile ``glib`` only: ``virGettextInitialize()`` came in 2016; the 2012 tree's programs
called ``setlocale()`` and ``bindtextdomain()`` themselves.

## Example
```c path=src/util/virthrottlehelper.c
#include <config.h>

#include "internal.h"

int
main(int argc, char **argv)
{
    return virThrottleHelperRun(argc, argv);
}
```
```findings
6: gettext-init: this program's main() does not call virGettextInitialize(), so its
  messages are never translated
```

## Use instead
```c path=src/util/virthrottlehelper.c
#include <config.h>

#include "internal.h"
#include "virgettext.h"

int
main(int argc, char **argv)
{
    if (virGettextInitialize() < 0)
        return EXIT_FAILURE;

    return virThrottleHelperRun(argc, argv);
}
```

## Origin
libvirt's ``sc_gettext_init`` ("the above files do not call virGettextInitialize").
"""

from patchlint.api import ERROR, LIBVIRT_CODE, lazy_re, rule, whole_file, whole_finding

FILES = tuple(g for g in LIBVIRT_CODE if g.endswith(".c"))
# libvirt's exclude_file_name_regexp--sc_gettext_init
EXEMPT = ("tests/*", "examples/*", "tools/virt-login-shell.c",
          "scripts/rpcgen/tests/test_demo.c")

_MAIN = lazy_re(r"\bmain *\(")
_INIT = lazy_re(r"virGettextInitialize *\(")


def _uninitialised_main(lines):
    """The number of the first line holding ``main(`` in a file that never calls
    virGettextInitialize(), else None."""
    first = None
    for no, text in enumerate(lines, 1):
        if _INIT.search(text):
            return None
        if first is None and "main" in text and _MAIN.search(text):
            first = no
    return first


@rule("gettext-init", severity=ERROR, files=FILES, exclude=EXEMPT,
      syntax_check="sc_gettext_init", family="messages", profiles=("glib",))
def check(file):
    whole = whole_file(file)
    if whole is None:
        return
    no = whole.introduced(_uninitialised_main)
    if no is None:
        return
    message = ("this program's main() does not call virGettextInitialize(), so its messages "
               "are never translated")
    yield whole_finding(whole, no, message,
                        suggestion="call virGettextInitialize() first thing in main() and "
                                   "leave with EXIT_FAILURE when it fails")
