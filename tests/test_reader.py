"""Reading inputs into the patch model: patch mails, mboxes, MIME, plain diffs, review replies.

Every fixture is made while the tests run: a scratch git repository with a few libvirt-style
files gives real ``git format-patch`` / ``git diff`` output, the ``email`` package re-wraps it
in the MIME variants mailers send, and ``diff -u`` style text is written as ``diff`` writes it.
Model details are checked through :func:`patchlint.reader.read_input`; what a user sees on the
command line (exit status, the stderr line, findings) through ``python -m patchlint``.
"""

import base64
import datetime
import json
import os
import quopri
import re
import subprocess
import sys
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from patchlint.reader import InputError, decoded_mail, read_input

ROOT = Path(__file__).resolve().parents[1]
AUTHOR = "Jöhn Doe <jd@example.com>"



# -- fixtures: a scratch repository ---------------------------------------------------------

VIRFOO = ("/*\n * virfoo.c: foo helpers\n *\n * Copyright (C) 2026 Red Hat, Inc.\n */\n\n"
          "#include <config.h>\n\nint\nvirFoo(void)\n{\n"
          + "".join(f"    x{i} = {i};\n" for i in range(1, 41))
          + "    return 0;\n}\n")
LONG_COMMENT = ("/* two: a comment long enough that a quoted-printable encoder has to "
                "soft-break it */")


def _git(cwd, *args, date="2026-01-15T10:00:00+01:00"):
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
               GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, LC_ALL="C")
    return subprocess.run(["git", "-c", "user.name=Jöhn Doe", "-c", "user.email=jd@example.com",
                           "-c", "init.defaultBranch=master", *args], cwd=cwd, env=env,
                          check=True, capture_output=True).stdout


class Repo:
    """Paths and texts of the generated patches."""


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    d = tmp_path_factory.mktemp("repo")
    _git(d, "init", "-q")
    (d / "src/util").mkdir(parents=True)
    (d / "scripts").mkdir()
    (d / "docs").mkdir()
    (d / "src/util/virfoo.c").write_text(VIRFOO)
    (d / "src/util/old.c").write_text("".join(f"int old{i};\n" for i in range(20)))
    (d / "src/gone.c").write_text("int gone;\nint gone2;\n")
    (d / "data.bin").write_bytes(b"\x00\x01\x02binary\x00")
    (d / "scripts/run.sh").write_text("#!/bin/sh\necho hi\n")
    (d / "docs/with space.txt").write_text("hello\nworld\n")
    (d / "src/crlf.c").write_bytes(b"int a;\r\nint b;\r\n")
    (d / "src/new.c").write_text("int\nnewFunc(void)\n{\n    return 1;\n}\n")
    _git(d, "add", "-A")
    _git(d, "commit", "-q", "-m", "initial")

    # commit 1 of the series: every kind of file change
    (d / "src/util/virfoo.c").write_text(
        VIRFOO.replace("    x3 = 3;\n", "    x3 = 33;\n")
        .replace("    x35 = 35;\n", "    x35 = 35;\n    x35b = 350;\n"))
    (d / "src/util/old.c").write_text(
        (d / "src/util/old.c").read_text().replace("int old10;\n", "int old10changed;\n"))
    _git(d, "mv", "src/util/old.c", "src/util/renamed.c")
    _git(d, "rm", "-q", "src/gone.c")
    (d / "data.bin").write_bytes(b"\x00\x01\x03binary\x00\xff")
    (d / "scripts/run.sh").chmod(0o755)
    (d / "docs/with space.txt").write_text("hello\nthere\n")
    (d / "src/café.c").write_text("int cafe;\n")
    (d / "src/added.c").write_text("int\naddedFunc(void)\n{\n    return 2;\n}\n")
    (d / "src/crlf.c").write_bytes(b"int a;\r\nint b;\r\nint c;\r\n")
    _git(d, "add", "-A")
    _git(d, "commit", "-q", "-m", "util: Add virFooBar and more\n\n"
         "This changes several files at once.\n\nSigned-off-by: " + AUTHOR)

    # commit 2: a "From " line in the message, trailing blanks and a long line in the code
    with open(d / "src/new.c", "a") as f:
        f.write(LONG_COMMENT + "\nint two; \n")
    _git(d, "commit", "-q", "-am", "new: Add two\n\nFrom the docs we learn something.\n"
         ">From quoted already.\n\nSigned-off-by: " + AUTHOR)

    # commit 3
    with open(d / "src/new.c", "a") as f:
        f.write("int three;\n")
    _git(d, "commit", "-q", "-am", "new: Add three\n\nSigned-off-by: " + AUTHOR)

    r = Repo()
    r.dir = d
    out = d.parent / (d.name + "-out")
    _git(d, "format-patch", "-q", "--thread", "-1", "HEAD~2", "-o", str(out))
    r.single_path = next(out.glob("0001-*.patch"))
    r.single = r.single_path.read_bytes()
    r.two = _git(d, "format-patch", "--stdout", "-1", "HEAD~1")
    r.series = _git(d, "format-patch", "--stdout", "--thread", "--cover-letter", "-3")
    r.series_rd = _git(d, "format-patch", "--stdout", "--cover-letter", "--pretty=mboxrd", "-3")
    r.diff_two = _git(d, "diff", "HEAD~2", "HEAD~1")
    return r


def lines_of(data: bytes):
    return data.split(b"\n")


def src_of(data: bytes, line: bytes, start=0) -> int:
    """1-based input line number of the first line equal to ``line`` (after ``start``)."""
    return lines_of(data).index(line, start) + 1


def by_path(patch):
    return {f.path: f for f in patch.files}


def added(patch, path):
    return [ln for ln in by_path(patch)[path].lines() if ln.kind == "+"]


def run_cli(*args, stdin=None, cwd=None):
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "patchlint", *args], input=stdin,
                          capture_output=True, cwd=cwd or ROOT, env=env)


# -- one format-patch mail ------------------------------------------------------------------

