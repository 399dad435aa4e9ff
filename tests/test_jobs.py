"""Many inputs: -j checks them in parallel and prints results in input order."""

import json
import os
import re
import shutil

import pytest
from conftest import SAMPLES, make_mail, run_proc

PATCHES = sorted(os.path.join(SAMPLES, p) for p in os.listdir(SAMPLES)
                 if p.endswith(".patch"))


def _stable(text):
    # a reply's Date and Message-ID name the moment and the process that wrote it
    return re.sub(r"(?m)^(Date: .*|Message-ID: .*|From patchlint@localhost .*)$", "", text)


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif", "github", "b4",
                                 "b4-review", "reply"])
def test_parallel_output_is_the_sequential_output(fmt, tmp_path):
    files = []
    for p in PATCHES:
        files.append(shutil.copy(p, tmp_path))
    one = run_proc(f"--format={fmt}", "-j", "1", *files)
    two = run_proc(f"--format={fmt}", "-j", "2", *files)
    assert one.returncode == two.returncode == 1
    assert _stable(two.stdout) == _stable(one.stdout)
    assert two.stderr == one.stderr


def test_parallel_keeps_errors_in_input_order_and_exit_2(tmp_path):
    good = [shutil.copy(p, tmp_path) for p in PATCHES[:9]]
    bad = tmp_path / "notes.txt"
    bad.write_text("not a patch\n")
    args = good[:4] + [str(bad)] + good[4:]
    r = run_proc("--format=concise", "-j", "2", *args)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"patchlint: {bad}:1: not a patch: no diff, no patch "
                                     "mail and no quoted patch found"]
    assert r.stdout == run_proc("--format=concise", "-j", "1", *args).stdout


def test_ten_thousand_patches_in_one_call(tmp_path):
    names = []
    for i in range(10000):
        p = tmp_path / f"{i:05d}.patch"
        body = [" int a;", f"+int b{i};" + ("  " if i % 1000 == 7 else ""), " int c;"]
        p.write_text(make_mail(body, subject=f"[PATCH] util: change {i}"))
        names.append(p.name)
    r = run_proc("--format=json", *names, cwd=str(tmp_path))
    assert r.returncode == 1, r.stderr
    found = json.loads(r.stdout)
    assert [(f["input"], f["rule"]) for f in found] == \
        [(f"{i:05d}.patch", "trailing-whitespace") for i in range(7, 10000, 1000)]
