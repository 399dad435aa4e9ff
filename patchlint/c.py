"""Just enough C structure for rules: open parentheses, functions, parameters, enums.

Everything here works on a *side*: a list of :class:`~patchlint.model.Line` in file order, such
as a hunk's post-image (context and added lines) or pre-image (context and removed lines), or
a whole file when the tree is at hand.  Nothing is assumed about what lies beyond the side:
when a question can't be answered from what is visible, the answer is "unknown" (``None``) and
rules stay silent.  The heuristics follow libvirt's layout: a function's name and its braces
start in column 0, bodies are indented.
"""

from __future__ import annotations

import bisect
import functools
import re

from .lazyre import lazy_re

_KEYWORDS = frozenset("if for while switch return sizeof do else case goto typeof "
                      "__typeof__ __attribute__ defined".split())
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


class Function:
    """A function definition in a side: side indexes of its first header line (``start``),
    of its ``name(`` line, of the ``(`` (``paren``: index, column), of the body's ``{`` and,
    when visible, of its closing ``}`` (else None)."""

    def __init__(self, name, start, name_line, paren, body_open, body_close, side=None):
        self.name = name
        self.start = start
        self.name_line = name_line
        self.paren = paren
        self.body_open = body_open
        self.body_close = body_close
        self.side = side

    def __repr__(self):
        return f"<Function {self.name} lines {self.start}..{self.body_close}>"

    @property
    def params(self):
        return params(self.side, *self.paren)

    @property
    def lines(self):
        end = self.body_close if self.body_close is not None else len(self.side) - 1
        return self.side[self.start:end + 1]

    @property
    def body(self):
        if self.body_open is None:
            return []
        end = self.body_close if self.body_close is not None else len(self.side)
        return self.side[self.body_open + 1:end]

    @property
    def complete(self) -> bool:
        return self.body_open is not None and self.body_close is not None

    @property
    def wholly_added(self) -> bool:
        return self.complete and all(ln.kind == "+" for ln in self.lines)


def functions(side):
    """Function definitions visible in ``side`` (header through body, as far as shown)."""
    if not side:
        return []
    hunk = side[0].hunk
    key = "functions-old" if side is hunk.cache.get("old") else \
        "functions-new" if side is hunk.cache.get("new") else None
    if key is None:
        return _functions(side)
    found = hunk.cache.get(key)
    if found is None:
        found = hunk.cache[key] = _functions(side)
    return found


_NOT_HEADERS = ("if", "for", "while", "switch", "else", "do", "struct", "enum", "union",
                "typedef")
_LAST_PARAMS_BRACE = lazy_re(r"[\w\].]\s*\)\s*\{\s*$")


def _functions(side):
    out = []
    n = len(side)
    for j in range(n):
        ln = side[j]
        code = ln.code
        if not code.startswith("{") and not (code[:1].isalpha() or code[:1] == "_"):
            # the last line of a parameter list may open the body ("    unsigned int
            # flags) {"); the name must then be found in column 0 further up
            if not code[:1].isspace() or not _LAST_PARAMS_BRACE.search(code) \
                    or code.lstrip().startswith(_NOT_HEADERS + ("}", "&&", "||")):
                continue
            header_end = j
            body_open = j
        elif code.startswith("{") and code.strip() == "{":
            header_end = j - 1
            body_open = j
        elif code.rstrip().endswith("{") and code[:1] not in (" ", "\t") \
                and "(" in code and not code.lstrip().startswith(_NOT_HEADERS) \
                and "=" not in code.split("(", 1)[0]:
            header_end = j
            body_open = j
        else:
            continue
        if header_end < 0:
            continue
        f = _function_from_header(side, header_end, body_open)
        if f is None:
            continue
        # the body ends at the next "}" in column 0
        for k in range(body_open + 1, n):
            if side[k].code.startswith("}"):
                f.body_close = k
                break
        out.append(f)
    return out


