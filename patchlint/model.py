"""The patch model: input -> patch -> file -> hunk -> line, and the findings rules report.

The reader builds these objects; rules only read them; reporters only read findings.  Nothing
here parses text or prints.  Each line can say which of its columns are code, comment, string or
preprocessor: that is computed lazily (see :mod:`patchlint.ccontext`) the first time a rule asks,
so files no rule looks into are never lexed.
"""

from __future__ import annotations

from .ccontext import CODE, COMMENT, PREPROC, STRING, lex_hunk
from .mail import SubjectInfo, date_year, parse_addresses, parse_date, parse_subject

ERROR, WARNING, NOTE = "error", "warning", "note"
SEVERITIES = (ERROR, WARNING, NOTE)
SEVERITY_RANK = {ERROR: 3, WARNING: 2, NOTE: 1}

_C_SUFFIXES = (".c", ".h", ".h.in", ".c.in", ".x", ".xs", ".cc", ".cpp", ".hh", ".hpp")


class Line:
    """One line of a hunk.

    ``kind`` is ``'+'`` (added), ``'-'`` (removed) or ``' '`` (context).  ``text`` holds the
    line without its prefix and without its end-of-line (kept in ``eol``: ``"\\n"``,
    ``"\\r\\n"``, or ``""`` when the file ends without a newline).  ``old_no``/``new_no`` are
    its numbers in the pre- and post-image (``None`` on the side it does not exist on);
    ``src_no`` is its line number in the input the user gave.
    """

    __slots__ = ("kind", "text", "eol", "old_no", "new_no", "src_no", "hunk", "index", "_spans",
                 "_code", "_comment")

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
        self._code = None
        self._comment = None

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
            self.hunk.lex(removed=self.kind == "-")
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
        if self._code is None or self._spans is None:
            self._code = _masked(self, keep=(CODE, PREPROC), quotes=True)
        return self._code

    @property
    def comment(self) -> str:
        """Only the comment text; everything else blanked."""
        if self._comment is None or self._spans is None:
            self._comment = _masked(self, keep=(COMMENT,), quotes=False)
        return self._comment

    def set_spans(self, spans):
        """Give the line its spans (the lexer does, for a whole file at once)."""
        self._spans = spans
        self._code = self._comment = None

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
                 "src_no", "trimmed", "cache", "lexed")

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
        self.lexed = set()      # the sides lexed: "new", "removed"

    def lex(self, removed=False):
        """Classify the columns (code/comment/string/preprocessor) of the hunk's post-image
        side (context and added lines) or, with ``removed``, of its removed lines (read with
        the context around them), once: a side no rule looks into is never lexed."""
        side = "removed" if removed else "new"
        if side not in self.lexed:
            lex_hunk(self, removed=removed)
            self.lexed.add(side)

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
        # (pre-image lines, post-image lines) when the tree the patch belongs to was read
        # (patchlint.tree); see patchlint.wholefile
        self.images = None

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

    def __repr__(self):
        return f"<FileDiff {self.path} +{self.added} -{self.removed}>"


