"""Every way in gives the same findings, in the same order: a file, standard input, -j,
--fix (what it leaves), --git, and the send-email hook all go through one run."""

import glob
import os
import shutil
import subprocess
import sys

import pytest
from conftest import SAMPLES, git, run_proc

pytestmark = pytest.mark.integration

ALL = sorted(p for p in glob.glob(os.path.join(SAMPLES, "*"))
             if not p.endswith((".expected", ".md")) and os.path.isfile(p))


def concise(*args, stdin=None, cwd=None):
    r = run_proc("--isolated", "--no-tree", "--format=concise", "-q", *args, stdin=stdin,
                cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    return r.stdout


@pytest.mark.parametrize("path", ALL, ids=[os.path.basename(p) for p in ALL])
def test_file_stdin_and_jobs_agree(path, tmp_path):
    name = os.path.basename(path)
    shutil.copy(path, tmp_path / name)
    by_file = concise(name, cwd=tmp_path)
    text = open(path, encoding="utf-8", errors="surrogateescape").read()
    by_stdin = concise("-", stdin=text, cwd=tmp_path)
    # the only difference: a finding about a whole mail is placed at its input's name
    assert by_stdin == by_file.replace(f"{name}: ", "-: ")
    shutil.copy(path, tmp_path / ("2-" + name))
    twice = concise(name, "2-" + name, cwd=tmp_path)
    assert concise("-j", "2", name, "2-" + name, cwd=tmp_path) == twice
    assert twice == by_file + by_file.replace(f"{name}: ", f"2-{name}: ")


@pytest.mark.parametrize("path", ALL, ids=[os.path.basename(p) for p in ALL])
def test_fix_leaves_what_a_check_of_its_result_finds(path, tmp_path):
    copy = tmp_path / os.path.basename(path)
    shutil.copy(path, copy)
    left = concise("--fix", copy.name, cwd=tmp_path)
    assert left == concise(copy.name, cwd=tmp_path)


@pytest.mark.parametrize("path", ALL, ids=[os.path.basename(p) for p in ALL])
def test_the_send_email_hook_says_what_a_check_of_the_mail_says(path, tmp_path):
    name = os.path.basename(path)
    shutil.copy(path, tmp_path / name)
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    env.pop("NO_COLOR", None)
    hook = subprocess.run([sys.executable, "-m", "patchlint", "hook", "sendemail-validate",
                           name], cwd=tmp_path, capture_output=True, text=True, env=env)
    by_hand = run_proc("--format=full", "--quiet", "--outgoing", name, cwd=tmp_path)
    said = by_hand.stdout + by_hand.stderr
    if by_hand.returncode == 1:
        said += f"patchlint: {name}: not sent: fix the findings above, or send with " \
                "--no-validate to override\n"
    assert (hook.returncode, hook.stdout, hook.stderr) == (by_hand.returncode, "", said)


def test_a_git_range_reads_as_its_format_patch_mails(tmp_path):
    """--git A..B reads each commit as its format-patch mail: the same findings as each mail
    given on standard input (a range is commits, not a series of mails: it is not told to
    have a cover letter)."""
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "src" / "virfoo.c").write_text("int\nvirFoo(void)\n{\n    return 0;\n}\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    (repo / "src" / "virfoo.c").write_text(
        "int\nvirFoo(int flags)\n{\n    return 0; \n}\n")
    git(repo, "commit", "-q", "-a", "-m", "foo: Take flags\n\nBecause.")
    (repo / "src" / "virbar.c").write_text("int\nvirBar(long flags)\n{\n\treturn 0;\n}\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "bar: Add virBar")
    by_git = concise("--git", "HEAD~2..HEAD", cwd=repo)
    ids = git(repo, "rev-list", "--reverse", "HEAD~2..HEAD").decode().split()
    by_mail = ""
    for n, sha in enumerate(ids, 1):
        mail = git(repo, "format-patch", "--stdout", "--full-index", f"--start-number={n}",
                   "HEAD~2..HEAD").decode().split("\nFrom ")
        one = mail[0] if n == 1 else "From " + mail[n - 1]
        by_mail += concise("-", stdin=one, cwd=repo)
        by_git = by_git.replace(f"{sha[:12]}: ", "-: ")
    assert by_git == by_mail
    assert [ln.rsplit(" ", 1)[-1] for ln in by_git.splitlines()] == [
        "[signed-off-by]", "[flags-type]", "[trailing-whitespace]",
        "[signed-off-by]", "[flags-type]", "[vircheckflags-missing]", "[tab-indent]"]
