"""``--format=reply``: the review mail a maintainer would send, one per patch with findings.

Each reply quotes its patch with ``> ``, trimmed to what matters: the file and hunk headers of
each commented hunk, a few lines above each commented line (more when the point rests on
them: the open parenthesis, the enum, the whole function), the line itself, and then the
comment, unquoted, between blank lines.  Several findings on one line share a comment; a
missing sign-off is discussed under the trailers and a too-large patch under its diffstat.
Every quoted stretch gets its own exact ``@@`` header, so the reply reads back as a patch:
patchlint (or b4, or a person) reading it finds the same lines at the same numbers.  A fix-up
diff for the mechanical points closes the mail.  The output is an mbox.
"""

from __future__ import annotations

import re

from ..lazyre import lazy_re
from . import Reporter, clean

_SEV_ORDER = {"error": 0, "warning": 1, "note": 2}
_FUNCNAME = lazy_re(r"^[A-Za-z_$]")


class ReplyReporter(Reporter):
    def __init__(self, out, color=False, quiet=False, options=None):
        super().__init__(out, color, quiet, options)
        self.messages = []
        self._counter = 0
        self._sender = None
        self._series = {}       # input -> [cover, [(patch, counts)]] for --reply-cover

    def add(self, result, findings):
        super().add(result, findings)
        opts = self.options
        ctx = getattr(opts, "reply_context", 3) if opts else 3
        if self._sender is None:
            self._sender = _sender(getattr(opts, "from_", None) if opts else None)
        by_patch = {}
        for f in findings:
            by_patch.setdefault(id(f.patch), []).append(f)
        series = self._series.setdefault(result.name, [None, []])
        for patch in result.patches:
            if patch.is_cover:
                series[0] = patch
                continue
            mine = by_patch.get(id(patch), [])
            counts = {"error": 0, "warning": 0, "note": 0}
            for f in mine:
                counts[f.severity] += 1
            series[1].append((patch, counts))
            if mine:
                self.messages.append(build_reply(patch, mine, self._sender, ctx,
                                                 self._next_id()))

    def export(self):
        return dict(super().export(), messages=self.messages, series=self._series,
                    sender=self._sender)

    def merge(self, state):
        super().merge(state)
        self.messages.extend(state["messages"])
        self._series.update(state["series"])
        self._sender = self._sender or state["sender"]

    def _next_id(self):
        import os
        import time
        self._counter += 1
        return f"<patchlint.{int(time.time())}.{os.getpid()}.{self._counter}@localhost>"

    def finish(self):
        if self.options is not None and getattr(self.options, "reply_cover", False):
            for cover, summaries in self._series.values():
                if cover is not None:
                    self.messages.append(build_cover_reply(cover, summaries, self._sender,
                                                           self._next_id()))
        folder = getattr(self.options, "reply_dir", None) if self.options else None
        if not folder:
            write_mbox(self.out, self.messages)
            return
        import os
        os.makedirs(folder, exist_ok=True)
        for n, msg in enumerate(self.messages, 1):
            slug = re.sub(r"[^A-Za-z0-9]+", "-", str(msg["Subject"]))[:52].strip("-")
            path = os.path.join(folder, f"{n:04d}-{slug}.eml")
            with open(path, "w", encoding="utf-8") as f:
                write_mbox(f, [msg])
            self.out.write(path + "\n")


# -- one reply ------------------------------------------------------------------------------------

def build_reply(patch, findings, sender, ctx, message_id):
    """The reply (an EmailMessage) to one patch."""
    body = reply_body(patch, findings, ctx)
    subject = patch.subject or "your patch"
    refs = list(patch.references) or ([patch.in_reply_to] if patch.in_reply_to else [])
    msg = _message(sender, patch.author, patch.to + patch.cc,
                   subject if re.match(r"^\s*re:", subject, re.I) else "Re: " + subject,
                   patch.message_id, refs, message_id, body)
    return msg


