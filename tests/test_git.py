"""Git inputs (--git, --staged, --worktree, --commit-msg) and tree context, in real repos."""

import json

import pytest
from conftest import git, run_cli

BASE_C = """/*
 * virfoo.c: helpers for foo
 *
 * Copyright (C) 2019-2026 Example Corp.
 */

#include <config.h>

int
virFooHelper(int a)
{
    return a;
}

static int
virFooDo(virConnectPtr conn,
         unsigned int flags)
{
    virCheckFlags(0, -1);

    if (virFooHelper(1) < 0 &&
        virFooHelper(2) < 0 &&
        virFooHelper(3) < 0 &&
        virFooHelper(4) < 0)
        return -1;

    return 0;
}
"""


@pytest.fixture
def repo(tmp_path):
    r = tmp_path / "repo"
    (r / "src").mkdir(parents=True)
    git(r, "init", "-q")
    (r / "src" / "virfoo.c").write_text(BASE_C)
    git(r, "add", "-A")
    git(r, "commit", "-q", "-m", "base", env={"GIT_AUTHOR_DATE": "2026-01-01T12:00:00"})
    return r


SAME = {"GIT_AUTHOR_DATE": "2026-02-01T12:00:00", "GIT_COMMITTER_NAME": "Test Author",
        "GIT_COMMITTER_EMAIL": "test@example.org"}


def lint(repo, *args):
    r = run_cli("--format=json", *args, cwd=str(repo))
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout), r


def lint_env(repo, env, *args):
    r = run_cli("--format=json", *args, cwd=str(repo), env=env)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout), r


def commit(repo, message, **files):
    for path, text in files.items():
        p = repo / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-s", "-m", message, env=SAME)
    return git(repo, "rev-parse", "HEAD").decode().strip()


def test_git_range_lints_each_commit_as_its_mail(repo):
    first = commit(repo, "foo: Add virFooNew", **{
        "src/virfoo.h": "int virFooNew(int flags);\n"})
    second = commit(repo, "foo: Tidy", **{"src/virbar.c": "int virBar(void);   \n"})
    found, r = lint(repo, "--git", "HEAD~2..HEAD")
    assert [(f["rule"], f["path"], f["commit"], f["patch"], f["input"]) for f in found] == [
        ("flags-type", "src/virfoo.h", first, 1, first[:12]),
        ("trailing-whitespace", "src/virbar.c", second, 1, second[:12])]
    assert found[0]["subject"] == "[PATCH 1/2] foo: Add virFooNew"
    # one revision means that commit
    found, _ = lint(repo, "--git", "HEAD")
    assert [f["rule"] for f in found] == ["trailing-whitespace"]
    # the annotated output names each commit by its short hash and subject
    out = run_cli("--git", "HEAD~2..HEAD", cwd=str(repo)).stdout
    assert f"{first[:12]}: [PATCH 1/2] foo: Add virFooNew" in out


def test_bad_range_is_one_line_and_exit_2(repo):
    r = run_cli("--git", "nosuchref..HEAD", cwd=str(repo))
    assert r.returncode == 2
    assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith("patchlint: nosuchref..HEAD")


def test_staged_and_worktree(repo):
    (repo / "src" / "virfoo.c").write_text(BASE_C.replace("virFooHelper(int a)",
                                                          "virFooHelper(int a, int flags)"))
    found, _ = lint(repo, "--worktree")
    assert [(f["rule"], f["line"]) for f in found] == [("flags-type", 10)]
    found, _ = lint(repo, "--staged")
    assert found == []                                  # nothing staged yet
    git(repo, "add", "src/virfoo.c")
    found, _ = lint(repo, "--staged")
    assert [(f["rule"], f["input"]) for f in found] == [("flags-type", "--staged")]
    git(repo, "reset", "-q", "--hard")
    r = run_cli("--staged", cwd=str(repo))
    assert r.returncode == 0 and r.stdout.strip() == "No findings in 0 patches."


