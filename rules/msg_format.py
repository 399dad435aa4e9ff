"""A diagnostic whose format string has no conversion: write ``"%s", _("...")``.

## What it flags
A call of ``virReportError()``, ``virReportSystemError()`` or another of libvirt's
printf-like diagnostic functions whose format argument is a string literal without any ``%``
conversion, e.g. ``virReportError(code, _("no such group"))``.  ``VIR_ERROR()`` and
``vah_error()``/``vah_warning()`` are left alone, as libvirt's check does, and so is a format
built with a macro piece (``_("bad address " VIR_PCI_DEVICE_ADDRESS_FMT)``), whose conversions
are not in sight.  The format must be on an added line.

## Why
A format that is a translated string is a format the translator writes: a ``%`` slipped into a
translation (or a message that later grows one) is read as a conversion with no argument
behind it.  Printing the translated text through a constant ``"%s"`` keeps the format out of
the translators' hands, and it is what compilers' ``-Wformat-security`` asks for.

## Example
```c path=src/qemu/qemu_driver.c
    virReportError(VIR_ERR_OPERATION_INVALID,
                   _("throttle groups need a running domain"));
```
```findings
2:22: diagnostic-format: virReportError() is given a message with no format:
  pass it through "%s"
```

## Use instead
```c path=src/qemu/qemu_driver.c
    virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                   _("throttle groups need a running domain"));
```

## Origin
libvirt's ``sc_prohibit_diagnostic_without_format`` ("found diagnostic without %").
"""

from patchlint.api import C_FILES, ERROR, diagnostic_calls, finding, rule

# The printf-like ones, today's (some 2012 names took a plain string: virConfError).
PRINTF_LIKE = ("virReportError", "virReportSystemError", "virReportErrorHelper",
               "virRaiseError", "virGenericReportError", "virLastErrorPrefixMessage",
               "lxcError", "vboxReportError", "qemuReportError")


@rule("diagnostic-format", severity=ERROR, files=C_FILES,
      syntax_check="sc_prohibit_diagnostic_without_format", family="messages")
def check(file):
    for call in diagnostic_calls(file):
        if call.name not in PRINTF_LIKE:
            continue
        k = call.format_arg()
        fmt = call.format_literals()
        if not fmt or any("%" in lit.text for lit in fmt) or not call.plain(k):
            continue        # a conversion, or a macro piece (..." VIR_PCI_FMT) that may hold one
        first = fmt[0]
        if not any(lit.line.kind == "+" for lit in fmt):
            continue
        at = first if first.line.kind == "+" else next(lit for lit in fmt
                                                        if lit.line.kind == "+")
        yield finding(at.line, f"{call.name}() is given a message with no format: pass it "
                               "through \"%s\"",
                      start=at.start, end=at.end,
                      suggestion=f"{call.name}(..., \"%s\", _(\"...\"))")
