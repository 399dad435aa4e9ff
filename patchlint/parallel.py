"""``-j N``: check input files in N processes, their events handed back in input order.

A worker checks one run of sources (one file, or the files of one series) exactly as the run
does in-process (the ``check_one`` function the run hands in, :func:`patchlint.run.run_events`)
and returns its events: plain records and lines
of text, nothing written by the worker itself.  The parent reports them in input order, so
``-j N`` prints what ``-j 1`` prints.  Workers are forked: they inherit the runner and the
settings (nothing is pickled on the way in); where ``fork`` is not available, the sources are
checked in this process.
"""

from __future__ import annotations

import multiprocessing

_STATE = {}         # the workers' share of the parent's state, inherited by fork


def events_in_parallel(units, jobs, check_one, *args):
    """The events of ``check_one(unit, *args)`` for each unit (a run of sources), in order,
    from ``jobs`` processes."""
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:                      # no fork here: one process it is
        for unit in units:
            yield from check_one(unit, *args)
        return
    _STATE.update(check_one=check_one, args=args)
    with ctx.Pool(min(jobs, len(units))) as pool:
        for got in pool.imap(_worker, units, chunksize=4):
            yield from got


def _worker(unit):
    s = _STATE
    try:
        return s["check_one"](unit, *s["args"])
    except Exception as e:  # a bug of ours, in a worker: one line, like the parent
        return [("crash", f"patchlint: {unit[0].name}: internal error: "
                          f"{type(e).__name__}: {e}")]
