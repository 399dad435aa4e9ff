"""A translatable string split over two lines with no blank on either side of the split.

## What it flags
Inside ``_()`` or ``N_()``, a string literal that ends a line and is continued by one that
starts the next, where neither the end of the first piece nor the start of the second is a
blank (or a ``\\n`` escape): the pieces join into one word.  The split is judged when either
of its two lines is added; the finding is on the first of them (on the second when only that
one is added).  The ``_(`` must be still open at the split and be in sight: on the piece's line
or on the lines just above it that end in a string too, as libvirt's syntax-check reads it.
Only code counts: a ``_(`` in a comment or a string, or a ``_()`` already closed before the
split, is no translation of this string (syntax-check, which greps the joined lines, takes
them for one).

## Why
C joins adjacent literals as they are, so ``"cannot read"`` followed by ``"the file"`` is the
message "cannot readthe file", and the translators get it that way too.  Keeping the message on
one line avoids the trap altogether (libvirt asks for that: see ``diagnostic-one-line``); where a
string is split (help text ending in ``\\n``, ``N_()`` tables), the blank goes at the split.

## Example
```c path=src/qemu/qemu_driver.c
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("cannot read"
                                                   "the throttle group"));
```
```findings
1:64: translation-split-space: put a blank at the end of this piece or at the
  start of the next: the message reads "readthe"
```

## Use instead
```c path=src/qemu/qemu_driver.c
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("cannot read "
                                                   "the throttle group"));
```

```c path=tools/virsh-domain.c
    {.name = "throttle",
     .help = N_("set the throttle group of a disk;\\n"
                "see the groups with domthrottlegrouplist")
    },
```

## Origin
libvirt's ``sc_require_whitespace_in_translation`` ("missing whitespace at line split").  Where
a message is split over more than two lines, syntax-check names the first of them, and
patchlint the split that lacks the blank.
"""

from patchlint.api import C_FILES, ERROR, STRING, finding, lazy_re, rule

# a translation's opening: _( or N_(, not the tail of a longer name
_OPEN = lazy_re(r"(?<!\w)N?_\(")
_WORD_END = lazy_re(r"\w{1,12}$")
_WORD_START = lazy_re(r"^\w{1,12}")


def _ends_in_string(ln):
    """The column of the closing quote that ends the line, or None."""
    text = ln.text.rstrip()
    if not text.endswith('"') or ln.kind_at(len(text) - 1) != STRING:
        return None
    return len(text) - 1


def _starts_with_string(ln):
    """The column of the opening quote that starts the line, or None."""
    text = ln.text
    col = len(text) - len(text.lstrip())
    if not text[col:col + 1] == '"' or ln.kind_at(col) != STRING:
        return None
    return col


def _translation_open(side, a):
    """Is a _( or N_( still open at the end of side[a], seen on it or on the lines above it
    that end in a string (the lines syntax-check joins)?"""
    s = a
    while s > 0 and _ends_in_string(side[s - 1]) is not None:
        s -= 1
    code = " ".join(side[j].code for j in range(s, a + 1))
    opened = [m.end() for m in _OPEN.finditer(code)]
    if not opened:
        return False
    depth = 1
    for ch in code[opened[-1]:]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return False
    return True


def _split(side, a, at):
    """The finding, reported on ``at``, for the split between side[a] and side[a + 1]."""
    first, second = side[a], side[a + 1]
    close = _ends_in_string(first)
    if close is None:
        return None
    opening = _starts_with_string(second)
    if opening is None:
        return None
    tail = first.text[:close]
    head = second.text[opening + 1:]
    if tail.endswith('"') or head.startswith('"'):
        return None                 # an empty piece: nothing is joined to it
    if tail.endswith((" ", "\\n")) or head.startswith((" ", "\\")):
        return None
    if not _translation_open(side, a):
        return None
    w1 = _WORD_END.search(tail)
    w2 = _WORD_START.search(head)
    joined = (w1.group(0) if w1 else tail[-1:]) + (w2.group(0) if w2 else head[:1])
    message = ("put a blank at the end of this piece or at the start of the next: the message "
               f"reads \"{joined}\"")
    col = close if at is first else opening
    return finding(at, message, start=col, end=col + 1, context=(first, second))


@rule("translation-split-space", severity=ERROR, files=C_FILES,
      syntax_check="sc_require_whitespace_in_translation", family="messages", needs=('"',))
def check(line):
    hunk = line.hunk
    side = hunk.new_side()
    k = hunk.side_index(line)
    if k + 1 < len(side):
        f = _split(side, k, line)
        if f is not None:
            yield f
    if k > 0 and side[k - 1].kind != "+":
        f = _split(side, k - 1, line)
        if f is not None:
            yield f
