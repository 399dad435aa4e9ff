"""A ``:since:`` role of the reStructuredText docs with a blank before the punctuation after
it, or left open up to the next one.

## What it flags
In an added line of any file (libvirt writes these roles in its ``.rst`` documentation):

* a ``:since:`` role whose closing backtick is followed by a blank and then a full stop,
  comma or semicolon;
* two ``:since:`` roles where the first has no closing backtick before the second begins and
  the second holds its sentence's punctuation.

libvirt's target spells out two more shapes, a role left open at the end of its line and
punctuation inside the role, but make expands the ``$|`` of its expression to nothing, so its
syntax-check has never asked for them; and a role may go on on the next line
(``docs/formatnetwork.rst`` has one).  The files syntax-check never reads (translations,
icons, PNG images) are left alone.

## Why
The role renders as a phrase of the sentence it ends ("Since 10.8.0"): a blank before the
punctuation that follows shows as a stray gap in the generated page, and a role left open
swallows the text up to the next backtick, so the page shows the second role's markup as text.

## Example
```c path=docs/formatdomain.rst
The group of the disk :since:`Since 10.8.0` .
```
```findings
1:23: rst-since: no blank between a :since: role and the punctuation after it
    fix: ":since:`Since 10.8.0` ." -> ":since:`Since 10.8.0`."
```

```c path=docs/formatdomain.rst
Throttle groups :since:`Since 9.0.0 (QEMU), :since:`10.8.0 (Xen).`
```
```findings
1:17: rst-since: a :since: role is not closed before the next one starts
```

## Use instead
```c path=docs/formatdomain.rst
The group of the disk :since:`Since 10.8.0`.
Throttle groups :since:`Since 9.0.0 (QEMU)`, :since:`Since 10.8.0 (Xen)`.
```

## Fix
The blank between the role and its punctuation is removed.  A role left open needs a person
to say where it ends.

## Origin
libvirt's ``sc_rst_since`` ("format :since: correctly").
"""

from patchlint.api import ERROR, finding, lazy_re, match_path, rule

_BLANK = lazy_re(r"(:since:`[^`]+`) ([.,;])")
_UNCLOSED = lazy_re(r":since:`[^`]+:since:`[^`]+[.,;]`")

# the files libvirt's syntax-check never reads
_NOT_CHECKED = ("*.po", "*.ico", "*.png")


@rule("rst-since", severity=ERROR, syntax_check="sc_rst_since", fixable=True,
      needs=(":since:",), family="layout")
def check(line):
    if match_path(line.hunk.file.path, _NOT_CHECKED):
        return
    text = line.text
    for m in _UNCLOSED.finditer(text):
        yield finding(line, "a :since: role is not closed before the next one starts",
                      start=m.start(), end=m.end(),
                      suggestion="close each role with a backtick: :since:`Since 10.8.0`, "
                                 "and put the punctuation after it")
    for m in _BLANK.finditer(text):
        yield finding(line, "no blank between a :since: role and the punctuation after it",
                      start=m.start(), end=m.end(), replacement=m.group(1) + m.group(2))
