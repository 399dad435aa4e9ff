"""A line as libvirt's ``build-aux/check-spacing.pl`` reads it, for the ``spacing-*`` rules.

That script judges the spacing of C tokens on each line of a ``.c`` file with its literals
and comments emptied; :func:`spacing_view` gives that view with the line's columns kept, and
:func:`spacing_fix` the fix of a spacing finding (or a suggestion, when the fix would
misalign the lines that continue the line).
"""

from __future__ import annotations

import functools

from ..lazyre import lazy_re

# check-spacing.pl reads the .c files only
SPACING_FILES = ("*.c",)

_LITERAL = lazy_re(r'"(?:[^"\\]|\\.)*"?|\'(?:[^\'\\]|\\.)*\'?')
_PARENS = lazy_re(r"[()]")


def _blank_literals(segment):
    """String and character literals of a preprocessor segment, their contents blanked."""
    def blank(m):
        s = m.group()
        if len(s) >= 2 and s[-1] == s[0]:
            return s[0] + " " * (len(s) - 2) + s[-1]
        return s[0] + " " * (len(s) - 1)
    return _LITERAL.sub(blank, segment)


def spacing_view(line):
    """The line as libvirt's check-spacing.pl reads it, or None when that script skips it.

    Preprocessor directives (a line starting with ``#``) are skipped.  String and character
    literals keep their quotes and lose their contents; a comment keeps its ``/*`` and ``*/``
    (or ``//``) and loses the text between them, so ``foo(a /* why */)`` has no blank before
    its ``)``.  Columns are kept: offsets into the view are offsets into ``line.text``.
    Macro continuation lines are read like code, literals included.
    """
    cache = line.hunk.cache
    key = ("layout-spacing", line.index)
    if key in cache:
        return cache[key]
    text = line.text
    if text.lstrip().startswith("#"):
        view = None
    else:
        spans = line.spans
        if len(spans) == 1 and spans[0][2] == "code":
            view = text
        else:
            view = "".join(_viewed(text[s:e], kind) for s, e, kind in spans)
    cache[key] = view
    return view


def _viewed(piece, kind):
    """One span of a line (code, string, comment, preproc) as check-spacing.pl sees it."""
    if kind == "string":
        if len(piece) >= 2 and piece[0] in "\"'" and piece[-1] == piece[0]:
            return piece[0] + " " * (len(piece) - 2) + piece[-1]
        if piece[:1] in "\"'":
            return piece[0] + " " * (len(piece) - 1)
        if piece[-1:] in "\"'":
            return " " * (len(piece) - 1) + piece[-1]
        return " " * len(piece)
    if kind == "comment":
        head = piece[:2] if piece[:2] in ("/*", "//") else ""
        tail = "*/" if piece.endswith("*/") and len(piece) - len(head) >= 2 else ""
        return head + " " * (len(piece) - len(head) - len(tail)) + tail
    if kind == "preproc":
        return _blank_literals(piece)
    return piece


def spacing_matches(line, pattern, quick=None):
    """``(view, matches of pattern in the view)`` for a line check-spacing reads, else
    ``(None, ())``.  The raw line is tested first (with ``quick``, else ``pattern``), so a line
    that cannot match never has its view built (nor, for that, its C context lexed)."""
    if not (quick or pattern).search(line.text):
        return None, ()
    view = spacing_view(line)
    if view is None:
        return None, ()
    return view, pattern.finditer(view)


def shifts_open_paren(view, pos):
    """Would an edit at column ``pos`` move a ``(`` that stays open past the line's end?

    Continuation lines below are aligned just after such a parenthesis, so a fix there
    would misalign them: it is then a suggestion, not a replacement.
    """
    # (a "(" is left open by the line whether the line is read whole or from pos on)
    return _last_open_paren(view) >= pos


@functools.lru_cache(maxsize=64)
def _last_open_paren(view):
    """The column of the last ``(`` the line leaves open, or -1.  Worked out once a line:
    read again for each finding, a line with many findings was quadratic."""
    stack = []
    for m in _PARENS.finditer(view):
        if m.group() == "(":
            stack.append(m.start())
        elif stack:
            stack.pop()
    return stack[-1] if stack else -1


def spacing_fix(view, start, replacement, suggestion):
    """``finding()`` keywords for a spacing fix at column ``start``: the certain
    ``replacement``, unless it would move a parenthesis that continues on the next lines
    (then ``suggestion``, with a word about realigning them)."""
    if shifts_open_paren(view, start):
        return {"suggestion": suggestion + ", and realign the lines that continue it"}
    return {"replacement": replacement}
