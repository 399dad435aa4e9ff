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
where it is.  A header is judged when its whole text is known (a new file, or the tree at
hand), and only when the patch brings the departure: a header that broke the layout
before the patch is left alone.  Without the tree one change is still seen: a patch that
deletes the ``#pragma once`` it shows right after a comment's ``*/`` and a blank line (the
guard's place) and puts no guard back there.  The headers libvirt spares are spared (the RPC
generator's test output, ``config-post.h``, the VirtualBox SDK's headers).

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

A patch (read without the tree) that gives an existing header a classic guard:

```diff path=src/util/virfile.h start=19
  * <http://www.gnu.org/licenses/>.
  */

-#pragma once
+#ifndef LIBVIRT_VIRFILE_H
+# define LIBVIRT_VIRFILE_H

 #include "internal.h"
```
```findings
22: header-guard: expected '#pragma once' after the copyright comment and its blank line
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
# header's body and of what follows its #endif; DONE once '#pragma once' is reached
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


def layout(path, lines):
    """The first departure of a header's lines (all of them) from the layout, as (line number,
    message), or None."""
    want = _Layout(path)
    state = COMMENT
    for no, raw in enumerate(lines, 1):
        state, message = want.step(state, raw.rstrip("\r"))
        if message is not None:
            return no, message
        if state == DONE:
            return None
    return want.end(state, lines)


def _introduced(file):
    """The departure the patch brings, as (model line or None, line number, message)."""
    whole = whole_file(file)
    if whole is None:
        return _guard_removed(file)
    problem = layout(file.path, whole.new)
    if problem is None or not whole.is_new and layout(file.path, whole.old) is not None:
        return None
    return (whole.line(problem[0]),) + problem


def _guard_removed(file):
    """A ``#pragma once`` the patch deletes from its place (after a ``*/`` line and a blank
    one, both shown) without putting one back: the line now there and what is wrong with
    it, or the deleted line when nothing new took its place."""
    if "include/" in file.path:
        return None                     # a public header's guard runs to its end
    want = _Layout(file.path)
    for hunk in file.hunks:
        lines = hunk.lines
        for k, ln in enumerate(lines):
            if ln.kind != "-" or ln.text.strip() != "#pragma once" or k < 2:
                continue
            above, blank = lines[k - 2], lines[k - 1]
            if above.kind != " " or "*/" not in above.text or blank.kind != " " or \
                    blank.text.strip():
                continue
            now = next((x for x in lines[k + 1:] if x.kind != "-"), None)
            if now is None or now.kind != "+":
                return ln, ln.old_no, "the header's '#pragma once' is deleted"
            state, message = want.step(GUARD, now.text)
            if message is not None:
                return now, now.new_no, message
            return None
    return None


@rule("header-guard", severity=ERROR, files=FILES, exclude=EXEMPT,
      syntax_check="sc_header-ifdef", check_script="header-ifdef", family="comments",
      profiles=("glib",))
def check(file):
    if file.is_deleted or not file.hunks or not is_regular(file):
        return
    problem = _introduced(file)
    if problem is None:
        return
    ln, no, message = problem
    if ln is not None:
        yield finding(ln, message)
    else:
        yield finding(file, f"line {no}: {message}")
