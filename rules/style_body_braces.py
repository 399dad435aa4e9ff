"""The body of an ``if``, ``else``, ``for`` or ``while`` runs over several lines without braces.

## What it flags
A compound statement without braces whose body goes on past its first line at the body's own
indentation: a comment line and then the statement, a nested block whose closing ``}`` lines
up with the body, or a nested ``if`` whose ``else`` lines up with it (a line at the body's
indentation just after a one-statement body, which reads as part of the body but is not, is
flagged too).  A body whose further lines sit deeper than its first one (a statement
continued over several lines, a nested unbraced ``if`` of one statement) is the exception the
coding style makes and is left alone, as are a body that is only ``;``, ``switch`` and ``do``.
The head and the body must be in sight in the hunk (the tree, when patchlint runs in it, widens
the hunk); a preprocessor line or a blank line inside the body makes the rule say nothing.  The
finding is on the head when the patch adds it, otherwise on the first line of the body it adds.

A braced branch beside an unbraced one is ``if-else-braces``'s, a ``{`` on a line of its own
``hanging-brace``'s.  The style also asks for braces after a condition running over several
lines; that part is not checked, as libvirt's own code does not follow it (1775 such heads in
v10.7.0, about a hundred more in each of its recent releases' changes).

## Why
libvirt's coding style lets a body go without braces only while it is one line.  Once a second
line sits at the body's indentation (even a comment) the body looks like several statements,
and the next person to add a statement "inside" it adds it outside.  Only a line that is
further indented than the first, visibly the same statement, keeps the exemption.

## Example
```c path=src/util/virthrottle.c
    if (!group)
        /* nothing to throttle */
        return 0;
```
```findings
1:5: multiline-body-braces: the body of this 'if' runs over several lines: put
  braces around it
```

```c path=src/util/virthrottle.c
    for (i = 0; i < ngroups; i++)
        if (STREQ(groups[i]->name, name)) {
            found = groups[i];
            break;
        }
```
```findings
1:5: multiline-body-braces: the body of this 'for' runs over several lines: put
  braces around it
```

A comment added to a body the patch does not otherwise touch is reported on the comment:

```diff path=src/util/virthrottle.c start=120
     if (virThrottleGroupIsEmpty(group))
+        /* an empty group throttles nothing */
         return 0;
```
```findings
121:9: multiline-body-braces: this line makes the body of the 'if' above run over
  several lines: put braces around the body
```

## Use instead
```c path=src/util/virthrottle.c
    if (!group) {
        /* nothing to throttle */
        return 0;
    }

    if (!group)
        virReportError(VIR_ERR_INVALID_ARG,
                       _("no throttle group '%1$s'"), name);
```

## Measured
On libvirt v10.7.0's own C files read as new files: 23 lines, all of the kind the coding style
calls bad (mostly a comment between the head and its one statement); none in the changes
v9.8.0 to v10.4.0 and v10.4.0 to v10.7.0.  In the histories of libvirt-glib and libvirt-dbus:
2 and 6 bodies (two commits each), all a comment above a lone statement (libvirt-dbus fixed
its own later).  A warning rather than an error: the tree still holds a
few.

## Origin
libvirt's coding style, section "Curly braces" (``docs/coding-style.rst``); no syntax-check
rule checks it.
"""

from patchlint.api import C_FILES, WARNING, compound_head, finding, rule, statement_code

MAX_BODY = 400          # lines a body is followed before the rule gives up


def _indent(text):
    return len(text) - len(text.lstrip())


def _directive(ln):
    return ln.text.lstrip().startswith("#")


def _has_code(ln):
    return bool(statement_code(ln.code).strip())


def _element_end(side, b, i0):
    """The index of the line where the statement (or the nested compound statement) that
    starts at ``side[b]`` ends; None when that is not in sight, or a directive, a line left
    of the body or (outside a nested block) a blank line comes first."""
    depth = parens = 0
    for k in range(b, min(len(side), b + MAX_BODY)):
        ln = side[k]
        if _directive(ln):
            return None
        if not ln.text.strip():
            if depth == 0:
                return None             # a blank line before the statement ended
            continue
        if _indent(ln.text) < i0:
            return None
        code = statement_code(ln.code)
        if not code.strip():
            continue                    # a comment inside the statement
        for ch in code:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "(":
                parens += 1
            elif ch == ")":
                parens -= 1
        if depth < 0 or parens < 0:
            return None
        if depth == 0 and parens == 0 and code[-1] in ";}":
            return k
    return None


def _second_line(side, b, i0):
    """``(second, last)``: the index of a line after the body's first one that sits at the
    body's indentation (None when there is none), and the last line the judgement read;
    None when the body's end is not in sight."""
    n = len(side)
    if not _has_code(side[b]):
        # a comment first: the first line holding code after it
        k = b + 1
        while k < n and side[k].text.strip() and not _has_code(side[k]) \
                and not _directive(side[k]):
            k += 1
        if k >= n or not side[k].text.strip() or _directive(side[k]):
            return None
        return (k if _indent(side[k].text) == i0 else None), k
    e = _element_end(side, b, i0)
    if e is None:
        return None
    for k in range(b + 1, e + 1):
        if _indent(side[k].text) == i0:
            return k, e
    if e + 1 < n:
        nxt = side[e + 1]
        if nxt.text.strip() and not _directive(nxt) and _has_code(nxt) \
                and _indent(nxt.text) == i0:
            return e + 1, e + 1
    return None, e


@rule("multiline-body-braces", severity=WARNING, files=C_FILES, family="style",
      coding_style="Curly braces")
def check(file):
    for hunk in file.hunks:
        if not any(ln.kind == "+" for ln in hunk.lines):
            continue
        side = hunk.new_side()
        for j in range(len(side) - 1):
            if statement_code(side[j].code).endswith((")", "else")):
                yield from _judge(side, j)


def _judge(side, j):
    head = compound_head(side, j)
    if head is None:
        return
    word, first = head
    if word in ("switch", "do"):
        return
    b = j + 1
    b0 = side[b]
    if not b0.text.strip() or _directive(b0) or b0.code.lstrip().startswith(("{", ";")):
        return
    i0 = _indent(b0.text)
    if i0 <= _indent(side[first].text):
        return
    got = _second_line(side, b, i0)
    if got is None or got[0] is None:
        return
    last = got[1]
    top = side[first]
    ctx = (top, side[last])
    if top.kind == "+":
        col = top.text.find(word, _indent(top.text))
        yield finding(top, f"the body of this '{word}' runs over several lines: put braces "
                           "around it", start=col, end=col + len(word), context=ctx)
        return
    added = next((ln for ln in side[b:last + 1] if ln.kind == "+"), None)
    if added is None:
        return
    col = _indent(added.text)
    yield finding(added, f"this line makes the body of the '{word}' above run over several "
                         "lines: put braces around the body", start=col,
                  end=len(added.text.rstrip()), context=ctx)
