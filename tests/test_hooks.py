"""Where users run it: git send-email's sendemail-validate hook and the pre-commit framework,
both driven for real in scratch repositories."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, git

BAD = "int\nvirFoo(int flags)\n{\n    return 0;\n}\n"
GOOD = "int\nvirFoo(unsigned int flags)\n{\n    virCheckFlags(0, -1);\n    return 0;\n}\n"
ME = {"GIT_COMMITTER_NAME": "Test Author", "GIT_COMMITTER_EMAIL": "test@example.org"}


def patchlint(cwd, *args):
    return subprocess.run([sys.executable, "-m", "patchlint", *args], cwd=cwd,
                          capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path):
    r = tmp_path / "repo"
    (r / "src").mkdir(parents=True)
    git(r, "init", "-q")
    git(r, "config", "user.name", "Test Author")
    git(r, "config", "user.email", "test@example.org")
    (r / "src" / "virfoo.c").write_text("int\nvirFoo(void)\n{\n    return 0;\n}\n")
    git(r, "add", "-A")
    git(r, "commit", "-q", "-m", "base")
    return r


def series(repo, text, name):
    """A two-patch series with a cover letter, as git format-patch writes it."""
    (repo / "src" / "virfoo.c").write_text(text)
    git(repo, "commit", "-q", "-a", "-s", "-m", "foo: Take flags", env=ME)
    (repo / "src" / "virbar.c").write_text("int virBar(void);\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-s", "-m", "bar: Add virBar", env=ME)
    out = repo.parent / name
    git(repo, "format-patch", "-q", "--cover-letter", "-2", "-o", str(out))
    cover = out / "0000-cover-letter.patch"
    cover.write_text(cover.read_text().replace("*** SUBJECT HERE ***", "foo: Take flags")
                     .replace("*** BLURB HERE ***", "Two small changes."))
    return out


def send(repo, what):
    return subprocess.run(["git", "send-email", "--dry-run", "--confirm=never",
                           "--to=devel@example.org", str(what)], cwd=repo,
                          capture_output=True, text=True)


def test_send_email_refuses_a_series_with_an_error_and_passes_a_clean_one(repo,
                                                                          git_send_email):
    r = patchlint(repo, "install-hook")
    assert r.returncode == 0 and "sendemail-validate" in r.stdout
    bad = series(repo, BAD, "bad")
    r = send(repo, bad)
    assert r.returncode != 0
    out = r.stdout + r.stderr
    assert "error[flags-type]" in out and "src/virfoo.c:2:8" in out
    assert "not sent" in out and "rejected by sendemail-validate hook" in out
    git(repo, "reset", "-q", "--hard", "HEAD~2")
    good = series(repo, GOOD, "good")
    r = send(repo, good)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("Result: OK") == 3          # the cover letter and both patches


def test_install_refuses_a_foreign_hook_then_chains_or_forces(repo, git_send_email):
    hooks = repo / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    foreign = hooks / "sendemail-validate"
    foreign.write_text("#!/bin/sh\necho FOREIGN-HOOK-RAN >&2\nexit 0\n")
    foreign.chmod(0o755)
    r = patchlint(repo, "install-hook")
    assert r.returncode == 2 and "not patchlint's" in r.stderr
    assert "FOREIGN-HOOK-RAN" in foreign.read_text()           # left alone
    r = patchlint(repo, "install-hook", "--chain")
    assert r.returncode == 0
    bad = series(repo, BAD, "bad")
    r = send(repo, bad)
    assert r.returncode != 0 and "FOREIGN-HOOK-RAN" in r.stderr   # both ran
    assert patchlint(repo, "uninstall-hook").returncode == 0
    assert "FOREIGN-HOOK-RAN" in foreign.read_text()           # given its place back
    assert patchlint(repo, "uninstall-hook").returncode == 2   # not ours: left alone
    assert patchlint(repo, "install-hook", "--force").returncode == 0
    assert "installed by patchlint" in foreign.read_text()


def test_hook_goes_where_core_hookspath_says(repo, git_send_email):
    git(repo, "config", "core.hooksPath", "myhooks")
    assert patchlint(repo, "install-hook").returncode == 0
    assert (repo / "myhooks" / "sendemail-validate").exists()
    assert not (repo / ".git" / "hooks" / "sendemail-validate").exists()
    r = send(repo, series(repo, BAD, "bad"))
    assert r.returncode != 0 and "flags-type" in r.stdout + r.stderr


def test_hook_takes_the_git_2_41_call_form(repo):
    """git >= 2.41 passes a second argument (the SMTP headers) and a file counter."""
    patchlint(repo, "install-hook")
    bad = series(repo, BAD, "bad")
    mails = sorted(os.listdir(bad))
    headers = repo.parent / "headers"
    headers.write_text("To: devel@example.org\nCc: someone@example.org\n")
    hook = str(repo / ".git" / "hooks" / "sendemail-validate")
    codes = []
    for n, mail in enumerate(mails, 1):
        env = dict(os.environ, GIT_SENDEMAIL_FILE_COUNTER=str(n),
                   GIT_SENDEMAIL_FILE_TOTAL=str(len(mails)))
        r = subprocess.run([hook, str(bad / mail), str(headers)], cwd=repo,
                           capture_output=True, text=True, env=env)
        codes.append(r.returncode)
        if n == 1:
            assert "checking 3 mails" in r.stderr
    assert codes == [0, 1, 0]                   # only the patch with `int flags` fails
    r = subprocess.run([hook], cwd=repo, capture_output=True, text=True)
    assert r.returncode == 2 and "takes the mail file" in r.stderr


# -- the pre-commit framework -----------------------------------------------------------------

def precommit(repo, *args):
    exe = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or \
        shutil.which("pre-commit")
    assert exe, "pre-commit is a test dependency"
    return subprocess.run([exe, "try-repo", ROOT, *args, "--verbose"], cwd=repo,
                          capture_output=True, text=True)


def test_precommit_blocks_a_commit_staging_int_flags_and_passes_a_clean_one(repo):
    (repo / "src" / "virfoo.c").write_text(BAD)
    git(repo, "add", "-A")
    r = precommit(repo, "patchlint")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "error[flags-type]" in r.stdout and "Failed" in r.stdout
    (repo / "src" / "virfoo.c").write_text(GOOD)
    git(repo, "add", "-A")
    r = precommit(repo, "patchlint")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Passed" in r.stdout


def test_precommit_pre_push_checks_the_pushed_commits(repo):
    base = git(repo, "rev-parse", "HEAD").decode().strip()
    (repo / "src" / "virfoo.c").write_text(BAD)
    git(repo, "commit", "-q", "-a", "-s", "-m", "foo: Take flags", env=ME)
    r = precommit(repo, "patchlint-push", "--hook-stage", "pre-push",
                  "--from-ref", base, "--to-ref", "HEAD")
    assert r.returncode == 1 and "flags-type" in r.stdout
    r = precommit(repo, "patchlint-push", "--hook-stage", "pre-push",
                  "--from-ref", "HEAD", "--to-ref", "HEAD")
    assert r.returncode == 0, r.stdout


def test_precommit_commit_msg_hook_wants_a_signoff(repo):
    msg = repo.parent / "COMMIT_EDITMSG"
    msg.write_text("foo: Tidy\n\nBecause it was untidy.\n")
    r = precommit(repo, "patchlint-signoff", "--hook-stage", "commit-msg",
                  "--commit-msg-filename", str(msg))
    assert r.returncode == 1 and "Signed-off-by" in r.stdout
    msg.write_text("foo: Tidy\n\nBecause it was untidy.\n\n"
                   "Signed-off-by: Test Author <test@example.org>\n")
    r = precommit(repo, "patchlint-signoff", "--hook-stage", "commit-msg",
                  "--commit-msg-filename", str(msg))
    assert r.returncode == 0, r.stdout


# -- the v2 of a series, sent the usual way -------------------------------------------------

V1 = "int\nvirFoo(unsigned int flags)\n{\n    virCheckFlags(0, -1);\n    return 0;\n}\n"
V2 = "int\nvirFoo(unsigned int flags)\n{\n    virCheckFlags(0, -1);\n\n    return 0;\n}\n"
V2_BAD = "int\nvirFoo(unsigned int flags)\n{\n    virCheckFlags(0, -1);\n\n    return 0;\n}\n" \
    "\nint\nvirFooBar(int flags)\n{\n    virCheckFlags(0, -1);\n    return 0;\n}\n"
BAR = "int virBar(void);\n"


def two_versions(repo, second):
    """Branch v1 (two patches) and branch v2 (the same two, reworked) on top of the base."""
    git(repo, "branch", "-q", "base")
    git(repo, "checkout", "-q", "-b", "v1")
    commit_series(repo, V1, BAR)
    git(repo, "checkout", "-q", "-b", "v2", "base")
    commit_series(repo, "int\nvirFoo(void)\n{\n    return 0;\n}\n",
                  BAR + "int virBaz(void);\n", second)


def commit_series(repo, foo, bar, foo2=None):
    (repo / "src" / "virbar.h").write_text(bar)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-s", "-m", "bar: Add virBar\n\nNeeded by the next patch.",
        env=ME)
    (repo / "src" / "virfoo.c").write_text(foo2 or foo)
    git(repo, "commit", "-q", "-a", "-s", "-m", "foo: Take flags\n\nBecause they are needed.",
        env=ME)


def edit_cover(folder):
    cover = next(folder.glob("*0000-cover-letter.patch"))
    cover.write_text(cover.read_text().replace("*** SUBJECT HERE ***", "foo: Take flags")
                     .replace("*** BLURB HERE ***", "Changes since v1: a blank line."))


@pytest.mark.parametrize("compare", ["--range-diff=base..v1", "--interdiff=v1"])
def test_v2_series_with_its_comparison_is_sent_and_a_bad_one_refused(repo, git_send_email,
                                                                      compare):
    """git format-patch -v2 --cover-letter --range-diff/--interdiff, then git send-email with
    the hook: the cover letter's comparison with v1 is no patch, so every mail goes; with an
    `int flags` in patch 2 the send stops, on that finding alone."""
    assert patchlint(repo, "install-hook").returncode == 0
    two_versions(repo, V2)
    out = repo.parent / "v2"
    git(repo, "format-patch", "-q", "-v2", "--cover-letter", compare, "-o", str(out),
        "base..v2")
    cover = next(out.glob("*0000-cover-letter.patch")).read_text()
    assert ("Range-diff against v1:" if "range" in compare else "Interdiff against v1:") \
        in cover
    edit_cover(out)
    r = send(repo, out)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("Result: OK") == 3
    assert "patchlint" not in r.stderr
    # the same series with `int flags` in patch 2
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    (repo / "src" / "virfoo.c").write_text(V2_BAD)
    git(repo, "commit", "-q", "-a", "-s", "-m", "foo: Take flags\n\nBecause.", env=ME)
    bad = repo.parent / "v2-bad"
    git(repo, "format-patch", "-q", "-v2", "--cover-letter", compare, "-o", str(bad),
        "base..v2")
    edit_cover(bad)
    r = send(repo, bad)
    assert r.returncode != 0
    found = [ln for ln in r.stderr.splitlines() if ln.startswith(("error[", "warning[",
                                                                   "note["))]
    assert found == ["error[flags-type]: `flags` is declared `int`; libvirt passes flags as "
                     "`unsigned int`"], r.stderr
    assert "src/virfoo.c:10:11" in r.stderr
    assert "v2-0002-foo-Take-flags.patch: not sent" in r.stderr


@pytest.mark.parametrize("compare", ["--range-diff=v1~1", "--interdiff=v1~1"])
def test_single_v2_patch_with_its_comparison_after_the_dashes(repo, git_send_email, compare):
    """git format-patch -v2 --interdiff/--range-diff -1: the comparison sits after the
    patch's '---'; it is never read as the patch, and the patch itself is still judged."""
    assert patchlint(repo, "install-hook").returncode == 0
    two_versions(repo, V2)
    out = repo.parent / "one"
    git(repo, "format-patch", "-q", "-v2", compare, "-o", str(out), "-1", "v2~1")
    (mail,) = out.glob("*.patch")
    assert ("Range-diff against v1:" if "range" in compare else "Interdiff against v1:") \
        in mail.read_text()
    r = send(repo, mail)
    assert r.returncode == 0, r.stdout + r.stderr
    r = patchlint(repo, "--format=json", str(mail))
    assert (r.returncode, json.loads(r.stdout)) == (0, [])


