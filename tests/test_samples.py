"""Each sample patch gives exactly the findings its ``.expected`` file lists.

``samples/NAME.EXT`` is checked with the default configuration; ``samples/NAME.expected`` lists
its findings as patchlint.ruledoc writes them, one a line::

    1:src/qemu/qemu_driver.c:47:27: flags-type: `flags` is declared `int`; libvirt passes ...
        fix: "int" -> "unsigned int"
    3:-:-:-: signoff-identity (error): 'Signed-off-by: ...' has a localhost address; ...

``MAIL:PATH:LINE:COLUMN: RULE: MESSAGE``: MAIL is the 1-based message index in the input,
PATH, LINE and COLUMN are ``-`` where a finding has none (a finding about the whole mail), a
severity other than the rule's own follows RULE in parentheses, and a certain fix follows on
an indented line, the text it replaces and what replaces it as JSON strings.  A line starting
with ``#`` is a comment, and a first line ``# profile: gnulib`` checks the sample with that
profile (the 2012 tree's rules).  Missing, extra and different findings all fail.
"""

import glob
import os
import re

import pytest
from conftest import SAMPLES, lint_bytes, run_settings

from patchlint.catalogue import all_rules
from patchlint.ruledoc import entries, examples, reported, sample_lines

INPUTS = sorted(p for p in glob.glob(os.path.join(SAMPLES, "*"))
                if not p.endswith((".expected", ".md")) and os.path.isfile(p))
SEVERITY = {s.id: s.severity for s in all_rules()}
_RULE = re.compile(r"^[^:]+:[^:]*:[^:]+:[^:]+: ([a-z0-9-]+)(?: \(\w+\))?: ")


def findings_of(data, name, select, profile):
    """The findings of one input as users see them (patchlint.ruledoc.Reported): the one
    place these tests call the engine."""
    from patchlint.run import findings
    return [reported(f) for f in findings(name, data, run_settings(select, profile))]


def _expected(path):
    exp = os.path.splitext(path)[0] + ".expected"
    with open(exp, encoding="utf-8") as f:
        return [ln.rstrip("\n") for ln in f if ln.strip() and not ln.lstrip().startswith("#")]


def _profile(path):
    exp = os.path.splitext(path)[0] + ".expected"
    with open(exp, encoding="utf-8") as f:
        first = f.readline()
    m = re.match(r"#\s*profile:\s*(\w+)", first)
    return m.group(1) if m else "glib"


def test_every_rule_is_shown_by_a_sample_or_its_own_bad_example():
    """A rule costs one file: its docstring's bad examples are a sample of it; the samples
    are where rules meet in a realistic patch."""
    seen = set()
    for p in INPUTS:
        for first, *_ in entries(_expected(p)):
            m = _RULE.match(first)
            assert m, f"{p}: not a finding: {first!r}"
            seen.add(m.group(1))
    shown = {s.id for s in all_rules() if any(not ex.good for ex in examples(s))}
    missing = {s.id for s in all_rules()} - seen - shown
    assert not missing, f"no sample nor bad example shows {sorted(missing)}"
    assert seen - {s.id for s in all_rules()} == set()
    assert any(_expected(p) == [] for p in INPUTS), "no clean sample"


@pytest.mark.parametrize("path", INPUTS, ids=[os.path.basename(p) for p in INPUTS])
def test_sample(path):
    with open(path, "rb") as f:
        data = f.read()
    found = findings_of(data, os.path.basename(path), None, _profile(path))
    got = [ln for f in found for ln in sample_lines(f, SEVERITY[f.rule])]
    assert entries(got) == entries(_expected(path)), "today it gives:\n" + "\n".join(got)


def test_outside_libvirt_sample_draws_libvirt_advice_once_inside_libvirt():
    """The clean libvirt-dbus sample is clean because of where its file lives: the same lines
    in a libvirt source directory are held to libvirt's internal helpers."""
    with open(os.path.join(SAMPLES, "outside-libvirt.patch"), "rb") as f:
        data = f.read()
    inside = data.replace(b"src/events.c", b"src/util/virevents.c")
    got = sorted((f["line"], f["rule"]) for f in lint_bytes(inside, name="inside.patch"))
    assert got == [(40, "prefer-streq"), (54, "prefer-vir-close"), (55, "no-atoi")]
