"""Which columns of a line are code, comment, string literal or preprocessor.

Lexing uses pygments' C lexer over each hunk's post-image side (context and added lines) and,
separately, its pre-image side (context and removed lines), so every line is read with the lines
around it.  A hunk may begin inside a ``/* ... */`` block: the comment state is seeded from the
context (see :func:`_starts_in_comment`).  When the patch belongs to the tree patchlint runs in,
the hunks were widened with the file's context before any lexing (:mod:`patchlint.tree`).
Non-C files are not lexed: every column of theirs is plain text ("code").

Lexing is the most expensive step, so it runs only when a rule asks a line for its context,
and a hunk whose text holds no comment, string or preprocessor character is not lexed at all.

The lexer is a pygments ``RegexLexer`` that knows C's lexical layer only: comments, string and
character literals, preprocessor directives (with their continuation lines), and everything
else as code.  pygments' full ``CLexer`` also tells keywords, types, numbers and function
names apart, which no rule asks for: it costs ~40 ms to build and ~100 µs a line, where this
one builds in about a millisecond and lexes a line in a few µs.  Both give the same
code/comment/string/preprocessor columns (tests/test_ccontext.py compares them).
"""

from __future__ import annotations

import re

from .lazyre import lazy_re

# Kinds of column a C line can hold.
CODE, COMMENT, STRING, PREPROC = "code", "comment", "string", "preproc"

_lexer = None
_SPECIAL = lazy_re(r"[/\"'#*]")


def _get_lexer():
    global _lexer
    if _lexer is None:
        _lexer = _context_lexer()(stripnl=False, stripall=False, ensurenl=False)
    return _lexer


def _context_lexer():
    """The C lexical layer as a pygments RegexLexer (built on first use: imports pygments)."""
    # (lazy: pygments, only when a rule asks a C line for its context)
    from pygments.lexer import RegexLexer  # noqa: PLC0415
    from pygments.token import Comment, String, Text  # noqa: PLC0415

    class CContextLexer(RegexLexer):
        name = "C (comments, literals, preprocessor)"
        flags = re.MULTILINE
        tokens = {
            "root": [
                (r"^[ \t]*#", Comment.Preproc, "macro"),
                # plain code runs on over line ends (fewer tokens to hand back: each costs
                # Python calls), up to a line that starts a directive
                (r"(?:[^/\"'#\n]+|\n(?![ \t]*#))+", Text),
                (r"\n", Text),
                (r"/\*", Comment.Multiline, "comment"),
                (r"//(?:[^\n\\]|\\.|\\\n)*", Comment.Single),
                (r'"', String, "string"),
                (r"'(?:\\.|[^'\\\n])*'?", String.Char),
                (r"[/#]", Text),
            ],
            "comment": [
                (r"[^*]+", Comment.Multiline),
                (r"\*/", Comment.Multiline, "#pop"),
                (r"\*", Comment.Multiline),
            ],
            "string": [
                (r'[^\\"\n]+', String),
                (r'"', String, "#pop"),
                (r"\\(?:.|\n)", String.Escape),
                (r"\n", Text, "#pop"),             # unterminated: the line ends it
            ],
            "macro": [
                # literals first: a "/*" inside a string of a #define opens no comment
                (r'"(?:[^"\\\n]|\\.)*"', Comment.Preproc),
                (r"'(?:[^'\\\n]|\\.)*'", Comment.Preproc),
                (r"[^/\\\n\"']+", Comment.Preproc),
                (r"[\"']", Comment.Preproc),
                (r"\\\n", Comment.Preproc),       # a continuation line
                (r"/\*", Comment.Multiline, "comment"),
                (r"//[^\n]*", Comment.Single),
                (r"[/\\]", Comment.Preproc),
                (r"\n", Text, "#pop"),
            ],
        }

    return CContextLexer