class Patch:
    """One message of an input (or a whole plain diff) and the files it changes.

    ``kind`` is ``"email"`` (a patch mail), ``"diff"`` (a plain unified diff), ``"quoted"``
    (a patch quoted in a review reply: trimmed, so completeness-based rules stay quiet) or
    ``"cover"`` (a cover letter: no code to lint).
    """

    # (plain classes rather than dataclasses: dataclasses cost ~13 ms of start-up)
    FIELDS = ("subject", "author", "date", "message_id", "in_reply_to", "references", "to",
              "cc", "headers")

    def __init__(self, input, index, kind="diff", subject=None, author=None, date=None,
                 message_id=None, in_reply_to=None, references=None, to=None, cc=None,
                 headers=None, live=False):
        self.input = input
        self.index = index              # 1-based message index inside the input
        self.kind = kind
        self.subject = subject
        self.author = author            # "Name <addr>" as in From:
        self._date = date               # datetime, or the Date: header's text until asked
        self.message_id = message_id
        self.in_reply_to = in_reply_to
        self.references = references if references is not None else []
        self._to = to if to is not None else []     # a list, or header text until asked
        self._cc = cc if cc is not None else []
        self.headers = headers if headers is not None else {}
        self.message = ""               # commit message (subject excluded)
        self.message_src_no = None      # input line of the message's first line
        self.trailers = []              # [(key, value, src_no)]
        self.notes = ""                 # between '---' and the diff (diffstat, changelog)
        self.diffstat = None            # {"files": n, "insertions": n, "deletions": n}
        self.files = []
        self._counts = None             # (insertions, deletions) once the files are shed
        self.problems = []              # reader-found corruption, as Problems
        self.src_no = 1                 # input line where this message starts
        self.flowed = False             # sent with format=flowed
        self.live = live                # a diff of the user's tree right now
        self.commit = None              # git commit id when read from a git range
        # git's comparison with the previous version (format-patch --interdiff/--range-diff):
        # "Interdiff against v1:\n..." as sent, kept apart from the patch itself; or ""
        self.comparison = ""
        self.reply = False              # read from a review reply (quoted, or its fix-up)
        self.cache = {}                 # what rules' helpers derive from it, computed once
        # one dict shared by every patch of the same input (a series), set by the engine
        # before any rule sees the patch: what a rule learnt from an earlier patch, whose
        # files are shed by the time a later one is checked (see patchlint.api)
        self.shared = None
        # the git work tree the patch was found to belong to (patchlint.tree.Tree), or None
        self.tree = None

    # Dates and address lists are parsed (by patchlint.mail) when first asked for: most runs
    # never ask, and the parsing modules cost start-up time.
    @property
    def date(self):
        if isinstance(self._date, str):
            self._date = parse_date(self._date)
        return self._date

    @date.setter
    def date(self, value):
        self._date = value

    @property
    def to(self):
        if isinstance(self._to, str):
            self._to = parse_addresses(self._to)
        return self._to

    @property
    def cc(self):
        if isinstance(self._cc, str):
            self._cc = parse_addresses(self._cc)
        return self._cc

    @property
    def subject_info(self) -> SubjectInfo:
        return parse_subject(self.subject)

    @property
    def is_cover(self) -> bool:
        return self.kind == "cover"

    @property
    def year(self):
        if isinstance(self._date, str):
            year = date_year(self._date)        # the year alone needs no date parsing
            if year is not None:
                return year
        if self.date is not None:
            return self.date.year
        if self.live:
            import datetime  # noqa: PLC0415 (lazy: only a diff of the work tree asks the date)
            return datetime.date.today().year
        return None

    @property
    def insertions(self) -> int:
        if self._counts is not None:
            return self._counts[0]
        return sum(f.added for f in self.files)

    @property
    def deletions(self) -> int:
        if self._counts is not None:
            return self._counts[1]
        return sum(f.removed for f in self.files)

    def shed(self):
        """Let go of the files once the patch is checked and reported, keeping its counts and
        the first changed hunk of its first text file (where a finding about the whole series
        is placed).  ``shared`` is kept: it is how the later patches of the input learn what
        this one held."""
        self._counts = (self.insertions, self.deletions)
        named = [fd for fd in self.files if fd.path]
        keep = [fd for fd in named if not fd.is_binary] or named
        if keep:
            fd = keep[0]
            hunks = [h for h in fd.hunks if any(ln.kind != " " for ln in h.lines)]
            fd.hunks = hunks[:1]
            fd.images = None
            keep = [fd]
        self.files = keep
        self.cache = {}


class Problem:
    """Something wrong with the patch text itself, found while reading it."""

    def __init__(self, message, src_no, file=None, line=None, number=None):
        self.message = message
        self.src_no = src_no
        self.file = file
        self.line = line                # the model line the damage shows up on, if any
        self.number = number            # file line number (post-image) when no model line

    def __repr__(self):
        return f"<Problem {self.message!r} at input line {self.src_no}>"
