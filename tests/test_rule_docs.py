"""Every rule documents itself, and the examples in its documentation are its first tests.

A bad example ("## Example") must draw at least one finding from its rule (exactly ``expect``
when it says so) and a good one ("## Use instead") none, with only that rule selected.
"""

import re

import pytest
from conftest import lint_bytes

from patchlint.catalogue import all_rules
from patchlint.ruledoc import example_bytes, examples, sections

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


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_rule_example(ex):
    spec = next(s for s in RULES if s.id == ex.rule)
    # an era's rule is shown with its era's profile
    profile = spec.profiles[0] if spec.profiles else "glib"
    found = lint_bytes(example_bytes(ex), name=ex.name, select=[ex.rule], profile=profile)
    mine = [f for f in found if f["rule"] == ex.rule]
    if ex.good:
        assert mine == [], f"good example of {ex.rule} drew findings: {mine}"
    elif ex.expect is not None:
        assert len(mine) == ex.expect, mine
    else:
        assert mine, f"bad example of {ex.rule} drew no finding"
    # the example shows the rule alone: no other finding but the one(s) it is about
    assert all(f["rule"] == ex.rule for f in found)


def test_rule_ids_are_kebab_case_and_contract_ids_exist():
    ids = {s.id for s in RULES}
    for rid in ids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rid)
    contract = {"trailing-whitespace", "tab-indent", "flags-type", "flags-last",
                "vircheckflags-dropped", "vircheckflags-missing", "flag-enum-shift",
                "us-spelling", "bitwise-or-wording", "prefer-usleep", "continuation-indent",
                "copyright-year", "signed-off-by", "patch-corrupt", "split-patch"}
    assert contract <= ids
