"""Reading a v1 review thread: its messages, what each one answers, and v1 itself.

THREAD is what a user has: an mbox saved by a mail client or written by ``b4 mbox`` (v1's
cover letter and patches and every reply, in any order), one reply, or a list archive's page
of one.  Each message is read by the stages the main check uses (:mod:`patchlint.mbox`,
:mod:`patchlint.mime`, :mod:`patchlint.mail`, the reader for the patch mails); here it
becomes a :class:`Message`, and each reply is attached to the message it answers: its
``In-Reply-To``, else the last of its ``References`` found in the thread, else the v1 mail of
the same subject.

v1 is the thread's patch mails (its cover letter included).  When the thread holds only
replies, v1 is what they quote: a stand-in patch per subject, built from the fullest quote
(:class:`V1Patch` with ``virtual`` set).
"""

from __future__ import annotations

import re

from ..lazyre import lazy_re
from ..mail import parse_address, parse_subject, text_fields
from ..mime import message_lines
from ..quoting import split_quoted
from ..reader import InputError, InputStream
from ..srclines import decode, src_lines
from .quotes import quote_depth, quoted_at

# a list archive's page (pipermail): "Jane Doe jane at example.org" above the date
_ARCHIVE_AUTHOR_RE = lazy_re(r"^(\S.*?)\s+([^\s@]+) at ([^\s@]+\.[^\s@]+)\s*$")
_ARCHIVE_DATE_RE = lazy_re(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} +\d{1,2} [\d:]{5,8} .*\d{4}$")


class Message:
    """One message of the thread, as plain data and its body lines.

    ``kind`` is ``"patch"``, ``"cover"`` (a v1 mail), ``"reply"`` or ``"other"``; ``parent``
    the message it answers (``parent_by`` says how that was found: ``"id"`` or
    ``"subject"``), ``children`` the replies to it; ``patch`` the reader's model of a patch
    mail or cover letter.
    """

    def __init__(self, index, lines, fields):
        self.index = index
        self.lines = lines
        self.subject = fields.get("subject")
        self.info = parse_subject(self.subject)
        self.author = fields.get("author")
        self.date = fields.get("date")
        self.message_id = fields.get("message_id")
        self.in_reply_to = fields.get("in_reply_to")
        self.references = list(fields.get("references") or [])
        self.to = fields.get("to") or []
        self.cc = fields.get("cc") or []
        self.kind = "other"
        self.patch = None
        self.parent = None
        self.parent_by = None
        self.children = []
        self._depths = None

    def depths(self):
        """``[(depth, text without its quote marks, SrcLine)]`` of the body."""
        if self._depths is None:
            self._depths = [(*quote_depth(ln.text), ln) for ln in self.lines]
        return self._depths

    @property
    def title(self) -> str:
        return self.info.title or self.subject or ""

    def ancestors(self):
        """The messages above this one, its parent first (a loop in the headers ends it)."""
        out = []
        m = self.parent
        while m is not None and m is not self and m not in out:
            out.append(m)
            m = m.parent
        return out

    def __repr__(self):
        return f"<Message {self.index} {self.kind} {self.subject!r}>"


class V1Patch:
    """A mail of v1 (a patch or the cover letter): read from the thread, or, ``virtual``,
    stood in for by the patch a reply quotes (``quoted``: its :class:`~.quotes.Quoted`)."""

    def __init__(self, kind, subject, patch, message=None, quoted=None):
        self.kind = kind
        self.subject = subject
        self.info = parse_subject(subject)
        self.patch = patch
        self.message = message
        self.quoted = quoted
        self.virtual = message is None
        self.digest = None                  # set by patchlint.followup.series

    @property
    def title(self) -> str:
        return self.info.title or self.subject or ""

    def __repr__(self):
        return f"<V1Patch {self.kind} {self.subject!r}{' virtual' if self.virtual else ''}>"


class Thread:
    """The v1 thread: ``messages`` in the order read, ``v1`` (cover letter first, then the
    patches by number), ``version`` (v1's, from its subjects), ``contributor`` (the names and
    addresses v1 was sent under)."""

    def __init__(self, name, messages):
        self.name = name
        self.messages = messages
        self.v1 = []
        self.version = 1
        self.contributor = Identity()

    def v1_of(self, message):
        """The v1 mail a reply is about (found up its parents, else by its subject)."""
        for m in message.ancestors():
            if m.kind in ("patch", "cover"):
                found = next((v for v in self.v1 if v.message is m), None)
                if found is not None:
                    return found
        key = norm_title(message.title)
        found = next((v for v in self.v1 if norm_title(v.title) == key), None)
        if found is None and len(self.v1) == 1:
            found = self.v1[0]              # a single patch: what else could it be about
        return found

    @property
    def cover(self):
        return next((v for v in self.v1 if v.kind == "cover"), None)

    @property
    def patches(self):
        return [v for v in self.v1 if v.kind == "patch"]


class Identity:
    """Who someone is, by any of their names or addresses (lower case)."""

    def __init__(self):
        self.names = set()
        self.addresses = set()

    def add(self, text):
        name, addr = parse_address(text or "")
        addr = addr.replace(" at ", "@")
        if name.strip():
            self.names.add(_norm_name(name))
        if "@" in addr:
            self.addresses.add(addr.lower())

    def is_(self, text) -> bool:
        name, addr = parse_address(text or "")
        if "@" in addr and addr.lower() in self.addresses:
            return True
        return bool(name.strip()) and _norm_name(name) in self.names


