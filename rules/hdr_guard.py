"""A header of libvirt's that does not open the way its headers do: comment, blank, guard.

## What it flags
A ``.h`` file of libvirt's tree (``src/``, ``include/``, ``tests/``, ``tools/``) whose start,
as the patch leaves it, departs from the layout every libvirt header has:

1. the copyright comment, up to the first line holding ``*/``;
2. exactly one blank line;
3. in a ``*priv.h`` header, a guard that refuses to be included from anywhere but the files
   allowed to (``#ifndef LIBVIRT_FOOPRIV_H_ALLOW``, ``# error "..."``,
   ``#endif /* LIBVIRT_FOOPRIV_H_ALLOW */``) and another single blank line;
4. ``#pragma once``; or, in a public header (a path with ``include/``), the classic guard:
   ``#ifndef LIBVIRT_FOO_H``, ``# define LIBVIRT_FOO_H`` and, as the header's last line,
   ``#endif /* LIBVIRT_FOO_H */``.

The guard's name is the file's name in capitals, every other character an underscore
(``LIBVIRT_`` put in front unless it starts so).  The first departure is reported, on the line
where it is.  A header is judged when its whole text is known (a new file, or the tree at hand),
or, for the ``#pragma once`` layout, when the patch's first hunk shows the top of the file down
to the guard; and only when the patch brings the departure: a header that broke the layout
before the patch is left alone.  The headers libvirt spares are spared (the RPC generator's
test output, ``config-post.h``, the VirtualBox SDK's headers).

## Why
The same opening everywhere makes a header's guard one line that nobody gets wrong; a
``*priv.h`` header's extra guard keeps its private declarations to the files that implement
them; the public headers keep classic guards for the compilers of the programs that use them.

Profile ``glib`` only: libvirt settled on this layout in 2019; the 2012 tree guarded its
headers with ``#ifndef __VIR_FOO_H__``.

## Example
```c path=src/util/virthrottle.h
/*
 * virthrottle.h: throttle groups shared by several disks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "internal.h"
```
```findings
7: header-guard: expected '#pragma once' after the copyright comment and its blank line
```

A public header with a guard of the old style:

```c path=include/libvirt/libvirt-throttle.h
/*
 * libvirt-throttle.h: throttle groups
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef __VIR_LIBVIRT_THROTTLE_H__
# define __VIR_LIBVIRT_THROTTLE_H__

#endif /* __VIR_LIBVIRT_THROTTLE_H__ */
```
```findings
7: header-guard: expected '#ifndef LIBVIRT_THROTTLE_H' after the copyright comment and its
  blank line
```

## Use instead
```c path=src/util/virthrottle.h
/*
 * virthrottle.h: throttle groups shared by several disks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "internal.h"
```

```c path=include/libvirt/libvirt-throttle.h
/*
 * libvirt-throttle.h: throttle groups
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_THROTTLE_H
# define LIBVIRT_THROTTLE_H

#endif /* LIBVIRT_THROTTLE_H */
```

```c path=src/util/virthrottlepriv.h
/*
 * virthrottlepriv.h: the private side of throttle groups
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_VIRTHROTTLEPRIV_H_ALLOW
# error "virthrottlepriv.h may only be included by virthrottle.c or test suites"
#endif /* LIBVIRT_VIRTHROTTLEPRIV_H_ALLOW */

#pragma once
```

## Origin
libvirt's ``sc_header-ifdef`` (``scripts/header-ifdef.py``).
"""

from patchlint.api import ERROR, LIBVIRT_CODE, finding, is_regular, lazy_re, rule, whole_file

FILES = tuple(g for g in LIBVIRT_CODE if g.endswith(".h")) + ("tests/*.h",)
# libvirt's exclude_file_name_regexp--sc_header-ifdef and the names header-ifdef.py skips
EXEMPT = ("scripts/rpcgen/tests/demo.h", "*config-post.h*", "*vbox_CAPI*", "*vbox_XPCOM*")

_NOT_NAME = lazy_re(r"[^A-Z0-9]")
_RUNS = lazy_re(r"__+")
_PRIV_ERROR = lazy_re(r'# error ".*"$')

# where the check stands, in order: the states after the top guard are those of a public
# header's body and of what follows its #endif
(COMMENT, BLANK, PRIV_IFNDEF, PRIV_ERROR, PRIV_ENDIF, PRIV_BLANK, GUARD, DEFINE, BODY,
 AFTER) = range(10)
DONE = 99


def guard_name(path: str) -> str:
    name = _RUNS.sub("_", _NOT_NAME.sub("_", path.rsplit("/", 1)[-1].upper()))
    if not name.startswith("LIBVIRT_") or "libvirt_internal.h" in path:
        name = "LIBVIRT_" + name
    return name


