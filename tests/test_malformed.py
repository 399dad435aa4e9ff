"""Malformed, mangled and hostile inputs on the command line: a catalogue, one case each.

Every case runs ``python -m patchlint`` the way a user does and pins what the user sees: the
exact exit status and either the exact findings (rule, file, line, message) or the one line
on stderr that names the input and says what is wrong with it.  Never a traceback, never an
"internal error".  Inputs are made while the tests run (the big ones too); nothing here is a
committed fixture.  A last test puts bad inputs between good ones on one command line: a bad
input never hides the findings of the others.
"""

import base64
import json
import quopri
import re
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest
from conftest import make_mail, run_cli

# The rules whose findings these cases are about: new rules elsewhere in the rulebook must not
# change what is pinned here.
SELECT = "--select=patch-corrupt,trailing-whitespace,flags-type"
PATH = "src/util/virfile.c"
# a hunk whose one added line ends in a blank: a finding that shows the patch was read
BODY = [" int", " virFileHelper(void)", " {", "+    return 0; ", " }"]
MAGIC = "From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001\n"


def _ws(line, column, path=PATH):
    return ("trailing-whitespace", path, line, column, "trailing whitespace")


def _corrupt(line, message, path=PATH):
    return ("patch-corrupt", path, line, None, message)


def _findings(stdout):
    return [(f["rule"], f["path"], f["line"], f["column"], f["message"])
            for f in json.loads(stdout)]


def _mail(body=BODY, **kw):
    return make_mail(body, **kw)


def _split(mail):
    """(headers, body) of a mail text, without the blank line between them."""
    head, _, body = mail.partition("\n\n")
    return head, body


def _encoded(mail, cte, payload):
    head, _ = _split(mail)
    return (head + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
            f"Content-Transfer-Encoding: {cte}\n\n" + payload)


def _line_of(data, needle):
    """1-based line number of the first line of ``data`` that contains ``needle``."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if isinstance(needle, str):
        needle = needle.encode("utf-8", "surrogateescape")
    return data[:data.index(needle)].count(b"\n") + 1


# -- the inputs ----------------------------------------------------------------------------

def truncated():
    mail = _mail([" int", " virFileHelper(void)", " {", "+    return 0; ", "+    x;", " }"])
    return mail[:mail.index("+    x;")]


def counts_too_large():
    return _mail().replace("@@ -10,4 +10,5 @@", "@@ -10,6 +10,8 @@")


def counts_too_small():
    return _mail().replace("@@ -10,4 +10,5 @@", "@@ -10,2 +10,3 @@")


def two_hunks(first_header):
    """A file with two hunks; the first one's header is ``first_header``."""
    return (f"diff --git a/{PATH} b/{PATH}\n--- a/{PATH}\n+++ b/{PATH}\n"
            f"{first_header}\n int a;\n+int b; \n int c;\n"
            "@@ -20,2 +21,3 @@\n int d;\n+int e; \n int f;\n")


def wrapped_by_mailer():
    return (f"diff --git a/{PATH} b/{PATH}\n--- a/{PATH}\n+++ b/{PATH}\n"
            "@@ -10,3 +10,4 @@\n int x;\n+    ret = virFileHelperWithAVeryLongName(a, b,\n"
            "c, d);\n int y;\n int z;\n"
            "@@ -20,2 +21,3 @@\n int d;\n+int e; \n int f;\n")


def not_utf8_path():
    body = [" int", "+    char *s = \"caf\udce9\"; ", " }"]
    return _mail(body, path="src/caf\udce9.c").encode("utf-8", "surrogateescape")


def not_utf8_content():
    body = [" int", "+    char *s = \"\udcff\udcfe\"; ", " }"]
    return _mail(body).encode("utf-8", "surrogateescape")


def nul_in_content():
    return _mail([" int", "+    char s[] = \"a\x00b\"; ", " }"]).encode()


def quoted_printable():
    long = "+    /* " + "a comment long enough to be soft-broken " * 3 + "*/ "
    mail = _mail([" int", long, " }"])
    _, body = _split(mail)
    qp = quopri.encodestring(body.encode()).decode()
    assert "=\n" in qp and "=20\n" in qp        # soft breaks, and the blank at the end
    return _encoded(mail, "quoted-printable", qp)


