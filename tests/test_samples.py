"""Each sample patch gives exactly the findings its ``.expected`` file lists.

``samples/NAME.EXT`` is checked with the default configuration; ``samples/NAME.expected`` lists
one finding per line as ``PATCH:PATH:LINE: RULE`` (PATCH is the 1-based message index in the
input, PATH and LINE are ``-`` for a patch-level finding); ``#`` starts a comment, and a first
line ``# profile: gnulib`` checks the sample with that profile (the 2012 tree's rules).  Missing
and extra findings both fail.
"""

import glob
import os
import re

import pytest
from conftest import SAMPLES, lint_bytes

INPUTS = sorted(p for p in glob.glob(os.path.join(SAMPLES, "*"))
                if not p.endswith((".expected", ".md")) and os.path.isfile(p))


def _key(f):
    path = f["path"] if f["path"] is not None else "-"
    line = f["line"] if f["line"] is not None else "-"
    return f"{f['patch']}:{path}:{line}: {f['rule']}"


def _expected(path):
    exp = os.path.splitext(path)[0] + ".expected"
    with open(exp, encoding="utf-8") as f:
        return sorted(ln.split("#", 1)[0].strip() for ln in f
                      if ln.split("#", 1)[0].strip())


def _profile(path):
    exp = os.path.splitext(path)[0] + ".expected"
    with open(exp, encoding="utf-8") as f:
        first = f.readline()
    m = re.match(r"#\s*profile:\s*(\w+)", first)
    return m.group(1) if m else "glib"


def test_there_are_samples_for_every_rule():
    from patchlint.catalogue import all_rules
    seen = set()
    for p in INPUTS:
        for key in _expected(p):
            seen.add(key.rsplit(" ", 1)[-1])
    missing = {s.id for s in all_rules()} - seen
    assert not missing, f"no sample shows {sorted(missing)}"
    assert any(_expected(p) == [] for p in INPUTS), "no clean sample"


@pytest.mark.parametrize("path", INPUTS, ids=[os.path.basename(p) for p in INPUTS])
def test_sample(path):
    with open(path, "rb") as f:
        data = f.read()
    got = sorted(_key(f) for f in lint_bytes(data, name=os.path.basename(path),
                                             profile=_profile(path)))
    assert got == _expected(path)


def test_outside_libvirt_sample_draws_libvirt_advice_once_inside_libvirt():
    """The clean libvirt-dbus sample is clean because of where its file lives: the same lines
    in a libvirt source directory are held to libvirt's internal helpers."""
    with open(os.path.join(SAMPLES, "outside-libvirt.patch"), "rb") as f:
        data = f.read()
    inside = data.replace(b"src/events.c", b"src/util/virevents.c")
    got = sorted((f["line"], f["rule"]) for f in lint_bytes(inside, name="inside.patch"))
    assert got == [(40, "prefer-streq"), (54, "prefer-vir-close"), (55, "no-atoi")]
