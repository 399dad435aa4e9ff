"""A file's whole text before and after a patch, when it can be known, and its end.

Some of libvirt's checks read a file as a whole: a header's guard layout, a header included
twice, an ``#include`` none of whose names the file uses, a ``main()`` that never sets up
translations.  A patch shows only some of a file, so such a check can judge a file only when
its whole post-image is known:

* the patch adds the file (every line of it is in the patch), or
* the tree the patch belongs to is at hand (:mod:`patchlint.tree` reads the pre-image by the
  blob id of the patch's ``index`` line and applies the hunks: ``FileDiff.images``).

Either way the pre-image is known too (empty for a new file), so a check can tell a problem
the patch brings from one the file already had, and report only the former.

Whether the patch shows the *end* of a file is a smaller question that a patch answers by
itself more often (:func:`file_end`): a new file, the ``\\ No newline at end of file`` marker,
or a hunk whose trailing context is cut short (diff tools give a hunk as many lines of context
after its last change as before its first, unless the file ends first).
"""

from __future__ import annotations


class WholeFile:
    """The whole text of a file after the patch (``new``) and before it (``old``: ``[]`` for a
    new file), each a list of lines without their end-of-line, and the model lines of the
    patch's hunks (widened with the tree's context when it was read) by post-image number."""

    __slots__ = ("file", "new", "old", "is_new", "_by_no")

    def __init__(self, file, new, old):
        self.file = file
        self.new = new
        self.old = old
        self.is_new = bool(file.is_new)
        self._by_no = None

    def line(self, no):
        """The model :class:`~patchlint.model.Line` of post-image line ``no`` when the
        patch's hunks (or the tree context around them) hold it, else None."""
        if self._by_no is None:
            self._by_no = {ln.new_no: ln for h in self.file.hunks for ln in h.lines
                           if ln.kind != "-"}
        return self._by_no.get(no)

    def added(self, no) -> bool:
        """Does the patch add post-image line ``no``?"""
        ln = self.line(no)
        return ln is not None and ln.kind == "+"

    def introduced(self, check):
        """What ``check`` (lines -> a problem, or None when the lines pass) finds in the file
        after the patch, when the file passed it before (or is new); else None: a problem the
        file already had is not the patch's."""
        found = check(self.new)
        if found is None or self.is_new or check(self.old) is None:
            return found
        return None

    def __repr__(self):
        return f"<WholeFile {self.file.path} {len(self.old)} -> {len(self.new)} lines>"


def is_regular(file) -> bool:
    """Is the file a regular one as far as the patch says: not a symbolic link (mode 120000,
    whose "text" is its target) nor a submodule (160000)?  libvirt's syntax-check reads
    regular files only."""
    mode = file.new_mode or file.old_mode
    return mode is None or str(mode).startswith("100")


def whole_file(file):
    """The :class:`WholeFile` of a :class:`~patchlint.model.FileDiff`, or None when its whole
    post-image is not known (an existing file whose tree was not read; a deleted or binary
    file; a hunk quoted in part)."""
    cache = file.patch.cache if file.patch is not None else {}
    key = ("whole-file", id(file))
    if key in cache:
        return cache[key]
    got = cache[key] = _whole(file)
    return got


def _whole(file):
    if file.is_deleted or file.is_binary or not file.hunks or not is_regular(file):
        return None
    if any(h.trimmed for h in file.hunks) or file.patch is not None and \
            file.patch.kind == "quoted":
        return None
    if file.images is not None:
        old, new = file.images
        return WholeFile(file, new, old)
    if not file.is_new:
        return None
    new, want = [], 1
    for h in file.hunks:
        for ln in h.lines:
            if ln.kind == "-":
                return None
            if ln.new_no != want:
                return None             # a gap: not every line is in the patch
            new.append(ln.text)
            want += 1
    return WholeFile(file, new, [])


def file_end(file):
    """The model line that ends the file after the patch, when the patch itself shows it
    (not a line the tree's context filled in), else None."""
    if file.is_deleted or file.is_binary or not file.hunks or not is_regular(file):
        return None
    if file.patch is not None and file.patch.kind == "quoted":
        return None
    whole = whole_file(file)
    if whole is not None:
        ln = whole.line(len(whole.new)) if whole.new else None
        if ln is not None and (ln.src_no is not None or whole.is_new):
            return ln
        return None
    shown = [ln for h in file.hunks for ln in h.lines if ln.kind != "-"]
    if any(ln.eol == "" for ln in shown):
        return shown[-1] if shown[-1].eol == "" else None
    hunk = file.hunks[-1]
    if hunk.trimmed:
        return None
    lines = hunk.lines
    lead = next((k for k, ln in enumerate(lines) if ln.kind != " "), len(lines))
    trail = next((k for k, ln in enumerate(reversed(lines)) if ln.kind != " "), len(lines))
    if trail < lead:
        side = hunk.new_side()
        return side[-1] if side else None
    return None
