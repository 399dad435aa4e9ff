"""An added line ends in spaces or tabs.

## What it flags
Any added line, in any text file, whose last characters are blanks (spaces or TABs).  A line
ending in a carriage return (a file with DOS line ends) is judged by what comes before it.
Test data captured verbatim from real systems (libvirt's ``tests/sysinfodata/*.data`` and
``tests/virhostcpudata/*.cpuinfo``), the expected output of virsh that its tests compare byte
for byte (``tests/virshtestdata/``, where virsh's own tables end lines in blanks), and patch
files kept in a tree are left alone, as libvirt's check leaves them.

## Why
Trailing blanks are invisible in an editor and noisy in every later diff: the next person to
touch the line changes it twice.  They are the first thing a reviewer spots in a mail client
that highlights them, and libvirt's ``make syntax-check`` fails on them.

## Example
```c path=src/qemu/qemu_monitor.c
    if (ret < 0)    
        return -1;
```
```findings
1:17: trailing-whitespace: trailing whitespace
    fix: "    " -> ""
```

## Use instead
```c path=src/qemu/qemu_monitor.c
    if (ret < 0)
        return -1;
```

```text path=tests/virshtestdata/domain-id.out
Security model: testSecurity
Security DOI:   
```

## Fix
The blanks are removed.

## Origin
gnulib's ``sc_trailing_blank``, part of libvirt's syntax-check since its first days; reviewers
still point it out first ("Your patch adds trailing whitespace").
"""

from patchlint.api import ERROR, finding, rule

# test data that must stay byte for byte what a real system (or virsh, for its tests) printed:
# libvirt's exemptions (v10.7.0's list; tests/virshtestdata/ holds what virshtest expects virsh
# to print, blanks and all)
VERBATIM = ("tests/sysinfodata/*.data", "tests/virhostcpudata/*.cpuinfo", "tests/virshtestdata/*",
            "*.patch", "*.diff")


@rule("trailing-whitespace", severity=ERROR, syntax_check="sc_trailing_blank", fixable=True,
      exclude=VERBATIM)
def check(line):
    text = line.text
    if text and text[-1] in " \t":
        stripped = text.rstrip(" \t")
        yield finding(line, "trailing whitespace", start=len(stripped), end=len(text),
                      replacement="")
