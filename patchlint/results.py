"""What a check hands its reporter: plain records of each patch and each finding.

Rules read the model (patch, file, hunk, line); reporters never do.  Once a patch is checked,
:func:`record` turns it and its findings into the records below, in this one place, and the
reporter reads only those.  Records are plain data (strings, numbers, tuples and the small
classes here): they hold no reference into the model, so a patch's model can go as soon as it
is recorded, and they cross a process boundary as they are (``-j``).

Where a finding is, is worked out here once, for every format (:func:`_locate`): its place in
the patch as the JSON contract gives it (path, line, column; a removed line by its number in
the old file), and its place in the tree after the patch (:class:`Anchor`), which is what code
scanning, GitHub and GitLab show:

* a finding on an added or context line: that line and its columns;
* on a removed line: the line of the new file where the removal happened (the line that now
  follows it), without columns; the old number is kept (a removed line of a deleted file keeps
  its old place);
* on a whole file: the line given, else where the patch first touches the file;
* on the whole mail (no sign-off, split-patch, a series without a cover letter): the first line
  the patch changes in its first file, marked ``patch_level`` so the message can name the
  patch; a mail that changes no file has no place in the tree (``path`` None).
"""

from __future__ import annotations

from .fix import apply_edits, fixup_diff, line_edits


class InputInfo:
    """One input: its name as given (``-`` for stdin) and how many messages it held."""

    __slots__ = ("name", "messages")

    def __init__(self, name, messages):
        self.name = name
        self.messages = messages


class PatchInfo:
    """A patch (one message of an input, or a plain diff) as reporters see it."""

    __slots__ = ("input", "index", "kind", "subject", "title", "number", "total", "author",
                 "date", "message_id", "in_reply_to", "references", "to", "cc", "commit",
                 "message", "notes", "files", "binary", "fixup")

    @property
    def is_cover(self) -> bool:
        return self.kind == "cover"


class FileInfo:
    """A file the patch changes: its paths, and the hunks some finding is in or rests on
    (``hunks``: {index in the file: HunkInfo})."""

    __slots__ = ("path", "old_path", "new_path", "is_new", "is_deleted", "hunks")


class HunkInfo:
    """A hunk's header numbers and lines: ``lines`` are ``(kind, old_no, new_no, text)``."""

    __slots__ = ("old_start", "old_len", "new_start", "new_len", "section", "lines")


class Anchor:
    """Where a finding goes in a report about the tree after the patch (see the module's
    docstring).  ``col``/``end`` are 0-based columns into ``text`` (end exclusive)."""

    __slots__ = ("path", "line", "col", "end", "text", "side", "old_line", "patch_level",
                 "line_known")

    def __init__(self):
        self.path = self.line = self.col = self.end = self.text = self.old_line = None
        self.side = "new"
        self.patch_level = False
        self.line_known = True


class FindingInfo:
    """A finding as reporters see it.

    ``path``, ``line`` (1-based; a removed line's number in the old file), ``column`` and
    ``end_column`` (1-based, end exclusive), ``side`` and ``input_line`` are the contract's;
    ``start``/``end`` are the same columns 0-based into ``text``, the flagged line's text.
    ``excerpt`` is the flagged line with the lines around it in its hunk, each
    ``(kind, old_no, new_no, text)``, the flagged one at ``at``; ``removal`` says where a
    removed line was: ``("deleted",)``, ``("before", n)``, ``("after", n)`` or ``("top",)``.
    ``hunk`` is ``(file, hunk, line)``: the flagged line's place in the patch record's files;
    ``context`` the other stretches ``(file, hunk, first, last)`` the judgement rests on.
    ``fixed`` is the flagged line with every certain fix on it applied.  ``place`` says where a
    finding about the mail goes in a review reply (``"trailers"`` or ``"notes"``); ``series``
    marks a finding about an input's patches together.
    """

    __slots__ = ("rule", "severity", "message", "suggestion", "syntax_check", "check_script",
                 "replacement", "path", "line", "column", "end_column", "side", "input_line",
                 "start", "end", "text", "kind", "input", "patch", "subject", "title", "commit",
                 "anchor", "excerpt", "at", "removal", "file", "hunk", "context", "fixed", "place",
                 "series", "fixable", "line_text")

    def key(self) -> str:
        """What tells this finding from another of its rule and path, whatever line it is on:
        the flagged line's text (for a finding on a whole file at a line number, that line's
        text when the patch shows it), else the patch's title (fingerprints are made of it)."""
        if self.text is not None:
            return (self.kind or " ") + self.text
        if self.line_text is not None:
            return " " + self.line_text
        return "@" + (self.title or "")


