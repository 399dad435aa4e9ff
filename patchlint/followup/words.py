"""What a mail's own words are: comment text cut out of the courtesies around it, and the
few kinds of short answers that decide a comment's status.

* An *agreement* ("Agreed.", "Looks good", "I'm okay with waiting indefinitely ...", "+1")
  asks for nothing: such a comment is shown, not counted as open; a reviewer's agreement
  under the contributor's answer leaves the point answered.
* An *acceptance* ("Will do.", "Good catch, fixed.") is the contributor saying yes: it is no
  answer that settles a point, v2 has to show it.
* Closing words about the patch as a whole ("... in a v2", "Otherwise ...") are no comment
  on the last line quoted above them.

These read English as libvirt's list writes it; anything they do not recognise counts as a
request, so that a point is never hidden by a guess.
"""

from __future__ import annotations

import re

from ..lazyre import lazy_re
from ..quoting import GAP_RE

WHOLE_RE = lazy_re(r"\b(?:v\d+\b|(?:this|the) (?:patch|series)\b|these patches|"
                   r"the rest\b|overall|otherwise|in general|next version)", re.I)
_DIFF_START_RE = lazy_re(r"^(?:diff --git |diff -u |Index: \S|@@ -\d+(?:,\d+)? \+\d+)")
_GREETING_RE = lazy_re(r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^.?!]{0,40}"
                       r"[,!.]?\s*$", re.I)
_VALEDICTION_RE = lazy_re(r"^(?:thanks|thank you|many thanks|regards|kind regards|best|"
                          r"best regards|cheers|bye|ta|br)\b[^.?]{0,30}[,!.]?\s*$", re.I)
_NAME_RE = lazy_re(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)?$")
_AGREEMENT_RE = lazy_re(
    r"^(?:agreed|i agree|ack(?:ed)?\b|looks (?:good|fine|ok(?:ay)?|reasonable|sane)|lgtm|"
    r"sounds (?:good|fine|reasonable|right)|makes sense|fair enough|fine\b|ok(?:ay)?\b|"
    r"good\b|right\b|\+1|that'?s (?:fine|ok(?:ay)?|good|right)|"
    r"i'?m (?:ok(?:ay)?|fine|happy|good) with|no objections?|nice\b|indeed\b|yes\b|"
    r"sure\b|correct\b|works for me)", re.I)
_NOT_ONLY_RE = lazy_re(r"\?|\b(?:but|please|however|except|instead|although|though|unless|"
                       r"still|and|also|too)\b", re.I)
_ACCEPTANCE_RE = lazy_re(
    r"^(?:ok(?:ay)?|sure|right|agreed|yes|yep|yeah|indeed|ack|done|fixed|will (?:do|fix|"
    r"change|drop|update)|i'?ll (?:do|fix|change|drop|update)|good (?:point|catch|idea)|"
    r"thanks|thank you|oops|true|correct|you'?re right|my bad|noted|of course)\b", re.I)
_REASONING_RE = lazy_re(r"\?|\b(?:because|since|but|however|actually|though|although|"
                        r"not|no)\b|n't\b", re.I)


def _flat(text) -> str:
    return " ".join(text.split())


def is_agreement(text) -> bool:
    """Does the text only agree (see the module's docstring)?"""
    t = _flat(text)
    if len(t.split()) > 30 or _NOT_ONLY_RE.search(t):
        return False
    return bool(_AGREEMENT_RE.match(t))


def is_acceptance(text) -> bool:
    """Does the contributor's text only say yes (see the module's docstring)?"""
    t = _flat(text)
    if len(t.split()) > 20 or _REASONING_RE.search(t):
        return False
    return bool(_ACCEPTANCE_RE.match(t))


def without_fixup(lines):
    """The lines before a diff the writer appended (a fix-up is no comment)."""
    for k, t in enumerate(lines):
        if _DIFF_START_RE.match(t) or (t.startswith("--- ") and k + 1 < len(lines)
                                       and lines[k + 1].startswith("+++ ")):
            return lines[:k]
    return list(lines)


def drop_courtesies(lines):
    """The lines without a greeting above them, a sign-off under them, or cut marks."""
    paras = _split(lines)
    if paras and len(paras[0]) == 1 and _GREETING_RE.match(paras[0][0].strip()):
        paras.pop(0)
    while paras and len(paras[-1]) <= 3 and _VALEDICTION_RE.match(paras[-1][0].strip()):
        paras.pop()
    if len(paras) > 1 and len(paras[-1]) == 1 and _NAME_RE.match(paras[-1][0].strip()):
        paras.pop()                                     # "Will do.\n\nJane"
    out = []
    for p in paras:
        if out:
            out.append("")
        out.extend(p)
    return out


def paragraphs(lines):
    """The text's paragraphs (lists of lines); a paragraph of code (every line indented)
    belongs to the one before it."""
    out = []
    for p in _split(lines):
        if out and all(t[:1] in (" ", "\t") for t in p):
            out[-1] = out[-1] + [""] + p
        else:
            out.append(p)
    return out


def _split(lines):
    paras = []
    cur = []
    for t in lines:
        t = t.rstrip()
        if not t.strip() or _is_gap(t):
            if cur:
                paras.append(cur)
                cur = []
            continue
        cur.append(t)
    if cur:
        paras.append(cur)
    return paras


def _is_gap(text):
    return bool(GAP_RE.match(text))
