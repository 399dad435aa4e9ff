"""Reading unified diffs: validate and repair the hunks, then let unidiff parse them.

unidiff is strict where mail damage is common (a line wrapped by a mailer raises) and lenient
where it should not be (extra lines past a hunk's count and malformed ``@@`` headers are dropped
silently).  So a first pass here walks the hunks itself, records every place where the text does
not match its headers as a :class:`~patchlint.model.Problem`, repairs what it can (a wrapped
line is joined back; a hunk's counts are made to match its lines), and hands unidiff a clean
diff along with a map from that diff's lines back to the user's input.

The same pass reads patches quoted in review replies: there a hunk may stop early (the reviewer
trimmed it), may be interrupted by comments, and may start with a bare ``+++ b/path``.
"""

from __future__ import annotations

import re

from .lazyre import lazy_re
from .model import FileDiff, Hunk, Line, Problem

HUNK_RE = lazy_re(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$")
_GIT_HEADER_RE = lazy_re(
    r"^(?:index [0-9a-fA-F]+\.\.[0-9a-fA-F]+|(?:new|deleted) file mode |old mode |new mode "
    r"|similarity index |dissimilarity index |rename (?:from|to) |copy (?:from|to) "
    r"|Binary files |GIT binary patch)")
_INDEX_RE = lazy_re(r"^index ([0-9a-fA-F]+)\.\.([0-9a-fA-F]+)(?: (\d+))?")
GAP_RE = lazy_re(r"^\s*(?:\[\s*(?:\.\.\.|…|snip)[^\]]*\]|\.\.\.|…|<\s*snip\s*>|\[\s*\])\s*$",
                     re.I)


class SrcLine:
    """A line of diff text and where it came from."""

    __slots__ = ("text", "eol", "src_no", "brk")

    def __init__(self, text, eol, src_no, brk=False):
        self.text = text
        self.eol = eol
        self.src_no = src_no
        self.brk = brk      # quoted input: unquoted text (a reviewer's comment) came before it


def looks_like_diff_start(lines, i) -> bool:
    t = lines[i].text
    if t.startswith("diff --git ") or t.startswith("diff -"):
        return True
    if t.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].text.startswith("+++ "):
        return i + 2 < len(lines) and lines[i + 2].text.startswith("@@")
    return False


def find_diff_start(lines) -> int | None:
    for i in range(len(lines)):
        t = lines[i].text
        if t[:4] in ("diff", "--- ", "Inde") and looks_like_diff_start(lines, i):
            return i
    return None


class _Section:
    __slots__ = ("header", "hunks", "binary", "src_no", "git")

    def __init__(self, src_no, git=False):
        self.header = []        # SrcLine
        self.hunks = []         # _HunkText
        self.binary = False
        self.src_no = src_no
        self.git = git


class _HunkText:
    __slots__ = ("old_start", "new_start", "section", "lines", "src_no", "trimmed", "header")

    def __init__(self, old_start, new_start, section, src_no, header):
        self.old_start = old_start
        self.new_start = new_start
        self.section = section
        self.lines = []         # [prefix, text, eol, src_no]
        self.src_no = src_no
        self.trimmed = False
        self.header = header    # the SrcLine of the @@ line


def _is_file_start(lines, i, quoted) -> bool:
    t = lines[i].text
    if t.startswith("diff --git ") or (t.startswith("diff -") and " " in t[6:]):
        return True
    if t.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].text.startswith("+++ "):
        return True
    if quoted and t.startswith("+++ ") and i + 1 < len(lines) \
            and lines[i + 1].text.startswith("@@"):
        return True
    return False


