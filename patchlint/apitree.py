"""What the git work tree says about an API, for what a series does not show.

A series that adds only a driver's implementation of an API, or a flag whose driver already
accepts it, is complete: the tree holds the rest.  :class:`Tree` answers the questions the
API rules ask of the tree patchlint runs in, reading its current files (the work tree, as the
series' author sees it):

* the ``.syms`` files, whole: which section exports a symbol (:meth:`Tree.section_of`);
* ``meson.build``'s version, the release being made (:meth:`Tree.version`), and whether the
  series is based on the tree as it is now (:meth:`Tree.current`: a changed file's blob on
  the patch's ``index`` line is the one at ``HEAD``), without which the tree's version says
  nothing of the series' (an old commit checked inside a newer tree);
* where words occur in ``src/``, ``include/``, ``tools/``, the virsh manual and
  ``NEWS.rst`` (:meth:`Tree.grep`): one ``git grep`` for all the words the rules need, asked
  for together (:meth:`Tree.want`), so a series costs one process, not one per question;
* whether a constant sits in a ``virCheckFlags()`` mask or a mask macro there
  (:meth:`Tree.in_mask`), and what a function's ``@flags`` documentation says
  (:meth:`Tree.flags_doc`).

Nothing is read unless a rule asks, and every file is read once.
"""

from __future__ import annotations

import re

from .c.parens import first_argument
from .config import work_tree
from .lazyre import lazy_re
from .tree import tree_at

_WHERE = ("src", "include", "tools", "docs/manpages/virsh.rst", "NEWS.rst")
_SYMS = ("src/libvirt_public.syms", "src/libvirt_qemu.syms", "src/libvirt_lxc.syms",
         "src/admin/libvirt_admin_public.syms")
_SECTION = lazy_re(r"^(LIBVIRT_(?:[A-Z]+_)?(\d+\.\d+\.\d+))\s*\{")
_SYMBOL = lazy_re(r"^\s+([A-Za-z_]\w*)\s*;")
_CHECK = lazy_re(r"\bvirCheckFlags(?:Goto)?\s*\(")
_CONST = lazy_re(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")


def version(text):
    """``"10.8.0"`` -> ``(10, 8, 0)``; None for anything else."""
    if not text:
        return None
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", text.strip())
    return tuple(int(x) for x in m.groups()) if m else None


class Tree:
    """The work tree a series belongs to (see the module's docstring)."""

    def __init__(self, model, cwd="."):
        # (the model is an ApiModel: what the series changed, for current())
        self.model = model
        self.root = work_tree(cwd)
        self._files = {}
        self._hits = {}
        self._wanted = set()
        self._syms = None
        self._current = None

    def read(self, path):
        """The lines of a file of the work tree (a list, [] when it is not there), from the
        process's one reader of the tree (:func:`patchlint.tree.tree_at`), which the other
        rules that look past a patch share."""
        got = self._files.get(path)
        if got is None:
            got = self._files[path] = tree_at(self.root).read(path) or []
        return got

    # -- versions ------------------------------------------------------------------------
    def version(self):
        """The version meson.build gives the project (the release being made), or None."""
        for line in self.read("meson.build")[:30]:
            m = re.search(r"\bversion\s*:\s*'(\d+\.\d+\.\d+)'", line)
            if m:
                return version(m.group(1))
        return None

    def current(self) -> bool:
        """Is the series based on (or already applied to) the tree's HEAD?"""
        if self._current is None:
            self._current = self._head_matches()
        return self._current

    def _head_matches(self):
        based = [(p, o, n) for p, o, n in self.model.based if o or n]
        if not based:
            return False
        out = _git(["ls-tree", "HEAD", "--", *{p for p, _, _ in based}], self.root)
        if out is None:
            return False
        head = {}
        for line in out.splitlines():
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if len(parts) == 3:
                head[path] = parts[2]
        for path, old, new in based:
            blob = head.get(path, "")
            if blob and any(b and len(b) >= 7 and blob.startswith(b) for b in (old, new)):
                return True
        return False

    # -- .syms -----------------------------------------------------------------------------
    def section_of(self, symbol):
        """The version section of a ``.syms`` file exporting ``symbol``, or None."""
        if self._syms is None:
            self._syms = {}
            for path in _SYMS:
                current = None
                for line in self.read(path):
                    m = _SECTION.match(line)
                    if m:
                        current = m.group(1)
                        continue
                    if line.startswith("}"):
                        current = None
                    m = _SYMBOL.match(line)
                    if m and current:
                        self._syms.setdefault(m.group(1), current)
        return self._syms.get(symbol)

    # -- words -----------------------------------------------------------------------------
    def want(self, words):
        """Words :meth:`grep` will be asked about: looked up together, in one git grep."""
        self._wanted.update(w for w in words if w not in self._hits)

    def grep(self, word):
        """``[(path, line number, text)]``: where ``word`` occurs in the tree."""
        if word not in self._hits:
            self._wanted.add(word)
            self._search()
        return self._hits.get(word, [])

    def _search(self):
        words = sorted(self._wanted)
        self._wanted = set()
        for w in words:
            self._hits[w] = []
        if not words:
            return
        out = _git(["grep", "-n", "-w", "-F", "-I", "--no-color", "-f", "-", "--",
                    *_WHERE], self.root, "\n".join(words) + "\n")
        if not out:
            return
        wanted = set(words)
        for line in out.splitlines():
            path, _, rest = line.partition(":")
            number, _, text = rest.partition(":")
            if not number.isdigit():
                continue
            for w in set(re.findall(r"\w+", text)) & wanted:
                self._hits[w].append((path, int(number), text))

    # -- flags -------------------------------------------------------------------------------
    def in_mask(self, const):
        """Is ``const`` accepted by a ``virCheckFlags()`` mask or named in a ``#define`` (a
        mask macro) of the tree's C sources?"""
        for path, number, _ in self.grep(const):
            if not path.startswith("src/") or not path.endswith((".c", ".h")):
                continue
            lines = self.read(path)
            k = number - 1
            j = k
            while j > 0 and lines[j - 1].rstrip().endswith("\\"):
                j -= 1
            if re.match(r"\s*#\s*define\b", lines[j] if j < len(lines) else ""):
                return True
            window = "\n".join(lines[max(0, k - 15):k + 1]) + "\n"
            for m in _CHECK.finditer(window):
                if const in _CONST.findall(first_argument(window, m.end())):
                    return True
        return False

    def flags_doc(self, function):
        """What the tree's documentation of ``function`` says of ``@flags`` (None: no
        documentation found, "" when it has no @flags)."""
        for path, number, text in self.grep(function):
            if not re.match(rf"\s*\*\s*{function}\s*:\s*$", text):
                continue
            lines = self.read(path)
            said = ""
            for line in lines[number:number + 60]:
                if "*/" in line:
                    break
                if "@flags" in line:
                    said = line.split("@flags", 1)[1]
            return said
        return None




def _git(args, cwd, data=None):
    """git's standard output, or None when it fails."""
    import subprocess  # noqa: PLC0415 (lazy: git, only for a series of this tree)
    try:
        r = subprocess.run(["git", *args], input=(data or "").encode(), capture_output=True,
                           cwd=cwd, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if r.returncode not in (0, 1):
        return None
    return r.stdout.decode("utf-8", "surrogateescape")
