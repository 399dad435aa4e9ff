"""``--format=reply``: the review mail a maintainer would send, one per patch with findings.

Each reply quotes its patch with ``> ``, trimmed to what matters: the file and hunk headers of
each commented hunk, a few lines above each commented line (more when the point rests on
them: the open parenthesis, the enum, the whole function), the line itself, and then the
comment, unquoted, between blank lines.  Several findings on one line share a comment; a
missing sign-off is discussed under the trailers and a too-large patch under its diffstat.
Every quoted stretch gets its own exact ``@@`` header, so the reply reads back as a patch:
patchlint (or b4, or a person) reading it finds the same lines at the same numbers.  A fix-up
diff for the mechanical points closes the mail.  The output is an mbox.

With ``--reply-cover``, a series (a cover letter, or patches numbered ``n/m``) gets a summary
reply, to its cover letter or, when it has none, to its first patch (the root of the thread
git send-email makes): how many errors, warnings and nits each patch got in my replies to it,
and the findings about the series as a whole (a missing cover letter, the numbering), which
no patch's reply carries, each as a comment under the subject of the mail it is about.
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
        self._series = {}       # input -> _Series, for --reply-cover
        self._together = None   # ids of the rules that judge an input's patches together

    def add(self, result, findings):
        super().add(result, findings)
        opts = self.options
        ctx = getattr(opts, "reply_context", None) if opts else None
        if ctx is None:                 # (options parsed without their defaults filled in)
            ctx = 3
        if self._sender is None:
            self._sender = _sender(getattr(opts, "from_", None) if opts else None)
        if self._together is None:
            from ..catalogue import all_rules
            self._together = {s.id for s in all_rules() if s.kind == "patches"}
        series = self._series.setdefault(result.name, _Series())
        # A finding about the series (a missing cover letter, numbering) comes apart, after
        # the patches, when an input is read patch by patch; mixed with the patches' own when
        # it is read whole.  Either way it is the series summary's to discuss, not a patch's.
        by_patch = {}
        for f in findings:
            if not result.patches or f.rule in self._together:
                series.said.append(_Said(f))
            else:
                by_patch.setdefault(id(f.patch), []).append(f)
        for patch in result.patches:
            if patch.is_cover:
                series.cover = series.cover or patch
                continue
            mine = by_patch.get(id(patch), [])
            counts = {"error": 0, "warning": 0, "note": 0}
            for f in mine:
                counts[f.severity] += 1
            info = patch.subject_info
            if info.total and info.total > 1 and info.number:
                series.numbered += 1
                if series.first is None or info.number < series.first_number:
                    series.first, series.first_number = patch, info.number
            series.patches.append((patch.index, patch.subject, counts))
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
            for series in self._series.values():
                root = series.root
                if root is not None:
                    self.messages.append(build_cover_reply(root, series.patches, series.said,
                                                           self._sender, self._next_id()))
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
    out = [_attribution(patch)]
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


def _attribution(patch):
    """"On <date>, <author> wrote:", the line above a quote."""
    who = _clean(patch.author) or "you"
    if patch.date is not None:
        when = patch.date.strftime("%a, %b %d, %Y at %H:%M:%S %z").strip()
        return f"On {when}, {who} wrote:"
    return f"{who} wrote:"


def _counted(counts):
    """"1 error, 2 warnings, 1 nit" (notes are nits in a reply); "" for none."""
    parts = []
    for sev, word in (("error", "error"), ("warning", "warning"), ("note", "nit")):
        n = counts.get(sev, 0)
        if n:
            parts.append(f"{n} {word}" + ("" if n == 1 else "s"))
    return ", ".join(parts)


def _summary(findings, has_fixup):
    counts = {"error": 0, "warning": 0, "note": 0}
    for f in findings:
        counts[f.severity] += 1
    text = "[" + _counted(counts) + " below"
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

class _Series:
    """What the summary of one input's series needs, as plain data (patches let go)."""

    def __init__(self):
        self.cover = None           # the cover letter, if the series has one
        self.first = None           # its first patch: the thread's root without a cover
        self.first_number = None
        self.numbered = 0           # patches numbered as parts of a series ("2/3")
        self.patches = []           # [(message index, subject, {severity: count})]
        self.said = []              # [_Said]: findings about the series as a whole

    @property
    def root(self):
        """The mail the summary answers: the cover letter, else the first patch of a series
        (two patches or more numbered "n/m": git send-email threads a series without a cover
        under its first patch); None for a single patch or mails that are no series."""
        if self.cover is not None:
            return self.cover
        return self.first if self.numbered > 1 else None


