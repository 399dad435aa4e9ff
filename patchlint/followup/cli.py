"""``patchlint followup [OPTIONS] THREAD [V2...]`` and the send hook's use of it.

Exit status: 1 when a comment is ``open``, a trailer is to ``carry``, or a finding is
``present`` or ``new`` at the failing severity; 0 otherwise; 2 when THREAD or a V2 input
cannot be used or the command line is wrong (one line on stderr says which and why).
"""

from __future__ import annotations

import os
import sys

from ..config import ConfigError
from ..quickargs import csv as _csv
from ..quickargs import parse as quick_parse
from ..report import say

FORMATS = ("full", "concise", "json", "reply")
# the setting that makes the send hook follow a thread up (besides the configuration's key)
ENV = "PATCHLINT_FOLLOWUP"

USAGE = "patchlint followup [OPTIONS] THREAD [V2...]"
DESCRIPTION = """\
Before sending v2 (or on its arrival): which of v1's review comments v2 took care of.
THREAD is the v1 thread as you have it (an mbox from your mail client or 'b4 mbox': v1's
patches and cover letter and every reply, in any order; a single reply works too).  V2 is the
new series: patch files, an mbox, or --git A..B (standard input when nothing is given)."""
EPILOG = """\
statuses:
  comment  open (its line is still there, unchanged), answered (you replied in the thread and
           the reviewer did not insist: judge it), addressed (the line changed or is gone, or
           what was asked for is there), dropped (the patch is gone), general (nothing to
           follow: about the patch as a whole, or asking for nothing)
  trailer  carry (v2 lacks it, the patch is unchanged: add it), renew (the patch changed:
           the giver may want to look again), kept
  finding  present, new, fixed (patchlint's own findings, v1 against v2)
  version  problem (a v2 subject without its version, no word on what changed since v1)

examples:
  patchlint followup v1-thread.mbox outgoing/*.patch
  b4 mbox -o - MSGID | patchlint followup - --git origin/master..HEAD
  patchlint followup --format=reply --from 'Me <me@example.org>' v1.mbox v2.mbox > re.mbox

exit status:
  0  nothing open
  1  a comment open, a trailer to carry, or a finding (present or new) at --fail-on
  2  THREAD or V2 could not be read, or the command line is wrong
"""


