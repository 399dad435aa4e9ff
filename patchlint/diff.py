"""Building the model of a unified diff: files, hunks and lines, from the scanner's sections.

:mod:`patchlint.diffscan` has found each file's header lines and hunks and repaired the damage;
here each file header is read once and the hunks become :class:`~patchlint.model.Hunk` and
:class:`~patchlint.model.Line` objects numbered on both sides.  unidiff reads what it reads
well, a file header: its paths, modes and ``/dev/null`` sides, and whether it is a header at
all.  What unidiff does not read is read here: the blob ids of an ``index`` line, a copy, git's
C-quoted paths, the ``a/`` and ``b/`` prefixes, and a file made or deleted by its only hunk
(unidiff is not shown the hunks, which are known already); binary data is the scanner's
finding, as it skipped it.
"""

from __future__ import annotations

import bisect
import re

from .diffscan import scan
from .lazyre import lazy_re
from .model import FileDiff, Hunk, Line, Problem

_INDEX_RE = lazy_re(r"^index ([0-9a-fA-F]+)\.\.([0-9a-fA-F]+)(?: (\d+))?")
# A hunk header with nothing in it, after a file's header lines: unidiff then says whether a
# hunk there has a file header to belong to ("Unexpected hunk found") in its own terms.
_HUNK_PROBE = "@@ -0,0 +0,0 @@\n"


def parse(lines, patch):
    """Parse diff text (a list of SrcLine) into ``patch.files``; add problems to the patch."""
    sections, problems = scan(lines)
    for sec in sections:
        pf = _unidiff_header(sec, problems)
        if pf is not None:
            patch.files.append(_file_diff(patch, sec, pf))
    # Attach each problem to the file and line it damaged, so findings can point there.
    if problems:
        _place_problems(patch, problems)
    patch.problems.extend(problems)


def _unidiff_header(sec, problems):
    """unidiff's reading of a section's header lines (a PatchedFile without hunks), or None:
    when unidiff finds no file in them, or refuses them (then a problem says why).

    Each file is read on its own: a file unidiff can't read is reported and the others are
    kept, and each file's hunks are sure to go with its headers.
    """
    from unidiff import PatchSet  # noqa: PLC0415 (lazy: start-up time; only a diff needs it)
    from unidiff.errors import UnidiffParseError  # noqa: PLC0415
    text = [h.text + "\n" for h in sec.header]
    if sec.hunks and not sec.binary:
        text.append(_HUNK_PROBE)
    try:
        files = PatchSet(text, metadata_only=True)
    except UnidiffParseError as e:
        problems.append(Problem(_unreadable(e), sec.src_no))
        return None
    return files[0] if files else None


def _unreadable(error) -> str:
    """What unidiff's complaint about a file's headers means to the user."""
    text = str(error).rstrip("\n")
    if text.startswith("Unexpected hunk found"):    # (it would quote our probe)
        return "unreadable diff: a hunk with no file header ('--- a/...', '+++ b/...') " \
               "before it"
    return f"unreadable diff: {text}"


def _file_diff(patch, sec, pf):
    """The FileDiff of a section, given unidiff's reading of its header."""
    old_path, new_path = _paths(sec, pf)
    counted = [] if sec.binary else [(h, *_counts(h)) for h in sec.hunks]
    # made or deleted: a /dev/null side, or the only hunk's side starts at 0 with no line
    only = counted[0] if len(counted) == 1 else None
    is_new = old_path is None or (only is not None and only[0].old_start == 0 and only[1] == 0)
    is_deleted = new_path is None \
        or (only is not None and only[0].new_start == 0 and only[2] == 0)
    old_path = old_path if old_path is not None else new_path
    new_path = new_path if new_path is not None else old_path
    old_blob, new_blob, is_copy = _index_and_copy(sec)
    # a change of name is a rename only in a git diff ("diff -u x.c.orig x.c" is none), and
    # a copy is not one
    is_rename = sec.git and not is_copy and not is_new and not is_deleted \
        and old_path != new_path
    fd = FileDiff(patch, old_path, new_path, is_new=is_new and not is_deleted,
                  is_deleted=is_deleted, is_rename=is_rename, is_copy=is_copy,
                  is_binary=sec.binary, old_mode=pf.source_mode, new_mode=pf.target_mode,
                  old_blob=old_blob, new_blob=new_blob, src_no=sec.src_no)
    fd.hunks = [_hunk(fd, text, old_len, new_len) for text, old_len, new_len in counted]
    return fd


def _paths(sec, pf):
    """(old path, new path) of a file, None for a /dev/null side: unidiff's, prefixes off."""
    old_raw, new_raw = pf.source_file, pf.target_file
    if sec.git and (not old_raw or not new_raw):
        # a "---"/"+++" line that names no file: the "diff --git" line does
        git_old, git_new = _git_line_paths(sec.header[0].text)
        old_raw = old_raw or git_old
        new_raw = new_raw or git_new
    old_path = _strip_prefix(old_raw, sec.git)
    new_path = _strip_prefix(new_raw, sec.git)
    if not sec.git and old_path and new_path:
        old_path, new_path = _plain_paths(old_path, new_path)
    return old_path, new_path


