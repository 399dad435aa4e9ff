"""A value of a flags enum written as a plain number instead of ``(1 << N)``.

## What it flags
An added enum constant whose value is a plain decimal or hex power of two (``= 1``, ``= 0x4``,
``= 8``) inside an enum that is a set of flags: its type or tag is named ``...Flags`` (or
``...FlagsValues``), its doc comment names it so, its constants say ``_FLAG_``, or its other
values are already shifts.  ``0`` is fine (the "no flags" value), and so are values that are
not a single bit (masks, combinations).  With ``parens = true`` a bare ``1 << N`` is flagged too
and ``(1 << N)`` asked for.

## Why
Written as shifts, the bits a flags enum uses read at a glance, and the next flag is obviously
``(1 << N+1)``; a column of 1, 2, 4, 8, 16 ... invites a wrong or duplicated bit when the
enum grows.

## Example
```c path=include/libvirt/libvirt-domain.h
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = 1,
    VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = 0x2,
} virDomainBlockJobAbortFlags;
```

## Use instead
```c path=include/libvirt/libvirt-domain.h
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = (1 << 0),
    VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = (1 << 1),
} virDomainBlockJobAbortFlags;
```

## Fix
The value is replaced with ``(1 << N)``, N computed from it.

## Options
``parens`` (default ``false``): also ask for parentheses around a bare ``1 << N``.

## Origin
A review habit ("I'd write this as (1 << 0), to make it easier to add new flags in the future
as (1 << 1) and so forth"); libvirt's public headers write flag values as shifts.
"""


from patchlint.api import C_FILES, WARNING, finding, rule
from patchlint.c import enclosing_enum, is_flags_enum, side_of
from patchlint.lazyre import lazy_re

_NUM = lazy_re(r"^(\s*[A-Za-z_]\w*\s*=\s*)(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\s*(?:,|$)")
_BARE_SHIFT = lazy_re(r"^(\s*[A-Za-z_]\w*\s*=\s*)(1[uU]?\s*<<\s*(\d+))\s*(?:,|$)")


def _doc_start(side, k):
    """The first line of the doc comment right above line k (or k itself)."""
    j = k - 1
    while j >= 0 and side[j].text.lstrip().startswith(("*", "/*")):
        if side[j].text.lstrip().startswith("/*"):
            return j
        j -= 1
    return k


@rule("flag-enum-shift", severity=WARNING, files=C_FILES, fixable=True,
      options={"parens": False}, needs=("=",))
def check(line, options):
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
    span = (side[_doc_start(side, enum.open_line)],
            side[enum.close_line] if enum.close_line is not None else line)
    if bare is not None:
        n = bare.group(3)
        yield finding(line, f"write flag values as `(1 << {n})`", start=bare.start(2),
                      end=bare.end(2), replacement=f"(1 << {n})", context=span)
        return
    if len(m.group(2)) > 24:
        return                  # wider than any enum constant (and too long for int())
    value = int(m.group(2), 0)
    if value == 0 or value & (value - 1):
        return
    n = value.bit_length() - 1
    yield finding(line, f"write flag value {m.group(2)} as `(1 << {n})`", start=m.start(2),
                  end=m.end(2), replacement=f"(1 << {n})", context=span)
