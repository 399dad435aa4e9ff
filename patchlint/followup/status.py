"""Each review comment's status in v2.

* ``addressed``: the line it is about is gone or changed in the matching v2 patch (a comment
  on the commit message: the quoted sentence was reworded; on a removed line: v2 keeps the
  line), or what it asks for is visibly there (below);
* ``open``: the same line is still added, unchanged, in the same file (or moved elsewhere
  unchanged), and nothing shows the point was met; or the point is visibly not met;
* ``answered``: the line is unchanged, but the contributor answered in the thread (more than
  "will do") and no reviewer insisted: for the human to judge;
* ``dropped``: the patch it is about is not in v2 (and neither is its line);
* ``general``: no line to follow (the patch as a whole, the cover letter), or it asks for
  nothing ("Agreed.").

*Visibly met*, beyond the line itself: patchlint's own findings on what the comment talks
about (:data:`TOPICS`: a comment on trailing whitespace, on `unsigned int` flags ...) were
there in v1 and are gone in v2 (met) or are still there (not met, which wins over a changed
line: `int flags` made `unsigned int` but still not last is open); code the comment asks for
(an indented line, a call ending in ``;``) is added by v2 and was not by v1; a function the
comment names (``usleep()``, ``nanosleep()``) is used by v1 and no longer by v2, or newly.
"""

from __future__ import annotations

import re

from ..lazyre import lazy_re
from .match import unchanged
from .place import excerpt, locate_line, message_state
from .records import Item

# a comment's words -> the rules whose findings show whether it was heeded
TOPICS = (
    ("trailing-whitespace", lazy_re(r"trailing (?:white ?space|blanks?|spaces?)", re.I)),
    ("tab-indent", lazy_re(r"\btabs?\b", re.I)),
    ("flags-type", lazy_re(r"unsigned int|unsigned flags", re.I)),
    ("flags-last", lazy_re(r"\blast (?:arg(?:ument)?|param(?:eter)?)\b|flags (?:\w+ ){0,2}last\b",
                           re.I)),
    ("vircheckflags-dropped", lazy_re(r"virCheckFlags")),
    ("vircheckflags-missing", lazy_re(r"virCheckFlags")),
    ("flag-enum-shift", lazy_re(r"1\s*<<\s*\d")),
    ("us-spelling", lazy_re(r"\b(?:US|UK|British|American) spelling", re.I)),
    ("bitwise-or-wording", lazy_re(r"bitwise-OR")),
    ("prefer-usleep", lazy_re(r"\busleep\b|nanosleep")),
    ("continuation-indent", lazy_re(r"\bindent|\bflush with\b|\balign", re.I)),
    ("copyright-year", lazy_re(r"copyright", re.I)),
    ("signed-off-by", lazy_re(r"signed-off-by|sign-?off", re.I)),
)
_NAMED_RE = lazy_re(r"\b([A-Za-z_]\w{2,})\(\)")
_CODE_RE = lazy_re(r"^\s*[A-Za-z_][\w.>-]*\s*\(.*\)\s*;\s*$")


def comment_items(review, match, v2_list, fates, names=("v1", "v2")):
    """The comment items, in thread order; ``fates`` maps each v1 finding record (by id) to
    ``(status, v2 record)`` (see :mod:`.compare`); ``names`` are the two versions' (``v1``,
    ``v2``: the whys say ``v3`` when it is v3)."""
    out = []
    for c in review.comments:
        it = Item("comment", None, reviewer=c.reviewer, text=c.text, anchor=c.anchor.kind,
                  follows=c.follows.reviewer if c.follows is not None else None)
        it.subject = c.v1.title if c.v1 is not None else None
        a = c.anchor
        if a.kind == "line":
            it.path, it.line, it.v1_text = a.path, a.number, a.side + a.text
        elif a.kind == "message":
            it.v1_text = a.text
        elif a.kind == "file":
            it.path = a.path
        it.answers = [{"author": x.author, "text": x.text, "accepts": x.accepts}
                      for x in c.answers]
        it.reactions = [{"author": x.author, "text": x.text, "agrees": x.agrees}
                        for x in c.reactions]
        v2 = match.v2_of(c.v1) if c.v1 is not None else None
        if v2 is not None:
            it.v2_subject = v2.title
        _decide(it, c, v2, [d for d in v2_list if d is not v2], fates, names)
        out.append(it)
    return out


def _decide(it, c, v2, others, fates, names):
    """Set the item's status, v2 place and why (see the module's docstring)."""
    a = c.anchor
    if c.agrees:
        who = f"agrees with {_name(c.follows.reviewer)}" if c.follows else "asks for nothing"
        it.status, it.why = "general", who
        return
    if c.v1 is None:
        it.status, it.why = "general", f"about no mail of {names[0]}"
        return
    met, why_met = _met(c, v2, fates, names[1])
    if a.kind == "line":
        place = locate_line(a, c.v1.digest, v2, others)
        if place.path is not None:
            it.v2_path, it.v2_line, it.v2_text = place.path, place.line, place.text
            quoted = excerpt(place.digest, place.path, place.line) if place.text and \
                place.text[0] != "-" else None
            it.excerpt = (place.path, *quoted) if quoted else None
            if place.digest is not v2:
                it.v2_subject = place.digest.title
        state = place.state
    elif a.kind == "message" and v2 is not None:
        state = message_state(a.text, v2)
    else:
        state = None
    if v2 is None and not (a.kind == "line" and state == "unchanged"):
        it.status, it.why = ("dropped", f"{names[1]} has no patch for it") \
            if c.v1.kind == "patch" \
            else ("general", "nothing to follow")
        return
    if met is False:
        it.status, it.why = "open", why_met
    elif state in ("changed", "gone"):
        it.status, it.why = "addressed", _changed(a, state, names[1])
    elif met:
        it.status, it.why = "addressed", why_met
    elif state is None:
        it.status, it.why = "general", "nothing to follow"
    else:
        _unchanged(it, c, a, names[1])


