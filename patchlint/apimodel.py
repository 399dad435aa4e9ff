"""The new public API of a series: the facts its patches add, gathered as they stream by.

libvirt adds an API in steps (``docs/api_extension.rst``): the declaration in a public header,
the export in a ``.syms`` version section, the implementation in ``src/libvirt-*.c`` with its
``Since:`` tag, the driver callback typedef and struct member, the remote procedure and the
remote driver's table entry, virsh, each driver's table entry with its ``/* x.y.z */`` comment.
The series rules (``api-incomplete``, ``api-version-mismatch``, ``flag-not-accepted``) and
``split-patch`` judge those steps across a whole series; none of them parses a patch: they read
an :class:`ApiModel`, given to a rule that names an ``api`` parameter.

Where it is gathered: patches are checked one at a time and each patch's files are let go once
it is reported (:meth:`~patchlint.model.Patch.shed`), so the engine hands each patch to
:func:`patchlint.apicollect.collect` while its hunks are alive, before the rules run on it
(:meth:`patchlint.engine.Runner.check`).  The model lives in ``patch.shared`` (one per input,
or per ``--git`` range), so it grows over the series; the series rules read it once the last
patch is in (:meth:`~patchlint.engine.Runner.check_series`).

What it keeps: plain facts (names, paths, versions, numbers) and, for the few lines a finding
may be anchored at (a declaration, an export, a ``Since:`` line, a table entry, a flag
constant), a detached copy of the line with the lines around it
(:func:`patchlint.apicollect.anchor`): the shed patch's files are not kept alive by it.

The tree: when patchlint runs inside the git work tree a series belongs to (a changed file's
pre-image was read from it, :mod:`patchlint.tree`), :attr:`ApiModel.tree` reads the tree's
current files for what the series does not show (:mod:`patchlint.apitree`): the ``.syms``
sections, the driver tables and ``virCheckFlags()`` masks, ``meson.build``'s version.
"""

from __future__ import annotations

import re

from .apitree import Tree, version
from .model import FileDiff, Hunk, Line

KEY = "api-model"           # its place in Patch.shared


def anchor(line, around=3):
    """A copy of ``line`` in a hunk of its own holding the lines around it, in a file of its
    own that belongs to the same patch: what a finding needs to show it, without keeping the
    patch's files alive once they are shed."""
    hunk = line.hunk
    lines = hunk.lines
    k = line.index if line.index < len(lines) and lines[line.index] is line else \
        next(i for i, x in enumerate(lines) if x is line)
    fd = hunk.file
    stub = FileDiff(fd.patch, fd.old_path, fd.new_path, is_new=fd.is_new,
                    is_deleted=fd.is_deleted, is_rename=fd.is_rename)
    window = lines[max(0, k - around):k + around + 1]
    olds = [x.old_no for x in window if x.old_no]
    news = [x.new_no for x in window if x.new_no]
    h = Hunk(stub, olds[0] if olds else hunk.old_start, sum(1 for x in window if x.kind != "+"),
             news[0] if news else hunk.new_start, sum(1 for x in window if x.kind != "-"),
             hunk.section, hunk.src_no)
    got = None
    for i, x in enumerate(window):
        copy = Line(x.kind, x.text, x.eol, x.old_no, x.new_no, x.src_no, h, i)
        h.lines.append(copy)
        if x is line:
            got = copy
    stub.hunks = [h]
    return got


class Fact:
    """One fact of the series: its ``name``, the ``path`` it is in, the ``patch`` that added
    it (its number in the series, see :attr:`ApiModel.current`), and ``line``: its anchor (a
    detached Line) or None."""

    __slots__ = ("name", "path", "patch", "line")

    def __init__(self, name, path, patch, line=None):
        self.name = name
        self.path = path
        self.patch = patch
        self.line = line

    def __repr__(self):
        return f"<{type(self).__name__} {self.name} {self.path}>"


class Export(Fact):
    """A symbol added to a ``.syms`` file, in ``section`` (its name, or None if unknown)."""

    __slots__ = ("section",)


class Section(Fact):
    """A version section a ``.syms`` file gains: ``inherits`` (the section it names at its
    end), ``previous`` (the section right above it, when seen)."""

    __slots__ = ("inherits", "previous", "closing")


class Impl(Fact):
    """A function definition: its ``params``, its doc comment (``doc``: one was seen;
    ``documented``: the ``@names`` it documents; ``flags_doc``: what ``@flags`` says;
    ``since`` with its line ``since_line``), and the driver callbacks its body calls
    (``calls``: ``[(driver field, member)]``, e.g. ``("driver", "domainFoo")``)."""

    __slots__ = ("params", "doc", "documented", "flags_doc", "since", "since_line", "calls")


class Entry(Fact):
    """A driver-table entry ``.member = function, /* x.y.z */``: ``name`` is the member,
    ``function`` the implementing function, ``version`` the comment's (or None), ``driver``
    the directory under src/ (``qemu``, ``remote``, ``test``...)."""

    __slots__ = ("function", "version", "driver")


