"""Run the chosen rules over patches and collect their findings.

A rule is called according to its parameter names (see :mod:`patchlint.api`); what rules a run
has comes from :mod:`patchlint.catalogue`.
"""

from __future__ import annotations

import functools

from .api import match_path
from .apicollect import collect
from .apimodel import KEY, ApiModel
from .finding import Finding
from .lazyre import lazy_re
from .model import SEVERITY_RANK
from .patterns import LiteralIndex, check_line

# Per-line opt-outs: libvirt's own marker, and ours ("patchlint: ignore[rule-a, rule-b]").
_EXEMPT = "exempt from syntax-check"
_IGNORE_RE = lazy_re(r"patchlint:\s*ignore(?:\[([^\]]*)\])?")


class Checked:
    """What checking gives: the findings, in order, and the rules that failed (a rule's bug
    must not hide the other findings): ``errors`` are ``(rule id, input line or None, text)``."""

    __slots__ = ("findings", "errors")

    def __init__(self, findings, errors):
        self.findings = findings
        self.errors = errors


class Runner:
    """Runs the rules a run chose (its :class:`~patchlint.settings.Settings`); one per process,
    reused over every input."""

    def __init__(self, settings):
        self.settings = settings
        self.rules = settings.rules
        self._bound = []
        self._model = None                  # the series' API model, for rules taking `api`
        for spec in self.rules:
            extra = {}
            if "options" in spec.params:
                extra["options"] = settings.options_for(spec)
            if "config" in spec.params:
                extra["config"] = settings
            if "api" in spec.params:
                invoke = self._with_api(spec, extra)
            elif getattr(spec, "deferred", False):
                # (its module is imported when the rule first has something to read: a file
                # it judges, a line holding a literal it needs)
                invoke = _Deferred(spec, extra)
            else:
                invoke = _invoker(spec, extra)
            self._bound.append((spec, invoke))
        self._wants_api = any("api" in spec.params for spec in self.rules)
        self._by_kind = {k: [(s, e) for s, e in self._bound if s.kind == k]
                         for k in ("line", "file", "patch", "patches", "pattern")}
        self._indexes = {}
        self._sev = dict(settings.severity)
        self._errors = None

    def import_rules(self):
        """Import every chosen rule's module now (before forking workers, once for all).  A
        module that fails to import stays deferred: the rule's first call says what is wrong,
        as in a run without workers."""
        for _, invoke in self._bound:
            if invoke.__class__ is _Deferred:
                try:
                    invoke.bind()
                except Exception:  # (reported by the rule's guarded call)
                    pass
        self._by_kind = {k: [(s, e.run if e.__class__ is _Deferred and e.run else e)
                             for s, e in v] for k, v in self._by_kind.items()}

    def _call(self, spec, invoke, arg, where, out):
        try:
            if invoke.__class__ is _Deferred:
                invoke = invoke.run or invoke.bind()
            res = invoke(arg)
            if res is not None:
                for f in res:
                    self._complete(spec, f)
                    out.append(f)
        except Exception as e:  # a rule bug must not hide the other findings
            self._errors.append((spec.id, getattr(where, "src_no", None),
                                 f"{type(e).__name__}: {e}"))

    def _complete(self, spec, f):
        f.rule = spec.id
        if f.syntax_check not in spec.syntax_checks:
            f.syntax_check = spec.syntax_check
        if f.check_script not in spec.check_scripts:
            f.check_script = spec.check_script
        if spec.id in self._sev:
            f.severity = self._sev[spec.id]
        elif f.severity is None:
            f.severity = spec.severity

    def _with_api(self, spec, extra):
        """A rule taking ``api`` is handed the model of the series being checked."""
        def invoke(arg):
            return spec.fn(**{spec.kind: arg}, api=self._model, **extra)
        return invoke

    def _collect(self, patch):
        """Add the patch's API facts to its series' model (in ``patch.shared``), while its
        hunks are alive (see :mod:`patchlint.apimodel`)."""
        if patch.shared is None:
            patch.shared = {}
        model = patch.shared.get(KEY)
        if model is None:
            model = patch.shared[KEY] = ApiModel()
        try:
            collect(patch, model)
        except Exception as e:  # a bug of the model must not hide the other findings
            self._errors.append(("api-model", patch.src_no, f"{type(e).__name__}: {e}"))
        return model

    def check_series(self, patches, last=True) -> Checked:
        """The findings of the rules that judge an input's patches together (a series), once
        every patch of the input has been checked on its own.  ``last``: the input ends its
        series (the commits of a ``--git`` range are inputs of one series): the rules taking
        the series' API model wait for it."""
        self._errors = errors = []
        out = []
        shared = patches[0].shared if patches else None
        self._model = shared.get(KEY) if shared else None
        for spec, invoke in self._by_kind["patches"]:
            if "api" in spec.params and (not last or self._model is None):
                continue
            self._call(spec, invoke, patches, patches[0] if patches else None, out)
        found = [f for f in out if self._wanted(f)]
        for f in found:
            f.series = True
        return Checked(found, errors)

    def check(self, patch) -> Checked:
        """The findings for one patch, in file and line order."""
        self._errors = errors = []
        if self._wants_api:
            self._model = self._collect(patch)
        return Checked(self._patch(patch), errors)

    def _patch(self, patch) -> list:
        out = []
        if patch.is_cover:
            return out
        cfg = self.settings
        for spec, invoke in self._by_kind["patch"]:
            self._call(spec, invoke, patch, patch, out)
        for fd in patch.files:
            if fd.is_binary:
                continue
            path = fd.path or ""
            if cfg.exclude and match_path(path, cfg.exclude):
                continue
            for spec, invoke in self._by_kind["file"]:
                if match_path(path, spec.files) and not match_path(path, spec.exclude):
                    self._call(spec, invoke, fd, fd, out)
            index = self._index_for(path)
            if index is not None:
                self._run_lines(fd, index, out)
        # (answered once per line and rule: a long line with many findings was re-read for
        # each of them, quadratic in its length)
        memo = {}
        out = [f for f in out if self._wanted_memo(f, memo)]
        files_order = {id(fd): k for k, fd in enumerate(patch.files)}
        out.sort(key=lambda f: (-1 if f.file is None else files_order.get(id(f.file), 0),
                                f.lineno or 0, f.start or 0, f.rule))
        return out

    def _index_for(self, path):
        """The line rules and pattern rules that apply to ``path``, indexed by the literals
        they need (one index per combination of rules)."""
        mine = [(s, s.pattern, s.pattern.needs) for s, _ in self._by_kind["pattern"]
                if match_path(path, s.files) and not match_path(path, s.exclude)]
        mine += [(s, invoke, s.needs) for s, invoke in self._by_kind["line"]
                 if match_path(path, s.files) and not match_path(path, s.exclude)]
        if not mine:
            return None
        key = tuple(e[0].id for e in mine)
        index = self._indexes.get(key)
        if index is None:
            index = self._indexes[key] = LiteralIndex(mine, lambda e: e[2])
        return index

    def _run_lines(self, fd, index, out):
        """Every added line through the rules that may apply to it: one search of the line
        for every literal the rules need tells which (not one test per rule)."""
        for hunk in fd.hunks:
            for ln in hunk.lines:
                if ln.kind != "+":
                    continue
                patterns = []
                for spec, run, _ in index.candidates(ln.text):
                    if spec.kind == "pattern":
                        patterns.append((spec, run))
                    else:
                        self._call(spec, run, ln, ln, out)
                if not patterns:
                    continue

                def make(spec, pat, m, ln=ln):
                    f = _pattern_finding(pat, m, ln)
                    self._complete(spec, f)
                    return f
                try:
                    out.extend(check_line(ln, patterns, make))
                except Exception as e:  # a bad pattern must not hide the others
                    self._errors.append(("patterns", ln.src_no, f"{type(e).__name__}: {e}"))

    def _wanted_memo(self, f, memo) -> bool:
        key = (id(f.line), id(f.file), f.rule, f.syntax_check)
        got = memo.get(key)
        if got is None:
            got = memo[key] = self._wanted(f)
        return got

    def _wanted(self, f) -> bool:
        ln = f.line
        if ln is not None:
            text = ln.text
            if f.syntax_check and (_EXEMPT in text or f.syntax_check in text):
                return False            # libvirt's marker, or a line naming the rule itself
            if "patchlint" in text:
                m = _IGNORE_RE.search(text)
                if m and (m.group(1) is None or
                          _named(f, [t.strip() for t in m.group(1).split(",")])):
                    return False
        if self.settings.per_path_ignore and f.file is not None:
            for glob, ids in self.settings.per_path_ignore.items():
                if match_path(f.path or "", [glob]) and _named(f, ids):
                    return False
        return True


