"""The patch model: input -> patch -> file -> hunk -> line, and the findings rules report.

The reader builds these objects; rules only read them; reporters only read findings.  Nothing
here parses text or prints.  Each line can say which of its columns are code, comment, string or
preprocessor: that is computed lazily (see :mod:`patchlint.ccontext`) the first time a rule asks,
so files no rule looks into are never lexed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ERROR, WARNING, NOTE = "error", "warning", "note"
SEVERITIES = (ERROR, WARNING, NOTE)
SEVERITY_RANK = {ERROR: 3, WARNING: 2, NOTE: 1}

# Kinds of column a C line can hold.
CODE, COMMENT, STRING, PREPROC = "code", "comment", "string", "preproc"

_C_SUFFIXES = (".c", ".h", ".h.in", ".c.in", ".x", ".xs", ".cc", ".cpp", ".hh", ".hpp")


class Line:
    """One line of a hunk.

    ``kind`` is ``'+'`` (added), ``'-'`` (removed) or ``' '`` (context).  ``text`` holds the
    line without its prefix and without its end-of-line (kept in ``eol``: ``"\\n"``,
    ``"\\r\\n"``, or ``""`` when the file ends without a newline).  ``old_no``/``new_no`` are
    its numbers in the pre- and post-image (``None`` on the side it does not exist on);
    ``src_no`` is its line number in the input the user gave.
    """

    __slots__ = ("kind", "text", "eol", "old_no", "new_no", "src_no", "hunk", "index", "_spans")

    def __init__(self, kind, text, eol, old_no, new_no, src_no, hunk, index):
        self.kind = kind
        self.text = text
        self.eol = eol
        self.old_no = old_no
        self.new_no = new_no
        self.src_no = src_no
        self.hunk = hunk
        self.index = index
        self._spans = None

    # -- where it is -------------------------------------------------------------------
    @property
    def added(self) -> bool:
        return self.kind == "+"

    @property
    def removed(self) -> bool:
        return self.kind == "-"

    @property
    def context(self) -> bool:
        return self.kind == " "

    @property
    def file(self) -> "FileDiff":
        return self.hunk.file

    @property
    def number(self):
        """The line's number in the file it belongs to (pre-image for a removed line)."""
        return self.old_no if self.kind == "-" else self.new_no

    # -- its C context -----------------------------------------------------------------
    @property
    def spans(self):
        """``[(start, end, kind), ...]`` covering the text; kind in code/comment/string/preproc."""
        if self._spans is None:
            self.hunk.file.lex()
        return self._spans

    def kind_at(self, col: int) -> str:
        for start, end, kind in self.spans:
            if start <= col < end:
                return kind
        return CODE

    @property
    def code(self) -> str:
        """The text with comments blanked and string/char literal contents blanked.

        Columns are kept, so offsets into ``code`` are offsets into ``text``.  Quotes stay, so a
        literal still shows as ``"   "``.  Preprocessor text is kept as it is.
        """
        return _masked(self, keep=(CODE, PREPROC), quotes=True)

    @property
    def comment(self) -> str:
        """Only the comment text; everything else blanked."""
        return _masked(self, keep=(COMMENT,), quotes=False)

    @property
    def has_comment(self) -> bool:
        return any(k == COMMENT for _, _, k in self.spans)

    @property
    def is_preproc(self) -> bool:
        return any(k == PREPROC for _, _, k in self.spans)

    def __repr__(self):
        return f"<Line {self.kind}{self.text!r} old={self.old_no} new={self.new_no}>"


def _masked(line: Line, keep, quotes: bool) -> str:
    spans = line.spans
    text = line.text
    if len(spans) == 1 and spans[0][2] in keep:
        return text
    out = []
    for start, end, kind in spans:
        piece = text[start:end]
        if kind in keep:
            out.append(piece)
        elif quotes and kind == STRING and end - start >= 2 and piece[0] in "\"'" \
                and piece[-1] == piece[0]:
            out.append(piece[0] + " " * (end - start - 2) + piece[-1])
        elif quotes and kind == STRING and piece[:1] in "\"'":
            out.append(piece[0] + " " * (end - start - 1))
        elif quotes and kind == STRING and piece[-1:] in "\"'":
            out.append(" " * (end - start - 1) + piece[-1])
        else:
            out.append(" " * (end - start))
    return "".join(out)


