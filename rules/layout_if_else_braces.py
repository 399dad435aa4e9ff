"""An ``if``/``else`` with braces on one branch and none on the other.

## What it flags
An added ``else`` (or ``else if``) line where one branch of the ``if`` has braces and the
other has none: ``} else`` followed by a single unbraced statement, or a braced
``else {`` after an ``if`` whose branch was a single unbraced statement.  The hunk's lines
around the ``else`` are read to see both branches: a condition of an ``else if`` running over
several lines, the line holding the ``{`` of a branch, the ``}`` that closes the ``if``
branch.  An ``else {`` on the line after the ``}`` that closes the ``if`` branch (braces on
both sides, but not cuddled: ``} else {``) is reported too.  When the ``if`` branch or the
end of the condition is not in the hunk, nothing is said.  The one-line shapes libvirt's own
check matches (``} else`` or ``} else if (...)`` ending its line, an ``else {`` or
``else if (...) {`` not after a ``}``) are errors; the others, which need the lines around to
be seen, are reported as warnings.

Why the warnings go beyond ``sc_require_if_else_matching_braces``: libvirt's check is one
expression over one line, and its own comment says it "doesn't catch all cases".  The coding
style shows the shapes it misses as "BAD" (a ``}`` and its ``else`` on two lines, an
unbraced ``if`` before a braced ``else``).  libvirt v10.7.0 has three of them, in old code:
``}`` / ``else`` on two lines (``openvz_conf.c``), ``} else stmt;`` on one line
(``qemu_monitor.c``) and an unbraced ``if`` before an ``else if`` whose condition runs on to
the ``{`` (``viraudit.c``).

## Why
libvirt's coding style: if either branch of an ``if``/``else`` needs braces, both get them.
Mixed branches read unevenly, and the unbraced one is where the next added line silently
falls outside the branch.  ``make syntax-check`` catches the one-line forms.

## Example
```c
    if (virDomainObjIsActive(vm)) {
        virDomainObjEndJob(vm);
        return -1;
    } else
        ret = 0;
```
```findings
4:7: if-else-braces: the if branch has braces, so this else branch needs them
  too
```

```c
    if (!def->name)
        return -1;
    else {
        def->id = -1;
        def->persistent = true;
    }
```
```findings
3:5: if-else-braces: this else branch has braces, so the if branch needs them
  too
```

## Use instead
```c
    if (virDomainObjIsActive(vm)) {
        virDomainObjEndJob(vm);
        return -1;
    } else {
        ret = 0;
    }
```

```c
    if (!def->name)
        return -1;
    else if (def->id == 0)
        def->persistent = true;
```

## Origin
libvirt's ``sc_require_if_else_matching_braces`` ("if one side of if-else uses {}, both
sides must use it"), which matches ``} else`` and ``else {`` lines; this rule reads the
branches around them.
"""

from patchlint.api import (
    BOUNDARY,
    C_XDR_FILES,
    ERROR,
    WARNING,
    close_paren,
    finding,
    ident_before,
    lazy_re,
    open_paren,
    rule,
    side_of,
    statement_code,
)

_ELSE = lazy_re(r"^(\s*)(\}\s*)?else\b")
_IF_PAREN = lazy_re(r"\s*if\s*\(")
_IF_OPENER = lazy_re(r"^\s*(?:\}\s*)?(?:else\s+)?if\b")
# the one-line shapes libvirt's own check matches: "} else" or "} else if (...)" ending the
# line, and an indented "else {" or "else if (...) {"
_PLAIN_CLOSE_ELSE = lazy_re(r"^\s*\} else(?: if .*\))?$")
_PLAIN_ELSE_OPEN = lazy_re(r"^ {2,}else(?: if .*\))? \{")


def _next_code_line(side, j):
    """The index of the first line after ``side[j]`` holding code, or None."""
    for i in range(j + 1, len(side)):
        if statement_code(side[i].code).strip():
            return i
    return None


def _prev_code_line(side, k):
    for i in range(k - 1, -1, -1):
        ln = side[i]
        if ln.text.lstrip().startswith("#"):
            continue
        if statement_code(ln.code).strip():
            return i
    return None


