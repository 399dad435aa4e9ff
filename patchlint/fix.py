"""Fixes are data: a finding's ``replacement`` for its columns.  This module applies them.

Three users share it: ``--diff`` and the review reply print a fix-up diff against the patched
tree (the post-image), ``--fix`` on a patch file rewrites the lines the patch adds, and (with
git inputs) ``--fix`` edits the files of the tree.  Edits never overlap: when two findings want
the same columns the first one wins and the other stays reported.
"""

from __future__ import annotations

import os


class Edit:
    """Replace ``text[start:end]`` of a line with ``replacement`` (from ``finding``)."""

    __slots__ = ("start", "end", "replacement", "finding")

    def __init__(self, start, end, replacement, finding):
        self.start = start
        self.end = end
        self.replacement = replacement
        self.finding = finding


def line_edits(findings):
    """{id(line): (line, [Edit, ...])} for the findings that carry a certain fix."""
    out = {}
    for f in findings:
        if f.replacement is None or f.line is None or f.line.kind == "-":
            continue
        ln = f.line
        out.setdefault(id(ln), (ln, []))[1].append(Edit(f.start, f.end, f.replacement, f))
    for key, (ln, edits) in out.items():
        edits.sort(key=lambda e: (e.start, e.end))
        kept = []
        for e in edits:
            if kept and e.start < kept[-1].end:
                continue            # overlaps an earlier edit: leave it reported
            kept.append(e)
        out[key] = (ln, kept)
    return out


def apply_edits(text: str, edits) -> str:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.replacement + text[e.end:]
    return text


def fixed_lines(findings, added_only=False):
    """{id(line): (line, new text, number of fixes applied to it)} for every line a fix
    changes."""
    out = {}
    for key, (ln, edits) in line_edits(findings).items():
        if added_only and ln.kind != "+":
            continue
        new = apply_edits(ln.text, edits)
        if new != ln.text:
            out[key] = (ln, new, len(edits))
    return out


# -- the fix-up diff ----------------------------------------------------------------------------

def fixup_diff(patches, findings, context=3) -> str:
    """A diff against the post-image that ``git apply`` takes on top of the patches."""
    changed = fixed_lines(findings)
    if not changed:
        return ""
    out = []
    for patch in patches:
        for fd in patch.files:
            hunks = []
            for hunk in fd.hunks:
                side = hunk.new_side()
                marks = [k for k, ln in enumerate(side) if id(ln) in changed]
                if not marks:
                    continue
                # group nearby changes into one fix-up hunk each
                groups = [[marks[0]]]
                for k in marks[1:]:
                    if k - groups[-1][-1] <= 2 * context:
                        groups[-1].append(k)
                    else:
                        groups.append([k])
                for g in groups:
                    a = max(0, g[0] - context)
                    b = min(len(side), g[-1] + context + 1)
                    window = [ln for ln in side[a:b] if ln.new_no is not None]
                    if not window:
                        continue
                    lines = _order(window, changed)
                    start = window[0].new_no
                    n = len(window)
                    hunks.append(f"@@ -{start},{n} +{start},{n} @@\n" + "".join(lines))
            if hunks:
                path = fd.path
                out.append(f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n")
                out.extend(hunks)
    return "".join(out)


def _eol(ln):
    return "\r\n" if ln.eol == "\r\n" else "\n"


def _order(lines, changed):
    """Diff body: unchanged lines as context; a run of changed lines as '-' then '+'."""
    out = []
    run_old, run_new = [], []
    for ln in lines:
        if id(ln) in changed:
            run_old.append("-" + ln.text + _eol(ln))
            run_new.append("+" + changed[id(ln)][1] + _eol(ln))
            continue
        out.extend(run_old + run_new)
        run_old, run_new = [], []
        out.append(" " + ln.text + _eol(ln))
    out.extend(run_old + run_new)
    if lines and lines[-1].eol == "":
        out.append("\\ No newline at end of file\n")
    return out


# -- rewriting a patch file ----------------------------------------------------------------------

class CannotFix(Exception):
    """The input can't be rewritten in place (the message says why and what to do instead)."""


def fix_patch_bytes(data: bytes, patches, findings) -> tuple[bytes, int]:
    """The input with the fixes applied to the lines the patch adds; and how many fixes.

    Only the added lines change, each keeping its line end (and its '>' quoting in a reply), so
    hunk counts stay valid.  The input must hold its diff lines as they are: an encoded mail
    must go through :func:`patchlint.reader.decoded_mail` first.  Otherwise CannotFix.
    """
    changed = fixed_lines(findings, added_only=True)
    if not changed:
        return data, 0
    for p in patches:
        headers = p.headers or {}
        if headers.get("content-type", "").lower().startswith("multipart/"):
            raise CannotFix("the patch is a mail attachment; use --diff and apply the fix-up")
        if headers.get("content-transfer-encoding", "").lower() in ("quoted-printable",
                                                                     "base64"):
            raise CannotFix("the mail is encoded; decode it first")
    raw = data.split(b"\n")
    count = 0
    for ln, new, n in changed.values():
        k = (ln.src_no or 0) - 1
        if not 0 <= k < len(raw):
            raise CannotFix("lost track of a line in the input; use --diff")
        old_line = raw[k]
        cr = old_line.endswith(b"\r")
        body = old_line[:-1] if cr else old_line
        want = ("+" + ln.text).encode("utf-8", "surrogateescape")
        quote = body[:len(body) - len(want)]
        if not body.endswith(want) or quote.strip(b"> "):
            raise CannotFix(f"input line {k + 1} is not the line it should be; use --diff")
        raw[k] = quote + ("+" + new).encode("utf-8", "surrogateescape") + (b"\r" if cr else b"")
        count += n
    return b"\n".join(raw), count


def fix_tree_files(findings, cwd=None) -> int:
    """Apply the certain fixes to the files of the working tree (``--staged``/``--worktree``).

    A line is changed only when the file still holds, at that line, exactly what the diff
    said the patch adds; the index is not touched (``git add`` what you keep).
    """
    import subprocess  # noqa: PLC0415 (lazy: git, for the tree's files only)
    changed = fixed_lines(findings, added_only=True)
    if not changed:
        return 0
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True,
                         text=True, cwd=cwd).stdout.strip()
    if not top:
        raise CannotFix("not inside a git work tree")
    by_file = {}
    for ln, new, n in changed.values():
        by_file.setdefault(ln.hunk.file.path, []).append((ln, new, n))
    count = 0
    for path, edits in by_file.items():
        full = os.path.join(top, path)
        try:
            with open(full, "rb") as f:
                raw = f.read().split(b"\n")
        except OSError:
            continue
        touched = False
        for ln, new, n in edits:
            k = (ln.new_no or 0) - 1
            if not 0 <= k < len(raw):
                continue
            cr = raw[k].endswith(b"\r")
            body = raw[k][:-1] if cr else raw[k]
            if body != ln.text.encode("utf-8", "surrogateescape"):
                continue                # the file moved on since: leave it reported
            raw[k] = new.encode("utf-8", "surrogateescape") + (b"\r" if cr else b"")
            touched = True
            count += n
        if touched:
            with open(full, "wb") as f:
                f.write(b"\n".join(raw))
    return count
