"""Certain fixes: --fix rewrites patch files, --diff prints a fix-up that git applies.

Both come from the same fix data the rules attach to findings, and the annotated output shows
the very replacement they apply.
"""

import glob
import os
import shutil

import pytest
from conftest import SAMPLES, base_tree, git, run_cli

SAMPLES_ALL = sorted(p for p in glob.glob(os.path.join(SAMPLES, "*"))
                     if not p.endswith((".expected", ".md")) and os.path.isfile(p))


def _findings(data, name="x"):
    """Finding objects for ``data`` (in-process), and the read result."""
    from conftest import model_findings

    from patchlint.reader import read_input
    res = read_input(name, data)
    return model_findings(res.patches), res


def _key(f):
    return (f.patch.index, f.path or "", f.lineno or 0, f.rule)


@pytest.mark.slow
@pytest.mark.parametrize("path", SAMPLES_ALL, ids=[os.path.basename(p) for p in SAMPLES_ALL])
def test_fix_every_sample(path, tmp_path):
    copy = tmp_path / os.path.basename(path)
    shutil.copy(path, copy)
    before, _ = _findings(copy.read_bytes())
    r = run_cli("--fix", "--format=concise", str(copy))
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr and r.stderr == ""
    fixed = copy.read_bytes()
    after, res = _findings(fixed)
    # still a patch, with the same (valid) hunks: no new corruption
    assert [_key(f) for f in after if f.rule == "patch-corrupt"] == \
        [_key(f) for f in before if f.rule == "patch-corrupt"]
    # nothing --fix can fix is left, and everything else is still reported
    assert [f for f in after if f.fixable] == []
    assert sorted(_key(f) for f in after) == sorted(_key(f) for f in before if not f.fixable)
    if any(f.fixable for f in before):
        assert "fixed" in r.stdout.splitlines()[-1]
    else:
        assert fixed == open(path, "rb").read()
    # a second --fix changes nothing
    run_cli("--fix", str(copy))
    assert copy.read_bytes() == fixed


def test_fix_touches_only_the_lines_with_fixable_findings(tmp_path):
    src = os.path.join(SAMPLES, "seed-like.patch")
    copy = tmp_path / "p.patch"
    shutil.copy(src, copy)
    before, _ = _findings(copy.read_bytes())
    run_cli("--fix", str(copy))
    old = open(src, "rb").read().split(b"\n")
    new = copy.read_bytes().split(b"\n")
    assert len(old) == len(new)
    changed = {k + 1 for k, (a, b) in enumerate(zip(old, new)) if a != b}
    assert changed == {f.line.src_no for f in before if f.fixable}
    # the flags-type fix, exactly as the annotated output announced it
    full = run_cli(src).stdout
    assert "^^^ unsigned int" in full
    assert b"+                          unsigned int flags, int mode)" in new


def test_fix_from_stdin_writes_the_fixed_patch_to_stdout():
    data = open(os.path.join(SAMPLES, "trailing-whitespace.patch"), "rb").read()
    r = run_cli("--fix", "--format=concise", "-", stdin=data.decode())
    assert r.returncode in (0, 1)
    assert r.stdout != data.decode() and r.stdout.startswith("From ")
    assert "fixed" in r.stderr          # the report goes to stderr, out of the patch's way
    after, _ = _findings(r.stdout.encode())
    assert not [f for f in after if f.fixable]


def test_fix_and_diff_refuse_each_other(tmp_path):
    r = run_cli("--fix", "--diff", os.path.join(SAMPLES, "clean.patch"))
    assert r.returncode == 2 and "do not go together" in r.stderr


def test_diff_exit_status_and_nothing_else_on_stdout():
    r = run_cli("--diff", os.path.join(SAMPLES, "clean.patch"))
    assert (r.returncode, r.stdout) == (0, "")
    r = run_cli("--diff", os.path.join(SAMPLES, "seed-like.patch"))
    assert r.returncode == 1
    assert r.stdout.startswith("diff --git a/include/libvirt/libvirt.h.in")


def test_fixup_applies_with_git_and_leaves_no_fixable_finding(tmp_path):
    """Apply the sample, git-apply its fix-up, amend: the mechanical points are gone."""
    sample = os.path.join(SAMPLES, "seed-like.patch")
    data = open(sample, "rb").read()
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    base_tree(data, str(repo))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "am", "-q", sample)
    before, _ = _findings(data)
    fix = run_cli("--diff", sample)
    assert fix.returncode == 1
    (tmp_path / "fixup.diff").write_text(fix.stdout)
    git(repo, "apply", "--check", str(tmp_path / "fixup.diff"))
    git(repo, "apply", str(tmp_path / "fixup.diff"))
    git(repo, "commit", "-q", "-a", "--amend", "--no-edit")
    amended = git(repo, "format-patch", "-1", "--stdout")
    after, _ = _findings(amended)
    with_fix = [f for f in before if f.replacement is not None]
    assert with_fix, "the sample should have fixable points"
    assert [f for f in after if f.replacement is not None] == []
    key = lambda f: (f.path or "", f.lineno or 0, f.rule)
    assert sorted(map(key, after)) == sorted(key(f) for f in before if f.replacement is None)
