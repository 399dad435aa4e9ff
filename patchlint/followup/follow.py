"""One follow-up, every stage in order: v2 read and checked, the thread read, v1 checked, the
patches paired, then the comments, findings, trailers and v2 mails turned into records.

:func:`follow` is what the command line, the send hook and the tests call; it returns a
:class:`Result` (the items and the groups they are shown in), or raises
:class:`~patchlint.reader.InputError` (naming THREAD) and :class:`InputsError` (the v2 inputs
that could not be used).
"""

from __future__ import annotations

from .comments import read_review
from .compare import finding_items, trailer_items, version_items
from .match import match
from .records import Group
from .series import Checked, check_series, check_sources
from .status import comment_items, patch_items
from .thread import read_thread


class InputsError(Exception):
    """v2 inputs that could not be used: ``errors`` are ``(where, what)``."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{w}: {e}" for w, e in errors))
        self.errors = errors


class Result:
    """What a follow-up found: ``items`` (records), ``groups`` (by index), ``crashes``
    (rules that failed: lines to say), the thread's name and v1's version."""

    def __init__(self, items, groups, crashes, thread, version):
        self.items = items
        self.groups = groups
        self.crashes = crashes
        self.thread = thread
        self.version = version


def follow(thread_name, thread_data, sources, settings, runner, whole=True) -> Result:
    """Follow the review of THREAD up in v2 (``sources``).  ``whole``: v2 is the whole
    series (the send hook passes one mail at a time: nothing is dropped then)."""
    v2 = Checked()
    errors = []
    check_sources(sources, runner, settings, v2, errors)
    if errors:
        raise InputsError(errors)
    versions = [d.version for d in v2.digests if d.version]
    thread = read_thread(thread_name, thread_data, max(versions) if versions else None)
    review = read_review(thread)            # (before v1 is checked: checking lets it go)
    v1 = Checked()
    real = [v for v in thread.v1 if not v.virtual]
    for v, d in zip(real, check_series([v.patch for v in real], runner, thread_name, v1,
                                       widen=settings.tree)):
        v.digest = d
    for v in thread.v1:
        if v.virtual:
            v.digest = check_series([v.patch], runner, thread_name, v1)[0]
            v1.series.pop()         # a quote is no series of its own
    m = match(thread.v1, v2.digests)
    if not whole:
        m.dropped = []
    found, fates = finding_items(m, v1, v2)
    items = patch_items(m, thread.v1)
    if not whole:
        items = [it for it in items if it.status != "dropped"]
    items += comment_items(review, m, v2.digests, fates) if whole else [
        it for it in comment_items(review, m, v2.digests, fates)
        if it.status != "dropped" and it.v2_subject is not None]
    items += trailer_items(review, thread, m)
    items += found
    items += version_items(v2.digests, thread.version, series=whole)
    groups = _group(items, thread, m)
    return Result(items, groups, v1.crashes + v2.crashes, thread_name, thread.version)


def _group(items, thread, m):
    """Give each item the group it is shown under: its v1 patch (in v1's order), a new v2
    patch, or the series as a whole (last)."""
    groups = []
    by_title = {}
    for v in thread.v1:
        d = m.v2_of(v)
        status = "dropped" if v in m.dropped else None
        if d is not None and v.kind == "patch":
            status = next((it.status for it in items if it.kind == "patch"
                           and it.subject == v.title), None)
        g = Group(len(groups), v.subject, d.subject if d is not None else None, status)
        groups.append(g)
        by_title.setdefault(("v1", v.title), g)
        if d is not None:
            by_title.setdefault(("v2", d.title), g)
    for d in m.new:
        g = Group(len(groups), None, d.subject, "new")
        groups.append(g)
        by_title.setdefault(("v2", d.title), g)
    rest = Group(len(groups))
    groups.append(rest)
    for it in items:
        g = None
        if it.kind in ("comment", "trailer", "patch") or it.status in ("fixed", "present"):
            g = by_title.get(("v1", it.subject))
        if g is None and it.v2_subject is not None:
            g = by_title.get(("v2", it.v2_subject))
        it.group = (g or rest).index
    return [g for g in groups if any(it.group == g.index for it in items)]
