"""A number tested for truth (``if (n)``, ``if (!n)``) instead of compared with 0.

## What it flags
An ``if`` or ``while`` condition on an added line one of whose top-level operands (joined by
``&&`` or ``||``) is a plain variable, maybe negated, that the function declares (as a
parameter or a local variable, in sight) with a type for counts and sizes: ``unsigned``
(``int``, ``long``, ``long long``...), ``size_t``, ``ssize_t``, ``uintN_t``, ``off_t``.  A
plain ``int`` or ``long`` is left alone: libvirt's APIs hand out booleans and return codes as
``int`` (``int autostart``, ``int rc``), which the style does not mean.  So is a variable of
any other type (a pointer, ``bool``, a typedef, an enum) and a struct member, whose type is
not in sight, and a name declared twice in the function.

## Why
libvirt's coding style: new code compares numbers with 0 (``if (nfoos != 0)``,
``if (nfoos == 0)``) and keeps the short forms for booleans (``if (hasFoos)``) and pointers.
Then the condition says what kind of value it tests, and ``!`` reads as "not" rather than as
"zero".

## Example
```c path=src/util/virthrottle.c
static int
virThrottleGroupCount(virThrottleGroup **groups,
                      size_t ngroups)
{
    if (!ngroups)
        return 0;
    return virThrottleGroupCountActive(groups, ngroups);
}
```
```findings
5:10: numeric-truth-test: 'ngroups' is a number: compare it with 0 ('ngroups ==
  0')
```

## Use instead
```c path=src/util/virthrottle.c
static int
virThrottleGroupCount(virThrottleGroup **groups,
                      size_t ngroups,
                      bool active)
{
    if (ngroups == 0 || !groups)
        return 0;
    if (active)
        return virThrottleGroupCountActive(groups, ngroups);
    return ngroups;
}
```

## Measured
libvirt's own code shortens such tests often: on v10.7.0's C files read as new files the rule
finds 124 conditions, and 4 (v10.4.0 to v10.7.0) and 2 (v9.8.0 to v10.4.0) in its recent
changes (with every ``int`` judged too, it found 397 in the tree).  A note.

## Profiles
Profile ``glib`` only: the section on conditional expressions came long after the 2012 tree.

## Origin
libvirt's coding style, section "Conditional expressions" (``docs/coding-style.rst``); no
syntax-check rule checks it.
"""

from patchlint.api import C_FILES, NOTE, close_paren, finding, functions, lazy_re, rule

# counts and sizes: a plain int (or long) is left alone, as libvirt's APIs hand out booleans
# and return codes as int ("int autostart", "int rc"), which the style does not mean
_NUMERIC = (r"unsigned(?:\s+(?:long\s+long|long|short|int|char))?(?:\s+int)?"
            r"|size_t|ssize_t|uint(?:8|16|32|64|max|ptr)_t|off_t")
_TYPE_TAIL = lazy_re(rf"^(?:(?:const|volatile|static|register)\s+)*(?:{_NUMERIC})$")
_DECL = lazy_re(r"^\s*((?:(?:const|volatile|static|register|unsigned|signed|long|short|int)"
                r"\s+)*[A-Za-z_]\w*)\s+([^;{}]*);\s*$")
_DECLARATOR = lazy_re(r"^\s*([A-Za-z_]\w*)\s*(?:=.*)?$")
_HEAD = lazy_re(r"\b(if|while)\s*\(")
_OPERAND = lazy_re(r"^\s*(!\s*)?\(?\s*([A-Za-z_]\w*)\s*\)?\s*$")
_SPLIT = lazy_re(r"&&|\|\|")


def _numeric_names(fn, side):
    """{name: None} of the function's parameters and locals of an integer type; a name
    declared twice (or also as something else) is dropped."""
    seen = {}
    for p in fn.params or ():
        if p.name:
            seen.setdefault(p.name, []).append(bool(_TYPE_TAIL.match(" ".join(p.type.split()))))
    for ln in fn.body:
        m = _DECL.match(ln.code)
        if not m or m.group(1).split()[-1] in ("return", "goto", "case", "else"):
            continue
        numeric = bool(_TYPE_TAIL.match(" ".join(m.group(1).split())))
        for part in _split_top(m.group(2)):
            d = _DECLARATOR.match(part)
            if d:
                seen.setdefault(d.group(1), []).append(numeric)
            else:
                name = part.strip().lstrip("*").strip().split("[")[0].split("=")[0].strip()
                if name.isidentifier():
                    seen.setdefault(name, []).append(False)
    return {name for name, kinds in seen.items() if kinds == [True]}


def _split_top(text, sep=","):
    out, depth, cur = [], 0, []
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == sep and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _condition(side, k, pos):
    """The condition whose ``(`` is at ``side[k]`` column ``pos``, as one string (lines joined
    by a blank) and its segments ``(offset in the string, side index, column)``; None when it
    does not close."""
    close = close_paren(side, k, pos)
    if close is None:
        return None
    parts, segments, size = [], [], 0
    j, p = k, pos + 1
    while j <= close[0]:
        code = side[j].code
        end = close[1] if j == close[0] else len(code)
        segments.append((size, j, p))
        parts.append(code[p:end])
        size += max(end - p, 0)
        if j < close[0]:
            parts.append(" ")
            size += 1
        j, p = j + 1, 0
    return "".join(parts), segments


def _where(segments, offset):
    """(side index, column) of the condition string's character at ``offset``."""
    at = segments[0]
    for seg in segments:
        if seg[0] > offset:
            break
        at = seg
    return at[1], at[2] + offset - at[0]


def _operands(cond):
    """The top-level operands of a condition joined by && or ||, with their offsets."""
    out, depth, start = [], 0, 0
    i = 0
    while i < len(cond):
        ch = cond[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and cond.startswith(("&&", "||"), i):
            out.append((start, cond[start:i]))
            start = i + 2
            i += 2
            continue
        elif depth == 0 and ch in "?,":
            return []                   # a ternary or a comma: not a chain of truth tests
        i += 1
    out.append((start, cond[start:]))
    return out


@rule("numeric-truth-test", severity=NOTE, files=C_FILES, family="style", profiles=("glib",),
      coding_style="Conditional expressions")
def check(file):
    for hunk in file.hunks:
        if not any(ln.kind == "+" for ln in hunk.lines):
            continue
        side = hunk.new_side()
        for fn in functions(side):
            if fn.body_open is None:
                continue
            body = range(fn.body_open + 1, fn.body_close if fn.body_close is not None
                         else len(side))
            if not any(side[k].kind == "+" for k in body):
                continue
            names = None
            for k in body:
                ln = side[k]
                if ln.kind != "+" or ("if" not in ln.code and "while" not in ln.code):
                    continue
                for m in _HEAD.finditer(ln.code):
                    if names is None:
                        names = _numeric_names(fn, side)
                    if not names:
                        break
                    yield from _judge(side, k, m.end() - 1, names)


def _judge(side, k, pos, names):
    got = _condition(side, k, pos)
    if got is None:
        return
    cond, segments = got
    if not any(name in cond for name in names):
        return
    for start, operand in _operands(cond):
        m = _OPERAND.match(operand)
        if not m or m.group(2) not in names:
            continue
        j, col = _where(segments, start + m.start(2))
        if side[j].kind != "+":
            continue
        name = m.group(2)
        test = f"{name} == 0" if m.group(1) else f"{name} != 0"
        yield finding(side[j], f"'{name}' is a number: compare it with 0 ('{test}')",
                      start=col, end=col + len(name))
