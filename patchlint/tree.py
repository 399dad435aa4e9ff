"""Tree context: when a patch belongs to the git tree patchlint runs in, read the files it
changes, so that rules see whole functions, the comment a hunk starts in, and file headers.

The pre-image of each changed file comes from git by the blob id on the patch's ``index``
line; the post-image is that pre-image with the patch applied.  Each hunk is then widened, in
place, to the function around it (column-0 braces, libvirt's layout) and the file's header
is added as context, so a rule that needs an opening line, a function header or a copyright
notice finds it, while lexing stays bounded by what the patch touches.  Lines taken from the
tree are context lines: never judged, never reported as added.  When a blob is missing (the
patch is based elsewhere) or the patch does not apply to it, the file is left as the patch
shows it.
"""

from __future__ import annotations

from .config import work_tree
from .model import Hunk, Line

HEADER = 40          # lines of a file's start shown as context (its copyright notice)
REACH = 400          # lines to look for the start or end of the enclosing function


def attach(patches, cwd=None) -> int:
    """Widen the hunks of every file whose pre-image the repository has; how many files."""
    files = [fd for p in patches for fd in p.files
             if not fd.is_binary and fd.hunks and (fd.old_blob or fd.is_new)]
    wanted = [fd for fd in files if not fd.is_new and fd.old_blob and set(fd.old_blob) != {"0"}]
    if not files:
        return 0
    if work_tree(cwd or ".") is None:
        return 0                    # not in a git work tree: no git to ask (and no process)
    blobs = _cat_blobs([fd.old_blob for fd in wanted], cwd) if wanted else {}
    if blobs is None:
        return 0
    done = 0
    for fd in files:
        if fd.is_new:
            old = []
        else:
            data = blobs.get(fd.old_blob)
            if data is None:
                continue
            old = data.decode("utf-8", "surrogateescape").split("\n")
            if old and old[-1] == "":
                old.pop()
            if fd.patch is not None:
                # a file the tree had before the patch: the patch is this tree's
                fd.patch.tree = tree_at(work_tree(cwd or "."))
        new = _apply(old, fd)
        if new is None:
            continue
        fd.images = (old, new)          # the whole file, for patchlint.wholefile
        _widen(fd, old, new)
        done += 1
    return done


class Tree:
    """The git work tree a patch belongs to, for the rules that must look past the files the
    patch changes: a driver method whose body is in another file, a symbol declared somewhere
    in the tree, the header a ``.syms`` group names.

    What it reads is the work tree as it is on disk (with the series applied, when it was
    committed there, as in git's ``sendemail-validate`` hook and ``--git`` ranges of the
    branch checked out), not the commit the patch is based on: good enough to learn that
    something exists.  Files are read once per process; reading never fails (a file that
    cannot be read is one the tree does not have).
    """

    def __init__(self, root):
        self.root = root
        self._files = {}
        self._words = {}

    def __repr__(self):
        return f"<Tree {self.root}>"

    def read(self, path):
        """The lines of ``path`` (relative to the top of the tree), without their ends, or
        None when there is no such regular file."""
        import os  # noqa: PLC0415 (lazy: only a rule that looks past the patch reads the tree)
        full = os.path.join(self.root, path)
        try:
            st = os.lstat(full)
        except OSError:
            return None
        import stat  # noqa: PLC0415 (lazy, as above)
        if not stat.S_ISREG(st.st_mode):
            return None
        key = (st.st_mtime_ns, st.st_size)
        got = self._files.get(path)
        if got is not None and got[0] == key:
            return got[1]
        try:
            with open(full, encoding="utf-8", errors="surrogateescape") as f:
                lines = f.read().split("\n")
        except OSError:
            return None
        if lines and lines[-1] == "":
            lines.pop()
        self._files[path] = (key, lines)
        return lines

    def exists(self, path) -> bool:
        return self.read(path) is not None

    def listdir(self, directory):
        """The names of the regular files in ``directory`` (sorted), or []."""
        import os  # noqa: PLC0415 (lazy, as above)
        try:
            names = os.listdir(os.path.join(self.root, directory))
        except OSError:
            return []
        return sorted(n for n in names if os.path.isfile(os.path.join(self.root, directory, n)))

    def words(self, words, paths=("src", "include", "tools")):
        """Which of ``words`` (identifiers) occur as whole words in the tree's tracked files
        ``paths`` (git pathspecs: ``src/*.c`` is every ``.c`` file under ``src/``): one
        ``git grep`` for them all.  None when git cannot say."""
        paths = tuple(paths)
        seen = self._words.setdefault(paths, {})
        wanted = sorted(set(words) - set(seen))
        if wanted:
            import subprocess  # noqa: PLC0415 (lazy: as above)
            args = ["git", "grep", "-h", "-o", "-w", "-F", "-I"]
            for w in wanted:
                args += ["-e", w]
            try:
                r = subprocess.run([*args, "--", *paths], capture_output=True, cwd=self.root,
                                   timeout=60)
                found = set(r.stdout.decode("utf-8", "replace").split()) \
                    if r.returncode in (0, 1) else None
            except (OSError, subprocess.SubprocessError):
                found = None
            if found is None:
                return None
            for w in wanted:
                seen[w] = w in found
        return {w for w in words if seen.get(w)}


_TREES = {}


def tree_at(root):
    """The :class:`Tree` of the work tree at ``root`` (one per process), or None."""
    if root is None:
        return None
    t = _TREES.get(root)
    if t is None:
        t = _TREES[root] = Tree(root)
    return t


