"""How a line of a patch shows on a terminal: columns, windows around a marker, visible blanks.

The ``full`` format shows each flagged line under its finding.  A line may hold TABs (8-column
stops), control characters and undecodable bytes (escaped by :func:`~patchlint.report.display`)
and wide characters (2 columns); a line may be megabytes long.  :class:`Layout` finds where
each character of a line falls, walking a long line once; :func:`choose_window` and :func:`cut`
show at most :data:`WIDTH` columns of it around a marker, ``...`` where it was cut;
:func:`visible` and :func:`shown_line` make the blanks a fix changes visible (``·`` a space,
``→`` a TAB).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

from . import display

WIDTH = 100         # display columns of a line's text an excerpt shows at most
TAIL = 40           # display columns of a replacement shown after a marker at most
CUT = "..."
_STEP = 1024        # characters between two remembered columns of a long line


def _char_width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cell(ch, col):
    """What one character shows as at display column ``col``, and how many columns."""
    if ch == "\t":
        w = 8 - col % 8
        return " " * w, w
    if ch.isprintable():
        return ch, 1 if ch.isascii() else _char_width(ch)
    shown = display(ch)
    return shown, len(shown)


def _width(ch, col):
    return _cell(ch, col)[1]


def render_text(text):
    """Terminal text for a line, with tabs expanded and control characters escaped."""
    out = []
    col = 0
    for ch in text:
        shown, w = _cell(ch, col)
        out.append(shown)
        col += w
    return "".join(out)


def display_col(text, idx):
    return Layout(text).col(idx)


class Layout:
    """Where the characters of one line fall on the terminal.

    A plain ASCII line without TABs is its own layout.  Any other line is walked once, and
    every :data:`_STEP` characters its column is remembered, so a column or a window of a
    very long line is found without walking it all again.
    """

    __slots__ = ("text", "simple", "total", "_marks", "_cols")

    def __init__(self, text):
        self.text = text
        self.simple = text.isascii() and text.isprintable()     # (a TAB is not printable)
        if self.simple:
            self.total = len(text)
            return
        marks = []
        col = 0
        for i, ch in enumerate(text):
            if not i % _STEP:
                marks.append((i, col))
            col += _width(ch, col)
        self.total = col
        self._marks = marks or [(0, 0)]
        self._cols = [c for _, c in self._marks]

    def col(self, idx):
        """The display column where character ``idx`` starts."""
        if self.simple:
            return min(idx, self.total)
        idx = min(idx, len(self.text))
        i, col = self._marks[idx // _STEP]
        for ch in self.text[i:idx]:
            col += _width(ch, col)
        return col

    def window(self, lo, hi):
        """What shows in display columns ``lo`` to ``hi``: whole characters only (a
        character cut by ``lo`` shows as blanks, one cut by ``hi`` not at all; TABs are
        blanks, so they are cut like them)."""
        if self.simple:
            return self.text[lo:hi]
        text = self.text
        i, col = self._marks[max(bisect_right(self._cols, lo) - 1, 0)]
        while i < len(text):
            w = _width(text[i], col)
            if col + w > lo:
                break
            col += w
            i += 1
        out = []
        if col < lo and i < len(text):          # a character straddles the cut
            shown, w = _cell(text[i], col)
            if text[i] == "\t":
                out.append(" " * (min(col + w, hi) - lo))
            elif col + w <= hi:
                out.append(" " * (col + w - lo))
            col += w
            i += 1
        while i < len(text) and col < hi:
            shown, w = _cell(text[i], col)
            if col + w > hi:
                if text[i] == "\t":
                    out.append(" " * (hi - col))
                break
            out.append(shown)
            col += w
            i += 1
        return "".join(out)


def choose_window(total, start, end, width=WIDTH):
    """The first display column to show of a line ``total`` columns wide so that the marked
    columns ``start`` to ``end`` stay in view (0: the line is shown from its start)."""
    if total <= width or start is None:
        return 0
    end = max(end, start + 1)
    if end <= width - len(CUT):
        return 0                                # cut on the right only
    if start >= total - (width - len(CUT)):
        return total - (width - len(CUT))      # cut on the left only: the line's end
    room = width - 2 * len(CUT)
    if end - start <= room:
        lo = (start + end) // 2 - room // 2     # the marker in the middle
    else:
        lo = start - min(start, 8)              # a marker wider than the window: its start
    return max(lo, 0)


def cut(layout, lo, width=WIDTH):
    """``(text, last column shown)`` of a line for a window starting at display column ``lo``:
    at most ``width`` columns, ``...`` on each side that was cut."""
    left = len(CUT) if lo > 0 and layout.total > 0 else 0
    room = width - left
    if layout.total - lo <= room:
        hi = layout.total
        tail = ""
    else:
        hi = lo + room - len(CUT)
        tail = CUT
    return (CUT if left else "") + layout.window(lo, hi) + tail, hi


MARKS = ("\u00b7", "\u2192")     # a space, a TAB, made visible
ASCII_MARKS = (".", ">")            # the same, for an output that cannot write them


def visible(text, marks=MARKS):
    """Text with its blanks made visible: every TAB as ``→``, and each space of the leading and
    trailing blanks as ``·`` (spaces between words stay spaces).  Control characters are not
    escaped here: :func:`display` does that."""
    return _visible_part(text, 0, len(text), marks)


def shown_line(text, start, end, marks=MARKS):
    """A whole line with its blanks visible, cut around ``start``..``end`` like an excerpt.

    Only a stretch of the line around the span is made visible and escaped (a few times
    :data:`WIDTH` characters: never fewer columns than the window), so a line of megabytes
    with many findings costs no more per finding than a short one.
    """
    reach = 4 * WIDTH
    a = max(0, start - reach)
    b = min(len(text), max(end, start) + reach)
    piece = _visible_part(text, a, b, marks)
    shown = display(piece)
    first, last = start - a, max(end, start) - a
    if len(shown) != len(piece):                # escapes moved the columns
        first = len(display(piece[:first]))
        last = len(display(piece[:last]))
    layout = Layout(shown)
    first, last = layout.col(first), layout.col(max(last, first + 1))
    lo = choose_window(layout.total, first, last)
    if a > 0:
        lo = max(lo, 1)                         # there is more on the left
    line, hi = cut(layout, lo)
    if b < len(text) and hi >= layout.total:
        line += CUT                            # and on the right
    return line


def _visible_part(text, a, b, marks=MARKS):
    """:func:`visible` of the whole line, of which only ``text[a:b]`` is made."""
    body_start = len(text) - len(text.lstrip(" \t"))
    body_end = len(text.rstrip(" \t"))
    if body_end == 0:
        body_start = body_end = len(text)

    def blanks(s):
        return s.replace(" ", marks[0]).replace("\t", marks[1])
    head = blanks(text[a:min(b, body_start)]) if a < body_start else ""
    mid = text[max(a, body_start):min(b, body_end)].replace("\t", marks[1])
    tail = blanks(text[max(a, body_end):b]) if b > body_end else ""
    return head + mid + tail


def blanks_of(text):
    """A line's leading and trailing blanks."""
    body = text.strip(" \t")
    if not body:
        return text, ""
    return text[:len(text) - len(text.lstrip(" \t"))], text[len(text.rstrip(" \t")):]


def short(text, width=TAIL):
    return text if len(text) <= width else text[:width - len(CUT)] + CUT
