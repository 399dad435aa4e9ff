"""v1 against v2 beyond the comments: patchlint's own findings, the trailers, the v2 mails.

**Findings** are compared patch by matched patch, by rule, path and the text of the line
they are on (not its number, which v2 shifts): ``present`` when v2 has the same one (or one of
the same rule on a line changed only a little), ``fixed`` when it is gone, ``new`` when v2
brings it (every finding of a new patch is new; against a v1 known only from the quotes of
a reply, which show part of it, nothing is called new).  The findings about a series as a whole
(no cover letter, the numbering) are compared by rule and message.

**Trailers** given in the thread, for each v2 patch matching the patch they were given on
(every patch, for a trailer given on the cover letter): ``kept`` when v2 has it, ``carry``
when v2 lacks it and the patch is unchanged (the same changes, context aside), ``renew`` when
the patch changed: the giver may want to look again (b4's convention).  Nothing else is ever
proposed: a trailer nobody gave is never invented.

**The v2 mails themselves**: each subject carries the new version (``[PATCH v2 n/m]``), and
the cover letter, or else every patch after its ``---``, says what changed since v1.
"""

from __future__ import annotations

import difflib
import re

from ..lazyre import lazy_re
from ..mail import parse_address
from .match import unchanged
from .records import Item

_ALIKE = 0.75
_CHANGES_RE = lazy_re(r"\bv\d+\b|\bchanges?\b|\bchanged\b|\bsince\b|\bdifferences?\b|"
                      r"\brange-diff\b|\binterdiff\b", re.I)
_STAT_RE = lazy_re(r"^\s*\S.*\|\s+(?:\d+|Bin\b)|^\s*\d+ files? changed|"
                   r"^\s*(?:create|delete|rename|copy) mode ")
_SHORTLOG_RE = lazy_re(r"^\S.*\(\d+\):\s*$")


def _key(f):
    text = f.text if f.text is not None else f.line_text
    return (f.rule, f.path, (f.kind or " ") + text if text is not None else "@" + f.message)


def pair_findings(old, new):
    """``(pairs, fixed, new)``: the findings of a v1 and a v2 patch paired by rule, path and
    line text, then by rule and path on alike lines."""
    left = list(new)
    pairs = []
    fixed = []
    for f in old:
        k = _key(f)
        hit = next((g for g in left if _key(g) == k), None)
        if hit is None:
            fixed.append(f)
            continue
        left.remove(hit)
        pairs.append((f, hit))
    for f in list(fixed):
        if f.text is None:
            continue
        alike = [g for g in left if g.rule == f.rule and g.path == f.path and g.text is not None
                 and difflib.SequenceMatcher(None, f.text.strip(), g.text.strip()).ratio()
                 >= _ALIKE]
        if alike:
            g = min(alike, key=lambda g: abs((g.line or 0) - (f.line or 0)))
            left.remove(g)
            fixed.remove(f)
            pairs.append((f, g))
    return pairs, fixed, left


def finding_items(match, v1_checked, v2_checked):
    """The finding items, and the fate of each v1 finding (``{id: (status, v2 record)}``)."""
    items = []
    fates = {}
    for v, d in match.pairs:
        if v.digest is None:
            continue
        pairs, fixed, new = pair_findings(v.digest.findings, d.findings)
        for f in fixed:
            fates[id(f)] = ("fixed", None)
            items.append(_item("fixed", f, None, v.title, d.title))
        for f, g in pairs:
            fates[id(f)] = ("present", g)
            items.append(_item("present", f, g, v.title, d.title))
        if not (v.virtual or v.digest.trimmed):
            # (a quote shows part of v1: what v2 has beyond it is not known to be new)
            items.extend(_item("new", None, g, d.title, d.title) for g in new)
    for d in match.new:
        items.extend(_item("new", None, g, d.title, d.title) for g in d.findings)
    old = [f for _, found in v1_checked.series for f in found]
    new = [f for _, found in v2_checked.series for f in found]
    pairs, fixed, left = pair_findings(old, new)
    items.extend(_item("fixed", f, None, None, None) for f in fixed)
    items.extend(_item("present", f, g, None, None) for f, g in pairs)
    items.extend(_item("new", None, g, None, None) for g in left)
    return items, fates


