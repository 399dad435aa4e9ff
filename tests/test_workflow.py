"""The daily paths a contributor takes, as they take them: send, commit, push, fix, reply.

Each test drives the command line as a user would and pins what they see.  (The send and
pre-commit paths through the real git send-email and pre-commit are in test_hooks.py.)
"""

import json
import os
import subprocess
import sys

import pytest
from conftest import CLEAN, SAMPLES, git, make_mail, run_cli


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_bytes(text.encode() if isinstance(text, str) else text)
    return str(p)


# -- v2 of a series: the cover letter and git's comparison with v1 ----------------------------

def test_a_cover_letter_with_its_interdiff_is_no_patch():
    """The sample is `git format-patch -v2 --cover-letter --interdiff=v1` with the cover letter
    left as git wrote it: the interdiff is no patch (no sign-off wanted, nothing "carries a
    diff", no patch-corrupt), and the unedited template is an error of its own."""
    r = run_cli("--format=json", os.path.join(SAMPLES, "mail-v2-unedited-cover.mbox"))
    assert r.returncode == 1 and r.stderr == ""
    assert [(f["rule"], f["severity"], f["patch"], f["path"], f["message"])
            for f in json.loads(r.stdout)] == [
        ("cover-letter-unedited", "error", 1, None,
         "the cover letter is git's template: write its subject and its text (it still says "
         "*** SUBJECT HERE *** and *** BLURB HERE ***)")]


def test_a_range_diff_in_an_edited_cover_letter_is_clean():
    r = run_cli("--format=json", os.path.join(SAMPLES, "mail-v2-range-diff.mbox"))
    assert (r.returncode, json.loads(r.stdout), r.stderr) == (0, [], "")


def test_the_comparison_is_kept_apart_from_the_patch():
    from patchlint.reader import read_input
    data = open(os.path.join(SAMPLES, "mail-v2-range-diff.mbox"), "rb").read()
    cover, p1, p2 = read_input("x", data).patches
    assert cover.kind == "cover" and cover.files == []
    assert cover.comparison.splitlines()[:2] == [
        "Range-diff against v1:",
        "1:  ecec47c ! 1:  0d68fa7 qemu: blockjob: Add a bounded wait for synchronous jobs"]
    assert "Range-diff" not in cover.message
    assert [p.diffstat for p in (p1, p2)] == [{"files": 2, "insertions": 35, "deletions": 0},
                                             {"files": 1, "insertions": 1, "deletions": 0}]


SINGLE_V2 = """\
From b2b51d4117d25eb058766ca6bda8684280dec8ba Mon Sep 17 00:00:00 2001
From: Jane Dev <jane@example.org>
Date: Sun, 6 Dec 2026 14:05:27 +0000
Subject: [PATCH v2] foo: Take flags

Because we need them.

Signed-off-by: Jane Dev <jane@example.org>
---
Range-diff against v1:
1:  ba93004 ! 1:  b2b51d4 foo: Take flags
    @@ src/virfoo.c
     +virFoo(unsigned int flags)
      {
     +    virCheckFlags(0, -1);
    ++
    -+    int flags;
          return 0;
      }

Interdiff against v1:
  diff --git a/src/virfoo.c b/src/virfoo.c
  index c88a6ca..3b488b1 100644
  --- a/src/virfoo.c
  +++ b/src/virfoo.c
  @@ -2,5 +2,6 @@ int
   virFoo(unsigned int flags)
   {
       virCheckFlags(0, -1);
  +
  -    int flags;
       return 0;
   }

 src/virfoo.c | 4 +++-
 1 file changed, 3 insertions(+), 1 deletion(-)

diff --git a/src/virfoo.c b/src/virfoo.c
index 1aa038a..3b488b1 100644
--- a/src/virfoo.c
+++ b/src/virfoo.c
@@ -1,5 +1,7 @@
 int
-virFoo(void)
+virFoo(unsigned int flags)
 {
+    virCheckFlags(0, -1);
+
     return 0;
 }
--\x20
2.39.5
"""


