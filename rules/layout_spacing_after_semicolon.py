"""A semicolon followed by something other than a blank or the end of the line.

## What it flags
An added line of a ``.c`` file where a ``;`` is directly followed by more code:
``for (i = 0;i < n;i++)``, ``a = 1;b = 2;``.  ``for (;;)``, a ``;`` closing a ``for`` head
(``for (i = 0; i < n;)``), a macro-continuation backslash and the end of the line are fine.
Preprocessor directives, comments and literals are not looked at.

## Why
libvirt's coding style puts a space after each ``;`` that does not end a line, as after a
comma; in a ``for`` head it separates the three clauses.  ``make syntax-check`` fails on it.

## Example
```c
    for (i = 0;i < def->ndisks;i++) {
```
```findings
1:15: spacing-after-semicolon: put a space after ';'
    fix: ";" -> "; "
1:31: spacing-after-semicolon: put a space after ';'
    fix: ";" -> "; "
```

## Use instead
```c
    for (i = 0; i < def->ndisks; i++) {
```

```c
    for (;;) {
```

## Fix
A space is put after the semicolon.  Where the edit would move a parenthesis still open at the
end of the line, the lines continuing it would lose their alignment: the fix is then left to a
human.

## Origin
libvirt's ``build-aux/check-spacing.pl`` ("invalid character after semicolon"), run by
``sc_spacing-check``.
"""

from patchlint.api import ERROR, SPACING_FILES, finding, lazy_re, rule, spacing_fix, spacing_matches

_BAD = lazy_re(r";(?=[^ \t\\;)])")


@rule("spacing-after-semicolon", severity=ERROR, files=SPACING_FILES, family="layout",
      syntax_check="sc_spacing-check", fixable=True, needs=(";",))
def check(line):
    view, found = spacing_matches(line, _BAD)
    for m in found:
        yield finding(line, "put a space after ';'", start=m.start(), end=m.end(),
                      **spacing_fix(view, m.start(), "; ", "add a space after ';'"))