class Flag(Fact):
    """A constant added to a public flags enum: ``enums`` the names the enum goes by,
    ``new_enum`` whether the series adds the enum itself."""

    __slots__ = ("enums", "new_enum")


class ApiModel:
    """What a series adds to libvirt's API, and where (see the module's docstring).

    Each dict is keyed by name; the rules read them through the helpers below."""

    def __init__(self):
        self.functions = {}     # declared on an added line of include/libvirt/*.h: Fact
        self.gone = set()       # names on removed declarations, or in a header's pre-image
        self.exports = {}       # symbol -> Export
        self.unexported = set()  # symbols a .syms file loses
        # what removed lines held: ("const", name), ("entry", path, member), ("proc", name),
        # ("member", name); the same thing on an added line is a change, not an addition
        self.removed = set()
        self.introduced = {}    # the same keys, for what an added line brought: patch index
        self.sections = {}      # section name -> Section (added by the series)
        self.impls = {}         # function -> Impl
        self.doc_flags = {}     # function whose @flags doc the series changes -> (text, line)
        self.typedefs = {}      # virDrvFoo -> Fact
        self.members = {}       # driver struct member -> Fact (name: its typedef)
        self.procs = {}         # REMOTE_PROC_FOO -> Fact (name: the number, as an int)
        self.proc_seen = {}     # procedures on context or removed lines (or the pre-image)
        self.entries = {}       # member -> [Entry] (added table entries)
        self.flags = []         # [Flag]
        self.accepted = set()   # names inside the virCheckFlags() masks the series shows
        self.mask_macros = {}   # macro -> names in its body (a #define of a flags mask)
        self.remote_defs = set()    # functions the remote driver defines by hand
        self.virsh_calls = set()    # public functions an added virsh line calls
        self.virsh_names = set()    # VIR_ constants added virsh lines use
        self.manpage = False    # the series adds to docs/manpages/virsh.rst
        self.news = None        # the text the series adds to NEWS.rst (None: nothing)
        self.meson = None       # the version the series gives meson.build
        self.current = 0        # the patch being read: its number in the series (1, 2, ...)
        self.steps = {}         # patch number -> {step: set of paths} (split-patch)
        self.numbers = set()    # "n" of the "[PATCH n/m]" seen
        self.total = None       # "m"
        self.trimmed = False    # a patch quoted in a reply: parts are unknown
        self.based = []         # (path, old blob, new blob) of changed files, for the tree
        self.within = False     # a changed file's pre-image was read from the tree
        self._tree = None

    # -- the series as a whole ---------------------------------------------------------
    @property
    def whole(self) -> bool:
        """Does the input hold the whole series?  Not when it is one patch of a numbered
        series (the send-email hook checks one mail at a time) or a quoted one: what the
        other patches hold is unknown then, and a missing step may well be there."""
        if self.trimmed:
            return False
        if self.total and self.total > 1:
            return set(range(1, self.total + 1)) <= self.numbers
        return True

    @property
    def tree(self):
        """The tree's facts (:class:`patchlint.apitree.Tree`), or None when the series does
        not belong to the git work tree patchlint runs in."""
        if not self.within:
            return None
        if self._tree is None:
            self._tree = Tree(self)
            if self._tree.root is None:
                self.within = False
                return None
        return self._tree

    # -- what the series adds ----------------------------------------------------------
    def new_functions(self):
        """The public functions the series declares that did not exist before it."""
        return [f for n, f in self.functions.items() if n not in self.gone]

    def drop(self, key, patch):
        """A removed line held ``key``: what the same patch adds again is a rewrite, not an
        addition; what an earlier patch of the series added stays new (a later patch of the
        series reworking its line does not make it old)."""
        if self.introduced.get(key, patch) == patch:
            self.removed.add(key)

    def new_flags(self):
        """The flag constants the series adds (not those it only rewrites)."""
        return [f for f in self.flags if ("const", f.name) not in self.removed]

    def new_entries(self, member):
        """The table entries the series adds for a driver member (not those it rewrites)."""
        return [e for e in self.entries.get(member, ())
                if ("entry", e.path, e.name) not in self.removed]

    def new_procs(self):
        """The remote procedures the series adds (not those whose line it only rewrites)."""
        return {n: p for n, p in self.procs.items() if ("proc", n) not in self.removed}

    def proc_top(self, prefix):
        """The highest number of the protocol's procedures that the series does not add."""
        new = self.new_procs()
        return max((n for p, n in self.proc_seen.items()
                    if p.startswith(prefix) and p not in new), default=0)

    def member_of(self, name):
        """The driver member a public function calls (from its implementation), else the
        one libvirt's naming gives it (virDomainFoo -> domainFoo)."""
        if name.startswith("virAdm"):
            return callback_name("vir" + name[6:])
        impl = self.impls.get(name)
        if impl is not None and impl.calls:
            return impl.calls[0][1]
        return callback_name(name)

    def needs_driver(self, name) -> bool:
        """Does the function hand its work to a driver callback?  Unknown (no
        implementation seen) counts as yes, except for the admin API (no drivers)."""
        if name.startswith("virAdm"):
            return False
        impl = self.impls.get(name)
        return impl is None or any(field != "admin" for field, _ in impl.calls)

    def remoted(self, name) -> bool:
        """Does the function need a remote procedure?  Streams move data, they have none;
        the admin API needs one when it calls its client (``remoteAdmin...()``)."""
        impl = self.impls.get(name)
        if name.startswith("virAdm"):
            return impl is None or any(field == "admin" for field, _ in impl.calls)
        return self.needs_driver(name) and not self.member_of(name).startswith("stream")

    def accepts(self, const) -> bool:
        """Does a virCheckFlags() mask, or a mask macro, of the series name ``const``?"""
        if const in self.accepted:
            return True
        return any(const in names for names in self.mask_macros.values())

    # -- the series, and the tree behind it ---------------------------------------------
    def implementations(self, member):
        """``[(driver, function)]`` of the driver tables that name ``member``: the entries the
        series adds, and the tree's (``driver`` is the directory under src/)."""
        out = [(e.driver, e.function) for e in self.entries.get(member, ())]
        tree = self.tree
        if tree is not None:
            for path, _, text in tree.grep(member):
                m = re.match(rf"\s+\.{member}\s*=\s*(\w+)", text)
                if m and path.startswith("src/") and path.count("/") >= 2:
                    got = (path.split("/")[1], m.group(1))
                    if got not in out:
                        out.append(got)
        return out

    def in_tree(self, word, paths, pattern):
        """Does the tree hold ``word`` in a file whose path starts with one of ``paths``, on
        a line ``pattern`` (a regular expression, ``{w}`` standing for the word) matches?"""
        tree = self.tree
        if tree is None:
            return False
        test = re.compile(pattern.replace("{w}", re.escape(word)))
        return any(path.startswith(paths) and test.search(text)
                   for path, _, text in tree.grep(word))

    def step(self, patch, name, path):
        """Record that ``patch`` holds a step of an API (split-patch reads them)."""
        self.steps.setdefault(patch, {}).setdefault(name, set()).add(path)