def _function_from_header(side, header_end, body_open):
    code = side[header_end].code.rstrip()
    if header_end == body_open:
        code = code[:-1].rstrip()
    if not code.endswith(")"):
        # attributes after the parameter list, e.g. "... G_GNUC_UNUSED" are rare in
        # definitions; anything else is not a function header
        m = re.search(r"\)\s*(?:G_GNUC_\w+|ATTRIBUTE_\w+(?:\([^)]*\))?|\s)*$", code)
        if not m:
            return None
        close_col = m.start()
    else:
        close_col = len(code) - 1
    # find the matching "(" going back
    depth = 0
    k, p = header_end, close_col
    while k >= 0:
        c = side[k].code
        while p >= 0:
            ch = c[p] if p < len(c) else " "
            if ch == ")":
                depth += 1
            elif ch == "(":
                depth -= 1
                if depth == 0:
                    name = ident_before(side, k, p)
                    if name is None or name in _KEYWORDS:
                        return None
                    start = k
                    # the return type may sit on the line above (libvirt style)
                    if side[k].code[:1] not in (" ", "\t") and k > 0:
                        prev = side[k - 1].code.rstrip()
                        if prev and prev[:1] not in (" ", "\t", "}", "#") \
                                and not prev.endswith((";", ")", "{", "*/", ",")) \
                                and re.match(r"^[\w\s\*]+$", prev):
                            start = k - 1
                    if side[k].code[:1] in (" ", "\t") and header_end == body_open:
                        return None
                    return Function(name=name, start=start, name_line=k, paren=(k, p),
                                    body_open=body_open, body_close=None, side=side)
            p -= 1
        k -= 1
        if k >= 0:
            p = len(side[k].code) - 1
        if header_end - k > 30:
            return None
    return None


_SECTION_FN = lazy_re(r"^\s*(?:[\w\s\*]*?[\s\*])?([A-Za-z_]\w*)\s*\(")


def enclosing_function(side, k):
    """Name of the function ``side[k]`` is in: from a visible header, else the hunk header.

    Returns ``(name, Function or None)``; the name is None when it can't be told.
    """
    for f in functions(side):
        end = f.body_close if f.body_close is not None else len(side)
        if f.start <= k <= end:
            return f.name, f
    # no header we can read: between functions if a column-0 "}" comes first; otherwise the
    # hunk starts inside the function git names in the hunk header (even when its body "{"
    # is visible, its parameter list may have begun above the hunk)
    for j in range(k - 1, -1, -1):
        code = side[j].code
        if code.startswith("}"):
            return None, None
        if code.startswith("{"):
            if any(side[i].code.startswith("}") for i in range(0, j)):
                return None, None
            break
    section = side[0].hunk.section if side else ""
    m = _SECTION_FN.match(section or "")
    if m and m.group(1) not in _KEYWORDS:
        return m.group(1), None
    return None, None


# -- enums ------------------------------------------------------------------------------------

class Enum:
    """An enum in a side: the side indexes of its ``enum ... {`` line and (when visible) its
    closing ``}``; its ``tag`` (``enum _virFoo {``), ``typedef`` (``} virFooFlags;``) and
    ``doc_name`` (the ``/** virFooFlags:`` comment just before it).  ``open_line`` is -1 when
    the enum opens above a hunk that starts among its constants (git names it in the hunk
    header: ``@@ -84,6 +101,7 @@ typedef enum {``)."""

    def __init__(self, open_line, close_line, tag, typedef, doc_name):
        self.open_line = open_line
        self.close_line = close_line
        self.tag = tag
        self.typedef = typedef
        self.doc_name = doc_name
        self.members_from = None    # (open_line -1: where the lines seen as constants end)
        self.is_flags = None        # is_flags_enum()'s answer, once asked


_ENUM_OPEN = lazy_re(r"\benum\b\s*([A-Za-z_]\w*)?\s*\{")


