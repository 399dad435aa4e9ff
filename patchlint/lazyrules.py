"""Rules known from the generated index, their modules imported when first needed.

A hook runs patchlint once per mail, and importing the ~100 modules of the rulebook costs more
than reading a small patch.  :mod:`patchlint.ruleindex` holds what each module declares: a
function rule's declaration (``RULE_FIELDS``), a family and its pattern rules (what running
them needs: ``PATTERN_FIELDS``; their documentation stays in the module).  It is generated
(``python -m patchlint.lazyrules --write-index``); tests/test_ruleindex.py checks that it says
what the modules say.  In a source tree, a module edited since the index was written is
imported at start, as one the index does not know (the index keeps each module's size); an
edit that keeps the size is caught when the rule's module is imported (the rule fails, saying
the index must be written again).  The catalogue makes a :class:`LazyRule` or
:class:`LazyPattern` of each entry: a function rule's module is imported when the engine first
calls the rule (see :class:`patchlint.engine.Runner`), a family's when a pattern's
documentation is read.
"""

from __future__ import annotations

import importlib
import os
import sys

from .patterns import Pattern
from .rulespec import Family, RuleSpec

# A function rule's declaration as the index holds it: RuleSpec's fields, in this order
RULE_FIELDS = ("id", "kind", "params", "needs", "severity", "files", "exclude",
               "syntax_check", "check_script", "fixable", "options", "profile_options",
               "family", "profiles", "coding_style")
# A pattern rule as the index holds it: what the engine and the reporters read
PATTERN_FIELDS = ("id", "regex", "message", "severity", "scope", "files", "exclude", "unless",
                  "needs", "replacement", "suggestion", "flags", "headline", "syntax_check",
                  "check_script", "profiles", "coding_style")
# ... and what only its documentation reads, left in its module
_PATTERN_DOC_FIELDS = ("what", "why", "bad", "good", "example_path")


def declared(mod) -> list:
    """The function rules a module declares (:func:`patchlint.api.rule`)."""
    return [v.__patchlint_rule__ for v in vars(mod).values()
            if callable(v) and hasattr(v, "__patchlint_rule__")
            and getattr(v, "__module__", None) == mod.__name__]


def _fields(spec, names) -> tuple:
    values = dict(vars(spec), syntax_check=spec.syntax_checks, check_script=spec.check_scripts)
    return tuple(values[f] for f in names)


def rule_entry(spec: RuleSpec) -> tuple:
    """A function rule's declaration, as the index holds it."""
    return _fields(spec, RULE_FIELDS)


def pattern_entry(pat: Pattern) -> tuple:
    """A pattern rule, as the index holds it."""
    return _fields(pat, PATTERN_FIELDS)


def family_entry(mod) -> tuple:
    """A family's module, as the index holds it: (id, title, rank, its patterns' entries)."""
    fam = mod.FAMILY
    return (fam.id, fam.title, fam.rank,
            tuple(pattern_entry(p) for p in getattr(mod, "PATTERNS", ())))


def _stale(module):
    return RuntimeError(f"rules/{module}.py no longer matches patchlint/ruleindex.py "
                        "(python -m patchlint.lazyrules --write-index)")


class LazyRule(RuleSpec):
    """A function rule known from the index: its module is imported when the engine first
    runs it (``fn``) or its documentation is read (``doc``)."""

    def __init__(self, package, module, entry):
        # (not RuleSpec.__init__: its checks were made when the index was written, and the
        # entry holds the fields as it leaves them)
        fields = dict(zip(RULE_FIELDS, entry))
        syntax, scripts = fields.pop("syntax_check"), fields.pop("check_script")
        vars(self).update(fields, syntax_check=syntax[0] if syntax else None,
                          syntax_checks=syntax, check_script=scripts[0] if scripts else None,
                          check_scripts=scripts, options=dict(fields["options"]),
                          profile_options={p: dict(o) for p, o in
                                           fields["profile_options"].items()},
                          module=module, _doc=None, _fn=None, _package=package,
                          _entry=entry)

    @property
    def deferred(self) -> bool:
        """Is its module still to be imported?"""
        return self._fn is None

    @property
    def fn(self):
        if self._fn is None:
            self._import()
        return self._fn

    @fn.setter
    def fn(self, value):
        self._fn = value

    @property
    def doc(self) -> str:
        if self._doc is None:
            self._import()
        return self._doc

    @doc.setter
    def doc(self, text):
        self._doc = text

    def _import(self):
        mod = importlib.import_module(f"{self._package}.{self.module}")
        found = declared(mod)
        if len(found) != 1 or rule_entry(found[0]) != self._entry:
            raise _stale(self.module)
        self._doc = mod.__doc__ or ""
        self._fn = found[0].fn