def _cat_blobs(ids, cwd):
    """{id: bytes} for the blobs git has; None when this is no git repository."""
    import subprocess  # noqa: PLC0415 (lazy: git, only when a patch is of this tree)
    try:
        r = subprocess.run(["git", "cat-file", "--batch"], input="\n".join(ids).encode() + b"\n",
                           capture_output=True, cwd=cwd, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if r.returncode != 0:
        return None
    out = {}
    data = r.stdout
    pos = 0
    for want in ids:
        nl = data.find(b"\n", pos)
        if nl < 0:
            break
        head = data[pos:nl].split()
        pos = nl + 1
        if len(head) == 2 and head[1] == b"missing" or len(head) < 3:
            continue
        size = int(head[2])
        if head[1] == b"blob":
            out[want] = data[pos:pos + size]
        pos += size + 1
    return out


def _apply(old, fd):
    """The post-image: ``old`` with the file's hunks applied; None when they do not fit."""
    new = []
    at = 0                                          # next old line (0-based) to copy
    for h in fd.hunks:
        start = max(h.old_start - 1, 0) if h.old_len else h.old_start
        if start < at or start > len(old):
            return None
        new.extend(old[at:start])
        at = start
        for ln in h.lines:
            if ln.kind == "+":
                new.append(ln.text)
                continue
            if at >= len(old) or old[at] != ln.text:
                return None
            if ln.kind == " ":
                new.append(ln.text)
            at += 1
        if h.trimmed:
            return None
    new.extend(old[at:])
    return new


def _function_bounds(new, first, last):
    """The lines (0-based, in ``new``) of the functions around ``new[first..last]``."""
    lo = first
    for k in range(first - 1, max(first - REACH, -1), -1):
        t = new[k]
        if t.startswith("}"):
            break
        lo = k
        if t.startswith("{"):
            # keep the header above the brace
            for j in range(k - 1, max(k - 30, -1), -1):
                if not new[j].strip() or new[j].startswith(("}", "#")) or \
                        new[j].rstrip().endswith(";"):
                    break
                lo = j
            break
    else:
        lo = max(first - 3, 0)
    hi = last
    for k in range(last + 1, min(last + REACH, len(new))):
        hi = k
        if new[k].startswith("}"):
            break
    else:
        hi = min(last + 3, len(new) - 1)
    return lo, hi


def _widen(fd, old, new):
    """Replace the file's hunks with one or more wider ones over the same changes."""
    # where each original hunk sits in the post-image
    spans = []
    for h in fd.hunks:
        first = h.new_start - 1 if h.new_len else h.new_start
        spans.append((h, max(first, 0), max(first, 0) + h.new_len - 1))
    wins = []
    if fd.hunks:
        wins.append((0, min(HEADER, len(new)) - 1))
    for _, first, last in spans:
        lo, hi = _function_bounds(new, first, max(last, first))
        wins.append((lo, hi))
    wins = [w for w in wins if w[1] >= w[0]]
    wins.sort()
    merged = []
    for w in wins:
        if merged and w[0] <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], w[1]))
        else:
            merged.append(w)
    # every original hunk must fall inside one window (told before any line is moved: a
    # line left pointing at a hunk given up would be lexed and read in the wrong one)
    plan = []
    pending = list(spans)
    for lo, hi in merged:
        # a window with no hunk inside is the file's header alone: context for the rules
        inside = [s for s in pending if s[1] >= lo and s[2] <= hi]
        pending = [s for s in pending if s not in inside]
        plan.append((lo, hi, inside))
    if pending:
        return                                  # should not happen: keep the patch's view
    out = []
    offset_before = _offsets(fd)           # new line index -> old line number of context
    for lo, hi, inside in plan:
        hunk = Hunk(fd, 0, 0, lo + 1, 0, "", inside[0][0].src_no if inside else None)
        hunk.section = inside[0][0].section if inside else ""
        k = lo
        for h, first, _ in inside:
            _context(hunk, new, k, first, offset_before)
            for ln in h.lines:
                ln.hunk = hunk
                hunk.lines.append(ln)
            k = first + h.new_len
        _context(hunk, new, k, hi + 1, offset_before)
        if not hunk.lines:
            continue
        olds = [ln.old_no for ln in hunk.lines if ln.old_no]
        hunk.old_start = min(olds) if olds else 0
        hunk.old_len = sum(1 for ln in hunk.lines if ln.kind != "+")
        hunk.new_len = sum(1 for ln in hunk.lines if ln.kind != "-")
        for i, ln in enumerate(hunk.lines):
            ln.index = i
        out.append(hunk)
    fd.hunks = out


def _offsets(fd):
    """old = new + shift, where shift is what the hunks before a point removed minus added."""
    marks = []
    shift = 0
    for h in fd.hunks:
        first = h.new_start - 1 if h.new_len else h.new_start
        marks.append((first, shift))
        shift += h.old_len - h.new_len
        marks.append((first + h.new_len, shift))
    return marks


def _context(hunk, new, a, b, marks):
    """Append new[a:b] to ``hunk`` as context lines taken from the tree."""
    for k in range(a, b):
        shift = 0
        for pos, s in marks:
            if pos <= k:
                shift = s
        ln = Line(" ", new[k], "\n", k + 1 + shift, k + 1, None, hunk, 0)
        hunk.lines.append(ln)
