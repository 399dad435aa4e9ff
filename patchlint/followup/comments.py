"""The replies of a v1 thread, read for what they say: comments, answers and trailers.

A reviewer's comment is their own (unquoted) text; what it is about is the line quoted right
above it (:class:`Anchor`):

* a diff line (file and line from the quoted ``@@`` header, as patchlint numbers any quoted
  patch, checked against v1's own patch mail when the thread has it): the last added or
  removed line quoted above the comment, or the context line when none is;
* a line of the commit message; the notes or the diffstat (the patch as a whole); a cover
  letter; nothing at all (text above every quote, a top-posted reply): the patch as a whole.

Quoting deeper than the patch belongs to the earlier mails (:mod:`.quotes`): text under the
reviewer's words quoted in a later mail answers them.  The contributor's text there is an
*answer* (or just an acceptance: "Will do"); a reviewer's text under the contributor's answer
is their *reaction* (agreeing, or insisting); a reviewer's text under another reviewer's
comment is a comment of its own on the same line.  Trailers (``Reviewed-by:`` ...) given in a
reply are collected for the patch it answers, or for every patch when it answers the cover
letter.  A fix-up diff the reviewer appends is not a comment, nor are greetings, sign-offs and
what follows the signature.
"""

from __future__ import annotations

import re

from ..lazyre import lazy_re
from .quotes import ATTRIBUTION_RE, is_gap, quote_depth, quoted_at
from .words import (
    WHOLE_RE,
    drop_courtesies,
    is_acceptance,
    is_agreement,
    paragraphs,
    without_fixup,
)

TRAILER_KEYS = ("reviewed-by", "acked-by", "tested-by", "reported-by")
_TRAILER_RE = lazy_re(r"^\s*((?:Reviewed|Acked|Tested|Reported)-by):\s*(\S.*?<[^<>\s]+@[^<>\s]+>)"
                      r"\s*$", flags=re.I)
# where a mail's own text ends: its signature, an archive's attachment note, a client that
# puts the whole earlier mail under a separator instead of quoting it
_END_RE = lazy_re(r"^(?:-- ?|-{3,} ?(?:Original|Forwarded) Message ?-{3,}|_{20,}|"
                  r"-{5,} next part -{5,})\s*$", flags=re.I)


class Anchor:
    """What a comment is about: ``kind`` ``"line"`` (``path``, ``number`` in v1: post-image,
    pre-image for a removed line; ``side`` ``+``, ``-`` or a blank; ``text``), ``"message"``
    (``text``: the quoted line of the commit message), ``"file"`` (``path``), ``"patch"`` or
    ``"cover"``.  ``stretch`` holds the diff lines quoted above the comment, as
    ``(path, side, number, text)``."""

    def __init__(self, kind, path=None, number=None, side=None, text=None):
        self.kind = kind
        self.path = path
        self.number = number
        self.side = side
        self.text = text
        self.stretch = []


class Comment:
    """A reviewer's comment: who, where (``mail``, ``v1``: the v1 mail it is about), on what
    (``anchor``), their words; ``follows`` the comment it adds to, ``agrees`` when it asks for
    nothing; ``answers`` (the contributor's) and ``reactions`` (the reviewers' to those)."""

    def __init__(self, reviewer, mail, v1, anchor, text):
        self.reviewer = reviewer
        self.mail = mail
        self.v1 = v1
        self.anchor = anchor
        self.text = text
        self.follows = None
        self.agrees = is_agreement(text)
        self.answers = []
        self.reactions = []


class Answer:
    """The contributor's text under a comment; ``accepts`` when it only says yes."""

    def __init__(self, author, text):
        self.author = author
        self.text = text
        self.accepts = is_acceptance(text)


class Reaction:
    """A reviewer's text under the contributor's answer; ``agrees`` or insists."""

    def __init__(self, author, text):
        self.author = author
        self.text = text
        self.agrees = is_agreement(text)


class Trailer:
    """A trailer given in a reply: ``key`` as written, ``value`` (``Name <addr>``), ``v1``
    (the v1 mail it is given on; a cover letter's is given on every patch), ``mail``."""

    def __init__(self, key, value, v1, mail):
        self.key = key
        self.value = value
        self.v1 = v1
        self.mail = mail

    @property
    def line(self):
        return f"{self.key}: {self.value}"


class Review:
    """What the replies of a thread say: ``comments`` in thread order, ``trailers``."""

    def __init__(self):
        self.comments = []
        self.trailers = []


def read_review(thread) -> Review:
    """Read every reply of ``thread``, parents before their replies."""
    review = Review()
    said = {}           # mail -> [(text lines, what it is)], for the mails that quote it
    replies = [m for m in thread.messages if m.kind == "reply"]
    replies.sort(key=lambda m: (len(m.ancestors()), m.index))
    for m in replies:
        _Reading(thread, m, review, said).run()
    return review


