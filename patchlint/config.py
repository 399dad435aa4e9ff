"""The run's configuration: which rules, which severities, which options."""

from __future__ import annotations

import os
import re

from .model import SEVERITIES
from .patterns import from_table


class ConfigError(Exception):
    """A bad option or configuration value; the message names the key."""


# Code a project carries from elsewhere: not its to restyle (override with `exclude`).
DEFAULT_EXCLUDE = ["gnulib/*", ".gnulib/*", "subprojects/*", "src/keycodemapdb/*",
                   "src/vbox/vbox_CAPI_*.h"]


class Config:
    def __init__(self, select=None, ignore=None, extend_select=None, fail_on="warning"):
        self.select = select                # ids / syntax-check names / prefixes; None = all
        self.ignore = list(ignore or [])
        self.extend_select = list(extend_select or [])
        self.fail_on = fail_on              # error | warning | note | never
        self.severity = {}                  # rule id -> severity
        self.options = {}                   # rule id -> {option: value}
        self.exclude = list(DEFAULT_EXCLUDE)  # paths no rule judges
        self.per_path_ignore = {}           # glob -> [rule ids]
        self.source = None                  # the file the configuration came from
        self.profile = "glib"               # which era of libvirt's advice
        self.tree = True                    # read the tree a patch belongs to, when there is one
        self.option_keys = {}               # (rule, option) -> where it was set
        self.patterns = {}                  # a project's own pattern rules: id -> table
        self.named = {}                     # what the file says that names rules
        self.prefix = ""                    # "tool.patchlint." in pyproject.toml
        self.where = None                   # key -> "FILE:LINE: message", for the file
        self.followup = None                # the v1 thread the send hook follows up

    def check_options(self, find):
        """Every rule option the user set, in the file or on the command line, names an
        option of that rule and has its type: checked for every rule, selected or not, so a
        typo never waits for the day its rule is selected.  ``find(name)`` is the rule named
        so (an id, a syntax-check name), or None.  Options are filed under the rule's id."""
        given, self.options = self.options, {}
        for rid, opts in given.items():
            spec = find(rid)
            if spec is None:
                raise ConfigError(f"unknown rule {rid!r} in configuration")
            for key, value in opts.items():
                where = self.option_keys.get((rid, key), f"{spec.id}.{dashed(key)}")
                if key not in spec.options:
                    have = ", ".join(sorted(dashed(k) for k in spec.options)) or "none"
                    raise ConfigError(f"{where}: unknown option for rule {spec.id} "
                                      f"(it has: {have})")
                default = spec.options[key]
                if isinstance(default, (list, tuple)) and isinstance(value, str) \
                        and self.option_keys.get((rid, key), "").startswith("-o "):
                    value = [value]         # -o rule.list=one: a list of one
                if default is not None and not _same_type(default, value):
                    kind = _KIND.get(type(default), type(default).__name__)
                    raise ConfigError(f"{where}: expected {kind}, got {value!r}")
                self.options.setdefault(spec.id, {})[key] = value
        return self


def dashed(key: str) -> str:
    """An option's name as users write it: with dashes (``public-docs``)."""
    return key.replace("_", "-")


def _same_type(default, value):
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


# -- configuration files -------------------------------------------------------------------------

CONFIG_NAMES = (".patchlint.toml", "pyproject.toml")
_TOP_KEYS = {
    "select": list, "ignore": list, "extend-select": list, "fail-on": str,
    "exclude": list, "extend-exclude": list, "severity": dict, "per-path-ignores": dict,
    "rules": dict, "profile": str, "tree": bool, "patterns": dict, "followup": str,
}


def config_in(folder):
    """The configuration file patchlint reads in ``folder``, or None."""
    for name in CONFIG_NAMES:
        path = os.path.join(folder, name)
        if os.path.isfile(path) and (name != "pyproject.toml" or _has_tool_table(path)):
            return path
    return None


def find_config(cwd=None):
    """The configuration file that applies: in the current directory, else at the root of the
    git tree it is in; ``None`` when there is none."""
    cwd = cwd or os.getcwd()
    places = [cwd]
    top = work_tree(cwd)
    if top and os.path.abspath(top) != os.path.abspath(cwd):
        places.append(top)
    for d in places:
        path = config_in(d)
        if path:
            return path
    return None


