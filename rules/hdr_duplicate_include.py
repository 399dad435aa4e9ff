"""A header included twice in one file.

## What it flags
An ``#include`` line the patch adds (in a ``.c``, ``.h`` or ``.x`` file) naming a header the
same file includes on another line, whether the other is above or below it: ``<foo.h>`` and
``"foo.h"`` name the same header.  An include counts when its ``#`` is in the first column
(``# include``, libvirt's form inside conditionals, too), wherever it is: two includes of one
header in the two branches of an ``#if`` are flagged as well.  Both lines must be in sight:
the patch shows them both, or the whole file is known (a new file, or the tree at hand).  The
finding is on the added line and names the other.

## Why
The second ``#include`` does nothing (the header's guard sees to that), so it only misleads:
it looks as if the file's needs changed where they did not, and it survives the removal of the
first one when that header is no longer needed.  Include each header once, in the file's block
of includes.

## Example
```c path=src/util/virthrottle.c
#include <config.h>

#include "virthrottle.h"
#include "virfile.h"
#include "virthrottle.h"
```
```findings
5: duplicate-include: virthrottle.h is already included on line 3
```

## Use instead
```c path=src/util/virthrottle.c
#include <config.h>

#include "virthrottle.h"
#include "virfile.h"
```

## Origin
libvirt's ``sc_prohibit-duplicate-header`` (``scripts/prohibit-duplicate-header.py``: "Do not
include a header more than once per file").
"""

from patchlint.api import ERROR, finding, is_regular, lazy_re, rule, whole_file

_INCLUDE = lazy_re(r'^# *include *[<"]([^>"]*\.h)[">]')


def _includes(file):
    """[(line number, header)] of the file's #include lines: all of them when the whole file
    is known, else those the hunks show."""
    whole = whole_file(file)
    if whole is not None:
        numbered = enumerate(whole.new, 1)
    else:
        numbered = sorted({ln.new_no: ln.text for h in file.hunks for ln in h.lines
                           if ln.kind != "-"}.items())
    out = []
    for no, text in numbered:
        if text.startswith("#"):
            m = _INCLUDE.match(text)
            if m:
                out.append((no, m.group(1)))
    return out


@rule("duplicate-include", severity=ERROR, files=("*.c", "*.h", "*.x"),
      syntax_check="sc_prohibit-duplicate-header", check_script="prohibit-duplicate-header",
      family="comments")
def check(file):
    added = {ln.new_no: ln for ln in file.added_lines() if ln.text.startswith("#")
             and _INCLUDE.match(ln.text)}
    if not added or not is_regular(file):
        return
    first, told = {}, set()
    for no, header in _includes(file):
        if header not in first:
            first[header] = no
            continue
        earlier = first[header]
        if no in added:
            yield finding(added[no], f"{header} is already included on line {earlier}",
                          suggestion="delete this #include")
        elif earlier in added and earlier not in told:
            told.add(earlier)
            yield finding(added[earlier], f"{header} is included again on line {no}",
                          suggestion="include it once")