class Hunk:
    """One ``@@`` hunk: its header numbers, its section text, its lines.

    ``trimmed`` is true for a hunk quoted in a review reply that stops before its header's
    counts: its remaining lines are unknown, not missing.
    """

    __slots__ = ("file", "old_start", "old_len", "new_start", "new_len", "section", "lines",
                 "src_no", "trimmed", "cache")

    def __init__(self, file, old_start, old_len, new_start, new_len, section, src_no,
                 trimmed=False):
        self.file = file
        self.old_start = old_start
        self.old_len = old_len
        self.new_start = new_start
        self.new_len = new_len
        self.section = section
        self.src_no = src_no
        self.trimmed = trimmed
        self.lines: list[Line] = []
        self.cache = {}         # derived views (sides, C structure), computed once

    def new_side(self):
        """Context and added lines: the post-image as far as this hunk shows it."""
        side = self.cache.get("new")
        if side is None:
            side = self.cache["new"] = [ln for ln in self.lines if ln.kind != "-"]
        return side

    def old_side(self):
        """Context and removed lines: the pre-image as far as this hunk shows it."""
        side = self.cache.get("old")
        if side is None:
            side = self.cache["old"] = [ln for ln in self.lines if ln.kind != "+"]
        return side

    def side_index(self, line) -> int:
        """The position of ``line`` in its side (old side for a removed line)."""
        key = "old_pos" if line.kind == "-" else "new_pos"
        pos = self.cache.get(key)
        if pos is None:
            side = self.old_side() if line.kind == "-" else self.new_side()
            pos = self.cache[key] = {ln.index: k for k, ln in enumerate(side)}
        return pos[line.index]

    @property
    def added(self):
        return [ln for ln in self.lines if ln.kind == "+"]

    @property
    def removed(self):
        return [ln for ln in self.lines if ln.kind == "-"]

    def __repr__(self):
        return (f"<Hunk -{self.old_start},{self.old_len} +{self.new_start},{self.new_len}"
                f" {self.file.path}>")


class FileDiff:
    """The changes a patch makes to one file."""

    def __init__(self, patch, old_path, new_path, *, is_new=False, is_deleted=False,
                 is_rename=False, is_copy=False, is_binary=False, old_mode=None, new_mode=None,
                 old_blob=None, new_blob=None, src_no=None):
        self.patch = patch
        self.old_path = old_path
        self.new_path = new_path
        self.is_new = is_new
        self.is_deleted = is_deleted
        self.is_rename = is_rename
        self.is_copy = is_copy
        self.is_binary = is_binary
        self.old_mode = old_mode
        self.new_mode = new_mode
        self.old_blob = old_blob
        self.new_blob = new_blob
        self.src_no = src_no
        self.hunks: list[Hunk] = []
        self.lexed = False
        # Full pre-/post-image text lines when the tree is at hand (filled by the reader).
        self.old_image = None
        self.new_image = None

    @property
    def path(self) -> str:
        """Post-image path, or the pre-image path of a deleted file."""
        return self.old_path if self.is_deleted else self.new_path

    @property
    def is_c(self) -> bool:
        return self.path.endswith(_C_SUFFIXES)

    @property
    def added(self) -> int:
        return sum(1 for h in self.hunks for ln in h.lines if ln.kind == "+")

    @property
    def removed(self) -> int:
        return sum(1 for h in self.hunks for ln in h.lines if ln.kind == "-")

    def lines(self):
        for h in self.hunks:
            yield from h.lines

    def added_lines(self):
        for h in self.hunks:
            for ln in h.lines:
                if ln.kind == "+":
                    yield ln

    def lex(self):
        """Classify every line's columns (code/comment/string/preprocessor), once."""
        if not self.lexed:
            from .ccontext import lex_file
            lex_file(self)
            self.lexed = True

    def __repr__(self):
        return f"<FileDiff {self.path} +{self.added} -{self.removed}>"


_PREFIX_RE = re.compile(r"^\s*(?:(?:re|fwd?|aw)\s*:\s*)*((?:\[[^\]]*\]\s*)+)", re.I)
_NUM_RE = re.compile(r"(?:^|\s)(\d+)/(\d+)(?:\s|$)")
_VER_RE = re.compile(r"(?:^|\s)v(\d+)(?:\s|$)", re.I)


@dataclass
class SubjectInfo:
    prefix: str = ""          # the bracketed part, e.g. "[libvirt PATCH v2 3/5]"
    title: str = ""           # the rest
    number: int | None = None
    total: int | None = None
    version: int | None = None
    is_reply: bool = False


