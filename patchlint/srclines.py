"""Lines of text, each with the input line it was read from.

What the reader hands from one stage to the next is a list of :class:`SrcLine`: a line's text
(without its end), and ``src_no``, the line of the user's input it was sent on, counted through
quoted-printable and base64 so that findings point into the file the user has.  The lines of
a patch quoted in a review reply also carry marks: where the reviewer cut or commented.
"""

from __future__ import annotations

# What a line of a patch quoted in a review reply says about the reviewer's hand in it (set by
# patchlint.quoting, read by the diff scanner), as bits of SrcLine.mark:
QUOTED = 1      # a line of the quoted patch, unquoted: the reviewer may have cut around it
RESUMED = 2     # the quote resumes here, after the reviewer's own words
CUT = 4         # "[...]": the reviewer left lines out here


class SrcLine:
    """A line of text, where it came from, and the marks of a reviewer's quoting (0: none)."""

    __slots__ = ("text", "eol", "src_no", "mark")

    def __init__(self, text, eol, src_no, mark=0):
        self.text = text
        self.eol = eol
        self.src_no = src_no
        self.mark = mark


def decode(data: bytes) -> str:
    """Text of bytes that are not mail: UTF-8, any other byte kept as a surrogate."""
    return data.decode("utf-8", "surrogateescape")


def src_lines(text: str, first_no: int, numbers=None):
    """Split text into SrcLines numbered from first_no, or by ``numbers`` (one per line).

    A text whose every line ends in CR LF loses the CRs; a single CR in a LF text is kept
    (it is the patch's own)."""
    raw = text.split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    crlf = bool(raw) and all(r.endswith("\r") for r in raw if r)
    if crlf:
        raw = [r[:-1] if r.endswith("\r") else r for r in raw]
    if numbers is None:
        return [SrcLine(r, "\n", no) for no, r in enumerate(raw, first_no)]
    out = []
    for k, r in enumerate(raw):
        no = numbers[k] if k < len(numbers) else first_no + k
        out.append(SrcLine(r, "\n", no))
    return out
