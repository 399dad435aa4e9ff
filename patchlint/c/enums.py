"""Enums: the one a line is in, whether it is a set of flags, the flag constants a patch adds."""

from __future__ import annotations

import re

from ..lazyre import lazy_re
from .parens import side_of


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
