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

import os
import re
import textwrap
import time

from ..lazyre import lazy_re
from . import Reporter, clean, counts
from .mailout import message, printable, write_mbox

_SEV_ORDER = {"error": 0, "warning": 1, "note": 2}
_FUNCNAME = lazy_re(r"^[A-Za-z_$]")


class ReplyReporter(Reporter):
    wants_fixup = True
    wants_mail = True

    def __init__(self, out, options=None, rules=()):
        super().__init__(out, options, rules)
        self.messages = []
        self._counter = 0
        self._series = {}       # input -> _Series, for --reply-cover

    def patch(self, inp, patch, findings):
        series = self._series.setdefault(inp.name, _Series())
        if patch.is_cover:
            series.cover = series.cover or patch
            return
        if patch.total and patch.total > 1 and patch.number:
            series.numbered += 1
            if series.first is None or patch.number < series.first.number:
                series.first = patch
        series.patches.append((patch.index, patch.subject, counts(findings)))
        if findings:
            self.messages.append(build_reply(patch, findings, self.options.sender,
                                             self.options.reply_context, self._next_id()))

    def series(self, inp, findings):
        # a finding about the series (a missing cover letter, the numbering) is the series
        # summary's to discuss, not a patch's
        self._series.setdefault(inp.name, _Series()).said.extend(findings)

    def _next_id(self):
        self._counter += 1
        return f"<patchlint.{int(time.time())}.{os.getpid()}.{self._counter}@localhost>"

    def finish(self, tally):
        if self.options.reply_cover:
            for series in self._series.values():
                root = series.root
                if root is not None:
                    self.messages.append(build_cover_reply(root, series.patches, series.said,
                                                           self.options.sender,
                                                           self._next_id()))
        folder = self.options.reply_dir
        if not folder:
            write_mbox(self.out, self.messages)
            return
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
    msg = message(sender, patch.author, patch.to + patch.cc,
                   subject if re.match(r"^\s*re:", subject, re.I) else "Re: " + subject,
                   patch.message_id, refs, message_id, body)
    return msg


def reply_body(patch, findings, ctx=3) -> str:
    out = [_attribution(patch), "", _summary(findings, bool(patch.fixup)), ""]
    about_mail = [f for f in findings if f.file is None]
    # a missing sign-off is talked about under the trailers, the rest under the diffstat
    trailers = [f for f in about_mail if f.place == "trailers"]
    if trailers:
        msg = (patch.message or "").splitlines()
        while msg and not msg[-1].strip():
            msg.pop()
        out.extend(_quote(t) for t in msg[-3:])
        out.extend(_comment(trailers))
    others = [f for f in about_mail if f.place != "trailers"]
    if others:
        out.append("> ---")
        stat = [ln for ln in (patch.notes or "").splitlines() if ln.strip()]
        out.extend(_quote(t) for t in stat[-12:])
        out.extend(_comment(others))
    for k, fd in enumerate(patch.files):
        out.extend(_file_part(fd, [f for f in findings if f.file == k], k, ctx))
    if patch.fixup:
        if out and out[-1].strip():
            out.append("")
        out.append("Here's a fix-up for the mechanical points, to squash in:")
        out.append("")
        out.extend(clean(patch.fixup).rstrip("\n").split("\n"))
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _file_part(fd, findings, k, ctx):
    """One file's share of the reply: its header, comments on the whole file, its hunks."""
    if not findings:
        return []
    mine = [f for f in findings if f.hunk is not None]
    whole = [f for f in findings if f.hunk is None]
    out = _file_header(fd)
    if whole:
        out.extend(_comment(whole))
    spans = {}
    for f in mine:
        for fk, hk, first, last in f.context:
            if fk == k:
                spans.setdefault(hk, []).append([first, last])
    for hk, hunk in sorted(fd.hunks.items()):
        lines_here = [f for f in mine if f.hunk[1] == hk]
        if lines_here or hk in spans:
            out.extend(_quote_hunk(hunk, lines_here, ctx, spans.get(hk, [])))
    return out


def _attribution(patch):
    """"On <date>, <author> wrote:", the line above a quote."""
    who = printable(patch.author) or "you"
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
    text = "[" + _counted(counts(findings)) + " below"
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
        at.setdefault(f.hunk[2], []).append(f)
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
            kind, _, _, text = lines[i]
            out.append(_quote(kind + printable(text)))
            if i in at:
                out.extend(_comment(at[i]))
    return out


