"""A fresh copy of the project installs into a fresh venv and works there, rules included.

This builds a wheel the way a user's ``pip install .`` does and runs the installed command from
outside the source tree, so a rule missing from the wheel (the ``rules/`` package mapping) or
a missing dependency fails here.
"""

import os
import shutil
import subprocess
import venv

from conftest import ROOT


def test_pip_install_into_fresh_venv(tmp_path):
    src = tmp_path / "src"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        if not os.path.exists(os.path.join(ROOT, rel)):
            continue            # deleted in the working tree
        dst = src / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(os.path.join(ROOT, rel), dst)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    pip = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(src)],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr[-3000:]
    shutil.rmtree(src)            # the installed copy must not lean on the sources
    exe = str(bin_dir / "patchlint")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("patchlint ")
    rules = subprocess.run([exe, "rules"], capture_output=True, text=True, cwd=tmp_path)
    assert rules.returncode == 0
    assert "vircheckflags-dropped" in rules.stdout
    where = subprocess.run([str(bin_dir / "python"), "-c",
                            "import patchlint.rules, os; print(patchlint.rules.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert str(env_dir) in where.stdout
    with open(os.path.join(ROOT, "samples", "flags-type.patch"), "rb") as f:
        sample = f.read()
    run = subprocess.run([exe, "--format=concise", "-"], input=sample, capture_output=True,
                         cwd=tmp_path)
    assert run.returncode == 1 and b"[flags-type]" in run.stdout
    series = os.path.join(ROOT, "samples", "followup-series")
    follow = subprocess.run([exe, "followup", "--format=concise", "--no-tree",
                             os.path.join(series, "thread.mbox"),
                             os.path.join(series, "v2.mbox")], capture_output=True, text=True,
                            cwd=tmp_path)
    assert follow.returncode == 1 and "open: No need for a timespec" in follow.stdout
