"""The C sources under ``src/`` as the API model reads them: function definitions (with their
doc comments and the driver callbacks they call), driver-table entries, ``virCheckFlags()``
masks and mask macros.  Part of :mod:`patchlint.apicollect`, which hands it every C file of a
patch under ``src/``; read from the raw text of each hunk's new side, joined once per hunk
(:class:`_Text`), so that a file with nothing of the kind costs a few substring tests.
"""

from __future__ import annotations

import bisect
import re

from .apimodel import Entry, Impl, anchor
from .c.parens import first_argument
from .lazyre import lazy_re

_DEF_NAME = lazy_re(r"^(?:[A-Za-z_][\w \t*]*?[\s*])?(vir[A-Z]\w*)\s*\(")
_DEF_START = lazy_re(r"^[A-Za-z_][^\n(;]*\(", re.M)
_ENTRY = lazy_re(r"^[ \t]+\.((?:connect|domain|network|interface|storage|node|secret|nwfilter"
                 r"|stream|state)[A-Z]\w*)[ \t]*=[ \t]*([A-Za-z_]\w*)[ \t]*,?[ \t]*"
                 r"(?:/\*[ \t]*(\d+\.\d+\.\d+)[ \t]*\*/)?", re.M)
_DEFINE = lazy_re(r"^[ \t]*#[ \t]*define[ \t]+(\w+)((?:.*\\\n)*.*)", re.M)
CONST = lazy_re(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")
_CALL = lazy_re(r"(\w+)->(\w*[dD]river)->(\w+)\)?\s*\(")
_ADMIN_CALL = lazy_re(r"\bremoteAdmin(\w+)\s*\(")
_SINCE = lazy_re(r"\bSince:\s*(\d+\.\d+\.\d+)")
_AT = lazy_re(r"@(\w+)\s*:")
_MASK_TAIL = lazy_re(r",\s*(?:-?\d+|\w+)\s*\)\s*;\s*(?:/\*.*)?$")
_MASK_BODY = lazy_re(r"^[\sA-Z0-9_|()]*$")


class _Text:
    """A side of a hunk as one string, with the way back from an offset to its line."""

    def __init__(self, side):
        self.side = side
        self.text = "\n".join(ln.text for ln in side)
        self._starts = None

    def line(self, offset):
        if self._starts is None:
            self._starts, pos = [], 0
            for ln in self.side:
                self._starts.append(pos)
                pos += len(ln.text) + 1
        return bisect.bisect_right(self._starts, offset) - 1


def _is_api_file(path):
    """src/libvirt.c, src/libvirt-*.c (the public API), src/admin/libvirt-admin.c."""
    if path == "src/admin/libvirt-admin.c":
        return True
    return path.startswith("src/libvirt") and path.endswith(".c") and path.count("/") == 1


def read_code(fd, model, idx):
    api_file = _is_api_file(fd.path)
    remote = fd.path == "src/remote/remote_driver.c"
    driver = fd.path.split("/")[1] if fd.path.count("/") >= 2 else ""
    for hunk in fd.hunks:
        side = hunk.new_side()
        if not any(ln.kind == "+" for ln in side):
            continue
        for ln in hunk.lines:
            if ln.kind == "-" and "." in ln.text and "=" in ln.text:
                m = _ENTRY.match(ln.text)
                if m:
                    model.drop(("entry", fd.path, m.group(1)), idx)
        t = _Text(side)
        if "virCheckFlags" in t.text:
            _masks(t, model)
        if "#" in t.text and "define" in t.text and "VIR_" in t.text:
            for m in _DEFINE.finditer(t.text):
                names = set(CONST.findall(m.group(2)))
                if names:
                    model.mask_macros.setdefault(m.group(1), set()).update(names)
        _mask_head(side, model)
        if "\\\n" in t.text:
            _macro_lines(side, model)
        # definitions and table entries, found in the hunk's text at once (a C file with
        # neither costs two searches, not a loop over its lines)
        if api_file or model.functions or remote:
            for m in _DEF_START.finditer(t.text):
                k = t.line(m.start())
                if side[k].kind != "+":
                    continue
                d = _DEF_NAME.match(side[k].text)
                if d and (api_file or d.group(1) in model.functions):
                    _definition(side, k, d.group(1), fd.path, idx, model)
                elif remote:
                    _remote_function(side, k, model)
        if " ." in t.text or "\t." in t.text:
            _entries(t, fd.path, driver, idx, model)
        if api_file and "@flags" in t.text:
            for k, ln in enumerate(side):
                if ln.kind == "+" and "@flags" in ln.text and " * " in ln.text:
                    _flags_doc(side, k, model)


def _entries(t, path, driver, idx, model):
    """The driver-table entries the hunk adds (``.domainFoo = qemuDomainFoo, /* x.y.z */``)."""
    for m in _ENTRY.finditer(t.text):
        ln = t.side[t.line(m.start())]
        if ln.kind != "+":
            continue
        e = Entry(m.group(1), path, idx, anchor(ln))
        e.function, e.version, e.driver = m.group(2), m.group(3), driver
        model.entries.setdefault(e.name, []).append(e)
        model.introduced.setdefault(("entry", path, e.name), idx)
        model.step(idx, "remote protocol" if driver == "remote" else f"{driver} driver", path)


def _masks(t, model):
    """The constants of every ``virCheckFlags()`` mask the hunk shows.  (Found with plain
    string searches: nearly every driver function has one, and the usual
    ``virCheckFlags(0, -1)`` costs no regular expression.)"""
    text = t.text
    at = text.find("virCheckFlags")
    while at >= 0:
        i = at + len("virCheckFlags")
        if text.startswith("Goto", i):
            i += 4
        while i < len(text) and text[i] in " \t\n":
            i += 1
        if i < len(text) and text[i] == "(" and (at == 0 or not _word(text[at - 1])):
            mask = first_argument(text, i + 1, 2000)
            if "_" in mask:
                if "/*" in mask:
                    mask = re.sub(r"/\*.*?\*/", " ", mask, flags=re.S)
                model.accepted.update(CONST.findall(mask))
        at = text.find("virCheckFlags", i)


def _word(ch):
    return ch.isalnum() or ch == "_"




def _macro_lines(side, model):
    """Lines of a multi-line ``#define`` of flags whose first line is above the hunk
    (``     VIR_MIGRATE_ZEROCOPY | \\``): their constants are in a mask macro."""
    for ln in side:
        text = ln.text.rstrip()
        if text.endswith("\\") and "VIR_" in text and _MASK_BODY.match(text[:-1]):
            model.mask_macros.setdefault("", set()).update(CONST.findall(text))


def _mask_head(side, model):
    """A hunk that starts inside a mask spread over several lines (``A |`` lines, then
    ``B, -1);``): the mask's call is above the hunk, its constants are in it."""
    if not side or not side[0].text.lstrip(" \t(").startswith("VIR_"):
        return
    names = []
    for ln in side[:12]:
        text = ln.text.split("/*")[0]
        tail = _MASK_TAIL.search(text)
        body = text[:tail.start()] if tail else text
        if not _MASK_BODY.match(body) or not body.strip():
            return
        names += CONST.findall(body)
        if tail:
            model.accepted.update(names)
            return


def _params(text):
    """Parameter names of a parameter list's text (between its parentheses)."""
    out, depth, cur = [], 0, ""
    for ch in text + ",":
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            cur = re.sub(r"\b(?:G_GNUC_\w+|ATTRIBUTE_\w+)", "", cur)
            m = re.search(r"\(\s*\*\s*(\w+)\s*\)", cur) or re.search(r"(\w+)\s*(?:\[\w*\])?\s*$",
                                                                      cur)
            if m and m.group(1) != "void":
                out.append(m.group(1))
            cur = ""
        else:
            cur += ch
    return tuple(out)


def _definition(side, k, name, path, idx, model):
    """A function defined at ``side[k]`` (its name's line): params, doc comment, calls."""
    header, depth, j = "", 0, k
    start = side[k].text.index(name) + len(name)
    for j in range(k, min(k + 40, len(side))):
        piece = side[j].text[start if j == k else 0:]
        for i, ch in enumerate(piece):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and ch == ")":
                header += piece[:i + 1]
                break
        else:
            header += piece + " "
            continue
        rest = piece[i + 1:].strip() or (side[j + 1].text.strip() if j + 1 < len(side) else "")
        if not rest.startswith("{"):
            return                      # a prototype, not a definition
        break
    else:
        return
    impl = Impl(name, path, idx, None)
    impl.params = _params(header.strip()[1:-1])
    impl.doc, impl.documented, impl.flags_doc = None, set(), None
    impl.since = impl.since_line = None
    _doc(side, k, impl)
    impl.calls = []
    for b in range(j + 1, min(j + 600, len(side))):
        text = side[b].text
        if text.startswith("}"):
            break
        if "river->" in text:
            impl.calls += [(m.group(2), m.group(3)) for m in _CALL.finditer(text)]
        elif "remoteAdmin" in text:             # the admin API calls its client directly
            impl.calls += [("admin", m) for m in _ADMIN_CALL.findall(text)]
    model.impls[name] = impl
    model.step(idx, "implementation", path)


def _remote_function(side, k, model):
    """A function the remote driver defines by hand (not generated from the protocol): it
    may serve its API without a procedure of its own (keepalive, the transport's own
    properties, a call of another procedure)."""
    m = re.match(r"(?:[A-Za-z_][\w \t*]*?[\s*])?(remote\w+)\s*\(", side[k].text)
    if m:
        model.remote_defs.add(m.group(1))


def _doc(side, k, impl):
    """The ``/** ... */`` comment right above the definition at ``side[k]``."""
    j = k - 1
    while j >= 0 and k - j <= 3 and side[j].text.strip() not in ("*/", "") and \
            not side[j].text.rstrip().endswith(("*/", ";", "}")):
        j -= 1
    if j < 0 or not side[j].text.rstrip().endswith("*/"):
        return
    lines = []
    for i in range(j, max(j - 1000, -1), -1):
        lines.append(side[i])
        if side[i].text.lstrip().startswith("/*"):
            break
    else:
        return
    impl.doc = True
    flags_at = None
    for ln in reversed(lines):
        impl.documented.update(_AT.findall(ln.text))
        m = _SINCE.search(ln.text)
        if m:
            impl.since, impl.since_line = m.group(1), anchor(ln)
        if impl.flags_doc is None and flags_at is None and "@flags" in ln.text and \
                re.search(r"@flags\s*:", ln.text):
            flags_at = ln.text.split(":", 1)[1] if ":" in ln.text else ""
        elif flags_at is not None and "@" not in ln.text and ln.text.strip(" */"):
            flags_at += " " + ln.text.strip(" *")
        elif flags_at is not None:
            impl.flags_doc, flags_at = flags_at, None
    if flags_at is not None:
        impl.flags_doc = flags_at


def _flags_doc(side, k, model):
    """An ``@flags`` line the series adds to the doc of a function it does not add."""
    for i in range(k - 1, max(k - 40, -1), -1):
        m = re.match(r"\s*\*\s*(vir\w+)\s*:\s*$", side[i].text)
        if m:
            model.doc_flags[m.group(1)] = (side[k].text.split("@flags", 1)[1], anchor(side[k]))
            return
        if side[i].text.lstrip().startswith("/*"):
            return
