"""``--format=reply``: the follow-up as a mail to the thread, the way a reviewer writes one on
the arrival of v2.

It answers v2's cover letter (or its first patch), else v1's when v2's mails have no
Message-ID yet, addressed to its author with its ``To``/``Cc``.  Under the quoted subject, a
line counts everything; then, patch by patch, each point still open and each one answered is
written under the v2 line it is about, quoted with ``> `` and an exact ``@@`` header (so the
mail reads back as a review reply, and patchlint's send hook passes it as one), with the
reviewer's words from v1 and the answers; then, in a list, what v2 addressed, what went with
a dropped patch, the trailers to carry or renew, and patchlint's findings still there.
"""

from __future__ import annotations

import re
import textwrap
import time

from ..report.mailout import message, printable, write_mbox
from .report import Reporter, counts, name_of, shown_items

_WIDTH = 72


class ReplyReporter(Reporter):
    def write(self, result):
        root = result.v2_root if result.v2_root is not None and result.v2_root.message_id \
            else (result.v1_root or result.v2_root)
        body = reply_body(result, root)
        subject = (root.subject if root is not None else None) or "your series"
        if not re.match(r"^\s*re:", subject, re.I):
            subject = "Re: " + subject
        mid = f"<patchlint.followup.{int(time.time())}@localhost>"
        author = root.author if root is not None else None
        msg = message(self.sender or "patchlint <patchlint@localhost>", author,
                      (root.to + root.cc) if root is not None else [], subject,
                      root.message_id if root is not None else None,
                      root.references if root is not None else [], mid, body)
        write_mbox(self.out, [msg])


def reply_body(result, root) -> str:
    out = []
    if root is not None:
        who = printable(name_of(root.author)) if root.author else "you"
        if root.date is not None:
            when = root.date.strftime("%a, %b %d, %Y at %H:%M:%S %z").strip()
            out.append(f"On {when}, {who} wrote:")
        else:
            out.append(f"{who} wrote:")
        if root.subject:
            out.append("> " + printable(root.subject))
        out.append("")
    out += _wrap(f"[Following up the review of v{result.version}: {counts(result)}.]")
    items = shown_items(result)
    for g in result.groups:
        mine = [it for it in items if it.group == g.index]
        if mine:
            out += _group(g, mine, root.subject if root is not None else None,
                          result.version)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _group(g, items, top, version):
    out = []
    title = g.v2_subject or g.v1_subject
    if title != top:
        out += ["", "> " + printable(title) if title else "> (the series as a whole)"]
    if g.v1_subject and g.v2_subject is None:
        out += ["", f"Dropped in v{version + 1}."]
    elif g.v1_subject is None and g.v2_subject:
        out += ["", f"New in v{version + 1}."]
    quoted = [it for it in items if it.kind == "comment" and it.status in ("open", "answered")
              and it.excerpt is not None]
    for it in quoted:
        out += _quoted(it, version)
    rest = [it for it in items if it not in quoted and _listed(it)]
    if rest:
        out.append("")
        for it in rest:
            out += _wrap("- " + _line(it), indent="  ")
    return out


def _listed(it) -> bool:
    """What the list under a patch shows: every comment, trailers that need a hand,
    findings still there or new, problems of the mails."""
    if it.kind == "trailer":
        return it.status != "kept"
    if it.kind == "finding":
        return it.status != "fixed"
    return True


def _quoted(it, version):
    path, header, lines = it.excerpt
    out = ["", f"> diff --git a/{path} b/{path}", f"> --- a/{path}", f"> +++ b/{path}",
           "> " + header]
    out += ["> " + printable(t) for t in lines]
    out.append("")
    what = f"Still open from v{version}" if it.status == "open" else \
        "Answered in the thread, for you to judge"
    out.append(f"{what}; {printable(name_of(it.reviewer))} wrote:")
    out.append("")
    out += ["    " + printable(t) if t.strip() else "" for t in it.text.split("\n")]
    for a in it.answers:
        out += ["", f"{printable(name_of(a['author']))} answered:", ""]
        out += ["    " + printable(t) if t.strip() else "" for t in a["text"].split("\n")]
    for r in it.reactions:
        out += ["", f"{printable(name_of(r['author']))} replied:", ""]
        out += ["    " + printable(t) if t.strip() else "" for t in r["text"].split("\n")]
    return out


def _line(it) -> str:
    """One item of the list under a patch."""
    where = ""
    if it.path is not None:
        where = f" on {it.path}" + (f":{it.line}" if it.line is not None else "")
    if it.kind == "comment":
        words = " ".join(it.text.split())
        if len(words) > 60:
            words = words[:57].rstrip() + "..."
        return printable(f"{it.status}: {name_of(it.reviewer)}{where}, \"{words}\": {it.why}.")
    if it.kind == "trailer":
        return printable(f"{it.text} ({it.status}): {it.why}.")
    if it.kind == "finding":
        at = it.v2_path or it.path
        line = it.v2_line if it.v2_path else it.line
        place = f" at {at}:{line}" if at else ""
        return printable(f"patchlint, {'still' if it.status == 'present' else 'new'}"
                         f"{place}: {it.text} [{it.rule}]")
    return printable(f"{it.text}.")


def _wrap(text, indent=""):
    return textwrap.wrap(text, _WIDTH, subsequent_indent=indent, break_on_hyphens=False,
                         break_long_words=False) or [""]
