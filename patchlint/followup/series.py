"""v1 and v2 through the rules, kept as what the follow-up compares.

The patches of both versions are checked as the main command checks them (the runner, one
``shared`` dict per series, the series rules after the patches, tree context when the patch
belongs to the tree here), and each is kept as a :class:`Digest`: plain data (its mail
headers, commit message, trailers and notes, every line of its diff, its finding records),
after which its model is let go, as the main run lets it go.
"""

from __future__ import annotations

from ..reader import InputError
from ..results import record
from ..sources import inputs
from ..tree import attach


class FileDigest:
    """One file of a patch: ``path``, ``old_path`` and its ``hunks``, each
    ``(old_start, new_start, [(kind, old_no, new_no, text)])``."""

    __slots__ = ("path", "old_path", "hunks")

    def __init__(self, fd):
        self.path = fd.path
        self.old_path = fd.old_path
        self.hunks = [(h.old_start, h.new_start,
                       [(ln.kind, ln.old_no, ln.new_no, ln.text) for ln in h.lines])
                      for h in fd.hunks]

    def lines(self):
        for _, _, lines in self.hunks:
            yield from lines

    def added(self):
        return [(new, text) for kind, _, new, text in self.lines() if kind == "+"]

    def removed(self):
        return [(old, text) for kind, old, _, text in self.lines() if kind == "-"]


class Digest:
    """A patch mail (or cover letter) of v1 or v2, as the follow-up compares it."""

    def __init__(self, patch, findings, name):
        info = patch.subject_info
        self.input = name
        self.index = patch.index
        self.kind = "cover" if patch.is_cover else "patch"
        self.subject = patch.subject
        self.title = info.title or patch.subject or ""
        self.number, self.total, self.version = info.number, info.total, info.version
        self.author = patch.author
        self.date = patch.date
        self.message_id = patch.message_id
        self.in_reply_to = patch.in_reply_to
        self.references = list(patch.references)
        self.to = list(patch.to)
        self.cc = list(patch.cc)
        self.message = patch.message or ""
        self.trailers = [(k, v) for k, v, _ in patch.trailers]
        self.notes = patch.notes or ""
        self.comparison = patch.comparison or ""
        self.commit = patch.commit
        self.files = {}
        for fd in patch.files:
            if fd.path and not fd.is_binary:
                self.files.setdefault(fd.path, FileDigest(fd))
        self.trimmed = patch.kind == "quoted" or any(h.trimmed for fd in patch.files
                                                     for h in fd.hunks)
        self.findings = findings
        self.series_findings = []

    def changes(self):
        """The diff without its context: ``(path, kind, text)`` of each changed line."""
        return [(path, kind, text) for path, f in self.files.items()
                for kind, _, _, text in f.lines() if kind != " "]

    def __repr__(self):
        return f"<Digest {self.kind} {self.subject!r}>"


class Checked:
    """A version checked: its ``digests`` in order, the findings about each series
    (``series``: ``[(digests of the series, finding records)]``), and the rules that failed
    (``crashes``: lines to say)."""

    def __init__(self):
        self.digests = []
        self.series = []
        self.crashes = []


def check_series(patches, runner, name, out, widen=False):
    """Check one series (the patch models of one input), adding to ``out`` (a Checked);
    ``widen``: give each patch its tree context first (the sources give it to theirs)."""
    shared = {}
    seen = []
    mine = []
    for patch in patches:
        if patch.reply:
            continue                    # a review reply in a v2 mbox is no patch of v2
        if widen:
            attach([patch])
        patch.shared = shared
        checked = runner.check(patch)
        _crashes(name, checked.errors, out)
        _, found = record(name, patch, checked.findings)
        d = Digest(patch, found, name)
        mine.append(d)
        patch.shed()
        seen.append(patch)
    result = runner.check_series(seen)
    _crashes(name, result.errors, out)
    _, found = record(name, None, result.findings)
    out.digests.extend(mine)
    out.series.append((mine, found))
    return mine


def check_sources(sources, runner, settings, out, errors):
    """Read and check v2 (the command line's sources, as the main run reads them); an input
    that cannot be used goes to ``errors`` as ``(where, what)``."""
    for source in sources:
        try:
            for inp in inputs(source, settings.tree):
                check_series(inp.patches, runner, inp.name, out)
        except OSError as e:
            errors.append((source.name, f"cannot read: {e.strerror or type(e).__name__}"))
        except InputError as e:
            errors.append((f"{source.name}:{e.line}" if e.line else source.name, e.message))


def _crashes(name, errors, out):
    for rid, where, text in errors:
        loc = f":{where}" if where else ""
        out.crashes.append(f"patchlint: {name}{loc}: internal error in rule {rid}: {text}")
