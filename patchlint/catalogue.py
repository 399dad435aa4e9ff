"""The rule catalogue: find the rules of the rulebook and pick the ones a run wants.

The catalogue knows nothing about any particular rule: it imports every module of the
``patchlint.rules`` package (the ``rules/`` directory of the source tree) and takes the one
function each declares with :func:`patchlint.api.rule`, or, from a family's module (one that
declares ``FAMILY = Family(...)``), the family and its table of pattern rules (``PATTERNS``,
which may be empty).  Every rule is a :class:`~patchlint.rulespec.RuleMeta`; a pattern rule is
its :class:`~patchlint.patterns.Pattern`.  Selection (``--select``/``--ignore``, profiles, a
project's own patterns) is here too.

A hook runs patchlint once per mail, and importing ~100 rule modules is a good part of its
start-up: the rules the generated index knows (:mod:`patchlint.lazyrules`) are made from it,
their modules imported only when a rule is first run or its documentation read.  A module the
index does not know (a rule added since) is imported at once, as before.
"""

from __future__ import annotations

import importlib

from .config import Config, ConfigError
from .lazyre import lazy_re
from .lazyrules import (
    LazyPattern,
    LazyRule,
    declared,
    load_index,
    make_family,
    module_sizes,
    rules_package,
)
from .patterns import from_table
from .rulespec import Family, RuleMeta

# The family of the patterns a project's configuration defines
PROJECT = Family("project", "This project's own patterns", rank=100)

_RULES = None
_FAMILIES = None
_KEBAB = lazy_re(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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
    sizes = module_sizes(pkg)
    known_rules, known_families = load_index(sizes)
    for name in sorted(sizes):
        entry = known_rules.get(name)
        if entry is not None:
            specs.append(LazyRule(pkg.__name__, name, entry))
            continue
        entry = known_families.get(name)
        if entry is not None:
            family = make_family(entry)
            found_families[family.id] = family
            specs += [LazyPattern(pkg.__name__, name, family.id, e) for e in entry[3]]
            continue
        mod = importlib.import_module(f"{pkg.__name__}.{name}")
        found = declared(mod)
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


def _check(specs, known_families):
    """Ids kebab-case and unique, every rule in a declared family."""
    ids = [s.id for s in specs]
    bad = [i for i in ids if not _KEBAB.fullmatch(i)]
    if bad:
        raise RuntimeError(f"rule ids must be kebab-case: {bad}")
    seen = set()
    dup = {i for i in ids if i in seen or seen.add(i)}
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
