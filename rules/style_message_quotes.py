"""A string put into an error message without quotes or another separator around it.

## What it flags
A ``%s`` conversion (``%1$s``...) of a translated message in a diagnostic call
(``virReportError()`` and its kin) that nothing sets apart from the words around it: blanks on
both sides, as in ``_("cannot open %1$s for writing")``.  A conversion counts as set apart
when a quote or a bracket (``'`` ``"`` ``(`` ``[`` ``{`` ``<`` and their closing ones) touches it
on either side, when it follows ``=`` (``type=%1$s``) or a colon (``failed: %1$s``, the reason
appended to a message), and when it starts the message before a colon (``%1$s: ...``).  Only
string conversions are judged: a number (``%2$d``) reads as one whatever surrounds it.  The
message must be on an added line; each ``_()`` of a ``cond ? _("...") : _("...")`` is a message
of its own.

## Why
libvirt's coding style asks for every conversion of an error message to be enclosed in quotes
or another obvious separator.  The text that lands there at run time is a name, a path, a
device, anything, maybe empty or with blanks of its own: quoted, the user sees where it starts
and ends (``cannot open '' for writing`` tells the name is empty, ``cannot open  for writing``
does not).

## Example
```c path=src/util/virthrottle.c
    virReportError(VIR_ERR_INVALID_ARG,
                   _("throttle group %1$s does not exist"), name);
```
```findings
2:38: message-argument-quotes: quote the string this conversion prints (or set
  it apart): '%1$s'
```

## Use instead
```c path=src/util/virthrottle.c
    virReportError(VIR_ERR_INVALID_ARG,
                   _("throttle group '%1$s' does not exist"), name);
    virReportSystemError(errno, _("cannot set throttling of '%1$s': %2$s"), disk, msg);
    virReportError(VIR_ERR_INTERNAL_ERROR, _("%1$s: unexpected throttle value"), path);
```

## Measured
libvirt's older messages often print strings bare, and its new ones still do now and then: on
v10.7.0's C files read as new files the rule finds 1635 conversions, and 40 (v10.4.0 to
v10.7.0; most in one new file, ``src/rpc/virnettlscert.c``) and 15 (v9.8.0 to v10.4.0) in
its recent changes.  A note, as reviewers let most of them pass.

## Profiles
Profile ``glib`` only: the 2012 tree printed its strings bare (``_("cannot open %s")``) and its
style did not ask otherwise yet.

## Origin
libvirt's coding style, section "Error message format" (``docs/coding-style.rst``); no
syntax-check rule checks it.
"""

from patchlint.api import C_FILES, NOTE, diagnostic_calls, finding, lazy_re, rule

_CONV = lazy_re(r"%(?:(\d+)\$)?[-+#0' ]*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?"
                r"([diouxXeEfFgGaAcsSpm%])")
_OPEN = "'\"([{<="
_CLOSE = "'\")]}>"


def _messages(call):
    """The translated format's messages: lists of literals joined by nothing but blanks (one
    ``_()``), each ``_()`` of the format argument its own message."""
    k = call.format_arg()
    if k is None:
        return []
    out = []
    prev = None
    for lit in call.literals:
        if lit.arg != k or lit.wrap not in ("_", "N_"):
            prev = None
            continue
        if prev is not None and _adjacent(call, prev, lit):
            out[-1].append(lit)
        else:
            out.append([lit])
        prev = lit
    return out


def _adjacent(call, a, b):
    """Is nothing but blanks between literal ``a`` and literal ``b`` (C concatenation)?"""
    lines = call.lines
    ia = next(i for i, ln in enumerate(lines) if ln is a.line)
    ib = next(i for i, ln in enumerate(lines) if ln is b.line)
    if ia == ib:
        return not a.line.code[a.end:b.start].strip()
    between = [a.line.code[a.end:]] + [ln.code for ln in lines[ia + 1:ib]] + \
        [b.line.code[:b.start]]
    return not "".join(between).strip()


def _set_apart(text, start, end):
    before, after = text[:start], text[end:]
    if not before.strip() and not after.strip():
        return True                     # the message is nothing but the conversion
    if (before and before[-1] in _OPEN) or (after and after[0] in _CLOSE):
        return True
    if not before and after.startswith(":"):
        return True                     # "%1$s: ...", a prefix
    return before.rstrip().endswith(":")    # "...: %1$s", a reason appended


@rule("message-argument-quotes", severity=NOTE, files=C_FILES, family="style",
      profiles=("glib",),
      coding_style="Error message format")
def check(file):
    for call in diagnostic_calls(file):
        for message in _messages(call):
            if not any(lit.line.kind == "+" for lit in message):
                continue
            text = "".join(lit.text for lit in message)
            spans = []                  # (offset in text, literal)
            pos = 0
            for lit in message:
                spans.append((pos, lit))
                pos += len(lit.text)
            for m in _CONV.finditer(text):
                if m.group(2) != "s" or _set_apart(text, m.start(), m.end()):
                    continue
                off, lit = next((o, x) for o, x in reversed(spans) if o <= m.start())
                if lit.line.kind != "+" or m.end() > off + len(lit.text):
                    continue
                col = lit.start + 1 + m.start() - off
                conv = m.group(0)
                yield finding(lit.line, "quote the string this conversion prints (or set it "
                                        f"apart): '{conv}'", start=col, end=col + len(conv))
