"""Scanning a unified diff: where its files and hunks are, what in it is damaged, and the repair.

unidiff is strict where mail damage is common (a line wrapped by a mailer raises) and lenient
where it should not be (extra lines past a hunk's count and malformed ``@@`` headers are dropped
silently).  So this pass walks the text itself: it splits it into file sections (header lines
and hunks), records every place where the text does not match its headers as a
:class:`~patchlint.model.Problem`, and repairs what it can (a wrapped line is joined back; lines
past a hunk's count are kept).  :mod:`patchlint.diff` then builds the model from the sections.

A patch quoted in a review reply comes here already unquoted, its lines marked where the
reviewer cut or commented (:mod:`patchlint.quoting`).  Three things differ for it: a hunk that
stops short was trimmed by the reviewer (no damage), a file header may be cut down to its
``+++`` line, and a header with no hunk after it is no sign of a truncated input.
"""

from __future__ import annotations

from .lazyre import lazy_re
from .model import Problem
from .srclines import CUT, QUOTED, RESUMED, SrcLine

# (at most 18 digits: a longer number is no line number, and int() refuses 4,300 and more)
HUNK_RE = lazy_re(r"^@@ -(\d{1,18})(?:,(\d{1,18}))? \+(\d{1,18})(?:,(\d{1,18}))? @@ ?(.*)$")
_GIT_HEADER_RE = lazy_re(
    r"^(?:index [0-9a-fA-F]+\.\.[0-9a-fA-F]+|(?:new|deleted) file mode |old mode |new mode "
    r"|similarity index |dissimilarity index |rename (?:from|to) |copy (?:from|to) "
    r"|Binary files |GIT binary patch)")


def looks_like_diff_start(lines, i) -> bool:
    t = lines[i].text
    if t.startswith("diff --git ") or t.startswith("diff -"):
        return True
    if t.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].text.startswith("+++ "):
        return i + 2 < len(lines) and lines[i + 2].text.startswith("@@")
    return False


def find_diff_start(lines) -> int | None:
    """The index of the first line of the diff in a message's lines, or None."""
    for i in range(len(lines)):
        t = lines[i].text
        if t[:4] in ("diff", "--- ", "Inde") and looks_like_diff_start(lines, i):
            return i
    return None


class Section:
    """One file's part of the diff: its header lines and its hunks, as found in the text."""

    __slots__ = ("header", "hunks", "binary", "src_no", "git")

    def __init__(self, src_no, git=False):
        self.header = []        # SrcLine
        self.hunks = []         # HunkText
        self.binary = False
        self.src_no = src_no
        self.git = git


class HunkText:
    """One hunk as found: its header's numbers and its lines, repaired.

    ``lines`` holds ``[prefix, text, eol, input line]`` for each line, the prefix being " ",
    "+", "-" or "\\" (a "\\ No newline at end of file" marker).
    """

    __slots__ = ("old_start", "new_start", "section", "lines", "src_no", "trimmed", "header",
                 "over")

    def __init__(self, old_start, new_start, section, src_no, header):
        self.old_start = old_start
        self.new_start = new_start
        self.section = section
        self.lines = []
        self.src_no = src_no
        self.trimmed = False    # quoted, and the reviewer cut it short
        self.header = header    # the SrcLine of the @@ line
        self.over = False       # reported: more lines than the header says

    @property
    def quoted(self) -> bool:
        return bool(self.header.mark & QUOTED)


def _is_file_start(lines, i) -> bool:
    t = lines[i].text
    if t.startswith("diff --git ") or (t.startswith("diff -") and " " in t[6:]):
        return True
    if t.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].text.startswith("+++ "):
        return True
    # a quoted file header the reviewer cut down to its "+++" line
    return t.startswith("+++ ") and bool(lines[i].mark & QUOTED) and i + 1 < len(lines) \
        and lines[i + 1].text.startswith("@@")


def _next_header(lines, i) -> int:
    """The index of the next hunk or file header from lines[i] on (or the end)."""
    n = len(lines)
    while i < n and not lines[i].text.startswith("@@") and not _is_file_start(lines, i):
        i += 1
    return i


