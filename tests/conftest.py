"""Shared helpers for the tests: run patchlint in-process or as a user would."""

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "samples")



def run_cli(*args, stdin=None, env=None, cwd=None):
    """Run ``python -m patchlint`` as a subprocess; return CompletedProcess (text)."""
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "patchlint", *args], input=stdin,
                          capture_output=True, text=True, env=full_env, cwd=cwd or ROOT)


def lint_bytes(data: bytes, name="-", select=None, **config):
    """Findings for one input, in-process (fast): a list of JSON-shaped dicts."""
    from patchlint.config import Config
    from patchlint.engine import Runner
    from patchlint.reader import read_input
    from patchlint.report.jsonfmt import finding_dict
    cfg = Config(select=select, **config)
    runner = Runner(cfg)
    result = read_input(name, data)
    findings = runner.run(result.patches)
    assert not runner.errors, runner.errors
    return [finding_dict(f) for f in findings]


@pytest.fixture
def cli():
    return run_cli


def as_json(proc):
    return json.loads(proc.stdout)
