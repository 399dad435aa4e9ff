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
from .quoting import GAP_RE
from .srclines import SrcLine

# (at most 18 digits: a longer number is no line number, and int() refuses 4,300 and more)
HUNK_RE = lazy_re(r"^@@ -(\d{1,18})(?:,(\d{1,18}))? \+(\d{1,18})(?:,(\d{1,18}))? @@ ?(.*)$")
_GIT_HEADER_RE = lazy_re(
    r"^(?:index [0-9a-fA-F]+\.\.[0-9a-fA-F]+|(?:new|deleted) file mode |old mode |new mode "
    r"|similarity index |dissimilarity index |rename (?:from|to) |copy (?:from|to) "
    r"|Binary files |GIT binary patch)")
_INDEX_RE = lazy_re(r"^index ([0-9a-fA-F]+)\.\.([0-9a-fA-F]+)(?: (\d+))?")


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
    last_start = None           # index of the last file start
    while i < n:
        ln = lines[i]
        t = ln.text
        if _is_file_start(lines, i, quoted):
            last_start = i
            if t.startswith("diff "):
                cur = _Section(ln.src_no, git=t.startswith("diff --git "))
                sections.append(cur)
                cur.header.append(ln)
                i += 1
                continue
            if t.startswith("--- "):
                # (after a binary marker: no binary diff has "---" lines, so a text diff
                # follows, and its hunks are not to be skipped with the binary data)
                if cur is None or cur.hunks or cur.binary or any(h.text.startswith("--- ")
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
    if not quoted and sections:
        tail_blank = last_start is not None and all(
            not ln.text.strip() or ln.text == "-- " or ln.text == "--" or prev_sig
            for prev_sig, ln in _after_signature(lines[last_start + 1:]))
        _hunkless(sections, problems, tail_blank)
    return sections, problems


def _after_signature(lines):
    """(follows a "-- " signature line?, line) for each of ``lines``."""
    sig = False
    for ln in lines:
        yield sig, ln
        if ln.text in ("-- ", "--"):
            sig = True


# header lines of a file change that shows no hunk: a rename, copy, mode change, empty file
_HUNKLESS = ("old mode ", "new mode ", "new file mode ", "deleted file mode ",
             "similarity index ", "dissimilarity index ", "rename from ", "rename to ",
             "copy from ", "copy to ")


def _hunkless(sections, problems, tail_blank):
    """A file header that promises changes and shows none: the input was cut short there.

    A lone ``diff`` line is taken for one only at the very end (``tail_blank``: nothing
    but blank lines or a signature after it); elsewhere it may be prose mentioning a diff.
    """
    for k, sec in enumerate(sections):
        if sec.hunks or sec.binary:
            continue
        heads = [h.text for h in sec.header]
        if len(heads) == 1 and not (k == len(sections) - 1 and tail_blank):
            continue
        if any(h.startswith(_HUNKLESS) for h in heads) \
                and not any(h.startswith("+++ ") for h in heads):
            continue
        end = sections[k + 1].src_no if k + 1 < len(sections) else None
        if any(p.src_no is not None and sec.src_no <= p.src_no
               and (end is None or p.src_no < end) for p in problems):
            continue                # already said what is wrong with it
        problems.append(Problem("no hunk follows this file's header: the patch is cut short "
                                "(truncated?)", sec.header[-1].src_no))


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
    over = False                # reported: more lines than the header says
    i += 1
    body = hunk.lines
    while i < n and (rem_old > 0 or rem_new > 0):
        ln = lines[i]
        t = ln.text
        if quoted and ln.brk and (GAP_RE.match(t) or t.startswith("@@")
                                  or _is_file_start(lines, i, True)):
            break
        c = t[:1]
        # (the first character rules out most lines cheaply: this runs for every hunk line)
        if c == "@" and t.startswith("@@") or c in "d-+" and _is_file_start(lines, i, quoted) \
                and not (t.startswith("--- ") and rem_old > 0 and _plausible_removed(lines, i)) \
                or c == "-" and _is_signature(lines, i):
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
            if not over:            # once a hunk: each line past the count is not news
                problems.append(Problem("hunk has more lines than its header says",
                                        body[-1][3]))
            over = True
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
        if extra == 0 and not over:
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
    # unidiff reads the file headers (paths, modes, new or deleted, binary).  The hunks are
    # known here already, so it is shown each file's headers and one stand-in hunk (which
    # ends the header in its reading) rather than every line: on a big diff its reading of
    # the lines cost more than all the rest.
    rendered = []               # (section, its text for unidiff, [(hunk, old len, new len)])
    for sec in sections:
        out = [h.text + "\n" for h in sec.header]
        metas = []
        rendered.append((sec, out, metas))
        if sec.binary:
            continue
        for hk in sec.hunks:
            old_len = new_len = 0
            for b in hk.lines:
                c = b[0]
                if c == " ":
                    old_len += 1
                    new_len += 1
                elif c == "-":
                    old_len += 1
                elif c == "+":
                    new_len += 1
            metas.append((hk, old_len, new_len))
        if metas:
            out += ["@@ -1 +1 @@\n", " \n"]
    from unidiff import PatchSet
    from unidiff.constants import DEV_NULL
    from unidiff.errors import UnidiffParseError
    # Each file on its own: a file unidiff can't read is reported and the others are kept,
    # and each file's hunks are sure to go with its headers.
    pairs = []
    for sec, out, _ in rendered:
        try:
            got = list(PatchSet(out, metadata_only=True))
        except UnidiffParseError as e:
            problems.append(Problem(_unreadable(e), sec.src_no))
            continue
        pairs.extend((pf, sec) for pf in got[:1])
    metas_of = {id(sec): metas for sec, _, metas in rendered}
    for pf, sec in pairs:
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
        metas = metas_of[id(sec)] if sec is not None else []
        # as unidiff says it (is_added_file, is_removed_file), from the hunks we have
        only = metas[0] if len(metas) == 1 else None
        is_new = pf.source_file == DEV_NULL or old_path is None \
            or (only is not None and only[0].old_start == 0 and only[1] == 0)
        is_deleted = pf.target_file == DEV_NULL or new_path is None \
            or (only is not None and only[0].new_start == 0 and only[2] == 0)
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
        for meta, old_len, new_len in metas:
            hunk = Hunk(fd, meta.old_start, old_len, meta.new_start, new_len, meta.section,
                        meta.src_no, trimmed=meta.trimmed)
            old_no, new_no = meta.old_start, meta.new_start
            out_lines = hunk.lines
            for kind, value, _, src in meta.lines:
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
            fd.hunks.append(hunk)
        patch.files.append(fd)
    # Attach each problem to the file and line it damaged, so findings can point there.
    if problems:
        _place_problems(patch, problems)
    patch.problems.extend(problems)


def _unreadable(error) -> str:
    """What unidiff's complaint about a file's headers means to the user."""
    text = str(error).rstrip("\n")
    if text.startswith("Unexpected hunk found"):    # (it would quote our stand-in hunk)
        return "unreadable diff: a hunk with no file header ('--- a/...', '+++ b/...') " \
               "before it"
    return f"unreadable diff: {text}"


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
