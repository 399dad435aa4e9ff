"""A file name holding a character Windows does not allow: ``: * ? " < > |``.

## What it flags
A file the patch adds (or renames or copies to a name) whose path holds one of the characters
Windows forbids in file names: ``:``, ``*``, ``?``, ``"``, ``<``, ``>`` or ``|``.  Reported on
the file's first line, or on the file when the patch shows none of its lines.

## Why
libvirt is built for Windows too, and its repository is cloned there: a file whose name
Windows cannot hold makes the checkout fail on that system, and the same characters need
quoting in every shell command and build rule that names the file.

## Example
```c path=tests/qemuxmlconfdata/disk-throttle:group.xml
<domain type='qemu'>
```
```findings
1: windows-filename: the file name tests/qemuxmlconfdata/disk-throttle:group.xml holds
  ":", which Windows does not allow in a file name
```

## Use instead
```c path=tests/qemuxmlconfdata/disk-throttle-group.xml
<domain type='qemu'>
```

## Origin
libvirt's ``sc_prohibit_windows_special_chars_in_filename`` ("Windows special chars in
filename not allowed").  (Its target prints the names it finds but, by a slip in its shell,
does not fail the build; patchlint reports them as the error the message says they are.)
"""

from patchlint.api import ERROR, finding, is_regular, lazy_re, match_path, rule

_SPECIAL = lazy_re(r'[:*?"<>|]')

# the files libvirt's syntax-check never reads
_NOT_CHECKED = ("*.po", "*.ico", "*.png")


def _where(fd):
    """The file's first line when the patch adds it, else the file."""
    for h in fd.hunks:
        for ln in h.lines:
            if ln.kind == "+" and ln.new_no == 1:
                return ln
    return fd


@rule("windows-filename", severity=ERROR,
      syntax_check="sc_prohibit_windows_special_chars_in_filename", family="patch")
def check(patch):
    for fd in patch.files:
        path = fd.new_path
        if fd.is_deleted or not path or match_path(path, _NOT_CHECKED) or not is_regular(fd):
            continue
        if not (fd.is_new or fd.is_rename or fd.is_copy):
            continue                    # the name was there before the patch
        chars = "".join(dict.fromkeys(_SPECIAL.findall(path)))
        if chars:
            shown = ", ".join(f'"{c}"' for c in chars)
            yield finding(_where(fd), f"the file name {path} holds {shown}, which Windows does "
                          "not allow in a file name",
                          suggestion="use '-' or '_' instead")
