"""A shell script that compares with ``==`` in ``test`` or ``[ ]``, where POSIX has ``=``.

## What it flags
In a shell script, an added line where ``test``, or a ``[`` (``[[`` too) after a blank, is
followed later on the line by `` == `` between blanks: ``test "$a" == "$b"``,
``if [ "$state" == running ]``.  The finding sits on the ``==``.  (libvirt's check wants the
blank before the bracket, so a ``[`` that starts the line is not looked at.)

A file is a shell script when the patch shows its first line and that line starts the script
with a ``/bin/...sh`` interpreter, as libvirt's check asks (``#!/bin/sh``, ``#!/bin/bash``, but
not ``#!/usr/bin/env bash``); when the patch does not show the first line, when the file's name
ends in ``.sh`` or ``.sh.in``.  A script without such a name, changed below its first lines,
is not judged.  Comments and the text inside quotes are not read: libvirt's check greps the
raw line, so a comment that mentions ``test a == b`` would fail it too.

## Why
``==`` in ``test`` is a bash extension: dash (``/bin/sh`` on Debian and Ubuntu) and the BSD
shells stop with "unexpected operator", so the comparison never happens and the script takes
the wrong branch.  ``=`` means the same thing in every shell, bash included.

## Example
```sh path=tools/virt-throttle-helper.sh
#!/bin/sh

if [ "$1" == "--stop" ]; then
    exit 0
fi
```
```findings
3:11: test-double-equal: compare with = in test and [ ]: == is a bashism
    fix: "==" -> "="
```

A script changed below its first lines, known by its name:

```diff path=tools/libvirt-guests.sh.in start=120
 retval() {
+    if test "$1" == "0"; then
```
```findings
121:18: test-double-equal: compare with = in test and [ ]: == is a bashism
    fix: "==" -> "="
```

## Use instead
```sh path=tools/virt-throttle-helper.sh
#!/bin/sh

# never write: [ "$1" == "--stop" ]
if [ "$1" = "--stop" ]; then
    exit 0
fi
```

A script whose interpreter is found through ``env`` is not one libvirt's check reads:

```sh path=tools/virt-throttle-helper
#!/usr/bin/env bash

if [[ "$1" == --stop ]]; then
    exit 0
fi
```

## Fix
The ``==`` becomes ``=``, unless an arithmetic ``((`` comes before it on the line (where
``==`` is a comparison and ``=`` an assignment); then the finding carries no fix.

## Origin
gnulib's ``sc_prohibit_test_double_equal`` as libvirt's syntax-check runs it.
"""

from patchlint.api import C_FILES, DOC_FILES, ERROR, finding, lazy_re, match_path, rule

# libvirt's check reads the files holding such a line (grep -l '#! */bin/[a-z]*sh').
_SHEBANG = lazy_re(r"#! */bin/[a-z]*sh")
_SHELL_NAMES = ("*.sh", "*.sh.in")
_TEST_EQ = lazy_re(r"(?:\btest|(?<= )\[+) .+? (==) ")
_NOT_TEXT = ("*.po", "*.ico", "*.png")


def is_shell(file) -> bool:
    """Is ``file`` a shell script: by its first line when the patch shows it, else by name."""
    if file.is_c or match_path(file.path, DOC_FILES):
        return False
    hunk = file.hunks[0] if file.hunks else None
    if hunk is not None and hunk.new_start <= 1:
        side = hunk.new_side()
        if side:
            return bool(_SHEBANG.search(side[0].text))
    return match_path(file.path, _SHELL_NAMES)


def shell_code(text: str) -> str:
    """``text`` with its comment removed and the contents of its quotes blanked (the quotes
    stay), columns kept."""
    out = []
    quote = None
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if quote is not None:
            if ch == "\\" and quote == '"' and i + 1 < n:
                out.append("  ")
                i += 2
                continue
            if ch == quote:
                quote = None
                out.append(ch)
            else:
                out.append(" ")
        elif ch == "\\":
            out.append(text[i:i + 2])
            i += 2
            continue
        elif ch in "\"'":
            quote = ch
            out.append(ch)
        elif ch == "#" and (i == 0 or text[i - 1] in " \t;&|()"):
            break
        else:
            out.append(ch)
        i += 1
    return "".join(out)


@rule("test-double-equal", severity=ERROR, files=("*",), exclude=C_FILES + _NOT_TEXT,
      syntax_check="sc_prohibit_test_double_equal", fixable=True, family="portability")
def check(file):
    if not any("==" in ln.text for ln in file.added_lines()) or not is_shell(file):
        return
    for ln in file.added_lines():
        if "==" not in ln.text:
            continue
        code = shell_code(ln.text)
        m = _TEST_EQ.search(code)
        if m is None:
            continue
        start, end = m.span(1)
        fix = None if "((" in code[:start] else "="
        yield finding(ln, "compare with = in test and [ ]: == is a bashism",
                      start=start, end=end, replacement=fix,
                      suggestion=None if fix else "test \"$a\" = \"$b\" compares strings "
                                                  "in every shell")
