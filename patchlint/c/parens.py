"""Parentheses: the one open at a line, where one closes, the identifier before it.

Every question is answered from one *side* (see :mod:`patchlint.c`); "unknown" is ``None``.
"""

from __future__ import annotations

import bisect
import functools

from ..lazyre import lazy_re

_LABEL = lazy_re(r"^\s*[A-Za-z_]\w*\s*:\s*$")


def new_side(hunk):
    return hunk.new_side()


def old_side(hunk):
    return hunk.old_side()


def side_of(line):
    """The side of its hunk the line belongs to, and its index there."""
    hunk = line.hunk
    side = hunk.old_side() if line.kind == "-" else hunk.new_side()
    return side, hunk.side_index(line)


BOUNDARY = "boundary"
MAX_LOOKBACK = 200      # lines open_paren() reads back before it gives up ("unknown")


def open_paren(side, k, col=None):
    """The innermost parenthesis still open at the start of ``side[k]`` (or at ``col`` of it).

    Returns ``(index, column)`` of that ``(``; :data:`BOUNDARY` when the line is not inside
    parentheses (a statement ended before it); ``None`` when that can't be told from the side
    (its start is not visible).
    """
    # Rules ask this for every "flags" on a line, so each question must cost little however
    # long the lines are: a line's parentheses and shape are worked out once (_parens,
    # _shape), not re-read per question (a long line with many questions was quadratic).
    depth = 0
    if col is not None:
        pos, depth = _unclosed_before(side[k].code, col)
        if pos is not None:
            return (k, pos)
    for j in range(k - 1, max(k - MAX_LOOKBACK, 0) - 1, -1):
        ln = side[j]
        code = ln.code
        directive, blank, ends_stmt, top_level = _shape(ln.text, code)
        if directive or blank:
            continue
        if depth == 0 and ends_stmt:
            return BOUNDARY
        pos, depth = _unclosed(code, depth)
        if pos is not None:
            return (j, pos)
        if depth == 0 and top_level:
            # something starting in column 0 closes no paren: a new top-level item
            return BOUNDARY
    return None


_PARENS = lazy_re(r"[()]")
_OPERATOR_START = ("&&", "||", "?", ":", "+", "-", "*", "/", "|", "&")


@functools.lru_cache(maxsize=1024)
def _shape(text, code):
    """What open_paren() asks of a line it reads back over: (a directive that does not
    continue, blank code, ends a statement or is a label, starts a top-level item)."""
    directive = text.lstrip().startswith("#") and not text.rstrip().endswith("\\")
    code = code.rstrip()
    blank = not code.strip()
    ends_stmt = not blank and (code[-1] in ";{}" or bool(_LABEL.match(code)))
    top_level = not blank and code[:1] not in (" ", "\t", "") \
        and not code.lstrip().startswith(_OPERATOR_START)
    return directive, blank, ends_stmt, top_level


@functools.lru_cache(maxsize=1024)
def _parens(code):
    """A line's parentheses read once, left to right: the column of each, the innermost
    ``(`` still open after each (-1: none), the ``)`` left unmatched so far after each, and
    the ``(`` still open at the end of the line (innermost last)."""
    cols, tops, closes = [], [], []
    stack = []
    unmatched = 0
    for m in _PARENS.finditer(code):
        p = m.start()
        if m.group() == "(":
            stack.append(p)
        elif stack:
            stack.pop()
        else:
            unmatched += 1
        cols.append(p)
        tops.append(stack[-1] if stack else -1)
        closes.append(unmatched)
    return cols, tops, closes, stack, unmatched


def _unclosed(code, depth):
    """Read ``code`` right to left from ``depth`` closed parentheses: the column of a ``(``
    left open (or None) and the depth at the line's start."""
    _, _, _, still_open, unmatched = _parens(code)
    if len(still_open) > depth:
        return still_open[-1 - depth], 0
    return None, depth - len(still_open) + unmatched


def _unclosed_before(code, col):
    """:func:`_unclosed` of ``code[:col]`` from depth 0."""
    cols, tops, closes, _, _ = _parens(code)
    i = bisect.bisect_left(cols, col) - 1
    if i < 0:
        return None, 0
    if tops[i] >= 0:
        return tops[i], 0
    return None, closes[i]


def close_paren(side, j, pos):
    """Where the ``(`` at ``side[j]`` column ``pos`` closes: ``(index, column)`` or None."""
    # every parenthesis of the side matched in one pass, kept with the hunk (asked once per
    # parameter list: scanning to the end of the side each time was quadratic)
    hunk = side[j].hunk
    key = ("close-paren", id(side))
    cached = hunk.cache.get(key)
    if cached is None or cached[0] is not side:
        pairs = {}
        stack = []
        for k, ln in enumerate(side):
            cols, _, _, _, _ = _parens(ln.code)
            code = ln.code
            for p in cols:
                if code[p] == "(":
                    stack.append((k, p))
                elif stack:
                    pairs[stack.pop()] = (k, p)
        cached = hunk.cache[key] = (side, pairs)
    return cached[1].get((j, pos))


def ident_before(side, j, pos):
    """The identifier just before the ``(`` at ``side[j]`` column ``pos``, or None."""
    return word_before(side[j].code, pos)


def word_before(code, end):
    """The identifier ending at column ``end`` of ``code`` (blanks before ``end`` skipped), or
    None.  Read back from ``end``: a regex search of ``code[:end]`` costs the whole prefix,
    and rules ask this for many columns of a line."""
    e = end
    while e and code[e - 1].isspace():
        e -= 1
    s = e
    while s and (code[s - 1].isalnum() or code[s - 1] == "_"):
        s -= 1
    while s < e and code[s].isdigit():          # an identifier starts with a letter or "_"
        s += 1
    return code[s:e] if s < e else None


def first_argument(text, start, limit=None):
    """The text of a call's first argument in ``text``, the call's ``(`` ending at ``start``:
    up to the ``,`` or ``)`` that closes it at its own depth (looking ``limit`` characters
    at the most), or the rest of what was looked at when nothing does."""
    end = len(text) if limit is None else min(len(text), start + limit)
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return text[start:i]
        elif ch == "," and depth == 0:
            return text[start:i]
    return text[start:end]