def test_single_mail_headers_message_and_trailers(repo):
    res = read_input("x.patch", repo.single)
    assert res.messages == 1
    [p] = res.patches
    assert p.kind == "email" and p.index == 1
    assert p.subject == "[PATCH] util: Add virFooBar and more"
    assert p.subject_info.title == "util: Add virFooBar and more"
    assert p.author == AUTHOR                 # RFC 2047 encoded in the mail, decoded here
    assert p.date == datetime.datetime(2026, 1, 15, 10, 0,
                                       tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    assert re.fullmatch(r"<[0-9a-f]{40}\.\d+\.git\.jd@example\.com>", p.message_id)
    assert p.message == ("This changes several files at once.\n\n"
                         "Signed-off-by: " + AUTHOR)
    sob_line = src_of(repo.single, ("Signed-off-by: " + AUTHOR).encode())
    assert p.trailers == [("Signed-off-by", AUTHOR, sob_line)]
    assert p.message_src_no == src_of(repo.single, b"This changes several files at once.")
    assert p.diffstat == {"files": 9, "insertions": 11, "deletions": 5}
    assert "rename src/util/{old.c => renamed.c}" in p.notes


def test_single_mail_files_and_their_kinds(repo):
    [p] = read_input("x.patch", repo.single).patches
    files = by_path(p)
    assert sorted(files) == sorted(["data.bin", "docs/with space.txt", "scripts/run.sh",
                                    "src/café.c", "src/crlf.c", "src/gone.c", "src/added.c",
                                    "src/util/renamed.c", "src/util/virfoo.c"])
    assert files["data.bin"].is_binary and files["data.bin"].hunks == []
    mode = files["scripts/run.sh"]
    assert (mode.old_mode, mode.new_mode) == ("100644", "100755") and mode.hunks == []
    assert not (mode.is_new or mode.is_deleted or mode.is_rename or mode.is_binary)
    ren = files["src/util/renamed.c"]
    assert ren.is_rename and (ren.old_path, ren.new_path) == ("src/util/old.c",
                                                              "src/util/renamed.c")
    new = files["src/added.c"]                # "--- /dev/null"
    assert new.is_new and not new.is_deleted and new.old_mode is None
    assert [(ln.new_no, ln.old_no) for ln in new.lines()] == [(n, None) for n in range(1, 6)]
    gone = files["src/gone.c"]                # "+++ /dev/null"
    assert gone.is_deleted and not gone.is_new and gone.path == "src/gone.c"
    assert [(ln.kind, ln.text, ln.old_no, ln.new_no) for ln in gone.lines()] == [
        ("-", "int gone;", 1, None), ("-", "int gone2;", 2, None)]
    assert not files["src/util/virfoo.c"].is_rename


def test_single_mail_quoted_and_spaced_file_names(repo):
    # git quotes the non-ASCII name ("src/caf\303\251.c") by default, and ends a "---" line
    # of a name with spaces with a TAB: both come out as the real name
    assert b'"b/src/caf\\303\\251.c"' in repo.single
    [p] = read_input("x.patch", repo.single).patches
    cafe = by_path(p)["src/café.c"]
    assert cafe.is_new and [ln.text for ln in cafe.lines()] == ["int cafe;"]
    spaced = by_path(p)["docs/with space.txt"]
    assert [(ln.kind, ln.text) for ln in spaced.lines()] == [
        (" ", "hello"), ("-", "world"), ("+", "there")]


def test_single_mail_hunk_and_line_numbers(repo):
    [p] = read_input("x.patch", repo.single).patches
    f = by_path(p)["src/util/virfoo.c"]
    assert [(h.old_start, h.old_len, h.new_start, h.new_len, h.section) for h in f.hunks] == [
        (11, 7, 11, 7, "virFoo(void)"), (44, 6, 44, 7, "virFoo(void)")]
    first, second = f.hunks
    assert first.src_no == src_of(repo.single, b"@@ -11,7 +11,7 @@ virFoo(void)")
    rem = [ln for ln in first.lines if ln.kind == "-"]
    add = [ln for ln in first.lines if ln.kind == "+"]
    assert [(ln.text, ln.old_no, ln.new_no) for ln in rem] == [("    x3 = 3;", 14, None)]
    assert [(ln.text, ln.old_no, ln.new_no) for ln in add] == [("    x3 = 33;", None, 14)]
    assert add[0].number == 14 and rem[0].number == 14
    ins = [ln for ln in second.lines if ln.kind == "+"]
    assert [(ln.text, ln.new_no) for ln in ins] == [("    x35b = 350;", 47)]
    after = second.lines[second.lines.index(ins[0]) + 1]
    assert (after.kind, after.text, after.old_no, after.new_no) == (" ", "    x36 = 36;", 47, 48)
    # every line knows the input line it came from
    assert ins[0].src_no == src_of(repo.single, b"+    x35b = 350;")
    assert after.src_no == ins[0].src_no + 1
    ren = by_path(p)["src/util/renamed.c"]
    assert [(ln.kind, ln.text, ln.old_no, ln.new_no) for ln in ren.lines()
            if ln.kind != " "] == [("-", "int old10;", 11, None),
                                   ("+", "int old10changed;", None, 11)]


def test_single_mail_file_content_crlf_is_kept(repo):
    [p] = read_input("x.patch", repo.single).patches
    crlf = by_path(p)["src/crlf.c"]
    assert [(ln.kind, ln.text, ln.eol) for ln in crlf.lines()] == [
        (" ", "int a;", "\r\n"), (" ", "int b;", "\r\n"), ("+", "int c;", "\r\n")]
    assert all(ln.eol == "\n" for ln in by_path(p)["src/added.c"].lines())


# -- an mbox series -------------------------------------------------------------------------

def test_series_split_with_cover_letter_counted(repo):
    res = read_input("series.mbox", repo.series)
    assert res.messages == 4
    assert [(p.index, p.kind) for p in res.patches] == [
        (1, "cover"), (2, "email"), (3, "email"), (4, "email")]
    assert [p.subject for p in res.patches] == [
        "[PATCH 0/3] *** SUBJECT HERE ***", "[PATCH 1/3] util: Add virFooBar and more",
        "[PATCH 2/3] new: Add two", "[PATCH 3/3] new: Add three"]
    cover = res.patches[0]
    assert cover.files == [] and cover.message.startswith("*** BLURB HERE ***")
    # git writes the cover letter's From: with raw UTF-8, not RFC 2047
    assert cover.author == AUTHOR
    assert [len(p.files) for p in res.patches[1:]] == [9, 1, 1]
    assert all(p.message_id and p.message_id.endswith("@example.com>") for p in res.patches)
    # each message starts where its separator says
    seps = [k + 1 for k, ln in enumerate(lines_of(repo.series))
            if re.match(rb"^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$", ln)]
    assert len(seps) == 4
    assert [p.src_no for p in res.patches] == [s + 1 for s in seps]
    # line numbers run on through the whole mbox
    three = res.patches[3]
    [ln] = added(three, "src/new.c")
    assert ln.text == "int three;" and ln.new_no == 8
    assert ln.src_no == src_of(repo.series, b"+int three;")


def test_series_unescaped_from_line_in_message_does_not_split(repo):
    assert b"\nFrom the docs we learn something.\n" in repo.series
    res = read_input("series.mbox", repo.series)
    two = res.patches[2]
    # git's default output does not escape: a ">From" line there is the author's own text
    assert two.message == ("From the docs we learn something.\n>From quoted already.\n\n"
                           "Signed-off-by: " + AUTHOR)
    assert [ln.text for ln in added(two, "src/new.c")] == [LONG_COMMENT, "int two; "]


def test_series_mboxrd_is_unescaped(repo):
    assert b"\n>From the docs we learn something.\n>>From quoted already.\n" in repo.series_rd
    res = read_input("series.mbox", repo.series_rd)
    assert [p.kind for p in res.patches] == ["cover", "email", "email", "email"]
    assert res.patches[2].message.startswith(
        "From the docs we learn something.\n>From quoted already.\n")


def test_ordinary_mbox_from_lines_split_messages(repo):
    # the same series re-filed as a mail client would: "From addr date" separators, and
    # mboxo escaping of the "From " line in the body
    msgs = re.split(rb"(?m)^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\n", repo.series)[1:]
    data = b""
    for k, m in enumerate(msgs):
        m = re.sub(rb"(?m)^From the docs", b">From the docs", m)
        data += f"From jd@example.com  Thu Jan {15 + k} 10:00:0{k} 2026\n".encode() + m
    res = read_input("archive.mbox", data)
    assert [(p.index, p.kind) for p in res.patches] == [
        (1, "cover"), (2, "email"), (3, "email"), (4, "email")]
    assert res.patches[2].message.startswith("From the docs we learn something.\n")
    assert res.patches[3].subject == "[PATCH 3/3] new: Add three"


def test_series_cli_counts_cover_letter_in_patch_index(repo, tmp_path):
    mbox = tmp_path / "series.mbox"
    mbox.write_bytes(repo.series)
    r = run_cli("--format=json", "--select", "trailing-whitespace", str(mbox))
    assert r.returncode == 1, r.stderr
    found = json.loads(r.stdout)
    assert [(f["patch"], f["path"], f["line"], f["subject"]) for f in found] == [
        (3, "src/new.c", 7, "[PATCH 2/3] new: Add two")]
    assert found[0]["input_line"] == src_of(repo.series, b"+int two; ")


# -- MIME -----------------------------------------------------------------------------------

def remail(mail: bytes, cte: str, charset="utf-8", body=None) -> bytes:
    """The same mail with its body sent in another transfer encoding (and charset)."""
    head, _, text = mail.partition(b"\n\n")
    head = b"\n".join(h for h in head.split(b"\n")
                      if not h.lower().startswith((b"content-type:", b"content-transfer")))
    raw = body if body is not None else text
    if cte == "quoted-printable":
        # quopri takes CR LF for a line end; a mailer sends the CR of a CRLF file as "=0D"
        raw = quopri.encodestring(raw.replace(b"\r", b"\0")).replace(b"=00", b"=0D")
    elif cte == "base64":
        raw = base64.encodebytes(raw)
    return (head + f"\nContent-Type: text/plain; charset={charset}\n"
            f"Content-Transfer-Encoding: {cte}\n\n".encode() + raw)


def test_quoted_printable_soft_breaks_and_trailing_space(repo):
    mail = remail(repo.two, "quoted-printable")
    raw = lines_of(mail)
    assert b"+int two;=20" in raw                           # the trailing blank, encoded
    assert any(ln.endswith(b"=") and ln.startswith(b"+/* two:") for ln in raw)  # soft break
    [p] = read_input("qp.eml", mail).patches
    comment, two = added(p, "src/new.c")
    assert comment.text == LONG_COMMENT                       # soft break undone
    assert two.text == "int two; " and two.eol == "\n"        # "=20" is a real blank
    # input lines are the lines of the encoded mail, counted through the soft break
    assert comment.src_no == src_of(mail, raw[[k for k, ln in enumerate(raw)
                                               if ln.startswith(b"+/* two:")][0]])
    assert two.src_no == src_of(mail, b"+int two;=20")
    assert p.trailers[0][2] == src_of(mail, b"Signed-off-by: J=C3=B6hn Doe <jd@example.com>")


def test_quoted_printable_trailing_space_reported_at_encoded_line(repo, tmp_path):
    mail = remail(repo.two, "quoted-printable")
    f = tmp_path / "qp.eml"
    f.write_bytes(mail)
    r = run_cli("--format=json", "--select", "trailing-whitespace", str(f))
    found = json.loads(r.stdout)
    assert [(x["path"], x["line"], x["column"], x["input_line"]) for x in found] == [
        ("src/new.c", 7, 9, src_of(mail, b"+int two;=20"))]


def test_quoted_printable_keeps_file_crlf(repo):
    mail = remail(repo.single, "quoted-printable")
    assert b"+int c;=0D" in mail
    [p] = read_input("qp.eml", mail).patches
    assert [(ln.text, ln.eol) for ln in by_path(p)["src/crlf.c"].lines()] == [
        ("int a;", "\r\n"), ("int b;", "\r\n"), ("int c;", "\r\n")]
    assert by_path(p)["src/util/virfoo.c"].hunks[1].lines[3].src_no == \
        src_of(mail, b"+    x35b =3D 350;")


def test_base64_body(repo):
    mail = remail(repo.two, "base64")
    assert b"int two" not in mail
    [p] = read_input("b64.eml", mail).patches
    assert p.author == AUTHOR and p.subject == "[PATCH] new: Add two"
    assert [ln.text for ln in added(p, "src/new.c")] == [LONG_COMMENT, "int two; "]
    assert p.trailers and p.trailers[0][0] == "Signed-off-by"
    # a line's input line is the base64 line its first bytes were sent on
    raw = lines_of(mail)
    for ln in added(p, "src/new.c"):
        pair = base64.b64decode(raw[ln.src_no - 1]) + base64.b64decode(raw[ln.src_no] or b"")
        assert ("+" + ln.text).encode()[:20] in pair


def test_8bit_body(repo):
    mail = remail(repo.two, "8bit")
    [p] = read_input("8bit.eml", mail).patches
    assert [ln.text for ln in added(p, "src/new.c")] == [LONG_COMMENT, "int two; "]
    assert p.trailers == [("Signed-off-by", AUTHOR, src_of(mail, ("Signed-off-by: " + AUTHOR)
                                                            .encode()))]


def test_latin1_body_is_decoded_with_its_charset(repo):
    head, _, text = repo.two.partition(b"\n\n")
    text = text.decode().replace("int two; ", "int two; /* café */")
    mail = remail(repo.two, "8bit", charset="iso-8859-1", body=text.encode("latin-1"))
    assert b"caf\xe9" in mail
    [p] = read_input("latin1.eml", mail).patches
    assert added(p, "src/new.c")[1].text == "int two; /* café */"
    assert p.trailers[0][1] == AUTHOR                      # "ö" in latin-1, too


def test_crlf_transport_is_not_file_content(repo):
    mail = repo.single.replace(b"\n", b"\r\n")
    [p] = read_input("crlf.eml", mail).patches
    assert p.subject == "[PATCH] util: Add virFooBar and more"
    assert p.trailers[0][:2] == ("Signed-off-by", AUTHOR)
    files = by_path(p)
    assert len(files) == 9
    assert all(ln.eol == "\n" and not ln.text.endswith("\r")
               for ln in files["src/util/virfoo.c"].lines())
    assert [(ln.text, ln.eol) for ln in files["src/crlf.c"].lines()] == [
        ("int a;", "\r\n"), ("int b;", "\r\n"), ("int c;", "\r\n")]
    x35b = added(p, "src/util/virfoo.c")[1]
    assert (x35b.text, x35b.new_no) == ("    x35b = 350;", 47)
    assert x35b.src_no == src_of(mail, b"+    x35b = 350;\r")


def _multipart(repo, subtype, *, nested=False, cte_ascii=True):
    outer = MIMEMultipart("mixed")
    outer["From"] = "Jane Developer <jane@example.org>"
    outer["Subject"] = "[PATCH] new: Add two"
    outer["Date"] = "Thu, 15 Jan 2026 10:00:00 +0100"
    outer["Message-ID"] = "<attached@example.org>"
    inline = MIMEText("Adds the second one.\n\nSigned-off-by: Jane Developer "
                      "<jane@example.org>\n", "plain", "us-ascii")
    patch = MIMEText(repo.diff_two.decode(), subtype, "us-ascii" if cte_ascii else "utf-8")
    patch.add_header("Content-Disposition", "attachment", filename="0001-two.patch")
    if nested:
        alt = MIMEMultipart("alternative")
        alt.attach(inline)
        alt.attach(MIMEText("<p>Adds the <b>second</b> one.</p>", "html", "us-ascii"))
        outer.attach(alt)
        inner = MIMEMultipart("mixed")
        inner.attach(patch)
        outer.attach(inner)
    else:
        outer.attach(inline)
        outer.attach(patch)
    return outer.as_bytes()


@pytest.mark.parametrize("subtype", ["x-patch", "x-diff"])
def test_patch_attached_next_to_inline_text(repo, subtype):
    mail = _multipart(repo, subtype)
    assert f"Content-Type: text/{subtype}".encode() in mail
    [p] = read_input("att.eml", mail).patches
    assert p.kind == "email" and p.author == "Jane Developer <jane@example.org>"
    assert p.message == "Adds the second one.\n\nSigned-off-by: Jane Developer <jane@example.org>"
    assert p.trailers == [("Signed-off-by", "Jane Developer <jane@example.org>",
                           src_of(mail, b"Signed-off-by: Jane Developer <jane@example.org>"))]
    comment, two = added(p, "src/new.c")
    assert (two.text, two.new_no) == ("int two; ", 7)
    assert two.src_no == src_of(mail, b"+int two; ")
    hunk = by_path(p)["src/new.c"].hunks[0]
    assert hunk.src_no == src_of(mail, b"@@ -3,3 +3,5 @@ newFunc(void)")


def test_nested_multipart_ignores_html(repo):
    mail = _multipart(repo, "x-diff", nested=True)
    [p] = read_input("nested.eml", mail).patches
    assert p.message == "Adds the second one.\n\nSigned-off-by: Jane Developer <jane@example.org>"
    [f] = p.files
    assert f.path == "src/new.c" and [ln.new_no for ln in f.added_lines()] == [6, 7]
    assert f.hunks[0].lines[-1].src_no == src_of(mail, b"+int two; ")


def test_base64_attachment_line_numbers(repo):
    mail = _multipart(repo, "x-patch", cte_ascii=False)
    assert b"Content-Transfer-Encoding: base64" in mail and b"int two" not in mail
    [p] = read_input("att64.eml", mail).patches
    raw = lines_of(mail)
    for ln in added(p, "src/new.c"):
        pair = base64.b64decode(raw[ln.src_no - 1]) + base64.b64decode(raw[ln.src_no] or b"")
        assert ("+" + ln.text).encode()[:20] in pair


def test_attached_format_patch_file_brings_its_trailers_not_its_headers(repo):
    outer = MIMEMultipart("mixed")
    outer["From"] = "Jane Developer <jane@example.org>"
    outer["Subject"] = "[PATCH] new: Add two"
    outer.attach(MIMEText("Please apply.\n", "plain", "us-ascii"))
    outer.attach(MIMEText(repo.two.decode(), "x-patch", "utf-8"))
    [p] = read_input("fp.eml", outer.as_bytes()).patches
    assert p.message.startswith("Please apply.\n")
    assert "Subject:" not in p.message and "Mon Sep 17" not in p.message
    assert ("Signed-off-by", AUTHOR) in [t[:2] for t in p.trailers]
    assert [ln.text for ln in added(p, "src/new.c")] == [LONG_COMMENT, "int two; "]


# -- plain diffs ----------------------------------------------------------------------------

def test_plain_git_diff(repo):
    [p] = read_input("two.diff", repo.diff_two).patches
    assert p.kind == "diff" and p.subject is None and p.author is None
    [f] = p.files
    assert f.path == "src/new.c"
    assert [(ln.kind, ln.text, ln.old_no, ln.new_no, ln.src_no) for ln in f.lines()] == [
        (" ", "{", 3, 3, 6), (" ", "    return 1;", 4, 4, 7), (" ", "}", 5, 5, 8),
        ("+", LONG_COMMENT, None, 6, 9), ("+", "int two; ", None, 7, 10)]


def test_plain_diff_u_paths_are_stripped(tmp_path):
    for d in ("old", "new"):
        (tmp_path / d).mkdir()
    (tmp_path / "old/x.c").write_text("int a;\nint b;\nint c;\n")
    (tmp_path / "new/x.c").write_text("int a;\nint bb;\nint c;\n")
    (tmp_path / "x.c.orig").write_text("int a;\nint b;\nint c;\n")
    (tmp_path / "x.c").write_text("int a;\nint bb;\nint c;\n")

    def diff(*args):
        return subprocess.run(["diff", *args], cwd=tmp_path, capture_output=True).stdout
    for data in (diff("-u", "old/x.c", "new/x.c"), diff("-ru", "old", "new"),
                 diff("-u", "x.c.orig", "x.c")):
        assert data.startswith((b"--- ", b"diff -ru"))
        [p] = read_input("x.diff", data).patches
        [f] = p.files
        assert f.path == "x.c" and not f.is_rename and not f.is_new
        assert [(ln.kind, ln.text, ln.number) for ln in f.lines() if ln.kind != " "] == [
            ("-", "int b;", 2), ("+", "int bb;", 2)]


@pytest.mark.parametrize("args", [["-"], []])
def test_plain_diff_from_stdin_through_cli(repo, args):
    r = run_cli("--format=concise", "--select", "trailing-whitespace", *args,
                stdin=repo.diff_two)
    assert r.returncode == 1, r.stderr
    assert r.stderr == b""
    assert r.stdout.decode().splitlines()[0] == \
        "src/new.c:7:9: error: trailing whitespace [trailing-whitespace]"
    j = run_cli("--format=json", "--select", "trailing-whitespace", *args, stdin=repo.diff_two)
    [f] = json.loads(j.stdout)
    assert (f["input"], f["patch"], f["input_line"]) == ("-", 1, 10)


# -- a review reply quoting the patch (samples/review-reply.txt) ----------------------------

@pytest.fixture(scope="module")
def reply():
    """The maintainer's reply sample: the patch quoted with "> " (trimmed with "[...]",
    comments interleaved) and a fix-up diff with git's i/ w/ prefixes, wrapped by the mailer."""
    return (ROOT / "samples" / "review-reply.txt").read_bytes()


MONITOR_C = "src/qemu/qemu_monitor.c"
MONITOR_H = "src/qemu/qemu_monitor.h"


def test_review_reply_quoted_patch_paths_and_numbers(reply):
    res = read_input("reply.txt", reply)
    assert res.messages == 1
    assert [(p.kind, p.index) for p in res.patches] == [("quoted", 1), ("diff", 1)]
    q = res.patches[0]
    # from "On Mon, Oct 13, 2025 at 09:41:07 +0200, Yusuf Demir wrote:"
    assert q.author == "Yusuf Demir"
    assert q.message.startswith("When a block job still holds a reference to a node,")
    assert q.trailers == [("Signed-off-by", "Yusuf Demir <ydemir@example.org>", 25)]
    assert [(f.path, f.old_path, f.src_no) for f in q.files] == [
        (MONITOR_C, MONITOR_C, 28), (MONITOR_H, MONITOR_H, 105)]
    assert q.problems == []                      # a trimmed hunk is not corruption
    raw = lines_of(reply)
    at = {ln.src_no: ln for f in q.files for ln in f.lines()}
    # every numbered line is the quoted text of its own input line
    for no, ln in at.items():
        assert raw[no - 1] == ("> " + ln.kind + ln.text).encode()
    c, h = by_path(q)[MONITOR_C], by_path(q)[MONITOR_H]
    [ch], [hh] = c.hunks, h.hunks
    assert (ch.old_start, ch.new_start, ch.section, ch.src_no) == (
        107, 107, "qemuMonitorBlockdevDel(qemuMonitor *mon,", 32)
    assert (hh.old_start, hh.new_start, hh.section, hh.src_no) == (
        46, 46, "int qemuMonitorSystemPowerdown(qemuMonitor *mon);", 109)
    # numbers come from the quoted "@@" header and run on across the reviewer's comments
    # (input lines 43-45, 59-62, 65-67 and 84-86), which are not diff lines themselves
    assert [ln.src_no for ln in c.lines()] == (list(range(33, 43)) + list(range(46, 59))
                                               + [63, 64] + list(range(68, 84))
                                               + list(range(87, 95)))
    assert [ln.new_no for ln in c.lines()] == list(range(107, 156))
    assert [(ln.kind, ln.old_no, ln.new_no) for ln in c.lines()][:4] == [
        (" ", 107, 107), (" ", 108, 108), (" ", 109, 109), ("+", None, 110)]
    assert (at[42].kind, at[42].text, at[42].new_no) == (
        "+", " * @flags: bitwise or of qemuMonitorBlockdevWaitFlags", 116)
    assert (at[46].text, at[46].new_no) == (" * @timeout: how long to wait, in milliseconds",
                                            117)
    assert (at[57].text, at[57].new_no) == ("                            int flags,", 128)
    assert (at[63].text, at[63].new_no) == ("{", 130)
    assert (at[83].text, at[83].new_no) == ("        if (waited >= timeout && ", 147)
    assert (at[87].new_no, at[94].text, at[94].new_no) == (
        148, "        nanosleep(&ts, NULL);", 155)
    assert [ln.src_no for ln in h.lines()] == list(range(110, 122))
    assert [(ln.kind, ln.old_no, ln.new_no) for ln in h.lines()][2:4] == [
        (" ", 48, 48), ("+", None, 49)]
    assert (at[120].kind, at[120].text, at[120].new_no, at[120].file.path) == (
        "+", "                                int flags,", 56, MONITOR_H)
    # the .c hunk says +107,52 but the reviewer cut it after line 155 ("[...]" at input
    # line 103): it is marked trimmed; the .h hunk is quoted whole
    assert raw[102] == b"[...]"
    assert ch.trimmed and not hh.trimmed
    # the unquoted lines ("[...]" after the "> ---", comments) belong to no file
    assert not {27, 44, 85, 96, 103, 123} & set(at)


# A reply of our own for what the sample does not show: a reviewer who cut a file's header
# down to a bare "> +++ b/path" after a comment, a "> [...]" inside a hunk with quoted lines
# after it, and a fix-up diff whose "@@" line the mailer wrapped.
INLINE_REPLY = "".join(ln + "\n" for ln in [
    "On Tue, Oct 14, 2025 at 10:00:00 +0200, Jane Developer wrote:",
    "> diff --git a/src/util/virfoo.c b/src/util/virfoo.c",
    "> index 1111111..2222222 100644",
    "> --- a/src/util/virfoo.c",
    "> +++ b/src/util/virfoo.c",
    "> @@ -10,6 +10,6 @@ virFoo(void)",
    ">  {",
    "> -    int x = 1;",
    "> +    int x = 2;",
    "",
    "Why 2?",
    "",
    "> +++ b/src/util/virbar.c",
    "> @@ -20,4 +20,6 @@ virBar(void)",
    ">  {",
    "> +    int a = 1; ",
    "> +    int b = 2;",
    "> [...]",
    "> +    int c = 3; ",
    ">  }",
    "",
    "I'd squash in:",
    "",
    "diff --git i/src/util/virbar.c w/src/util/virbar.c",
    "--- i/src/util/virbar.c",
    "+++ w/src/util/virbar.c",
    "@@ -20,3 +20,3 @@ virBar(void)",
    " {",
    "-    int a = 1; ",
    "+    int a = 1;",
    "     int b = 2;",
    "@@ -40,3 +40,3 @@ virBarWithALongName(virConnectPtr conn, const char *name,",
    "unsigned int flags)",
    " {",
    "-    int q = 1;",
    "+    int q = 2;",
    " }",
    "",
    "-- ",
    "Martin",
]).encode()


def test_review_reply_bare_plus_line_after_comment_starts_a_file():
    data = INLINE_REPLY
    q, fix = read_input("reply.txt", data).patches
    assert (q.kind, q.author, fix.kind) == ("quoted", "Jane Developer", "diff")
    raw = lines_of(data)
    bare = src_of(data, b"> +++ b/src/util/virbar.c")
    assert not raw[bare - 2].startswith(b">") and raw[bare - 3] == b"Why 2?"
    assert [f.path for f in q.files] == ["src/util/virfoo.c", "src/util/virbar.c"]
    foo, bar = q.files
    assert bar.src_no == bare and bar.old_path == "src/util/virbar.c"
    assert not bar.is_new and not bar.is_rename
    # the quoted "+" line before the comment stays in virfoo.c, whose hunk was cut short
    assert [(ln.kind, ln.text, ln.old_no, ln.new_no, ln.src_no) for ln in foo.lines()] == [
        (" ", "{", 10, 10, src_of(data, b">  {")),
        ("-", "    int x = 1;", 11, None, src_of(data, b"> -    int x = 1;")),
        ("+", "    int x = 2;", None, 11, src_of(data, b"> +    int x = 2;"))]
    assert foo.hunks[0].trimmed
    assert q.problems == []


def test_review_reply_lines_after_a_gap_in_a_hunk_are_not_numbered(tmp_path):
    data = INLINE_REPLY
    q = read_input("reply.txt", data).patches[0]
    bar = by_path(q)["src/util/virbar.c"]
    [hunk] = bar.hunks
    assert hunk.trimmed
    # "> [...]": the rest of the hunk is unknown, so "+    int c = 3; " and " }" get no number
    assert [(ln.kind, ln.text, ln.new_no, ln.src_no) for ln in hunk.lines] == [
        (" ", "{", 20, src_of(data, b">  {", src_of(data, b"> +++ b/src/util/virbar.c"))),
        ("+", "    int a = 1; ", 21, src_of(data, b"> +    int a = 1; ")),
        ("+", "    int b = 2;", 22, src_of(data, b"> +    int b = 2;"))]
    assert src_of(data, b"> +    int c = 3; ") not in {ln.src_no for ln in bar.lines()}
    # ... and are not linted: only the trailing blank before the gap is reported
    f = tmp_path / "reply.txt"
    f.write_bytes(data)
    r = run_cli("--format=json", "--select", "trailing-whitespace", str(f))
    assert r.returncode == 1 and r.stderr == b""
    assert [(x["path"], x["line"], x["input_line"]) for x in json.loads(r.stdout)] == [
        ("src/util/virbar.c", 21, src_of(data, b"> +    int a = 1; "))]


def test_review_reply_unquoted_gap_marker_also_cuts_the_hunk():
    # reviewers write "[...]" unquoted as often as quoted
    data = INLINE_REPLY.replace(b"> [...]\n", b"\n[...]\n\n")
    assert b"\n[...]\n" in data
    q = read_input("reply.txt", data).patches[0]
    [hunk] = by_path(q)["src/util/virbar.c"].hunks
    assert hunk.trimmed
    assert [ln.new_no for ln in hunk.lines] == [20, 21, 22]


def test_review_reply_wrapped_hunk_header_belongs_to_its_own_hunk():
    data = INLINE_REPLY
    fix = read_input("reply.txt", data).patches[1]
    [bar] = fix.files
    assert bar.path == "src/util/virbar.c" and not bar.is_rename     # i/ w/ prefixes
    [pr] = fix.problems
    assert "wrapped" in pr.message and pr.src_no == src_of(data, b"unsigned int flags)")
    assert pr.line is None and pr.file is bar and pr.number == 40
    first, second = bar.hunks
    assert second.section == ("virBarWithALongName(virConnectPtr conn, const char *name, "
                              "unsigned int flags)")
    assert second.src_no == pr.src_no - 1
    # the previous hunk did not get the continuation as a line
    assert [ln.text for ln in first.lines] == ["{", "    int a = 1; ", "    int a = 1;",
                                               "    int b = 2;"]
    assert [(ln.kind, ln.old_no, ln.new_no, ln.src_no) for ln in second.lines] == [
        (" ", 40, 40, pr.src_no + 1), ("-", 41, None, pr.src_no + 2),
        ("+", None, 41, pr.src_no + 3), (" ", 42, 42, pr.src_no + 4)]


def test_review_reply_wrapped_fixup_diff_problems_at_input_lines(reply):
    res = read_input("reply.txt", reply)
    q, fix = res.patches
    assert fix.kind == "diff" and fix.author == "Martin Hrubes <mhrubes@example.org>"
    # "diff --git i/src/... w/src/...": the mnemonic prefixes name the same paths
    assert [(f.path, f.old_path, f.src_no, f.is_rename) for f in fix.files] == [
        (MONITOR_C, MONITOR_C, 128, False), (MONITOR_H, MONITOR_H, 177, False)]
    wrapped = [pr for pr in fix.problems if "wrapped" in pr.message]
    assert [pr.src_no for pr in wrapped] == [155, 165, 167]
    assert len(fix.problems) == len(wrapped)
    raw = lines_of(reply)
    for pr in wrapped:
        # the continuation is not a diff line, and the damage lands on what it continues
        assert raw[pr.src_no - 1][:1] not in (b" ", b"+", b"-", b"@")
        assert pr.file.path == MONITOR_C
        assert pr.line.src_no == pr.src_no - 1
        assert pr.line.text == raw[pr.src_no - 2][1:].decode() + " " + \
            raw[pr.src_no - 1].decode()
    drv = by_path(fix)[MONITOR_C]
    assert [(h.old_start, h.old_len, h.new_start, h.new_len, h.src_no, h.trimmed)
            for h in drv.hunks] == [(113, 8, 113, 8, 132, False), (125, 10, 125, 9, 142, False),
                                    (144, 15, 143, 15, 156, False)]
    # the wrapped last line of a hunk: the VIR_DEBUG context line that ends "@@ -125,10 +125,9"
    last = {pr.src_no: pr for pr in wrapped}[155]
    assert last.line is drv.hunks[1].lines[-1]
    assert (last.line.kind, last.line.old_no, last.line.new_no) == (" ", 134, 133)
    assert last.line.text == ('    VIR_DEBUG("nodename=%s flags=0x%x timeout=%u", nodename, '
                              'flags, timeout);')
    # repaired lines keep their numbers, and the lines after them theirs
    assert [(ln.kind, ln.text.strip(), ln.old_no, ln.new_no, ln.src_no)
            for ln in drv.hunks[2].lines if ln.kind != " "] == [
        ("-", "if (waited >= timeout &&", 147, None, 160),
        ("+", "if (waited >= timeout &&", None, 146, 161),
        ("-", "_(\"block node '%1$s' still present after %2$u ms\"),", 150, None, 164),
        ("+", "_(\"block node '%1$s' still in use after %2$u ms; is a block job holding it?\"),",
         None, 149, 166),
        ("-", "nanosleep(&ts, NULL);", 155, None, 172),
        ("+", "g_usleep(20 * 1000);", None, 154, 173)]
    after = drv.hunks[2].lines[drv.hunks[2].lines.index(
        {pr.src_no: pr for pr in wrapped}[167].line) + 1]
    assert (after.text.strip(), after.old_no, after.new_no, after.src_no) == (
        "nodename, waited);", 151, 150, 168)
    # the fix-up's pre-image is the quoted patch's post-image, line for line
    quoted = {ln.new_no: ln for ln in by_path(q)[MONITOR_C].lines()}
    for ln in drv.lines():
        if ln.kind == "-":
            assert quoted[ln.old_no].text == ln.text
    # the rest of the fix-up is still read
    hdr = by_path(fix)[MONITOR_H]
    assert [(ln.kind, ln.text.strip(), ln.old_no, ln.new_no, ln.src_no)
            for ln in hdr.lines() if ln.kind != " "] == [
        ("-", "int flags,", 56, None, 185), ("-", "unsigned int timeout);", 57, None, 186),
        ("+", "unsigned int timeout,", None, 56, 187), ("+", "unsigned int flags);", None, 57, 188)]


def test_review_reply_cli(reply, tmp_path):
    f = tmp_path / "reply.txt"
    f.write_bytes(reply)
    r = run_cli("--format=json", str(f))
    assert r.returncode == 1 and r.stderr == b""
    found = json.loads(r.stdout)
    assert {x["patch"] for x in found} == {1}
    assert {x["subject"] for x in found} == {"Re: [PATCH] qemu: Add qemuMonitorBlockdevWaitGone"}
    assert [(x["rule"], x["path"], x["line"], x["side"], x["input_line"]) for x in found] == [
        ("bitwise-or-wording", MONITOR_C, 116, "new", 42),
        ("flags-type", MONITOR_C, 128, "new", 57),
        ("flags-last", MONITOR_C, 128, "new", 57),
        ("trailing-whitespace", MONITOR_C, 147, "new", 83),
        ("prefer-usleep", MONITOR_C, 155, "new", 94),
        ("flags-type", MONITOR_H, 56, "new", 120),
        ("flags-last", MONITOR_H, 56, "new", 120),
        # the fix-up's wrapped lines, at the input line each damaged diff line starts on
        ("patch-corrupt", MONITOR_C, 133, "new", 154),
        ("patch-corrupt", MONITOR_C, 149, "new", 166),
        ("patch-corrupt", MONITOR_C, 150, "old", 164)]
    r = run_cli("--format=json", "--select", "trailing-whitespace", str(f))
    assert r.returncode == 1 and r.stderr == b""
    assert [(x["path"], x["line"], x["column"], x["input_line"])
            for x in json.loads(r.stdout)] == [(MONITOR_C, 147, 33, 83)]


# -- damage ---------------------------------------------------------------------------------

def test_wrapped_line_in_mail_is_reported_and_rest_still_read(repo):
    mail = repo.single.replace(b"+int old10changed;\n",
                               b"+int old10changed; /* a long comment that\nwraps */\n")
    [p] = read_input("w.patch", mail).patches
    [pr] = p.problems
    assert "wrapped" in pr.message
    assert pr.src_no == src_of(mail, b"wraps */")
    assert pr.file.path == "src/util/renamed.c"
    assert pr.line.text == "int old10changed; /* a long comment that wraps */"
    assert pr.line.new_no == 11
    files = by_path(p)
    ren = files["src/util/renamed.c"]
    assert [ln.new_no for ln in ren.lines() if ln.kind != "-"] == list(range(8, 15))
    assert len(files) == 9
    x35b = added(p, "src/util/virfoo.c")[1]
    assert x35b.new_no == 47 and x35b.src_no == src_of(mail, b"+    x35b = 350;")


def test_truncated_mail(repo):
    raw = lines_of(repo.single)
    cut = raw.index(b"+    x35b = 350;") + 2
    mail = b"\n".join(raw[:cut]) + b"\n"
    [p] = read_input("t.patch", mail).patches
    [pr] = p.problems
    assert "ends early" in pr.message and "2 old and 2 new" in pr.message
    assert pr.src_no == cut and pr.line.file.path == "src/util/virfoo.c"
    assert [ln.new_no for ln in by_path(p)["src/util/virfoo.c"].hunks[1].lines] == [
        44, 45, 46, 47, 48]


def test_hunk_count_too_large_before_signature_or_next_file(repo):
    big = repo.single.replace(b"@@ -44,6 +44,7 @@", b"@@ -44,6 +44,9 @@")
    [p] = read_input("big.patch", big).patches
    [pr] = p.problems                            # the "-- " signature is not a removed line
    assert "ends early" in pr.message
    assert pr.src_no == src_of(big, b"     x38 = 38;") and pr.file.path == "src/util/virfoo.c"
    assert not any(ln.text.startswith("- ") for ln in by_path(p)["src/util/virfoo.c"].lines())
    big = repo.single.replace(b"@@ -1,2 +0,0 @@", b"@@ -1,4 +0,0 @@")
    [p] = read_input("big.patch", big).patches
    [pr] = p.problems
    assert "ends early" in pr.message
    assert pr.file.path == "src/gone.c" and pr.src_no == src_of(big, b"-int gone2;")
    assert len(by_path(p)["src/added.c"].hunks[0].lines) == 5


def test_hunk_count_too_small(repo):
    small = repo.single.replace(b"@@ -8,7 +8,7 @@ int old6;", b"@@ -8,5 +8,5 @@ int old6;")
    [p] = read_input("s.patch", small).patches
    [pr] = p.problems
    assert "more lines than its header" in pr.message
    assert pr.src_no == src_of(small, b" int old12;")
    # the extra lines are still read, with their numbers
    assert [ln.new_no for ln in by_path(p)["src/util/renamed.c"].lines()
            if ln.kind != "-"] == list(range(8, 15))


@pytest.mark.parametrize("bad", [b"@@ -8,x +8,7 @@ int old6;", b"@@ garbage @@", b"@@"])
def test_malformed_hunk_header(repo, bad):
    mail = repo.single.replace(b"@@ -8,7 +8,7 @@ int old6;", bad)
    [p] = read_input("g.patch", mail).patches
    [pr] = p.problems
    assert "malformed hunk header" in pr.message
    assert pr.src_no == src_of(mail, bad) and pr.file.path == "src/util/renamed.c"
    files = by_path(p)
    assert files["src/util/renamed.c"].hunks == []
    assert len(files) == 9 and len(files["src/util/virfoo.c"].hunks) == 2


@pytest.mark.parametrize("sample", sorted(p.name for p in (ROOT / "samples").iterdir()
                                           if p.suffix in (".patch", ".mbox", ".txt")))
def test_every_line_of_a_sample_is_its_source_line(sample):
    data = (ROOT / "samples" / sample).read_bytes()
    if b"Content-Transfer-Encoding: quoted-printable" in data:
        data = decoded_mail(data)           # numbered by the encoded lines, compared decoded
    assert_lines_are_their_source(data, read_input(sample, data).patches)


def test_line_source_property_can_fail(repo):
    [p] = read_input("two.patch", repo.two).patches
    ln = next(by_path(p)["src/new.c"].lines())
    ln.src_no += 1
    with pytest.raises(AssertionError):
        assert_lines_are_their_source(repo.two, [p])


@pytest.mark.slow
def test_damaged_input_never_raises(repo, reply):
    # every truncation, and every line replaced by something hostile: a model or InputError
    hostile = [b"garbage", b"@@ -1,x +1 @@", b"@@ -5 +5,2 @@", b"", b"+", b"-- ", b"--- a/x",
               b"+++ b/x", b"diff --git a/x b/x", b"\\ No newline at end of file",
               b"GIT binary patch", b"> +++ b/x", b'diff --git "a/\\q" "b/\\3"']
    # the reply whole, as a mail, and its body alone, as plain text with a quoted patch
    for data in (repo.two, reply, reply.split(b"\n\n", 1)[1], INLINE_REPLY):
        raw = lines_of(data)
        for k in range(len(raw)):
            variants = [b"\n".join(raw[:k])] + [b"\n".join(raw[:k] + [h] + raw[k + 1:])
                                                for h in hostile]
            for v in variants:
                try:
                    res = read_input("fuzz", v)
                except InputError:
                    continue
                assert_lines_are_their_source(v, res.patches)


def assert_lines_are_their_source(data: bytes, patches):
    """Every model line's ``src_no`` is the input line that holds its text: that line (less
    one quoting level in a quoted patch, less a CR) is the line's prefix and text (an empty
    line: an empty context line), or, for a line a mailer wrapped and the reader joined back,
    the start of them."""
    raw = [r.decode("utf-8", "surrogateescape") for r in lines_of(data)]
    for p in patches:
        for f in p.files:
            for ln in f.lines():
                src = raw[ln.src_no - 1]
                if p.kind == "quoted":
                    assert src.startswith(">"), (ln, src)
                    src = src[2:] if src.startswith("> ") else src[1:]
                src = src[:-1] if src.endswith("\r") else src
                shown = (ln.kind if src else "") + ln.text
                assert shown.startswith(src) and (src or ln.kind == " "), (ln, src)
                assert len(shown) == len(src) or any(
                    "wrapped" in pr.message and pr.line is ln for pr in p.problems), (ln, src)


# -- unusable input -------------------------------------------------------------------------

@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"\n  \n\t\n", "blank"),
    (b"Hello,\n\nthis is just a letter, no patch in it.\n", "not a patch"),
    (b"From: Jane <jane@example.org>\nSubject: Re: the meeting\n"
     b"Date: Thu, 15 Jan 2026 10:00:00 +0100\n\nSee you there.\n", "no patch"),
])
def test_unusable_input_raises_input_error(data, words):
    with pytest.raises(InputError) as e:
        read_input("x", data)
    assert words in e.value.message


def test_cover_letter_alone_is_not_an_error():
    mail = (b"From: Jane <jane@example.org>\nSubject: [PATCH 0/2] util: Two helpers\n\n"
            b"This series adds two helpers.\n")
    [p] = read_input("cover.eml", mail).patches
    assert p.kind == "cover" and p.subject_info.total == 2 and p.files == []


def test_cli_unusable_input_reports_one_line_and_checks_the_rest(repo, tmp_path):
    (tmp_path / "empty.patch").write_bytes(b"")
    (tmp_path / "letter.txt").write_bytes(b"Just a letter.\n")
    (tmp_path / "two.patch").write_bytes(repo.two)
    for bad in ("empty.patch", "letter.txt"):
        r = run_cli("--format=concise", "--select", "trailing-whitespace", bad, "two.patch",
                    cwd=tmp_path)
        assert r.returncode == 2
        err = r.stderr.decode().splitlines()
        assert len(err) == 1 and bad in err[0] and "Traceback" not in r.stderr.decode()
        assert err[0].startswith(f"patchlint: {bad}")
        assert "src/new.c:7:9: error: trailing whitespace [trailing-whitespace]" in \
            r.stdout.decode()
