"""A patch mail's text around its diff: the commit message and its trailers, the notes after
"---" with git's diffstat, and git's comparison with the previous version of a series.

The commit message runs to the first "---" line before the diff; what follows it up to the
diff is the notes (a changelog between versions, the diffstat).  git format-patch may also put
an interdiff or a range-diff there (or in a cover letter): :func:`split_comparison` takes it
out before anything else reads the message, so the v1 -> v2 comparison is never read as the
patch.
"""

from __future__ import annotations

from .lazyre import lazy_re
from .srclines import src_lines

_TRAILER_RE = lazy_re(r"^([A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]):\s*(.*\S)\s*$")
_DIFFSTAT_RE = lazy_re(
    r"(?<!\d)(\d{1,12}) files? changed(?:, (\d{1,12}) insertions?\(\+\))?"
    r"(?:, (\d{1,12}) deletions?\(-\))?")


def message_parts(lines, end):
    """Commit message text, its first input line, and its trailers, from lines[:end].

    The trailers are the "Key: value" lines of the last paragraph, and any Signed-off-by:
    line wherever it is: ``[(key, value, input line), ...]``.
    """
    first = 0
    while first < end and first < len(lines) and not lines[first].text.strip():
        first += 1
    msg_lines = lines[first:end]
    text = "\n".join(ln.text for ln in msg_lines)
    last_para = set()
    for ln in msg_lines:
        if not ln.text.strip():
            last_para = set()
        else:
            last_para.add(id(ln))
    trailers = []
    for ln in msg_lines:
        m = _TRAILER_RE.match(ln.text.strip())
        if m and (id(ln) in last_para or m.group(1).lower() == "signed-off-by"):
            trailers.append((m.group(1), m.group(2), ln.src_no))
    return text, (msg_lines[0].src_no if msg_lines else None), trailers


def message_parts_from_text(text, first_no=1):
    """(message, first line number, trailers) of a commit message body given as text."""
    return message_parts(src_lines(text, first_no), 10**9)


def diffstat(notes_lines):
    """git's "N files changed, I insertions(+), D deletions(-)" from the notes, or None."""
    for ln in notes_lines:
        m = _DIFFSTAT_RE.search(ln.text)
        if m:
            return {"files": int(m.group(1)), "insertions": int(m.group(2) or 0),
                    "deletions": int(m.group(3) or 0)}
    return None


# -- git's comparison with the previous version -----------------------------------------------

# git format-patch's comparison with the previous version of a series: a heading, then the
# interdiff (a diff) or the range-diff (pairs of commits, each with an indented diff of diffs)
_COMPARISON_RE = lazy_re(r"^(Interdiff|Range-diff)(?: (?:against|relative to) v\d{1,9})?:\s*$")
_RANGE_PAIR_RE = lazy_re(r"^ {0,4}(?:\d{1,9}|-):\s+(?:[0-9a-f]{4,64}|-+) [=!<>] "
                         r"(?:\d{1,9}|-):\s+(?:[0-9a-f]{4,64}|-+)(?: |$)")


def split_comparison(lines):
    """(lines, comparison text): git's "Interdiff against vN:" / "Range-diff against vN:"
    sections taken out of a message.

    In a cover letter they come last, unindented, and run to the signature ("-- ") or the end
    of the mail; after the "---" of a single patch they are indented (the interdiff by two
    spaces, the range-diff's inner diff by four) and end where the diffstat starts.  A heading
    counts only when what follows it looks like its kind: a diff for an interdiff, a pair of
    commits for a range-diff.
    """
    n = len(lines)
    starts = [k for k, ln in enumerate(lines)
              if ln.text[:1] in "IR" and _COMPARISON_RE.match(ln.text)]
    if not starts:
        return lines, ""
    drop = set()
    # the mail's signature is its last "-- " line (an interdiff may remove a line "- ")
    sig = next((j for j in range(n - 1, -1, -1) if lines[j].text in ("-- ", "--")), n)
    for k in starts:
        if k not in drop:
            end = _comparison_end(lines, k, sig)
            if end is not None:
                drop.update(range(k, end))
    if not drop:
        return lines, ""
    text = "\n".join(lines[k].text for k in sorted(drop))
    return [ln for k, ln in enumerate(lines) if k not in drop], text


def _comparison_end(lines, k, sig):
    """Where the comparison whose heading is lines[k] ends (an index past its last line), or
    None when what follows the heading is not a comparison."""
    n = len(lines)
    nxt = next((j for j in range(k + 1, n) if lines[j].text.strip()), None)
    if nxt is None:
        return None
    first = lines[nxt].text
    range_diff = lines[k].text.startswith("Range-diff")
    if range_diff and not _RANGE_PAIR_RE.match(first):
        return None
    if not range_diff and not first.lstrip(" ").startswith(("diff ", "--- ", "@@ ")):
        return None
    after_sep = any(lines[j].text == "---" for j in range(k))
    if first.startswith("  ") or (range_diff and after_sep):
        end = k + 1                                     # indented, in a patch's notes
        while end < n:
            t = lines[end].text
            if t.strip() and not t.startswith("  ") and not _RANGE_PAIR_RE.match(t):
                break                                   # the diffstat, or the diff itself
            end += 1
    else:
        end = sig if sig > k else n                     # the rest of the cover letter
    while end > k + 1 and not lines[end - 1].text.strip():
        end -= 1                                        # the blank line before what follows
    return end
