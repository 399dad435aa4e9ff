"""An error message put together from pieces: translated words or sentence fragments passed as
the arguments of its conversions.

## What it flags
In a diagnostic call (``virReportError()`` and its kin) whose format is on an added line:

- a translated string passed for a conversion of the message, when the argument is nothing but
  translated strings (``_("...%1$s..."), _("enabled")``, or ``cond ? _("on") : _("off")``): the
  message is assembled from translated parts;
- an untranslated string that starts or ends with a blank, passed for a conversion of a
  translated message (``details ? " - " : ""``): a piece of a sentence glued in at run time;
- a format that is not translated but has conversions besides a lone ``"%s"``, filled with a
  translated string (``"%s: %s", _("cannot open"), path``).

A translated fallback for a value that may be missing (``err ? err : _("unknown error")``) is
left alone: it stands for one value, not for words of the sentence.  So is an untranslated
name (``"virtio"``, ``"tmpfs"``): telling a name from an English word would be guessing.

## Why
libvirt's coding style: an error message must not be concatenated from parts.  A translator
sees each ``_()`` alone, so the pieces cannot be made to agree (gender, case, word order) with
the sentence they end up in, and the complete message exists nowhere in the source, so nobody
can find it from what a user reports.  Write each variant as a whole message instead.

## Example
```c path=src/util/virthrottle.c
    virReportError(VIR_ERR_OPERATION_FAILED, _("could not %1$s throttling of '%2$s'"),
                   enable ? _("enable") : _("disable"), disk);
```
```findings
2:31: message-from-parts: a translated piece is printed into this translated
  message: write the whole message for each case instead
```

```c path=src/util/virthrottle.c
    virReportError(VIR_ERR_OPERATION_FAILED, _("throttling failed: %1$s%2$s%3$s"),
                   name, detail ? " - " : "", NULLSTR_EMPTY(detail));
```
```findings
2:35: message-from-parts: a fragment of a sentence is printed into this
  translated message: write the whole message for each case instead
```

## Use instead
```c path=src/util/virthrottle.c
    if (enable)
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("could not enable throttling of '%1$s'"), disk);
    else
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("could not disable throttling of '%1$s'"), disk);

    virReportError(VIR_ERR_INTERNAL_ERROR, _("cannot read '%1$s': %2$s"),
                   path, err ? err : _("unknown error"));
```

## Measured
On libvirt v10.7.0's C files read as new files: 29 calls, all old code of the two kinds above
(the ``" - "`` glue of ``src/interface/interface_backend_netcf.c``, ``_("Enabled")`` /
``_("Disabled")`` in ``src/vbox/vbox_common.c``, ``_("specified")`` / ``_("not specified")``);
none in the changes v9.8.0 to v10.4.0 and v10.4.0 to v10.7.0.  A warning, as the tree still
has a few.

## Origin
libvirt's coding style, section "Error message format" (``docs/coding-style.rst``); no
syntax-check rule checks it.
"""

from patchlint.api import C_FILES, WARNING, diagnostic_calls, finding, lazy_re, rule

_CONV = lazy_re(r"%(?:(\d+)\$)?[-+#0' ]*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?"
                r"([diouxXeEfFgGaAcsSpm%])")

_TRANSLATED = ("_", "N_")
_PIECE = "a translated piece is printed into this translated message"
_FRAGMENT = "a fragment of a sentence is printed into this translated message"
_INTO_PLAIN = "a translated message is printed into an untranslated format"


def _conversion_args(fmt_text, k):
    """The argument indexes the conversions of ``fmt_text`` print (format at argument k)."""
    out = set()
    n = 0
    for m in _CONV.finditer(fmt_text):
        if m.group(2) in "%m":
            continue
        n += 1
        out.add(k + (int(m.group(1)) if m.group(1) else n))
    return out


def _judge(call):
    """``(literal, what)`` of the piece that makes the message assembled, or None."""
    k = call.format_arg()
    if k is None:
        return None
    fmt = call.format_literals()
    if not fmt:
        return None
    translated = all(lit.wrap in _TRANSLATED for lit in fmt)
    text = "".join(lit.text for lit in fmt)
    by_arg = {}
    for lit in call.literals:
        if lit.arg > k:
            by_arg.setdefault(lit.arg, []).append(lit)
    for arg in sorted(_conversion_args(text, k)):
        lits = by_arg.get(arg, [])
        marked = [lit for lit in lits if lit.wrap in _TRANSLATED]
        if not translated:
            if marked and text != "%s" and call.plain(k):
                return marked[0], _INTO_PLAIN
            continue
        if marked and (len(marked) >= 2 or not call.idents.get(arg)):
            return marked[0], _PIECE
        glue = [lit for lit in lits if lit.wrap is None and lit.text
                and (lit.text[0] == " " or lit.text[-1] == " ")]
        if glue:
            return glue[0], _FRAGMENT
    return None


@rule("message-from-parts", severity=WARNING, files=C_FILES, family="style",
      coding_style="Error message format")
def check(file):
    for call in diagnostic_calls(file):
        fmt = call.format_literals()
        if not fmt or not any(lit.line.kind == "+" for lit in fmt):
            continue
        got = _judge(call)
        if got is None:
            continue
        lit, what = got
        at = lit if lit.line.kind == "+" else fmt[0]
        yield finding(at.line, f"{what}: write the whole message for each case instead",
                      start=at.start, end=at.end)
