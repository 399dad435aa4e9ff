#!/usr/bin/env python3
"""Run patchlint over real project history and real trees, to find crashes and false positives.

    python tools/corpus.py history GITDIR [--limit N]
    python tools/corpus.py tree GITDIR COMMIT [--paths GLOB...]
    python tools/corpus.py show OUT_DIR_OR_FINDINGS_JSONL --rule ID [--show N]

``history`` turns every non-merge commit of GITDIR (a bare git directory is fine) into a
``git format-patch`` mail and lints each one.  ``tree`` lints every selected file of the tree at
COMMIT as a new-file patch (``git diff <empty tree> COMMIT -- path``), one patch per file.
``show`` prints a sample of the findings of one rule from an earlier run, to eyeball them.

The generated patches are cached under ``--cache`` (default /tmp/patchlint-corpus, or
$PATCHLINT_CORPUS_CACHE), keyed by commit id, so a rerun only lints.  patchlint runs in-process,
in a pool of ``--jobs`` worker processes; every input is guarded on its own, so one crash never
stops the run.  What is recorded:

* a crash: any exception escaping the reader or the engine, with its traceback (a bug);
* an input error: :class:`patchlint.reader.InputError` (exit status 2 on the command line);
* a rule error: an exception a rule raised, which the engine caught (``Runner.errors``, also
  exit status 2); the rule is called again on the same object to capture its traceback;
* a timeout: an input taking more than ``--timeout`` seconds (a hang is a bug too).

Output, in ``--out`` (default: a directory next to the cached patches):

``findings.jsonl``
    one JSON object per finding: :func:`patchlint.report.jsonfmt.finding_dict` plus
    ``input_file`` (the patch file) and ``line_text`` (the offending line, when there is one);
``problems.jsonl``
    one JSON object per crash, input error, rule error or timeout, with the full traceback;
``summary.txt``
    what is printed at the end: counts, crashes and input errors grouped by message, findings
    per rule (count, per 100 inputs, inputs hit), the slowest inputs and the time taken.

``--subprocess`` runs the ``patchlint`` command once per input instead (much slower), which
also checks the command line's contract: JSON on stdout, one line on stderr and exit status 2
for an unusable input, never a traceback.

Exit status: 1 when a crash, rule error or timeout was recorded, else 0 (findings and input
errors do not count), so a CI job can run it over a corpus as a smoke test.
"""

from __future__ import annotations

import argparse
import collections
import fnmatch
import hashlib
import importlib.util
import json
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import time
import traceback

# Run from a source checkout without installing: make the checkout's patchlint importable.
if importlib.util.find_spec("patchlint") is None:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULT_CACHE = os.environ.get("PATCHLINT_CORPUS_CACHE", "/tmp/patchlint-corpus")

# `tree` mode's default selection: C sources and headers under the code directories, and the
# hand-written documentation.  fnmatch globs on the path in the tree; '*' also matches '/'.
_CODE_DIRS = ("src", "include", "tools", "tests")
_CODE_SUFFIXES = ("*.c", "*.h", "*.h.in", "*.c.in")
_DOC_SUFFIXES = ("*.rst", "*.html.in", "*.html", "*.txt", "*.md")
DEFAULT_TREE_GLOBS = tuple(f"{d}/{s}" for d in _CODE_DIRS for s in _CODE_SUFFIXES) + \
    tuple(f"docs/{s}" for s in _DOC_SUFFIXES)

# git's empty tree (`git hash-object -t tree /dev/null`); asked of git in case of SHA-256.
_EMPTY_TREE_SHA1 = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

# The line `git format-patch` starts every mail with; the id tells which commit it is.
_MAIL_FROM_RE = re.compile(rb"^From ([0-9a-f]{40}|[0-9a-f]{64}) Mon Sep 17 00:00:00 2001$", re.M)

_BATCH = 500            # commits or paths per git invocation (keeps argv short)


# -- git -----------------------------------------------------------------------------------

