"""Where a v1 line is in v2.

A comment's line is looked for in the v2 patch that matches its v1 patch, in the same file:

* an added line (or a context line) with the very same text is the line, unchanged: the
  nearest one to where it was, and for a line that says little (``}``, a blank, `` *``) only
  one that follows the same line as in v1;
* else the line was changed or is gone: the added line of that file most like it (at least
  :data:`ALIKE` alike, by difflib's ratio) is where it went, if any;
* a removed line is unchanged while v2 still removes it;
* an exact, telling line found in another file (the quote lost its file header, or the code
  moved) or in another v2 patch (the patch was split) is still the line.
"""

from __future__ import annotations

import difflib

ALIKE = 0.6
_TELLING = 12           # characters a line needs, blanks aside, to be found anywhere


class Place:
    """Where a v1 line went: ``state`` (``unchanged``, ``changed``, ``gone``), and the v2
    ``digest``, ``path``, ``line`` and ``text`` (with its diff prefix) when it is somewhere."""

    __slots__ = ("state", "digest", "path", "line", "text")

    def __init__(self, state, digest=None, path=None, line=None, text=None):
        self.state = state
        self.digest = digest
        self.path = path
        self.line = line
        self.text = text


def v1_neighbour(v1_digest, path, side, number, text):
    """The text of the telling line above the anchor in v1's own diff, or None."""
    if v1_digest is None or path not in v1_digest.files:
        return None
    lines = list(v1_digest.files[path].lines())
    for k, (kind, old, new, t) in enumerate(lines):
        no = old if kind == "-" else new
        if kind == side and no == number and t == text:
            for _, _, _, above in reversed(lines[:k]):
                if _says_much(above):
                    return above
            return None
    return None


def locate_line(anchor, v1_digest, v2, others):
    """The :class:`Place` of a comment's line (``anchor``) in ``v2`` (a Digest, or None when
    the patch was dropped), looking into ``others`` (the other v2 digests) last."""
    side, text = anchor.side, anchor.text
    if side == "-":
        return _removed(anchor, v2, others)
    above = None if _says_much(text) else v1_neighbour(v1_digest, anchor.path, side,
                                                       anchor.number, text)
    if v2 is not None:
        found = _same(v2, anchor.path, text, anchor.number, above)
        if found is not None:
            return found
    if _says_much(text) and len(text.strip()) >= _TELLING:
        for d in ([v2] if v2 is not None else []) + list(others):
            for path in d.files:
                found = _same(d, path, text, anchor.number, None)
                if found is not None:
                    return found
    if v2 is None:
        return Place("gone")
    return _alike(v2, anchor.path, text, anchor.number)


def _same(d, path, text, number, above):
    f = d.files.get(path)
    if f is None:
        return None
    best = None
    for _, _, lines in f.hunks:
        prev = None
        for kind, _, new, t in lines:
            if kind != "-" and t == text and (above is None or prev == above):
                dist = abs(new - number) if number is not None and new is not None else 0
                if best is None or dist < best[0]:
                    best = (dist, new, kind)
            if kind != "-" and _says_much(t):
                prev = t
    if best is None:
        return None
    return Place("unchanged", d, path, best[1], best[2] + text)


def _alike(d, path, text, number):
    f = d.files.get(path)
    best = None
    if f is not None:
        for new, t in f.added():
            ratio = difflib.SequenceMatcher(None, text.strip(), t.strip()).ratio()
            if ratio < ALIKE:
                continue
            key = (-ratio, abs(new - number) if number is not None else 0)
            if best is None or key < best[0]:
                best = (key, new, t)
    if best is None:
        return Place("gone", d)
    return Place("changed", d, path, best[1], "+" + best[2])


def _removed(anchor, v2, others):
    """A removed line: unchanged while v2 still removes it, kept otherwise."""
    for d in ([v2] if v2 is not None else []) + list(others):
        f = d.files.get(anchor.path)
        if f is None:
            continue
        hits = [old for old, t in f.removed() if t == anchor.text]
        if hits:
            old = min(hits, key=lambda n: abs(n - (anchor.number or 0)))
            return Place("unchanged", d, anchor.path, old, "-" + anchor.text)
    if v2 is None:
        return Place("gone")
    return Place("changed", v2, None, None, None)


def _says_much(text) -> bool:
    """A line with more to it than a brace, a blank or a comment's star."""
    return len(text.strip().strip("{}()*/;, \t")) >= 3


def message_state(text, v2) -> str:
    """``unchanged`` when v2's commit message still has the quoted sentence, else
    ``changed``."""
    have = " ".join((v2.message or "").split())
    return "unchanged" if text and text in have else "changed"


def excerpt(digest, path, line, above=3):
    """The stretch of ``digest``'s diff that ends at new line ``line`` of ``path`` (``above``
    lines of its hunk before it), quoted as a review reply quotes it: ``(header, lines)``
    with an exact ``@@`` header, each line with its diff prefix; None when it is not there."""
    f = digest.files.get(path) if digest is not None else None
    if f is None or line is None:
        return None
    for old_start, new_start, lines in f.hunks:
        at = next((k for k, (kind, _, new, _) in enumerate(lines)
                   if kind != "-" and new == line), None)
        if at is None:
            continue
        lo = max(0, at - above)
        kinds = [kind for kind, _, _, _ in lines]
        old = old_start + sum(1 for k in kinds[:lo] if k != "+")
        new = new_start + sum(1 for k in kinds[:lo] if k != "-")
        n_old = sum(1 for k in kinds[lo:at + 1] if k != "+")
        n_new = sum(1 for k in kinds[lo:at + 1] if k != "-")
        old = old if n_old else max(old - 1, 0)
        header = f"@@ -{old},{n_old} +{new},{n_new} @@"
        return header, [kind + text for kind, _, _, text in lines[lo:at + 1]]
    return None
