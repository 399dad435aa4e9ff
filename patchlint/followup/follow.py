"""One follow-up, every stage in order: v2 read and checked, the thread read, v1 checked, the
patches paired, then the comments, findings, trailers and v2 mails turned into records.

:func:`follow` is what the command line, the send hook and the tests call; it returns a
:class:`Result` (the items and the groups they are shown in), or raises
:class:`~patchlint.reader.InputError` (naming THREAD) and :class:`InputsError` (the v2 inputs
that could not be used).
"""

from __future__ import annotations

from ..mail import parse_addresses, parse_date
from .comments import read_review
from .compare import finding_items, trailer_items, version_items
from .match import match
from .records import Group, MailInfo
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
    (rules that failed: lines to say), the thread's name, v1's version, and the mails a
    summary answers (``v2_root``, ``v1_root``: :class:`~.records.MailInfo` or None)."""

    def __init__(self, items, groups, crashes, thread, version):
        self.items = items
        self.groups = groups
        self.crashes = crashes
        self.thread = thread
        self.version = version
        self.v2_root = None
        self.v1_root = None


def follow(thread_name, thread_data, sources, settings, runner, whole=True) -> Result:
    """Follow the review of THREAD up in v2 (``sources``).  ``whole``: v2 is the whole
    series; else it is some mails of it (the send hook's one at a time), and only what is
    about them is said: nothing is taken for dropped."""
    v2 = Checked()
    errors = []
    check_sources(sources, runner, settings, v2, errors)
    if errors:
        raise InputsError(errors)
    versions = [d.version for d in v2.digests if d.version]
    thread = read_thread(thread_name, thread_data, max(versions) if versions else None)
    review = read_review(thread)            # (before v1 is checked: checking lets it go)
    v1 = _check_v1(thread, settings, runner)
    m = match(thread.v1, v2.digests)
    found, fates = finding_items(m, v1, v2)
    names = (f"v{thread.version}", f"v{thread.version + 1}")
    items = patch_items(m, thread.v1, names)
    items += comment_items(review, m, v2.digests, fates, names)
    items += trailer_items(review, thread, m, names[1]) + found
    items += version_items(v2.digests, thread.version, series=whole)
    if not whole:
        items = [it for it in items if it.v2_subject is not None or it.kind == "version"]
    groups = _group(items, thread, m)
    result = Result(items, groups, v1.crashes + v2.crashes, thread_name, thread.version)
    digests = [d for d in v2.digests if d.kind == "cover"] or sorted(
        v2.digests, key=lambda d: d.number or 0)
    if digests:
        d = digests[0]
        result.v2_root = MailInfo(d.subject, d.author, d.date, d.message_id, d.references,
                                  d.to, d.cc)
    mails = [v.message for v in thread.v1 if v.message is not None]
    if mails:
        m = mails[0]                        # (v1 is sorted: the cover letter first)
        result.v1_root = MailInfo(m.subject, m.author, parse_date(m.date), m.message_id,
                                  m.references, _addresses(m.to), _addresses(m.cc))
    return result


def _check_v1(thread, settings, runner):
    """v1 through the rules: its mails as one series, or each stand-in alone (a quote is
    no series); each V1Patch gets its digest."""
    v1 = Checked()
    real = [v for v in thread.v1 if not v.virtual]
    for v, d in zip(real, check_series([v.patch for v in real], runner, thread.name, v1,
                                       widen=settings.tree)):
        v.digest = d
    for v in thread.v1:
        if v.virtual:
            v.digest = check_series([v.patch], runner, thread.name, v1)[0]
            v1.series.pop()
    return v1


def _addresses(value):
    return parse_addresses(value) if isinstance(value, str) else list(value or [])


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