def git(gitdir, *args) -> bytes:
    """Run git on GITDIR (bare or not) and return its stdout; fail loudly on error."""
    cmd = ["git", "--git-dir", gitdir, "-c", "core.quotePath=false", *args]
    proc = subprocess.run(cmd, capture_output=True)
    if proc.returncode != 0:
        sys.exit(f"corpus: {' '.join(cmd[:6])}...: "
                 f"{proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


def repo_key(gitdir) -> str:
    """A cache directory name for GITDIR: readable, and unique per absolute path."""
    path = os.path.abspath(gitdir).rstrip("/")
    name = os.path.basename(path)
    if name in ("repo", ".git") or name.endswith(".git"):
        name = os.path.basename(os.path.dirname(path)) + ("" if name in ("repo", ".git")
                                                          else "+" + name[:-4])
    digest = hashlib.sha1(path.encode()).hexdigest()[:8]
    return f"{re.sub(r'[^A-Za-z0-9+._-]', '_', name)}-{digest}"


def _write_atomic(path, data: bytes):
    """Write a cache file so that an interrupted run never leaves half of one."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


# -- making the inputs ---------------------------------------------------------------------

def history_inputs(gitdir, cache_dir, limit=None, rev="HEAD"):
    """One `git format-patch` file per non-merge commit reachable from REV, oldest first.

    Files are ``<cache_dir>/<commit id>.patch``; only the commits not cached yet are formatted,
    in batches with ``format-patch --no-walk`` (one git process per batch, not per commit).
    With LIMIT, only the newest LIMIT commits.  Returns (paths, commits git made no mail for).
    """
    args = ["rev-list", "--no-merges"]
    if limit:
        args.append(f"--max-count={limit}")
    commits = git(gitdir, *args, rev).decode().split()
    commits.reverse()
    os.makedirs(cache_dir, exist_ok=True)
    path_of = {c: os.path.join(cache_dir, f"{c}.patch") for c in commits}
    missing = [c for c in commits if not os.path.exists(path_of[c])]
    for k in range(0, len(missing), _BATCH):
        batch = missing[k:k + _BATCH]
        print(f"corpus: formatting commits {k + 1}-{k + len(batch)} of {len(missing)}...",
              file=sys.stderr)
        # --no-numbered: "[PATCH]" as `format-patch -1` says, not "[PATCH k/n]" of the batch
        out = git(gitdir, "format-patch", "--stdout", "--no-walk", "--no-numbered", *batch)
        # Split the stream at its "From <id> Mon Sep 17 ..." lines.  A commit message holding
        # such a line would have to name the very next commit of the batch: not a real risk.
        wanted = set(batch)
        marks = [m for m in _MAIL_FROM_RE.finditer(out) if m.group(1).decode() in wanted]
        for j, m in enumerate(marks):
            end = marks[j + 1].start() if j + 1 < len(marks) else len(out)
            mail = out[m.start():end]
            if j + 1 < len(marks) and mail.endswith(b"\n\n"):
                mail = mail[:-1]    # the blank line --stdout puts between two mails
            _write_atomic(path_of[m.group(1).decode()], mail)
    # git makes no mail for a commit that changes nothing (e.g. `commit --allow-empty`)
    made = [c for c in commits if os.path.exists(path_of[c])]
    empty = [c for c in commits if not os.path.exists(path_of[c])]
    return [path_of[c] for c in made], empty


def _selected(path, globs) -> bool:
    """Does PATH match one of GLOBS?  A glob with no wildcard also matches as a prefix."""
    for g in globs:
        if any(ch in g for ch in "*?["):
            if fnmatch.fnmatchcase(path, g):
                return True
        elif path == g.rstrip("/") or path.startswith(g.rstrip("/") + "/"):
            return True
    return False


def tree_inputs(gitdir, commit, cache_dir, globs=DEFAULT_TREE_GLOBS):
    """One new-file patch per selected file of the tree at COMMIT.

    The patch of ``src/a/b.c`` is ``<cache_dir>/src/a/b.c.patch``: exactly what
    ``git diff <empty tree> COMMIT -- src/a/b.c`` prints.  Missing ones are made from one
    ``git diff`` per batch of paths, split at its ``diff --git`` lines (inside a diff every
    content line starts with ' ', '+', '-' or '\\', so the split cannot hit file text).
    """
    paths = [p for p in git(gitdir, "ls-tree", "-r", "-z", "--name-only", commit)
             .decode("utf-8", "surrogateescape").split("\0")
             if p and _selected(p, globs)]
    path_of = {p: os.path.join(cache_dir, p + ".patch") for p in paths}
    missing = [p for p in paths if not os.path.exists(path_of[p])]
    if missing:
        empty = git(gitdir, "hash-object", "-t", "tree", "/dev/null").decode().strip() \
            or _EMPTY_TREE_SHA1
    for k in range(0, len(missing), _BATCH):
        batch = missing[k:k + _BATCH]
        print(f"corpus: diffing files {k + 1}-{k + len(batch)} of {len(missing)}...",
              file=sys.stderr)
        out = git(gitdir, "diff", "--no-color", "--no-ext-diff", "--no-textconv",
                  "--no-renames", empty, commit, "--",
                  *[":(literal)" + p for p in batch])
        chunks = re.split(rb"(?m)^(?=diff --git )", out)
        by_path = {}
        for chunk in chunks:
            if not chunk:
                continue
            # "+++ b/<path>" names it (quoted by git when odd); fall back to the header
            m = re.search(rb"(?m)^\+\+\+ b/(.*)$", chunk) or \
                re.match(rb"diff --git a/(.*) b/", chunk)
            name = m.group(1).decode("utf-8", "surrogateescape") if m else None
            if name is not None:
                by_path[name] = chunk
        for p in batch:
            chunk = by_path.get(p)
            if chunk is None:   # empty file, odd name: ask git for this one alone
                chunk = git(gitdir, "diff", "--no-color", "--no-ext-diff", "--no-textconv",
                            empty, commit, "--", ":(literal)" + p)
            _write_atomic(path_of[p], chunk)
    return [path_of[p] for p in paths]


# -- linting one input (in a worker process) -----------------------------------------------

class InputTimeout(BaseException):
    """An input ran past --timeout.  A BaseException, so the engine's per-rule
    ``except Exception`` does not swallow it as a rule error."""


_STATE = {}             # per worker process: the runner and the settings


def init_worker(select, ignore, timeout, subprocess_cmd):
    """Pool initializer: build one Runner per process and reuse it for every input."""
    _STATE.update(timeout=timeout, cmd=subprocess_cmd)
    if subprocess_cmd:
        return
    from patchlint.config import Config
    from patchlint.engine import Runner
    from patchlint.settings import resolve
    settings = resolve(Config(select=select or None, ignore=ignore or []))
    settings.tree = False
    _STATE["settings"] = settings
    _STATE["rule_time"] = collections.Counter()
    for spec in settings.rules:
        if getattr(spec, "fn", None) is not None:
            spec.fn = _timed(spec.fn, spec.id)
    _STATE["runner"] = Runner(settings)


def _timed(fn, rid):
    """Wrap a rule function so that the time spent in it is added up per rule.  That time
    includes the C lexing of a file, done lazily for the first rule that asks for it."""
    def call(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            res = fn(*args, **kwargs)
            return None if res is None else list(res)
        finally:
            _STATE["rule_time"][rid] += time.perf_counter() - t0
    call.__wrapped__ = fn
    return call


def _on_alarm(signum, frame):
    raise InputTimeout()


def lint_indexed(item):
    k, path = item
    return k, lint_one(path)


def lint_one(path) -> dict:
    """Lint one input file; never raises.  Returns a plain dict (cheap to send back)."""
    res = {"input": path, "patches": 0, "findings": [], "problems": [], "seconds": 0.0,
           "rule_seconds": {}}
    rule_time = _STATE.get("rule_time")
    if rule_time is not None:
        rule_time.clear()
    t0 = time.perf_counter()
    timeout = _STATE.get("timeout")
    if timeout:
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.alarm(timeout)
    try:
        if _STATE.get("cmd"):
            _lint_subprocess(path, res)
        else:
            _lint_in_process(path, res)
    except InputTimeout:
        res["problems"].append({"kind": "timeout", "input": path,
                                "message": f"timeout: more than {timeout} s",
                                "traceback": None})
    except Exception:
        tb = traceback.format_exc()
        res["problems"].append({"kind": "crash", "input": path,
                                "message": _last_line(tb), "where": _innermost(tb),
                                "traceback": tb})
    finally:
        if timeout:
            signal.alarm(0)
    res["seconds"] = time.perf_counter() - t0
    if rule_time:
        res["rule_seconds"] = dict(rule_time)
    return res


def _lint_in_process(path, res):
    """Through the run's own path (patchlint.run.events), as the command line checks a file."""
    from patchlint.run import Options, events
    from patchlint.sources import Source
    with open(path, "rb") as f:
        data = f.read()
    for ev in events(Source("file", path, data), _STATE["settings"], _STATE["runner"],
                     Options()):
        if ev[0] == "patch":
            res["patches"] += 0 if ev[2].is_cover else 1
            res["findings"].extend(finding_record(f, path) for f in ev[3])
        elif ev[0] == "series":
            res["findings"].extend(finding_record(f, path) for f in ev[2])
        elif ev[0] == "error":
            where = ev[2]
            line = int(where.rsplit(":", 1)[1]) if where != path else None
            res["problems"].append({"kind": "input-error", "input": path, "message": ev[4],
                                    "line": line})
        elif ev[0] == "crash":
            rid = ev[1].split("internal error in rule ", 1)[-1].split(":", 1)[0]
            res["problems"].append({"kind": "rule-error", "input": path, "rule": rid,
                                    "message": ev[1], "traceback": None})


def finding_record(f, path) -> dict:
    """The JSON of a finding (as --format=json prints it) plus where to look."""
    from patchlint.report import clean
    from patchlint.report.jsonfmt import finding_dict
    d = finding_dict(f)
    d["input_file"] = path
    if f.text is not None:
        d["line_text"] = clean(f.text)
    return d


def _lint_subprocess(path, res):
    """Lint with the patchlint command, and check what it promises (CONTRACT.md)."""
    proc = subprocess.run([*_STATE["cmd"], "--format=json", "--exit-zero", "-q", path],
                          capture_output=True)
    err = proc.stderr.decode("utf-8", "replace")
    if "Traceback (most recent call last)" in err:
        res["problems"].append({"kind": "crash", "input": path, "message": _last_line(err),
                                "where": _innermost(err), "traceback": err})
        return
    if proc.returncode == 2:
        lines = err.strip().splitlines() or ["(exit status 2 and nothing on stderr)"]
        for line in lines:
            kind = "rule-error" if ": internal error in rule " in line else "input-error"
            # drop "patchlint: <input>[:<line>]: " to group by what is wrong
            msg = re.sub(r"^patchlint: .*?(?::\d+)?: ", "", line.replace(path, "<input>", 1))
            res["problems"].append({"kind": kind, "input": path, "message": msg})
    elif proc.returncode != 0 or err.strip():
        res["problems"].append({"kind": "crash", "input": path,
                                "message": f"exit status {proc.returncode}: "
                                           f"{err.strip()[:200]}", "traceback": err})
    try:
        items = json.loads(proc.stdout or b"[]")
    except ValueError as e:
        res["problems"].append({"kind": "crash", "input": path,
                                "message": f"stdout is not JSON: {e}", "traceback": None})
        return
    with open(path, "rb") as f:
        src = f.read().decode("utf-8", "replace").split("\n")
    for d in items:
        d["input_file"] = path
        n = d.get("input_line")
        if n and 0 < n <= len(src):
            d["line_text"] = src[n - 1][1:]     # without the diff's +/-/space prefix
        res["findings"].append(d)
    # the command does not say how many patches it read: count those with findings, or 1
    res["patches"] = len({d.get("patch") for d in items}) or 1


def _last_line(tb: str) -> str:
    lines = [ln for ln in tb.strip().splitlines() if ln.strip()]
    return lines[-1].strip() if lines else "?"


def _innermost(tb: str) -> str:
    """``file.py:LINE in func`` of a traceback's innermost frame."""
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)', tb)
    if not frames:
        return ""
    fname, line, func = frames[-1]
    parts = fname.split(os.sep)
    return f"{os.sep.join(parts[-2:])}:{line} in {func}"


