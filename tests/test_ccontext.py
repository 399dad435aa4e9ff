"""Which columns are code, comment, string or preprocessor: the lexer rules depend on.

patchlint lexes C with a pygments RegexLexer that knows only C's lexical layer; pygments' full
C lexer must agree with it on every column of real C (the samples, and tricky cases below).
"""

import glob
import os

import pytest
from conftest import SAMPLES

from patchlint.ccontext import lex_texts


def reference(texts):
    """The same classification computed with pygments' own, full CLexer."""
    from pygments.lexers.c_cpp import CLexer
    from pygments.token import Comment, String
    src = "\n".join(texts) + "\n"
    kinds = []
    for _, tok, val in CLexer(stripnl=False, ensurenl=False).get_tokens_unprocessed(src):
        if tok in Comment.Preproc or tok in Comment.PreprocFile:
            k = "preproc"
        elif tok in Comment:
            k = "comment"
        elif tok in String:
            k = "string"
        else:
            k = "code"
        kinds.extend([k] * len(val))
    out, pos = [], 0
    for t in texts:
        out.append(kinds[pos:pos + len(t)])
        pos += len(t) + 1
    return out


def mine(texts):
    out = []
    for t, spans in zip(texts, lex_texts(texts, in_comment=False)):
        row = ["code"] * len(t)
        for s, e, k in spans:
            row[s:e] = [k] * (e - s)
        out.append(row)
    return out


def significant(rows, texts):
    """Blanks carry no meaning for a rule: compare the columns that are not blank."""
    return [[k for k, ch in zip(row, t) if not ch.isspace()] for row, t in zip(rows, texts)]


CASES = [
    ['int a = 1; /* comment */ int b;', 'char *s = "a /* not a comment */";'],
    ['/* multi', ' * line with "quotes" and \'q\'', ' */ int after;'],
    ['#include <stdio.h>', '#define FOO(x) \\', '    ((x) + 1) /* trailing */', 'int c;'],
    ['char c = \'"\';', 'const char *e = "esc \\" still string";', '// line comment'],
    ['# if WITH_FOO', '#  define BAR 1', '# endif', 'x = a / b / c;'],
    ['virReportError(VIR_ERR_INTERNAL_ERROR, "%s",', '               _("cancelled"));'],
]


@pytest.mark.parametrize("texts", CASES)
def test_agrees_with_pygments_clexer(texts):
    assert significant(mine(texts), texts) == significant(reference(texts), texts)


C_FILES = sorted(glob.glob(os.path.join(SAMPLES, "*.patch")))


@pytest.mark.parametrize("path", C_FILES, ids=os.path.basename)
def test_agrees_on_every_c_hunk_of_the_samples(path):
    from patchlint.reader import read_input
    res = read_input(path, open(path, "rb").read())
    for p in res.patches:
        for fd in p.files:
            if not fd.is_c:
                continue
            for h in fd.hunks:
                texts = [ln.text for ln in h.new_side()]
                if texts and not texts[0].lstrip().startswith(("*", "/*")):
                    assert significant(mine(texts), texts) == \
                        significant(reference(texts), texts), (fd.path, h)