class _Said:
    """A finding about the series, kept as the summary will word it."""

    __slots__ = ("index", "subject", "severity", "message", "suggestion", "replacement")

    def __init__(self, f):
        self.index = f.patch.index if f.patch is not None else None
        self.subject = f.patch.subject if f.patch is not None else None
        self.severity = f.severity
        self.message = f.message
        self.suggestion = f.suggestion
        self.replacement = None


def cover_body(root, patches, said) -> str:
    """The summary reply's body.

    Under the quoted subject of the mail it answers, a line counting what there is to say,
    then the findings about the series as a whole, each as a comment under the subject of
    the mail it is about (the cover letter's or the first patch's right under the top quote),
    then each patch with the count of its own findings, which my replies to it discuss.
    """
    lines = [_attribution(root)]
    if root.subject:
        lines.append(_quote(_clean(root.subject)))
    lines.append("")
    series_counts = {"error": 0, "warning": 0, "note": 0}
    for s in said:
        series_counts[s.severity] += 1
    patch_counts = {"error": 0, "warning": 0, "note": 0}
    for _, _, counts in patches:
        for sev, n in counts.items():
            patch_counts[sev] += n
    about_series, about_patches = _counted(series_counts), _counted(patch_counts)
    if about_series and about_patches:
        head = (f"[{about_series} about the series as a whole below; {about_patches} in the "
                "patches, in my replies to them.]")
    elif about_series:
        head = (f"[{about_series} about the series as a whole below; nothing to say about "
                "the patches themselves.]")
    elif about_patches:
        head = f"[{_capital(about_patches)} in the patches, in my replies to them.]"
    else:
        head = "[Nothing to say about the series or its patches.]"
    lines.extend(_wrap(head))
    groups = {}
    for s in said:
        key = root.index if s.index is None else s.index
        groups.setdefault(key, []).append(s)
    for index, group in sorted(groups.items(), key=lambda kv: kv[0] != root.index):
        if index != root.index:
            if lines[-1]:
                lines.append("")
            lines.append(_quote(_clean(group[0].subject) or f"(message {index})"))
        lines.extend(_comment(group))
    if lines[-1]:
        lines.append("")
    lines.append("Patch by patch:")
    lines.append("")
    for index, subject, counts in patches:
        what = (_counted(counts) or "nothing to say").replace(" ", "\0")   # kept whole
        lines.extend(ln.replace("\0", " ") for ln in _wrap(
            f"- {_clean(subject) or 'message ' + str(index)}: {what}", indent="  "))
    return "\n".join(lines) + "\n"


def _wrap(text, indent=""):
    import textwrap
    return textwrap.wrap(text, 72, subsequent_indent=indent, break_on_hyphens=False,
                         break_long_words=False) or [""]


def build_cover_reply(root, patches, said, sender, message_id):
    """The summary reply to a series: to its cover letter, or to its first patch."""
    subject = root.subject or "your series"
    refs = list(root.references) or ([root.in_reply_to] if root.in_reply_to else [])
    return _message(sender, root.author, root.to + root.cc,
                    subject if re.match(r"^\s*re:", subject, re.I) else "Re: " + subject,
                    root.message_id, refs, message_id, cover_body(root, patches, said))


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
    from email.utils import formataddr

    from ..mail import address_pairs
    out = []
    for name, addr in address_pairs([_header(v) for v in values]):
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
