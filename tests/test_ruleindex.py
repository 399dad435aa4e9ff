"""The generated rule index (patchlint/ruleindex.py) says what the rules' declarations say."""

import os

from patchlint import catalogue


def test_the_rule_index_matches_the_rules():
    path = os.path.join(os.path.dirname(catalogue.__file__), "ruleindex.py")
    with open(path, encoding="utf-8") as f:
        shipped = f.read()
    assert shipped == catalogue.index_text(), \
        "the rules changed: python -m patchlint.catalogue --write-index"


def test_every_function_rule_is_indexed_and_loads_as_declared():
    from patchlint.ruleindex import RULES
    rules = [r for r in catalogue.all_rules() if r.kind != "pattern"]
    assert {r.module for r in rules} == set(RULES)
    for r in rules:
        assert isinstance(r, catalogue.LazyRule)
        assert callable(r.fn) and r.doc           # imports the module, checks the entry
        assert catalogue.index_entry(r) == RULES[r.module]
