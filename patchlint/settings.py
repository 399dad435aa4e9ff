"""A run's settings, resolved once against the rulebook.

:mod:`patchlint.config` reads a configuration file and checks its shape; the command line lays
its own choices over it.  :func:`resolve` then checks what only the rulebook can tell (the rule
names, each rule's options and their types, the profile) and builds everything a run needs:
the rules chosen, each rule's options and severity, what is excluded or ignored.  Errors are
:class:`~patchlint.config.ConfigError`, one line naming the file and line, or the command-line
option, where the mistake was made.
"""

from __future__ import annotations

from .catalogue import all_rules, rule_by_name, select_rules, token_matches
from .config import PROFILES, SEVERITIES, ConfigError


class Settings:
    """What a run needs to know, resolved: ``rules`` (the chosen ones, a project's own patterns
    included), ``options`` and ``severity`` by rule id, ``fail_on``, ``profile``, ``tree``,
    ``exclude``, ``per_path_ignore``, and ``source`` (the configuration file, if any)."""

    def __init__(self, config, rules, options, severity):
        self.rules = rules
        self.options = options
        self.severity = severity
        self.fail_on = config.fail_on
        self.profile = config.profile
        self.tree = config.tree
        self.exclude = list(config.exclude)
        self.per_path_ignore = dict(config.per_path_ignore)
        self.source = config.source

    def options_for(self, spec) -> dict:
        """A rule's options: its own defaults, its profile's, then the user's."""
        return self.options.get(spec.id) or _defaults(spec, self.profile)


def resolve(config) -> Settings:
    """Check ``config`` against the rulebook and build the run's :class:`Settings`."""
    if config.fail_on not in SEVERITIES + ("never",):
        raise ConfigError(f"fail-on: expected error, warning, note or never, "
                          f"not {config.fail_on!r}")
    if config.profile not in PROFILES:
        raise ConfigError(f"profile: expected {' or '.join(PROFILES)}, not {config.profile!r}")
    for rid, sev in config.severity.items():
        if sev not in SEVERITIES:
            raise ConfigError(f"severity.{rid}: expected error, warning or note, not {sev!r}")
    if config.named:
        _check_file_names(config)
    rules = select_rules(config)
    own = {s.id: s for s in rules if s.family == "project"}
    find = own.get

    def spec_of(name):
        return find(name) or rule_by_name(name)
    severity = {}
    for rid, sev in config.severity.items():
        spec = spec_of(rid)
        if spec is None:
            raise ConfigError(f"unknown rule {rid!r} in configuration")
        severity[spec.id] = sev
    config.check_options(spec_of)
    options = {}
    for spec in rules:
        merged = _defaults(spec, config.profile)
        merged.update(config.options.get(spec.id, {}))
        options[spec.id] = merged
    return Settings(config, rules, options, severity)


def _defaults(spec, profile) -> dict:
    """A rule's own defaults, with what its declaration says its profile changes."""
    return spec.defaults(profile)


def _check_file_names(config):
    """Every rule the configuration file names exists (one line naming file, line and key)."""
    data, prefix, where = config.named, config.prefix, config.where
    rules = all_rules()
    own = set(data.get("patterns", {}))

    def known(rid):
        return rid in own or rule_by_name(rid) is not None
    for key in ("select", "ignore", "extend-select"):
        for token in data.get(key, []):
            if token not in own and not any(token_matches(s, token) for s in rules):
                raise ConfigError(where(key, f"'{prefix}{key}': unknown rule {token!r} "
                                             "(see 'patchlint rules')"))
    for table in ("severity", "rules"):
        for rid in data.get(table, {}):
            if not known(rid):
                raise ConfigError(where(rid, f"'{prefix}{table}.{rid}': unknown rule {rid!r}"))
    for glob, ids in data.get("per-path-ignores", {}).items():
        for rid in ids:
            if not known(rid):
                raise ConfigError(where(glob, f"'{prefix}per-path-ignores.\"{glob}\"': unknown "
                                              f"rule {rid!r}"))
