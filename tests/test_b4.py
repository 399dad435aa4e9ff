"""b4 driving patchlint: ``b4 prep --check`` (``--format=b4``) and b4 review's check command
runner (``--format=b4-review``), for real, in scratch repositories; then both formats alone.

b4 (0.16+, Python 3.11+) is taken from this Python when it has it (the ``test`` extra), else
installed once into a scratch virtualenv under the temporary directory.  Everything here runs
offline: ``b4 prep`` and its checks need no network.
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile

import pytest
from conftest import CLEAN, FLAGGED, SAMPLES, make_mail, run_proc

B4_REQUIREMENT = "b4>=0.16"
PATCHLINT = [sys.executable, "-m", "patchlint"]
RUN_B4 = "import sys; from b4.command import cmd; sys.argv[0] = 'b4'; sys.exit(cmd())"


def _has_b4(python):
    return os.path.exists(python) and subprocess.run(
        [python, "-c", "import b4.command, b4.review.checks"], capture_output=True).returncode == 0


@pytest.fixture(scope="session")
def b4_python():
    """A Python interpreter that has b4."""
    if _has_b4(sys.executable):
        return sys.executable
    venv = os.path.join(tempfile.gettempdir(), "patchlint-tests-b4-venv")
    python = os.path.join(venv, "bin", "python")
    if not _has_b4(python):
        subprocess.run([sys.executable, "-m", "venv", "--clear", venv], check=True,
                       capture_output=True)
        r = subprocess.run([python, "-m", "pip", "install", "-q", B4_REQUIREMENT],
                           capture_output=True, text=True)
        assert r.returncode == 0, f"cannot install {B4_REQUIREMENT}: {r.stderr[-3000:]}"
    assert _has_b4(python), "b4 installed but does not import"
    return python


class Repo:
    """A scratch git repository with its own HOME, git identity and b4 cache."""

    def __init__(self, root, b4_python):
        self.b4_python = b4_python
        self.path = os.path.join(root, "repo")
        home = os.path.join(root, "home")
        os.makedirs(self.path)
        os.makedirs(home)
        gitconfig = os.path.join(home, ".gitconfig")
        with open(gitconfig, "w") as f:
            f.write("[user]\n\tname = Jane Developer\n\temail = jane@example.org\n"
                    "[init]\n\tdefaultBranch = master\n")
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("GIT_", "XDG_", "B4_"))}
        self.env.update({"HOME": home, "GIT_CONFIG_GLOBAL": gitconfig,
                         "GIT_CONFIG_NOSYSTEM": "1",
                         "XDG_CONFIG_HOME": os.path.join(home, ".config"),
                         "XDG_CACHE_HOME": os.path.join(home, ".cache"),
                         "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
                         "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+00:00",
                         "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+00:00"})
        self.git("init", "-q")
        self.write("src/util/virfile.c", "int\nvirFileHelper(void)\n{\n    return 0;\n}\n")
        self.git("add", ".")
        self.git("commit", "-q", "-m", "Initial import")

    def run(self, args, stdin=None):
        return subprocess.run(args, cwd=self.path, env=self.env, capture_output=True,
                              text=True, input=stdin)

    def git(self, *args):
        r = self.run(["git", *args])
        assert r.returncode == 0, f"git {args}: {r.stderr}"
        return r.stdout

    def b4(self, *args):
        r = self.run([self.b4_python, "-c", RUN_B4, *args])
        return r.returncode, r.stdout + r.stderr

    def write(self, path, text):
        full = os.path.join(self.path, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)

    def commit(self, subject, path, text):
        """A commit as a contributor makes it: signed off, with a message body."""
        self.write(path, text)
        self.git("add", path)
        self.git("commit", "-q", "-s", "-m", subject, "-m", "Explain why it is needed.")


@pytest.fixture
def repo(tmp_path, b4_python):
    r = Repo(str(tmp_path), b4_python)
    code, out = r.b4("prep", "-n", "topic")
    assert code == 0, out
    assert "Created new branch b4/topic" in out
    return r


FLAGGED_C = "int\nvirFileHelper(int flags)\n{\n    return 0; \n}\n"
WARNED_C = ("int\nvirFileHelper(void)\n{\n    return 0;\n}\n\n"
            "int\nvirFileOther(unsigned int flags, int x)\n{\n"
            "    virCheckFlags(0, -1);\n    return x;\n}\n")
CLEAN_C = "int\nvirFileHelper(void)\n{\n    return 1;\n}\n"


def check_cmd(fmt):
    return shlex.join(PATCHLINT + [f"--format={fmt}"])


# -- b4 prep --check ------------------------------------------------------------------------

def test_b4_prep_check_shows_patchlint_errors(repo):
    repo.git("config", "b4.prep-perpatch-check-cmd", check_cmd("b4"))
    repo.commit("util: Take flags in virFileHelper", "src/util/virfile.c", FLAGGED_C)
    code, out = repo.b4("prep", "--check")
    assert code == 0, out
    assert "util: Take flags in virFileHelper" in out
    assert ("ERROR: src/util/virfile.c:2: `flags` is declared `int`; libvirt passes flags "
            "as `unsigned int` [flags-type]") in out
    assert "ERROR: src/util/virfile.c:4: trailing whitespace [trailing-whitespace]" in out
    assert "Success: 0, Warning: 0, Error: 2" in out


def test_b4_prep_check_passes_a_clean_change(repo):
    repo.git("config", "b4.prep-perpatch-check-cmd", check_cmd("b4"))
    repo.commit("util: Return 1 from virFileHelper", "src/util/virfile.c", CLEAN_C)
    code, out = repo.b4("prep", "--check")
    assert code == 0, out
    assert "Success: 1, Warning: 0, Error: 0" in out
    assert "ERROR:" not in out and "WARNING:" not in out


def test_b4_config_file_in_the_tree_and_a_series(tmp_path, b4_python):
    # the project ships the setting in .b4-config, as the README says; a three-patch series:
    # one clean, one with only a warning, one with errors
    r = Repo(str(tmp_path), b4_python)
    r.write(".b4-config", f"[b4]\n    prep-perpatch-check-cmd = {check_cmd('b4')}\n")
    r.git("add", ".b4-config")
    r.git("commit", "-q", "-m", "Add b4 config")
    code, out = r.b4("prep", "-n", "series")
    assert code == 0, out
    r.commit("util: Return 1 from virFileHelper", "src/util/virfile.c", CLEAN_C)
    r.commit("util: Add virFileOther", "src/util/virfile.c", WARNED_C)
    r.commit("util: Take flags in virFileHelper", "src/util/virfile.c", FLAGGED_C)
    code, out = r.b4("prep", "--check")
    assert code == 0, out
    assert ("WARNING: src/util/virfile.c:8: `flags` should be the last parameter of "
            "virFileOther(); `int x` follows it [flags-last]") in out
    assert "[flags-type]" in out and "[trailing-whitespace]" in out
    assert "Success: 1, Warning: 1, Error: 2" in out


# -- b4 review: the external check command runner -------------------------------------------

REVIEW_SCRIPT = r"""
import email, json, os, sys
import b4
from b4.review import checks
b4._setup_main_config()
perpatch, _series = checks.load_check_cmds()
msgs = []
for name in sys.argv[1:]:
    with open(name, "rb") as f:
        msg = email.message_from_bytes(f.read(), policy=b4.emlpolicy)
    msgs.append((msg["Message-Id"] or name, msg))
