"""A TAB in the indentation of an added line.

## What it flags
An added line of a C source or header (and of the other files libvirt's syntax-check holds to
the same rule: RNG schemas, Augeas lenses, ``.syms`` lists) whose leading whitespace holds a
TAB.  Scripts in other languages are left to their own linters.
TABs after the indentation (inside a line) are left alone.

## Why
libvirt indents with four spaces.  A TAB shows as 8 columns in one editor and 4 in another, so
code that looks aligned to its author is ragged to everyone else, and a mix of TABs and spaces
makes every later diff of the line noisy.

## Example
```c path=src/util/virfile.c
	if (fd < 0)
	    return -1;
```
```findings
1:1: tab-indent: indent with spaces, not TABs
    fix: "\\t" -> "        "
2:1: tab-indent: indent with spaces, not TABs
    fix: "\\t    " -> "            "
```

## Use instead
```c path=src/util/virfile.c
    if (fd < 0)
        return -1;
```

## Fix
The TABs of the indentation are expanded to spaces (tab stops every 8 columns, as git shows
them), which keeps the line where it appeared to be.

## Origin
libvirt's ``sc_TAB_in_indentation``; the coding style asks for spaces, four per level.
"""

from patchlint.api import C_FILES, ERROR, finding, rule

FILES = C_FILES + ("*.aug", "*.aug.in", "*.rng", "*.syms")


@rule("tab-indent", severity=ERROR, files=FILES, syntax_check="sc_TAB_in_indentation",
      fixable=True, needs=("\t",))
def check(line):
    text = line.text
    if "\t" not in text:
        return
    lead = len(text) - len(text.lstrip(" \t"))
    if "\t" not in text[:lead] or lead == len(text):
        return
    yield finding(line, "indent with spaces, not TABs", start=0, end=lead,
                  replacement=text[:lead].expandtabs(8))