class _Reading:
    """One reply, read."""

    def __init__(self, thread, mail, review, said):
        self.thread = thread
        self.mail = mail
        self.review = review
        self.said = said
        self.v1 = thread.v1_of(mail)
        self.chain = mail.ancestors()
        self.contributor = thread.contributor.is_(mail.author)
        self.quoted = {}
        self.depth = self._patch_depth()

    def quote(self, depth):
        q = self.quoted.get(depth)
        if q is None:
            q = self.quoted[depth] = quoted_at(self.mail, depth, self.thread.name)
        return q

    def _patch_depth(self):
        """How deep this reply quotes the v1 mail: from its parents, else the first depth
        that quotes a diff; None when it quotes none."""
        if self.v1 is not None and self.v1.message is not None:
            for k, m in enumerate(self.chain, 1):
                if m is self.v1.message:
                    return k
        for d in sorted({d for d, _, _ in self.mail.depths() if d}):
            if self.quote(d).has_diff:
                return d
        return 1 if self.chain and self.chain[0].kind in ("patch", "cover") else None

    def run(self):
        entries = self.said.setdefault(self.mail, [])
        for block in _own_blocks(self.mail):
            lines = self._trailers(block.lines)
            paras = paragraphs(drop_courtesies(without_fixup(lines)))
            if not paras:
                continue
            # the closing words of a reply, about the patch as a whole, are no comment on the
            # last line it quoted
            cut = next((j for j, p in enumerate(paras) if j and block.last and block.above
                        and WHOLE_RE.search(" ".join(p))), len(paras))
            for part, anchored in ((paras[:cut], True), (paras[cut:], False)):
                if part:
                    text = "\n\n".join("\n".join(p) for p in part)
                    self._block(text, block.above if anchored else None, block.stretch,
                                entries)

    def _trailers(self, lines):
        """The block's lines without its trailers, which are kept as given."""
        out = []
        for text in lines:
            m = _TRAILER_RE.match(text)
            if m and not self.contributor:
                t = Trailer(m.group(1), m.group(2).strip(), self.v1, self.mail)
                if not any(x.line.lower() == t.line.lower() and x.v1 is t.v1
                           for x in self.review.trailers):
                    self.review.trailers.append(t)
                continue
            out.append(text)
        return out

    def _block(self, text, above, stretch, entries):
        """Place one piece of own text: a comment, an answer or a reaction."""
        relation = self._relation(above) if above is not None else None
        if relation is not None:
            what, target = relation
            self._related(text, what, target, entries)
            return
        if self.contributor:
            anchor = self._anchor(above, stretch) if above is not None else None
            for c in self._comments_at(anchor):
                c.answers.append(Answer(self.mail.author, text))
                entries.append((text, "answer", c))
            return
        anchor = self._anchor(above, stretch) if above is not None else None
        if anchor is None:
            anchor = Anchor("cover" if self.v1 is not None and self.v1.kind == "cover"
                            else "patch")
        c = Comment(self.mail.author, self.mail, self.v1, anchor, text)
        self.review.comments.append(c)
        entries.append((text, "comment", c))

    def _related(self, text, what, target, entries):
        if self.contributor:
            if what in ("comment", "reaction"):
                target.answers.append(Answer(self.mail.author, text))
                entries.append((text, "answer", target))
            return
        if what in ("answer", "reaction"):
            target.reactions.append(Reaction(self.mail.author, text))
            entries.append((text, "reaction", target))
            return
        c = Comment(self.mail.author, self.mail, target.v1, target.anchor, text)
        c.follows = target
        self.review.comments.append(c)
        entries.append((text, "comment", c))

    def _relation(self, above):
        """``(what, comment)`` when the line above is an earlier reply's own text: what that
        text was ("comment", "answer", "reaction") and the comment it belongs to."""
        d, text, _ = above
        if self.depth is not None and d >= self.depth:
            return None
        if d > len(self.chain):
            return None
        key = " ".join(text.split())
        for said, what, comment in self.said.get(self.chain[d - 1], []):
            if key and key in " ".join(said.split()):
                return what, comment
        return None

    def _comments_at(self, anchor):
        """The comments of the mail this one answers on the same place (a contributor's
        text under the quoted patch line a review comment was about)."""
        if anchor is None or not self.chain:
            return []
        return [c for _, what, c in self.said.get(self.chain[0], []) if what == "comment"
                and c.anchor.kind == anchor.kind and c.anchor.path == anchor.path
                and c.anchor.number == anchor.number and c.anchor.text == anchor.text]

    def _anchor(self, above, stretch):
        """The anchor of text under the quoted line ``above`` (depth, text, SrcLine)."""
        d, text, ln = above
        if self.depth is None or d < self.depth:
            return None
        q = self.quote(d)
        region = q.region.get(ln.src_no)
        if region == "diff":
            lines = [x for x in (self._diff_line(q, s) for s in stretch) if x]
            line = self._diff_line(q, ln)
            if line is None:
                path = q.paths.get(ln.src_no)
                return Anchor("file", path=path) if path else Anchor("patch")
            changed = [x for x in lines if x[1] != " " and x[0] == line[0]]
            if line[1] == " " and changed:
                line = changed[-1]
            path, side, number, text = line
            a = Anchor("line", path, number, side, text)
            a.stretch = lines
            return a
        found = self._by_text(text, None)
        if found is not None:
            return Anchor("line", found[0], found[2], found[1], found[3])
        if region == "message":
            if self.v1 is not None and self.v1.kind == "cover":
                return Anchor("cover")
            return Anchor("message", text=" ".join(text.split()))
        return Anchor("cover" if self.v1 is not None and self.v1.kind == "cover" else "patch")

    def _diff_line(self, q, ln):
        """``(path, side, number, text)`` of a quoted diff line (a SrcLine of this reply):
        numbered by the quote's ``@@`` header and checked against v1's own patch mail when
        the thread has it; found by its text alone when the quote left no header above it
        (cut with "[...]", or trimmed to the line); None for a header line."""
        line = q.lines.get(ln.src_no)
        if line is not None:
            found = (line.file.path, line.kind, line.number, line.text)
            real = self._real()
            if real is not None:
                hit = locate(real, line.kind, line.text, line.file.path, line.number)
                if hit is not None:
                    found = (hit[0], line.kind, hit[1], hit[2])
            return found
        return self._by_text(quote_depth(ln.text)[1], q.paths.get(ln.src_no))

    def _real(self):
        """v1's own patch model, when the thread has the mail."""
        return self.v1.patch if self.v1 is not None and not self.v1.virtual else None

    def _by_text(self, text, path):
        """``(path, side, number, text)`` of a quoted diff line found by its text among v1's
        changed lines, when the thread has v1's patch mail."""
        real = self._real()
        if text[:1] not in ("+", "-") or real is None or text[:3] in ("+++", "---"):
            return None
        hit = locate(real, text[0], text[1:], path, None)
        return None if hit is None else (hit[0], text[0], hit[1], hit[2])