def scan(lines):
    """Split diff text into file sections and hunks; return (sections, problems)."""
    sections: list[Section] = []
    problems: list[Problem] = []
    n = len(lines)
    i = 0
    cur = None
    last_start = None           # index of the last file start
    while i < n:
        t = lines[i].text
        if _is_file_start(lines, i):
            last_start = i
            cur, i = _file_start(lines, i, cur, sections)
        elif cur is not None and t.startswith("@@"):
            i = _read_hunk(lines, i, cur, problems)
        elif cur is not None and not cur.hunks and _GIT_HEADER_RE.match(t):
            cur.header.append(lines[i])
            i += 1
            if t.startswith("GIT binary patch") or t.startswith("Binary files "):
                cur.binary = True
                # skip the encoded data up to the next file
                while i < n and not _is_file_start(lines, i):
                    i += 1
        else:
            i += 1
    if sections:
        tail_blank = last_start is not None and all(
            not ln.text.strip() or ln.text == "-- " or ln.text == "--" or prev_sig
            for prev_sig, ln in _after_signature(lines[last_start + 1:]))
        _hunkless(sections, problems, tail_blank)
    return sections, problems


def _file_start(lines, i, cur, sections):
    """Read the file header line(s) at lines[i]: (the section they belong to, the index after
    them).  A "---"/"+++" pair continues a "diff" line's section, else it starts one."""
    ln = lines[i]
    t = ln.text
    if t.startswith("diff "):
        cur = Section(ln.src_no, git=t.startswith("diff --git "))
        sections.append(cur)
        cur.header.append(ln)
        return cur, i + 1
    if t.startswith("--- "):
        # (after a binary marker: no binary diff has "---" lines, so a text diff follows, and
        # its hunks are not to be skipped with the binary data)
        if cur is None or cur.hunks or cur.binary or any(h.text.startswith("--- ")
                                                         for h in cur.header):
            cur = Section(ln.src_no)
            sections.append(cur)
        cur.header.append(ln)
        cur.header.append(lines[i + 1])
        return cur, i + 2
    # quoted: a bare "+++ b/path" the reviewer kept; give it its "---" line back
    cur = Section(ln.src_no)
    sections.append(cur)
    path = t[4:].split("\t")[0]
    old = "a/" + path[2:] if path[1:2] == "/" else path
    cur.header.append(SrcLine("--- " + old, "\n", ln.src_no, ln.mark))
    cur.header.append(ln)
    return cur, i + 1


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
    A quoted header with no hunk is the reviewer's choice, not damage.
    """
    for k, sec in enumerate(sections):
        if sec.hunks or sec.binary or sec.header[0].mark & QUOTED:
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


# -- one hunk ---------------------------------------------------------------------------------

def _read_hunk(lines, i, sec, problems):
    """Read the hunk whose header is lines[i]; return the index after it."""
    head = lines[i]
    m = HUNK_RE.match(head.text)
    if not m:
        problems.append(Problem(f"malformed hunk header {head.text[:40]!r}", head.src_no))
        return _next_header(lines, i + 1)
    hunk = HunkText(int(m.group(1)), int(m.group(3)), m.group(5), head.src_no, head)
    sec.hunks.append(hunk)
    old_len = int(m.group(2) if m.group(2) is not None else 1)
    new_len = int(m.group(4) if m.group(4) is not None else 1)
    i, missing = _counted_lines(lines, i + 1, hunk, old_len, new_len, problems)
    if missing is None:             # the reviewer cut the rest: skip to the next header
        hunk.trimmed = True
        return _next_header(lines, i + 1)
    if missing[0] > 0 or missing[1] > 0:
        if hunk.quoted:
            hunk.trimmed = True
        else:
            # reported on the hunk's own last line, not on the next file's header
            problems.append(Problem(
                f"hunk ends early: {missing[0]} old and {missing[1]} new line(s) missing"
                " (truncated, or its header counts are wrong)",
                hunk.lines[-1][3] if hunk.lines else head.src_no))
    # a "\ No newline at end of file" may follow the last line
    if i < len(lines) and lines[i].text.startswith("\\ "):
        hunk.lines.append(["\\", lines[i].text[1:], lines[i].eol, lines[i].src_no])
        i += 1
    return _lines_past_count(lines, i, hunk, problems)


def _counted_lines(lines, i, hunk, rem_old, rem_new, problems):
    """Read the lines the hunk's header counts, from lines[i] on.

    Returns the index after them and the (old, new) lines still missing when the hunk ends
    early; or the index of a reviewer's cut ("[...]") and None.
    """
    n = len(lines)
    body = hunk.lines
    while i < n and (rem_old > 0 or rem_new > 0):
        ln = lines[i]
        t = ln.text
        c = t[:1]
        if ln.mark:                 # quoted: the reviewer may have cut or commented here
            if ln.mark & CUT:
                return i, None
            if ln.mark & RESUMED and (t.startswith("@@") or _is_file_start(lines, i)):
                break
        # (the first characters rule out most lines cheaply: this runs for every hunk line)
        if (c == "@" or c == "d" or t[:3] in _HEADERISH) and _ends_before(lines, i, rem_old):
            break
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
            _join_wrapped(hunk, ln, problems)
        i += 1
        if rem_old < 0 or rem_new < 0:
            if not hunk.over:       # once a hunk: each line past the count is not news
                problems.append(Problem("hunk has more lines than its header says",
                                        body[-1][3]))
            hunk.over = True
            rem_old, rem_new = max(rem_old, 0), max(rem_new, 0)
    return i, (rem_old, rem_new)


# how the lines that may end a hunk before its count start, besides "@@" and "diff"
_HEADERISH = ("---", "+++", "-- ")


def _ends_before(lines, i, rem_old) -> bool:
    """Does lines[i] end the hunk before its count is reached: the next hunk's header, the
    next file's, or the mail's signature?"""
    t = lines[i].text
    if t.startswith("@@"):
        return True
    if _is_file_start(lines, i):
        # a removed "-- x" line reads "--- x": a file header only when "+++", "@@" follow
        return not (t.startswith("--- ") and rem_old > 0 and _plausible_removed(lines, i))
    return t.startswith("-") and _is_signature(lines, i)


def _join_wrapped(hunk, ln, problems):
    """A line the mailer wrapped: it belongs to the end of the previous one."""
    problems.append(Problem("patch seems corrupt: a line was wrapped (by a mailer?)",
                            ln.src_no))
    body = hunk.lines
    if body and body[-1][0] != "\\":
        body[-1][1] = body[-1][1] + " " + ln.text
    else:
        hunk.section = (hunk.section + " " + ln.text).strip()


# what may follow a diff's last hunk without a blank line in between
_AFTER_DIFF = ("--", "base-commit:", "prerequisite-patch-id:", "Index:", "diff ", "Binary ",
               "GIT binary", "index ", "\\", "[", "...", "Signed-off-by:", "Reviewed-by:")


def _lines_past_count(lines, i, hunk, problems):
    """Lines past the header's counts that still look like hunk lines (the counts are wrong):
    kept, with a problem; a text line straight after the last one is that line, wrapped.
    Returns the index after them."""
    n = len(lines)
    body = hunk.lines
    extra = 0
    while i < n:
        ln = lines[i]
        t = ln.text
        if ln.mark & RESUMED or t.startswith("@@") or _is_file_start(lines, i):
            break
        c = t[:1]
        if c not in (" ", "+", "-"):
            if not (t.strip() and body and extra == 0 and not t.startswith(_AFTER_DIFF)):
                break
            # straight after the hunk's last line: that line was wrapped by a mailer
            problems.append(Problem(
                "patch seems corrupt: a line was wrapped (by a mailer?)", ln.src_no))
            body[-1][1] = body[-1][1] + " " + t
            i += 1
            continue
        if t in ("-- ", "--", "---") or t.strip() == "" or (c == " " and hunk.quoted):
            break
        if extra == 0 and not hunk.over:
            problems.append(Problem("hunk has more lines than its header says", ln.src_no))
        body.append([c, t[1:], ln.eol, ln.src_no])
        extra += 1
        i += 1
    return i


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
