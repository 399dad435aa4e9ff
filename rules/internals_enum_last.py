"""``VIR_ENUM_IMPL()`` whose last marker is not alone on the line after the enum's name.

## What it flags
A ``VIR_ENUM_IMPL()`` written otherwise than libvirt lays it out: the enum's name on the
macro's line, its ``_LAST`` marker alone on the next line, the strings below:

    VIR_ENUM_IMPL(virThrottleMode,
                  VIR_THROTTLE_MODE_LAST,
                  "none", "iops", "bytes",
    );

What is flagged, as libvirt's syntax-check sees it on the macro's line and, when that line ends
with a comma, the line after it:

- the strings start on the marker's line and go on after a comma (the marker on the macro's
  line, or the first string beside the marker on the next);
- the marker on the macro's line is a count of at most four characters (``3``), not the
  enum's ``_LAST`` constant.

A single string left on the marker's line (``..._LAST, "none");``) is not flagged, as
syntax-check does not; nor is a ``#define`` of the macro.  Commas inside strings and comments
do not count (syntax-check counts them), and a first string beside the marker is flagged
whatever it holds (syntax-check misses a one-character string, ``"a"``, and one whose last
characters happen to line up with ``_LAST``).  The finding is on the macro's line,
or on the line after it when only that one is added.

## Why
The marker is what ties the strings to the enum: ``VIR_ENUM_IMPL()`` checks at compile time
that there are exactly ``VIR_THROTTLE_MODE_LAST`` strings, so a value added to the enum
without its string breaks the build instead of printing "(null)".  On a line of its own,
between the name and the strings, it is where every reader and the syntax check expect it, and
a new string is a line added at the end, never a change to the marker's line.

## Example
```c path=src/conf/domain_conf.c
VIR_ENUM_IMPL(virThrottleMode, VIR_THROTTLE_MODE_LAST,
              "none", "iops", "bytes",
);
```
```findings
1:32: enum-last-marker: put the _LAST marker alone on the line after
  VIR_ENUM_IMPL(name, and the strings below it
```

```c path=src/conf/domain_conf.c
VIR_ENUM_IMPL(virThrottleMode, 3,
              "none", "iops", "bytes",
);
```
```findings
1:32: enum-last-marker: give VIR_ENUM_IMPL() the enum's _LAST constant, not a count
```

## Use instead
```c path=src/conf/domain_conf.c
VIR_ENUM_IMPL(virThrottleMode,
              VIR_THROTTLE_MODE_LAST,
              "none", "iops", "bytes",
);
```

```c path=src/conf/domain_conf.c
VIR_ENUM_IMPL(virQEMUCaps,
              QEMU_CAPS_LAST, /* virQEMUCaps grouping marker */
              "kvm", "mem-path",
);
```

## Origin
libvirt's ``sc_require_enum_last_marker`` ("enum impl needs _LAST marker on second line").
The layout came with libvirt's 2019 reformatting of its enums, so the rule belongs to profile
``glib``.
"""

from patchlint.api import ERROR, LIBVIRT_CODE, finding, lazy_re, rule

_IMPL = lazy_re(r"\bVIR_ENUM_IMPL\s*\(")


def _commas(pieces):
    """The top-level commas of the macro's arguments: [(piece index, column)], up to the
    macro's closing parenthesis or the end of the pieces."""
    out = []
    depth = 1
    for n, (code, start) in enumerate(pieces):
        for col in range(start, len(code)):
            ch = code[col]
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth -= 1
                if depth == 0:
                    return out
            elif ch == "," and depth == 1:
                out.append((n, col))
    return out


def _after(code, col):
    """The column of the first non-blank after ``col`` (None: nothing follows)."""
    rest = code[col + 1:]
    pos = col + 1 + len(rest) - len(rest.lstrip())
    return pos if pos < len(code) else None


def _judge(side, k):
    """The finding for the VIR_ENUM_IMPL on side[k], if any (only when one of the lines it
    is judged on is added)."""
    impl = side[k]
    m = _IMPL.search(impl.code)
    if m is None or "#" in impl.text[:m.start()]:
        return None
    lines = [impl]
    if impl.text.rstrip().endswith(",") and k + 1 < len(side):
        lines.append(side[k + 1])
    if not any(ln.kind == "+" for ln in lines):
        return None
    pieces = [(impl.code, m.end())] + [(ln.code, 0) for ln in lines[1:]]
    commas = _commas(pieces)
    if len(commas) < 2:
        return None
    (n0, c0), (n1, c1) = commas[0], commas[1]
    if n0 == n1 == 0 and len(impl.text[c0 + 1:c1]) <= 4:
        # a short marker on the macro's line: a count, not the enum's constant
        where, start, end = 0, _after(impl.code, c0), c1
        message = "give VIR_ENUM_IMPL() the enum's _LAST constant, not a count"
    elif len(commas) >= 3:
        # strings go on after a comma on the marker's line
        message = ("put the _LAST marker alone on the line after VIR_ENUM_IMPL(name, and the "
                   "strings below it")
        if n1 == 0:                 # the marker itself is on the macro's line
            where, start, end = 0, _after(impl.code, c0), None
        else:                       # the first string is beside the marker
            where, start, end = n1, _after(pieces[n1][0], c1), None
    else:
        return None
    at = lines[where]
    if at.kind != "+":              # only the other line is added: no column on it
        at = next(ln for ln in lines if ln.kind == "+")
        start = end = None
    return finding(at, message, start=start, end=end, context=(impl, lines[-1]))


@rule("enum-last-marker", severity=ERROR, files=LIBVIRT_CODE, profiles=("glib",),
      syntax_check="sc_require_enum_last_marker", family="internals")
def check(file):
    for hunk in file.hunks:
        if not any(ln.kind == "+" for ln in hunk.lines):
            continue
        side = hunk.new_side()
        for k, ln in enumerate(side):
            if "VIR_ENUM_IMPL" not in ln.text:
                continue
            f = _judge(side, k)
            if f is not None:
                yield f
