"""A diagnostic message that ends with a period.

## What it flags
The message of a diagnostic call (``virReportError()``, ``virReportSystemError()``,
``VIR_ERROR()`` and the rest of libvirt's list) whose last string literal ends with a single
``.`` (an ellipsis ``...`` is fine).  The literal must be on an added line.  A message of
several sentences (``"... is in use. Stop it first."``) keeps its final period: there the
periods belong to the text.

## Why
libvirt's messages are phrases, not sentences: the error layer prefixes them (``error: ...``)
and may append the system error (``: Permission denied``) after them, where a period in the
middle reads wrong.  Reviewers ask for the period to go, as gnulib's syntax-check does for
``error()``.

## Example
```c path=src/qemu/qemu_driver.c
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                   _("throttle groups are not supported by this QEMU."));
```
```findings
2:69: diagnostic-no-period: the message of virReportError() ends with a period
```

## Use instead
```c path=src/qemu/qemu_driver.c
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                   _("throttle groups are not supported by this QEMU"));
```

A message of several sentences ends like a sentence:

```c path=src/storage/storage_driver.c
    virReportError(VIR_ERR_OPERATION_INVALID,
                   _("storage pool '%1$s' is in use. Stop its volumes first."), name);
```

## Origin
A review habit, and gnulib's ``sc_error_message_period`` ("found error message ending in
period"), which libvirt's syntax-check runs for ``error()`` only.
"""

from patchlint.api import C_FILES, WARNING, diagnostic_calls, finding, lazy_re, rule

# a sentence ends inside the message: it is prose of several sentences
_SENTENCES = lazy_re(r"\w['\")]?\.\s+[A-Z]")


@rule("diagnostic-no-period", severity=WARNING, files=C_FILES, family="messages")
def check(file):
    for call in diagnostic_calls(file):
        msg = call.message()
        if not msg:
            continue
        last = msg[-1]
        text = last.text.rstrip()
        if last.line.kind != "+" or not text.endswith(".") or text.endswith("..") \
                or len(text) < 2 or not (text[-2].isalnum() or text[-2] in ")'\""):
            continue
        if _SENTENCES.search("".join(lit.text for lit in msg)):
            continue
        yield finding(last.line, f"the message of {call.name}() ends with a period",
                      start=last.end - 2, end=last.end - 1,
                      suggestion="drop the final period: libvirt's messages are phrases")
