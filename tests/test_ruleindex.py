"""The generated rule index (patchlint/ruleindex.py) says what the rules' modules say, and
the rules made from it are the rules the modules declare."""

import os

from patchlint import catalogue, lazyrules


def test_the_rule_index_matches_the_rules():
    path = os.path.join(os.path.dirname(catalogue.__file__), "ruleindex.py")
    with open(path, encoding="utf-8") as f:
        shipped = f.read()
    assert shipped == lazyrules.index_text(catalogue.rules_package()), \
        "the rules changed: python -m patchlint.lazyrules --write-index"


def test_every_function_rule_is_indexed_and_loads_as_declared():
    from patchlint.ruleindex import RULES
    rules = [r for r in catalogue.all_rules() if r.kind not in ("pattern", None)]
    assert {r.module for r in rules} == set(RULES)
    for r in rules:
        assert isinstance(r, lazyrules.LazyRule)
        assert callable(r.fn) and r.doc           # imports the module, checks the entry
        assert lazyrules.rule_entry(r) == RULES[r.module]


def test_every_pattern_made_from_the_index_is_the_one_its_family_declares():
    import importlib
    pkg = catalogue.rules_package()
    patterns = [r for r in catalogue.all_rules() if r.kind == "pattern"]
    assert patterns and all(isinstance(p, lazyrules.LazyPattern) for p in patterns)
    for p in patterns:
        mod = importlib.import_module(f"{pkg.__name__}.{p.module}")
        real, = [q for q in mod.PATTERNS if q.id == p.id]
        assert p.family == mod.FAMILY.id
        for name in ("id", "regex", "message", "severity", "scope", "files", "exclude",
                     "unless", "needs", "replacement", "suggestion", "flags", "headline",
                     "syntax_check", "syntax_checks", "check_script", "check_scripts",
                     "profiles", "coding_style", "fixable", "options", "profile_options",
                     "what", "why", "bad", "good", "example_path", "doc"):
            assert getattr(p, name) == getattr(real, name), (p.id, name)


def test_families_made_from_the_index_are_the_declared_ones():
    import importlib
    pkg = catalogue.rules_package()
    from patchlint.ruleindex import FAMILIES
    for module in FAMILIES:
        fam = importlib.import_module(f"{pkg.__name__}.{module}").FAMILY
        made = catalogue.families()[fam.id]
        assert (made.id, made.title, made.rank) == (fam.id, fam.title, fam.rank)


def test_a_rule_whose_module_no_longer_matches_the_index_says_so():
    from patchlint.ruleindex import RULES
    module, entry = sorted(RULES.items())[0]
    other_kind = "file" if entry[1] == "line" else "line"
    rule = lazyrules.LazyRule(catalogue.rules_package().__name__, module,
                              (entry[0], other_kind) + entry[2:])
    try:
        rule.fn("anything")
    except RuntimeError as e:
        assert str(e) == (f"rules/{module}.py no longer matches patchlint/ruleindex.py "
                          "(python -m patchlint.lazyrules --write-index)")
    else:
        raise AssertionError("a stale entry was taken")


def test_a_function_rule_made_from_the_index_has_the_fields_its_module_declares():
    import importlib
    pkg = catalogue.rules_package()
    for r in catalogue.all_rules():
        if r.kind == "pattern" or r.family == "project":
            continue
        mod = importlib.import_module(f"{pkg.__name__}.{r.module}")
        real, = lazyrules.declared(mod)
        assert vars(r).keys() - {"_fn", "_package", "_entry"} == vars(real).keys() - {"fn"}
        for name in vars(real):
            if not name.startswith("_") and name != "module":
                assert getattr(r, name) == getattr(real, name), (r.id, name)
        assert r.fn is real.fn and r.doc == mod.__doc__


def test_with_jobs_a_rule_whose_module_fails_to_import_is_that_rule_s_error(tmp_path):
    """-j imports the rules before forking: a module that cannot be imported must not stop the
    run, any more than without -j."""
    import subprocess
    import sys
    code = (
        "import sys\n"
        "from patchlint import lazyrules\n"
        "real = lazyrules.LazyRule._import\n"
        "def broken(self):\n"
        "    if self.id == 'flags-type':\n"
        "        raise ImportError('no such module')\n"
        "    return real(self)\n"
        "lazyrules.LazyRule._import = broken\n"
        "from patchlint.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n")
    samples = os.path.join(os.path.dirname(__file__), "..", "samples")
    inputs = [os.path.join(samples, n) for n in ("flags-type.patch", "clean.patch")] * 4
    def run(jobs):
        return subprocess.run([sys.executable, "-c", code, "--isolated", "--format=concise",
                               f"-j{jobs}", *inputs], capture_output=True, text=True,
                              cwd=tmp_path)
    alone, shared = run(1), run(2)
    assert shared.returncode == alone.returncode == 2
    assert (shared.stdout, shared.stderr) == (alone.stdout, alone.stderr)
    assert "internal error in rule flags-type: ImportError: no such module" in shared.stderr


def test_a_module_edited_since_the_index_was_written_is_imported_at_start(monkeypatch):
    """In a source tree, a rule edited without writing the index again runs as written: the
    index keeps each module's size, and a module of another size is imported, not taken from
    the index."""
    ids = sorted(r.id for r in catalogue.all_rules())
    sizes = lazyrules.module_sizes(catalogue.rules_package())
    edited = dict(sizes, portability=sizes["portability"] + 1, flags_type=sizes["flags_type"] - 1)
    monkeypatch.setattr(lazyrules, "module_sizes", lambda pkg: edited)
    monkeypatch.setattr(catalogue, "module_sizes", lambda pkg: edited)
    monkeypatch.setattr(catalogue, "_RULES", None)
    monkeypatch.setattr(catalogue, "_FAMILIES", None)
    by_module = {}
    for r in catalogue.all_rules():
        by_module.setdefault(r.module, []).append(r)
    assert by_module["portability"] and not any(isinstance(r, lazyrules.LazyPattern)
                                                for r in by_module["portability"])
    flags, = by_module["flags_type"]
    assert not isinstance(flags, lazyrules.LazyRule)
    assert all(isinstance(r, (lazyrules.LazyRule, lazyrules.LazyPattern))
               for m, rules in by_module.items() if m not in ("portability", "flags_type")
               for r in rules)
    assert sorted(r.id for rules in by_module.values() for r in rules) == ids
