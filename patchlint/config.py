"""The run's configuration: which rules, which severities, which options."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import SEVERITIES


class ConfigError(Exception):
    """A bad option or configuration value; the message names the key."""


# Code a project carries from elsewhere: not its to restyle (override with `exclude`).
DEFAULT_EXCLUDE = ["gnulib/*", ".gnulib/*", "subprojects/*", "src/keycodemapdb/*",
                   "src/vbox/vbox_CAPI_*.h"]


@dataclass
class Config:
    select: list | None = None          # ids / syntax-check names / prefixes; None = default set
    ignore: list = field(default_factory=list)
    extend_select: list = field(default_factory=list)
    fail_on: str = "warning"            # error | warning | note | never
    severity: dict = field(default_factory=dict)       # rule id -> severity
    options: dict = field(default_factory=dict)        # rule id -> {option: value}
    exclude: list = field(default_factory=lambda: list(DEFAULT_EXCLUDE))  # paths not judged
    per_path_ignore: dict = field(default_factory=dict)  # glob -> [rule ids]
    source: str | None = None           # the file the configuration came from

    def check(self):
        if self.fail_on not in SEVERITIES + ("never",):
            raise ConfigError(f"fail-on: expected error, warning, note or never, "
                              f"not {self.fail_on!r}")
        for rid, sev in self.severity.items():
            if sev not in SEVERITIES:
                raise ConfigError(f"severity.{rid}: expected error, warning or note, "
                                  f"not {sev!r}")
        return self

    def options_for(self, spec) -> dict:
        merged = dict(spec.options)
        given = self.options.get(spec.id, {})
        for key, value in given.items():
            if key not in spec.options:
                raise ConfigError(f"{spec.id}.{key}: unknown option for rule {spec.id} "
                                  f"(it has: {', '.join(sorted(spec.options)) or 'none'})")
            default = spec.options[key]
            if default is not None and not _same_type(default, value):
                raise ConfigError(f"{spec.id}.{key}: expected {type(default).__name__}, "
                                  f"got {value!r}")
            merged[key] = value
        return merged


def _same_type(default, value):
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))
