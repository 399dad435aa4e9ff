"""A blank between a function's name and its opening parenthesis.

## What it flags
An added line of a ``.c`` file where a name is followed by blanks and then ``(``: a call
(``virFoo (dom)``) or a declaration or definition (``int virFoo (int x)``).  The statements
``if``, ``for``, ``while``, ``switch`` and ``return`` are not names and take their blank;
``sizeof (x)`` is ``sizeof-parens``' to report, once; a pointer declarator, as in
``typedef int (*virFooCallback)(void *opaque)``, is left alone.
One blank is an error, as in libvirt's own check; several (which that check happens not to
match) are reported as a warning.  The line is
read the way libvirt's ``check-spacing.pl`` reads it: preprocessor directives are skipped, and
the insides of comments, strings and character literals are ignored.

## Why
libvirt writes a call or a declaration with the parenthesis against the name, so that
``git grep 'virFoo('`` finds every use and every definition, and keeps the blank for the
statements, which makes them stand apart from calls.  ``make syntax-check`` fails on it.

## Example
```c
    if (virDomainObjCheckActive (vm) < 0)
        goto cleanup;
```
```findings
1:32: spacing-call-paren: no blank between 'virDomainObjCheckActive' and its '('
  in a call or declaration
    fix: " " -> ""
```

## Use instead
```c
    if (virDomainObjCheckActive(vm) < 0)
        goto cleanup;
```

```c
typedef int (*virExampleCallback)(void *opaque);
```

## Fix
The blanks are removed.  Where the edit would move a parenthesis still open at the end of the
line, the lines continuing it would lose their alignment: the fix is then left to a human.

## Origin
libvirt's ``build-aux/check-spacing.pl`` ("whitespace after non-keyword"), run by
``sc_spacing-check`` on every ``.c`` file.
"""

from patchlint.api import (
    ERROR,
    SPACING_FILES,
    WARNING,
    finding,
    lazy_re,
    rule,
    spacing_fix,
    spacing_view,
)

_NAME_PAREN = lazy_re(r"\b(\w+)(\s+)\((?!\*)")
_STATEMENTS = frozenset(("if", "for", "while", "switch", "return",
                         "sizeof"))         # sizeof-parens says it


@rule("spacing-call-paren", severity=ERROR, files=SPACING_FILES, family="layout",
      syntax_check="sc_spacing-check", fixable=True, needs=(" (", "\t("))
def check(line):
    if not any(m.group(1) not in _STATEMENTS for m in _NAME_PAREN.finditer(line.text)):
        return                          # only "if (", "return (", ...: nothing to say
    view = spacing_view(line)
    if view is None:
        return
    for m in _NAME_PAREN.finditer(view):
        name = m.group(1)
        if name in _STATEMENTS:
            continue
        yield finding(line, f"no blank between '{name}' and its '(' in a call or declaration",
                      start=m.start(2), end=m.end(2),
                      **spacing_fix(view, m.start(2), "", "remove the blank"),
                      severity=None if len(m.group(2)) == 1 else WARNING)