def build_parser():
    # (argparse is imported here: the send hook asks for a follow-up once per mail and needs
    # no parser)
    import argparse  # noqa: PLC0415

    class _Parser(argparse.ArgumentParser):
        def error(self, message):
            say(f"patchlint followup: error: {message} (see 'patchlint followup --help')")
            sys.exit(2)
    p = _Parser(prog="patchlint followup", usage=USAGE, description=DESCRIPTION,
                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("thread", metavar="THREAD", help=argparse.SUPPRESS)
    p.add_argument("v2", nargs="*", metavar="V2", help=argparse.SUPPRESS)
    p.add_argument("--git", action="append", metavar="RANGE",
                   help="v2 as the commits of a git range (A..B), each as its format-patch mail")
    p.add_argument("--partial", action="store_true",
                   help="V2 is part of the series (the send hook's one mail at a time): no "
                        "v1 patch counts as dropped, and patchlint's findings are left to "
                        "the check of the mail itself")
    p.add_argument("--format", default="full", choices=FORMATS,
                   help="full (default: grouped per patch), concise, json, reply (a summary "
                        "mail to the thread)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("-q", "--quiet", action="store_true", help="no closing summary line")
    p.add_argument("--from", dest="from_", metavar="ADDRESS",
                   help="the summary mail's From: (--format=reply; default: git's user)")
    sel = p.add_argument_group("patchlint's own findings (as in the main command)")
    sel.add_argument("--select", type=_csv, action="extend", metavar="RULES")
    sel.add_argument("--extend-select", type=_csv, action="extend", default=[],
                     metavar="RULES")
    sel.add_argument("--ignore", type=_csv, action="extend", default=[], metavar="RULES")
    sel.add_argument("--profile", metavar="ERA")
    sel.add_argument("--config", metavar="FILE")
    sel.add_argument("--isolated", action="store_true")
    sel.add_argument("--no-tree", action="store_true")
    sel.add_argument("--fail-on", choices=("error", "warning", "note", "never"))
    sel.add_argument("--exit-zero", action="store_true",
                     help="exit 0 whatever is open (errors reading inputs still give 2)")
    p.set_defaults(option=[])
    return p


def main(argv, make_config, out=None) -> int:
    """Run the sub-command; ``make_config`` turns the parsed options into a Config (the main
    command line's own, handed in)."""
    # (start-up time of the send hook, which asks hook() on every mail: the follow-up's
    # stages are imported once one runs)
    from ..engine import Runner  # noqa: PLC0415
    from ..reader import InputError  # noqa: PLC0415
    from ..settings import resolve  # noqa: PLC0415
    from ..sources import Source, read_bytes  # noqa: PLC0415
    from .follow import InputsError, follow  # noqa: PLC0415
    from .records import failing  # noqa: PLC0415
    args = build_parser().parse_args(argv)
    if args.from_ and args.format != "reply":
        say("patchlint followup: error: --from is an option of --format=reply")
        return 2
    try:
        settings = resolve(make_config(args))
        runner = Runner(settings)
    except (ConfigError, ValueError) as e:
        say(f"patchlint: error: {e}")
        return 2
    sources = [Source("git", spec) for spec in args.git or []]
    sources += [Source("file", name) for name in args.v2]
    if not sources:
        if args.thread == "-" or sys.stdin is None or sys.stdin.isatty():
            say("patchlint followup: error: no V2 given (name its patch files or mbox, pipe "
                "it in, or use --git A..B)")
            return 2
        sources = [Source("file", "-")]
    try:
        thread_data = read_bytes(args.thread)
    except OSError as e:
        say(f"patchlint: {args.thread}: cannot read: {e.strerror or type(e).__name__}")
        return 2
    try:
        result = follow(args.thread, thread_data, sources, settings, runner,
                        whole=not args.partial)
    except InputError as e:
        where = f"{args.thread}:{e.line}" if e.line else args.thread
        say(f"patchlint: {where}: {e.message}")
        return 2
    except InputsError as e:
        for where, what in e.errors:
            say(f"patchlint: {where}: {what}")
        return 2
    if args.partial:
        result.items = [it for it in result.items if it.kind != "finding"]
    out = out or sys.stdout
    _reporter(args, out).write(result)
    out.flush()
    for line in result.crashes:
        say(line)
    if result.crashes:
        return 2
    if args.exit_zero:
        return 0
    return 1 if any(failing(it, settings.fail_on) for it in result.items) else 0


def _reporter(args, out):
    color = args.color == "always" or (
        args.color == "auto" and not os.environ.get("NO_COLOR")
        and hasattr(out, "isatty") and out.isatty())
    if args.format == "reply":
        from .reply import ReplyReporter  # noqa: PLC0415 (lazy: the email package, reply only)
        return ReplyReporter(out, sender=_sender(args))
    from . import report  # noqa: PLC0415 (lazy: the reporter chosen)
    cls = {"full": report.FullReporter, "concise": report.ConciseReporter,
           "json": report.JsonReporter}[args.format]
    return cls(out, color=color, quiet=args.quiet)


def _sender(args):
    if args.from_:
        return args.from_
    from ..gitsrc import identity  # noqa: PLC0415 (lazy: git, for the mail's sender only)
    return identity() or "patchlint <patchlint@localhost>"


def hook(mail, make_config):
    """The send hook's follow-up of one mail, when one is configured (``$PATCHLINT_FOLLOWUP``
    or the configuration's ``followup``): its exit status, or None when none is."""
    thread = os.environ.get(ENV)
    if thread is None:
        args = quick_parse([])          # (the configuration, no option laid over it)
        try:
            thread = getattr(make_config(args), "followup", None)
        except ConfigError:
            return None             # the check of the mail itself has said what is wrong
    if not thread:
        return None
    return main(["--partial", "--quiet", "--color=never", thread, mail], make_config,
                out=sys.stderr)