# -- running and summing up ----------------------------------------------------------------

def run(inputs, args, out_dir, label):
    """Lint INPUTS, write findings.jsonl / problems.jsonl / summary.txt, print the summary."""
    os.makedirs(out_dir, exist_ok=True)
    cmd = None
    if args.subprocess:
        cmd = [sys.executable, "-m", "patchlint"]
    else:
        # load the rules once, before forking, so the workers share them
        from patchlint.catalogue import all_rules
        all_rules()
    initargs = (args.select, args.ignore, args.timeout, cmd)
    stats = Stats(len(inputs))
    t0 = time.perf_counter()
    # Biggest inputs first, so that one huge file does not run alone at the end while the
    # other workers idle; the results are put back in input order before being written.
    order = sorted(range(len(inputs)), key=lambda k: -os.path.getsize(inputs[k]))
    if args.jobs <= 1:
        init_worker(*initargs)
        pool = None
        results = map(lint_indexed, ((k, inputs[k]) for k in order))
    else:
        ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else None)
        pool = ctx.Pool(args.jobs, initializer=init_worker, initargs=initargs)
        results = pool.imap_unordered(lint_indexed, ((k, inputs[k]) for k in order))
    done = [None] * len(inputs)
    try:
        for n, (k, res) in enumerate(results, 1):
            done[k] = res
            stats.add(res)
            if sys.stderr.isatty() and (n % 20 == 0 or n == len(inputs)):
                print(f"\r{n}/{len(inputs)}", end="", file=sys.stderr, flush=True)
    finally:
        if pool is not None:
            pool.terminate()
    # In input order, so that two runs' files can be diffed.
    with open(os.path.join(out_dir, "findings.jsonl"), "w") as fj, \
            open(os.path.join(out_dir, "problems.jsonl"), "w") as pj:
        for res in done:
            for d in res["findings"]:
                fj.write(json.dumps(d) + "\n")
            for p in res["problems"]:
                pj.write(json.dumps(p) + "\n")
    if sys.stderr.isatty():
        print(file=sys.stderr)
    text = stats.summary(label, time.perf_counter() - t0, args.jobs, out_dir)
    with open(os.path.join(out_dir, "summary.txt"), "w") as f:
        f.write(text)
    print(text, end="")
    if args.rule:
        show(os.path.join(out_dir, "findings.jsonl"), args.rule, args.show, args.seed,
             args.context)
    return 1 if stats.crashes or stats.rule_errors or stats.timeouts else 0