def record(input_name, patch, findings, fixup=False, mail=False):
    """``(PatchInfo, [FindingInfo])`` for a checked patch (or ``(None, [...])`` for findings
    about a series, when ``patch`` is None).  With ``fixup``, the patch record carries its
    fix-up diff (``--diff`` and the review reply print it); with ``mail``, its date and its
    To/Cc addresses, read from the headers (the review reply writes them; reading them costs
    the email package's start-up time, which no other format needs to pay)."""
    files = {}
    out = [_finding(f, files) for f in findings]
    _fixed(findings, out)
    if patch is None:
        return None, out
    info = _patch(patch, mail)
    info.files = [_file(fd, files.get(id(fd), {}).get("hunks", set())) for fd in patch.files]
    info.fixup = ""
    if fixup:
        info.fixup = fixup_diff([patch], findings)
    return info, out


def _patch(patch, mail):
    p = PatchInfo()
    p.input = patch.input
    p.index = patch.index
    p.kind = patch.kind
    p.subject = patch.subject
    info = patch.subject_info
    p.title = info.title or patch.subject
    p.number, p.total = info.number, info.total
    p.author = patch.author
    p.date = patch.date if mail else None
    p.message_id = patch.message_id
    p.in_reply_to = patch.in_reply_to
    p.references = list(patch.references)
    p.to = list(patch.to) if mail else []
    p.cc = list(patch.cc) if mail else []
    p.commit = patch.commit
    p.message = patch.message
    p.notes = patch.notes
    p.binary = sum(1 for fd in patch.files if fd.is_binary)
    return p


def _file(fd, wanted):
    f = FileInfo()
    f.path, f.old_path, f.new_path = fd.path, fd.old_path, fd.new_path
    f.is_new, f.is_deleted = fd.is_new, fd.is_deleted
    f.hunks = {}
    for k in sorted(wanted):
        h = fd.hunks[k]
        hi = HunkInfo()
        hi.old_start, hi.old_len, hi.new_start, hi.new_len = (h.old_start, h.old_len,
                                                              h.new_start, h.new_len)
        hi.section = h.section
        hi.lines = [(ln.kind, ln.old_no, ln.new_no, ln.text) for ln in h.lines]
        f.hunks[k] = hi
    return f


def _finding(f, files):
    r = FindingInfo()
    r.rule, r.severity, r.message = f.rule, f.severity, f.message
    r.suggestion, r.syntax_check, r.replacement = f.suggestion, f.syntax_check, f.replacement
    r.check_script = f.check_script
    r.series = bool(getattr(f, "series", False))
    r.place = getattr(f, "about", None)
    patch = f.patch
    r.input = patch.input if patch is not None else None
    r.patch = patch.index if patch is not None else None
    r.subject = patch.subject if patch is not None else None
    r.title = (patch.subject_info.title or patch.subject) if patch is not None and \
        patch.subject else None
    r.commit = patch.commit if patch is not None else None
    r.path = f.path
    r.line = f.lineno
    r.start, r.end = f.start, f.end
    ln = f.line
    r.column = None if f.start is None else f.start + 1
    r.end_column = f.end + 1 if ln is not None and f.end is not None else None
    r.side = None if ln is None else ("old" if ln.kind == "-" else "new")
    r.input_line = ln.src_no if ln is not None else None
    r.text = ln.text if ln is not None else None
    r.kind = ln.kind if ln is not None else None
    r.fixable = f.fixable
    r.excerpt = r.at = r.removal = r.hunk = r.fixed = r.line_text = r.file = None
    r.context = []
    if f.file is not None and patch is not None:
        r.file = _index(patch.files, f.file)
    if ln is not None:
        _where_in_patch(r, f, ln, files)
    elif f.file is not None and f.number is not None:
        r.line_text = next((x.text for h in f.file.hunks for x in h.lines
                            if x.kind != "-" and x.new_no == f.number), None)
    r.anchor = _locate(f)
    return r