def _hunk_header(hunk, lo, hi):
    kinds = [ln[0] for ln in hunk.lines]
    old = hunk.old_start + sum(1 for kind in kinds[:lo] if kind != "+")
    new = hunk.new_start + sum(1 for kind in kinds[:lo] if kind != "-")
    n_old = sum(1 for kind in kinds[lo:hi + 1] if kind != "+")
    n_new = sum(1 for kind in kinds[lo:hi + 1] if kind != "-")
    # an empty side names the line before (git's convention; 0 before the first line)
    if n_old == 0:
        old = max(old - 1, 0)
    if n_new == 0:
        new = max(new - 1, 0)
    # what git would put after "@@": the last line above that starts a definition
    section = hunk.section
    for kind, _, _, text in reversed(hunk.lines[:lo]):
        if kind != "-" and _FUNCNAME.match(text):
            section = text
            break
    section = printable(section or "").strip()
    return f"@@ -{old},{n_old} +{new},{n_new} @@" + (f" {section}" if section else "")


def _comment(findings):
    """A comment for the findings on one line: blank, text, blank."""
    findings = sorted(findings, key=lambda f: _SEV_ORDER[f.severity])
    sentences = []
    for f in findings:
        text = _sentence(printable(f.message))
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
            head, code = _split_code(printable(f.suggestion))
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
    """The commented line with its certain fixes applied, or None."""
    fixed = next((f.fixed for f in findings if f.fixed is not None), None)
    return None if fixed is None else printable(fixed)


def _quote(text):
    return "> " + text if text else ">"




# -- the cover letter ----------------------------------------------------------------------------

class _Series:
    """What the summary of one input's series needs, as plain data (patches let go)."""

    def __init__(self):
        self.cover = None           # the cover letter, if the series has one
        self.first = None           # its first patch: the thread's root without a cover
        self.numbered = 0           # patches numbered as parts of a series ("2/3")
        self.patches = []           # [(message index, subject, {severity: count})]
        self.said = []              # findings about the series as a whole

    @property
    def root(self):
        """The mail the summary answers: the cover letter, else the first patch of a series
        (two patches or more numbered "n/m": git send-email threads a series without a cover
        under its first patch); None for a single patch or mails that are no series."""
        if self.cover is not None:
            return self.cover
        return self.first if self.numbered > 1 else None


def cover_body(root, patches, said) -> str:
    """The summary reply's body.

    Under the quoted subject of the mail it answers, a line counting what there is to say,
    then the findings about the series as a whole, each as a comment under the subject of
    the mail it is about (the cover letter's or the first patch's right under the top quote),
    then each patch with the count of its own findings, which my replies to it discuss.
    """
    lines = [_attribution(root)]
    if root.subject:
        lines.append(_quote(printable(root.subject)))
    lines.append("")
    patch_counts = counts()
    for _, _, each in patches:
        for sev, n in each.items():
            patch_counts[sev] += n
    about_series, about_patches = _counted(counts(said)), _counted(patch_counts)
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
        key = root.index if s.patch is None else s.patch
        groups.setdefault(key, []).append(s)
    for index, group in sorted(groups.items(), key=lambda kv: kv[0] != root.index):
        if index != root.index:
            if lines[-1]:
                lines.append("")
            lines.append(_quote(printable(group[0].subject) or f"(message {index})"))
        plain = [f for f in group if not f.excerpt]
        if plain:
            lines.extend(_comment(plain))
        for f in group:
            if f.excerpt:       # a point about the series shown at its line in that patch
                lines.extend(_excerpt_quote(f) + _comment([f]))
    if lines[-1]:
        lines.append("")
    lines.append("Patch by patch:")
    lines.append("")
    for index, subject, each in patches:
        what = (_counted(each) or "nothing to say").replace(" ", "\0")   # kept whole
        lines.extend(ln.replace("\0", " ") for ln in _wrap(
            f"- {printable(subject) or 'message ' + str(index)}: {what}", indent="  "))
    return "\n".join(lines) + "\n"


def _excerpt_quote(f):
    """The lines a series finding points at, quoted as a patch reads (file, exact @@)."""
    new = next((n for _, _, n, _ in f.excerpt if n), 1)
    n_old = sum(1 for kind, _, _, _ in f.excerpt if kind != "+")
    n_new = sum(1 for kind, _, _, _ in f.excerpt if kind != "-")
    old = next((o for _, o, _, _ in f.excerpt if o), max(new - 1, 0))
    path = printable(f.path)
    return ["", _quote(f"diff --git a/{path} b/{path}"), _quote(f"--- a/{path}"),
            _quote(f"+++ b/{path}"), _quote(f"@@ -{old},{n_old} +{new},{n_new} @@")] + \
        [_quote(kind + printable(text)) for kind, _, _, text in f.excerpt]


def _wrap(text, indent=""):
    return textwrap.wrap(text, 72, subsequent_indent=indent, break_on_hyphens=False,
                         break_long_words=False) or [""]


def build_cover_reply(root, patches, said, sender, message_id):
    """The summary reply to a series: to its cover letter, or to its first patch."""
    subject = root.subject or "your series"
    refs = list(root.references) or ([root.in_reply_to] if root.in_reply_to else [])
    return message(sender, root.author, root.to + root.cc,
                    subject if re.match(r"^\s*re:", subject, re.I) else "Re: " + subject,
                    root.message_id, refs, message_id, cover_body(root, patches, said))
