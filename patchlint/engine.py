"""Run the chosen rules over patches and collect their findings.

A rule is called according to its parameter names (see :mod:`patchlint.api`); what rules a run
has comes from :mod:`patchlint.catalogue`.
"""

from __future__ import annotations

from .api import match_path
from .catalogue import rule_by_name, select_rules
from .config import Config
from .lazyre import lazy_re
from .model import SEVERITY_RANK

# Per-line opt-outs: libvirt's own marker, and ours ("patchlint: ignore[rule-a, rule-b]").
_EXEMPT = "exempt from syntax-check"
_IGNORE_RE = lazy_re(r"patchlint:\s*ignore(?:\[([^\]]*)\])?")


class Runner:
    """Runs a chosen set of rules; one per process, reused over every input."""

    def __init__(self, config: Config, rules=None):
        self.config = config
        self.rules = select_rules(config) if rules is None else rules
        self.errors = []        # (rule id, where, exception text): rule crashes
        self._bound = []
        for spec in self.rules:
            extra = {}
            if "options" in spec.params:
                extra["options"] = config.options_for(spec)
            if "config" in spec.params:
                extra["config"] = config
            self._bound.append((spec, _invoker(spec, extra)))
        self._by_kind = {k: [(s, e) for s, e in self._bound if s.kind == k]
                         for k in ("line", "file", "patch", "patches", "pattern")}
        self._indexes = {}
        self._stream = None     # (input, index, shared dict) of the last patch run alone
        self._sev = {}
        for rid, sev in config.severity.items():
            spec = rule_by_name(rid)
            self._sev[spec.id if spec else rid] = sev

    def _call(self, spec, invoke, arg, where, out):
        try:
            res = invoke(arg)
            if res is not None:
                for f in res:
                    self._complete(spec, f)
                    out.append(f)
        except Exception as e:  # a rule bug must not hide the other findings
            self.errors.append((spec.id, where, f"{type(e).__name__}: {e}"))

    def _complete(self, spec, f):
        f.rule = spec.id
        f.syntax_check = spec.syntax_check
        if spec.id in self._sev:
            f.severity = self._sev[spec.id]
        elif f.severity is None:
            f.severity = spec.severity

    def run(self, patches) -> list:
        """Findings for the patches of one input, in patch, file and line order."""
        shared = {}
        for patch in patches:
            if patch.shared is None:
                patch.shared = shared
        out = self.run_series(patches)
        for patch in patches:
            out.extend(self.run_patch(patch))
        return out

    def _share(self, patch):
        """Give ``patch`` its input's shared dict (``Patch.shared``).  Patches run one by one
        (a stream, see cli._check_stream) arrive in order, and the stream ends with
        :meth:`run_series`: a patch of the same input with an index not below the last one's
        continues it, anything else starts a new input."""
        last = self._stream
        if last is not None and last[0] == patch.input and last[1] <= patch.index:
            shared = last[2]
        else:
            shared = {}
        patch.shared = shared
        self._stream = (patch.input, patch.index, shared)

    def run_series(self, patches) -> list:
        """Findings of the rules that judge an input's patches together (a series)."""
        self._stream = None             # the input is over: the next patch starts another
        shared = next((p.shared for p in patches if p.shared is not None), None)
        for patch in patches:
            if patch.shared is None:
                patch.shared = shared if shared is not None else {}
                shared = patch.shared
        out = []
        for spec, invoke in self._by_kind["patches"]:
            self._call(spec, invoke, patches, patches[0] if patches else None, out)
        return [f for f in out if self._wanted(f)]

    def run_patch(self, patch) -> list:
        """Findings for one patch, in file and line order."""
        out = []
        if patch.shared is None:
            self._share(patch)
        if patch.is_cover:
            return out
        cfg = self.config
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
            from .patterns import LiteralIndex
            index = self._indexes[key] = LiteralIndex(mine, lambda e: e[2])
        return index

    def _run_lines(self, fd, index, out):
        """Every added line through the rules that may apply to it: one search of the line
        for every literal the rules need tells which (not one test per rule)."""
        from .patterns import check_line
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
                    self.errors.append(("patterns", ln, f"{type(e).__name__}: {e}"))

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
                if m and (m.group(1) is None or f.rule in
                          [t.strip() for t in m.group(1).split(",")] or f.syntax_check in
                          [t.strip() for t in m.group(1).split(",")]):
                    return False
        if self.config.per_path_ignore and f.file is not None:
            for glob, ids in self.config.per_path_ignore.items():
                if match_path(f.path or "", [glob]) and (f.rule in ids or f.syntax_check in ids):
                    return False
        return True


def _pattern_finding(pat, m, line):
    from .model import Finding
    f = Finding(m.expand(pat.message) if "\\" in pat.message else pat.message, line=line,
                file=line.hunk.file, patch=line.hunk.file.patch, start=m.start(),
                end=m.end(), suggestion=pat.suggestion)
    if pat.replacement is not None:
        f.replacement = m.expand(pat.replacement)
    return f


def _invoker(spec, extra):
    """A one-argument callable running the rule (its model argument first, as declared)."""
    if not extra:
        return spec.fn
    if spec.params[0] == spec.kind:
        import functools
        return functools.partial(spec.fn, **extra)
    return lambda arg: spec.fn(**{spec.kind: arg}, **extra)


def failing_counts(severities, fail_on: str) -> bool:
    """Does a count of findings by severity reach the failing severity?"""
    if fail_on == "never":
        return False
    bar = SEVERITY_RANK[fail_on]
    return any(n and SEVERITY_RANK[sev] >= bar for sev, n in severities.items())


def failing(findings, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    bar = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= bar for f in findings)
