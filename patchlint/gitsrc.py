"""Inputs that come from git: a range of commits, the staged changes, the working tree.

Each is turned into the text git itself would produce (``git format-patch`` mails for commits,
``git diff`` for the index and the working tree) and read like any other input, so every rule
and reporter works on them unchanged.  Nothing here executes anything but git.
"""

from __future__ import annotations

import re
import subprocess

from .reader import InputError, read_input

ZERO = "0" * 40


class GitError(InputError):
    pass


def run_git(args, cwd=None, check=True) -> bytes:
    try:
        r = subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    except OSError as e:
        raise GitError(f"cannot run git: {e.strerror}") from None
    if check and r.returncode != 0:
        raise GitError(f"git {args[0]}: {_reason(r.stderr)}")
    return r.stdout


def _reason(stderr: bytes) -> str:
    """git's own reason for failing: its first "fatal:"/"error:" line (what follows is often
    a usage hint), else its last line."""
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    for ln in lines:
        for lead in ("fatal: ", "error: "):
            if ln.startswith(lead):
                return ln[len(lead):]
    return lines[-1] if lines else "failed"


def commits(spec: str, cwd=None):
    """The non-merge commits ``spec`` names, oldest first: ``A..B``, ``A...B`` or one revision
    (which means that commit alone, as ``git show`` would)."""
    if ".." in spec or spec.startswith("^") or " " in spec.strip():
        args = ["rev-list", "--reverse", "--no-merges", *spec.split()]
    else:
        args = ["rev-list", "--no-merges", "-1", spec]
    out = run_git(args, cwd).decode().split()
    return out


def read_range(spec: str, cwd=None):
    """One ReadResult per commit of ``spec``: its format-patch mail, its id on the patch."""
    results = []
    ids = commits(spec, cwd)
    if not ids:
        from .reader import ReadResult
        return [ReadResult(spec)]           # nothing in the range: nothing to say
    # one format-patch for the lot; each mail starts with "From <sha> Mon Sep 17 ..."
    if ".." in spec or " " in spec.strip() or spec.startswith("^"):
        mbox = run_git(["format-patch", "--stdout", "--full-index", *spec.split()], cwd)
    else:
        mbox = run_git(["format-patch", "--stdout", "--full-index", "-1", ids[0]], cwd)
    parts = re.split(rb"(?m)^(?=From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$)", mbox)
    for part in parts:
        if not part.strip():
            continue
        sha = part[5:45].decode()
        try:
            res = read_input(sha[:12], part)
        except InputError:
            continue                # an empty commit: nothing to check
        for p in res.patches:
            p.commit = sha
        results.append(res)
    return results


def read_staged(cwd=None):
    """The index against HEAD (or against nothing in a repository with no commit yet)."""
    head = run_git(["rev-parse", "--verify", "-q", "HEAD"], cwd, check=False).strip()
    args = ["diff", "--cached", "--full-index", "-M", "--no-color", "--no-ext-diff"]
    if not head:
        args.append(run_git(["hash-object", "-t", "tree", "/dev/null"], cwd).decode().strip())
    return _diff_input("--staged", run_git(args, cwd))


def read_worktree(cwd=None):
    """Everything not committed yet: the working tree against HEAD, and the files git does
    not track yet but does not ignore either (what ``git add -A`` would add), as new files."""
    head = run_git(["rev-parse", "--verify", "-q", "HEAD"], cwd, check=False).strip()
    base = "HEAD" if head else \
        run_git(["hash-object", "-t", "tree", "/dev/null"], cwd).decode().strip()
    top = run_git(["rev-parse", "--show-toplevel"], cwd).decode("utf-8", "surrogateescape")
    top = top.rstrip("\n")
    data = run_git(["diff", "--full-index", "-M", "--no-color", "--no-ext-diff", base], top)
    untracked = run_git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    for path in untracked.split(b"\0"):
        if path:
            # (exit status 1 means "they differ": check=False)
            data += run_git(["diff", "--no-index", "--full-index", "--no-color",
                             "--no-ext-diff", "--", "/dev/null",
                             path.decode("utf-8", "surrogateescape")], top, check=False)
    return _diff_input("--worktree", data)


def _diff_input(name, data):
    if not data.strip():
        from .reader import ReadResult
        return ReadResult(name)             # nothing changed: nothing to say
    res = read_input(name, data)
    for p in res.patches:
        p.live = True                       # written now: this year's copyright
    return res


def push_range(env, cwd=None):
    """(range, notice): the commits a push sends, from pre-commit's PRE_COMMIT_FROM_REF and
    PRE_COMMIT_TO_REF; ``range`` is None when there is nothing to judge, and ``notice`` a line
    for the user when the refs were not given.

    pre-commit gives no refs when a push sends a branch's whole history (a remote just added,
    nothing fetched from it).  Then the commits no remote-tracking branch has are the ones
    being published; with no remote-tracking branch at all there is nothing to compare with,
    and the whole history is not judged (a push must not be blocked by years of other
    people's commits).
    """
    src = env.get("PRE_COMMIT_FROM_REF") or env.get("PRE_COMMIT_ORIGIN")
    dst = env.get("PRE_COMMIT_TO_REF") or env.get("PRE_COMMIT_SOURCE")
    if dst and src and src != ZERO:
        return f"{src}..{dst}", None
    tip = dst or env.get("PRE_COMMIT_LOCAL_BRANCH") or "HEAD"
    if dst:
        return f"{tip} --not --remotes", None   # a new branch: what no remote has yet
    if not run_git(["for-each-ref", "--count=1", "refs/remotes"], cwd).strip():
        return None, ("no commit range from pre-commit and no remote-tracking branch to "
                      "compare with: nothing checked (use --git A..B to choose commits)")
    return f"{tip} --not --remotes", (f"no commit range from pre-commit: checking the "
                                      f"commits of {tip} that no remote-tracking branch has")


def read_commit_msg(name, data: bytes):
    """A commit message file (git's commit-msg hook) as a patch with no diff."""
    from .model import Patch
    from .reader import ReadResult, message_parts_from_text
    text = data.decode("utf-8", "surrogateescape")
    kept = []
    for line in text.split("\n"):
        if line.startswith("# ------------------------ >8"):
            break                       # git's scissors: what follows is not the message
        if not line.startswith("#"):
            kept.append(line)
    text = "\n".join(kept).strip("\n")
    subject, _, body = text.partition("\n")
    author = None
    try:
        ident = run_git(["var", "GIT_AUTHOR_IDENT"]).decode("utf-8", "replace").strip()
        author = re.sub(r"\s+\d+\s+[-+]\d{4}$", "", ident) or None
    except InputError:
        pass
    patch = Patch(input=name, index=1, kind="email", subject=subject.strip() or None,
                  author=author, live=True)
    patch.message, patch.message_src_no, patch.trailers = message_parts_from_text(body, 2)
    return ReadResult(name, [patch], 1)