def _norm_name(name):
    return " ".join(name.replace('"', "").lower().split())


def norm_title(title) -> str:
    """A subject's title for matching: case, blanks and a final period left out."""
    return " ".join((title or "").lower().split()).rstrip(".")


def read_thread(name: str, data: bytes, before=None) -> Thread:
    """Read THREAD (see the module's docstring); raise InputError when it holds no patch mail
    and no reply quoting a patch.  ``before`` is the version of the series that follows: when
    the thread holds several versions, v1 is the latest one before it."""
    stream = InputStream(name, data)
    chunks = list(stream.chunks) if stream.chunks is not None else None
    models = {}
    try:
        for p in stream:
            models.setdefault(p.index, []).append(p)
    except InputError as e:
        raise InputError("no v1 here: no patch mail and no reply quoting a patch",
                         e.line) from None
    if chunks is None:
        messages = [_archive_page(data)]
    else:
        messages = [Message(i, *message_lines(chunk, start)[:2])
                    for i, (chunk, start) in enumerate(chunks, 1)]
    for m in messages:
        _classify(m, models.get(m.index, []))
    thread = Thread(name, messages)
    _link(thread)
    _v1(thread, before)
    return thread


def _archive_page(data):
    """The one message of a text that is no mail: a list archive's page (subject, author,
    date, then the body) or a bare reply."""
    lines = src_lines(decode(data), 1)
    fields = text_fields(lines)
    fields["subject"] = (fields.get("subject") or "").strip() or None
    head = [ln.text for ln in lines[:8]]
    body_from = 0
    for k, t in enumerate(head):
        m = _ARCHIVE_AUTHOR_RE.match(t.strip())
        if m and k + 1 < len(head) and _ARCHIVE_DATE_RE.match(head[k + 1].strip()):
            fields["author"] = f"{m.group(1)} <{m.group(2)}@{m.group(3)}>"
            body_from = k + 2
            break
    return Message(1, lines[body_from:], fields)


def _classify(m, models):
    """A patch mail, a cover letter, a reply, or something else."""
    reply = m.info.is_reply or any(p.reply for p in models)
    mail = next((p for p in models if p.kind in ("email", "diff")), None)
    cover = next((p for p in models if p.kind == "cover"), None)
    if not reply and mail is not None:
        m.kind, m.patch = "patch", mail
    elif not reply and cover is not None:
        m.kind, m.patch = "cover", cover
    elif reply or m.in_reply_to or any(d for d, _, _ in m.depths()):
        m.kind = "reply"


def _link(thread):
    """Attach each message to the one it answers."""
    by_id = {m.message_id: m for m in thread.messages if m.message_id}
    for m in thread.messages:
        for ref in [m.in_reply_to] + m.references[::-1]:
            parent = by_id.get(ref) if ref else None
            if parent is not None and parent is not m:
                m.parent, m.parent_by = parent, "id"
                break
    mails = [m for m in thread.messages if m.kind in ("patch", "cover")]
    for m in thread.messages:
        if m.parent is None and m.kind == "reply":
            key = norm_title(m.title)
            same = [p for p in mails if norm_title(p.title) == key]
            if same:
                m.parent, m.parent_by = same[0], "subject"
    for m in thread.messages:
        if m.parent is not None and m not in m.parent.ancestors():
            m.parent.children.append(m)
        elif m.parent is not None:
            m.parent = None                 # a loop in the headers: cut it here


def _v1(thread, before):
    """v1's mails: the thread's patch mails of one version, or stand-ins from the quotes."""
    mails = [m for m in thread.messages if m.kind in ("patch", "cover")]
    if mails:
        versions = sorted({m.info.version or 1 for m in mails})
        thread.version = ([v for v in versions if before is None or v < before] or versions)[-1]
        chosen = [m for m in mails if (m.info.version or 1) == thread.version]
        thread.v1 = [V1Patch(m.kind, m.subject, m.patch, m) for m in chosen]
        for m in chosen:
            thread.contributor.add(m.author)
    else:
        _stand_ins(thread)
    thread.v1.sort(key=lambda v: (v.kind != "cover", v.info.number or 0))


def _stand_ins(thread):
    """No patch mail in the thread: each subject's fullest quote stands in for its patch."""
    best = {}
    for m in thread.messages:
        if m.kind != "reply":
            continue
        for depth in sorted({d for d, _, _ in m.depths() if d}):
            q = quoted_at(m, depth, thread.name)
            if not q.has_diff:
                continue
            size = sum(len(h.lines) for fd in q.patch.files for h in fd.hunks)
            key = norm_title(m.title)
            if key not in best or size > best[key][0]:
                best[key] = (size, m, q)
            break
    for _, m, q in best.values():
        subject = re.sub(r"^\s*(?:re\s*:\s*)+", "", m.subject or "", flags=re.I) or None
        thread.v1.append(V1Patch("patch", subject, q.patch, quoted=q))
        info = parse_subject(subject)
        if info.version:
            thread.version = info.version
        attribution = split_quoted(m.lines)[2]
        if attribution:
            q.patch.author = attribution
            thread.contributor.add(attribution)
        for key, value, _ in q.patch.trailers:
            if key.lower() == "signed-off-by":
                thread.contributor.add(value)
