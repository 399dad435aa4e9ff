"""The parameters of a declaration: split a parameter list into its parameters."""

from __future__ import annotations

import re

from ..lazyre import lazy_re
from .parens import close_paren


class Param:
    """One parameter of a declaration: ``text`` "unsigned int flags", ``name`` "flags",
    ``type`` "unsigned int"; ``start``/``end``/``name_start`` are (side index, column)."""

    __slots__ = ("text", "name", "type", "start", "end", "name_start")

    def __init__(self, text, name, type, start, end, name_start=None):
        self.text = text
        self.name = name
        self.type = type
        self.start = start
        self.end = end
        self.name_start = name_start


def params(side, j, pos):
    """Split the parameter list opening at ``side[j]`` column ``pos`` into :class:`Param`.

    Returns None when the list does not close within the side.
    """
    close = close_paren(side, j, pos)
    if close is None:
        return None
    out = []
    depth = 0
    cur = []          # (index, col, char)
    k, p = j, pos + 1
    while (k, p) < close:
        code = side[k].code
        if p >= len(code):
            k, p = k + 1, 0
            if cur:
                cur.append((k, 0, " "))
            continue
        ch = code[p]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(_param(cur))
            cur = []
        else:
            cur.append((k, p, ch))
        p += 1
    if cur:
        out.append(_param(cur))
    return [x for x in out if x is not None]


_LAST_NAME = lazy_re(r"(?<!\w)([A-Za-z_]\w*)\s*(?:\[[^\[\]]*\]\s*)*$")


def _param(chars):
    # (trimmed by index: slicing one blank off at a time is quadratic on a long blank run)
    lo, hi = 0, len(chars)
    while lo < hi and chars[lo][2].isspace():
        lo += 1
    while hi > lo and chars[hi - 1][2].isspace():
        hi -= 1
    if lo == hi:
        return None
    chars = chars[lo:hi]
    text = re.sub(r"\s+", " ", "".join(c[2] for c in chars))
    # the name: a function pointer "(*name)(...)" or the last identifier (before any "[...]")
    m = re.search(r"\(\s*\*\s*([A-Za-z_]\w*)\s*\)", text)
    if m:
        name = m.group(1)
    else:
        # only at a word's start, and no "[" inside "[...]": else a long run of letters or
        # of "a[" backtracks from every position (quadratic)
        m2 = _LAST_NAME.search(text)
        name = m2.group(1) if m2 else None
        if name is not None and (text.strip() == name or name in ("void", "int", "char")):
            name = None if text.strip() in ("void", "...") or text.strip() == name else name
    typ = text
    name_start = None
    if name:
        idx = text.rfind(name)
        typ = text[:idx].strip()
        # locate the name in the original characters
        joined = "".join(c[2] for c in chars)
        ri = joined.rfind(name)
        if ri >= 0:
            name_start = (chars[ri][0], chars[ri][1])
    return Param(text=text, name=name, type=typ, start=(chars[0][0], chars[0][1]),
                 end=(chars[-1][0], chars[-1][1] + 1), name_start=name_start)