def base64_garbage_inside():
    mail = _mail()
    lines = base64.encodebytes(_split(mail)[1].encode()).decode().splitlines()
    lines[3] = lines[3][:10] + "*&^%" + lines[3][10:]
    return _encoded(mail, "base64", "\n".join(lines) + "\n")


def base64_cut_short():
    mail = _mail()
    body = _split(mail)[1]
    cut = body.index("+    return 0;")           # the hunk stops before its added line
    return _encoded(mail, "base64", base64.encodebytes(body[:cut].encode()).decode())


def base64_junk():
    return _encoded(_mail(), "base64", "@@@ this is not base64 ###\n!!!\n")


def nested_multipart():
    mail = _mail()
    _, body = _split(mail)
    message, _, diff = body.partition("---\n")
    outer = MIMEMultipart("mixed")
    outer["From"] = "Jane Developer <jane@example.org>"
    outer["Subject"] = "[PATCH] util: Add a helper"
    outer["Date"] = "Thu, 1 Jan 2026 12:00:00 +0000"
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText(message, "plain"))
    alternative.attach(MIMEText("<p>an <b>HTML</b> copy</p>", "html"))
    inner = MIMEMultipart("mixed")
    inner.attach(alternative)
    attachment = MIMEText(diff, "x-patch")
    attachment.add_header("Content-Disposition", "attachment", filename="0001-helper.patch")
    inner.attach(attachment)
    outer.attach(inner)
    return outer.as_string()


GIT_MAIL_HEAD = (MAGIC + "From: Jane Developer <jane@example.org>\n"
                 "Date: Thu, 1 Jan 2026 12:00:00 +0000\nSubject: [PATCH] test: Files\n\n"
                 "Explain why.\n\nSigned-off-by: Jane Developer <jane@example.org>\n---\n")
GIT_MAIL_TAIL = "-- \n2.39.5\n\n"


def rename_and_mode_change():
    return (GIT_MAIL_HEAD
            + "diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n"
            + "diff --git a/src/old.c b/src/new.c\nsimilarity index 100%\n"
              "rename from src/old.c\nrename to src/new.c\n" + GIT_MAIL_TAIL)


def dev_null_sides():
    return (GIT_MAIL_HEAD
            + "diff --git a/src/fresh.c b/src/fresh.c\nnew file mode 100644\n"
              "index 0000000..a0e274b\n--- /dev/null\n+++ b/src/fresh.c\n@@ -0,0 +1 @@\n"
              "+int fresh; \n"
            + "diff --git a/src/gone.c b/src/gone.c\ndeleted file mode 100644\n"
              "index 286c5f5..0000000\n--- a/src/gone.c\n+++ /dev/null\n@@ -1 +0,0 @@\n"
              "-int gone; \n" + GIT_MAIL_TAIL)


def binary_patch():
    return (GIT_MAIL_HEAD
            + "diff --git a/bin.dat b/bin.dat\nnew file mode 100644\n"
              "index 0000000000000000000000000000000000000000..8352675d67aed6625ece79af41c27f"
              "db4ee2e867\nGIT binary patch\nliteral 3\nKcmZQzWC8#H2LJ>B\n\nliteral 0\n"
              "HcmV?d00001\n\n"
            + "diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\n"
              "Binary files a/logo.png and b/logo.png differ\n"
            + "diff --git a/src/a.c b/src/a.c\nindex dc904e7..dc35b32 100644\n--- a/src/a.c\n"
              "+++ b/src/a.c\n@@ -1,2 +1,2 @@\n-int a;\n+int a; \n int b;\n" + GIT_MAIL_TAIL)


def spaces_and_quotes():
    q = '"a/docs/with space \\"q\\".txt"', '"b/docs/with space \\"q\\".txt"'
    return (GIT_MAIL_HEAD + f"diff --git {q[0]} {q[1]}\nindex ce01362..f1a0574 100644\n"
            f"--- {q[0]}\t\n+++ {q[1]}\t\n@@ -1 +1,2 @@\n hello\n+world \n" + GIT_MAIL_TAIL)


HUGE = "9" * 5000           # more digits than Python's int() takes from a string


