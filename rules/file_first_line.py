"""A file that starts with an empty line.

## What it flags
An empty first line in a file of more than one line, as the patch leaves the file: a line the
patch adds at the top, or the empty line the patch makes first by deleting what was above
it.  Any kind of file, but the few libvirt keeps that way on purpose (test data of the
VMware and virsh tests, the RPC generator's expected output).

## Why
A file opens with what it is: its copyright comment, its ``#!`` line, its title.  An empty
line above it is a leftover of an edit, pushes the header down and breaks the tools that read
a file's first line (``#!``, editors' mode lines, the file name in the header comment).

## Example
```c path=src/util/virthrottle.c

/*
 * virthrottle.c: throttle groups shared by several disks
```
```findings
1: empty-first-line: the file starts with an empty line
```

## Use instead
```c path=src/util/virthrottle.c
/*
 * virthrottle.c: throttle groups shared by several disks
```

## Origin
libvirt's ``sc_prohibit_empty_first_line``.
"""

from patchlint.api import ERROR, finding, is_regular, rule, whole_file

# libvirt's exclude_file_name_regexp--sc_prohibit_empty_first_line, and the files its
# syntax-check never reads
EXEMPT = ("tests/vmwareverdata/fusion-5.0.3.txt*", "*scripts/rpcgen/tests/demo.c*",
          "tests/virshtestdata/*", "*.po", "*.ico", "*.png")


@rule("empty-first-line", severity=ERROR, exclude=EXEMPT,
      syntax_check="sc_prohibit_empty_first_line", family="layout")
def check(file):
    if file.is_deleted or not file.hunks or not is_regular(file):
        return
    hunk = file.hunks[0]
    side = hunk.new_side()
    if not side or side[0].new_no != 1:
        return
    first = side[0]
    if first.text != "" or first.eol != "\n":      # ("\r" is not empty to libvirt's awk)
        return
    if first.kind != "+" and not any(ln.kind == "-" for ln in hunk.lines[:first.index]):
        return                          # there before the patch, and left where it was
    if len(side) < 2:
        whole = whole_file(file)
        if whole is None or len(whole.new) < 2:
            return                      # a file of one empty line, or no second line seen
    yield finding(first, "the file starts with an empty line",
                  suggestion="delete the empty line above the file's first line")
