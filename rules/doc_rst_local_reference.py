"""A reStructuredText link to an anchor of its own page, written as a link to a URL.

## What it flags
An added line of a ``.rst`` file holding a hyperlink target that starts with ``#`` between its
angle brackets: an anchor of the page itself, linked as if it were another page.  libvirt
looks for the two characters of that opening anywhere in the file, and so does patchlint.

## Why
The generated page's anchors come from the section titles, and neither Sphinx nor docutils
checks a link written as a URL: renaming the section breaks the link silently.  A local
reference (a section's title followed by ``_``) is resolved when the documentation is built,
and the build fails when its target is gone.

## Example
```c path=docs/kbase/throttle.rst
Limits shared by several disks are described in
`throttle groups <#throttle-groups>`__.
```
```findings
2:18: rst-local-reference: refer to a section of the same page with a local reference, not
  a link to its anchor
```

## Use instead
```c path=docs/kbase/throttle.rst
Limits shared by several disks are described in
`Throttle groups`_.
```

## Origin
libvirt's ``sc_avoid_remote_reference_to_local_file`` ("use local reference within a file").
"""

from patchlint.api import ERROR, finding, rule


@rule("rst-local-reference", severity=ERROR, files=("*.rst",), needs=("<#",),
      syntax_check="sc_avoid_remote_reference_to_local_file", family="comments")
def check(line):
    at = line.text.find("<#")
    while at >= 0:
        yield finding(line, "refer to a section of the same page with a local reference, not "
                      "a link to its anchor", start=at, end=at + 2,
                      suggestion="write the section's title as a reference: `Throttle "
                                 "groups`_")
        at = line.text.find("<#", at + 2)
