"""Gather one patch's API facts into the series' :class:`~patchlint.apimodel.ApiModel`.

The engine calls :func:`collect` for every patch while its hunks are alive, before the rules
run on it.  Only the files an API step lives in are read, each by what its path says it is:
public headers (declarations, flag constants), ``.syms`` files (exports, version sections),
the public API files (definitions, doc comments, driver calls), ``src/driver-*.h`` (callback
typedefs and members), ``*_protocol.x`` (procedures), C files under ``src/`` (driver-table
entries, ``virCheckFlags()`` masks, mask macros), virsh, its manual, ``NEWS.rst`` and
``meson.build``.  Everything is read from the raw text of the new side (no lexing: a hook pays
for every millisecond), and only facts are kept, with detached copies of the few lines a
finding may point at (:func:`anchor`).
"""

from __future__ import annotations

import re

from .apicode import CONST, read_code
from .apimodel import Export, Fact, Flag, Section, anchor
from .c.enums import added_flag_constants
from .lazyre import lazy_re

_DECL = lazy_re(r"^(?!typedef\b|extern\b)(?:[A-Za-z_][\w \t*]*?[\s*])?(vir[A-Z]\w*)\s*\(")
_CONSTANT = lazy_re(r"^\s*(VIR_[A-Z0-9_]+)\s*[=,]")
_SYMBOL = lazy_re(r"^\s+([A-Za-z_]\w*)\s*;")
_SECTION = lazy_re(r"^(LIBVIRT_(?:[A-Z]+_)?(\d+\.\d+\.\d+))\s*\{")
_SECTION_END = lazy_re(r"^\}\s*(LIBVIRT_[A-Z_]*\d+\.\d+\.\d+)?\s*;")
_TYPEDEF = lazy_re(r"\(\s*\*\s*(virDrv\w+)\s*\)")
_MEMBER = lazy_re(r"^\s+(virDrv\w+)\s+(\w+)\s*;")
_PROC = lazy_re(r"^\s*((?:REMOTE|QEMU|LXC|ADMIN)_PROC_)([A-Z0-9_]+)\s*=\s*(\d+)")
_VIR_CALL = lazy_re(r"\b(vir[A-Z]\w*)\s*\(")
_VERSION_LINE = lazy_re(r"\bversion\s*:\s*'(\d+\.\d+\.\d+)'"
                        r"|AC_INIT\(\[libvirt\],\s*\[(\d+\.\d+\.\d+)")
_FLAGS_ENUM = lazy_re(r"Flags?$|FlagValues$")
_ALIAS = lazy_re(r"=\s*\(?\s*[A-Z_][A-Z0-9_]*\s*\)?\s*,?\s*(?:/\*.*)?$")
_SYMS = ("src/libvirt_public.syms", "src/libvirt_qemu.syms", "src/libvirt_lxc.syms",
         "src/admin/libvirt_admin_public.syms")


def collect(patch, model):
    """Add what ``patch`` holds to ``model`` (see the module's docstring)."""
    info = patch.subject_info
    if patch.kind == "quoted":
        model.trimmed = True
    if info.number is not None and info.total:
        model.numbers.add(info.number)
        model.total = max(model.total or 0, info.total)
    if patch.is_cover:
        return
    # the patch's place in the series: a message index is not one (each commit of a --git
    # range is an input of its own, message 1)
    model.current += 1
    idx = model.current
    files = [fd for fd in patch.files if fd.path and fd.hunks and not fd.is_binary]
    # the headers first: a definition elsewhere is judged by what they declare
    files.sort(key=lambda fd: not fd.path.startswith("include/"))
    for fd in files:
        if fd.images is not None and not fd.is_new:
            model.within = True
        if not fd.is_new and len(model.based) < 16:
            model.based.append((fd.path, fd.old_blob, fd.new_blob))
        reader = _reader(fd.path)
        if reader is not None:
            reader(fd, model, idx)
    if any(fd.path.startswith("include/libvirt/") for fd in files):
        _flags(patch, model, idx)


def _reader(path):
    if path.startswith("include/libvirt/") and path.endswith((".h", ".h.in")):
        return _header
    if path in _SYMS:
        return _syms
    if path.startswith("src/driver") and path.endswith(".h"):
        return _driver_header
    if path.endswith("_protocol.x"):
        return _protocol
    if path.startswith("src/") and path.endswith((".c", ".h")):
        return read_code
    if path.startswith("tools/virsh") and path.endswith(".c"):
        return _virsh
    if path in ("docs/manpages/virsh.rst", "tools/virsh.pod"):
        return _manpage
    if path in ("NEWS.rst", "docs/news.xml", "docs/news.html.in"):
        return _news
    if path in ("meson.build", "configure.ac"):
        return _meson
    if path == "src/remote_protocol-structs":
        return lambda fd, model, idx: model.step(idx, "remote protocol", fd.path)
    return None


# -- public headers ---------------------------------------------------------------------------

def _header(fd, model, idx):
    pre = None
    for hunk in fd.hunks:
        for ln in hunk.lines:
            if ln.kind == "-" and "VIR_" in ln.text:
                m = _CONSTANT.match(ln.text)
                if m:
                    model.drop(("const", m.group(1)), idx)
            if ln.kind == " " or "vir" not in ln.text:
                continue
            m = _DECL.match(ln.text)
            if not m or not _declares(hunk.lines, ln.index):
                continue
            name = m.group(1)
            if ln.kind == "-":
                model.gone.add(name)
                continue
            if fd.images is not None and not fd.is_new:
                if pre is None:
                    pre = "\n".join(fd.images[0])
                if re.search(rf"\b{name}\s*\(", pre):
                    model.gone.add(name)
            if name not in model.functions:
                model.functions[name] = Fact(name, fd.path, idx, anchor(ln))
                model.step(idx, "public API", fd.path)


