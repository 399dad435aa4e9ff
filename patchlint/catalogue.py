"""The rule catalogue: find the rules of the rulebook and pick the ones a run wants.

The catalogue knows nothing about any particular rule: it imports every module of the
``patchlint.rules`` package (the ``rules/`` directory of the source tree) and takes the one
function each declares with :func:`patchlint.api.rule`, or, from a family's module (one that
declares ``FAMILY = Family(...)``), the family and its table of pattern rules (``PATTERNS``,
which may be empty).  Every rule is a :class:`~patchlint.rulespec.RuleMeta`; a pattern rule is
its :class:`~patchlint.patterns.Pattern`.  Selection (``--select``/``--ignore``, profiles, a
project's own patterns) is here too.

A hook runs patchlint once per mail, and importing ~100 rule modules is a good part of its
start-up: :mod:`patchlint.ruleindex` (generated: ``python -m patchlint.catalogue --write-index``,
and tests/test_ruleindex.py checks it matches the rules) holds what the rule functions'
declarations say, so a function rule's module is imported only when the rule is first run or
its documentation read.  A module the index does not know (a family's table, a rule added
since) is imported at once, as before.
"""

from __future__ import annotations

import importlib
import os
import sys
from importlib import util as imputil

from .config import Config, ConfigError
from .lazyre import lazy_re
from .patterns import from_table
from .rulespec import Family, RuleMeta, RuleSpec

# The family of the patterns a project's configuration defines
PROJECT = Family("project", "This project's own patterns", rank=100)

