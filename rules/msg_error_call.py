"""A message given to gnulib's ``error()`` (or another ``...error()`` function) that ends with
a period, starts with "Warning" or "Fatal", or is not marked for translation.

## What it flags
A call of a function whose name ends in a lower-case ``error`` (``error()``, ``g_error()``,
``g_set_error()``, but not ``perror()`` or ``strerror()``), and a string literal on an added
line of the call's first three lines that:

- ends with a single period (``"cannot open the file."``; an ellipsis is fine);
- starts with ``Warning``, ``Fatal`` or ``fatal``;
- for ``error()`` itself, holds a word and is not marked for translation with ``_()`` (or
  ``ngettext()``).

Only C sources are read, and only code: a comment that mentions ``error (...)`` is not a call.
libvirt's own diagnostics (``virReportError()`` and its kin) are the messages rules'.

## Why
``error()`` prints the program's name before the message and the system's error text after
it: ``virt-probe: cannot open the file.: Permission denied`` reads wrong with a period, and a
message saying "Warning" or "Fatal" repeats what the call's status already says.  A message
nobody marked is never translated.

## Example
```c path=tools/virt-probe.c
    error(EXIT_FAILURE, errno, _("cannot open the file."));
```
```findings
1:55: error-call-message: the message ends with a period
```

```c path=tools/virt-probe.c
    error(0, 0, _("Warning: no probe found"));
    error(0, 0, "no probe found");
```
```findings
1:20: error-call-message: the message starts with "Warning": the call's status
  says how bad it is
2:17: error-call-message: the message is not marked for translation: wrap it in
  _()
```

## Use instead
```c path=tools/virt-probe.c
    error(EXIT_FAILURE, errno, _("cannot open the file"));
    error(0, 0, _("no probe found"));
```

## Origin
gnulib's ``sc_error_message_period``, ``sc_error_message_warn_fatal`` and
``sc_unmarked_diagnostics``, which libvirt's syntax-check runs over every file; this rule reads
C code only.
"""

from patchlint.api import C_FILES, ERROR, finding, lazy_re, rule

_CALL = lazy_re(r"(?<![\w])(\w*error)\s*\(")
_PERIOD = lazy_re(r'(?<=[^."])\."')
_WARN = lazy_re(r'"(?:Warning|Fatal|fatal)')
_UNMARKED = lazy_re(r'"[^"]*[a-z]{3}')
_MARKED = lazy_re(r"\b(?:_|ngettext ?)\(")


def _calls(hunk):
    """(index in the new side, the called name) of each ``...error(`` call in the code."""
    for k, ln in enumerate(hunk.new_side()):
        if "error" not in ln.text:
            continue
        for m in _CALL.finditer(ln.code):
            name = m.group(1)
            if name.endswith(("rerror", "perror")):
                continue
            yield k, name, m


def _literal_ends(ln, regex, closing):
    """Matches of ``regex`` on ``ln.text`` at a closing (or opening) quote of the code."""
    for m in regex.finditer(ln.text):
        quote = m.end() - 1 if closing else m.start()
        if ln.code[quote:quote + 1] == '"' and ln.code[quote - 1:quote] != "\\":
            yield m


@rule("error-call-message", severity=ERROR, files=C_FILES,
      syntax_check=("sc_error_message_period", "sc_error_message_warn_fatal",
                    "sc_unmarked_diagnostics"),
      family="messages")
def check(file):
    seen = set()
    for hunk in file.hunks:
        side = hunk.new_side()
        for k, name, m in _calls(hunk):
            first = side[k]
            if name == "error" and first.kind == "+" and not _MARKED.search(first.text):
                after = first.code[m.end():]
                bare = _UNMARKED.search(first.text, m.end())
                if bare and first.code[bare.start()] == '"' and '"' in after:
                    yield finding(first, "the message is not marked for translation: wrap "
                                         "it in _()", start=bare.start(),
                                  end=bare.start() + 1, syntax_check="sc_unmarked_diagnostics")
            for ln in side[k:k + 3]:
                if ln.kind != "+":
                    continue
                for hit in _literal_ends(ln, _PERIOD, closing=True):
                    key = (id(ln), hit.start(), "period")
                    if key not in seen:
                        seen.add(key)
                        yield finding(ln, "the message ends with a period", start=hit.start(),
                                      end=hit.start() + 1,
                                      syntax_check="sc_error_message_period")
                for hit in _literal_ends(ln, _WARN, closing=False):
                    key = (id(ln), hit.start(), "warn")
                    if key not in seen:
                        seen.add(key)
                        word = hit.group(0)[1:]
                        yield finding(ln, f'the message starts with "{word}": the call\'s '
                                          "status says how bad it is", start=hit.start() + 1,
                                      end=hit.end(), syntax_check="sc_error_message_warn_fatal")