def locate(patch, side, text, path, number):
    """``(path, number, text)`` of the line of ``patch`` a quoted line is: the same side and
    text (trailing blanks aside, which mailers drop), in ``path`` when given, nearest to
    ``number``; None when it holds no such line.  A quote that lost its file header goes on
    in the file quoted last, so the line is looked for in the other files too."""
    best = None
    for exact, where in ((True, path), (False, path), (True, None), (False, None)):
        for fd in patch.files:
            if where is not None and fd.path != where:
                continue
            for h in fd.hunks:
                for ln in h.lines:
                    if ln.kind != side:
                        continue
                    if ln.text != text if exact else ln.text.rstrip() != text.rstrip():
                        continue
                    dist = abs((ln.number or 0) - number) if number is not None else 0
                    if best is None or dist < best[0]:
                        best = (dist, fd.path, ln.number, ln.text)
        if best is not None:
            return best[1:]
    return None


class _Block:
    """A stretch of the mail's own text: its ``lines``, the quoted line right ``above`` it
    (``(depth, text, SrcLine)`` or None), the quoted lines since the previous block
    (``stretch``, SrcLines), and whether it is the ``last`` (no quote follows it)."""

    def __init__(self, above, stretch):
        self.lines = []
        self.above = above
        self.stretch = stretch
        self.last = True


def _own_blocks(mail):
    """The mail's own text, block by block (:class:`_Block`), up to its signature;
    attribution lines ("On ..., X wrote:") left out."""
    rows = mail.depths()
    end = next((i for i, (d, t, _) in enumerate(rows) if d == 0 and _END_RE.match(t)),
               len(rows))
    blocks = []
    cur = None
    above = None
    stretch = []
    for d, text, ln in rows[:end]:
        if d == 0:
            if cur is None:
                cur = _Block(above, stretch)
                blocks.append(cur)
                stretch = []
            cur.lines.append(text)
            continue
        if cur is not None:
            _drop_attribution(cur.lines)
        cur = None
        if text.strip() and not is_gap(text) and not ATTRIBUTION_RE.search(text):
            above = (d, text, ln)
            stretch.append(ln)
            for b in blocks:
                b.last = False
    return [b for b in blocks if any(t.strip() for t in b.lines)]


def _drop_attribution(lines):
    """The last paragraph of own text right before a quote, when it is an attribution."""
    while lines and not lines[-1].strip():
        lines.pop()
    para = []
    while lines and lines[-1].strip():
        para.insert(0, lines.pop())
    joined = " ".join(para)
    if not (para and len(para) <= 3 and ATTRIBUTION_RE.search(joined)):
        lines.extend(para)


__all__ = ["Anchor", "Answer", "Comment", "Reaction", "Review", "Trailer",
           "locate", "read_review"]
