"""Where users run it: git send-email's sendemail-validate hook and the pre-commit framework,
both driven for real in scratch repositories."""

import os
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
