"""A continuation line not aligned just after the open parenthesis it continues.

## What it flags
An added line that continues a parenthesised condition, argument list or parameter list and
does not start in the column just after the innermost parenthesis still open (vim's
``cinoptions=(0``).  The line that opens the parenthesis must be visible in the patch; when it
is not, nothing is said.  A parenthesis that ends its line (a "hanging" list) leaves the
indentation of the next line free.  Preprocessor lines, lines inside comments, lines that start
with the closing ``)`` or a brace, a call's own parenthesis starting a line
(``esxVI_Foo\n(args)``), a string literal continued deeper than the parenthesis (to show the
nesting of the text it builds), a line pulled left because aligned it would pass 80
columns (libvirt keeps error messages whole rather than wrap them), the arguments after such a
line that keep its indentation (``_("...long message...")`` pulled left, then ``name);`` under
it), and the operand lists of an ``asm()`` statement (GCC's layout: each list after its ``:``,
its operands under the first) are left alone.

The help names the column the line should start in (1-based, as every column patchlint prints;
a TAB counts up to the next multiple of 8), whatever the line is indented with.

## Why
Aligned continuations show which expression a line belongs to: in a multi-line ``if`` the
second condition lines up with the first, and arguments line up with each other, so a reader
never has to count parentheses.  It is the layout libvirt's coding style and editor settings
produce.

## Example
```diff path=src/qemu/qemu_driver.c start=11420
     ret = qemuMonitorBlockJob(priv->mon, device, bandwidth, info, mode);
+    if (ret == 0 && mode == BLOCK_JOB_ABORT &&
+                    !(flags & VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC))
+        ret = qemuMonitorBlockJobCancelWait(priv->mon, device);
```
```findings
11422:1: continuation-indent: continuation line starts in column 21; align it
  with the open parenthesis on the line above (column 9)
```

## Use instead
```diff path=src/qemu/qemu_driver.c start=11420
     ret = qemuMonitorBlockJob(priv->mon, device, bandwidth, info, mode);
+    if (ret == 0 && mode == BLOCK_JOB_ABORT &&
+        !(flags & VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC))
+        ret = qemuMonitorBlockJobCancelWait(priv->mon, device);
```

```c path=src/interface/interface_backend_udev.c
    if (virStrToLong_i(tmp_str, NULL, 10, &tmp_int) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                _("Could not parse 'bonding/downdelay' '%1$s' for '%2$s'"),
                tmp_str, name);
        goto error;
    }
```

```c path=src/util/virhostcpu.c
    asm("cpuid;"
        : "=a" (out[0]),
          "=b" (out[1])
        : "a" (leaf),
          "c" (extended));
```

## Origin
A review habit ("I'd make the ! of the second row flush with 'ret' of the first row"), and
libvirt's editor settings for its coding style (``cinoptions=(0,:0,l1,t0,L3``).
"""


from patchlint.api import (
    BOUNDARY,
    C_FILES,
    WARNING,
    finding,
    ident_before,
    lazy_re,
    open_paren,
    rule,
    side_of,
)


def _width(text, upto):
    col = 0
    for ch in text[:upto]:
        col = col + 8 - col % 8 if ch == "\t" else col + 1
    return col


LONG = 80      # libvirt aims at 80 columns: a longer aligned line may be pulled left


_HIDES = lazy_re(r"/\*|\*/|//|[\"'#\\]")


def _plainly_after_a_statement(side, k):
    """Does the line above end a statement, with nothing that could hide code in it?

    Then the line starts a statement of its own (what open_paren() would say after lexing).
    Worked out once for a whole side.
    """
    hunk = side[0].hunk
    marks = hunk.cache.get("plain-after")
    if marks is None or marks[0] is not side:
        flags = []
        last = True                 # nothing above in the hunk: unknown, nothing to say
        for ln in side:
            flags.append(last)
            t = ln.text.rstrip()
            if t:
                last = t[-1] in ";{}" and not _HIDES.search(t)
        marks = hunk.cache["plain-after"] = (side, flags)
    return marks[1][k]


def _ends_in_name(side, k):
    for j in range(k - 1, -1, -1):
        code = side[j].code.rstrip()
        if code:
            return code[-1].isalnum() or code[-1] == "_"
    return False


def _ends_in_string(side, k):
    for j in range(k - 1, -1, -1):
        code = side[j].code.rstrip()
        if code:
            return code.endswith('"')
    return False


_ASM = frozenset(("asm", "__asm__", "__asm", "volatile", "__volatile__", "__volatile"))


def _after_pulled_left(side, k, op, have, want):
    """Does ``side[k]`` keep the indentation of lines above it, in the same parentheses, one
    of which was pulled left because aligned it would pass 80 columns?  (The arguments after
    a long message follow the message, not the parenthesis.)"""
    j = op[0]
    for i in range(k - 1, j, -1):
        above = side[i]
        text = above.text
        body = text.lstrip(" \t")
        if not body or _width(text, len(text) - len(body)) != have:
            return False
        if want + len(body.rstrip()) > LONG:
            return open_paren(side, i) == op
    return False


@rule("continuation-indent", severity=WARNING, files=C_FILES)
def check(line):
    text = line.text
    stripped = text.lstrip(" \t")
    if not stripped or stripped.startswith("#"):
        return
    lead = len(text) - len(stripped)
    if stripped.startswith((")", "{", "}")):
        return                      # a closing parenthesis, or a block (macro argument)
    side, k = side_of(line)
    if _plainly_after_a_statement(side, k):
        return                      # cheap: decided without lexing
    if line.kind_at(lead) in ("comment", "preproc"):
        return
    op = open_paren(side, k)
    if op is None or op is BOUNDARY:
        return
    j, pos = op
    opener = side[j]
    if not opener.code[pos + 1:].strip():
        return                      # hanging parenthesis: any indentation will do
    if opener.is_preproc or opener.kind_at(pos) != "code":
        return
    want = _width(opener.text, pos + 1)
    have = _width(text, lead)
    if have == want:
        return
    if have > want and stripped.startswith('"') and _ends_in_string(side, k):
        return                      # a string literal continued deeper, to show its nesting
    if have < want and (want + len(stripped.rstrip()) > LONG or
                        _after_pulled_left(side, k, op, have, want)):
        return                      # pulled left on purpose: aligned, it would be too long
    if stripped.startswith("(") and _ends_in_name(side, k):
        return                      # "esxVI_Foo\n(args)": a call's own parenthesis
    if ident_before(side, j, pos) in _ASM:
        return                      # asm("..." : outputs : inputs): GCC's own layout
    where = "the line above" if j == k - 1 else f"line {opener.new_no}"
    yield finding(line, f"continuation line starts in column {have + 1}; align it with the "
                        f"open parenthesis on {where} (column {want + 1})",
                  start=0, end=max(lead, 1), context=(opener, line),
                  suggestion=f"start it in column {want + 1}")