results = checks.run_perpatch_checks(msgs, perpatch, os.getcwd())
conn = checks.get_db()
for msgid, res in results.items():
    checks.store_results(conn, msgid, res)
cached = checks.get_cached_results(conn, [m for m, _ in msgs])
print(json.dumps({"cmds": perpatch, "results": [results[m] for m, _ in msgs],
                  "cached": [cached.get(m) for m, _ in msgs]}))
"""


def test_b4_review_check_command_results(repo, tmp_path):
    repo.git("config", "b4.review-perpatch-check-cmd", check_cmd("b4-review"))
    repo.commit("util: Take flags in virFileHelper", "src/util/virfile.c", FLAGGED_C)
    repo.commit("util: Return 1 from virFileHelper", "src/util/virfile.c", CLEAN_C)
    out = tmp_path / "out"
    repo.git("format-patch", "-q", "-o", str(out), "HEAD~2..HEAD")
    patches = sorted(str(p) for p in out.iterdir())
    r = repo.run([repo.b4_python, "-c", REVIEW_SCRIPT, *patches])
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["cmds"] == [check_cmd("b4-review")]
    (bad,), (good,) = data["results"]
    assert bad["tool"] == "patchlint" and bad["status"] == "fail"
    assert bad["summary"] == "2 errors; 2 fixable with patchlint --fix"
    details = json.loads(bad["details"])
    assert details == [
        {"status": "fail", "description": "ERROR: src/util/virfile.c:2: `flags` is declared "
                                          "`int`; libvirt passes flags as `unsigned int` "
                                          "[flags-type]"},
        {"status": "fail", "description": "ERROR: src/util/virfile.c:4: trailing whitespace "
                                          "[trailing-whitespace]"}]
    assert good == {"tool": "patchlint", "status": "pass", "summary": "passed all checks",
                    "url": None, "details": ""}
    # and b4's result cache keeps them as they are
    assert [c[0]["status"] for c in data["cached"]] == ["fail", "pass"]
    assert data["cached"][0][0]["details"] == bad["details"]


# -- the formats on their own: one mail on stdin, as b4 feeds it -----------------------------

def test_b4_format_prints_nothing_for_a_clean_patch():
    r = run_proc("--format=b4", stdin=CLEAN)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_b4_format_one_terse_line_per_finding():
    r = run_proc("--format=b4", stdin=FLAGGED)
    assert r.returncode == 1
    assert r.stdout == ("ERROR: src/util/virfile.c:11: `flags` is declared `int`; libvirt "
                        "passes flags as `unsigned int` [flags-type]\n")


def test_b4_format_warnings_notes_and_patch_level():
    mail = make_mail([" int x;", "+/* the job was cancelled */",
                      "+int virFoo(unsigned int flags, int x);"], signoff=False)
    r = run_proc("--format=b4", stdin=mail)
    assert r.returncode == 1
    assert r.stdout.splitlines() == [
        "ERROR: no Signed-off-by: line; sign off your work (git commit -s) [signed-off-by]",
        'WARNING: src/util/virfile.c:11: British spelling "cancelled" in a comment; US '
        'spelling is "canceled" [us-spelling]',
        "WARNING: src/util/virfile.c:12: `flags` should be the last parameter of virFoo(); "
        "`int x` follows it [flags-last]"]
    # a note alone: shown (as a warning, b4 has no lower level) but the exit status is 0
    note = make_mail([" int x;", "+/* the job was cancelled */"])
    r = run_proc("--format=b4", stdin=note)
    assert r.returncode == 0
    assert r.stdout.startswith("WARNING: src/util/virfile.c:11: British spelling")


def test_b4_format_unreadable_mail_says_why_on_stderr():
    r = run_proc("--format=b4", stdin="hello, this is no patch\n")
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.startswith("patchlint: -:") and "not a patch" in r.stderr


def test_b4_review_format_one_result_per_patch():
    r = run_proc("--format=b4-review", os.path.join(SAMPLES, "series.mbox"))
    assert r.returncode == 1
    results = json.loads(r.stdout)
    # the cover letter has no code: three patches, three results (3/3 has a warning and a
    # note, no error)
    assert [(x["tool"], x["status"]) for x in results] == [
        ("patchlint", "pass"), ("patchlint", "fail"), ("patchlint", "warn")]
    for x in results:
        assert set(x) == {"tool", "status", "summary", "url", "details"}
        assert x["url"] is None and "\n" not in x["summary"]
    assert results[1]["summary"].startswith("1 error, 1 warning")
    details = json.loads(results[1]["details"])
    assert [d["status"] for d in details] == ["fail", "warn"]
    assert all(d["description"].startswith(("ERROR: ", "WARNING: ")) for d in details)


def test_b4_review_format_warn_for_warnings_and_notes_only():
    note = make_mail([" int x;", "+/* the job was cancelled */"])
    r = run_proc("--format=b4-review", stdin=note)
    assert r.returncode == 0
    (x,) = json.loads(r.stdout)
    assert (x["status"], x["summary"]) == ("warn", "1 note; 1 fixable with patchlint --fix")


def test_b4_review_format_unreadable_mail_is_a_fail_result():
    r = run_proc("--format=b4-review", stdin="hello, this is no patch\n")
    assert r.returncode == 2
    (x,) = json.loads(r.stdout)
    assert x["status"] == "fail"
    assert x["summary"].startswith("could not read standard input: not a patch")
