"""What a run checks, read: the reading stage of the pipeline.

A source is what the command line names: a file (``-`` for standard input), a git range, the
staged changes, the working tree, the commits a push sends, a commit message.  Each becomes
one or more :class:`Input` objects whose patches come one at a time (a big mbox is never all
in memory as a model), each already widened with its tree context (:mod:`patchlint.tree`)
before anything reads or lexes its lines.  Reading raises
:class:`~patchlint.reader.InputError` (or ``OSError``) for an input that cannot be used, at the
point where that shows.
"""

from __future__ import annotations

import os
import re
import sys

from .reader import InputError, InputStream
from .tree import attach


class Source:
    """A ``kind`` of source (file, git, staged, worktree, pre-push, commit-msg) and its name
    as the user gave it; a file source may come with its bytes already in hand (``data``)."""

    __slots__ = ("kind", "name", "data")

    def __init__(self, kind, name, data=None):
        self.kind = kind
        self.name = name
        self.data = data

    def __repr__(self):
        return f"<Source {self.kind} {self.name}>"


class Input:
    """One input of a source: its name, how many messages it holds, its patches (an iterator),
    and, for a file, its bytes (which ``--fix`` rewrites)."""

    def __init__(self, name, messages, patches, data=None):
        self.name = name
        self.messages = messages
        self.patches = patches
        self.data = data
        self.fixed = None               # the bytes --fix made of ``data``


# "Subject: [PATCH v2 3/6] ..." (any prefix words), at the start of a header line
_SUBJECT = re.compile(rb"^Subject:[ \t]*\[([^\]\n]*?)(\d+)/(\d+)\]", re.M)
_VERSION = re.compile(rb"\bv(\d+)\b")
HEAD_BYTES = 65536


def series_runs(sources) -> list:
    """The sources grouped into runs: consecutive patch files that are the mails of one series
    (``git format-patch`` writes one file per mail: ``[PATCH v2 0/3]``, ``[PATCH v2 1/3]``...,
    the same total and version, their numbers rising) form one run, checked as one series as
    an mbox of them would be; every other source is a run of its own."""
    runs, key, last_no = [], None, None
    for source in sources:
        got = _numbering(source) if source.kind == "file" and source.name != "-" else None
        if got is not None and runs and key == got[:2] and got[2] > last_no:
            runs[-1].append(source)
        else:
            runs.append([source])
        key, last_no = (got[:2], got[2]) if got is not None else (None, None)
    return runs


def _numbering(source):
    """(version, total, number) of the first mail of a patch file, or None."""
    try:
        if source.data is not None:
            head = source.data[:HEAD_BYTES]
        else:
            with open(source.name, "rb") as f:
                head = f.read(HEAD_BYTES)
    except OSError:
        return None                     # said when the file is read
    m = _SUBJECT.search(head)
    if m is None:
        return None
    version = _VERSION.search(m.group(1))
    return (int(version.group(1)) if version else 1, int(m.group(3)), int(m.group(2)))


def read_bytes(name) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    if os.path.isdir(name):
        raise IsADirectoryError(21, "is a directory")
    with open(name, "rb") as f:
        return f.read()


def inputs(source, tree=True, notices=None):
    """The inputs of ``source``, in order.  ``tree``: widen hunks with the git tree's context.
    ``notices`` collects one-line messages for the user (a missing push range, say)."""
    kind, name = source.kind, source.name
    if kind == "file":
        data = source.data if source.data is not None else read_bytes(name)
        stream = InputStream(name, data)
        yield Input(name, stream.messages, _widened(stream, tree), data)
        return
    from . import gitsrc  # noqa: PLC0415 (lazy: git and its subprocess, for git sources only)
    if kind == "commit-msg":
        data = read_bytes(name)
        result = gitsrc.read_commit_msg(name, data)
        yield Input(name, result.messages, iter(result.patches), data)
        return
    if kind == "git":
        results = gitsrc.read_range(name)
    elif kind == "staged":
        results = [gitsrc.read_staged()]
    elif kind == "worktree":
        results = [gitsrc.read_worktree()]
    elif kind == "pre-push":
        spec, notice = gitsrc.push_range(os.environ)
        if notice and notices is not None:
            notices.append(notice)
        results = gitsrc.read_range(spec) if spec else []
    else:
        raise ValueError(f"unknown source kind {kind!r}")
    for result in results:
        yield Input(result.name, result.messages, _widened(iter(result.patches), tree))


def _widened(patches, tree):
    """Each patch, with its hunks widened by the tree's context when it belongs to it."""
    if not tree:
        yield from patches
        return
    for patch in patches:
        attach([patch])
        yield patch


def reread(source, data=None, tree=True):
    """The one input of a file source read again from ``data`` (after a fix), or of a
    staged/worktree source from git (whose files a fix changed)."""
    if source.kind == "file":
        stream = InputStream(source.name, data)
        return Input(source.name, stream.messages, _widened(stream, tree), data)
    (inp,) = inputs(source, tree)
    return inp


__all__ = ["Input", "InputError", "Source", "inputs", "read_bytes", "reread"]
