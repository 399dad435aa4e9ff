"""``flags`` declared as anything but ``unsigned int``.

## What it flags
A parameter, struct field or local variable named ``flags`` whose type is a plain integer type
other than ``unsigned int``: ``int``, ``long``, ``unsigned long``, ``long long``, ``short``,
``signed`` or a bare ``unsigned``.  Prototypes and definitions split over several lines are
read line by line, including ``(int flags)`` right after the parenthesis and a type left at the
end of the line before ``flags``.  ``@flags:`` lines of doc comments, other comments and strings
are never looked at.  An initialised local is judged by what it holds: ``int flags = 0;`` later
given ``VIR_*`` bits or passed to a ``vir*()`` API is reported as a note, while
``int flags = O_CLOEXEC`` or ``int flags = fcntl(fd, F_GETFL)`` holds a system API's flags and
is left alone.  So are parameters of functions whose prototype a
C library fixes (a mock or wrapper of ``open()``, ``fcntl()``...), the ``unsigned long flags`` of
the legacy migration APIs (ABI), a deliberate ``unsigned long long`` (64 bits of a file
format), and libvirt's own exempt paths (test mocks, ``docs/``).  Other types (``guint``,
``uint32_t``, an enum type) are left alone: they are a deliberate choice, not a slip.

## Why
Every libvirt API and driver callback passes flags as ``unsigned int``: bit operations on a
signed value are a trap (``1 << 31`` overflows), and ``virCheckFlags()`` complains at run time
when the value does not fit an ``unsigned int``.  Only a handful of legacy migration APIs have
``unsigned long flags``, kept for ABI compatibility.

How it differs from ``sc_flags_usage``: libvirt's check matches ``int flags`` (``long``...)
only when a ``;``, ``,`` or ``)`` follows and a blank precedes, so it sees fields, uninitialised
locals and every parameter but the first.  A first parameter (``testFoo(int flags)``) is an
error here too: a parameter is an interface, and the slip is the same (libvirt v10.7.0 has one,
in a test helper).  An initialised local is the one place libvirt's tree tolerates the habit:
v10.7.0 declares 15 locals ``int flags = ...`` that collect ``VIR_*`` flags for an API (in
virsh, the drivers and the tests), beside some 175 written ``unsigned int flags = ...``.  A
reviewer may ask for ``unsigned int``, but patches doing this were merged, so this rule only
notes it: a note does not make the hook refuse the mail (``--fail-on warning``, the default).

## Example
```diff path=src/qemu/qemu_driver.c start=11379
 static int
 qemuDomainBlockJobImpl(virDomainPtr dom, const char *path,
                        unsigned long bandwidth, virDomainBlockJobInfoPtr info,
-                       int mode)
+                       int flags, int mode)
```
```findings
11382:24: flags-type: `flags` is declared `int`; libvirt passes flags as
  `unsigned int`
    fix: "int" -> "unsigned int"
```

```c path=tools/virsh-domain.c
    int flags = 0;

    if (vshCommandOptBool(cmd, "config"))
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
```
```findings
1:5: flags-type (note): `flags` is declared `int`; libvirt passes flags as
  `unsigned int`
    fix: "int" -> "unsigned int"
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

from patchlint.api import (
    BOUNDARY,
    C_FILES,
    ERROR,
    NOTE,
    finding,
    ident_before,
    lazy_re,
    legacy_migration_api,
    open_paren,
    rule,
    side_of,
)

_INT = r"(?:unsigned|signed|int|long|short)"
# At most 8 words of type (C has no longer integer type): unbounded, a long run of
# "int int int ..." is re-read from each of its words, quadratic in its length.
_DECL = lazy_re(r"(?<![\w.>])((?:" + _INT + r"\s+){0,7}" + _INT + r")\s+(flags)\b"
                   r"(?=\s*(?:[,;)=\[]|$|G_GNUC_UNUSED|ATTRIBUTE_UNUSED))")
_TRAILING_TYPE = lazy_re(r"(?<![\w.>])((?:" + _INT + r"\s+){0,7}" + _INT + r")\s*$")
_INIT = lazy_re(r"\s*=(?!=)")
_NEXT_FLAGS = lazy_re(r"^\s*flags\b\s*(?:[,;)=\[]|$)")


_VIR_FLAG = lazy_re(r"\bVIR_[A-Z0-9_]+")
_VIR_CALL_WITH_FLAGS = lazy_re(r"\bvir[A-Z]\w*\s*\([^;]*\bflags\b")


def _libvirt_flags(line, init):
    """Does an initialised local hold libvirt flags (VIR_* bits, or passed to a vir* API)?

    True when its initial value says so, else the later line that shows it, else None."""
    if _VIR_FLAG.search(init):
        return True
    side, k = side_of(line)
    hunks = line.file.hunks
    later = [ln for h in hunks[hunks.index(line.hunk) + 1:] for ln in h.new_side()]
    for ln in (side[k + 1:] + later)[:200]:
        code = ln.code
        if code.startswith("}"):
            break
        if "flags" in code and (_VIR_CALL_WITH_FLAGS.search(code) or
                                ("flags" in code and _VIR_FLAG.search(code)
                                 and re.search(r"\bflags\s*[|&]?=", code))):
            return ln
    return None


def _bad(type_text):
    words = type_text.split()
    if words.count("long") == 2 and "unsigned" in words:
        return False        # a deliberate 64-bit field (file format bits), as libvirt allows
    return words != ["unsigned", "int"] and words != ["int", "unsigned"]


# Functions whose prototypes C libraries fix: a wrapper or mock must match them.
LIBC = frozenset("""open open64 openat openat64 __open_2 __openat_2 creat fcntl fcntl64 mkostemp
    mkostemps accept4 pipe2 dup3 recv send recvfrom sendto recvmsg sendmsg setns unshare clone
    mount umount2 msync mmap mremap inotify_init1 eventfd signalfd timerfd_create memfd_create
    epoll_create1 posix_openpt renameat2 faccessat fchmodat fstatat linkat unlinkat utimensat
    name_to_handle_at open_by_handle_at splice tee vmsplice getrandom dlopen""".split())
_NAME_START = lazy_re(r"[A-Za-z_]")


def _declared_in(line, col):
    """Name of the function whose parameter list holds column ``col`` of ``line``."""
    side, k = side_of(line)
    op = open_paren(side, k, col)
    if op is None or op is BOUNDARY:
        return None
    j, pos = op
    name = _fnptr_name(side[j].code, pos)
    if name:
        return name
    return ident_before(side, j, pos)


def _fnptr_name(code, end):
    """The name of a function pointer "(*name)" ending ``code[:end]`` (blanks after it
    allowed), or None.  Read back from ``end``: a regex search of ``code[:end]`` for each
    of many parameter lists on a line was quadratic."""
    def back_over_blanks(i):
        while i and code[i - 1].isspace():
            i -= 1
        return i
    e = back_over_blanks(end)
    if not e or code[e - 1] != ")":
        return None
    e = back_over_blanks(e - 1)
    s = e
    while s and (code[s - 1].isalnum() or code[s - 1] == "_"):
        s -= 1
    if s == e or not _NAME_START.match(code[s]):
        return None
    b = back_over_blanks(s)
    if not b or code[b - 1] != "*":
        return None
    b = back_over_blanks(b - 1)
    return code[s:e] if b and code[b - 1] == "(" else None


def _exempt(line, col, type_text):
    name = _declared_in(line, col)
    if name is None:
        return False
    if name in LIBC:
        return True
    # the legacy migration APIs keep "unsigned long flags" for ABI compatibility
    return " ".join(type_text.split()) == "unsigned long" and legacy_migration_api(name)


# libvirt's own exemptions for this check: mocks and wrappers of libc, and the docs
EXEMPT_PATHS = ("tests/*mock.c", "tests/virfilewrapper.c", "src/util/virnetdevtap.c", "docs/*")


@rule("flags-type", severity=ERROR, files=C_FILES, syntax_check="sc_flags_usage",
      fixable=True, exclude=EXEMPT_PATHS,
      needs=("flags", "int", "long", "short", "unsigned", "signed"))
def check(line):
    if "flags" not in line.text:
        if not line.text.rstrip().endswith(("int", "long", "short", "unsigned", "signed")):
            return
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
        proof = None
        if _INIT.match(code, m.end()):
            proof = _libvirt_flags(line, code[m.end():])
            if not proof:
                continue    # "int flags = O_CLOEXEC": a local holding some system API's flags
        if _bad(m.group(1)) and not _exempt(line, m.start(1), m.group(1)):
            # an initialised local: a habit libvirt's tree tolerates (see the docstring)
            yield _report(line, m.start(1), m.end(1), m.group(1),
                          context=[(proof, proof)] if proof not in (None, True) else None,
                          severity=NOTE if proof else None)


def _report(line, start, end, type_text, context=None, severity=None):
    return finding(line, f"`flags` is declared `{' '.join(type_text.split())}`; "
                         "libvirt passes flags as `unsigned int`",
                   start=start, end=end, replacement="unsigned int", context=context,
                   severity=severity)


def _next_new_line(line):
    lines = line.hunk.lines
    for ln in lines[line.index + 1:]:
        if ln.kind != "-":
            return ln
    return None