def enclosing_enum(side, k):
    """The enum whose body ``side[k]`` is in, or None (also when that can't be seen).

    When the hunk starts among an enum's constants, the ``enum ... {`` line is above it; git
    names it in the hunk header, which is trusted only when every line above ``side[k]`` in
    the hunk reads as an enum constant (a comment, a blank or a directive): a header can name
    an enum that closed before the hunk, its ``}`` line not being one git names.
    """
    # Asked for every constant of an enum: the braces of the side are matched once, and each
    # enum is made once (read back line by line each time, a long enum was quadratic).
    if not side:
        return None
    hunk = side[0].hunk
    key = ("enums", id(side))
    cached = hunk.cache.get(key)
    if cached is None or cached[0] is not side:
        cached = hunk.cache[key] = (side, _brace_tops(side), {})
    _, tops, made = cached
    top, unmatched = tops[k]
    if top is None and unmatched:
        return None
    if top not in made:
        made[top] = _enum_at(side, top) if top is not None else _enum_above_hunk(side)
    e = made[top]
    if top is None and e is not None and k > e.members_from:
        return None             # a line that is no constant stands between: not trusted
    return e


def _brace_tops(side):
    """For each line of the side: (the line of the innermost "{" still open where it starts,
    or None; how many "}" closed nothing before it)."""
    out = []
    stack = []
    unmatched = 0
    for ln in side:
        out.append((stack[-1] if stack else None, unmatched))
        code = ln.code
        if "{" not in code and "}" not in code:
            continue
        for ch in code:
            if ch == "{":
                stack.append(len(out) - 1)
            elif ch == "}":
                if stack:
                    stack.pop()
                else:
                    unmatched += 1
    return out


def _enum_at(side, j):
    m = _ENUM_OPEN.search(side[j].code)
    if not m:
        return None
    e = Enum(open_line=j, close_line=None, tag=m.group(1), typedef=None, doc_name=None)
    _enum_close(side, e)
    e.doc_name = _doc_name_before(side, j)
    return e


_MEMBER = lazy_re(r"^[A-Za-z_]\w*\s*(?:=[^;{}=]*)?,?$")


def _enum_above_hunk(side):
    """The enum git names in the hunk header, with ``members_from``: the last line index up
    to which every line above reads as one of its constants."""
    hunk = side[0].hunk
    if side is not hunk.cache.get("new") and side is not hunk.cache.get("old"):
        return None                 # a whole file: nothing lies above it
    m = _ENUM_OPEN.search(hunk.section or "")
    if not m:
        return None
    e = Enum(open_line=-1, close_line=None, tag=m.group(1), typedef=None, doc_name=None)
    _enum_close(side, e)
    e.members_from = len(side)
    for j, ln in enumerate(side):
        code = ln.code.strip()
        if code and not code.startswith("#") and not _MEMBER.match(code):
            e.members_from = j
            break
    return e


def _enum_close(side, e):
    depth = 1 if e.open_line < 0 else 0
    for k in range(max(e.open_line, 0), len(side)):
        code = side[k].code
        start = code.find("{") if k == e.open_line else 0
        for pos in range(start, len(code)):
            ch = code[pos]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    e.close_line = k
                    m = re.match(r"\s*([A-Za-z_]\w*)\s*;", code[pos + 1:])
                    if m:
                        e.typedef = m.group(1)
                    return


def _doc_name_before(side, j):
    """The name a '/** name:' comment right before line j documents."""
    for i in range(j - 1, max(j - 40, -1), -1):
        t = side[i].text.strip()
        m = re.match(r"^(?:/\*\*|\*)\s*([A-Za-z_]\w*)\s*:\s*$", t)
        if m:
            return m.group(1)
        if t.startswith("/**") or (t and not t.startswith("*") and not t.startswith("/*")):
            if not t.startswith("/**"):
                return None
    return None