def test_hook_passes_a_review_reply_whatever_the_code_it_quotes(repo, git_send_email):
    """A review reply (patchlint's own --format=reply, quoting a patch with `int flags`) is
    sent by the hook: it is not a patch being submitted."""
    patchlint(repo, "install-hook")
    bad = series(repo, BAD, "bad")
    folder = repo.parent / "replies"
    r = patchlint(repo, "--format=reply", "--reply-dir", str(folder),
                  "--from", "Rev Iewer <rev@example.org>", *sorted(map(str, bad.iterdir())))
    assert r.returncode == 1
    (reply,) = folder.iterdir()
    assert "> +virFoo(int flags)" in reply.read_text()
    r = send(repo, folder)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("Result: OK") == 1
    assert f"patchlint: {reply}: a review reply: the patch it quotes is not judged" \
        in r.stderr
    # by hand, the same reply is read for the patch it quotes, as always
    r = patchlint(repo, "--format=concise", str(reply))
    assert r.returncode == 1 and "src/virfoo.c:2:8: error:" in r.stdout


# -- the README's pre-commit snippet, copied as written ---------------------------------------

def readme_precommit_snippet():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    start = text.index("**pre-commit** (`.pre-commit-config.yaml`)")
    block = text[text.index("```yaml\n", start) + len("```yaml\n"):]
    return block[:block.index("```")]


