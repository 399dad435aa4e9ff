"""Blanks just inside parentheses: ``( x)`` or ``(x )``.

## What it flags
An added line of a ``.c`` file with blanks right after a ``(`` or right before a ``)``.  An
opening parenthesis that ends its line (a hanging argument list) is fine, and so is a line
holding nothing but the closing ``)`` (or ``);``) of a list that ran over several lines.
Preprocessor directives, comments and literals are not looked at; a comment keeps its
delimiters, so ``foo(a /* unused */)`` is fine.

## Why
libvirt's coding style writes no blanks just inside brackets: ``virFoo(dom, flags)``,
``if (ret < 0)``.  ``make syntax-check`` fails on them.

## Example
```c
    if ( virDomainObjCheckActive(vm) < 0 )
        goto cleanup;
```
```findings
1:9: spacing-parens: no blank after '('
    fix: " " -> ""
1:41: spacing-parens: no blank before ')'
    fix: " " -> ""
```

## Use instead
```c
    if (virDomainObjCheckActive(vm) < 0)
        goto cleanup;
```

```c
    ret = virExampleLookup(conn,
                           name
                           );
```

## Fix
The blanks are removed, except those that indent a line starting with ``)``: that parenthesis
belongs at the end of the line above, which needs a human.  Where the edit would move a
parenthesis still open at the end of the line, the lines continuing it would lose their
alignment: the fix is then left to a human.

## Origin
libvirt's ``build-aux/check-spacing.pl`` ("whitespace after '(' or before ')'"), run by
``sc_spacing-check``, and its coding style ("no whitespace inside brackets").
"""

from patchlint.api import ERROR, SPACING_FILES, finding, lazy_re, rule, spacing_fix, spacing_view

_QUICK = lazy_re(r"\(\s|\s\)")
_AFTER_OPEN = lazy_re(r"\((\s+)(?=\S)")
_BEFORE_CLOSE = lazy_re(r"(?<!\s)(\s+)\)")     # (a blank run read once, not from each blank)
_CLOSE_ALONE = lazy_re(r"^\s+\);?\s*$")


@rule("spacing-parens", severity=ERROR, files=SPACING_FILES, family="layout",
      syntax_check="sc_spacing-check", fixable=True, needs=("( ", " )", "(\t", "\t)"))
def check(line):
    if not _QUICK.search(line.text):
        return
    view = spacing_view(line)
    if view is None:
        return
    for m in _AFTER_OPEN.finditer(view):
        yield finding(line, "no blank after '('", start=m.start(1), end=m.end(1),
                      **spacing_fix(view, m.start(1), "", "remove the blank"))
    if _CLOSE_ALONE.match(view):
        return
    for m in _BEFORE_CLOSE.finditer(view):
        if m.start() == 0:
            yield finding(line, "a line should not start with ')': close the list at the "
                                "end of the line above", start=0, end=m.end(1),
                          suggestion="move the ')' to the end of the line above")
        else:
            yield finding(line, "no blank before ')'", start=m.start(1), end=m.end(1),
                          **spacing_fix(view, m.start(1), "", "remove the blank"))
