"""The ``{`` of an ``if``, ``else``, ``for``, ``while``, ``switch`` or ``do`` on a line of its
own.

## What it flags
An added line starting with ``{`` right under the head of a compound statement that has no
brace of its own: ``if (...)``, ``else``, ``else if (...)``, ``for (...)``, ``while (...)``,
``switch (...)`` or ``do``, also when the condition runs over several lines (its first line
must be visible in the patch).  When only the head is added and the ``{`` below it is
context, the head is reported.  A head on one line is an error (libvirt's own check sees
it); a condition running over several lines, which libvirt's check cannot see, is reported
as a warning.  A ``{`` alone under a function header, under an iterator
macro such as ``virObjectListForEach(...)``, or opening a nested scope after a statement, is
fine.

Why the warnings go beyond ``sc_curly_braces_style``: libvirt's check reads only the line
just above the ``{``, which must hold the ``if (``, so a condition over several lines escapes
it.  The coding style's rule has no such exception ("the opening brace of a compound statement
should be on the same line as the condition being tested"); libvirt v10.7.0 has five of these
braces (``interface_conf.c``, ``libxl_conf.c``, two in ``openvz_driver.c``, one in
``qemu_driver.c``) against thousands of multi-line conditions that end in `` {``.

## Why
libvirt uses K&R braces: a compound statement opens its block at the end of its head
(``if (ret < 0) {``); only a function body and a bare nested scope put ``{`` on a line of its
own.  ``make syntax-check`` fails on the hanging form.

## Example
```c
    if (virDomainObjCheckActive(vm) < 0)
    {
        virDomainObjEndJob(vm);
        return -1;
    }
```
```findings
2:5: hanging-brace: put the '{' at the end of the 'if' line above, not on a line
  of its own
```

```c
    for (i = 0; i < def->ndisks &&
                def->disks[i]->bus == VIR_DOMAIN_DISK_BUS_VIRTIO; i++)
    {
        count++;
    }
```
```findings
3:5: hanging-brace (warning): put the '{' at the end of the 'for' line above,
  not on a line of its own
```

## Use instead
```c
    if (virDomainObjCheckActive(vm) < 0) {
        virDomainObjEndJob(vm);
        return -1;
    }
```

```c
static int
virExampleCount(virDomainDef *def)
{
    return def->ndisks;
}
```

## Origin
libvirt's ``sc_curly_braces_style`` ("use hanging braces for compound statements"), which
reads a statement head and the line after it; this rule also reads multi-line conditions.
"""

from patchlint.api import C_FILES, ERROR, WARNING, compound_head, finding, rule, side_of


def _lone_brace(ln):
    return ln.text.lstrip().startswith("{") and ln.code.lstrip().startswith("{")


@rule("hanging-brace", severity=ERROR, files=C_FILES, family="layout",
      syntax_check="sc_curly_braces_style", needs=("{", ")", "else", "do"))
def check(line):
    text = line.text
    stripped = text.lstrip()
    if stripped.startswith("{"):
        side, k = side_of(line)
        if k == 0:
            return
        above = side[k - 1].text.rstrip().rstrip("\\").rstrip()
        if not above.endswith((")", "else", "do", "/")) or not _lone_brace(line):
            return                      # (a comment may end the line above: "*/")
        head = compound_head(side, k - 1)
        if head is None:
            return
        word, first = head
        col = len(text) - len(stripped)
        yield finding(line, f"put the '{{' at the end of the '{word}' line above, not on a "
                            "line of its own", start=col, end=col + 1,
                      severity=None if first == k - 1 else WARNING,
                      context=(side[first], line))
        return
    tail = text.rstrip().rstrip("\\").rstrip()
    if not tail.endswith((")", "else", "do")):
        return
    side, k = side_of(line)
    if k + 1 >= len(side):
        return
    below = side[k + 1]
    if below.kind != " " or not _lone_brace(below):
        return
    head = compound_head(side, k)
    if head is None:
        return
    word, first = head
    yield finding(line, f"the '{{' of this '{word}' is on the line below: put it at the end "
                        "of this line", start=len(text) - len(stripped), end=len(tail),
                  severity=None if first == k else WARNING, context=(side[first], below))