class Stats:
    """Counts gathered from the workers' results."""

    def __init__(self, n_inputs):
        self.inputs = n_inputs
        self.patches = 0
        self.by_rule = collections.Counter()
        self.inputs_by_rule = collections.Counter()
        self.severity = {}
        self.crashes = collections.defaultdict(list)       # (message, where) -> inputs
        self.rule_errors = collections.defaultdict(list)   # (rule, message, where) -> inputs
        self.input_errors = collections.defaultdict(list)  # message -> inputs
        self.timeouts = []
        self.slowest = []                                  # (seconds, input)
        self.rule_seconds = collections.Counter()
        self.lint_seconds = 0.0

    def add(self, res):
        self.patches += res["patches"]
        rules = collections.Counter(d["rule"] for d in res["findings"])
        self.by_rule.update(rules)
        self.inputs_by_rule.update(rules.keys())
        for d in res["findings"]:
            self.severity.setdefault(d["rule"], d["severity"])
        for p in res["problems"]:
            if p["kind"] == "crash":
                self.crashes[(p["message"], p.get("where", ""))].append(p["input"])
            elif p["kind"] == "rule-error":
                where = _innermost(p.get("traceback") or "")
                self.rule_errors[(p.get("rule", "?"), p["message"], where)].append(p["input"])
            elif p["kind"] == "input-error":
                self.input_errors[p["message"]].append(p["input"])
            else:
                self.timeouts.append(p["input"])
        self.rule_seconds.update(res["rule_seconds"])
        self.lint_seconds += res["seconds"]
        self.slowest.append((res["seconds"], res["input"]))
        self.slowest = sorted(self.slowest, reverse=True)[:5]

    def summary(self, label, seconds, jobs, out_dir) -> str:
        out = []
        w = out.append
        n = self.inputs
        n_crash = sum(len(v) for v in self.crashes.values())
        n_rerr = sum(len(v) for v in self.rule_errors.values())
        n_ierr = sum(len(v) for v in self.input_errors.values())
        w(f"== {label}\n")
        w(f"inputs: {n}  patches read: {self.patches}  findings: {sum(self.by_rule.values())}"
          f"  crashes: {n_crash}  rule errors: {n_rerr}  input errors (exit 2): {n_ierr}"
          f"  timeouts: {len(self.timeouts)}\n")
        w(f"time: {seconds:.1f} s with {jobs} job(s), {1000 * seconds / max(n, 1):.1f} ms "
          f"per input\n")
        if self.crashes:
            w("\ncrashes (count, last traceback line, innermost frame, example input):\n")
            for (msg, where), ins in _by_count(self.crashes):
                w(f"  {len(ins):5}  {msg}\n         at {where}\n         e.g. {ins[0]}\n")
        if self.rule_errors:
            w("\nrule errors, caught by the engine (count, rule, error, example input):\n")
            for (rid, msg, where), ins in _by_count(self.rule_errors):
                w(f"  {len(ins):5}  [{rid}] {msg}\n"
                  + (f"         at {where}\n" if where else "")
                  + f"         e.g. {ins[0]}\n")
        if self.input_errors:
            w("\ninput errors, exit status 2 (count, message, example input):\n")
            for msg, ins in _by_count(self.input_errors):
                w(f"  {len(ins):5}  {msg}\n         e.g. {ins[0]}\n")
        if self.timeouts:
            w(f"\ntimeouts: {len(self.timeouts)}, e.g. {self.timeouts[0]}\n")
        w("\nfindings per rule (count, per 100 inputs, inputs with one or more):\n")
        if not self.by_rule:
            w("  none\n")
        for rid, count in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            w(f"  {rid:28} {self.severity.get(rid, ''):8} {count:7}  "
              f"{100 * count / max(n, 1):8.1f}  {self.inputs_by_rule[rid]:6}\n")
        if self.rule_seconds:
            w(f"\ntime in rules (of {self.lint_seconds:.1f} s of linting, all workers; "
              f"C lexing counts for the first rule asking):\n")
            for rid, sec in self.rule_seconds.most_common(8):
                w(f"  {rid:28} {sec:8.1f} s\n")
        w("\nslowest inputs:\n")
        for sec, name in self.slowest:
            w(f"  {sec:7.2f} s  {name}\n")
        w(f"\nfindings: {os.path.join(out_dir, 'findings.jsonl')}\n"
          f"problems (with tracebacks): {os.path.join(out_dir, 'problems.jsonl')}\n")
        return "".join(out)