_RULES = None
_FAMILIES = None
_KEBAB = lazy_re(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def rules_package():
    """The ``patchlint.rules`` package: installed, or the source tree's ``rules/``."""
    try:
        return importlib.import_module("patchlint.rules")
    except ModuleNotFoundError:
        pass
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(os.path.dirname(here), "rules")
    spec = imputil.spec_from_file_location(
        "patchlint.rules", os.path.join(path, "__init__.py"),
        submodule_search_locations=[path])
    mod = imputil.module_from_spec(spec)
    sys.modules["patchlint.rules"] = mod
    spec.loader.exec_module(mod)
    return mod


def all_rules() -> list[RuleMeta]:
    """Every rule of the rulebook, sorted by id (imported once per process)."""
    if _RULES is None:
        _load()
    return _RULES


def families() -> dict:
    """{family id: :class:`Family`} of the rulebook's families, the project's included."""
    if _FAMILIES is None:
        _load()
    return _FAMILIES


def _load():
    global _RULES, _FAMILIES
    pkg = rules_package()
    specs = []
    found_families = {PROJECT.id: PROJECT}
    names = sorted(n[:-3] for d in pkg.__path__ for n in os.listdir(d)
                   if n.endswith(".py") and not n.startswith("_"))
    index = _index()
    for name in names:
        entry = index.get(name)
        if entry is not None:
            specs.append(LazyRule(pkg.__name__, name, entry))
            continue
        mod = importlib.import_module(f"{pkg.__name__}.{name}")
        found = [v.__patchlint_rule__ for v in vars(mod).values()
                 if callable(v) and hasattr(v, "__patchlint_rule__")
                 and getattr(v, "__module__", None) == mod.__name__]
        family = getattr(mod, "FAMILY", None)
        if family is not None:
            # a family's module: the family, and its table of pattern rules (data, not code)
            if found:
                raise RuntimeError(f"rules/{name}.py declares a family: its rules are patterns "
                                   "or modules of their own")
            if family.id in found_families:
                raise RuntimeError(f"rules/{name}.py declares family {family.id!r} again")
            found_families[family.id] = family
            for pat in getattr(mod, "PATTERNS", ()):
                pat.module = name
                pat.family = family.id
                specs.append(pat)
            continue
        if len(found) != 1:
            raise RuntimeError(f"rules/{name}.py must declare exactly one rule, "
                               f"found {len(found)}")
        spec = found[0]
        spec.doc = mod.__doc__ or ""
        spec.module = name
        specs.append(spec)
    _check(specs, found_families)
    specs.sort(key=lambda s: s.id)
    _RULES, _FAMILIES = specs, found_families


def _index() -> dict:
    """{module: its rule's declaration} from the generated index (empty without one)."""
    try:
        from .ruleindex import RULES  # noqa: PLC0415 (generated; may be absent)
    except ImportError:
        return {}
    return RULES


# A function rule's declaration as the index holds it: RuleSpec's fields, in this order
INDEX_FIELDS = ("id", "kind", "params", "needs", "severity", "files", "exclude",
                "syntax_check", "check_script", "fixable", "options", "profile_options",
                "family", "profiles", "coding_style")


def index_entry(spec: RuleSpec) -> tuple:
    """A function rule's declaration, as :mod:`patchlint.ruleindex` holds it."""
    values = dict(vars(spec), syntax_check=spec.syntax_checks, check_script=spec.check_scripts)
    return tuple(values[f] for f in INDEX_FIELDS)


class LazyRule(RuleSpec):
    """A function rule known from the index: its module is imported when the engine first
    runs it (``fn``) or its documentation is read (``doc``)."""

    def __init__(self, package, module, entry):
        fields = dict(zip(INDEX_FIELDS, entry))
        rid = fields.pop("id")
        self._fn = None
        self._package = package
        super().__init__(rid, fn=None, doc=None, **fields)
        self._entry = entry
        self.module = module

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
        found = [v.__patchlint_rule__ for v in vars(mod).values()
                 if callable(v) and hasattr(v, "__patchlint_rule__")
                 and getattr(v, "__module__", None) == mod.__name__]
        if len(found) != 1 or index_entry(found[0]) != self._entry:
            raise RuntimeError(f"rules/{self.module}.py no longer matches patchlint/ruleindex.py "
                               "(python -m patchlint.catalogue --write-index)")
        self._doc = mod.__doc__ or ""
        self._fn = found[0].fn


def index_text() -> str:
    """The text of :mod:`patchlint.ruleindex` for the rules as they are (imported)."""
    pkg = rules_package()
    lines = ['"""What each function rule\'s declaration says, by module under ``rules/``: made by',
             "``python -m patchlint.catalogue --write-index``, read by :mod:`patchlint.catalogue`",
             '(fields: its ``INDEX_FIELDS``).  Generated: do not edit."""', "", "RULES = {"]
    names = sorted(n[:-3] for d in pkg.__path__ for n in os.listdir(d)
                   if n.endswith(".py") and not n.startswith("_"))
    for name in names:
        mod = importlib.import_module(f"{pkg.__name__}.{name}")
        if getattr(mod, "FAMILY", None) is not None:
            continue
        found = [v.__patchlint_rule__ for v in vars(mod).values()
                 if callable(v) and hasattr(v, "__patchlint_rule__")
                 and getattr(v, "__module__", None) == mod.__name__]
        if len(found) == 1:
            lines.append(f"    {name!r}: {index_entry(found[0])!r},")
    lines += ["}", ""]
    return "\n".join(lines)


def _check(specs, known_families):
    """Ids kebab-case and unique, every rule in a declared family."""
    ids = [s.id for s in specs]
    bad = [i for i in ids if not _KEBAB.fullmatch(i)]
    if bad:
        raise RuntimeError(f"rule ids must be kebab-case: {bad}")
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise RuntimeError(f"duplicate rule ids: {sorted(dup)}")
    strays = sorted({f"{s.id} ({s.family})" for s in specs if s.family not in known_families})
    if strays:
        raise RuntimeError(f"rules of an undeclared family: {', '.join(strays)}")


def rule_by_name(name: str) -> RuleMeta | None:
    for spec in all_rules():
        if name in (spec.id, spec.module) or name in spec.origins:
            return spec
    return None


def token_matches(spec: RuleMeta, token: str) -> bool:
    """Does a --select/--ignore token (id, syntax-check name, check script's name, family,
    prefix-, ALL) name it?"""
    token = token.strip()
    if token.upper() == "ALL":
        return True
    if token in (spec.id, spec.family) or token in spec.origins:
        return True
    return token.endswith("-") and spec.id.startswith(token) or \
        (token.endswith("*") and spec.id.startswith(token[:-1]))


def project_rules(config: Config) -> list[RuleMeta]:
    """The pattern rules a project's configuration defines ([tool.patchlint.patterns.*])."""
    out = []
    for rid, table in (config.patterns or {}).items():
        try:
            pat = from_table(rid, table)
        except ValueError as e:
            raise ConfigError(f"{config.source or 'configuration'}: patterns.{rid}: {e}") \
                from None
        pat.module = "(configuration)"
        pat.family = PROJECT.id
        out.append(pat)
    return out


def select_rules(config: Config) -> list[RuleMeta]:
    rules = all_rules() + project_rules(config)
    for token in list(config.select or []) + list(config.ignore) + list(config.extend_select):
        if not any(token_matches(s, token) for s in rules):
            raise ConfigError(f"unknown rule {token!r} (see 'patchlint rules')")
    wanted = list(config.select or []) + list(config.extend_select)

    def era(s):
        return s.profiles is None or config.profile in s.profiles

    def in_profile(s):
        # A rule of another era runs only when named outright: by its id, or by a
        # syntax-check name that no rule of this era answers to (where the advice differs,
        # the name stands for this era's rule: sc_prohibit_raw_allocation is prefer-g-alloc
        # today, prefer-vir-alloc in 2012); a check script's name likewise.
        if era(s) or s.id in wanted:
            return True
        return any(name in wanted and not any(era(o) for o in rules if name in o.origins)
                   for name in s.origins)
    chosen = [s for s in rules
              if in_profile(s)
              and (config.select is None or any(token_matches(s, t) for t in config.select)
                   or any(token_matches(s, t) for t in config.extend_select))
              and not any(token_matches(s, t) for t in config.ignore)]
    return chosen


if __name__ == "__main__":
    if sys.argv[1:] != ["--write-index"]:
        sys.exit("usage: python -m patchlint.catalogue --write-index")
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ruleindex.py"),
              "w", encoding="utf-8") as f:
        f.write(index_text())
