"""A script that names its Python by a fixed path in its ``#!`` line, not through ``env``.

## What it flags
The first line of a file the patch adds (or an added first line) that starts ``#!`` and names
a Python interpreter by its path, such as ``#!/usr/bin/python3`` or ``#!/usr/local/bin/python``,
in any kind of file: libvirt's scripts are Python without a ``.py`` suffix as often as with one.
A ``#!`` that already goes through ``env`` is fine, and so is a mention of such a path on any
other line.

## Why
Where Python lives differs from one system to the next (``/usr/bin``, ``/usr/local/bin``, a
virtual environment, a BSD's ``/usr/local``), and a fixed path runs whichever interpreter
happens to be there, or none.  ``/usr/bin/env python3`` finds the one on the ``PATH``, the one
the build itself was configured with.

## Example
```diff path=scripts/check-example.py start=1
+#!/usr/bin/python3
+
+import sys
```
```findings
1:1: python-env-shebang: run Python through env: `#!/usr/bin/env python3`, not a fixed path
    fix: "#!/usr/bin/python3" -> "#!/usr/bin/env python3"
```

## Use instead
```diff path=scripts/check-example.py start=1
+#!/usr/bin/env python3
+
+import sys
```

## Fix
The interpreter's path is replaced by ``/usr/bin/env`` and the interpreter's name, with its
arguments kept (``#!/usr/bin/python3 -u`` becomes ``#!/usr/bin/env python3 -u``).

## Origin
libvirt's ``sc_prohibit_python_without_env``.
"""

from patchlint.api import ERROR, finding, lazy_re, rule

_SHEBANG = lazy_re(r"^#!\s*(/\S*/(python[\d.]*))(?=\s|$)")


@rule("python-env-shebang", severity=ERROR, syntax_check="sc_prohibit_python_without_env",
      fixable=True, needs=("#!",))
def check(line):
    if line.new_no != 1 or not line.text.startswith("#!"):
        return
    m = _SHEBANG.match(line.text)
    if m is None or m.group(1).endswith("/env"):
        return
    want = f"#!/usr/bin/env {m.group(2)}"
    yield finding(line, f"run Python through env: `{want}`, not a fixed path",
                  start=0, end=m.end(1), replacement=want)