def _by_count(groups):
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))


def show(findings_path, rule, n, seed=0, context=0):
    """Print N findings of RULE, sampled at random (reproducibly), each with its line and a
    marker under the columns it is about, and CONTEXT lines of the patch file around it."""
    from patchlint.report import display
    if os.path.isdir(findings_path):
        findings_path = os.path.join(findings_path, "findings.jsonl")
    with open(findings_path) as f:
        hits = [d for d in map(json.loads, f) if rule in (d["rule"], d.get("syntax_check"))]
    if len(hits) > n:
        hits_shown = [hits[k] for k in sorted(random.Random(seed).sample(range(len(hits)), n))]
    else:
        hits_shown = hits
    print(f"\n== {len(hits_shown)} of {len(hits)} findings of {rule}")
    for d in hits_shown:
        col = f":{d['column']}" if d.get("column") else ""
        where = f"{d.get('path')}:{d.get('line')}{col}" if d.get("path") else \
            f"patch {d.get('patch')} ({d.get('subject')})"
        print(f"{d['input_file']}:{d.get('input_line') or ''}\n  {where}: {d['message']}")
        if context and d.get("input_line"):
            _print_context(d["input_file"], d["input_line"], context, display)
        elif d.get("line_text") is not None:
            print(f"  | {display(d['line_text'])}")
        if d.get("line_text") is not None and d.get("column"):
            width = max(1, (d.get("end_column") or d["column"] + 1) - d["column"])
            lead = "".join(ch if ch == "\t" else " " for ch in d["line_text"][:d["column"] - 1])
            print(f"  {'|' if not context else ' '} {' ' if context else ''}{lead}"
                  f"{'^' * width}")