def _unchanged(it, c, a, new):
    answers = [x for x in c.answers if not x.accepts]
    insisted = [x for x in c.reactions if not x.agrees]
    what = "the line is still there" if a.kind == "line" else "the message still says so"
    if a.kind == "line" and a.side == "-":
        what = f"{new} still removes the line"
    if answers and not insisted:
        it.status, it.why = "answered", f"{what}; {_name(answers[-1].author)} answered"
    elif answers:
        it.status, it.why = "open", f"{what}; {_name(insisted[-1].author)} insisted"
    else:
        it.status, it.why = "open", what


def _changed(a, state, new):
    if a.kind == "message":
        return "the commit message was reworded"
    if a.side == "-":
        return f"{new} keeps the line"
    return "the line was changed" if state == "changed" else "the line is gone"


def _name(author):
    """The name part of ``Name <addr>`` (the address when there is no name)."""
    text = author or "someone"
    return text.split("<")[0].strip().strip('"') or text.strip("<>")


def _met(c, v2, fates, new):
    """(True, why) when v2 visibly does what the comment asks, (False, why) when it visibly
    does not, (None, None) when nothing shows either way."""
    if v2 is None or c.v1.digest is None:
        return None, None
    verdict = _topics(c, fates)
    if verdict[0] is not None:
        return verdict
    path = c.anchor.path if c.anchor.kind in ("line", "file") else None
    v1_added = _added(c.v1.digest, path)
    v2_added = _added(v2, path)
    for code in _code(c.text):
        if code in v2_added and code not in v1_added:
            return True, f"{new} adds `{code}`"
    for name in dict.fromkeys(_NAMED_RE.findall(c.text)):
        pat = re.compile(r"\b" + re.escape(name) + r"\s*\(")
        n1 = sum(1 for t in v1_added if pat.search(t))
        n2 = sum(1 for t in v2_added if pat.search(t))
        if n1 and not n2:
            return True, f"{new} no longer calls {name}()"
        if n2 and not n1:
            return True, f"{new} calls {name}()"
    return None, None


def _topics(c, fates):
    """Met or not, by patchlint's own findings on what the comment talks about."""
    rules = {rid for rid, rx in TOPICS if rx.search(c.text)}
    if not rules:
        return None, None
    found = [f for f in c.v1.digest.findings if f.rule in rules]
    a = c.anchor
    if a.kind == "line":
        near = {(p, n) for p, _, n, _ in a.stretch} | {(a.path, a.number)}
        here = [f for f in found if (f.path, f.line) in near]
        found = here or [f for f in found if f.path == a.path]
    if not found:
        return None, None
    still = [fates[id(f)] for f in found if fates.get(id(f), ("fixed",))[0] == "present"]
    if still:
        f2 = still[0][1]
        return False, f"patchlint still reports {f2.rule} at {f2.path}:{f2.line}"
    return True, "patchlint no longer reports " + ", ".join(sorted({f.rule for f in found}))


def _added(digest, path):
    """The whitespace-normalised added lines of a digest (of one file, when ``path``)."""
    files = [digest.files[path]] if path is not None and path in digest.files else \
        ([] if path is not None else list(digest.files.values()))
    return {" ".join(t.split()) for f in files for _, t in f.added()}


def _code(text):
    """The lines of code a comment spells out: indented, or a call statement."""
    out = []
    for t in text.split("\n"):
        if _CODE_RE.match(t) or (t.startswith(("    ", "\t")) and t.strip().endswith(";")):
            out.append(" ".join(t.split()))
    return out


def patch_items(match, v1_list, names=("v1", "v2")):
    """A ``patch`` item for each v1 patch (changed, unchanged, dropped) and each new one."""
    out = []
    for v in v1_list:
        if v.kind != "patch":
            continue
        d = match.v2_of(v)
        if d is None:
            out.append(Item("patch", "dropped", subject=v.title,
                            why=f"{names[1]} has no patch for it"))
            continue
        same = unchanged(v, d)
        if same:
            why = "the same changes"
        elif v.virtual or v.digest.trimmed:
            why = f"{names[0]} known from quotes"
        else:
            why = "its changes differ"
        out.append(Item("patch", "unchanged" if same else "changed", subject=v.title,
                        v2_subject=d.title, why=why))
    for d in match.new:
        out.append(Item("patch", "new", subject=d.title, v2_subject=d.title,
                        why=f"{names[0]} had no patch for it"))
    return out
