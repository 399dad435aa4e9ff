"""A comma followed by something other than one space or the end of the line.

## What it flags
An added line of a ``.c`` file where a ``,`` is directly followed by more code
(``virFoo(a,b)``) or by a TAB.  A comma before a closing ``)`` or ``}``, before a
macro-continuation backslash or at the end of the line is fine.  Preprocessor directives,
comments and literals are not looked at.

## Why
libvirt's coding style puts a space after every comma that does not end a line, as in prose;
arguments glued together are harder to tell apart.  ``make syntax-check`` fails on it.

## Example
```c
    virObjectEventStateQueue(driver->domainEventState,event);
```
```findings
1:54: spacing-after-comma: put a space after ','
    fix: "," -> ", "
```

## Use instead
```c
    virObjectEventStateQueue(driver->domainEventState, event);
```

```c
    static const char *const names[] = { "vda", "vdb", };
```

## Fix
A space is put after the comma (a TAB after it becomes a space).  Where the edit would move a
parenthesis still open at the end of the line, the lines continuing it would lose their
alignment: the fix is then left to a human.

## Origin
libvirt's ``build-aux/check-spacing.pl`` ("invalid character after comma"), run by
``sc_spacing-check``.
"""

from patchlint.api import ERROR, SPACING_FILES, finding, lazy_re, rule, spacing_fix, spacing_matches

_BAD = lazy_re(r",(?=[^ \\)}])")


@rule("spacing-after-comma", severity=ERROR, files=SPACING_FILES, family="layout",
      syntax_check="sc_spacing-check", fixable=True, needs=(",",))
def check(line):
    view, found = spacing_matches(line, _BAD)
    for m in found:
        start = m.start()
        if view[start + 1] == "\t":
            yield finding(line, "put one space, not a TAB, after ','", start=start + 1,
                          end=start + 2, **spacing_fix(view, start, " ", "use a space"))
        else:
            yield finding(line, "put a space after ','", start=start, end=start + 1,
                          **spacing_fix(view, start, ", ", "add a space after ','"))
