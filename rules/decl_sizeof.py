"""``sizeof`` written with a space or without parentheses: libvirt writes ``sizeof(x)``.

## What it flags
``sizeof`` followed by white space in the code of an added line: ``sizeof (x)`` and
``sizeof x``, ``sizeof *p`` (comments and strings are not looked at).  ``sizeof(x)`` is fine.

## Why
libvirt spells ``sizeof`` like a function call, always with parentheses and never with a space
before them, whether its operand is a type or an expression: one spelling to read and to grep
for, and no precedence to think about in ``sizeof *p->data``.

## Example
```c path=src/util/virbuffer.c
    memset(&st, 0, sizeof (st));
```
```findings
1:20: sizeof-parens: no space between `sizeof` and its parenthesis
    fix: "sizeof " -> "sizeof"
```

```c path=src/util/virbuffer.c
    memset(ptr, 0, sizeof *ptr);
```
```findings
1:20: sizeof-parens: `sizeof` without parentheses: write sizeof(...)
    fix: "sizeof *ptr" -> "sizeof(*ptr)"
```

## Use instead
```c path=src/util/virbuffer.c
    memset(&st, 0, sizeof(st));
```

```c path=src/util/virbuffer.c
    memset(ptr, 0, sizeof(*ptr));
```

## Fix
``sizeof (x)`` loses the space; ``sizeof x`` gets parentheses around its operand when the
operand is a plain name, possibly dereferenced and followed by ``->field``, ``.field`` or
``[index]``, and ends on the same line.  Anything else is left to the author.

## Origin
libvirt's ``sc_size_of_brackets``; ``sizeof (x)`` is also what ``sc_spacing-check`` (its
``check-spacing.pl``) calls whitespace between a function's name and its parenthesis.
"""

from patchlint.api import C_FILES, ERROR, finding, lazy_re, rule

_SIZEOF = lazy_re(r"\bsizeof(\s+)")
# a unary operand the fix can wrap: *p, p->a.b[2], **pp
_OPERAND = lazy_re(r"[*&]*\s*[A-Za-z_]\w*(?:\s*(?:->|\.)\s*[A-Za-z_]\w*|\[[^\[\]\"']*\])*")
# what may follow an operand the fix wraps: the end of an expression or a binary operator
_AFTER = lazy_re(r"\s*(?:$|[;,)\]}?:+\-*/%<>=!&|^])")


@rule("sizeof-parens", severity=ERROR, files=C_FILES,
      syntax_check=("sc_size_of_brackets", "sc_spacing-check"), fixable=True, family="types",
      needs=("sizeof",))
def check(line):
    code = line.code
    if "sizeof" not in code:
        return
    for m in _SIZEOF.finditer(code):
        after = m.end()
        if after >= len(code):
            continue        # sizeof at the end of the line: nothing to judge here
        if code[after] == "(":
            yield finding(line, "no space between `sizeof` and its parenthesis",
                          start=m.start(), end=after, replacement="sizeof")
            continue
        op = _OPERAND.match(code, after)
        if op and _AFTER.match(code, op.end()) and not code.startswith("(", op.end()):
            text = line.text[after:op.end()]
            yield finding(line, "`sizeof` without parentheses: write sizeof(...)",
                          start=m.start(), end=op.end(), replacement=f"sizeof({text})")
        else:
            yield finding(line, "`sizeof` without parentheses: write sizeof(...)",
                          start=m.start(), end=after,
                          suggestion="put the operand in parentheses: sizeof(expr)")
