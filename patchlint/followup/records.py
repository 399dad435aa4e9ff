"""The follow-up's records: one :class:`Item` per comment, finding, trailer, version problem
and patch, as plain data.  Every output reads these and nothing else; the exit status is
counted from them (:func:`failing`).

The JSON keys of CONTRACT.md ("Review follow-up") are the first ten slots; the others extend
them: ``severity`` (a finding's), ``anchor`` (what a comment is about: ``line``,
``message``, ``file``, ``patch``, ``cover``), ``v1_text``/``v2_text`` (the anchored line in
each version, diff prefix included), ``v2_subject``, ``why`` (how the status was decided),
``follows`` (the reviewer whose comment this one adds to), ``answers`` and ``reactions``
(the contributor's answers, the reviewers' word on them).  ``group`` (the patch it is
shown under: v1's order, then v2's new patches, then the series) and ``excerpt`` (where v2
has the line, quoted) are for the outputs, not the JSON.
"""

from __future__ import annotations

from ..model import SEVERITY_RANK

CONTRACT_KEYS = ("kind", "status", "reviewer", "subject", "path", "line", "v2_path", "v2_line",
                 "text", "rule")
EXTRA_KEYS = ("severity", "anchor", "v1_text", "v2_text", "v2_subject", "why", "follows",
              "answers", "reactions")

# what each kind's statuses are, in the order they are listed
STATUSES = {
    "comment": ("open", "answered", "addressed", "dropped", "general"),
    "trailer": ("carry", "renew", "kept"),
    "finding": ("present", "new", "fixed"),
    "version": ("problem",),
    "patch": ("changed", "unchanged", "new", "dropped"),
}


class Item:
    """One thing the follow-up says (see the module's docstring for the keys)."""

    __slots__ = CONTRACT_KEYS + EXTRA_KEYS + ("group", "excerpt")

    def __init__(self, kind, status, **kw):
        for key in self.__slots__:
            setattr(self, key, None)
        self.kind = kind
        self.status = status
        self.answers = []
        self.reactions = []
        self.group = 0
        self.excerpt = None         # (path, @@ header, lines): where v2 has the line, quoted
        for key, value in kw.items():
            setattr(self, key, value)

    def as_dict(self) -> dict:
        d = {key: getattr(self, key) for key in CONTRACT_KEYS}
        for key in EXTRA_KEYS:
            value = getattr(self, key)
            if value not in (None, []):
                d[key] = value
        return d

    def __repr__(self):
        return f"<Item {self.kind} {self.status} {self.path}:{self.line} {self.text!r:.40}>"


class Group:
    """What the items of one group are about: the v1 patch (``v1_subject``, ``status`` as
    the patch item has it) and its v2 (``v2_subject``), or, for the last group, the series."""

    __slots__ = ("index", "v1_subject", "v2_subject", "status")

    def __init__(self, index, v1_subject=None, v2_subject=None, status=None):
        self.index = index
        self.v1_subject = v1_subject
        self.v2_subject = v2_subject
        self.status = status


class MailInfo:
    """The headers a summary mail answers: one mail of v1 or v2 (its root), as plain data."""

    __slots__ = ("subject", "author", "date", "message_id", "references", "to", "cc")

    def __init__(self, subject=None, author=None, date=None, message_id=None, references=(),
                 to=(), cc=()):
        self.subject = subject
        self.author = author
        self.date = date
        self.message_id = message_id
        self.references = list(references)
        self.to = list(to)
        self.cc = list(cc)


def failing(item, fail_on) -> bool:
    """Does the item fail the run: an open comment, a trailer to carry, a finding present or
    new at the failing severity."""
    if item.kind == "comment":
        return item.status == "open"
    if item.kind == "trailer":
        return item.status == "carry"
    if item.kind == "finding" and item.status in ("present", "new"):
        return fail_on != "never" and SEVERITY_RANK[item.severity] >= SEVERITY_RANK[fail_on]
    return False


def tally(items):
    """``{kind: {status: count}}``, every kind and status present (0 when none)."""
    out = {kind: dict.fromkeys(statuses, 0) for kind, statuses in STATUSES.items()}
    for it in items:
        out[it.kind][it.status] += 1
    return out
