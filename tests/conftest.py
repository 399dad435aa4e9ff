"""Shared helpers for the tests: run patchlint in-process or as a user would."""

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "samples")

# The slow tier: tests that drive real outside programs (git send-email, pre-commit, b4, pip,
# git itself over scratch repositories) or run many processes.  The quick tier,
# ``pytest -m "not integration"``, runs in seconds.
INTEGRATION_MODULES = {"test_hooks", "test_install", "test_b4", "test_git", "test_jobs",
                       "test_adversarial"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        if module in INTEGRATION_MODULES or "git_send_email" in item.fixturenames \
                or item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.integration)


def run_proc(*args, stdin=None, env=None, cwd=None):
    """Run ``python -m patchlint`` as a process of its own, as a user does; return its
    CompletedProcess (text)."""
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "patchlint", *args], input=stdin,
                          capture_output=True, text=True, env=full_env, cwd=cwd or ROOT)


def run_cli(*args, stdin=None, env=None, cwd=None):
    """Run the command line's own entry point (``patchlint.cli.main``) in this process, with
    stdin, stdout, stderr, the environment and the working directory it would have as a
    process; return a CompletedProcess (text).  The same code a user runs, without starting
    an interpreter each time; what only a real process shows (a closed pipe, -j's workers, the
    real stdout's encoding, hooks) is tested with run_proc.  PATCHLINT_TEST_PROCESS=1 runs
    every test through run_proc instead."""
    if os.environ.get("PATCHLINT_TEST_PROCESS"):
        return run_proc(*args, stdin=stdin, env=env, cwd=cwd)
    import contextlib
    import io

    from patchlint.cli import main
    data = stdin.encode("utf-8", "surrogateescape") if isinstance(stdin, str) else stdin or b""
    fake_in = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    saved_env = dict(os.environ)
    here = os.getcwd()
    streams = sys.stdin, sys.stdout, sys.stderr
    try:
        os.environ.pop("NO_COLOR", None)
        os.environ.update(env or {})
        os.chdir(cwd or ROOT)
        sys.stdin, sys.stdout, sys.stderr = fake_in, out, err
        with contextlib.suppress(SystemExit) as _:
            code = None
            try:
                code = main(list(map(str, args)))
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        os.chdir(here)
        os.environ.clear()
        os.environ.update(saved_env)
    out.flush()
    err.flush()

    def text(stream):
        return stream.buffer.getvalue().decode("utf-8", "surrogateescape")
    return subprocess.CompletedProcess(["patchlint", *args], code, text(out), text(err))


def run_settings(select=None, profile="glib", tree=False, options=None, **config):
    """A run's settings, resolved as the command line resolves them (no configuration file);
    ``options`` are rule options, ``{rule id: {option: value}}``."""
    from patchlint.config import Config
    from patchlint.settings import resolve
    cfg = Config(select=select, **config)
    cfg.profile = profile
    cfg.tree = tree
    cfg.options = {rid: dict(opts) for rid, opts in (options or {}).items()}
    return resolve(cfg)


def model_findings(patches, settings_=None, runner=None):
    """The model's findings for the patches of one input, straight from the runner (each
    patch's, then the series'), for tests of where findings point in the model; raises when a
    rule failed.  (What users see comes through lint_bytes, the run's own path.)"""
    from patchlint.engine import Runner
    runner = runner or Runner(settings_ or run_settings())
    out = []
    shared = {}
    for patch in patches:
        patch.shared = shared
        checked = runner.check(patch)
        assert not checked.errors, checked.errors
        out.extend(checked.findings)
    checked = runner.check_series(patches)
    assert not checked.errors, checked.errors
    return out + checked.findings


def lint_bytes(data: bytes, name="-", select=None, profile="glib", **config):
    """Findings for one input, in-process through the run's own path (fast): a list of
    JSON-shaped dicts, in report order."""
    from patchlint.report.jsonfmt import finding_dict
    from patchlint.run import findings
    return [finding_dict(f) for f in findings(name, data, run_settings(select, profile, **config))]


@pytest.fixture
def cli():
    return run_cli


def as_json(proc):
    return json.loads(proc.stdout)


