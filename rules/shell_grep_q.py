"""``grep -q``, which not every grep knows: send grep's output to ``/dev/null`` instead.

## What it flags
``grep -q`` (``egrep -q``, ``grep -qs``... as well) on an added line of any text file: a shell
script, a makefile, a spec file, a meson or CI definition, a command in a C string, a command
shown in the documentation.  libvirt's check greps every file for it, because a command line
can live in any of them.  What a comment says is not read: in C the ``/* */`` and ``//``
comments, in the other files but documentation a ``#`` comment (a ``#`` at the start of the
line or after a blank, outside quotes).

## Why
``-q`` is POSIX today, but the ``grep`` of older Solaris and other legacy systems rejects it,
and the script then fails on the option instead of testing the pattern.  The exit status is
the same without it: ``grep PATTERN FILE >/dev/null`` says whether there was a match on every
system.

## Example
```sh path=tools/virt-throttle-helper.sh
#!/bin/sh

if lsmod | grep -q '^kvm '; then
    echo "kvm is loaded"
fi
```
```findings
3:12: grep-q: send grep's output to /dev/null instead of using grep -q
```

## Use instead
```sh path=tools/virt-throttle-helper.sh
#!/bin/sh

# (no "grep -q": not every grep has it)
if lsmod | grep '^kvm ' >/dev/null; then
    echo "kvm is loaded"
fi
```

## Origin
gnulib's ``sc_unportable_grep_q`` as libvirt's syntax-check runs it.
"""

from patchlint.api import COMMENT, DOC_FILES, ERROR, finding, lazy_re, match_path, rule

_GREP_Q = lazy_re(r"grep -q")
_NOT_TEXT = ("*.po", "*.ico", "*.png")


def _without_c_comments(line) -> str:
    """The line with its C comments blanked (strings kept: a command is often one)."""
    text = line.text
    if not any(kind == COMMENT for _, _, kind in line.spans):
        return text
    out = list(text)
    for start, end, kind in line.spans:
        if kind == COMMENT:
            out[start:end] = " " * (end - start)
    return "".join(out)


def _without_hash_comment(text: str) -> str:
    """The line up to the ``#`` that starts a comment (at the start or after a blank, not
    inside quotes)."""
    quote = None
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if quote is not None:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = None
        elif ch == "\\":
            i += 1
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t;&|()"):
            return text[:i]
        i += 1
    return text


@rule("grep-q", severity=ERROR, files=("*",), exclude=_NOT_TEXT, needs=("grep -q",),
      syntax_check="sc_unportable_grep_q", family="portability")
def check(line):
    file = line.hunk.file
    if file.is_c:
        text = _without_c_comments(line)
    elif match_path(file.path, DOC_FILES):
        text = line.text
    else:
        text = _without_hash_comment(line.text)
    m = _GREP_Q.search(text)
    if m is not None:
        yield finding(line, "send grep's output to /dev/null instead of using grep -q",
                      start=m.start(), end=m.end(),
                      suggestion="grep PATTERN FILE >/dev/null")
