"""The README's promises: the rule table is the rulebook's (written by ``patchlint rules
--markdown --write README.md``), the quick start is what CI runs."""

import os
import re

from conftest import ROOT


def _readme():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return f.read()


def test_rule_table_is_the_one_patchlint_rules_writes():
    from patchlint.catalogue import all_rules
    from patchlint.commands import TABLE_END, TABLE_START, markdown_table, with_rule_table
    readme = _readme()
    assert TABLE_START in readme and TABLE_END in readme, "README lost its rules-table markers"
    assert with_rule_table(readme, markdown_table(all_rules())) == readme, \
        "README rule table is stale: run `patchlint rules --markdown --write README.md`"


def test_rules_write_puts_the_table_between_the_markers(tmp_path, capsys):
    from patchlint.commands import TABLE_END, TABLE_START, rules
    readme = _readme()
    stale = tmp_path / "README.md"
    head, rest = readme.split(TABLE_START, 1)
    stale.write_text(head + TABLE_START + rest.split("\n", 1)[0] + "\n| old |\n" + TABLE_END
                     + rest.split(TABLE_END, 1)[1], encoding="utf-8")
    assert rules(["--markdown", "--write", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == readme
    assert rules(["--markdown", "--write", str(stale)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{stale}: rule table rewritten",
                                                    f"{stale}: rule table up to date"]
    other = tmp_path / "NOTES.md"
    other.write_text("no table here\n", encoding="utf-8")
    assert rules(["--markdown", "--write", str(other)]) == 2
    assert other.read_text(encoding="utf-8") == "no table here\n"
    assert capsys.readouterr().err == (f"patchlint: error: {other}: no {TABLE_START} ... --> "
                                       f"and {TABLE_END} markers\n")


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