def callback_name(function):
    """libvirt's name for a public function's driver member: virDomainFoo -> domainFoo."""
    rest = function[3:] if function.startswith("vir") else function
    return rest[:1].lower() + rest[1:]


def proc_matches(proc, member, module):
    """Is ``proc`` (``REMOTE_PROC_DOMAIN_FOO``) the remote procedure of a driver ``member``
    (``domainFoo``)?  The qemu and lxc protocols leave their name out
    (domainQemuMonitorCommand -> QEMU_PROC_DOMAIN_MONITOR_COMMAND)."""
    want = member.lower()
    if module in ("qemu", "lxc"):
        want = want.replace(module, "", 1)
    body = proc.split("_PROC_", 1)[-1]
    return body.replace("_", "").lower() == want


PROC_PREFIX = {"qemu": "QEMU_PROC_", "lxc": "LXC_PROC_", "admin": "ADMIN_PROC_"}
SYMS_FILE = {"qemu": "src/libvirt_qemu.syms", "lxc": "src/libvirt_lxc.syms",
             "admin": "src/admin/libvirt_admin_public.syms"}
PROTOCOL_FILE = {"qemu": "src/remote/qemu_protocol.x", "lxc": "src/remote/lxc_protocol.x",
                 "admin": "src/admin/admin_protocol.x"}
DRIVER_FILE = {"network": "src/driver-network.h", "interface": "src/driver-interface.h",
               "storage": "src/driver-storage.h", "nodedev": "src/driver-nodedev.h",
               "secret": "src/driver-secret.h", "nwfilter": "src/driver-nwfilter.h",
               "stream": "src/driver-stream.h"}


def module_of(header):
    """The API module a public header declares: include/libvirt/libvirt-domain.h -> domain
    (``""`` for libvirt.h and the 2012 tree's libvirt.h.in)."""
    base = header.rsplit("/", 1)[-1]
    m = re.match(r"libvirt-([\w-]+)\.h", base)
    return m.group(1) if m else ""


def files_for(module):
    """Where each step of an API of ``module`` goes: {step: path}."""
    impl = "src/admin/libvirt-admin.c" if module == "admin" else \
        f"src/libvirt-{module}.c" if module else "src/libvirt.c"
    return {"syms": SYMS_FILE.get(module, "src/libvirt_public.syms"), "impl": impl,
            "driver": DRIVER_FILE.get(module, "src/driver-hypervisor.h"),
            "protocol": PROTOCOL_FILE.get(module, "src/remote/remote_protocol.x"),
            "proc": PROC_PREFIX.get(module, "REMOTE_PROC_")}


__all__ = ["KEY", "ApiModel", "Entry", "Export", "Fact", "Flag", "Impl", "Section", "anchor",
           "callback_name", "files_for", "module_of", "proc_matches", "version"]