def make_mail(body_lines, path="src/util/virfile.c", subject="[PATCH] util: Add a helper",
              author="Jane Developer <jane@example.org>", date="Thu, 1 Jan 2026 12:00:00 +0000",
              signoff=True, start=10, message="Explain why the change is needed."):
    """A format-patch mail whose single hunk holds ``body_lines`` (each with its prefix)."""
    old = sum(1 for ln in body_lines if ln[:1] in " -")
    new = sum(1 for ln in body_lines if ln[:1] in " +")
    sob = f"\nSigned-off-by: {author}\n" if signoff else "\n"
    text = (f"From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001\n"
            f"From: {author}\nDate: {date}\nSubject: {subject}\n"
            f"Message-Id: <20260101120000.1-1-jane@example.org>\n\n"
            f"{message}\n{sob}---\n"
            f" {path} | {len(body_lines)} +\n 1 file changed\n\n"
            f"diff --git a/{path} b/{path}\nindex 1111111..2222222 100644\n"
            f"--- a/{path}\n+++ b/{path}\n@@ -{start},{old} +{start},{new} @@\n"
            + "".join(ln + "\n" for ln in body_lines) + "-- \n2.39.5\n\n")
    return text


CLEAN = make_mail([" int", " virFileHelper(void)", " {",
                   "+    return 0;", " }"])
FLAGGED = make_mail([" static int", "-qemuFoo(virDomainPtr dom)",
                     "+qemuFoo(virDomainPtr dom, int flags)", " {"])


def git(cwd, *args, env=None, check=True):
    """Run git in ``cwd`` with a fixed identity; return its stdout (bytes)."""
    full_env = dict(os.environ)
    full_env.update({"GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "test@example.org",
                     "GIT_COMMITTER_NAME": "Test Committer",
                     "GIT_COMMITTER_EMAIL": "committer@example.org",
                     "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})
    if env:
        full_env.update(env)
    r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=full_env)
    if check and r.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {r.stderr.decode()}")
    return r.stdout


def base_tree(data: bytes, dest):
    """Write, under ``dest``, pre-images of every file the patch changes that it applies to.

    What the hunks show (context and removed lines) goes at its line numbers; lines no hunk
    shows are filler comments.  Enough for ``git am``/``git apply``, which check only context.
    """
    from patchlint.reader import read_input
    res = read_input("patch", data)
    for patch in res.patches:
        for fd in patch.files:
            if fd.is_new or fd.is_binary:
                continue
            known = {}
            for h in fd.hunks:
                for ln in h.lines:
                    if ln.kind != "+" and ln.old_no:
                        known[ln.old_no] = ln.text
            last = max(known) + 3 if known else 1
            path = os.path.join(dest, fd.old_path)
            os.makedirs(os.path.dirname(path) or dest, exist_ok=True)
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                for n in range(1, last + 1):
                    f.write(known.get(n, f"/* filler {n} */") + "\n")


@pytest.fixture(scope="session")
def git_send_email():
    """git send-email (Debian's git-email package; .ci/run installs it): the test is skipped,
    saying why, where it is missing."""
    r = subprocess.run(["git", "send-email", "-h"], capture_output=True)
    if b"send-email" not in r.stdout + r.stderr or b"not a git command" in r.stderr:
        pytest.skip("git send-email is not installed (Debian: apt-get install git-email)")
    return True


def check_locations(patches, findings):
    """Every finding points at a line the patch holds, within its hunk's range."""
    for f in findings:
        assert f.rule and f.severity in ("error", "warning", "note") and f.message
        assert f.patch is not None and f.patch in patches
        ln = f.line
        if ln is not None:
            hunk = ln.hunk
            assert f.file is hunk.file and hunk in f.file.hunks
            if f.series:        # a series finding holds a copy of its line (patchlint.apimodel)
                assert f.file.patch is f.patch
                assert f.file.path in [fd.path for fd in f.patch.files]
            else:
                assert f.file in f.patch.files
            assert hunk.lines[ln.index] is ln
            if ln.kind == "-":
                assert hunk.old_start <= ln.old_no < hunk.old_start + hunk.old_len, f
            else:
                assert hunk.new_start <= ln.new_no < hunk.new_start + hunk.new_len, f
            assert f.lineno == ln.number
            if f.start is not None:
                end = f.end if f.end is not None else f.start
                assert 0 <= f.start <= end <= len(ln.text), (f, f.start, f.end, ln.text)
        elif f.file is not None:
            assert f.file in f.patch.files
            if f.number is not None:
                assert any(h.new_start <= f.number <= h.new_start + h.new_len
                           for h in f.file.hunks), f
        else:
            assert f.lineno is None
