"""Layout and spacing: braces, labels, macro backslashes, and the spacing of C tokens.

The one-line rules of the family are pattern rules (see patchlint/patterns.py): a regular
expression over the code an added line holds, its message, its libvirt syntax-check name, and
a bad and a good example that the test suite runs.  The rules that need the lines around them
(``if``/``else`` braces, hanging braces) and the checks of libvirt's
``build-aux/check-spacing.pl`` (which read a line the way that script does, see
:func:`spacing_view`) are code rules in ``rules/layout_*.py``; this module also holds the
helpers they share.
"""

import functools
import re

from patchlint.patterns import C, Pattern

FAMILY = "layout"

# libvirt checks these rules in .c, .h (and the RPC protocol's .x) files
C_X = C + ("*.x",)

PATTERNS = [
    Pattern(
        "paren-brace-space", r"\)\{(?=\s*$)",
        "put a space between ')' and the '{' that opens the block",
        syntax_check="sc_prohibit_paren_brace", files=C_X, needs=("){",),
        replacement=") {",
        why="libvirt writes a block's opening brace after one space: `if (ret < 0) {`.  A "
            "brace glued to the parenthesis is easy to miss when reading the condition.",
        bad="    if (virDomainObjIsActive(vm)){",
        good="    if (virDomainObjIsActive(vm)) {"),

    Pattern(
        "label-indent", r"^(?:|  |   )(?!default:)([A-Za-z_0-9]+):(?=\s*$)",
        "indent a goto label by exactly one space",
        # (in the 2012 tree labels sat in column 0: the rule came later)
        syntax_check="sc_require_space_before_label", needs=(":",),
        replacement=r" \1:", profiles=("glib",),
        why="libvirt indents every label by one space: it keeps the label out of column 0 "
            "(where `diff -p` and editors look for function names, so hunk headers name the "
            "function rather than `cleanup:`) while it still stands out from the body.",
        bad=("    return 0;\n\ncleanup:\n    virObjectUnref(cfg);",
             "    return 0;\n\n   error:\n    return -1;"),
        good=("    return 0;\n\n cleanup:\n    virObjectUnref(cfg);",
              "    switch (type) {\n    default:\n        break;\n    }")),

    Pattern(
        "label-colon-space", r"^( {0,3}[A-Za-z_0-9]+)\s+:(?=\s*$)",
        "no space between a label and its colon",
        syntax_check="sc_prohibit_space_in_label", needs=(":",),
        replacement=r"\1:",
        why="A label is written like a `case`: the name and its colon together "
            "(` cleanup:`), so that searching for `cleanup:` finds it.",
        bad="    return ret;\n\n cleanup :\n    VIR_FREE(path);",
        good="    return ret;\n\n cleanup:\n    VIR_FREE(path);"),

    Pattern(
        "backslash-alignment", r"(?<![ \t])[ \t]*(?:  |\t)\\$",
        "put a single space before a line-continuation backslash, do not align it",
        # (the 2012 tree still aligned them: the rule came later)
        syntax_check="sc_prohibit_backslash_alignment", scope="any", needs=("\\",),
        profiles=("glib",),
        # (gnulib's maint.mk, which projects copy in as it is, keeps gnulib's style)
        files=C_X + ("*.am", "*.mk"), exclude=("build-aux/syntax-check.mk", "maint.mk"),
        replacement=r" \\",
        why="Backslashes lined up in a right-hand column have to be realigned whenever a "
            "longer line is added to the macro, which turns a one-line change into a diff of "
            "the whole macro; one space before each backslash never needs touching.",
        bad=("#define VIR_EXAMPLE_CHECK(obj)        \\\n"
             "    do {                              \\\n"
             "        if (!(obj))                   \\\n"
             "            return -1;                \\\n"
             "    } while (0)"),
        good=("#define VIR_EXAMPLE_CHECK(obj) \\\n"
              "    do { \\\n"
              "        if (!(obj)) \\\n"
              "            return -1; \\\n"
              "    } while (0)")),
]


# ---------------------------------------------------------------------------------------
# Helpers of the layout_* code rules

_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"?|\'(?:[^\'\\]|\\.)*\'?')


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
            out = []
            for s, e, kind in spans:
                piece = text[s:e]
                if kind == "string":
                    if len(piece) >= 2 and piece[0] in "\"'" and piece[-1] == piece[0]:
                        piece = piece[0] + " " * (len(piece) - 2) + piece[-1]
                    elif piece[:1] in "\"'":
                        piece = piece[0] + " " * (len(piece) - 1)
                    elif piece[-1:] in "\"'":
                        piece = " " * (len(piece) - 1) + piece[-1]
                    else:
                        piece = " " * len(piece)
                elif kind == "comment":
                    head = piece[:2] if piece[:2] in ("/*", "//") else ""
                    tail = "*/" if piece.endswith("*/") and len(piece) - len(head) >= 2 \
                        else ""
                    piece = head + " " * (len(piece) - len(head) - len(tail)) + tail
                elif kind == "preproc":
                    piece = _blank_literals(piece)
                out.append(piece)
            view = "".join(out)
    cache[key] = view
    return view


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


# check-spacing.pl reads the .c files only
SPACING_FILES = ("*.c",)


_STATEMENT_HEAD = re.compile(r"^\s*(?:\}\s*)?(?:else\s+)?(if|for|while|switch)\s*$")
_ELSE_OR_DO = re.compile(r"^\s*(?:\}\s*)?(else|do)$")


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
    from patchlint.c import BOUNDARY, ident_before, open_paren

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


_PARENS = re.compile(r"[()]")


def fix(view, start, replacement, suggestion):
    """``finding()`` keywords for a spacing fix at column ``start``: the certain
    ``replacement``, unless it would move a parenthesis that continues on the next lines
    (then ``suggestion``, with a word about realigning them)."""
    if shifts_open_paren(view, start):
        return {"suggestion": suggestion + ", and realign the lines that continue it"}
    return {"replacement": replacement}