_FLAGS_NAME = lazy_re(r"flags?(?:values)?$|flags?_|_flags?\b", re.I)
_NAME_EQ = lazy_re(r"\s*([A-Za-z_]\w*)\s*=(?!=)")


def _enum_value(code):
    """``(name, value)`` of an enum constant's line of code (comments blanked): ``"    FOO =
    1 << 2,"`` gives ``("FOO", "1 << 2")``; None for another line.  (Cut by hand: a regex
    with a lazy value and blanks on both sides of the comma was cubic on a long line.)"""
    m = _NAME_EQ.match(code)
    if m is None:
        return None
    value = code[m.end():].strip()
    if value.endswith(","):
        value = value[:-1].rstrip()
    return (m.group(1), value) if value else None


def is_flags_enum(side, enum) -> bool:
    """Does the enum's name, doc comment or content say it is a set of flags?"""
    if enum.is_flags is None:
        enum.is_flags = _is_flags_enum(side, enum)
    return enum.is_flags


def _is_flags_enum(side, enum) -> bool:
    for name in (enum.typedef, enum.tag, enum.doc_name):
        if name and _FLAGS_NAME.search(name):
            return True
    end = enum.close_line if enum.close_line is not None else len(side) - 1
    for k in range(enum.open_line + 1, end + 1):
        m = _enum_value(side[k].code)
        if m and "<<" in m[1]:
            return True
        if m and re.search(r"_FLAGS?_", m[0]):
            return True
    return False


class FlagConstant:
    """A constant a patch adds to a flags enum: its ``name`` and ``line``, the names its enum
    goes by (``enums``: typedef, tag, doc comment name, as far as the patch shows them) and the
    enum's constants the patch shows (``members``, this one included)."""

    __slots__ = ("name", "line", "enums", "members")

    def __init__(self, name, line, enums, members):
        self.name = name
        self.line = line
        self.enums = enums
        self.members = members

    def __repr__(self):
        return f"<FlagConstant {self.name} of {'/'.join(self.enums) or '?'}>"


def added_flag_constants(patch):
    """The :class:`FlagConstant` s a patch adds: single flags, not the "no flags" ``0`` nor a
    combination of others (``A | B``)."""
    # (kept with the patch: asked once per hunk, worked out again it was quadratic)
    got = patch.cache.get("added-flag-constants")
    if got is None:
        got = patch.cache["added-flag-constants"] = _added_flag_constants(patch)
    return got


_MEMBER_NAME = lazy_re(r"^\s*([A-Z][A-Z0-9_]*)\s*(?:=|,|$)")
_ZERO = lazy_re(r"^\(?\s*(?:0[xX])?0+[uUlL]*\s*\)?$")


def _added_flag_constants(patch):
    out = []
    enums = {}
    for fd in patch.files:
        if not fd.is_c:
            continue
        for hunk in fd.hunks:
            for ln in hunk.lines:
                if ln.kind != "+" or "=" not in ln.text:
                    continue
                m = _enum_value(ln.code)
                if not m or not re.match(r"^[A-Z][A-Z0-9_]*$", m[0]):
                    continue
                name, value = m
                if "|" in value or _ZERO.match(value):
                    continue
                side, k = side_of(ln)
                enum = enclosing_enum(side, k)
                if enum is None or not is_flags_enum(side, enum):
                    continue
                key = (id(side), enum.open_line)
                known = enums.get(key)
                if known is None:
                    names = tuple(n for n in (enum.typedef, enum.tag, enum.doc_name) if n)
                    end = enum.close_line if enum.close_line is not None else len(side) - 1
                    members = tuple(mm.group(1) for j in range(enum.open_line + 1, end + 1)
                                    for mm in [_MEMBER_NAME.match(side[j].code)] if mm)
                    known = enums[key] = (names, members)
                out.append(FlagConstant(name, ln, *known))
    return out
