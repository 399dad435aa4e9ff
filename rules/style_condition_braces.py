"""An ``if``, ``for`` or ``while`` whose condition runs over several lines has no braces.

## What it flags
A head whose condition goes on over a further line at its own level (``expr1 &&`` above,
``expr2)`` aligned under it) followed by a body without braces.  A condition that only runs on
inside a nested parenthesis (the arguments of a call wrapped onto the next line), which the
coding style leaves to the author, is not flagged, nor is an empty body (``;``), whose form
the style discusses apart.  The head's first line must be in sight, and one of its lines or the
body's first line must be added; the finding is on the head's first line when the patch adds it.

## Why
libvirt's coding style: braces may be left out only when the condition and the body each take
one line.  A condition of several lines followed by an unbraced statement at nearly the same
indentation makes the body hard to find.

## Example
```c path=src/util/virthrottle.c
    if (group->iops > 0 &&
        group->iops < VIR_THROTTLE_MIN_IOPS)
        return -1;
```
```findings
1:5: multiline-condition-braces: this 'if' condition runs over several lines:
  put braces around its body
```

## Use instead
```c path=src/util/virthrottle.c
    if (group->iops > 0 &&
        group->iops < VIR_THROTTLE_MIN_IOPS) {
        return -1;
    }

    if (virThrottleGroupLookup(groups, ngroups,
                               name) < 0)
        return -1;
```

## Measured
libvirt's own code does not follow this part of its style: on libvirt v10.7.0's C files read
as new files the rule finds 1787 such heads, and 27 (v10.4.0 to v10.7.0) and 79 (v9.8.0 to
v10.4.0) in the changes of its recent releases.  Reviewers evidently let it pass, so it is a
note: worth a look, never a reason to refuse a patch.

## Origin
libvirt's coding style, section "Curly braces" (``docs/coding-style.rst``: "multi-line, at
same indentation, {} required"); no syntax-check rule checks it.
"""

from patchlint.api import (
    C_FILES,
    NOTE,
    compound_head,
    finding,
    lazy_re,
    open_paren,
    rule,
    statement_code,
)

_KEYWORD = lazy_re(r"^\s*(?:\}\s*)?(?:else\s+)?(if|for|while)\s*\(")


@rule("multiline-condition-braces", severity=NOTE, files=C_FILES, family="style",
      coding_style="Curly braces")
def check(file):
    for hunk in file.hunks:
        if not any(ln.kind == "+" for ln in hunk.lines):
            continue
        side = hunk.new_side()
        for j in range(1, len(side) - 1):
            if not statement_code(side[j].code).endswith(")"):
                continue
            found = _judge(side, j)
            if found is not None:
                yield found


def _judge(side, j):
    head = compound_head(side, j)
    if head is None or head[1] == j or head[0] not in ("if", "for", "while"):
        return None
    first = head[1]
    m = _KEYWORD.match(side[first].code)
    if not m:
        return None
    body = side[j + 1]
    if body.text.lstrip().startswith("#") or body.code.lstrip().startswith(("{", ";")) \
            or not body.code.strip():
        return None
    paren = (first, m.end() - 1)
    if not any(open_paren(side, k) == paren for k in range(first + 1, j + 1)):
        return None                     # it only runs on inside a nested parenthesis
    top = side[first]
    if top.kind == "+":
        at, col, end = top, m.start(1), m.end(1)
    else:
        at = next((ln for ln in side[first + 1:j + 2] if ln.kind == "+"), None)
        if at is None:
            return None
        col = len(at.text) - len(at.text.lstrip())
        end = len(at.text.rstrip())
    what = "this" if at is top else "the"
    return finding(at, f"{what} '{m.group(1)}' condition runs over several lines: put braces "
                       "around its body", start=col, end=end, context=(top, body))