def _kind_of(tok) -> str:
    # pygments token types are tuples: ('Comment', 'Preproc'), ('Literal', 'String', ...)
    if len(tok) >= 1:
        head = tok[0] if len(tok) else None
        if head == "Comment":
            if len(tok) > 1 and tok[1] in ("Preproc", "PreprocFile"):
                return PREPROC
            return COMMENT
        if head == "Literal" and len(tok) > 1 and tok[1] == "String":
            return STRING
    return CODE


def lex_hunk(h, removed=False) -> None:
    """Give every line of hunk ``h``'s post-image side (context and added lines) its spans,
    or, with ``removed``, every removed line."""
    if not h.file.is_c:
        for ln in h.lines:
            if (ln.kind == "-") == removed:
                ln.set_spans([(0, len(ln.text), CODE)])
        return
    if not removed:
        _lex_lines([ln for ln in h.lines if ln.kind != "-"])
        return
    old = [ln for ln in h.lines if ln.kind == "-"]
    if old:
        # removed lines read with the context around them
        _lex_lines([ln for ln in h.lines if ln.kind != "+"], only=set(map(id, old)))


def _starts_in_comment(texts) -> bool:
    """Does this run of lines begin inside a block comment?"""
    for t in texts:
        i_open = t.find("/*")
        i_close = t.find("*/")
        if i_close >= 0 and (i_open < 0 or i_close < i_open):
            return True
        if i_open >= 0:
            return False
    # No delimiter at all: lines that read ' * text' are the middle of a comment block.
    for t in texts:
        s = t.lstrip()
        if not s:
            continue
        return s == "*" or s.startswith("* ") or s.startswith("*\t")
    return False


def _lex_lines(lines, only=None) -> None:
    texts = [ln.text for ln in lines]
    if not any(_SPECIAL.search(t) for t in texts):
        for ln in lines:
            if only is None or id(ln) in only:
                ln.set_spans([(0, len(ln.text), CODE)])
        return
    spans = lex_texts(texts)
    for ln, sp in zip(lines, spans):
        if only is None or id(ln) in only:
            ln.set_spans(sp)


def lex_texts(texts, in_comment=None):
    """Spans for each of ``texts`` lexed as one run of C source."""
    if in_comment is None:
        in_comment = _starts_in_comment(texts)
    prefix = "/*" if in_comment else ""
    src = prefix + "\n".join(texts) + "\n"
    result = [[] for _ in texts]
    # line start offsets in src
    starts = []
    pos = len(prefix)
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    line = 0
    nlines = len(texts)
    kinds = _KINDS
    for off, tok, val in _get_lexer().get_tokens_unprocessed(src):
        kind = kinds.get(tok)
        if kind is None:
            kind = kinds[tok] = _kind_of(tok)
        if kind == CODE:
            continue                    # code is what the gaps are filled with
        end = off + len(val)
        if off < len(prefix):
            off = len(prefix)
            if end <= off:
                continue
        while line + 1 < nlines and starts[line + 1] <= off:
            line += 1
        # a token may run over several lines (a block comment, a macro continuation)
        k = line
        o = off
        while o < end and k < nlines:
            lstart = starts[k]
            lend = lstart + len(texts[k])
            seg_end = min(end, lend)
            if seg_end > o:
                _add(result[k], o - lstart, seg_end - lstart, kind)
            if end > lend + 1 and k + 1 < nlines:
                k += 1
                o = starts[k]
            else:
                break
    for k, t in enumerate(texts):
        result[k] = _fill(result[k], len(t)) if result[k] else [(0, len(t), CODE)]
    return result


_KINDS = {}


def _add(spans, start, end, kind):
    if spans and spans[-1][2] == kind and spans[-1][1] == start:
        spans[-1] = (spans[-1][0], end, kind)
    else:
        spans.append((start, end, kind))


def _fill(spans, length):
    """Make spans cover [0, length) with no gaps (gaps are code)."""
    out = []
    pos = 0
    for s, e, k in spans:
        if s > pos:
            _add(out, pos, s, CODE)
        if e > s:
            _add(out, s, e, k)
        pos = max(pos, e)
    if pos < length or not out:
        _add(out, pos, length, CODE)
    return out
