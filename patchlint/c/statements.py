"""Statements: the head of an ``if``, ``for``, ``while``, ``switch``, ``else`` or ``do`` that a
line ends, for the rules about where a block's ``{`` goes."""

from __future__ import annotations

from ..lazyre import lazy_re
from .parens import BOUNDARY, ident_before, open_paren

_STATEMENT_HEAD = lazy_re(r"^\s*(?:\}\s*)?(?:else\s+)?(if|for|while|switch)\s*$")
_ELSE_OR_DO = lazy_re(r"^\s*(?:\}\s*)?(else|do)$")


def statement_code(code):
    """``code`` without a trailing macro-continuation backslash and blanks."""
    code = code.rstrip()
    if code.endswith("\\"):
        code = code[:-1].rstrip()
    return code


def compound_head(side, j):
    """``(word, first)``: the statement word (``if``, ``for``, ``while``, ``switch``,
    ``else``, ``do``) whose head ends on ``side[j]`` with no ``{`` after it, and the index of
    the head's first line; None when ``side[j]`` ends no such head.

    ``side[j]`` may be the last line of a condition that runs over several lines; the line
    that opens it must then be visible.
    """
    ln = side[j]
    if ln.text.lstrip().startswith("#"):
        return None
    code = statement_code(ln.code)
    if not code:
        return None
    m = _ELSE_OR_DO.match(code)
    if m:
        return m.group(1), j
    if not code.endswith(")") or "{" in code:
        return None
    op = open_paren(side, j, len(code) - 1)
    if op is None or op is BOUNDARY:
        return None
    oj, pos = op
    if oj != j and "{" in side[oj].code[pos:]:
        return None
    m = _STATEMENT_HEAD.match(side[oj].code[:pos])
    if m and ident_before(side, oj, pos) == m.group(1):
        return m.group(1), oj
    return None
