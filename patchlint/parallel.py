"""``-j N``: check input files in N processes, their events handed back in input order.

A worker checks one source exactly as the run does in-process (the ``check_one`` function the
run hands in, :func:`patchlint.run.events`) and returns its events: plain records and lines
of text, nothing written by the worker itself.  The parent reports them in input order, so
``-j N`` prints what ``-j 1`` prints.  Workers are forked: they inherit the runner and the
settings (nothing is pickled on the way in); where ``fork`` is not available, the sources are
checked in this process.
"""

from __future__ import annotations

import multiprocessing

_STATE = {}         # the workers' share of the parent's state, inherited by fork


def events_in_parallel(sources, jobs, check_one, *args):
    """The events of ``check_one(source, *args)`` for each source, in order, from ``jobs``
    processes."""
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:                      # no fork here: one process it is
        for source in sources:
            yield from check_one(source, *args)
        return
    _STATE.update(check_one=check_one, args=args)
    with ctx.Pool(min(jobs, len(sources))) as pool:
        for got in pool.imap(_worker, sources, chunksize=4):
            yield from got


def _worker(source):
    s = _STATE
    try:
        return s["check_one"](source, *s["args"])
    except Exception as e:  # a bug of ours, in a worker: one line, like the parent
        return [("crash", f"patchlint: {source.name}: internal error: "
                          f"{type(e).__name__}: {e}")]
