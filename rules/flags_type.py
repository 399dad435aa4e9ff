"""``flags`` declared as anything but ``unsigned int``.

## What it flags
A parameter, struct field or local variable named ``flags`` whose type is a plain integer type
other than ``unsigned int``: ``int``, ``long``, ``unsigned long``, ``long long``, ``short``,
``signed`` or a bare ``unsigned``.  Prototypes and definitions split over several lines are
read line by line, including ``(int flags)`` right after the parenthesis and a type left at the
end of the line before ``flags``.  ``@flags:`` lines of doc comments, other comments and strings
are never looked at.  A local initialised from a call (``int flags = fcntl(fd, F_GETFL)``)
holds another API's flags and is left alone.  Other types (``guint``, ``uint32_t``, an enum type) are left alone: they
are a deliberate choice, not a slip.

## Why
Every libvirt API and driver callback passes flags as ``unsigned int``: bit operations on a
signed value are a trap (``1 << 31`` overflows), and ``virCheckFlags()`` complains at run time
when the value does not fit an ``unsigned int``.  Only a handful of legacy migration APIs have
``unsigned long flags``, kept for ABI compatibility.

## Example
```diff path=src/qemu/qemu_driver.c start=11379
 static int
 qemuDomainBlockJobImpl(virDomainPtr dom, const char *path,
                        unsigned long bandwidth, virDomainBlockJobInfoPtr info,
-                       int mode)
+                       int flags, int mode)
```

## Use instead
```diff path=src/qemu/qemu_driver.c start=11379
 static int
 qemuDomainBlockJobImpl(virDomainPtr dom, const char *path,
                        unsigned long bandwidth, virDomainBlockJobInfoPtr info,
-                       int mode)
+                       int mode, unsigned int flags)
```

## Fix
The type is replaced with ``unsigned int`` (``const`` is kept).

## Origin
libvirt's ``sc_flags_usage`` ("flags should be unsigned"), which reviewers cite as
"'make syntax-check' caught this".
"""

import re

from patchlint.api import C_FILES, ERROR, finding, rule

_INT = r"(?:unsigned|signed|int|long|short)"
_DECL = re.compile(r"(?<![\w.>])((?:" + _INT + r"\s+)*" + _INT + r")\s+(flags)\b"
                   r"(?=\s*(?:[,;)=\[]|$|G_GNUC_UNUSED|ATTRIBUTE_UNUSED))")
_TRAILING_TYPE = re.compile(r"(?<![\w.>])((?:" + _INT + r"\s+)*" + _INT + r")\s*$")
_INIT_CALL = re.compile(r"\s*=\s*[A-Za-z_]\w*\s*\(")
_NEXT_FLAGS = re.compile(r"^\s*flags\b\s*(?:[,;)=\[]|$)")


def _bad(type_text):
    words = type_text.split()
    return words != ["unsigned", "int"] and words != ["int", "unsigned"]


@rule("flags-type", severity=ERROR, files=C_FILES, syntax_check="sc_flags_usage",
      fixable=True)
def check(line):
    code = line.code
    if "flags" not in code:
        # a type at the end of this line, "flags" starting the next one
        m = _TRAILING_TYPE.search(code)
        if m and _bad(m.group(1)):
            nxt = _next_new_line(line)
            if nxt is not None and _NEXT_FLAGS.match(nxt.code):
                yield _report(line, m.start(1), m.end(1), m.group(1))
        return
    for m in _DECL.finditer(code):
        if _INIT_CALL.match(code, m.end()):
            continue        # "int flags = fcntl(fd, F_GETFL)": another API's flags
        if _bad(m.group(1)):
            yield _report(line, m.start(1), m.end(1), m.group(1))


def _report(line, start, end, type_text):
    return finding(line, f"`flags` is declared `{' '.join(type_text.split())}`; "
                         "libvirt passes flags as `unsigned int`",
                   start=start, end=end, replacement="unsigned int")


def _next_new_line(line):
    lines = line.hunk.lines
    for ln in lines[line.index + 1:]:
        if ln.kind != "-":
            return ln
    return None