def test_comparison_after_the_dashes_of_a_single_patch(tmp_path):
    """Both sections after a single patch's '---' are left out; the diffstat and the patch
    are read as usual, and the patch is still judged."""
    from patchlint.reader import read_input
    (p,) = read_input("x", SINGLE_V2.encode()).patches
    assert p.comparison.startswith("Range-diff against v1:\n1:  ba93004 ! 1:  b2b51d4")
    assert p.comparison.splitlines()[-1] == "   }"
    assert "Interdiff against v1:" in p.comparison.splitlines()
    assert p.diffstat == {"files": 1, "insertions": 3, "deletions": 1}
    assert [ln.text for ln in p.files[0].added_lines()] == [
        "virFoo(unsigned int flags)", "    virCheckFlags(0, -1);", ""]
    r = run_cli("--format=json", write(tmp_path, "v2.patch", SINGLE_V2))
    assert (r.returncode, json.loads(r.stdout)) == (0, [])
    bad = SINGLE_V2.replace("+virFoo(unsigned int flags)", "+virFoo(int flags)")
    r = run_cli("--format=concise", "-q", "--select", "flags-type",
                write(tmp_path, "bad.patch", bad))
    assert r.stdout.splitlines() == [
        "src/virfoo.c:2:8: error: `flags` is declared `int`; libvirt passes flags as "
        "`unsigned int` [flags-type]"]


# -- replies ------------------------------------------------------------------------------------

def test_outgoing_passes_a_review_reply_and_says_so(tmp_path):
    reply = run_cli("--format=reply", "--from", "Rev Iewer <rev@example.org>",
                    os.path.join(SAMPLES, "seed-like.patch")).stdout
    path = write(tmp_path, "reply.mbox", reply)
    r = run_cli("--outgoing", path)
    assert (r.returncode, r.stdout, r.stderr) == (
        0, "No findings in 0 patches.\n",
        f"patchlint: {path}: a review reply: the patch it quotes is not judged\n")
    # a patch mail sent in reply to v1 (git send-email --in-reply-to) is still a patch
    patch = make_mail([" {", "+    int flags;", " }"]).replace(
        "Message-Id:", "In-Reply-To: <v1-cover@example.org>\nMessage-Id:")
    r = run_cli("--outgoing", "--format=concise", "-q", write(tmp_path, "v2.patch", patch))
    assert r.returncode == 1 and "[flags-type]" in r.stdout and r.stderr == ""


# -- a closed pipe -----------------------------------------------------------------------------