class LazyPattern(Pattern):
    """A pattern rule known from the index: runnable as it is; its module (the family's) is
    imported when its documentation is first read."""

    def __init__(self, package, module, family, entry):
        # (not Pattern.__init__: the entry holds what it works out, the needs included)
        fields = dict(zip(PATTERN_FIELDS, entry))
        syntax, scripts = fields.pop("syntax_check"), fields.pop("check_script")
        vars(self).update(fields, syntax_check=syntax[0] if syntax else None,
                          syntax_checks=syntax, check_script=scripts[0] if scripts else None,
                          check_scripts=scripts, family=family, module=module,
                          fixable=fields["replacement"] is not None, options={},
                          profile_options={}, _doc=None, _re=None, _unless=None,
                          _package=package, _entry=entry, _documented=None)

    def _source(self) -> Pattern:
        """The pattern as its family's module declares it."""
        if self._documented is None:
            mod = importlib.import_module(f"{self._package}.{self.module}")
            found = [p for p in getattr(mod, "PATTERNS", ()) if p.id == self.id]
            if len(found) != 1 or pattern_entry(found[0]) != self._entry:
                raise _stale(self.module)
            self._documented = found[0]
        return self._documented


def _documentation(name):
    return property(lambda self: getattr(self._source(), name))


for _name in _PATTERN_DOC_FIELDS:
    setattr(LazyPattern, _name, _documentation(_name))


def rules_package():
    """The ``patchlint.rules`` package: installed, or the source tree's ``rules/``."""
    try:
        return importlib.import_module("patchlint.rules")
    except ModuleNotFoundError:
        pass
    from importlib import util as imputil  # noqa: PLC0415 (lazy: a source tree only)
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(os.path.dirname(here), "rules")
    spec = imputil.spec_from_file_location(
        "patchlint.rules", os.path.join(path, "__init__.py"),
        submodule_search_locations=[path])
    mod = imputil.module_from_spec(spec)
    sys.modules["patchlint.rules"] = mod
    spec.loader.exec_module(mod)
    return mod


def module_sizes(pkg) -> dict:
    """{module: its source's size in bytes} of the rules package."""
    out = {}
    for d in pkg.__path__:
        with os.scandir(d) as entries:
            for e in entries:
                n = e.name
                if n.endswith(".py") and not n.startswith("_"):
                    out[n[:-3]] = e.stat().st_size
    return out


def load_index(sizes):
    """(function rules' entries, families' entries) by module, from the generated index, for
    the modules whose source is the size it was when the index was written (``sizes``: see
    :func:`module_sizes`): one edited since is imported as the index did not know it."""
    try:
        from .ruleindex import FAMILIES, RULES, SIZES  # noqa: PLC0415 (generated)
    except ImportError:
        return {}, {}
    if SIZES != sizes:
        fresh = {m for m, n in sizes.items() if SIZES.get(m) == n}
        return ({m: e for m, e in RULES.items() if m in fresh},
                {m: e for m, e in FAMILIES.items() if m in fresh})
    return RULES, FAMILIES


def make_family(entry) -> Family:
    fid, title, rank, _ = entry
    return Family(fid, title, rank=rank)


def index_text(pkg) -> str:
    """The text of :mod:`patchlint.ruleindex` for the rules as they are (imported)."""
    rules, fams = [], []
    sizes = module_sizes(pkg)
    for name in sorted(sizes):
        mod = importlib.import_module(f"{pkg.__name__}.{name}")
        if getattr(mod, "FAMILY", None) is not None:
            fams.append(f"    {name!r}: {family_entry(mod)!r},")
            continue
        found = declared(mod)
        if len(found) == 1:
            rules.append(f"    {name!r}: {rule_entry(found[0])!r},")
    return "\n".join([
        '"""What each module under ``rules/`` declares (see :mod:`patchlint.lazyrules`, which',
        "reads it and makes it: ``python -m patchlint.lazyrules --write-index``).  Generated: do",
        'not edit."""', "", "RULES = {", *rules, "}", "", "FAMILIES = {", *fams, "}", "",
        "# each module's size when this was written: a module edited since is imported",
        f"SIZES = {dict(sorted(sizes.items()))!r}", ""])


if __name__ == "__main__":
    if sys.argv[1:] != ["--write-index"]:
        sys.exit("usage: python -m patchlint.lazyrules --write-index")
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ruleindex.py"),
              "w", encoding="utf-8") as f:
        f.write(index_text(rules_package()))