def scan(lines, quoted=False):
    """Split diff text into file sections and hunks; return (sections, problems)."""
    sections: list[_Section] = []
    problems: list[Problem] = []
    n = len(lines)
    i = 0
    cur = None
    while i < n:
        ln = lines[i]
        t = ln.text
        if _is_file_start(lines, i, quoted):
            if t.startswith("diff "):
                cur = _Section(ln.src_no, git=t.startswith("diff --git "))
                sections.append(cur)
                cur.header.append(ln)
                i += 1
                continue
            if t.startswith("--- "):
                if cur is None or cur.hunks or any(h.text.startswith("--- ")
                                                   for h in cur.header):
                    cur = _Section(ln.src_no)
                    sections.append(cur)
                cur.header.append(ln)
                cur.header.append(lines[i + 1])
                i += 2
                continue
            # quoted: a bare "+++ b/path" the reviewer kept; give it its "---" line back
            cur = _Section(ln.src_no)
            sections.append(cur)
            path = t[4:].split("\t")[0]
            old = "a/" + path[2:] if path[1:2] == "/" else path
            cur.header.append(SrcLine("--- " + old, "\n", ln.src_no))
            cur.header.append(ln)
            i += 1
            continue
        if cur is not None and t.startswith("@@"):
            i = _read_hunk(lines, i, cur, quoted, problems)
            continue
        if cur is not None and not cur.hunks and _GIT_HEADER_RE.match(t):
            cur.header.append(ln)
            if t.startswith("GIT binary patch") or t.startswith("Binary files "):
                cur.binary = True
                i += 1
                # skip the encoded data up to the next file
                while i < n and not _is_file_start(lines, i, quoted):
                    i += 1
                continue
        i += 1
    return sections, problems


def _read_hunk(lines, i, sec, quoted, problems):
    """Read the hunk whose header is lines[i]; return the index after it."""
    n = len(lines)
    head = lines[i]
    m = HUNK_RE.match(head.text)
    if not m:
        problems.append(Problem(f"malformed hunk header {head.text[:40]!r}", head.src_no))
        i += 1
        while i < n and not lines[i].text.startswith("@@") and not _is_file_start(lines, i,
                                                                                 quoted):
            i += 1
        return i
    old_start, old_len = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
    new_start, new_len = int(m.group(3)), int(m.group(4) if m.group(4) is not None else 1)
    hunk = _HunkText(old_start, new_start, m.group(5), head.src_no, head)
    sec.hunks.append(hunk)
    rem_old, rem_new = old_len, new_len
    i += 1
    body = hunk.lines
    while i < n and (rem_old > 0 or rem_new > 0):
        ln = lines[i]
        t = ln.text
        if quoted and ln.brk and (GAP_RE.match(t) or t.startswith("@@")
                                  or _is_file_start(lines, i, True)):
            break
        if t.startswith("@@") or _is_file_start(lines, i, quoted) and not (
                t.startswith("--- ") and rem_old > 0 and _plausible_removed(lines, i)) \
                or _is_signature(lines, i):
            if not quoted:
                # reported on the hunk's own last line, not on the next file's header
                problems.append(Problem(
                    f"hunk ends early: {rem_old} old and {rem_new} new line(s) missing"
                    " (truncated, or its header counts are wrong)",
                    body[-1][3] if body else head.src_no))
            break
        if quoted and GAP_RE.match(t):
            hunk.trimmed = True
            i += 1
            # the rest of this hunk is unknown: skip to the next header
            while i < n and not lines[i].text.startswith("@@") and \
                    not _is_file_start(lines, i, quoted):
                i += 1
            return i
        c = t[:1]
        if c == " " or t == "":
            body.append([" ", t[1:], ln.eol, ln.src_no])
            rem_old -= 1
            rem_new -= 1
        elif c == "+" or c == "-":
            body.append([c, t[1:], ln.eol, ln.src_no])
            if c == "+":
                rem_new -= 1
            else:
                rem_old -= 1
        elif c == "\\":
            body.append(["\\", t[1:], ln.eol, ln.src_no])
        else:
            # A line the mailer wrapped: it belongs to the end of the previous one.
            problems.append(Problem(
                "patch seems corrupt: a line was wrapped (by a mailer?)", ln.src_no))
            if body and body[-1][0] != "\\":
                body[-1][1] = body[-1][1] + " " + t
            else:
                hunk.section = (hunk.section + " " + t).strip()
        i += 1
        if rem_old < 0 or rem_new < 0:
            problems.append(Problem("hunk has more lines than its header says",
                                    body[-1][3]))
            rem_old, rem_new = max(rem_old, 0), max(rem_new, 0)
    else:
        if rem_old > 0 or rem_new > 0:
            if not quoted:
                problems.append(Problem(
                    f"hunk ends early: {rem_old} old and {rem_new} new line(s) missing"
                    " (truncated, or its header counts are wrong)",
                    body[-1][3] if body else head.src_no))
    if (rem_old > 0 or rem_new > 0) and quoted:
        hunk.trimmed = True
    # a "\ No newline at end of file" may follow the last line
    if i < n and lines[i].text.startswith("\\ "):
        body.append(["\\", lines[i].text[1:], lines[i].eol, lines[i].src_no])
        i += 1
    # lines past the header's counts that still look like hunk lines
    extra = 0
    while i < n:
        ln = lines[i]
        t = ln.text
        if (quoted and ln.brk) or t.startswith("@@") or _is_file_start(lines, i, quoted):
            break
        c = t[:1]
        if c not in (" ", "+", "-") and t.strip() and body and extra == 0 \
                and not t.startswith(_AFTER_DIFF):
            # straight after the hunk's last line: that line was wrapped by a mailer
            problems.append(Problem(
                "patch seems corrupt: a line was wrapped (by a mailer?)", ln.src_no))
            body[-1][1] = body[-1][1] + " " + t
            i += 1
            continue
        if c not in (" ", "+", "-") or t in ("-- ", "--", "---") or t.strip() == "":
            break
        if c == " " and quoted:
            break
        if extra == 0:
            problems.append(Problem("hunk has more lines than its header says", ln.src_no))
        body.append([c, t[1:], ln.eol, ln.src_no])
        extra += 1
        i += 1
    return i