def test_a_closed_pipe_ends_the_run_quietly(tmp_path):
    """`patchlint a.patch b.patch ... | head -2`: no 'Broken pipe' per input on stderr."""
    sample = os.path.join(SAMPLES, "seed-like.patch")
    names = []
    for k in range(12):
        names.append(write(tmp_path, f"{k}.patch", open(sample, "rb").read()))
    for args in ([], ["-j", "1"], ["--format=concise"], ["--format=json"]):
        proc = subprocess.Popen([sys.executable, "-m", "patchlint", *args, *names],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = proc.stdout.readline()
        proc.stdout.close()                 # what `head -1` does once it has its line
        err = proc.stderr.read().decode()
        proc.wait()
        assert first and err == "", (args, err)
        assert proc.returncode == 1


# -- fixes ------------------------------------------------------------------------------------

FORMATS = ["full", "concise", "json", "sarif", "github", "b4", "b4-review", "reply"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_fix_on_stdin_writes_the_fixed_patch_alone_to_stdout(tmp_path, fmt):
    """In every format: stdout is exactly what --fix writes into a patch file, and the
    report of what is left goes to stderr."""
    data = open(os.path.join(SAMPLES, "seed-like.patch"), "rb").read()
    copy = tmp_path / "copy.patch"
    copy.write_bytes(data)
    run_cli("--fix", str(copy))
    fixed = copy.read_bytes()
    assert fixed != data
    r = subprocess.run([sys.executable, "-m", "patchlint", "--fix", f"--format={fmt}", "-"],
                       input=data, capture_output=True)
    assert r.stdout == fixed
    left = ["split-patch", "flags-last", "continuation-indent", "vircheckflags-dropped",
            "copyright-year", "prefer-usleep", "vircheckflags-missing", "flag-not-accepted"]
    err = r.stderr.decode()
    if fmt == "json":
        assert [f["rule"] for f in json.loads(err)] == left
    elif fmt in ("concise", "b4"):
        assert [ln.rsplit("[", 1)[1].rstrip("]") for ln in err.splitlines()
                if ln.endswith("]")] == left
        assert ("src/qemu/qemu_monitor.c:109:9: warning: use g_usleep() rather than "
                "nanosleep() for a plain sleep [prefer-usleep]" if fmt == "concise" else
                "WARNING: src/qemu/qemu_monitor.c:109: use g_usleep() rather than "
                "nanosleep() for a plain sleep [prefer-usleep]") in err.splitlines()
    if fmt in ("full", "concise", "github"):
        assert err.splitlines()[-1] == (
            "1 error, 5 warnings, 2 notes in 1 patch; fixed 8 findings.")


def test_the_fix_count_counts_fixes_not_lines(tmp_path):
    """One added line with two certain fixes (a TAB in its indentation and a trailing blank)
    is two fixes."""
    patch = make_mail([" {", "+\tint x = 1; ", " }"])
    p = write(tmp_path, "two.patch", patch)
    r = run_cli("--fix", "--format=concise", p)
    assert r.stdout.splitlines()[-1] == "No findings in 1 patch; fixed 2 findings."
    assert "+        int x = 1;\n" in open(p).read()


# -- the command line -------------------------------------------------------------------------

def test_git_says_why_a_range_is_wrong(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "a").write_text("a\n")
    git(tmp_path, "add", "a")
    git(tmp_path, "commit", "-q", "-m", "a")
    r = run_cli("--git", "nosuchref..HEAD", cwd=str(tmp_path))
    assert r.returncode == 2
    assert r.stderr == ("patchlint: nosuchref..HEAD: git rev-list: ambiguous argument "
                        "'nosuchref..HEAD': unknown revision or path not in the working "
                        "tree.\n")


def test_a_syntax_check_name_selects_the_profile_s_rule_only():
    sample = os.path.join(SAMPLES, "libc-memory-xml.patch")
    for profile, rule in (("glib", "prefer-g-alloc"), ("gnulib", "prefer-vir-alloc")):
        r = run_cli("--format=json", "--profile", profile, "--select",
                    "sc_prohibit_raw_allocation", sample)
        found = json.loads(r.stdout)
        assert {f["rule"] for f in found} == {rule}
        assert [f["line"] for f in found] == [45, 59, 72]
    # named by its id, a rule of the other era runs all the same
    r = run_cli("--format=json", "--select", "prefer-vir-alloc", sample)
    assert {f["rule"] for f in json.loads(r.stdout)} == {"prefer-vir-alloc"}


def test_a_list_option_takes_a_single_value_on_the_command_line():
    sample = os.path.join(SAMPLES, "us-spelling.patch")
    r = run_cli("--format=json", "--select", "us-spelling", sample)
    words = {f["message"].split('"')[1] for f in json.loads(r.stdout)}
    assert "cancelled" in words
    r = run_cli("--format=json", "--select", "us-spelling", "-o", "us-spelling.allow=cancelled",
                sample)
    assert r.returncode in (0, 1), r.stderr
    assert "cancelled" not in {f["message"].split('"')[1] for f in json.loads(r.stdout)}


def test_option_errors_are_blamed_where_they_were_made(tmp_path):
    (tmp_path / ".patchlint.toml").write_text('[rules.us-spelling]\nallow = ["licence"]\n')
    p = write(tmp_path, "x.patch", CLEAN)
    r = run_cli("-o", "us-spelling.allow=3", p, cwd=str(tmp_path))
    assert (r.returncode, r.stderr) == (
        2, "patchlint: error: -o us-spelling.allow=3: expected list, got 3\n")
    # a typo in the file is reported though the rule is not selected
    (tmp_path / ".patchlint.toml").write_text(
        'select = ["flags-type"]\n\n[rules.split-patch]\nmin-layer = 3\n')
    r = run_cli(p, cwd=str(tmp_path))
    assert (r.returncode, r.stderr) == (
        2, f"patchlint: error: {tmp_path}/.patchlint.toml:4: rules.split-patch.min-layer: "
           "unknown option for rule split-patch (it has: layers, min-layers, min-lines)\n")


@pytest.mark.parametrize("args,says", [
    (["-j", "0"], "-j/--jobs: expected a number of processes, 1 or more, not 0"),
    (["-j", "-1"], "-j/--jobs: expected a number of processes, 1 or more, not -1"),
    (["--reply-dir", "out"], "--reply-dir is an option of --format=reply"),
    (["--reply-cover"], "--reply-cover is an option of --format=reply"),
    (["--format=reply", "--reply-dir", "FILE"], "--reply-dir FILE: not a directory"),
    (["--diff", "--format=json"], "--diff prints the fix-up diff, not a report: "
                                  "--format=json has nothing to do with it"),
    (["--format=reply", "--from", "nobody"], "--from 'nobody': not a mail address (give "
                                             "'Name <you@host>' or 'you@host')"),
])
def test_options_that_cannot_mean_anything_are_refused(tmp_path, args, says):
    p = write(tmp_path, "x.patch", CLEAN)
    args = [p if a == "FILE" else a for a in args]
    r = run_cli(*args, p, cwd=str(tmp_path))
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == f"patchlint: error: {says.replace('FILE', p)} (see 'patchlint --help')\n"
    assert not (tmp_path / "out").exists()


def test_patchlint_toml_takes_the_tool_patchlint_table_and_config_takes_a_folder(tmp_path):
    sample = os.path.join(SAMPLES, "seed-like.patch")
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / ".patchlint.toml").write_text('[tool.patchlint]\nselect = ["flags-type"]\n')
    for given in (str(cfg), str(cfg / ".patchlint.toml")):
        r = run_cli("--format=json", "--config", given, sample)
        assert {f["rule"] for f in json.loads(r.stdout)} == {"flags-type"}
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run_cli("--config", str(empty), sample)
    assert (r.returncode, r.stderr) == (
        2, f"patchlint: error: --config {empty}: a directory with no .patchlint.toml and no "
           "pyproject.toml holding [tool.patchlint]\n")


def test_worktree_includes_untracked_files_that_are_not_ignored(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("build/\n")
    git(tmp_path, "add", ".gitignore")
    git(tmp_path, "commit", "-q", "-m", "base")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "new.c").write_text("int\nvirNew(int flags)\n{\n    return 0;\n}\n")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "gen.c").write_text("int\nvirGen(int flags);\n")
    r = run_cli("--worktree", "--format=concise", "-q", "--select", "flags-type",
                cwd=str(tmp_path))
    assert r.stdout == ("src/new.c:2:8: error: `flags` is declared `int`; libvirt passes "
                        "flags as `unsigned int` [flags-type]\n")