class _Layout:
    """The layout a header must keep, by its path: its guard's names and kind."""

    def __init__(self, path):
        self.name = name = guard_name(path)
        self.priv = name + "_ALLOW"
        self.public = "include/" in path
        self.is_priv = path.endswith("priv.h")
        self.expected = f"#ifndef {name}" if self.public else "#pragma once"

    def step(self, state, text):
        """(next state, message of a departure or None) after one more line."""
        blank = not text.strip()
        if state == COMMENT:
            return (BLANK if "*/" in text else COMMENT), None
        if state == BLANK:
            if not blank:
                return state, "put one blank line after the copyright comment"
            return (PRIV_IFNDEF if self.is_priv else GUARD), None
        if state in (PRIV_IFNDEF, GUARD) and blank:
            return state, "one blank line after the copyright comment, not more"
        if state in (PRIV_IFNDEF, PRIV_ERROR, PRIV_ENDIF, PRIV_BLANK):
            return self._priv(state, text, blank)
        if state == GUARD:
            if self.public and not text.endswith(self.expected) or \
                    not self.public and "#pragma once" not in text:
                return state, (f"expected '{self.expected}' after the copyright comment and "
                               "its blank line")
            return (DEFINE if self.public else DONE), None
        if state == DEFINE:
            if not text.endswith(f"# define {self.name}"):
                return state, f"expected '# define {self.name}' under '#ifndef {self.name}'"
            return BODY, None
        if state == BODY:
            return (AFTER if text.endswith(f"#endif /* {self.name} */") else BODY), None
        return state, (f"nothing may follow '#endif /* {self.name} */' at the end of a public "
                       "header")

    def _priv(self, state, text, blank):
        priv = self.priv
        if state == PRIV_IFNDEF:
            if not text.endswith(f"#ifndef {priv}"):
                return state, (f"expected '#ifndef {priv}' after the copyright comment and "
                               "its blank line")
            return PRIV_ERROR, None
        if state == PRIV_ERROR:
            if not _PRIV_ERROR.search(text):
                return state, f"expected '# error \"...\"' under '#ifndef {priv}'"
            return PRIV_ENDIF, None
        if state == PRIV_ENDIF:
            if f"#endif /* {priv} */" not in text:
                return state, f"expected '#endif /* {priv} */'"
            return PRIV_BLANK, None
        if not blank:
            return state, "put one blank line after the _ALLOW guard"
        return GUARD, None

    def end(self, state, lines):
        """The departure of a whole file that ends in ``state``, or None."""
        if state in (AFTER, DONE):
            return None
        if state == COMMENT:
            return 1, "a libvirt header starts with its copyright comment"
        if state == BODY:
            return len(lines), f"a public header ends with '#endif /* {self.name} */'"
        return len(lines), f"the header ends before its guard: expected '{self.expected}'"


def layout(path, lines, whole):
    """(state, problem): how far the header's lines keep the layout, and the first departure
    as (line number, message), or None.  ``whole``: the lines are all of the file (else a
    beginning of it, and running out of them decides nothing)."""
    want = _Layout(path)
    state = COMMENT
    for no, raw in enumerate(lines, 1):
        state, message = want.step(state, raw.rstrip("\r"))
        if message is not None:
            return state, (no, message)
        if state == DONE:
            return state, None
    return state, (want.end(state, lines) if whole else None)


def _top(file, side):
    """The lines of the first hunk's ``side`` ('new' or 'old') when it starts the file."""
    hunk = file.hunks[0]
    if (hunk.new_start if side == "new" else hunk.old_start) != 1:
        return None
    lines = hunk.new_side() if side == "new" else hunk.old_side()
    return [ln.text for ln in lines]


def _introduced(file):
    """The departure the patch brings, as (line number, message), or None."""
    path = file.path
    whole = whole_file(file)
    if whole is not None:
        state, problem = layout(path, whole.new, True)
        if problem is None or whole.is_new:
            return problem
        return problem if layout(path, whole.old, True)[1] is None else None
    new, old = _top(file, "new"), _top(file, "old")
    if new is None or old is None or "include/" in path:
        return None                     # a public header's layout runs to its end
    state, problem = layout(path, new, False)
    if problem is None:
        return None
    before, old_problem = layout(path, old, False)
    return problem if before == DONE else None


@rule("header-guard", severity=ERROR, files=FILES, exclude=EXEMPT,
      syntax_check="sc_header-ifdef", family="comments", profiles=("glib",))
def check(file):
    if file.is_deleted or not file.hunks or not is_regular(file):
        return
    problem = _introduced(file)
    if problem is None:
        return
    no, message = problem
    whole = whole_file(file)
    ln = whole.line(no) if whole is not None else next(
        (x for x in file.hunks[0].new_side() if x.new_no == no), None)
    if ln is not None:
        yield finding(ln, message)
    else:
        yield finding(file, f"line {no}: {message}")
