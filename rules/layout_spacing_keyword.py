"""``if``, ``for``, ``while``, ``switch`` or ``return`` not followed by exactly one space.

## What it flags
An added line of a ``.c`` file where one of the statements ``if``, ``for``, ``while``,
``switch`` or ``return`` is followed directly by its ``(`` (``if(ret < 0)``,
``return(-1)``): an error, as in libvirt's own check.  More than one blank, or a TAB, before
the ``(`` is reported as a warning: libvirt's check only looks for no blank at all, while its
coding style asks for "a single space"; libvirt v10.7.0 has six such doubled blanks
(``if  (``, ``for  (``), typos that nobody relies on.  Preprocessor directives, comments and
literals are not looked at.

## Why
libvirt puts exactly one space after these words: it is what tells a statement from a call
(which takes none) at a glance.  ``make syntax-check`` fails on a missing space.

## Example
```c
    if(virDomainObjCheckActive(vm) < 0)
        return -1;
```
```findings
1:5: spacing-keyword: put a space between 'if' and its '('
    fix: "if(" -> "if ("
```

## Use instead
```c
    if (virDomainObjCheckActive(vm) < 0)
        return -1;
```

```c
    notify(vm);
```

## Fix
The blanks, if any, become one space.  Where the edit would move a parenthesis still open at the
end of the line, the lines continuing it would lose their alignment: the fix is then left to a
human.

## Origin
libvirt's ``build-aux/check-spacing.pl`` ("no whitespace after keyword"), run by
``sc_spacing-check``, and its coding style ("one space after if, for, while, switch").
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

_BAD = lazy_re(r"\b(if|for|while|switch|return)(|\s*\t\s*| {2,})\(")


@rule("spacing-keyword", severity=ERROR, files=SPACING_FILES, family="layout",
      syntax_check="sc_spacing-check", fixable=True,
      needs=("if", "for", "while", "switch", "return"))
def check(line):
    view, found = spacing_matches(line, _BAD)
    for m in found:
        word = m.group(1)
        if not m.group(2):
            yield finding(line, f"put a space between '{word}' and its '('",
                          start=m.start(), end=m.end(),
                          **spacing_fix(view, m.start(), word + " (", f"write '{word} ('"))
        else:
            yield finding(line, f"put exactly one space between '{word}' and its '('",
                          start=m.start(), end=m.end(),
                          **spacing_fix(view, m.start(), word + " (", f"write '{word} ('"),
                          severity=WARNING)
