"""An error message prints a string the condition just above found to be NULL.

## What it flags
A diagnostic call (``virReportError()`` and its kin) that is the first statement of the body
of an ``if`` testing a string for NULL (``if (!name)``, ``if (name == NULL)``, or such a test
joined to others with ``&&`` or ``||``), and that passes that same expression (``name``,
``def->name``) for a ``%s`` conversion of its message, bare, without ``NULLSTR()``.  Only this
case is judged: whether a string may be NULL anywhere else cannot be told from a patch.

## Why
libvirt's coding style: a string that may be NULL is printed through ``NULLSTR()``.  Passing
NULL for ``%s`` is undefined behaviour: glibc prints ``(null)``, other C libraries crash, in
the very error path that was meant to report a problem.  Right after a NULL test the string is
NULL (or may be, after ``||``), so the message either needs ``NULLSTR()`` or, more likely,
should print something else.

## Example
```c path=src/util/virthrottle.c
    if (!group->name) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("missing name of throttle group '%1$s'"), group->name);
        return -1;
    }
```
```findings
3:68: message-null-argument: the message prints 'group->name', which the
  condition above found to be NULL: print something else, or use NULLSTR()
```

## Use instead
```c path=src/util/virthrottle.c
    if (!group->name) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("missing name of throttle group %1$zu"), i);
        return -1;
    }

    if (!group->name || !group->type)
        virReportError(VIR_ERR_XML_ERROR, _("incomplete group '%1$s'"),
                       NULLSTR(group->name));
```

## Measured
On libvirt v10.7.0's C files read as new files: one call, a real NULL printed
(``src/libxl/xen_xl.c``, ``if (!str || ...)`` then ``str`` printed); none in the changes
v9.8.0 to v10.4.0 and v10.4.0 to v10.7.0.  An error: the case is one libvirt's code never
means to write.

## Origin
libvirt's coding style, section "Error message format" (``docs/coding-style.rst``: a string
that can be NULL is printed with ``NULLSTR()``); no syntax-check rule checks it.
"""

import re

from patchlint.api import (
    BOUNDARY,
    C_FILES,
    ERROR,
    close_paren,
    compound_head,
    diagnostic_calls,
    finding,
    lazy_re,
    open_paren,
    rule,
    side_of,
    statement_code,
)

_CONV = lazy_re(r"%(?:(\d+)\$)?[-+#0' ]*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?"
                r"([diouxXeEfFgGaAcsSpm%])")
_EXPR = r"[A-Za-z_]\w*(?:(?:->|\.)[A-Za-z_]\w*)*"
_NULL_TEST = lazy_re(rf"^\s*(?:!\s*({_EXPR})|({_EXPR})\s*==\s*NULL|NULL\s*==\s*({_EXPR}))\s*$")
_IF = lazy_re(r"^\s*(?:\}\s*)?(?:else\s+)?if\s*\($")
_OPERATOR = lazy_re(r"&&|\|\|")
_CALL_OPEN = lazy_re(r"\b(\w+)\s*\(")


def _arguments(call):
    """The call's arguments as code (comments and string contents blanked), or None."""
    first = call.lines[0].code
    m = next((m for m in _CALL_OPEN.finditer(first) if m.group(1) == call.name), None)
    if m is None:
        return None
    text = first[m.end():] + "\n" + "\n".join(ln.code for ln in call.lines[1:])
    depth = 0
    out, cur = [], []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                out.append("".join(cur).strip())
                return out
            depth -= 1
        elif ch == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    return None


def _condition(side, k):
    """The condition of the ``if`` whose body starts at ``side[k]``, as code, or None."""
    j = k - 1
    while j >= 0 and not statement_code(side[j].code).strip():
        j -= 1
    if j < 0:
        return None
    code = statement_code(side[j].code)
    braced = code.endswith("{")
    if braced:
        code = code[:-1].rstrip()
    elif compound_head(side, j) is None:
        return None
    if not code.endswith(")"):
        return None
    op = open_paren(side, j, len(code) - 1)
    if op is None or op is BOUNDARY:
        return None
    first, pos = op
    if not _IF.match(side[first].code[:pos + 1]):
        return None
    end = close_paren(side, first, pos)
    if end is None or end[0] != j:
        return None
    if first == j:
        return side[j].code[pos + 1:end[1]]
    parts = [side[first].code[pos + 1:]] + [ln.code for ln in side[first + 1:j]] + \
        [side[j].code[:end[1]]]
    return " ".join(parts)


def _null_tested(cond):
    """The expressions a condition tests for NULL at its top level (joined by && or ||)."""
    out = set()
    for operand in _OPERATOR.split(cond):
        if operand.count("(") != operand.count(")"):
            return set()                # an operator inside parentheses: not a plain chain
        m = _NULL_TEST.match(operand) if "!" in operand or "NULL" in operand else None
        if m:
            out.add(next(g for g in m.groups() if g))
    return out


@rule("message-null-argument", severity=ERROR, files=C_FILES, family="style",
      coding_style="Error message format")
def check(file):
    for call in diagnostic_calls(file):
        if not any(ln.kind == "+" for ln in call.lines):
            continue
        k = call.format_arg()
        fmt = call.format_literals()
        if k is None or not fmt:
            continue
        side, at = side_of(call.lines[0])
        if side[at].code[:side[at].code.find(call.name)].strip():
            continue                    # the call is not where its statement starts
        cond = _condition(side, at)
        nulls = _null_tested(cond) if cond else set()
        if not nulls:
            continue
        args = _arguments(call)
        if not args:
            continue
        n = 0
        for m in _CONV.finditer("".join(lit.text for lit in fmt)):
            if m.group(2) in "%m":
                continue
            n += 1
            i = k + (int(m.group(1)) if m.group(1) else n)
            if m.group(2) != "s" or i >= len(args) or args[i] not in nulls:
                continue
            yield _finding(call, args[i])
            break


def _finding(call, expr):
    """The finding at the argument ``expr`` when its line is added, else at the call's first
    added line."""
    pattern = re.compile(rf"(?<![\w>.]){re.escape(expr)}(?!\w)")
    for ln in reversed(call.lines):
        m = pattern.search(ln.code)
        if m and ln.kind == "+":
            start, end = m.start(), m.end()
            break
    else:
        ln = next(x for x in call.lines if x.kind == "+")
        start = len(ln.text) - len(ln.text.lstrip())
        end = len(ln.text.rstrip())
    return finding(ln, f"the message prints '{expr}', which the condition above found to be "
                       "NULL: print something else, or use NULLSTR()", start=start, end=end)
