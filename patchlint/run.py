"""One run, one walk of the data: sources → inputs → the runner → records → one reporter.

The command line, ``-j``, ``--fix``, the git sources, the hooks and the tests all go through
:func:`check`.  For each source, :func:`events` reads its inputs (:mod:`patchlint.sources`,
tree context included), checks each patch as it comes (:class:`~patchlint.engine.Runner`),
turns the patch and its findings into records (:mod:`patchlint.results`) and lets the model
go; once an input's patches are done, the findings about them together (a series) follow, in
that one place, after the patches, on every path.  What a source gives is a list of plain
events, the same whether it was checked here or in a ``-j`` worker process:

``("patch", InputInfo, PatchInfo, [FindingInfo])``, ``("series", InputInfo, [FindingInfo])``,
``("error", name, where, what to say, what to report)`` for an input that could not be used
(``where`` is its name with the line, when known), ``("say", line)`` for a line
on stderr, ``("crash", line)`` for a rule that failed (said, and exit status 2),
``("fixed", n)`` and ``("stdout", bytes)`` (the fixed patch, with ``--fix`` on stdin).

:func:`check` hands the events to the reporter in input order, counts them
(:class:`~patchlint.report.Tally`) and decides the exit status.
"""

from __future__ import annotations

from .engine import Runner, failing_counts
from .fix import CannotFix, fix_patch_bytes, fix_tree_files
from .reader import InputError, decoded_mail
from .report import Tally
from .results import InputInfo, record
from .sources import Source, inputs, reread, series_runs

FIX_ROUNDS = 5      # fixes that overlapped on a line get their turn in the next round


class Options:
    """How a run goes, besides its settings: ``fix``, ``diff`` (print fix-ups), ``outgoing``
    (mails about to be sent: a review reply is not judged), ``jobs``, ``exit_zero``, and
    ``fixup`` (the reporter prints fix-up diffs, so records carry them) and ``mail`` (the
    reporter writes mail, so records carry the headers it answers)."""

    def __init__(self, fix=False, diff=False, outgoing=False, jobs=1, exit_zero=False,
                 fixup=False, mail=False):
        self.fix = fix
        self.diff = diff
        self.outgoing = outgoing
        self.jobs = jobs
        self.exit_zero = exit_zero
        self.fixup = fixup or diff
        self.mail = mail


def check(sources, settings, runner, reporter, options, err, stdout=None) -> int:
    """Check ``sources`` and report them; the exit status (0, 1 or 2)."""
    tally = Tally()
    broken = False
    for ev in _all_events(sources, settings, runner, options):
        what = ev[0]
        if what == "patch":
            _, inp, patch, found = ev
            if not patch.is_cover:
                tally.patches += 1
                tally.binary += patch.binary
            tally.count(found)
            tally.changed |= bool(patch.fixup)
            reporter.patch(inp, patch, found)
        elif what == "series":
            tally.count(ev[2])
            if ev[2]:
                reporter.series(ev[1], ev[2])
        elif what == "error":
            _, name, where, said, message = ev
            broken = True
            tally.failed += 1
            err(f"patchlint: {where}: {said}")
            reporter.error(name, message)
        elif what in ("say", "crash"):
            broken |= what == "crash"
            err(ev[1])
        elif what == "fixed":
            tally.fixed += ev[1]
        elif what == "stdout" and stdout is not None:
            stdout(ev[1])
    reporter.finish(tally)
    if broken:
        return 2
    if options.exit_zero:
        return 0
    if options.diff:
        return 1 if tally.changed else 0
    return 1 if failing_counts(tally.severities, settings.fail_on) else 0


def _all_events(sources, settings, runner, options):
    runs = series_runs(sources) if len(sources) > 1 and not options.fix else \
        [[s] for s in sources]
    jobs = options.jobs
    if jobs > 1 and len(runs) > 1 and all(s.kind == "file" and s.name != "-"
                                          for s in sources):
        from .parallel import events_in_parallel  # noqa: PLC0415 (lazy: -j only)
        # the rules' modules are imported before the workers are forked, once, not in each
        runner.import_rules()
        yield from events_in_parallel(runs, jobs, run_events, settings, runner, options)
        return
    for run in runs:
        yield from run_events(run, settings, runner, options)


def run_events(run, settings, runner, options) -> list:
    """The events of a run of sources: one source, or the patch files of one series, which
    share what rules learn across a series and end it with the last of them."""
    shared = {}
    out = []
    for k, source in enumerate(run):
        out += events(source, settings, runner, options, shared, k == len(run) - 1)
    return out


def events(source, settings, runner, options, shared=None, last=True) -> list:
    """What checking one source gives, as plain events (see the module's docstring).
    ``shared``/``last``: the source is part of a series given as several files (see
    :func:`patchlint.sources.series_runs`) and, with ``last``, ends it."""
    out = []
    notices = []
    try:
        if options.fix:
            _fixed_source(source, settings, runner, options, out, notices)
        else:
            shared = {} if shared is None else shared   # (one --git range is one series)
            items = inputs(source, settings.tree and source.kind != "commit-msg", notices)
            if source.kind in ("git", "pre-push"):
                items = list(items)     # (read already: its last commit ends the series)
            for k, inp in enumerate(items):
                out.extend(("say", f"patchlint: {n}") for n in notices)
                notices.clear()
                ends = last if not isinstance(items, list) else last and k == len(items) - 1
                _check_input(inp, runner, options, out, shared=shared, last=ends)
        out.extend(("say", f"patchlint: {n}") for n in notices)
    except BrokenPipeError:
        raise                               # our own output's reader went away
    except OSError as e:
        out.append(("error", source.name, source.name,
                    f"cannot read: {e.strerror or e.__class__.__name__}", "cannot read"))
    except InputError as e:
        where = f"{source.name}:{e.line}" if e.line else source.name
        out.append(("error", source.name, where, e.message, e.message))
    except CannotFix as e:
        out.append(("error", source.name, source.name, f"cannot fix: {e}",
                    f"cannot fix: {e}"))
    return out