def work_tree(cwd):
    """The top of the git work tree holding ``cwd`` (found by its ``.git``, no git run)."""
    d = os.path.abspath(cwd)
    while True:
        if os.path.exists(os.path.join(d, ".git")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _has_tool_table(path):
    with open(path, "rb") as f:
        return b"[tool.patchlint" in f.read()


def _toml(path):
    try:
        import tomllib  # noqa: PLC0415 (lazy: only a configuration file needs it)
    except ModuleNotFoundError:        # Python 3.10
        import tomli as tomllib  # noqa: PLC0415 (the same, on Python 3.10)
    try:
        with open(path, "rb") as f:
            return tomllib.load(f), None
    except tomllib.TOMLDecodeError as e:
        return None, str(e)


def load(path) -> Config:
    """Read ``path`` (``.patchlint.toml``, or ``[tool.patchlint]`` of ``pyproject.toml``) and
    check its shape: its keys, their types, severities, the profile, each pattern's table.
    Rule names are checked later, against the rulebook (:func:`patchlint.settings.resolve`)."""
    data, prefix = _settings_table(path)
    where = _Locator(path, prefix)
    _check_keys(data, prefix, where)
    config = Config()
    config.source = path
    config.select = data.get("select", config.select)
    config.ignore = list(data.get("ignore", config.ignore))
    config.extend_select = list(data.get("extend-select", config.extend_select))
    config.fail_on = data.get("fail-on", config.fail_on)
    if "exclude" in data:
        config.exclude = list(data["exclude"])
    config.exclude += list(data.get("extend-exclude", []))
    config.profile = data.get("profile", config.profile)
    config.tree = data.get("tree", config.tree)
    if data.get("followup"):
        config.followup = os.path.join(os.path.dirname(os.path.abspath(path)), data["followup"])
    _read_tables(config, data, prefix, where)
    if config.fail_on not in SEVERITIES + ("never",):
        raise ConfigError(where("fail-on", f"'{prefix}fail-on' must be error, warning, note "
                                           f"or never, not {config.fail_on!r}"))
    if config.profile not in PROFILES:
        raise ConfigError(where("profile", f"'{prefix}profile' must be one of "
                                           f"{', '.join(PROFILES)}, not {config.profile!r}"))
    config.named = {key: data[key] for key in _NAMING if key in data}
    config.prefix, config.where = prefix, where
    return config


def _settings_table(path):
    """(the settings, the prefix their keys are written with) of a configuration file."""
    data, err = _toml(path)
    if err:
        raise ConfigError(f"{path}: not valid TOML: {err}")
    tool = data.get("tool")
    if os.path.basename(path) == "pyproject.toml":
        data = (tool or {}).get("patchlint") if isinstance(tool, dict) else None
        if data is None:
            raise ConfigError(f"{path}: has no [tool.patchlint] table")
        return data, "tool.patchlint."
    if isinstance(tool, dict) and "patchlint" in tool:
        # .patchlint.toml written like pyproject.toml's table: the same settings, either way
        others = [k for k in data if k != "tool"] + [f"tool.{k}" for k in tool
                                                     if k != "patchlint"]
        if others:
            raise ConfigError(_Locator(path, "")(
                others[0], f"'{others[0]}' beside [tool.patchlint]: write the settings either "
                           "at the top of the file or all under [tool.patchlint]"))
        return tool["patchlint"], "tool.patchlint."
    return data, ""


def _check_keys(data, prefix, where):
    for key, value in data.items():
        kind = _TOP_KEYS.get(key)
        if kind is None:
            raise ConfigError(where(key, f"unknown key '{prefix}{key}' (known: "
                                         f"{', '.join(sorted(_TOP_KEYS))})"))
        if not isinstance(value, kind):
            raise ConfigError(where(key, f"'{prefix}{key}' must be a {_KIND[kind]}, "
                                         f"not {value!r}"))
        if kind is list and not all(isinstance(v, str) for v in value):
            raise ConfigError(where(key, f"'{prefix}{key}' must be a list of strings"))


def _read_tables(config, data, prefix, where):
    """The file's tables: severities, per-path ignores, patterns, rule options."""
    for rid, sev in data.get("severity", {}).items():
        if sev not in SEVERITIES:
            raise ConfigError(where(rid, f"'{prefix}severity.{rid}' must be error, warning "
                                         f"or note, not {sev!r}"))
        config.severity[rid] = sev
    for glob, ids in data.get("per-path-ignores", {}).items():
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise ConfigError(where(glob, f"'{prefix}per-path-ignores.\"{glob}\"' must be a "
                                          "list of rule ids"))
        config.per_path_ignore[glob] = ids
    for rid, table in data.get("patterns", {}).items():
        if not isinstance(table, dict):
            raise ConfigError(where(rid, f"'{prefix}patterns.{rid}' must be a table"))
        try:
            from_table(rid, table)
        except ValueError as e:
            raise ConfigError(where(rid, f"'{prefix}patterns.{rid}': {e}")) from None
        config.patterns[rid] = table
    for rid, opts in data.get("rules", {}).items():
        if not isinstance(opts, dict):
            raise ConfigError(where(rid, f"'{prefix}rules.{rid}' must be a table of options"))
        for opt, value in opts.items():
            config.options.setdefault(rid, {})[opt.replace("-", "_")] = value
            config.option_keys[(rid, opt.replace("-", "_"))] = where(
                opt, f"{prefix}rules.{rid}.{opt}")


# the keys of a configuration file that name rules
_NAMING = ("select", "ignore", "extend-select", "severity", "rules", "per-path-ignores",
           "patterns")


PROFILES = ("glib", "gnulib")


_KIND = {list: "list", tuple: "list", str: "string", dict: "table", bool: "boolean",
         int: "integer", float: "number"}


class _Locator:
    """Turns a key into "FILE:LINE: message", finding the key's line in the file's text."""

    def __init__(self, path, prefix):
        self.path = path
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                self.lines = f.read().splitlines()
        except OSError:
            self.lines = []

    def __call__(self, key, message):
        pat = re.compile(r'^\s*"?' + re.escape(key) + r'"?\s*=|^\s*\[.*\b' + re.escape(key)
                         + r'\b.*\]')
        for n, line in enumerate(self.lines, 1):
            if pat.search(line):
                return f"{self.path}:{n}: {message}"
        return f"{self.path}: {message}"
