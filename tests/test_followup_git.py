"""``patchlint followup`` where it is used: against a v2 made by ``git format-patch -v2
--cover-letter`` from a branch, or ``--git``, and in git send-email's sendemail-validate hook
when the configuration names the v1 thread.  The repository is the one the followup-series
sample was made in (``samples/followup-series/base``, then v2's commits by ``git am``)."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import SAMPLES, git

pytestmark = pytest.mark.slow          # git itself, in scratch repositories

SERIES = os.path.join(SAMPLES, "followup-series")
THREAD = os.path.join(SERIES, "thread.mbox")
JANE = {"GIT_COMMITTER_NAME": "Jane Contributor", "GIT_COMMITTER_EMAIL": "jane@example.org"}
COVER_TITLE = "qemu: Let a removed disk's image be closed before deleting it"


def v2_mails():
    with open(os.path.join(SERIES, "v2.mbox"), encoding="utf-8") as f:
        return re.split(r"(?m)^(?=From jane@example.org )", f.read())[1:]


def blurb():
    """The v2 cover letter's own text, as the sample has it."""
    cover = v2_mails()[0].split("\n\n", 1)[1]
    return cover[:cover.index("\n\nJane Contributor (3):")]


def build(repo, mails):
    """Branch v2 on base: the patch mails of ``mails`` applied with git am."""
    git(repo, "checkout", "-q", "-B", "v2", "base")
    box = repo.parent / "v2-am.mbox"
    box.write_text("".join(mails[1:]))
    git(repo, "am", "-q", "--committer-date-is-author-date", str(box), env=JANE)


@pytest.fixture
def repo(tmp_path):
    r = tmp_path / "repo"
    shutil.copytree(os.path.join(SERIES, "base"), r)
    git(r, "init", "-q")
    git(r, "config", "user.name", "Jane Contributor")
    git(r, "config", "user.email", "jane@example.org")
    git(r, "add", "-A")
    git(r, "commit", "-q", "-m", "base", env=JANE)
    git(r, "branch", "-q", "base")
    build(r, v2_mails())
    return r


def format_v2(repo, name="out"):
    out = repo.parent / name
    shutil.rmtree(out, ignore_errors=True)
    git(repo, "format-patch", "-q", "-v2", "--cover-letter", "-o", str(out), "base..v2")
    cover = next(out.glob("*0000-cover-letter.patch"))
    cover.write_text(cover.read_text().replace("*** SUBJECT HERE ***", COVER_TITLE)
                     .replace("*** BLURB HERE ***", blurb()))
    return out


def patchlint(cwd, *args, env=None):
    return subprocess.run([sys.executable, "-m", "patchlint", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=dict(os.environ, **(env or {})))


def expected():
    with open(os.path.join(SERIES, "expected.concise"), encoding="utf-8") as f:
        return f.read()


def test_format_patch_v2_of_a_branch_against_the_v1_thread(repo):
    out = format_v2(repo)
    mails = sorted(out.iterdir())
    assert [m.name for m in mails] == [
        "v2-0000-cover-letter.patch", "v2-0001-util-Introduce-virFileWaitForGone.patch",
        "v2-0002-qemu-Add-disk_close_timeout-to-qemu.conf.patch",
        "v2-0003-qemu-Wait-for-a-removed-disk-s-image-to-be-closed.patch"]
    r = patchlint(repo, "followup", "--format=concise", THREAD, *mails)
    assert r.returncode == 1, r.stderr
    assert r.stdout == expected()


def test_git_range_as_v2(repo):
    """--git base..v2: the commits as format-patch mails (no cover letter, no mails to check
    for their version yet)."""
    r = patchlint(repo, "followup", "--format=concise", "--git", "base..v2", THREAD)
    assert r.returncode == 1, r.stderr
    assert r.stdout == expected()


def send(repo, what, env=None):
    return subprocess.run(["git", "send-email", "--dry-run", "--confirm=never",
                           "--to=devel@lists.libvirt.org", str(what)], cwd=repo,
                          capture_output=True, text=True, env=dict(os.environ, **(env or {})))


def test_send_email_hook_follows_the_review_up_when_configured(repo, git_send_email):
    """With `followup = "..."` in .patchlint.toml, git send-email of v2 stops on the open
    point, then on the forgotten tag, and goes once both are seen to."""
    assert patchlint(repo, "install-hook").returncode == 0
    shutil.copy(THREAD, repo / "v1-thread.mbox")
    (repo / ".patchlint.toml").write_text('followup = "v1-thread.mbox"\n')
    r = send(repo, format_v2(repo))
    assert r.returncode != 0
    assert "open[comment]: Peter Reviewer <peter@example.org>\n" \
           "  --> v1 src/util/virfile.c:99, v2 src/util/virfile.c:101: the line is still " \
           "there\n" in r.stderr
    assert "patchlint: v2-0001-util-Introduce-virFileWaitForGone.patch: not sent: fix the " \
           "findings above and follow v1's review up (above), or send with --no-validate " \
           "to override\n" in r.stderr
    # the sleep done as asked: now the Reviewed-by v2 forgot stops it
    mails = v2_mails()
    mails[1] = mails[1].replace("        nanosleep(&ts, NULL);", "        g_usleep(100 * 1000);")
    build(repo, mails)
    r = send(repo, format_v2(repo, "out2"))
    assert r.returncode != 0
    assert "carry[trailer]: Reviewed-by: Peter Reviewer <peter@example.org>\n" \
           "  --> v2 lacks it, and the patch is unchanged\n" in r.stderr
    assert "v2-0002-qemu-Add-disk_close_timeout-to-qemu.conf.patch: not sent: follow v1's " \
           "review up (above)" in r.stderr
    # the tag carried and the trailing blank of the new patch gone: every mail goes
    mails[2] = mails[2].replace("Tested-by: Tess", "Reviewed-by: Peter Reviewer "
                                "<peter@example.org>\nTested-by: Tess")
    mails[3] = mails[3].replace("< 0) \n", "< 0)\n")
    build(repo, mails)
    r = send(repo, format_v2(repo, "out3"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("Result: OK") == 4
    assert "answered[comment]: Peter Reviewer" in r.stderr     # shown, not refused


def test_hook_follows_up_by_the_environment_too(repo):
    """PATCHLINT_FOLLOWUP names the thread for one send (no configuration needed), and an
    empty value turns a configured follow-up off."""
    assert patchlint(repo, "install-hook").returncode == 0
    out = format_v2(repo)
    second = next(out.glob("v2-0002-*"))
    hook = str(repo / ".git" / "hooks" / "sendemail-validate")
    r = subprocess.run([hook, str(second)], cwd=repo, capture_output=True, text=True,
                       env=dict(os.environ, PATCHLINT_FOLLOWUP=THREAD))
    assert r.returncode == 1
    assert r.stderr.startswith("[PATCH 2/3] qemu: Add disk_close_timeout to qemu.conf\n"
                               "  v2: [PATCH v2 2/3] qemu: Add disk_close_timeout to qemu.conf "
                               "(unchanged)\n\ncarry[trailer]: ")
    (repo / ".patchlint.toml").write_text(f'followup = "{THREAD}"\n')
    r = subprocess.run([hook, str(second)], cwd=repo, capture_output=True, text=True,
                       env=dict(os.environ, PATCHLINT_FOLLOWUP=""))
    assert (r.returncode, r.stderr) == (0, "")