def _check_input(inp, runner, options, out, checked=None, skipped=None, shared=None,
                 last=True):
    """Check the patches of one input as they come (or take ``checked``, the
    ``(patch, Checked)`` pairs a fix round already has, and the review replies it left out,
    ``skipped``); their events go to ``out``.  ``last``: the input ends its series."""
    info = InputInfo(inp.name, inp.messages)
    seen = []
    if skipped is None:
        skipped = []
    if checked is None:
        checked = _checking(inp.patches, runner, options, skipped, shared)
    for patch, result in checked:
        _crashes(inp.name, result.errors, out)
        p, found = record(inp.name, patch, result.findings, fixup=options.fixup,
                          mail=options.mail)
        out.append(("patch", info, p, found))
        patch.shed()                        # recorded: most of its model can go
        seen.append(patch)
    if skipped:
        out.append(("say", f"patchlint: {inp.name}: a review reply: the patch it quotes is "
                           "not judged"))
    result = runner.check_series(seen, last)
    _crashes(inp.name, result.errors, out)
    _, found = record(inp.name, None, result.findings)
    out.append(("series", info, found))


def _checking(patches, runner, options, skipped, shared=None):
    """``(patch, Checked)`` for each patch judged, one at a time; the patches of one input
    (or ``shared`` among several) share one dict (``Patch.shared``: what rules learn across a
    series).  With ``options.outgoing`` a review reply's patches are left out (and listed in
    ``skipped``)."""
    shared = {} if shared is None else shared
    for patch in patches:
        if options.outgoing and patch.reply:
            skipped.append(patch)
            continue
        patch.shared = shared
        yield patch, runner.check(patch)


def _crashes(name, errors, out):
    for rid, where, text in errors:
        loc = f":{where}" if where else ""
        out.append(("crash", f"patchlint: {name}{loc}: internal error in rule {rid}: {text}"))


# -- --fix --------------------------------------------------------------------------------------

def _fixed_source(source, settings, runner, options, out, notices):
    """--fix: check each input whole, apply the certain fixes round after round until none is
    left (fixes that overlapped wait for the next round), then report what remains, as a plain
    check would."""
    tree = settings.tree and source.kind != "commit-msg"
    for inp in inputs(source, tree, notices):
        if source.kind not in ("file", "staged", "worktree"):
            raise CannotFix("commits are fixed in the tree: check out the branch and use "
                            "--worktree --fix, or --diff")
        inp = _decoded(source, inp, tree)
        total = 0
        skipped = []
        for round_ in range(FIX_ROUNDS + 1):
            skipped.clear()
            checked = list(_checking(inp.patches, runner, options, skipped))
            findings = [f for _, result in checked for f in result.findings]
            if round_ == FIX_ROUNDS or not any(f.fixable for f in findings):
                break
            count = _apply(source, inp, [p for p, _ in checked], findings)
            if not count:
                break
            total += count
            inp = reread(source, inp.fixed, tree)
        _check_input(inp, runner, options, out, checked, skipped)
        out.append(("fixed", total))
        if source.kind == "file" and source.name == "-" and inp.data is not None:
            out.append(("stdout", inp.data))


def _decoded(source, inp, tree):
    """A quoted-printable or base64 patch mail is fixed as 8bit (its lines can then be
    rewritten in place): the input read again, decoded."""
    if source.kind != "file" or b"Content-Transfer-Encoding" not in (inp.data or b"")[:65536]:
        return inp
    plain = decoded_mail(inp.data)
    return inp if plain is None else reread(source, plain, tree)


def _apply(source, inp, patches, findings):
    """Apply one round of certain fixes: to the tree's files (staged, worktree) or to the
    patch file (not to standard input: its fixed text is the run's output); how many."""
    if source.kind in ("staged", "worktree"):
        return fix_tree_files(findings)
    new, count = fix_patch_bytes(inp.data, patches, findings)
    if count and source.name != "-":
        with open(source.name, "wb") as f:
            f.write(new)
    inp.fixed = new
    return count


def findings(name, data, settings, runner=None, options=None) -> list:
    """The finding records of one input given as bytes, in the order a report gives them
    (each patch's, then the series'): the run's own path, in-process (for tests and tools).
    Raises what reading raises, and RuntimeError when a rule failed."""
    runner = runner or Runner(settings)
    out = []
    for inp in inputs(Source("file", name, data), settings.tree):
        _check_input(inp, runner, options or Options(), out)
    crashes = [ev[1] for ev in out if ev[0] == "crash"]
    if crashes:
        raise RuntimeError("; ".join(crashes))
    return [f for ev in out if ev[0] in ("patch", "series") for f in ev[-1]]


__all__ = ["Options", "Source", "check", "events", "findings"]