def reply_body(patch, findings, ctx=3) -> str:
    from ..fix import fixup_diff
    out = []
    who = _clean(patch.author) or "you"
    if patch.date is not None:
        when = patch.date.strftime("%a, %b %d, %Y at %H:%M:%S %z").strip()
        out.append(f"On {when}, {who} wrote:")
    else:
        out.append(f"{who} wrote:")
    fixup = fixup_diff([patch], findings)
    out.append("")
    out.append(_summary(findings, bool(fixup)))
    out.append("")
    patch_level = [f for f in findings if f.file is None]
    file_level = [f for f in findings if f.file is not None and f.line is None]
    line_level = [f for f in findings if f.line is not None]
    # the commit message: a missing sign-off is talked about under the trailers
    sob = [f for f in patch_level if f.rule == "signed-off-by"]
    if sob:
        msg = [ln for ln in (patch.message or "").splitlines()]
        while msg and not msg[-1].strip():
            msg.pop()
        tail = msg[-3:] if msg else []
        out.extend(_quote(t) for t in tail)
        out.extend(_comment(sob))
    others = [f for f in patch_level if f.rule != "signed-off-by"]
    if others:
        out.append("> ---")
        stat = [ln for ln in (patch.notes or "").splitlines() if ln.strip()]
        out.extend(_quote(t) for t in stat[-12:])
        out.extend(_comment(others))
    for fd in patch.files:
        mine = [f for f in line_level if f.file is fd]
        whole = [f for f in file_level if f.file is fd]
        if not mine and not whole:
            continue
        out.extend(_file_header(fd))
        if whole:
            out.extend(_comment(whole))
        spans = {}
        for f in mine:
            for first, last in f.context or ():
                if first.hunk is last.hunk and first.hunk.file is fd:
                    spans.setdefault(id(first.hunk), []).append([first.index, last.index])
        for hunk in fd.hunks:
            lines_here = [f for f in mine if f.line.hunk is hunk]
            if lines_here or id(hunk) in spans:
                out.extend(_quote_hunk(hunk, lines_here, ctx, spans.get(id(hunk), [])))
    if fixup:
        if out and out[-1].strip():
            out.append("")
        out.append("Here's a fix-up for the mechanical points, to squash in:")
        out.append("")
        out.extend(clean(fixup).rstrip("\n").split("\n"))
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _summary(findings, has_fixup):
    counts = {"error": 0, "warning": 0, "note": 0}
    for f in findings:
        counts[f.severity] += 1
    parts = []
    for sev, word in (("error", "error"), ("warning", "warning"), ("note", "nit")):
        n = counts[sev]
        if n:
            parts.append(f"{n} {word}" + ("" if n == 1 else "s"))
    text = "[" + ", ".join(parts) + " below"
    if has_fixup:
        text += "; a fix-up for the mechanical ones is at the end"
    return text + ".]"


def _file_header(fd):
    old = "/dev/null" if fd.is_new else f"a/{fd.old_path}"
    new = "/dev/null" if fd.is_deleted else f"b/{fd.new_path}"
    return [_quote(f"diff --git a/{fd.old_path} b/{fd.new_path}"), _quote(f"--- {old}"),
            _quote(f"+++ {new}")]


def _quote_hunk(hunk, findings, ctx, spans):
    """The quoted stretches of one hunk, each with its own exact @@ header, and comments.

    ``spans`` are other stretches of this hunk some finding rests on (quoted, not commented).
    """
    lines = hunk.lines
    at = {}
    for f in findings:
        at.setdefault(f.line.index, []).append(f)
    windows = [list(s) for s in spans]
    for idx in sorted(at):
        windows.append([max(0, idx - ctx), idx])
    windows.sort()
    merged = []
    for w in windows:
        if merged and w[0] <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], w[1])
        else:
            merged.append(list(w))
    out = []
    for n, (lo, hi) in enumerate(merged):
        if n:
            out.append("[...]")
            out.append("")
        out.append(_quote(_hunk_header(hunk, lo, hi)))
        for i in range(lo, hi + 1):
            ln = lines[i]
            out.append(_quote(ln.kind + _clean(ln.text)))
            if i in at:
                out.extend(_comment(at[i]))
    return out


def _hunk_header(hunk, lo, hi):
    lines = hunk.lines
    old = hunk.old_start + sum(1 for ln in lines[:lo] if ln.kind != "+")
    new = hunk.new_start + sum(1 for ln in lines[:lo] if ln.kind != "-")
    n_old = sum(1 for ln in lines[lo:hi + 1] if ln.kind != "+")
    n_new = sum(1 for ln in lines[lo:hi + 1] if ln.kind != "-")
    # an empty side names the line before (git's convention; 0 before the first line)
    if n_old == 0:
        old = max(old - 1, 0)
    if n_new == 0:
        new = max(new - 1, 0)
    # what git would put after "@@": the last line above that starts a definition
    section = hunk.section
    for ln in reversed(lines[:lo]):
        if ln.kind != "-" and _FUNCNAME.match(ln.text):
            section = ln.text
            break
    section = _clean(section or "").strip()
    return f"@@ -{old},{n_old} +{new},{n_new} @@" + (f" {section}" if section else "")


def _comment(findings):
    """A comment for the findings on one line: blank, text, blank."""
    import textwrap
    findings = sorted(findings, key=lambda f: _SEV_ORDER[f.severity])
    sentences = []
    for f in findings:
        text = _sentence(_clean(f.message))
        if f.severity == "note":
            text = "Nit: " + text
        sentences.append(text)
    out = [""]
    out.extend(textwrap.wrap(" ".join(sentences), 72, break_on_hyphens=False,
                             break_long_words=False) or [""])
    fixed = _fixed_text(findings)
    if fixed is not None:
        out += ["", "    " + fixed.strip()]
    for f in findings:
        if f.suggestion and f.replacement is None:
            head, code = _split_code(_clean(f.suggestion))
            out.append("")
            head = _sentence(head) if not code else _capital(head)
            out.extend(textwrap.wrap(head, 72, break_on_hyphens=False,
                                     break_long_words=False))
            if code:
                out += ["", "    " + code]
    out.append("")
    return out