def huge_numbers():
    """Thousands of digits where numbers go: the subject's numbering, the diffstat, an enum
    value, a copyright year, and the next hunk's header."""
    mail = _mail([" typedef enum {", f"+    VIR_FOO_FLAG_X = {HUGE},", "+    /* Copyright "
                  f"2001-{HUGE} */ ", " } virFooFlags;"], subject=f"[PATCH {HUGE}/{HUGE}] x")
    mail = mail.replace(" 1 file changed", f" 1 file changed, {HUGE} insertions(+)")
    return mail.replace("-- \n2.39.5", f"@@ -{HUGE},2 +1,2 @@\n a\n+b \n-- \n2.39.5")


def cover_letter_for_a_huge_series():
    cover = (MAGIC + "From: Jane Developer <jane@example.org>\n"
             "Date: Thu, 1 Jan 2026 12:00:00 +0000\nSubject: [PATCH 0/999999999] Many\n\n"
             "A series that says it is huge.\n\n-- \n2.39.5\n\n")
    return cover + _mail(subject="[PATCH 1/999999999] util: One")


def mbox_from_line_in_message():
    first = _mail(subject="[PATCH 1/2] util: First", message=(
        "From the start this line begins with From.\n" + MAGIC + "and the text goes on."))
    second = _mail(subject="[PATCH 2/2] util: Second", path="src/util/virfile.h")
    return first + second


