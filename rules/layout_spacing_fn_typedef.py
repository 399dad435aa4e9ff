"""A blank between ``(*name)`` and the parameter list of a function pointer.

## What it flags
An added line of a ``.c`` file holding a function pointer declarator followed by blanks and
its parameter list: ``typedef int (*virFooCallback) (void *opaque);``, or a struct field or
variable declared the same way.  Comments and literals are not looked at.  A declarator
written ``(* name)``, which libvirt's own check does not match, is reported as a warning: the
coding style's rule is about the blank between ``)`` and ``(`` whatever the declarator looks
like (libvirt v10.7.0 has one, ``int (* func) (qemuMonitor *mon);`` in a test's struct).

## Why
libvirt's coding style writes no blank between ``)`` and ``(`` in a function pointer type,
just as it writes none between a function's name and its parameters.  ``make syntax-check``
fails on it.

## Example
```c
typedef int (*virExampleEventCallback) (virConnectPtr conn, void *opaque);
```
```findings
1:39: spacing-fn-typedef: no blank between the function pointer's ')' and its
  parameter list
    fix: " " -> ""
```

## Use instead
```c
typedef int (*virExampleEventCallback)(virConnectPtr conn, void *opaque);
```

## Fix
The blanks are removed.  Where the edit would move a parenthesis still open at the end of the
line, the lines continuing it would lose their alignment: the fix is then left to a human.

## Origin
libvirt's ``build-aux/check-spacing.pl`` ("whitespace between ')' and '('"), run by
``sc_spacing-check``.
"""

from patchlint.api import (
    ERROR,
    SPACING_FILES,
    WARNING,
    finding,
    lazy_re,
    rule,
    spacing_fix,
    spacing_matches,
)

_BAD = lazy_re(r"\(\*(\s*)\w+\)(\s+)\(")


@rule("spacing-fn-typedef", severity=ERROR, files=SPACING_FILES, family="layout",
      syntax_check="sc_spacing-check", fixable=True, needs=("(*",))
def check(line):
    view, found = spacing_matches(line, _BAD)
    for m in found:
        yield finding(line, "no blank between the function pointer's ')' and its "
                            "parameter list", start=m.start(2), end=m.end(2),
                      **spacing_fix(view, m.start(2), "", "remove the blank"),
                      severity=WARNING if m.group(1) else None)