def _named(f, names) -> bool:
    """Do ``names`` name the finding: its rule's id, or the syntax-check rule or check script
    of libvirt's it is?"""
    return f.rule in names or f.syntax_check in names or \
        (f.check_script is not None and f.check_script in names)


def _pattern_finding(pat, m, line):
    f = Finding(m.expand(pat.message) if "\\" in pat.message else pat.message, line=line,
                file=line.hunk.file, patch=line.hunk.file.patch, start=m.start(),
                end=m.end(), suggestion=pat.suggestion)
    if pat.replacement is not None:
        f.replacement = _expand(pat.replacement, m, line.text)
    return f


_TEMPLATE_REF = lazy_re(r"\\(?:g<(\w+)>|(\d+)|(.))")
_ESCAPES = {"\\": "\\", "n": "\n", "t": "\t"}


def _expand(template, m, text):
    """The replacement of a pattern's match, its groups read from the line's own text: the
    pattern matched the line's code, where literals are blanked but columns kept, and a fix
    must keep what the literals say (``return ("on");`` -> ``return "on";``)."""
    if "\\" not in template:
        return template

    def group(ref):
        if ref.group(3) is not None:
            return _ESCAPES.get(ref.group(3), ref.group(0))
        name = ref.group(1) or int(ref.group(2))
        s, e = m.span(name)
        return "" if s < 0 else text[s:e]
    return _TEMPLATE_REF.sub(group, template)


def _invoker(spec, extra):
    """A one-argument callable running the rule (its model argument first, as declared)."""
    if not extra:
        return spec.fn
    if spec.params[0] == spec.kind:
        return functools.partial(spec.fn, **extra)
    return lambda arg: spec.fn(**{spec.kind: arg}, **extra)


class _Deferred:
    """A rule whose module is not imported yet (see :class:`~patchlint.lazyrules.LazyRule`):
    the engine's first call binds it (inside its guard, so a module that fails to import is
    that rule's error, not the run's), so a run imports only the rules that have something to
    read: the files they judge, the lines holding a literal they need."""

    __slots__ = ("spec", "extra", "run")

    def __init__(self, spec, extra):
        self.spec = spec
        self.extra = extra
        self.run = None

    def bind(self):
        if self.run is None:
            self.run = _invoker(self.spec, self.extra)
        return self.run


def failing_counts(severities, fail_on: str) -> bool:
    """Does a count of findings by severity reach the failing severity?"""
    if fail_on == "never":
        return False
    bar = SEVERITY_RANK[fail_on]
    return any(n and SEVERITY_RANK[sev] >= bar for sev, n in severities.items())
