"""A ternary operator (``?:``) nested in another, or running over several lines.

## What it flags
A ``?`` that sits inside another ternary (its condition's parentheses aside: in its true or
false branch, or inside a call that is one of them), and a ternary whose ``?``, ``:`` and the
end of its false branch are not all on one line; both as notes.  A condition that
starts on an earlier line does not count (``(a &&\n b) ? x : y``).  A ternary that no added line
holds is not judged; one inside a macro definition is not read.

## Why
libvirt's coding style: new code should avoid the ternary operator; a simple one (choosing
between two constant strings) is fine, but it "must never span more than one line or nest".
A nested or wrapped ternary hides its branches; an ``if``/``else`` or a ``switch`` shows them.

## Example
```c path=src/util/virthrottle.c
    return rc == 0 ? 1 : errno == EINVAL ? 0 : -1;
```
```findings
1:42: ternary-operator: a ternary nested in another: write an if/else instead
```

```c path=src/util/virthrottle.c
    limit = group->iops_max > 0 ?
            group->iops_max : VIR_THROTTLE_DEFAULT_IOPS;
```
```findings
1:33: ternary-operator: a ternary running over several lines: keep it to one
  line or write an if/else
```

## Use instead
```c path=src/util/virthrottle.c
    virBufferAsprintf(&buf, "<throttle enabled='%s'/>\n", enabled ? "yes" : "no");

    if (group->iops_max > 0)
        limit = group->iops_max;
    else
        limit = VIR_THROTTLE_DEFAULT_IOPS;
```

## Measured
On libvirt v10.7.0's C files read as new files: 10 nested ternaries (all real, in old code but
2 added by v10.7.0 in ``src/rpc/virnettlscert.c``) and 146 running over several lines; in the
changes v10.4.0 to v10.7.0, 2 nested and 12 over several lines, v9.8.0 to v10.4.0 none nested
and 16 over several lines.  libvirt's recent code wraps ternaries routinely and still merges a
nested one now and then (v10.7.0's new ``virnettlscert.c``): both are notes, which never make a
run fail by default.

## Profiles
Profile ``glib`` only: the section on conditional expressions came long after the 2012 tree.

## Origin
libvirt's coding style, section "Conditional expressions" (``docs/coding-style.rst``); no
syntax-check rule checks it.
"""

from patchlint.api import C_FILES, NOTE, finding, lazy_re, rule

_OPENERS = "(["
_CLOSERS = ")]"


class _Ternary:
    __slots__ = ("q", "col", "colon", "nested")

    def __init__(self, q, col, nested):
        self.q = q              # side index of the '?'
        self.col = col
        self.colon = None       # side index of its ':'
        self.nested = nested


# what the reading of a line stops at
_PUNCT = lazy_re(r"[?:()\[\],;{}]")


def _ternaries(side):
    """Every ternary of the side: ``(ternary, side index of its end)``."""
    out = []
    if not any("?" in ln.text for ln in side):
        return out              # (most hunks: no ternary to follow)
    levels = [[]]               # the open ternaries of each parenthesis level
    in_macro = False
    for k, ln in enumerate(side):
        text = ln.text
        directive = text.lstrip().startswith("#")
        if directive or in_macro:
            in_macro = text.rstrip().endswith("\\")
            levels = [[]]
            continue
        for m in _PUNCT.finditer(ln.code):
            col, ch = m.start(), m.group()
            if ch == "?":
                nested = any(levels)
                levels[-1].append(_Ternary(k, col, nested))
            elif ch == ":":
                waiting = [t for t in levels[-1] if t.colon is None]
                if waiting:
                    waiting[-1].colon = k
            elif ch in _OPENERS:
                levels.append([])
            elif ch in _CLOSERS:
                out += [(t, k) for t in levels.pop()] if len(levels) > 1 else []
                if not levels:
                    levels = [[]]
            elif ch == ",":
                out += [(t, k) for t in levels[-1] if t.colon is not None]
                levels[-1] = [t for t in levels[-1] if t.colon is None]
            else:                       # ; { }: the statement is over
                out += [(t, k) for level in levels for t in level]
                levels = [[]]
    return out


@rule("ternary-operator", severity=NOTE, files=C_FILES, family="style", profiles=("glib",),
      coding_style="Conditional expressions")
def check(file):
    for hunk in file.hunks:
        if not any(ln.kind == "+" for ln in hunk.lines):
            continue
        side = hunk.new_side()
        for t, end in _ternaries(side):
            lines = side[t.q:end + 1]
            if not any(ln.kind == "+" for ln in lines):
                continue
            at = side[t.q]
            if t.nested:
                yield finding(at, "a ternary nested in another: write an if/else instead",
                              start=t.col, end=t.col + 1, context=(side[t.q], side[end]))
            elif end != t.q or (t.colon is not None and t.colon != t.q):
                yield finding(at, "a ternary running over several lines: keep it to one "
                                  "line or write an if/else", start=t.col, end=t.col + 1,
                              severity=NOTE, context=(side[t.q], side[end]))
