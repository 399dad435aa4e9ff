"""A C file that calls ``setlocale()`` without including ``<locale.h>``.

## What it flags
A C source or header that, as the patch leaves it, holds ``setlocale(`` but no line including
``locale.h``: a new file, or a patch that adds the call or drops the include.  Reported on the
first line holding ``setlocale(``.  The file must be known whole (a new file, or one the tree
at hand holds) and must have passed before the patch.  The text is searched as libvirt
searches it, comments and strings included.  libvirt reads every file so; patchlint reads C
files only, where an ``#include`` can be the answer.

## Why
``setlocale()`` and the ``LC_*`` categories are declared in ``<locale.h>``; a file that gets
them through some other header builds only as long as that header happens to include it, and
breaks on the next system whose headers are tidier.

## Example
```c path=tools/virt-throttle.c
#include <config.h>

#include "internal.h"

static void
virtThrottleInit(void)
{
    setlocale(LC_ALL, "");
}
```
```findings
8: locale-h: setlocale() is declared in <locale.h>: include it
```

## Use instead
```c path=tools/virt-throttle.c
#include <config.h>

#include <locale.h>

#include "internal.h"

static void
virtThrottleInit(void)
{
    setlocale(LC_ALL, "");
}
```

## Origin
libvirt's ``sc_require_locale_h`` ("setlocale() requires <locale.h>").
"""

from patchlint.api import C_FILES, ERROR, lazy_re, rule, whole_file, whole_finding

_CALL = lazy_re(r"setlocale *\(")
_INCLUDE = lazy_re(r"include.*locale\.h")


def _missing_include(lines):
    """The number of the first line calling setlocale() when no line includes locale.h,
    else None."""
    first = None
    for no, text in enumerate(lines, 1):
        if "locale" not in text:
            continue
        if _INCLUDE.search(text):
            return None
        if first is None and _CALL.search(text):
            first = no
    return first


@rule("locale-h", severity=ERROR, files=C_FILES, syntax_check="sc_require_locale_h",
      family="comments")
def check(file):
    whole = whole_file(file)
    if whole is None:
        return
    no = whole.introduced(_missing_include)
    if no is None:
        return
    message = "setlocale() is declared in <locale.h>: include it"
    yield whole_finding(whole, no, message, suggestion="#include <locale.h>")
