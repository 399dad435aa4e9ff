"""A value of a flags enum written as a plain number instead of a shift (``1 << N``).

## What it flags
An added enum constant whose value is a plain decimal or hex power of two (``= 1``, ``= 0x4``,
``= 8``) inside an enum that is a set of flags: its type or tag is named ``...Flags`` (or
``...FlagsValues``), its doc comment names it so, its constants say ``_FLAG_``, or its other
values are already shifts.  ``0`` is fine (the "no flags" value), and so are values that are
not a single bit (masks, combinations).

The shift it asks for follows the code around it: when the enum's other values (as far as the
patch shows them) are bare shifts it writes ``1 << N``, when they are parenthesised
``(1 << N)``; when they show no shift (or as many of each), it follows the profile's era:
``1 << N`` with ``glib`` (today's headers), ``(1 << N)`` with ``gnulib`` (the 2012 tree).  The
message names the form.  A shift already written either way is never flagged, unless the
``parens`` option asks for parentheses everywhere.

## Why
Written as shifts, the bits a flags enum uses read at a glance, and the next flag is obviously
``1 << N+1``; a column of 1, 2, 4, 8, 16 ... invites a wrong or duplicated bit when the enum
grows.

## Example
```c path=include/libvirt/libvirt-domain.h
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = 1,
    VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = 0x2,
} virDomainBlockJobAbortFlags;
```
```findings
2:40: flag-enum-shift: write flag value 1 as `1 << 0`, as libvirt's headers
  write them
    fix: "1" -> "1 << 0"
3:40: flag-enum-shift: write flag value 0x2 as `1 << 1`, as libvirt's headers
  write them
    fix: "0x2" -> "1 << 1"
```

```diff path=include/libvirt/libvirt-storage.h start=250
 typedef enum {
     VIR_STORAGE_VOL_RESIZE_ALLOCATE = (1 << 0), /* the 2012 tree's form */
     VIR_STORAGE_VOL_RESIZE_DELTA    = (1 << 1),
+    VIR_STORAGE_VOL_RESIZE_SHRINK   = 4,
 } virStorageVolResizeFlags;
```
```findings
253:39: flag-enum-shift: write flag value 4 as `(1 << 2)`, like the enum's other
  values
    fix: "4" -> "(1 << 2)"
```

## Use instead
```c path=include/libvirt/libvirt-domain.h
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = 1 << 0,
    VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = 1 << 1,
} virDomainBlockJobAbortFlags;
```

```diff path=include/libvirt/libvirt-storage.h start=250
 typedef enum {
     VIR_STORAGE_VOL_RESIZE_ALLOCATE = (1 << 0), /* the 2012 tree's form */
     VIR_STORAGE_VOL_RESIZE_DELTA    = (1 << 1),
+    VIR_STORAGE_VOL_RESIZE_SHRINK   = (1 << 2),
 } virStorageVolResizeFlags;
```

## Fix
The value is replaced with the shift, N computed from it: ``1 << N`` or ``(1 << N)`` as said
above.

## Options
``parens`` (default ``false``): the project writes ``(1 << N)`` everywhere: always suggest the
parenthesised form, whatever the enum and the profile, and flag a bare ``1 << N`` too.  Left
``false``, the form follows the enum, then the profile, and bare shifts are never flagged.

## Origin
A review habit ("I'd write this as (1 << 0), to make it easier to add new flags in the future
as (1 << 1) and so forth"), from the 2012 tree, whose headers parenthesise their shifts;
libvirt's headers today write them bare.
"""



from patchlint.api import (
    C_FILES,
    WARNING,
    enclosing_enum,
    finding,
    is_flags_enum,
    lazy_re,
    rule,
    side_of,
)

_NUM = lazy_re(r"^(\s*[A-Za-z_]\w*\s*=\s*)(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\s*(?:,|$)")
_BARE_SHIFT = lazy_re(r"^(\s*[A-Za-z_]\w*\s*=\s*)(1[uU]?\s*<<\s*(\d+))\s*(?:,|$)")
# any value written as a shift: group 1 is "(" when it is parenthesised
_ANY_SHIFT = lazy_re(r"^\s*[A-Za-z_]\w*\s*=\s*(\(?)\s*1[uU]?\s*<<\s*\d+\s*\)?\s*(?:,|$)")

# the form of a shift, and where it was taken from (the message says)
_PAREN, _BARE = "(1 << {n})", "1 << {n}"
_WHY = {"enum": "like the enum's other values", "glib": "as libvirt's headers write them",
        "gnulib": "as the 2012 tree's headers write them",
        "option": "as this project writes them"}


def _doc_start(side, k):
    """The first line of the doc comment right above line k (or k itself)."""
    j = k - 1
    while j >= 0 and side[j].text.lstrip().startswith(("*", "/*")):
        if side[j].text.lstrip().startswith("/*"):
            return j
        j -= 1
    return k


def _enum_form(side, enum):
    """"paren" or "bare": how the enum's visible shifts are written; None when it shows none
    (or as many of each).  Worked out once per enum of a side."""
    hunk = side[0].hunk
    key = ("flag-enum-shift-form", enum.open_line)
    got = hunk.cache.get(key)
    if got is not None and got[0] is side:
        return got[1]
    paren = bare = 0
    end = enum.close_line if enum.close_line is not None else len(side) - 1
    for j in range(enum.open_line + 1, end + 1):
        code = side[j].code
        if "<<" not in code:
            continue
        m = _ANY_SHIFT.match(code)
        if m:
            if m.group(1):
                paren += 1
            else:
                bare += 1
    form = "paren" if paren > bare else "bare" if bare > paren else None
    hunk.cache[key] = (side, form)
    return form


@rule("flag-enum-shift", severity=WARNING, files=C_FILES, fixable=True,
      options={"parens": False}, needs=("=",))
def check(line, options, config):
    if "=" not in line.text or not (_NUM.match(line.text) or _BARE_SHIFT.match(line.text)):
        return
    code = line.code
    m = _NUM.match(code)
    bare = None
    if m is None:
        if not options["parens"]:
            return
        bare = _BARE_SHIFT.match(code)
        if bare is None:
            return
    side, k = side_of(line)
    enum = enclosing_enum(side, k)
    if enum is None or not is_flags_enum(side, enum):
        return
    span = (side[_doc_start(side, enum.open_line)] if enum.open_line >= 0 else side[0],
            side[enum.close_line] if enum.close_line is not None else line)
    if bare is not None:
        n = bare.group(3)
        yield finding(line, f"write flag values as `(1 << {n})`, {_WHY['option']}",
                      start=bare.start(2), end=bare.end(2), replacement=f"(1 << {n})",
                      context=span)
        return
    if len(m.group(2)) > 24:
        return                  # wider than any enum constant (and too long for int())
    value = int(m.group(2), 0)
    if value == 0 or value & (value - 1):
        return
    n = value.bit_length() - 1
    if options["parens"]:
        form, why = _PAREN, "option"
    else:
        seen = _enum_form(side, enum)
        if seen is not None:
            form, why = (_PAREN if seen == "paren" else _BARE), "enum"
        else:
            why = "gnulib" if config.profile == "gnulib" else "glib"
            form = _PAREN if why == "gnulib" else _BARE
    shift = form.format(n=n)
    yield finding(line, f"write flag value {m.group(2)} as `{shift}`, {_WHY[why]}",
                  start=m.start(2), end=m.end(2), replacement=shift, context=span)