def _print_context(path, lineno, context, display):
    """Lines LINENO-CONTEXT..LINENO of the patch file (the finding's line last, marked '>')."""
    with open(path, "rb") as f:
        lines = f.read().decode("utf-8", "surrogateescape").split("\n")
    for k in range(max(1, lineno - context), min(len(lines), lineno) + 1):
        print(f"  {'>' if k == lineno else '|'} {display(lines[k - 1])}")


# -- command line --------------------------------------------------------------------------

def build_parser():
    p = argparse.ArgumentParser(
        prog="corpus.py", description=__doc__.split("\n\n")[0],
        epilog="examples:\n"
               "  tools/corpus.py history /path/to/libvirt.git --limit 2000\n"
               "  tools/corpus.py tree /path/to/libvirt.git v8.0.0 --rule flags-type\n"
               "  tools/corpus.py tree REPO COMMIT --paths 'src/qemu/*.c'\n"
               "  tools/corpus.py show /tmp/patchlint-corpus/.../out-history --rule "
               "us-spelling --show 30",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp):
        sp.add_argument("--out", metavar="DIR",
                        help="where findings.jsonl, problems.jsonl and summary.txt go "
                             "(default: beside the cached patches)")
        sp.add_argument("--cache", metavar="DIR", default=DEFAULT_CACHE,
                        help=f"where generated patches are kept (default: {DEFAULT_CACHE})")
        sp.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: all cores; 1 runs in this process, "
                             "handy under a debugger)")
        sp.add_argument("--timeout", type=int, default=300, metavar="SECONDS",
                        help="record an input as hung after this long (default: 300; 0: never)")
        sp.add_argument("--select", type=_csv, action="extend", metavar="RULES",
                        help="only these rules (as patchlint --select)")
        sp.add_argument("--ignore", type=_csv, action="extend", default=[], metavar="RULES",
                        help="leave these rules out (as patchlint --ignore)")
        sp.add_argument("--subprocess", action="store_true",
                        help="run the patchlint command per input (slow; checks the CLI "
                             "contract too)")
        sample_opts(sp)

    def sample_opts(sp):
        sp.add_argument("--rule", metavar="ID",
                        help="after the summary, print a sample of this rule's findings")
        sp.add_argument("--show", type=int, default=20, metavar="N",
                        help="how many findings --rule prints (default: 20)")
        sp.add_argument("--seed", type=int, default=0, help="the sample's random seed")
        sp.add_argument("--context", "-C", type=int, default=0, metavar="K",
                        help="show the K patch lines before each finding's line, as they "
                             "are in the patch file (with their +/-/space prefix)")

    h = sub.add_parser("history", help="lint every non-merge commit of GITDIR as a patch mail")
    h.add_argument("gitdir", metavar="GITDIR")
    h.add_argument("--rev", default="HEAD", help="the history to walk (default: HEAD)")
    h.add_argument("--limit", type=int, metavar="N", help="only the newest N commits")
    common(h)

    t = sub.add_parser("tree", help="lint every selected file at COMMIT as a new-file patch")
    t.add_argument("gitdir", metavar="GITDIR")
    t.add_argument("commit", metavar="COMMIT")
    t.add_argument("--paths", nargs="+", metavar="GLOB",
                   help="files to lint: globs on the path in the tree ('*' spans '/'), or "
                        "plain directory/file names (default: C sources and headers under "
                        f"{', '.join(_CODE_DIRS)}, and docs/ text)")
    common(t)

    s = sub.add_parser("show", help="print a sample of one rule's findings from a run")
    s.add_argument("findings", metavar="OUT_DIR_OR_FINDINGS_JSONL")
    sample_opts(s)
    return p


