"""A file whose name ends in ``~``: an editor's backup copy, about to be committed.

## What it flags
A file the patch adds (or renames or copies to a name) ending in ``~``, the name Emacs, vim
and many other editors give the copy they keep of a file before saving it.  Reported on the
file's first line, or on the file when the patch shows none of its lines.

## Why
A backup copy is the editor's, not the project's: it holds an older state of a file that
nothing builds, and once committed it is shipped and kept in every clone.  Such files belong
in ``.gitignore`` (or in the editor's own directory), and out of ``git add -A``.

## Example
```c path=src/util/virthrottle.c~
/*
 * virthrottle.c: throttle groups shared by several disks
```
```findings
1: backup-file: src/util/virthrottle.c~ looks like an editor's backup copy: don't commit it
```

## Use instead
```c path=src/util/virthrottle.c
/*
 * virthrottle.c: throttle groups shared by several disks
```

## Origin
libvirt's ``sc_prohibit_backup_files`` ("found version controlled backup file").
"""

from patchlint.api import ERROR, finding, is_regular, rule


def _where(fd):
    """The file's first line when the patch adds it, else the file."""
    for h in fd.hunks:
        for ln in h.lines:
            if ln.kind == "+" and ln.new_no == 1:
                return ln
    return fd


@rule("backup-file", severity=ERROR, syntax_check="sc_prohibit_backup_files", family="patch")
def check(patch):
    for fd in patch.files:
        path = fd.new_path
        if fd.is_deleted or not path or not path.endswith("~") or not is_regular(fd):
            continue
        if not (fd.is_new or fd.is_rename or fd.is_copy):
            continue                    # the name was there before the patch
        yield finding(_where(fd), f"{path} looks like an editor's backup copy: don't commit it",
                      suggestion="drop the file from the patch and add its pattern to "
                                 ".gitignore")
