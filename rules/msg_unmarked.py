"""A diagnostic whose message is not marked for translation with ``_()``.

## What it flags
A call of one of libvirt's diagnostic functions (``virReportError()``,
``virReportSystemError()``, ``VIR_ERROR()``, ``virReportErrorHelper()``, ``virRaiseError()``,
the 2012 per-driver ``qemuReportError()``-style macros and the rest of libvirt's list) whose
message is a bare string literal with words in it: the format argument itself, or the
argument a bare ``"%s"`` format prints.  The call may spread over several lines; only the
literals on added lines are reported.  Literals passed to another function inside the call,
and literals holding no word of three letters (``"%s: %s"``) are left alone, as are the tests
(libvirt exempts ``tests/``).

## Why
A diagnostic is what the user reads: libvirt ships it translated, and ``_()`` is what puts a
string into the catalogue translators work from.  An unmarked message stays English for
everyone.

## Example
```c path=src/qemu/qemu_driver.c
    virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                   "throttle groups need a running domain");
```
```findings
2:20: translate-diagnostic: the message of virReportError() is not marked for
  translation: wrap it in _()
```

## Use instead
```c path=src/qemu/qemu_driver.c
    virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                   _("throttle groups need a running domain"));
```

## Origin
libvirt's ``sc_libvirt_unmarked_diagnostics`` ("found unmarked diagnostic(s)").
"""

import re

from patchlint.api import C_FILES, ERROR, diagnostic_calls, finding, lazy_re, rule

_CONVERSION = lazy_re(r"%[-+#0' ]*(?:\d+\$)?(?:\d+|\*)?(?:\.(?:\d+|\*)?)?"
                      r"(?:hh|h|ll|l|L|q|j|z|t)?[a-zA-Z%]")


def words(text):
    """Does a message text hold a word (three lowercase letters) once conversions are gone?"""
    return re.search(r"[a-z]{3}", _CONVERSION.sub(" ", text)) is not None


@rule("translate-diagnostic", severity=ERROR, files=C_FILES, exclude=("tests/*",),
      syntax_check="sc_libvirt_unmarked_diagnostics", family="messages")
def check(file):
    for call in diagnostic_calls(file):
        for lit in call.message():
            if lit.bare and lit.line.kind == "+" and words(lit.text):
                yield finding(lit.line, f"the message of {call.name}() is not marked for "
                                        "translation: wrap it in _()",
                              start=lit.start, end=lit.end,
                              suggestion=f"_({lit.line.text[lit.start:lit.end]})")
