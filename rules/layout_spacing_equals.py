"""An assignment or comparison operator without a space on each side.

## What it flags
An added line of a ``.c`` file where ``=``, ``==``, ``!=``, ``<=``, ``>=`` or a compound
assignment (``+=``, ``|=``, ``<<=``...) is glued to the name before it (``ret=-1``,
``i+= 2``) or to whatever follows it (``ret =-1``, ``if (a ==b)``).  A macro-continuation
backslash or the end of the line after the operator is fine.  Preprocessor directives,
comments and literals (``"%s=%s"``, ``'='``) are not looked at, nor is an operator passed on
its own to a macro (``g_assert_cmpint(ret, ==, 0)``).

## Why
libvirt's coding style surrounds assignments and comparisons with spaces, so that
``a = -1`` is never misread as ``a =- 1`` and a comparison stands out from an assignment.
``make syntax-check`` fails on it.

## Example
```c
    def->nvcpus=virDomainDefGetVcpus(def);
```
```findings
1:16: spacing-equals: put a space on each side of '='
    fix: "=" -> " = "
```

## Use instead
```c
    def->nvcpus = virDomainDefGetVcpus(def);
```

```c
    if (ret == -1 &&
        flags != 0)
```

## Fix
A space is put on the side (or sides) that lacks one.  Where the edit would move a parenthesis
still open at the end of the line, the lines continuing it would lose their alignment: the fix
is then left to a human.

## Origin
libvirt's ``build-aux/check-spacing.pl`` ("spacing around '=' or '=='"), run by
``sc_spacing-check``.
"""

from patchlint.api import ERROR, SPACING_FILES, finding, lazy_re, rule, spacing_fix, spacing_matches

_QUICK = lazy_re(r"\w[!<>&|\-+*/%^=]?=|=[^= \\]")
_OPERATOR = lazy_re(r"<<=|>>=|==|[!<>&|\-+*/%^]=|=")


def _before(view, start):
    """The last non-blank character before ``start`` (a newline at the line's start), read back
    from ``start``: copying the line up to each operator was quadratic on a long line."""
    while start and view[start - 1].isspace():
        start -= 1
    return view[start - 1] if start else "\n"


@rule("spacing-equals", severity=ERROR, files=SPACING_FILES, family="layout",
      syntax_check="sc_spacing-check", fixable=True, needs=("=",))
def check(line):
    view, found = spacing_matches(line, _OPERATOR, quick=_QUICK)
    n = len(view or "")
    for m in found:
        start, end = m.start(), m.end()
        glued_before = start > 0 and (view[start - 1].isalnum() or view[start - 1] == "_")
        glued_after = end < n and view[end] not in " \\"
        if not (glued_before or glued_after):
            continue
        if end < n and view[end] in ",)" and _before(view, start) in "(,":
            continue                    # a macro argument: g_assert_cmpint(a, ==, b)
        op = m.group()
        side = "on each side of" if glued_before and glued_after else \
            "before" if glued_before else "after"
        yield finding(line, f"put a space {side} '{op}'", start=start, end=end,
                      **spacing_fix(view, start, (" " if glued_before else "") + op +
                            (" " if glued_after else ""), f"write ' {op} '"))
