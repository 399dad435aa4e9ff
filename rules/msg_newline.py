"""A diagnostic message that ends in ``\\n``.

## What it flags
The message of a diagnostic call (``virReportError()``, ``virReportSystemError()``,
``VIR_ERROR()`` and the rest of libvirt's list) whose last string literal ends with ``\\n``,
marked for translation or not; with a bare ``"%s"`` format, the message it prints
(``"%s", _("...\\n")``).  The call may spread over several lines; the literal must be on an
added line.

## Why
The error and logging layers end every message themselves; a message carrying its own newline
prints an empty line after it in logs and in ``virsh``, and adds a needless variant to the
translation catalogue.

## Example
```c path=src/qemu/qemu_driver.c
    virReportError(VIR_ERR_OPERATION_FAILED,
                   _("cannot apply throttle group '%1$s'\\n"), group);
```
```findings
2:57: diagnostic-no-newline: the message of virReportError() ends in a newline;
  the error layer adds its own
```

A message printed through a bare ``"%s"`` is the message too:

```c path=src/util/virthrottle.c
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("cannot read the group\\n"));
```
```findings
1:74: diagnostic-no-newline: the message of virReportError() ends in a newline;
  the error layer adds its own
```

## Use instead
```c path=src/qemu/qemu_driver.c
    virReportError(VIR_ERR_OPERATION_FAILED,
                   _("cannot apply throttle group '%1$s'"), group);
```

## Origin
libvirt's ``sc_prohibit_newline_at_end_of_diagnostic`` ("newline at end of message(s)").
"""

from patchlint.api import C_FILES, ERROR, diagnostic_calls, finding, rule


@rule("diagnostic-no-newline", severity=ERROR, files=C_FILES,
      syntax_check="sc_prohibit_newline_at_end_of_diagnostic", family="messages")
def check(file):
    for call in diagnostic_calls(file):
        msg = call.message()
        if not msg:
            continue
        last = msg[-1]
        if last.line.kind != "+" or not last.text.endswith("\\n") \
                or last.text.endswith("\\\\n"):
            continue
        yield finding(last.line, f"the message of {call.name}() ends in a newline; the error "
                                 "layer adds its own",
                      start=last.end - 3, end=last.end - 1,
                      suggestion="drop the \\n at the end of the message")