def _csv(value):
    return [v.strip() for v in value.split(",") if v.strip()]


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "show":
        if not args.rule:
            sys.exit("corpus: show needs --rule ID")
        show(args.findings, args.rule, args.show, args.seed, args.context)
        return 0
    if os.path.isdir(os.path.join(args.gitdir, ".git")):    # a work tree: use its .git
        args.gitdir = os.path.join(args.gitdir, ".git")
    root = os.path.join(args.cache, repo_key(args.gitdir))
    if args.command == "history":
        head = git(args.gitdir, "rev-parse", "--verify", args.rev + "^{commit}").decode().strip()
        inputs, empty = history_inputs(args.gitdir, os.path.join(root, "commits"),
                                       args.limit, head)
        if empty:
            print(f"corpus: {len(empty)} commit(s) change nothing, skipped "
                  f"(e.g. {empty[0]})", file=sys.stderr)
        label = f"history of {args.gitdir} at {head[:12]}" + \
            (f", newest {args.limit} commits" if args.limit else "")
        out = args.out or os.path.join(root, "out-history" +
                                       (f"-{args.limit}" if args.limit else ""))
    else:
        commit = git(args.gitdir, "rev-parse", "--verify",
                     args.commit + "^{commit}").decode().strip()
        globs = tuple(args.paths) if args.paths else DEFAULT_TREE_GLOBS
        inputs = tree_inputs(args.gitdir, commit, os.path.join(root, f"tree-{commit[:12]}"),
                             globs)
        label = f"tree of {args.gitdir} at {commit[:12]}"
        out = args.out or os.path.join(root, f"out-tree-{commit[:12]}")
    if not inputs:
        sys.exit("corpus: nothing to lint")
    return run(inputs, args, out, label)


if __name__ == "__main__":
    sys.exit(main())