def test_fix_worktree_edits_the_files(repo):
    (repo / "src" / "virfoo.c").write_text(BASE_C.replace("    return a;", "    return a;  "))
    r = run_cli("--worktree", "--fix", "--format=concise", cwd=str(repo))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "fixed 1 finding" in r.stdout
    assert (repo / "src" / "virfoo.c").read_text() == BASE_C


def _hunk_only_patch(repo, new_text, message="foo: change", context=1):
    (repo / "src" / "virfoo.c").write_text(new_text)
    git(repo, "commit", "-q", "-a", "-s", "-m", message, env=SAME)
    # one line of context: the hunk alone does not show what the rules need
    return git(repo, "format-patch", "-1", f"-U{context}", "--stdout")


def test_tree_context_shows_the_opening_line_out_of_the_hunk(repo):
    text = BASE_C.replace("        virFooHelper(4) < 0)",
                          "        virFooHelper(4) < 0 &&\n          virFooHelper(5) < 0)")
    patch = _hunk_only_patch(repo, text)
    assert b" if (" not in patch            # the opening line is not in the patch
    (repo / "p.patch").write_bytes(patch)
    rules = lambda *a: sorted(f["rule"] for f in lint(repo, *a, "p.patch")[0])
    assert rules("--no-tree") == []
    assert rules() == ["continuation-indent"]


def test_tree_context_sees_the_function_around_a_dropped_check(repo):
    import re
    text = BASE_C.replace("    virCheckFlags(0, -1);\n\n", "")
    patch = _hunk_only_patch(repo, text)
    # without git's function name in the hunk header (diff -u, a hand-edited patch), only the
    # tree can tell which function lost its check
    patch = re.sub(rb"(?m)^(@@ [^@]* @@).*$", rb"\1", patch)
    (repo / "p.patch").write_bytes(patch)
    found = lint(repo, "p.patch")[0]
    assert [(f["rule"], f["line"]) for f in found] == [("vircheckflags-dropped", 19)]
    assert "nothing checks `flags` in virFooDo() now" in found[0]["message"]
    found = lint(repo, "--no-tree", "p.patch")[0]
    assert "nothing checks `flags` in this function now" in found[0]["message"]


def test_tree_context_leaves_a_copyright_header_the_patch_does_not_show(repo):
    stale = BASE_C.replace("2019-2026", "2019-2020")
    _hunk_only_patch(repo, stale, "foo: an old header")
    patch = _hunk_only_patch(repo, stale.replace("return a;", "return a + 1;"))
    (repo / "p.patch").write_bytes(patch)
    # the tree shows the header to the rules, but the patch does not: no nit about it
    assert lint(repo, "p.patch")[0] == []
    # a change near the top of the file shows the notice: then the year is worth a nit
    patch = _hunk_only_patch(repo, stale.replace("helpers for foo", "helpers for foos"),
                             context=3)
    (repo / "p.patch").write_bytes(patch)
    assert [(f["rule"], f["line"]) for f in lint(repo, "p.patch")[0]] == \
        [("copyright-year", 4)]


def test_commit_msg_needs_a_signoff(repo, tmp_path):
    msg = tmp_path / "COMMIT_EDITMSG"
    msg.write_text("foo: Do a thing\n\nBecause.\n# Please enter the commit message\n")
    me = {"GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "test@example.org"}
    found, r = lint_env(repo, me, "--commit-msg", str(msg))
    assert [f["rule"] for f in found] == ["signed-off-by"] and r.returncode == 1
    msg.write_text("foo: Do a thing\n\nBecause.\n\nSigned-off-by: Test Author "
                   "<test@example.org>\n")
    found, r = lint_env(repo, me, "--commit-msg", str(msg))
    assert found == [] and r.returncode == 0
    other = {"GIT_AUTHOR_NAME": "Someone Else", "GIT_AUTHOR_EMAIL": "else@example.org"}
    found, _ = lint_env(repo, other, "--commit-msg", str(msg))
    assert [(f["rule"], f["severity"]) for f in found] == [("signed-off-by", "warning")]
