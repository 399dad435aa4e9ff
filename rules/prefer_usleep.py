"""``nanosleep()`` in added code, where libvirt sleeps with ``g_usleep()`` (``usleep()`` with
profile ``gnulib``).

## What it flags
A call to ``nanosleep()`` in the code an added line holds (not in comments or strings).

## Why
Sleeping a fixed short time is all libvirt ever needs, and ``usleep()`` says that in one call:
no ``struct timespec`` to fill, no remainder to handle, no ``EINTR`` loop to get wrong.  Since
libvirt moved to GLib its code uses ``g_usleep()``, which is what the default ``glib`` profile
asks for; the ``gnulib`` profile (the 2012 tree) asks for ``usleep()``.

## Example
```c path=src/qemu/qemu_monitor.c
        struct timespec ts = { .tv_sec = 0, .tv_nsec = 100 * 1000 * 1000ull };
        nanosleep(&ts, NULL);
```
```findings
2:9: prefer-usleep: use g_usleep() rather than nanosleep() for a plain sleep
```

## Use instead
```c path=src/qemu/qemu_monitor.c
        g_usleep(100 * 1000);
```

## Options
``function``: the sleep function to suggest.  Its default follows the profile: ``g_usleep``
with ``glib`` (today's libvirt), ``usleep`` with ``gnulib`` (the 2012 tree).

## Origin
A review habit: "usleep() instead of nanosleep() might be an easier interface to use for the
length of time you are sleeping"; libvirt.git had a single other ``nanosleep()`` at the time.
"""

from patchlint.api import C_FILES, WARNING, finding, lazy_re, rule

_CALL = lazy_re(r"(?<![\w.>])nanosleep\s*\(")
_DECL_TAIL = lazy_re(r"(?<!\w)(?:int|extern|static)$")


@rule("prefer-usleep", severity=WARNING, files=C_FILES, needs=("nanosleep",),
      options={"function": "usleep"}, profile_options={"glib": {"function": "g_usleep"}})
def check(line, options):
    if "nanosleep" not in line.text:
        return
    code = line.code
    if "nanosleep" not in code:
        return
    fn = options["function"]
    for m in _CALL.finditer(code):
        if m.start() == 0:
            continue        # column 0: a definition ("int\nnanosleep(...)"), not a call
        # what precedes the name, blanks skipped: read back only that far (copying and
        # searching the whole line before each of many calls on a line is quadratic)
        j = m.start()
        while j and code[j - 1].isspace():
            j -= 1
        if _DECL_TAIL.search(code, max(0, j - 7), j) or code[j - 1:j] == "*":
            continue        # a declaration (a test mock, a wrapper), not a call
        yield finding(line, f"use {fn}() rather than nanosleep() for a plain sleep",
                      start=m.start(), end=m.start() + len("nanosleep"),
                      suggestion=f"{fn}(<microseconds>) needs no struct timespec")
