"""How the rulebook is built: one way to declare a rule, families declared where they live,
rules that import only patchlint.api, and a rule's defaults under each profile
(RuleMeta.defaults, which the run's settings start each rule's options from)."""

import ast
import os
import sys

import pytest
from conftest import ROOT

from patchlint.api import Pattern, RuleMeta, RuleSpec, rule
from patchlint.catalogue import all_rules, families

RULES_DIR = os.path.join(ROOT, "rules")
MODULES = sorted(n for n in os.listdir(RULES_DIR) if n.endswith(".py"))


@pytest.mark.parametrize("name", MODULES)
def test_a_rule_module_imports_patchlint_api_and_the_standard_library_only(name):
    with open(os.path.join(RULES_DIR, name), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{name}: imports a sibling (from .{node.module})"
            mods = [node.module]
        elif isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        else:
            continue
        for mod in mods:
            top = mod.split(".")[0]
            assert mod == "patchlint.api" or top in sys.stdlib_module_names, \
                f"{name}: imports {mod}"


def test_every_rule_is_a_rulemeta_and_a_pattern_rule_is_its_own_spec():
    for spec in all_rules():
        assert isinstance(spec, RuleMeta), spec
        if spec.kind == "pattern":
            assert isinstance(spec, Pattern) and spec.pattern is spec and spec.fn is None
        else:
            assert isinstance(spec, RuleSpec) and spec.pattern is None and callable(spec.fn)
        assert spec.family in families(), spec.id


def test_families_are_declared_once_with_their_title_and_order():
    fams = families()
    ranked = sorted(fams.values(), key=lambda f: f.rank)
    assert [f.id for f in ranked] == ["review", "flags", "libc", "internals", "scripts",
                                      "portability", "types", "layout", "messages", "comments",
                                      "style", "patch", "project"]
    assert fams["patch"].title == "The patch mail itself"
    assert len({f.rank for f in ranked}) == len(ranked)


def test_a_pattern_severity_is_checked_as_a_rule_severity_is():
    with pytest.raises(ValueError, match="bad severity 'eror'"):
        Pattern("no-foo", r"\bfoo\(", "no foo()", severity="eror")
    with pytest.raises(ValueError, match="bad severity 'eror'"):
        rule("no-foo", severity="eror")
    assert Pattern("no-foo", r"\bfoo\(", "no foo()", severity="note").severity == "note"


def test_profile_options_must_name_options_of_the_rule():
    with pytest.raises(ValueError, match="unknown option"):
        rule("no-foo", severity="error", options={"function": "a"},
             profile_options={"glib": {"fucntion": "b"}})


def test_prefer_usleep_declares_its_glib_default_itself():
    spec = next(s for s in all_rules() if s.id == "prefer-usleep")
    assert spec.options == {"function": "usleep"}
    assert spec.profile_options == {"glib": {"function": "g_usleep"}}
    assert spec.defaults("glib") == {"function": "g_usleep"}
    assert spec.defaults("gnulib") == {"function": "usleep"}
    from patchlint.commands import explanation
    assert explanation(spec).endswith(
        "\nDefaults: prefer-usleep.function='usleep' (profile glib: 'g_usleep')\n")