def test_help_has_one_exit_status_section():
    out = run_cli("--help").stdout
    assert out.count("exit status") == 1
    assert "exit status:\n  0  no finding at or above --fail-on" in out


def test_pre_push_without_refs_judges_what_no_remote_has(tmp_path):
    """pre-commit passes no refs when a push publishes a branch's whole history (a remote
    just added); then the commits no remote-tracking branch has are judged, with a notice,
    and with no remote-tracking branch at all nothing is, and the push goes on."""
    git(tmp_path, "init", "-q")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.c").write_text("int a;\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    (tmp_path / "src" / "a.c").write_text("int a;\nint\nvirA(int flags);\n")
    git(tmp_path, "commit", "-q", "-a", "-m", "a: Add virA\n\nSigned-off-by: Test Author "
        "<test@example.org>")
    env = {k: "" for k in ("PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF", "PRE_COMMIT_ORIGIN",
                           "PRE_COMMIT_SOURCE")}
    r = run_cli("--pre-push", env=env, cwd=str(tmp_path))
    assert (r.returncode, r.stderr) == (0, "patchlint: no commit range from pre-commit and no "
                                           "remote-tracking branch to compare with: nothing "
                                           "checked (use --git A..B to choose commits)\n")
    git(tmp_path, "update-ref", "refs/remotes/origin/main", "HEAD~1")
    r = run_cli("--pre-push", "--format=concise", "-q", env=env, cwd=str(tmp_path))
    assert r.returncode == 1
    assert r.stderr == ("patchlint: no commit range from pre-commit: checking the commits of "
                        "HEAD that no remote-tracking branch has\n")
    assert r.stdout == ("src/a.c:3:6: error: `flags` is declared `int`; libvirt passes flags "
                        "as `unsigned int` [flags-type]\n")
