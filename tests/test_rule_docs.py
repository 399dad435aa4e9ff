"""Every rule documents itself, and the examples in its documentation are its first tests.

A bad example ("## Example") must draw exactly the findings of the ``findings`` block that
follows it (place, rule, message, fix: see patchlint.ruledoc) and a good one ("## Use
instead") none, with only that rule selected.
"""

import re

import pytest
from conftest import run_settings

from patchlint.catalogue import all_rules
from patchlint.ruledoc import (
    entries,
    example_bytes,
    example_lines,
    examples,
    reported,
    sections,
    wrapped,
)

RULES = all_rules()
EXAMPLES = [ex for spec in RULES for ex in examples(spec)]
REQUIRED = ("What it flags", "Why", "Example", "Use instead", "Origin")


@pytest.mark.parametrize("spec", RULES, ids=[s.id for s in RULES])
def test_rule_documents_itself(spec):
    secs = sections(spec.doc)
    missing = [s for s in REQUIRED if not secs.get(s, "").strip()]
    assert not missing, f"{spec.id}: docstring lacks {missing}"
    assert secs[""].strip(), f"{spec.id}: no summary line"
    bad = [e for e in examples(spec) if not e.good]
    good = [e for e in examples(spec) if e.good]
    assert bad and good, f"{spec.id}: needs a bad and a good example"
    if spec.fixable:
        assert secs.get("Fix", "").strip(), f"{spec.id}: fixable but says nothing of its fix"
    if spec.options:
        text = secs.get("Options", "")
        for opt in spec.options:
            assert f"``{opt}``" in text, f"{spec.id}: option {opt} is not documented"
    if spec.kind == "pattern":
        # said in words; the expression is a detail, under its own heading
        assert spec.what.strip(), f"{spec.id}: a pattern says what it flags with what="
        assert spec.regex not in secs["What it flags"], spec.id
        assert f"``{spec.regex}``" in secs.get("Details", ""), spec.id


def findings_of(data, name, select, profile):
    """The findings of one input as users see them (patchlint.ruledoc.Reported): the one
    place these tests call the engine."""
    from patchlint.run import findings
    return [reported(f) for f in findings(name, data, run_settings(select, profile))]


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_rule_example(ex):
    spec = next(s for s in RULES if s.id == ex.rule)
    # an era's rule is shown with its era's profile
    found = findings_of(example_bytes(ex), ex.name, [ex.rule],
                        spec.profiles[0] if spec.profiles else "glib")
    # the example shows the rule alone: no other finding but the one(s) it is about
    assert all(f.rule == ex.rule for f in found)
    got = [ln for f in found for ln in example_lines(f, ex, spec.severity)]
    if ex.good:
        assert got == [], f"good example of {ex.rule} drew findings: {got}"
        return
    block = "\n".join(["```findings"] + wrapped(got, 80) + ["```"])
    assert ex.findings, f"{ex.name}: no findings block after it; today it gives:\n{block}"
    assert entries(got) == entries(ex.findings), f"{ex.name} now gives:\n{block}"


def test_rule_ids_are_kebab_case_and_contract_ids_exist():
    ids = {s.id for s in RULES}
    for rid in ids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rid)
    contract = {"trailing-whitespace", "tab-indent", "flags-type", "flags-last",
                "vircheckflags-dropped", "vircheckflags-missing", "flag-enum-shift",
                "us-spelling", "bitwise-or-wording", "prefer-usleep", "continuation-indent",
                "copyright-year", "signed-off-by", "patch-corrupt", "split-patch"}
    assert contract <= ids
