"""The header comment of a file names another file.

## What it flags
A file name (``something.c`` or ``something.h``) on one of the first two lines of a ``.c`` or
``.h`` file that is not the file's own name: the line a file usually opens with,
``/* virfile.c: helpers for files */``, left over from the file it was copied from.  Only the
first such name on each line counts, and only on lines the patch adds.

## Why
The first line says what the file is; after a copy and rename it says what another file is,
and ``git grep`` for the old name finds the wrong file.

## Example
```c path=src/util/virthrottle.c
/*
 * virfile.c: throttle groups shared by several disks
```
```findings
2:4: filename-in-header: the header names virfile.c, but this file is
  virthrottle.c
    fix: "virfile.c" -> "virthrottle.c"
```

## Use instead
```c path=src/util/virthrottle.c
/*
 * virthrottle.c: throttle groups shared by several disks
```

## Fix
The name is replaced with the file's own.

## Origin
libvirt's ``sc_prohibit_wrong_filename_in_comment`` ("The file name in comments must match the
actual file name").
"""

from patchlint.api import ERROR, finding, lazy_re, rule

_NAME = lazy_re(r"(?<=\s)(\S*\.[ch])(?=[\s:]|$)")


@rule("filename-in-header", severity=ERROR, files=("*.c", "*.h"), fixable=True,
      syntax_check="sc_prohibit_wrong_filename_in_comment", family="comments")
def check(file):
    hunk = file.hunks[0] if file.hunks else None
    if hunk is None or hunk.new_start > 2:
        return
    own = file.path.rsplit("/", 1)[-1]
    for ln in hunk.lines:
        if ln.kind == "-":
            continue
        if ln.new_no is None or ln.new_no > 2:
            break
        if ln.kind != "+":
            continue
        m = _NAME.search(ln.text)
        if m and m.group(1) != own:
            yield finding(ln, f"the header names {m.group(1)}, but this file is {own}",
                          start=m.start(1), end=m.end(1), replacement=own)