def _index_and_copy(sec):
    """(old blob id, new blob id, is a copy) from the git header lines unidiff leaves unread."""
    old_blob = new_blob = None
    is_copy = False
    for h in sec.header:
        im = _INDEX_RE.match(h.text)
        if im:
            old_blob, new_blob = im.group(1), im.group(2)
        if h.text.startswith("copy from "):
            is_copy = True
    return old_blob, new_blob, is_copy


def _counts(text):
    """(old, new) number of lines a scanned hunk holds: its header's counts, repaired."""
    old_len = new_len = 0
    for b in text.lines:
        c = b[0]
        if c == " ":
            old_len += 1
            new_len += 1
        elif c == "-":
            old_len += 1
        elif c == "+":
            new_len += 1
    return old_len, new_len


def _hunk(fd, text, old_len, new_len):
    """The model Hunk of a scanned hunk, each line numbered on its sides."""
    hunk = Hunk(fd, text.old_start, old_len, text.new_start, new_len, text.section,
                text.src_no, trimmed=text.trimmed)
    old_no, new_no = text.old_start, text.new_start
    out_lines = hunk.lines
    for kind, value, _, src in text.lines:
        if kind == "\\":
            if out_lines:
                out_lines[-1].eol = ""
            continue
        eol = "\n"
        if value.endswith("\r"):
            value = value[:-1]
            eol = "\r\n"
        if kind == "+":
            ln = Line(kind, value, eol, None, new_no, src, hunk, len(out_lines))
            new_no += 1
        elif kind == "-":
            ln = Line(kind, value, eol, old_no, None, src, hunk, len(out_lines))
            old_no += 1
        else:
            ln = Line(kind, value, eol, old_no, new_no, src, hunk, len(out_lines))
            old_no += 1
            new_no += 1
        out_lines.append(ln)
    return hunk


# -- paths ----------------------------------------------------------------------------------

_ESC = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def unquote_path(p: str) -> str:
    """Undo git's C-style quoting of a path ("a/caf\\303\\251.c")."""
    if len(p) < 2 or p[0] != '"' or p[-1] != '"':
        return p
    s = p[1:-1]
    out = bytearray()
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            nx = s[i + 1]
            if nx in "01234567" and i + 3 < len(s) + 1:
                digits = s[i + 1:i + 4]
                try:
                    out.append(int(digits, 8) & 0xFF)
                    i += 4
                    continue
                except ValueError:
                    pass
            if nx in _ESC:
                out.append(_ESC[nx])
                i += 2
                continue
        out.extend(ch.encode("utf-8", "surrogateescape"))
        i += 1
    return out.decode("utf-8", "surrogateescape")


_MNEMONIC = lazy_re(r"^[abciow12]/")


def _strip_prefix(path, git):
    if path is None:
        return None
    path = path.split("\t")[0]
    path = unquote_path(path.strip()) if path.strip().startswith('"') else path.rstrip()
    if path == "/dev/null":
        return None
    if git:
        return path[2:] if _MNEMONIC.match(path) else path
    return path


def _git_line_paths(text):
    """Paths from a 'diff --git a/x b/y' line (quoted or not; same name on both sides)."""
    rest = text[len("diff --git "):]
    if rest.startswith('"'):
        m = re.match(r'^("(?:[^"\\]|\\.)*")\s+(.*)$', rest)
        if m:
            return m.group(1), m.group(2)
    half = len(rest) // 2
    if len(rest) % 2 == 1 and rest[half] == " ":
        a, b = rest[:half], rest[half + 1:]
        if a[2:] == b[2:]:
            return a, b
    parts = rest.split(" ")
    if len(parts) == 2:
        return parts[0], parts[1]
    m = re.match(r"^(\S+) (\S.*)$", rest)
    return (m.group(1), m.group(2)) if m else (rest, rest)


def _plain_paths(old, new):
    """diff -u paths: drop a leading directory when both sides have one (like patch -p1)."""
    def first(p):
        return p.split("/", 1) if p and "/" in p else None
    fo, fn = first(old), first(new)
    if fo and fn and (fo[0] != fn[0] or (fo[0], fn[0]) == ("a", "b")):
        return fo[1], fn[1]
    return old, new



# -- where the damage is ---------------------------------------------------------------------

def _place_problems(patch, problems):
    """Attach each problem to the file, line or hunk that holds its input line."""
    spots = _spots(patch)
    if not spots:
        return
    keys = [s[0] for s in spots]
    for p in problems:
        if p.src_no is None:
            continue
        k = bisect.bisect_right(keys, p.src_no) - 1
        if k < 0:
            continue
        _, fd, ln, hunk = spots[k]
        p.file = fd
        p.line = ln
        if hunk is not None and p.number is None:
            p.number = hunk.new_start


def _spots(patch):
    """(input line, file, model line, hunk) of every header and line read, in input order."""
    spots = []
    for fd in patch.files:
        if fd.src_no is not None:
            spots.append((fd.src_no, fd, None, None))
        for h in fd.hunks:
            # a damaged (wrapped) @@ line belongs to its hunk, not to the previous hunk's end
            if h.src_no is not None:
                spots.append((h.src_no, fd, None, h))
            for ln in h.lines:
                if ln.src_no is not None:
                    spots.append((ln.src_no, fd, ln, None))
    spots.sort(key=lambda s: s[0])
    return spots
