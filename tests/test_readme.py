"""The README's promises: the rule table is the rulebook's, the quick start is what CI runs."""

import os
import re

from conftest import ROOT


def _readme():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return f.read()


def test_rule_table_is_generated_from_the_rulebook():
    from patchlint.catalogue import all_rules
    from patchlint.commands import markdown_table
    m = re.search(r"<!-- rules-table:[^\n]*-->\n(.*?)<!-- end rules-table -->", _readme(), re.S)
    assert m, "README lost its rules-table markers"
    assert m.group(1) == markdown_table(all_rules()), \
        "README rule table is stale: regenerate it with `patchlint rules --markdown`"


def test_quick_start_has_two_commands_and_ci_runs_the_second():
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", _readme(), re.S).group(1)
    commands = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(commands) == 2
    assert "patchlint samples/" in commands[0]
    with open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8") as f:
        ci = f.read()
    assert commands[1] in ci
    sample = re.search(r"patchlint (samples/\S+)", commands[0]).group(1)
    assert os.path.exists(os.path.join(ROOT, sample))
