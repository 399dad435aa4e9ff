"""The first ``#include`` of a ``.c`` file is not ``<config.h>``.

## What it flags
A ``.c`` file whose first ``#include`` line, as the patch leaves the file, is an added line that
does not include ``<config.h>``: a new file that forgot it or includes something before it, or
an include added above it.  Whether a line is the first include can only be told when the top of
the file is in sight: the patch shows it (a new file, a hunk starting at line 1) or the tree the
patch belongs to is at hand.  ``examples/`` and the few files libvirt exempts are left alone.

Only a project that has a ``config.h`` is held to it: the file is one of libvirt's own sources
(``src/``'s subdirectories, the API and driver files at its top, the tests), or the patch
shows some file including ``config.h`` as it leaves the file (a line it adds or keeps as
context; with the tree at hand, each file's first lines are context too).  A project without
one (libvirt-dbus since it moved to GDBus) is left alone.

## Why
``<config.h>`` holds the results of configuration (``WITH_*``, ``_GNU_SOURCE`` and the like)
that change what the system headers declare; a header included before it is read with other
settings than the rest of the file and the build gets subtle mismatches.  libvirt includes it
first in every ``.c`` file, in the ``<config.h>`` form.

## Example
```c path=src/util/virthrottle.c
#include <unistd.h>
#include <config.h>

#include "virthrottle.h"
```
```findings
1: config-h-first: the first #include of a .c file must be <config.h>
```

Outside libvirt's tree, in a project whose files include ``config.h`` (libvirt-glib):

```c path=libvirt-gobject/libvirt-gobject-pool.c
#include "libvirt-gobject-pool.h"
#include <config.h>
```
```findings
1: config-h-first: the first #include of a .c file must be <config.h>
```

## Use instead
```c path=src/util/virthrottle.c
#include <config.h>

#include <unistd.h>

#include "virthrottle.h"
```

A program built on libvirt from outside, with no ``config.h`` of its own (libvirt-dbus):

```c path=src/manager.c
#include "manager.h"
#include "util.h"

#include <libvirt/libvirt.h>
```

## Origin
gnulib's ``sc_require_config_h_first`` and ``sc_require_config_h`` as libvirt's syntax-check
runs them: a file whose first include is not ``<config.h>`` breaks the first, one that never
includes it both.  A new file shows all its includes, so it is judged whole; for a change to an
existing file, the tree tells what the hunks do not (``--no-tree`` leaves a hunk that starts
below the top of the file unjudged).
"""

from patchlint.api import ERROR, LIBVIRT_SOURCES, finding, lazy_re, match_path, rule

_INCLUDE = lazy_re(r"^\s*#\s*include\b")
_CONFIG = lazy_re(r"^\s*#\s*include\s*<config\.h>")
_ANY_CONFIG = lazy_re(r"^\s*#\s*include\s*[<\"]config\.h[>\"]")

EXEMPT = ("examples/*", "tools/virsh-edit.c", "tests/virmockstathelpers.c",
          "scripts/rpcgen/tests/test_demo.c", "scripts/rpcgen/tests/demo.c")


def _first_include_no(file):
    """Line number (post-image) of the file's first #include, when the top is in sight."""
    hunk = file.hunks[0] if file.hunks else None
    if hunk is None or hunk.new_start > 1:
        return None
    for ln in hunk.new_side():
        if _INCLUDE.match(ln.text):
            return ln.new_no
    return None


def _has_config_h(file):
    """Is the project known to have a config.h: by the file's place in libvirt's tree, or
    by a file of the patch that includes it?"""
    if match_path(file.path, LIBVIRT_SOURCES):
        return True
    patch = file.patch
    got = patch.cache.get("includes-config-h")
    if got is None:
        got = patch.cache["includes-config-h"] = any(
            _ANY_CONFIG.match(ln.text) for fd in patch.files if fd.path.endswith((".c", ".h"))
            for h in fd.hunks for ln in h.lines if ln.kind != "-")
    return got


@rule("config-h-first", severity=ERROR, files=("*.c",), exclude=EXEMPT,
      syntax_check=("sc_require_config_h_first", "sc_require_config_h"), family="comments")
def check(file):
    if not any(_INCLUDE.match(ln.text) for ln in file.added_lines()):
        return
    no = _first_include_no(file)
    if no is None or not _has_config_h(file):
        return
    for hunk in file.hunks:
        for ln in hunk.lines:
            if ln.kind != "+" or ln.new_no != no:
                continue
            if _CONFIG.match(ln.text):
                return
            # the judgement rests on every line above it: quote the hunk from its top (a
            # review reply then shows, and reads back, that nothing is included before it)
            top = next(x for x in hunk.lines if x.kind != "-")
            ctx = (top, ln) if top.new_no == 1 else None
            if _ANY_CONFIG.match(ln.text):
                yield finding(ln, "include config.h as <config.h>", context=ctx,
                              suggestion="#include <config.h>")
                return
            yield finding(ln, "the first #include of a .c file must be <config.h>",
                          context=ctx, suggestion="#include <config.h> before any other header")
            return