def parse_subject(subject: str | None) -> SubjectInfo:
    info = SubjectInfo()
    if not subject:
        return info
    info.is_reply = bool(re.match(r"^\s*re\s*:", subject, re.I))
    m = _PREFIX_RE.match(subject)
    if not m:
        info.title = re.sub(r"^\s*(?:re\s*:\s*)+", "", subject, flags=re.I).strip()
        return info
    info.prefix = m.group(1).strip()
    info.title = subject[m.end():].strip()
    for part in re.findall(r"\[([^\]]*)\]", info.prefix):
        n = _NUM_RE.search(part)
        if n and info.number is None:
            info.number, info.total = int(n.group(1)), int(n.group(2))
        v = _VER_RE.search(part)
        if v and info.version is None:
            info.version = int(v.group(1))
    return info


@dataclass
class Patch:
    """One message of an input (or a whole plain diff) and the files it changes.

    ``kind`` is ``"email"`` (a patch mail), ``"diff"`` (a plain unified diff), ``"quoted"``
    (a patch quoted in a review reply: trimmed, so completeness-based rules stay quiet) or
    ``"cover"`` (a cover letter: no code to lint).
    """

    input: str
    index: int                       # 1-based message index inside the input
    kind: str = "diff"
    subject: str | None = None
    author: str | None = None        # "Name <addr>" as in From:
    date: object = None              # datetime or None
    message_id: str | None = None
    in_reply_to: str | None = None
    references: list = field(default_factory=list)
    to: list = field(default_factory=list)
    cc: list = field(default_factory=list)
    headers: dict = field(default_factory=dict)
    message: str = ""                # commit message (subject excluded)
    message_src_no: int | None = None  # input line of the message's first line
    trailers: list = field(default_factory=list)   # [(key, value, src_no)]
    notes: str = ""                  # between '---' and the diff (diffstat, changelog)
    diffstat: dict | None = None     # {"files": n, "insertions": n, "deletions": n}
    files: list = field(default_factory=list)
    problems: list = field(default_factory=list)   # reader-found corruption, as Problems
    src_no: int = 1                  # input line where this message starts
    flowed: bool = False             # sent with format=flowed
    live: bool = False               # a diff of the user's tree right now (staged/worktree)
    commit: str | None = None        # git commit id when read from a git range

    @property
    def subject_info(self) -> SubjectInfo:
        return parse_subject(self.subject)

    @property
    def is_email(self) -> bool:
        return self.kind in ("email", "cover")

    @property
    def is_cover(self) -> bool:
        return self.kind == "cover"

    @property
    def year(self):
        if self.date is not None:
            return self.date.year
        if self.live:
            import datetime
            return datetime.date.today().year
        return None

    @property
    def insertions(self) -> int:
        return sum(f.added for f in self.files)

    @property
    def deletions(self) -> int:
        return sum(f.removed for f in self.files)


@dataclass
class Problem:
    """Something wrong with the patch text itself, found while reading it."""

    message: str
    src_no: int | None
    file: FileDiff | None = None
    line: Line | None = None          # the model line the damage shows up on, if any
    number: int | None = None         # file line number (post-image) when no model line


@dataclass
class Finding:
    """What a rule reports.  Rules fill ``message`` and the location; the engine fills the rest.

    ``start``/``end`` are 0-based columns into the line's text; ``replacement`` (when not None)
    is the certain fix for that span, which ``--fix`` may apply.  ``suggestion`` is advice text
    for the human when the fix is not mechanical.
    """

    message: str
    line: Line | None = None
    file: FileDiff | None = None
    patch: Patch | None = None
    start: int | None = None
    end: int | None = None
    replacement: str | None = None
    suggestion: str | None = None
    severity: str | None = None
    rule: str | None = None
    syntax_check: str | None = None
    number: int | None = None          # explicit line number when there is no model line
    context: list | None = None        # [(first, last), ...] lines the judgement rests on

    @property
    def path(self):
        if self.file is not None:
            return self.file.path if not (self.line is not None and self.line.kind == "-") \
                else (self.file.old_path or self.file.path)
        return None

    @property
    def lineno(self):
        if self.line is not None:
            return self.line.number
        return self.number

    @property
    def column(self):
        return None if self.start is None else self.start + 1

    @property
    def fixable(self) -> bool:
        """``--fix`` can apply it: a certain fix on a line the patch adds."""
        return self.replacement is not None and self.line is not None and self.line.kind == "+"
