"""Which patch of v2 is which patch of v1.

First by subject: the title without its ``[PATCH ...]`` prefix, case, blanks and a final
period aside, when exactly one patch on each side has it.  Then, for what is left, as git
range-diff pairs commits: by what they change.  Each remaining pair is scored by the lines
both change (the same file, the same side, the same text), the files both touch and how alike
their titles are, and the best pairs are taken first; a pair that shares too little is no pair.
A v1 patch left over was dropped, a v2 patch left over is new.  The cover letters pair with
each other.
"""

from __future__ import annotations

import difflib
from collections import Counter

from .thread import norm_title

# how much a pair must share to be one (range-diff's "creation factor" in spirit)
MIN_SCORE = 0.35


class Match:
    """The pairing: ``pairs`` (v1 V1Patch, v2 Digest), ``dropped`` (v1 patches v2 lacks),
    ``new`` (v2 patches v1 lacked)."""

    def __init__(self):
        self.pairs = []
        self.dropped = []
        self.new = []

    def v2_of(self, v1):
        return next((d for v, d in self.pairs if v is v1), None)

    def v1_of(self, digest):
        return next((v for v, d in self.pairs if d is digest), None)


def unchanged(v1, v2) -> bool:
    """Is the v2 patch the v1 patch again (the same changes, context aside)?  Never said of a
    v1 known only from the quotes of a reply: a quote shows part of a patch."""
    d1 = v1.digest
    if d1 is None or v1.virtual or d1.trimmed:
        return False
    return d1.changes() == v2.changes()


def match(v1_list, v2_list) -> Match:
    """Pair ``v1_list`` (V1Patch, their digests set) with ``v2_list`` (Digests)."""
    out = Match()
    covers1 = [v for v in v1_list if v.kind == "cover"]
    covers2 = [d for d in v2_list if d.kind == "cover"]
    if covers1 and covers2:
        out.pairs.append((covers1[0], covers2[0]))
    left1 = [v for v in v1_list if v.kind == "patch"]
    left2 = [d for d in v2_list if d.kind == "patch"]
    titles1 = Counter(norm_title(v.title) for v in left1)
    titles2 = Counter(norm_title(d.title) for d in left2)
    for v in list(left1):
        key = norm_title(v.title)
        if titles1[key] == 1 and titles2[key] == 1:
            d = next(d for d in left2 if norm_title(d.title) == key)
            out.pairs.append((v, d))
            left1.remove(v)
            left2.remove(d)
    scored = sorted(((score(v, d), k1, k2) for k1, v in enumerate(left1)
                     for k2, d in enumerate(left2)), key=lambda s: (-s[0], s[1], s[2]))
    taken1, taken2 = set(), set()
    for s, k1, k2 in scored:
        if s < MIN_SCORE or k1 in taken1 or k2 in taken2:
            continue
        out.pairs.append((left1[k1], left2[k2]))
        taken1.add(k1)
        taken2.add(k2)
    out.dropped = [v for k, v in enumerate(left1) if k not in taken1]
    out.new = [d for k, d in enumerate(left2) if k not in taken2]
    order = {id(v): k for k, v in enumerate(v1_list)}
    out.pairs.sort(key=lambda p: order[id(p[0])])
    return out


def score(v1, d2) -> float:
    """How alike a v1 and a v2 patch are, 0 to 1 (0 when they share no changed line and no
    file)."""
    d1 = v1.digest
    if d1 is None:
        return 0.0
    a = Counter((p, k, t.strip()) for p, k, t in d1.changes())
    b = Counter((p, k, t.strip()) for p, k, t in d2.changes())
    common = sum((a & b).values())
    if not a or not b:
        content = 0.0
    elif v1.virtual or d1.trimmed:
        content = common / sum(a.values())     # a quote shows part of the patch
    else:
        content = 2 * common / (sum(a.values()) + sum(b.values()))
    files1, files2 = set(d1.files), set(d2.files)
    files = len(files1 & files2) / len(files1 | files2) if files1 | files2 else 0.0
    title = difflib.SequenceMatcher(None, norm_title(v1.title), norm_title(d2.title)).ratio()
    if content == 0 and files == 0:
        return 0.0
    return 0.6 * content + 0.2 * files + 0.2 * title