def _branch_braced(side, j, rest):
    """Does the branch whose head ends with ``rest`` on ``side[j]`` open a brace?

    ``(answer, index of the line that tells)``; the answer is None when the hunk does not
    show it.
    """
    rest = statement_code(rest).strip()
    if rest:
        return rest.startswith("{"), j
    below = _next_code_line(side, j)
    if below is None:
        return None, j
    return side[below].code.lstrip().startswith("{"), below


def _else_braced(side, k, pos):
    code = side[k].code
    m = _IF_PAREN.match(code, pos)
    if not m:
        return _branch_braced(side, k, code[pos:])
    close = close_paren(side, k, m.end() - 1)
    if close is None:
        return None, k
    cj, cpos = close
    return _branch_braced(side, cj, side[cj].code[cpos + 1:])


def _closes_if_branch(side, j, indent):
    """Does the ``}`` ending ``side[j]`` close a block opened by an ``if`` (or ``else if``)
    at the given indentation?  ``(answer, index of the opening line)``; None (and ``j``)
    when the opening is not visible."""
    depth = 0
    for i in range(j, -1, -1):
        code = side[i].code
        if side[i].text.lstrip().startswith("#"):
            continue
        for ch in reversed(statement_code(code) if i == j else code):
            if ch == "}":
                depth += 1
            elif ch == "{":
                depth -= 1
                if depth == 0:
                    return _opened_by_if(side, i, indent), i
    return None, j


def _opened_by_if(side, i, indent):
    # the "{" ends an if head: on this line, or at the end of a condition begun above
    code = side[i].code
    before = code[:code.rfind("{")].rstrip()
    if not before.endswith(")"):
        return False
    op = open_paren(side, i, len(before) - 1)
    if op is None:
        return None
    if op is BOUNDARY:
        return False
    oj, pos = op
    head = side[oj].code
    if not _IF_OPENER.match(head) or ident_before(side, oj, pos) != "if":
        return False
    return len(head) - len(head.lstrip()) == indent


@rule("if-else-braces", severity=ERROR, files=C_XDR_FILES, family="layout",
      syntax_check="sc_require_if_else_matching_braces", needs=("else",))
def check(line):
    if "else" not in line.text.lstrip()[:8]:
        return
    code = line.code
    m = _ELSE.match(code)
    if not m:
        return
    side, k = side_of(line)
    start = m.end() - 4
    braced, told = _else_braced(side, k, m.end())
    if braced is None:
        return
    whole = statement_code(code)
    if m.group(2):                              # "} else"
        if not braced:
            yield finding(line, "the if branch has braces, so this else branch needs them "
                                "too", start=start, end=m.end(), context=(line, side[told]),
                          severity=None if _PLAIN_CLOSE_ELSE.match(whole) else WARNING,
                          suggestion="add braces around the else branch")
        return
    prev = _prev_code_line(side, k)
    if prev is None:
        return
    above = statement_code(side[prev].code)
    indent = len(m.group(1))
    plain = None if _PLAIN_ELSE_OPEN.match(whole) else WARNING
    shown = (side[prev], side[told])
    if not above.endswith("}"):
        if braced:
            yield finding(line, "this else branch has braces, so the if branch needs them "
                                "too", start=start, end=m.end(), context=shown,
                          severity=plain, suggestion="add braces around the if branch")
        return
    closes_if, opener = _closes_if_branch(side, prev, indent)
    if braced:
        if closes_if is False:          # the "}" closes a block inside an unbraced branch
            yield finding(line, "this else branch has braces, so the if branch needs them "
                                "too", start=start, end=m.end(),
                          context=(side[opener], side[told]), severity=plain,
                          suggestion="add braces around the if branch")
        else:
            yield finding(line, "put 'else' on the line of the '}' that closes the if "
                                "branch: '} else {'", start=start, end=m.end(),
                          severity=plain, context=shown)
    elif closes_if:
        yield finding(line, "the if branch has braces, so this else branch needs them too",
                      start=start, end=m.end(), context=(side[opener], side[told]),
                      severity=WARNING,
                      suggestion="add braces around the else branch, and write '} else {'")
