"""A ``goto`` that jumps back up to a label above it.

## What it flags
An added ``goto LABEL;`` whose label stands above it in the same function, as far as the hunk
shows (a line starting with ``{`` or ``}`` in the first column ends the search).  Two upward
jumps are libvirt's own habits and are left alone: to a label named ``retry`` (or
``retry_something``, as libvirt-glib's ``HACKING`` allows), which the style names for
restarting an operation (after ``EINTR``), and from a section placed after the
function's main ``return`` (an error path that undoes things, then goes back up to a shared
exit such as ``cleanup:``), which is no loop.

## Why
libvirt's coding style: a ``goto`` that jumps back up is a sign the code wants a loop; write
it as ``while``/``for`` so the reader sees the repetition.  The one exception it names is
restarting an I/O operation after ``EINTR``, under the label ``retry``.

## Example
```c path=src/util/virthrottle.c
 reread:
    if (virFileReadAll(path, 1024, &buf) < 0)
        return -1;
    if (STREQ(buf, "busy")) {
        g_free(buf);
        goto reread;
    }
```
```findings
6:9: goto-backward: this goto jumps back up to 'reread': write a loop, or call
  the label 'retry' if it restarts an interrupted operation
```

## Use instead
```c path=src/util/virthrottle.c
    do {
        g_free(buf);
        if (virFileReadAll(path, 1024, &buf) < 0)
            return -1;
    } while (STREQ(buf, "busy"));

 retry:
    if (write(fd, buf, len) < 0 && errno == EINTR)
        goto retry;
```

## Measured
On libvirt v10.7.0's C files read as new files: 18 such jumps (to ``reread``, ``rewrite``,
``redefine``, ``again``, ``next``...: retries named otherwise, and a few loops), all in old
code; none in the changes v9.8.0 to v10.4.0 and v10.4.0 to v10.7.0.  A warning: the tree still
has some.

## Origin
libvirt's coding style, section "Use of goto" (``docs/coding-style.rst``); no syntax-check
rule checks it.
"""

from patchlint.api import C_FILES, WARNING, finding, lazy_re, rule

_GOTO = lazy_re(r"\bgoto\s+([A-Za-z_]\w*)\s*;")
_LABEL = lazy_re(r"^(\s*)([A-Za-z_]\w*)\s*:(?!:)")
_RETURN = lazy_re(r"^(\s*)return\b")
ALLOWED = ("retry",)
MAX_BACK = 2000         # lines read back for the label


def _label_above(side, k, name):
    """The index of ``name:`` above ``side[k]`` in the same function, or None."""
    for j in range(k - 1, max(-1, k - MAX_BACK), -1):
        ln = side[j]
        if ln.text.startswith(("{", "}")):
            return None
        if name not in ln.text:
            continue                    # (cheaper than the match, and the label holds it)
        m = _LABEL.match(ln.code)
        if m and m.group(2) == name and not ln.code[m.end():].strip():
            return j
    return None


def _after_return(side, label, k):
    """Is the goto in a section after the function's main ``return`` (one at the top level
    of its body, above the goto)?"""
    indent = len(side[label].text) - len(side[label].text.lstrip())
    for j in range(k - 1, max(-1, k - MAX_BACK), -1):
        ln = side[j]
        if ln.text.startswith(("{", "}")):
            return False
        m = _RETURN.match(ln.code)
        if m and len(m.group(1)) <= indent + 4:
            return True
    return False


@rule("goto-backward", severity=WARNING, files=C_FILES, family="style",
      coding_style="Use of goto", needs=("goto",))
def check(line):
    for m in _GOTO.finditer(line.code):
        name = m.group(1)
        if name in ALLOWED or name.startswith("retry_"):
            continue
        hunk = line.hunk
        side = hunk.new_side()
        k = hunk.side_index(line)
        label = _label_above(side, k, name)
        if label is None or _after_return(side, label, k):
            continue
        yield finding(line, f"this goto jumps back up to '{name}': write a loop, or call the "
                            "label 'retry' if it restarts an interrupted operation",
                      start=m.start(), end=m.end() - 1, context=(side[label], line))