def _item(status, f, g, subject, v2_subject):
    ref = g if f is None else f
    it = Item("finding", status, rule=ref.rule, text=(g or f).message, subject=subject,
              v2_subject=v2_subject, severity=(g or f).severity)
    if f is not None:
        it.path, it.line = f.path, f.line
        it.v1_text = _shown(f)
    if g is not None:
        it.v2_path, it.v2_line = g.path, g.line
        it.v2_text = _shown(g)
    return it


def _shown(f):
    return None if f.text is None else (f.kind or " ") + f.text


# -- trailers ---------------------------------------------------------------------------------

def _address(value):
    return parse_address(value)[1].lower()


def trailer_items(review, thread, match, new="v2"):
    """The trailer items: for each trailer given, each v2 patch it applies to."""
    out = []
    seen = set()
    for t in review.trailers:
        if t.v1 is None:
            continue
        targets = thread.patches if t.v1.kind == "cover" else [t.v1]
        for v in targets:
            d = match.v2_of(v)
            key = (id(v), t.key.lower(), _address(t.value))
            if d is None or key in seen:
                continue
            seen.add(key)
            has = any(k.lower() == t.key.lower() and _address(val) == _address(t.value)
                      for k, val in d.trailers)
            if has:
                status, why = "kept", f"{new} has it"
            elif unchanged(v, d):
                status, why = "carry", f"{new} lacks it, and the patch is unchanged"
            else:
                status, why = "renew", "the patch changed since it was given"
            out.append(Item("trailer", status, reviewer=t.value, subject=v.title,
                            v2_subject=d.title, text=t.line, why=why))
    return out


# -- the v2 mails -----------------------------------------------------------------------------

def version_items(v2_list, version, series=True):
    """The problems of the v2 mails (those read from mails: a --git range is no mails yet).
    ``series``: the mails are the whole of v2 (the send hook sees one mail at a time)."""
    mails = [d for d in v2_list if d.commit is None]
    out = []
    want = version + 1
    for d in mails:
        if d.version is None or d.version <= version:
            said = f"says v{d.version}" if d.version else "carries no version"
            out.append(Item("version", "problem", subject=d.title, v2_subject=d.title,
                            text=f"the subject {said}: send it as [PATCH v{want} ...] "
                                 f"(git format-patch -v{want})"))
    versions = sorted({d.version for d in mails if d.version and d.version > version})
    if len(versions) > 1:
        out.append(Item("version", "problem", text="the mails say different versions: "
                        + ", ".join(f"v{v}" for v in versions)))
    out.extend(_changelog(mails, version, series))
    return out


def _changelog(mails, version, series):
    cover = next((d for d in mails if d.kind == "cover"), None)
    patches = [d for d in mails if d.kind == "patch"]
    if cover is not None and says_changes(cover):
        return []
    if not series and cover is None and any(d.total and d.total > 1 for d in patches):
        return []                   # one patch of a series: its cover letter speaks for it
    silent = [d for d in patches if not notes_say(d)]
    if not silent or (cover is None and not patches):
        return []
    where = "neither the cover letter nor the notes after '---' of" if cover is not None \
        else "the notes after '---' of"
    n = len(silent)
    what = f"{n} patch{'es' if n != 1 else ''}" if n != 1 or len(patches) != 1 \
        else "the patch"
    text = f"{where} {what} say what changed since v{version}"
    return [Item("version", "problem", text=text,
                 subject=silent[0].title if n == 1 else None,
                 v2_subject=silent[0].title if n == 1 else None)]


def says_changes(cover) -> bool:
    """Does a cover letter say what changed (or carry git's comparison with v1)?"""
    if cover.comparison:
        return True
    text = cover.message or ""
    if "*** BLURB HERE ***" in text:
        return False
    kept = [t for t in text.split("\n") if not _STAT_RE.match(t) and not _SHORTLOG_RE.match(t)
            and not t.startswith("  ")]
    return bool(_CHANGES_RE.search("\n".join(kept)))


def notes_say(d) -> bool:
    """Do a patch's notes (after ``---``) say something besides the diffstat?"""
    if d.comparison:
        return True
    return any(t.strip() and not _STAT_RE.match(t) for t in (d.notes or "").split("\n"))