# what may follow a diff's last hunk without a blank line in between
_AFTER_DIFF = ("--", "base-commit:", "prerequisite-patch-id:", "Index:", "diff ", "Binary ",
               "GIT binary", "index ", "\\", "[", "...", "Signed-off-by:", "Reviewed-by:")


def _is_signature(lines, i) -> bool:
    """Is lines[i] the mail signature ("-- " then e.g. git's version), not a removed "- "?"""
    if lines[i].text != "-- ":
        return False
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    return nxt[:1] not in (" ", "+", "-", "\\", "@")


def _plausible_removed(lines, i) -> bool:
    """Is a '--- ' line inside a hunk a removed '-- ' line rather than a new file header?"""
    return not (i + 1 < len(lines) and lines[i + 1].text.startswith("+++ ")
                and i + 2 < len(lines) and lines[i + 2].text.startswith("@@"))


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


# -- building the model -----------------------------------------------------------------------

def parse(lines, patch, quoted=False):
    """Parse diff text (a list of SrcLine) into ``patch.files``; add problems to the patch."""
    sections, problems = scan(lines, quoted)
    if not sections:
        patch.problems.extend(problems)
        return
    # Render a clean diff for unidiff and remember where each of its lines came from.
    out = []
    origin = [None]                 # diff line number (1-based) -> input line
    hunks_meta = []
    for sec in sections:
        for h in sec.header:
            out.append(h.text + "\n")
            origin.append(h.src_no)
        if sec.binary:
            continue
        for hk in sec.hunks:
            old_len = sum(1 for b in hk.lines if b[0] in " -")
            new_len = sum(1 for b in hk.lines if b[0] in " +")
            sect = (" " + hk.section) if hk.section else ""
            out.append(f"@@ -{hk.old_start},{old_len} +{hk.new_start},{new_len} @@{sect}\n")
            origin.append(hk.src_no)
            hunks_meta.append(hk)
            for b in hk.lines:
                out.append(b[0] + b[1] + "\n")
                origin.append(b[3])
    from unidiff import PatchSet
    from unidiff.errors import UnidiffParseError
    try:
        ps = PatchSet(out)
    except UnidiffParseError as e:
        patch.problems.extend(problems)
        patch.problems.append(Problem(f"unreadable diff: {e}", sections[0].src_no))
        return
    by_src = {}
    for sec in sections:
        by_src[id(sec)] = sec
    # unidiff yields one PatchedFile per section in order; pair them up.
    pfs = list(ps)
    hk_iter = iter(hunks_meta)
    sec_for = [s for s in sections]
    if len(pfs) != len(sec_for):
        # A section unidiff did not recognise (e.g. a 'diff -r' line with no '---'):
        # keep the ones that line up by their first header line.
        sec_for = [s for s in sections if any(h.text.startswith(("--- ", "diff --git ",
                                                                  "rename ", "Binary"))
                                              for h in s.header)]
        if len(pfs) != len(sec_for):
            sec_for = (sec_for + [None] * len(pfs))[:len(pfs)]
    for pf, sec in zip(pfs, sec_for):
        git = bool(sec and sec.git)
        old_raw, new_raw = pf.source_file, pf.target_file
        if sec is not None and sec.git:
            gl = _git_line_paths(sec.header[0].text)
            if old_raw is None or old_raw == "":
                old_raw = gl[0]
            if new_raw is None or new_raw == "":
                new_raw = gl[1]
        old_path = _strip_prefix(old_raw, git)
        new_path = _strip_prefix(new_raw, git)
        if not git and old_path and new_path:
            old_path, new_path = _plain_paths(old_path, new_path)
        is_new = bool(pf.is_added_file) or old_path is None
        is_deleted = bool(pf.is_removed_file) or new_path is None
        if old_path is None:
            old_path = new_path
        if new_path is None:
            new_path = old_path
        old_blob = new_blob = None
        is_copy = False
        if sec is not None:
            for h in sec.header:
                im = _INDEX_RE.match(h.text)
                if im:
                    old_blob, new_blob = im.group(1), im.group(2)
                if h.text.startswith("copy from "):
                    is_copy = True
        # unidiff calls any a/x -> b/y name change a rename: a copy is not one, and neither
        # is "diff -u x.c.orig x.c" (only git diffs can say "renamed")
        is_rename = git and not is_copy and not is_new and not is_deleted \
            and old_path != new_path
        fd = FileDiff(patch, old_path, new_path, is_new=is_new and not is_deleted,
                      is_deleted=is_deleted, is_rename=is_rename, is_copy=is_copy,
                      is_binary=bool(pf.is_binary_file) or bool(sec and sec.binary),
                      old_mode=pf.source_mode, new_mode=pf.target_mode,
                      old_blob=old_blob, new_blob=new_blob,
                      src_no=sec.src_no if sec else None)
        for uh in pf:
            meta = next(hk_iter, None)
            hunk = Hunk(fd, uh.source_start, uh.source_length, uh.target_start,
                        uh.target_length, uh.section_header,
                        meta.src_no if meta else origin[0], trimmed=bool(meta and meta.trimmed))
            idx = 0
            for ul in uh:
                kind = ul.line_type
                if kind == "\\":
                    if hunk.lines:
                        hunk.lines[-1].eol = ""
                    continue
                value = ul.value
                if value.endswith("\n"):
                    value = value[:-1]
                eol = "\n"
                if value.endswith("\r"):
                    value = value[:-1]
                    eol = "\r\n"
                src = origin[ul.diff_line_no] if ul.diff_line_no < len(origin) else None
                hunk.lines.append(Line(kind, value, eol, ul.source_line_no,
                                       ul.target_line_no, src, hunk, idx))
                idx += 1
            fd.hunks.append(hunk)
        patch.files.append(fd)
    # Attach each problem to the file and line it damaged, so findings can point there.
    if problems:
        _place_problems(patch, problems)
    patch.problems.extend(problems)


def _place_problems(patch, problems):
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
    import bisect
    keys = [s[0] for s in spots]
    for p in problems:
        if p.src_no is None or not spots:
            continue
        k = bisect.bisect_right(keys, p.src_no) - 1
        if k < 0:
            continue
        _, fd, ln, hunk = spots[k]
        p.file = fd
        p.line = ln
        if hunk is not None and p.number is None:
            p.number = hunk.new_start