def _capital(text):
    """Capitalise a sentence, unless it starts with an identifier (virCheckFlags(), `x`)."""
    first = text.split(" ", 1)[0]
    if re.fullmatch(r"[a-z]+[,:;]?", first):
        return text[:1].upper() + text[1:]
    return text


def _sentence(text):
    text = _capital(text)
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def _split_code(text):
    """"widen the mask instead: virCheckFlags(X, -1);" -> (prose + ":", code)."""
    m = re.match(r"^(.*?):\s+(\S.*[;)])$", text)
    if m and "(" in m.group(2):
        return m.group(1) + ":", m.group(2)
    return text, None


def _fixed_text(findings):
    from ..fix import apply_edits, line_edits
    with_fix = [f for f in findings if f.replacement is not None]
    if not with_fix:
        return None
    for ln, edits in line_edits(with_fix).values():
        return _clean(apply_edits(ln.text, edits))
    return None


def _quote(text):
    return "> " + text if text else ">"


def _clean(text):
    if text is None:
        return ""
    text = clean(text)
    return "".join(ch if ch == "\t" or ch.isprintable() else "?" for ch in text)


# -- the cover letter ----------------------------------------------------------------------------

def build_cover_reply(cover, summaries, sender, message_id):
    lines = []
    who = _clean(cover.author) or "you"
    lines.append(f"{who} wrote:")
    if cover.subject:
        lines.append(_quote(_clean(cover.subject)))
    lines.append("")
    for patch, counts in summaries:
        what = ", ".join(f"{n} {w}{'' if n == 1 else 's'}" for w, n in counts.items() if n) \
            or "nothing to say"
        lines.append(f"- {_clean(patch.subject) or 'patch ' + str(patch.index)}: {what}")
    lines.append("")
    lines.append("Comments on each patch are in my replies to them.")
    subject = cover.subject or "your series"
    return _message(sender, cover.author, cover.to + cover.cc,
                    subject if re.match(r"^\s*re:", subject, re.I) else "Re: " + subject,
                    cover.message_id, cover.references, message_id, "\n".join(lines) + "\n")


# -- mail plumbing ------------------------------------------------------------------------------

def _header(value):
    """A header value that cannot inject headers: no CR/LF, no control characters."""
    value = re.sub(r"[\r\n\t]+", " ", value or "")
    return re.sub(r" {2,}", " ", _clean(value)).strip()


def _addresses(values):
    """The mail addresses in header texts, each written anew as ``Name <addr>``: a display
    name with commas, quotes or encoded-word look-alikes in it is quoted or encoded as mail
    wants, and text that holds no address is dropped (a garbled From: must not split into
    addresses that break the header when it is folded)."""
    from email.utils import formataddr, getaddresses
    out = []
    for name, addr in getaddresses([_header(v) for v in values]):
        if "@" not in addr or any(c.isspace() or ord(c) > 126 for c in addr):
            continue
        out.append(formataddr((name, addr), charset="utf-8"))
    return out


def _sender(given):
    if given:
        return _header(given)
    import subprocess
    try:
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                              timeout=5).stdout.strip()
        addr = subprocess.run(["git", "config", "user.email"], capture_output=True, text=True,
                              timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = addr = ""
    if addr:
        return _header(f"{name} <{addr}>" if name else addr)
    return "patchlint <patchlint@localhost>"


def _message(sender, to, cc, subject, in_reply_to, references, message_id, body):
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import formatdate
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    to = _addresses([to] if to else [])
    if to:
        msg["To"] = ", ".join(to)
    others = []
    me = sender.lower()
    for a in _addresses(cc):
        if a.lower() != me and a not in others and a not in to:
            others.append(a)
    if others:
        msg["Cc"] = ", ".join(others)
    msg["Subject"] = _header(subject)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = message_id
    irt = _header(in_reply_to)
    if irt:
        msg["In-Reply-To"] = irt
        refs = [_header(r) for r in references if _header(r)]
        if irt not in refs:
            refs.append(irt)
        msg["References"] = " ".join(refs)
    body = clean(body)          # (a net under the parts: the mail must encode whatever came in)
    long_line = any(len(ln.encode("utf-8")) > 900 for ln in body.split("\n"))
    msg.set_content(body, charset="utf-8", cte="quoted-printable" if long_line else "8bit")
    return msg


def write_mbox(out, messages):
    """Messages as an mbox (mboxrd: body lines starting with "From " are escaped)."""
    import time
    stamp = time.asctime(time.gmtime())
    for msg in messages:
        data = msg.as_bytes()
        data = re.sub(rb"(?m)^(>*From )", rb">\1", data)
        text = data.decode("utf-8", "replace").replace("\r\n", "\n")
        out.write(f"From patchlint@localhost {stamp}\n")
        out.write(text)
        if not text.endswith("\n"):
            out.write("\n")
        out.write("\n")