# (id, input: str or bytes, expected exit status, expected findings or stderr pattern)
# A stderr pattern is a regex for the single stderr line; {name} is the input's name.
CASES = [
    ("empty-file", b"", 2, "patchlint: {name}: empty input: no patch to check"),
    ("blank-space-only", b"\n  \n\t\n", 2,
     "patchlint: {name}: input holds only blank space: no patch to check"),
    ("not-a-patch", "Hello,\n\njust a letter, no patch here.\n", 2,
     "patchlint: {name}:1: not a patch: no diff, no patch mail and no quoted patch found"),
    ("mail-without-diff",
     MAGIC + "From: Jane <jane@example.org>\nSubject: [PATCH] util: Fix it\n"
     "Date: Thu, 1 Jan 2026 12:00:00 +0000\n\nThe diff was forgotten.\n", 2,
     "patchlint: {name}:2: no patch here: no message has a diff"),
    ("truncated-hunk", truncated(), 1, [
        _corrupt(13, "hunk ends early: 1 old and 2 new line(s) missing (truncated, or its "
                     "header counts are wrong)"),
        _ws(13, 14)]),
    ("hunk-counts-too-large", counts_too_large(), 1, [
        _ws(13, 14),
        _corrupt(14, "hunk ends early: 2 old and 3 new line(s) missing (truncated, or its "
                     "header counts are wrong)")]),
    ("hunk-counts-too-small", counts_too_small(), 1, [
        _corrupt(12, "hunk has more lines than its header says"),      # said once
        _ws(13, 14)]),
    ("hunk-header-garbage", two_hunks("@@ -ten,3 +10,four @@"), 1, [
        ("patch-corrupt", PATH, None, None,
         "malformed hunk header '@@ -ten,3 +10,four @@'"),
        _ws(22, 7)]),                             # the next hunk is still read
    ("hunk-header-without-lines", two_hunks("@@ -1,3 +1,3 @@").replace(
        " int a;\n+int b; \n int c;\n", ""), 1, [
        _corrupt(1, "hunk ends early: 3 old and 3 new line(s) missing (truncated, or its "
                    "header counts are wrong)"),      # at the line the hunk starts at
        _ws(22, 7)]),
    ("file-header-without-hunk", _mail()[:_mail().index("@@ -10,4")], 1, [
        ("patch-corrupt", PATH, None, None, "no hunk follows this file's header: the patch "
                                            "is cut short (truncated?)")]),
    ("no-newline-marker-in-german", two_hunks("@@ -1,2 +1,3 @@").replace(
        " int c;\n", " int c;\n\\ Kein Zeilenumbruch am Dateiende.\n", 1), 1, [
        _ws(2, 7), _ws(22, 7)]),
    ("line-wrapped-by-mailer", wrapped_by_mailer(), 1, [
        _corrupt(11, "patch seems corrupt: a line was wrapped (by a mailer?)"),
        _ws(22, 7)]),
    ("not-utf8-in-path", not_utf8_path(), 1, [_ws(11, 22, path="src/caf\ufffd.c")]),
    ("not-utf8-in-content", not_utf8_content(), 1, [_ws(11, 20)]),
    ("nul-byte", nul_in_content(), 1, [_ws(11, 22)]),
    ("nul-bytes-no-diff", b"\x00\x01\x02\x03 some binary blob\xff\xfe", 2,
     "patchlint: {name}: binary data, not a patch"),
    ("cr-only-line-ends", _mail().replace("\n", "\r"), 2,
     r"patchlint: {name}: lines end in a carriage return alone \(old Mac line ends\): "
     "convert them to newlines first"),
    ("quoted-printable-soft-breaks", quoted_printable(), 1, [_ws(11, 130)]),
    ("base64-garbage-inside", base64_garbage_inside(), 1, [_ws(13, 14)]),
    ("base64-cut-short", base64_cut_short(), 1, [
        _corrupt(12, "hunk ends early: 1 old and 2 new line(s) missing (truncated, or its "
                     "header counts are wrong)")]),
    ("base64-junk", base64_junk(), 2, "patchlint: {name}:2: no patch here: no message has "
                                      "a diff"),
    ("nested-multipart", nested_multipart(), 1, [_ws(13, 14)]),
    ("rename-and-mode-change-no-hunk", rename_and_mode_change(), 0, []),
    ("dev-null-sides", dev_null_sides(), 1, [_ws(1, 11, path="src/fresh.c")]),
    ("binary-patch", binary_patch(), 1, [_ws(1, 7, path="src/a.c")]),
    ("spaces-and-quotes-in-file-name", spaces_and_quotes(), 1,
     [_ws(2, 6, path='docs/with space "q".txt')]),
    ("huge-numbers", huge_numbers(), 1, [
        _ws(12, len(f"    /* Copyright 2001-{HUGE} */") + 1),
        _corrupt(13, f"malformed hunk header '@@ -{HUGE[:36]}'")]),
    ("cover-letter-for-a-huge-series", cover_letter_for_a_huge_series(), 1, [_ws(13, 14)]),
    ("mbox-from-line-in-message", mbox_from_line_in_message(), 1, [
        _ws(13, 14), _ws(13, 14, path="src/util/virfile.h")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_catalogue(tmp_path, case):
    ident, data, status, expected = case
    name = f"{ident}.patch"
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogateescape")
    (tmp_path / name).write_bytes(raw)
    r = run_cli("--isolated", "--no-tree", "--format=json", SELECT, name, cwd=tmp_path)
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert r.returncode == status, (r.returncode, r.stderr)
    if isinstance(expected, str):
        lines = r.stderr.splitlines()
        assert len(lines) == 1, r.stderr
        assert re.fullmatch(expected.format(name=re.escape(name)), lines[0]), lines[0]
        assert json.loads(r.stdout) == []
    else:
        assert r.stderr == ""
        assert _findings(r.stdout) == expected


def test_input_lines_point_into_the_encoded_mail(tmp_path):
    """Findings in a quoted-printable, base64 or multipart mail name the line the user sees."""
    for ident, data, needle in [
            ("qp", quoted_printable(), "+    /* a comment long"),
            ("nested", nested_multipart(), "+    return 0; "),
            ("multiline-from", mbox_from_line_in_message(), "+    return 0; ")]:
        (tmp_path / ident).write_bytes(data.encode())
        r = run_cli("--isolated", "--no-tree", "--format=json", SELECT, ident, cwd=tmp_path)
        found = json.loads(r.stdout)
        assert found and found[0]["input_line"] == _line_of(data, needle), ident
        assert [f["patch"] for f in found] == list(range(1, len(found) + 1))


def test_not_utf8_path_is_escaped_on_the_terminal(tmp_path):
    (tmp_path / "latin1.patch").write_bytes(not_utf8_path())
    r = run_cli("--isolated", "--no-tree", "--format=concise", SELECT, "latin1.patch",
                cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.splitlines()[0] == \
        "src/caf\\xe9.c:11:22: error: trailing whitespace [trailing-whitespace]"


def test_binary_files_are_counted_as_not_checked(tmp_path):
    (tmp_path / "bin.patch").write_text(binary_patch())
    r = run_cli("--isolated", "--no-tree", "--format=full", SELECT, "bin.patch", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.splitlines()[-1] == ("1 error, 0 warnings, 0 notes in 1 patch; 1 fixable "
                                         "with --fix; 2 binary files not checked.")


# -- big inputs: made here (how long they take is bench/'s to measure, not the tests') -----

def _big_cli(tmp_path, name, data, *args):
    (tmp_path / name).write_bytes(data)
    return run_cli("--isolated", "--no-tree", *args, name, cwd=tmp_path)


@pytest.mark.slow
def test_ten_megabyte_line_in_a_patch(tmp_path):
    big = "x" * (10 * 1024 * 1024)
    data = _mail([" int", "+    /* " + big + " */ ", " }"]).encode()
    r = _big_cli(tmp_path, "big.patch", data, "--format=json")
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    assert r.returncode == 1
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(r.stdout)]
    assert ("trailing-whitespace", 11, len("    /* ") + len(big) + len(" */") + 1) in found


@pytest.mark.slow
def test_ten_megabyte_line_that_is_no_patch(tmp_path):
    r = _big_cli(tmp_path, "line.txt", b"(" * (10 * 1024 * 1024), "--format=json")
    assert r.returncode == 2
    assert r.stderr == ("patchlint: line.txt:1: not a patch: no diff, no patch mail and no "
                        "quoted patch found\n")


@pytest.mark.slow
def test_hundred_thousand_hunks(tmp_path):
    parts = [f"diff --git a/{PATH} b/{PATH}\nindex 1111111..2222222 100644\n"
             f"--- a/{PATH}\n+++ b/{PATH}\n"]
    for k in range(100_000):
        tail = " " if k % 1000 == 999 else ""      # every 1000th hunk adds a finding
        parts.append(f"@@ -{1 + 10 * k},2 +{1 + 11 * k},3 @@\n int x{k};\n"
                     f"+int y{k};{tail}\n int z{k};\n")
    r = _big_cli(tmp_path, "hunks.diff", "".join(parts).encode(), "--format=json",
                         SELECT)
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    assert r.returncode == 1
    found = _findings(r.stdout)
    assert len(found) == 100
    assert found[0] == _ws(1 + 11 * 999 + 1, len("int y999;") + 1)
    assert found[-1] == _ws(1 + 11 * 99_999 + 1, len("int y99999;") + 1)


# -- one bad input never hides the others --------------------------------------------------

def test_bad_inputs_between_good_ones(tmp_path):
    inputs = [
        ("good-1.patch", _mail(), None),
        ("empty.patch", b"", ": empty input: no patch to check"),
        ("good-2.patch", two_hunks("@@ -ten,3 +10,four @@"), None),
        ("letter.txt", "Just a letter.\n", ":1: not a patch: no diff, no patch mail and no "
                                           "quoted patch found"),
        ("missing.patch", None, ": cannot read: No such file or directory"),
        ("good-3.patch", nested_multipart(), None),
        ("mac.patch", _mail().replace("\n", "\r"), ": lines end in a carriage return alone "
                                                   "(old Mac line ends): convert them to "
                                                   "newlines first"),
        ("blob.bin", b"\x00\x01\x02binary\xff", ": binary data, not a patch"),
        ("good-4.patch", counts_too_small(), None),
    ]
    for name, data, _ in inputs:
        if data is not None:
            (tmp_path / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    names = [name for name, _, _ in inputs]
    r = run_cli("--isolated", "--no-tree", "--format=json", SELECT, *names, cwd=tmp_path)
    assert r.returncode == 2
    want = [f"patchlint: {name}{why}" for name, _, why in inputs if why]
    assert r.stderr.splitlines() == want
    found = [(f["input"], f["rule"], f["line"]) for f in json.loads(r.stdout)]
    assert found == [
        ("good-1.patch", "trailing-whitespace", 13),
        ("good-2.patch", "patch-corrupt", None),
        ("good-2.patch", "trailing-whitespace", 22),
        ("good-3.patch", "trailing-whitespace", 13),
        ("good-4.patch", "patch-corrupt", 12),
        ("good-4.patch", "trailing-whitespace", 13),
    ]