def test_readme_precommit_snippet_works_as_written(repo, tmp_path):
    """The README's .pre-commit-config.yaml, as written, with the real pre-commit: the commit
    of `int flags` is refused, a clean one goes, a commit message without a sign-off is
    refused, and pushes check the commits they send (a first push to a new remote included:
    pre-commit gives no refs then)."""
    (repo / ".pre-commit-config.yaml").write_text(readme_precommit_snippet())
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-q", "-s", "-m", "Add pre-commit configuration", env=ME)
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep +
               os.environ["PATH"], PRE_COMMIT_HOME=str(tmp_path / "cache"),
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    exe = shutil.which("pre-commit", path=os.path.dirname(sys.executable))
    r = subprocess.run([exe, "install", "-t", "pre-commit", "-t", "pre-push", "-t",
                        "commit-msg"], cwd=repo, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout + r.stderr

    def run(*args):
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                              env=env)

    (repo / "src" / "virfoo.c").write_text(BAD)
    run("add", "-A")
    r = run("commit", "-s", "-m", "foo: Take flags\n\nBecause.")
    assert r.returncode != 0 and "error[flags-type]" in r.stdout + r.stderr
    (repo / "src" / "virfoo.c").write_text(GOOD)
    run("add", "-A")
    r = run("commit", "-m", "foo: Take flags\n\nBecause.")
    assert r.returncode != 0 and "Signed-off-by" in r.stdout + r.stderr
    r = run("commit", "-s", "-m", "foo: Take flags\n\nBecause.")
    assert r.returncode == 0, r.stdout + r.stderr
    # a first push to a remote just added, nothing fetched: pre-commit gives no refs
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    run("remote", "add", "mine", str(remote))
    r = run("push", "-q", "mine", "HEAD:refs/heads/work")
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.fullmatch(r"patchlint \(commits being pushed\)\.+Passed\n", r.stdout)
    # then a push of a commit with `int flags` is refused, and says why
    run("fetch", "-q", "mine")
    (repo / "src" / "virbar.c").write_text("int\nvirBar(int flags)\n{\n    return 0;\n}\n")
    run("add", "-A")
    r = run("commit", "--no-verify", "-s", "-m", "bar: Add virBar\n\nNeeded.")
    assert r.returncode == 0, r.stderr
    r = run("push", "-q", "mine", "HEAD:refs/heads/work")
    assert r.returncode != 0
    assert "error[flags-type]" in r.stdout + r.stderr and "src/virbar.c:2:8" in \
        r.stdout + r.stderr