def _declares(lines, k):
    """Does the statement starting at ``lines[k]`` end as a declaration (``...);``)?"""
    other = "+" if lines[k].kind == "-" else "-"
    seen = ""
    for ln in lines[k:k + 16]:
        if ln.kind == other:
            continue
        code = ln.text.split("/*")[0].rstrip()
        seen += code
        if code.endswith(";"):
            return ")" in seen
        if code.endswith(("{", "}")) or "*/" in ln.text:
            return False
    return False


def _flags(patch, model, idx):
    for c in added_flag_constants(patch):
        path = c.line.hunk.file.path
        if not path.startswith("include/libvirt/") or c.name.endswith("_LAST"):
            continue
        if c.enums and not any(_FLAGS_ENUM.search(n) for n in c.enums):
            continue                    # a set of bits, not flags (virDomainStatsTypes)
        if _ALIAS.search(c.line.text):
            continue                    # an old name for another constant
        side = c.line.hunk.new_side()
        opened = any(x.kind == "+" and re.match(r"\s*(typedef\s+)?enum\b", x.text)
                     for x in side[:c.line.hunk.side_index(c.line)])
        flag = Flag(c.name, path, idx, anchor(c.line))
        flag.enums, flag.new_enum = c.enums, opened
        model.flags.append(flag)
        model.introduced.setdefault(("const", c.name), idx)


# -- .syms ------------------------------------------------------------------------------------

def _syms(fd, model, idx):
    for hunk in fd.hunks:
        m = _SECTION.match(hunk.section or "")
        current = previous = m.group(1) if m else None
        opened = None
        for ln in hunk.new_side():
            text = ln.text
            m = _SECTION.match(text)
            if m:
                previous, current = current or previous, m.group(1)
                if ln.kind == "+":
                    opened = Section(current, fd.path, idx, anchor(ln))
                    opened.previous, opened.inherits, opened.closing = previous, None, None
                    model.sections[current] = opened
                continue
            m = _SECTION_END.match(text)
            if m:
                if opened is not None and opened.name == current and ln.kind == "+":
                    opened.inherits, opened.closing = m.group(1), anchor(ln)
                previous, current, opened = current, None, None
                continue
            m = _SYMBOL.match(text)
            if m and ln.kind == "+":
                e = Export(m.group(1), fd.path, idx, anchor(ln))
                e.section = current
                model.exports[e.name] = e
                model.step(idx, "public API", fd.path)
        for ln in hunk.lines:
            if ln.kind == "-":
                m = _SYMBOL.match(ln.text)
                if m:
                    model.unexported.add(m.group(1))


# -- src/driver-*.h and the protocols ---------------------------------------------------------

def _driver_header(fd, model, idx):
    for ln in fd.lines():
        if ln.kind == "-":
            m = _MEMBER.match(ln.text)
            if m:
                model.drop(("member", m.group(2)), idx)
            continue
        if ln.kind != "+":
            continue
        m = _TYPEDEF.search(ln.text)
        if m:
            model.typedefs[m.group(1)] = Fact(m.group(1), fd.path, idx)
            model.step(idx, "driver callback", fd.path)
        m = _MEMBER.match(ln.text)
        if m:
            model.members[m.group(2)] = Fact(m.group(1), fd.path, idx)
            model.step(idx, "driver callback", fd.path)


def _protocol(fd, model, idx):
    for hunk in fd.hunks:
        for ln in hunk.lines:
            m = _PROC.match(ln.text)
            if not m:
                continue
            prefix, number = m.group(1), int(m.group(3))
            name = prefix + m.group(2)
            if ln.kind == "-":
                model.drop(("proc", name), idx)
            if ln.kind == "+":
                if name not in model.procs:
                    model.procs[name] = Fact(number, fd.path, idx, anchor(ln))
                    model.introduced[("proc", name)] = idx
                model.step(idx, "remote protocol", fd.path)
            elif name not in model.procs:
                model.proc_seen[name] = number
    if fd.images is not None and not fd.is_new:
        for m in re.finditer(r"^\s*((?:REMOTE|QEMU|LXC|ADMIN)_PROC_\w+)\s*=\s*(\d+)",
                             "\n".join(fd.images[0]), re.M):
            model.proc_seen.setdefault(m.group(1), int(m.group(2)))


# -- C under src/: definitions, tables, masks -------------------------------------------------

# -- virsh, its manual, NEWS, meson.build -----------------------------------------------------

def _virsh(fd, model, idx):
    for ln in fd.added_lines():
        if "vir" in ln.text:
            for name in _VIR_CALL.findall(ln.text):
                model.virsh_calls.add(name)
                model.step(idx, "virsh", fd.path)
        if "VIR_" in ln.text:
            model.virsh_names.update(CONST.findall(ln.text))


def _manpage(fd, model, idx):
    if any(True for _ in fd.added_lines()):
        model.manpage = True
        model.step(idx, "virsh", fd.path)


def _news(fd, model, idx):
    added = "\n".join(ln.text for ln in fd.added_lines())
    if added.strip():
        model.news = (model.news or "") + added + "\n"


def _meson(fd, model, idx):
    for ln in fd.added_lines():
        m = _VERSION_LINE.search(ln.text)
        if m:
            model.meson = m.group(1) or m.group(2)
