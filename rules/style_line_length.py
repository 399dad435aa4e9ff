"""A line of C longer than 100 characters.

## What it flags
An added line of a C source or header longer than 100 characters (counted as characters, not
bytes: a UTF-8 name in a comment counts once per letter).  Two kinds of long lines are left
alone: one holding a URL, which cannot be cut, and one that would fit without the longest string
literal on it, since libvirt wants a message kept whole on one line however long it gets (the
same style that sets the limit says so).  The generated VirtualBox SDK headers
(``src/vbox/vbox_CAPI_v*.h``) are not read.  Only libvirt's own sources are (its drivers and
utilities, the public headers, tools and tests): the limit is libvirt's, and the projects
built on it have their own habits (libvirt-glib's GObject names make 915 of its lines longer
than 100 characters, its type macros among them, which its ``HACKING`` allows).

## Why
libvirt's coding style: "The maximum permitted line length is 100 characters", and lines
should aim at about 80.  Long lines wrap in a terminal, in a mail reader quoting the patch, in a
side-by-side diff; and a call too long for one line usually reads better with its arguments
one under the other.

## Example
```c path=src/util/virthrottle.c
    if (virThrottleGroupApplyLimits(driver, vm, group->name, group->iops, group->bytes, iothread) < 0)
        return -1;
```
```findings
1:101: line-too-long: line of 102 characters: libvirt's limit is 100 (aim at 80)
```

## Use instead
```c path=src/util/virthrottle.c
    if (virThrottleGroupApplyLimits(driver, vm, group->name,
                                    group->iops, group->bytes, iothread) < 0)
        return -1;

    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                   _("throttle group '%1$s' cannot be applied to a disk that has no backing storage"),
                   group->name);
```

## Measured
On libvirt v10.7.0's C files read as new files (without the generated headers): 693 lines
(many of them comments after enum values in the public headers, and tables in tests); 7 in
the changes v10.4.0 to v10.7.0 and 79 in v9.8.0 to v10.4.0 (most where a renamed function
made calls longer).  libvirt's own new code goes past 100 columns now and then, so a long line
is a note.

## Profiles
Profile ``glib`` only: the 100-column limit is today's; the style still had ``indent`` wrap at 75
columns when libvirt adopted GLib (2020), and the 2012 tree had no such rule.

## Origin
libvirt's coding style, section "Code formatting (especially for new code)"
(``docs/coding-style.rst``); no syntax-check rule checks it.
"""

# The documentation shows the very lines longer than 100 columns that the rule is about.
# ruff: noqa: E501

from patchlint.api import LIBVIRT_CODE, NOTE, finding, rule

LIMIT = 100
GENERATED = ("src/vbox/vbox_CAPI_v*.h",)


@rule("line-too-long", severity=NOTE, files=LIBVIRT_CODE, exclude=GENERATED,
      family="style", profiles=("glib",),
      coding_style="Code formatting (especially for new code)")
def check(line):
    text = line.text
    if len(text) <= LIMIT:
        return
    width = len(text.rstrip())
    if width <= LIMIT or "://" in text:
        return
    longest = max((e - s for s, e, kind in line.spans if kind == "string"), default=0)
    if width - longest <= LIMIT:
        return                          # the string is what makes it long: keep it whole
    yield finding(line, f"line of {width} characters: libvirt's limit is {LIMIT} (aim at 80)",
                  start=LIMIT, end=width)
