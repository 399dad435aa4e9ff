"""Function definitions: those a side shows, and the one a line is in."""

from __future__ import annotations

import re

from ..lazyre import lazy_re
from .params import params
from .parens import ident_before

_KEYWORDS = frozenset("if for while switch return sizeof do else case goto typeof "
                      "__typeof__ __attribute__ defined".split())


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
            if not code[:1].isspace() or not code.rstrip().endswith("{") \
                    or not _LAST_PARAMS_BRACE.search(code) \
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
