"""A ``goto`` label named for an error or exit path, but not with libvirt's standard name.

## What it flags
An added label whose name says it is an error path (``err``, ``fail``, ``failed``,
``failure``, ``bail``, ``errout``, ``error_out``...) or the common way out (``out``,
``exit``), where libvirt's standard labels are ``error:`` and ``cleanup:``.  Other names
(``endjob``, ``exit_monitor``, ``rollback``, ``done``...) may say something the standard ones
do not, and are left alone.

## Why
libvirt's coding style lists the labels to use when they make sense: ``error:`` for a path
taken only when returning an error, ``cleanup:`` for the path every return takes, ``retry:``
for jumping back up.  The same name for the same role in every function lets a reader know what
a ``goto`` does without scrolling to its label.

## Example
```c path=src/util/virthrottle.c
 out:
    virThrottleGroupUnlock(group);
    return ret;
```
```findings
1:2: label-name: 'out' is not one of libvirt's standard labels: a path every
  return takes is called 'cleanup'
```

## Use instead
```c path=src/util/virthrottle.c
 cleanup:
    virThrottleGroupUnlock(group);
    return ret;

 endjob:
    virDomainObjEndJob(vm);
```

## Measured
On libvirt v10.7.0's C files read as new files: 48 labels (``out`` 23, ``failure`` 15,
``fail`` 7, ``failed`` 2, ``err`` 1) beside about 2900 ``cleanup:`` and ``error:``; one
(``out``) among the 51 labels added in the changes v9.8.0 to v10.4.0 and v10.4.0 to v10.7.0;
one (``exit``) in libvirt-glib's history, whose ``HACKING`` asks for the same names.  The
style says to use the standard names "if it makes sense": a note.

## Origin
libvirt's coding style, section "Use of goto" (``docs/coding-style.rst``); no syntax-check
rule checks it.
"""

from patchlint.api import C_FILES, NOTE, finding, lazy_re, rule

_ERROR = ("err", "fail", "failed", "failure", "bail", "bailout", "errout", "error_out",
          "err_out", "out_err", "out_error", "on_error")
_EXIT = ("out", "exit")
_LABEL = lazy_re(r"^(\s*)([A-Za-z_]\w*):\s*$")


@rule("label-name", severity=NOTE, files=C_FILES, family="style",
      coding_style="Use of goto", needs=(":",))
def check(line):
    m = _LABEL.match(line.code)
    if not m:
        return
    name = m.group(2)
    if name in _ERROR:
        advice = "a path taken only on error is called 'error'"
    elif name in _EXIT:
        advice = "a path every return takes is called 'cleanup'"
    else:
        return
    yield finding(line, f"'{name}' is not one of libvirt's standard labels: {advice}",
                  start=m.start(2), end=m.end(2))