def _where_in_patch(r, f, ln, files):
    """The flagged line's excerpt, its place among the patch's hunks, and what rests on it."""
    hunk = ln.hunk
    lines = hunk.lines
    k = ln.index
    around = [x for x in (lines[k - 1] if k > 0 else None, ln,
                          lines[k + 1] if k + 1 < len(lines) else None) if x is not None]
    r.excerpt = [(x.kind, x.old_no, x.new_no, x.text) for x in around]
    r.at = around.index(ln)
    if ln.kind == "-":
        r.removal = _removal(ln)
    fd = hunk.file
    r.hunk = (_index(fd.patch.files, fd), _index(fd.hunks, hunk), k)
    files.setdefault(id(fd), {"hunks": set()})["hunks"].add(r.hunk[1])
    for first, last in f.context or ():
        if first.hunk is last.hunk:
            cfd = first.hunk.file
            if cfd.patch is not fd.patch:
                continue
            span = (_index(fd.patch.files, cfd), _index(cfd.hunks, first.hunk), first.index,
                    last.index)
            r.context.append(span)
            files.setdefault(id(cfd), {"hunks": set()})["hunks"].add(span[1])


def _fixed(findings, records):
    """Each fixable finding's line with every certain fix on that line applied."""
    if not any(f.replacement is not None for f in findings):
        return
    done = {key: apply_edits(ln.text, edits) for key, (ln, edits) in line_edits(findings).items()}
    for f, r in zip(findings, records):
        if f.replacement is not None and f.line is not None:
            r.fixed = done.get(id(f.line))


def _index(items, item):
    for k, x in enumerate(items):
        if x is item:
            return k
    raise ValueError("not in its patch")


def _removal(ln):
    fd = ln.hunk.file
    if fd.is_deleted:
        return ("deleted",)
    lines = ln.hunk.lines
    after = next((x.new_no for x in lines[ln.index + 1:] if x.new_no is not None), None)
    if after is not None:
        return ("before", after)
    before = next((x.new_no for x in reversed(lines[:ln.index]) if x.new_no is not None),
                  None)
    if before is None:
        before = ln.hunk.new_start if ln.hunk.new_len == 0 else None
    return ("after", before) if before else ("top",)


# -- where a finding is, in the tree after the patch ------------------------------------------

def _new_line_near(line):
    """The post-image line number where a removed line used to be."""
    lines = line.hunk.lines
    for ln in lines[line.index + 1:]:
        if ln.new_no is not None:
            return ln.new_no
    for ln in reversed(lines[:line.index]):
        if ln.new_no is not None:
            return ln.new_no
    return max(line.hunk.new_start, 1)


def _first_changed_line(fd):
    """Where a patch first touches a file, in the post-image (1 when nothing says)."""
    for h in fd.hunks:
        for ln in h.lines:
            if ln.kind == "+":
                return ln.new_no
            if ln.kind == "-":
                return ln.old_no if fd.is_deleted else _new_line_near(ln)
    return 1


def _locate(f) -> Anchor:
    a = Anchor()
    ln = f.line
    if ln is not None:
        fd = ln.hunk.file
        a.text = ln.text
        if ln.kind == "-" and not fd.is_deleted:
            a.path, a.line, a.side = fd.new_path or fd.path, _new_line_near(ln), "old"
            a.old_line, a.text = ln.old_no, None
            return a
        a.path, a.line = f.path, ln.number
        if ln.kind == "-":
            a.side = "old"
        if f.start is not None:
            a.col = f.start
            if f.end is not None and f.end >= f.start:
                a.end = f.end
        return a
    if f.file is not None:
        line = f.number
        if line is None:
            line = _first_changed_line(f.file)
            a.line_known = False
        a.path, a.line = f.path, max(line, 1)
        return a
    a.patch_level = True
    a.line_known = False
    patch = f.patch
    named = [fd for fd in (patch.files if patch is not None else []) if fd.path]
    texts = [fd for fd in named if not fd.is_binary] or named
    if texts:
        a.path, a.line = texts[0].path, max(_first_changed_line(texts[0]), 1)
    return a
