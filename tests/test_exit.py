"""The ``patchlint`` process leaves at once once its report is out (``cli.console``): every
byte of a long report still reaches a file or a pipe, and the exit status is the run's."""

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, run_cli

pytestmark = pytest.mark.integration


SAMPLES = sorted(os.path.join(ROOT, "samples", n) for n in os.listdir(
    os.path.join(ROOT, "samples")) if n.endswith((".patch", ".mbox")))


def test_a_long_report_written_to_a_file_is_whole_and_the_status_is_the_run_s(tmp_path):
    out = tmp_path / "report.json"
    args = ["--isolated", "--no-tree", "--format=json", *SAMPLES]
    with open(out, "wb") as f:
        r = subprocess.run([sys.executable, "-m", "patchlint", *args], stdout=f,
                           stderr=subprocess.PIPE, cwd=ROOT)
    inproc = run_cli(*args)
    assert r.stderr.decode() == inproc.stderr
    assert r.returncode == inproc.returncode == 1
    assert out.read_text() == inproc.stdout
    assert len(json.loads(out.read_text())) > 200


def test_a_clean_run_through_a_pipe_exits_0_with_its_summary():
    sample = os.path.join(ROOT, "samples", "clean.patch")
    r = subprocess.run(f"{sys.executable} -m patchlint --isolated {sample} | cat", shell=True,
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout == "No findings in 1 patch.\n"
