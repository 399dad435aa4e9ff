"""A blank before a ``;`` or a ``,``.

## What it flags
An added line of a ``.c`` file with blanks before a semicolon or a comma: ``foo(a , b)``,
``return ret ;``.  An empty clause of a ``for`` (``for (i = 0; ; i++)``) and a line holding an
empty statement (a lone ``;`` under a ``while`` whose work is all in its condition) are fine.
Preprocessor directives, comments and literals are not looked at.

## Why
libvirt's coding style never puts a blank before a comma or a semicolon, as in ordinary
prose.  ``make syntax-check`` fails on it.

## Example
```c
    virReportError(VIR_ERR_INVALID_ARG , "%s", _("no name given"));
```
```findings
1:39: spacing-before-separator: no blank before a comma
    fix: " " -> ""
```

## Use instead
```c
    virReportError(VIR_ERR_INVALID_ARG, "%s", _("no name given"));
```

```c
    for (i = 0; ; i++) {
```

## Fix
The blanks are removed, except before a separator that starts a line: it belongs at the end of
the line above, which needs a human.  Where the edit would move a parenthesis still open at the
end of the line, the lines continuing it would lose their alignment: the fix is then left to a
human.

## Origin
libvirt's ``build-aux/check-spacing.pl`` ("whitespace before semicolon or comma"), run by
``sc_spacing-check``.
"""

from patchlint.api import ERROR, SPACING_FILES, finding, lazy_re, rule, spacing_fix, spacing_matches

# (from the start of a blank run only: else a long run is re-read from each of its blanks)
_BAD = lazy_re(r"(?<!\s)(\s+)([;,])")


@rule("spacing-before-separator", severity=ERROR, files=SPACING_FILES, family="layout",
      syntax_check="sc_spacing-check", fixable=True, needs=(" ;", " ,", "\t;", "\t,"))
def check(line):
    view, found = spacing_matches(line, _BAD)
    for m in found:
        sep = m.group(2)
        start = m.start(1)
        if start == 0:
            if sep == ";":
                continue                # an empty statement on a line of its own
            yield finding(line, "a line should not start with ','", start=0, end=m.end(2),
                          suggestion="move the ',' to the end of the line above")
            continue
        if sep == ";" and view[start - 1] == ";":
            continue                    # an empty clause: for (i = 0; ; i++)
        what = "semicolon" if sep == ";" else "comma"
        yield finding(line, f"no blank before a {what}", start=start, end=m.end(1),
                      **spacing_fix(view, start, "", "remove the blank"))
