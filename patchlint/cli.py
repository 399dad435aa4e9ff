"""Command line: ``patchlint [OPTIONS] [INPUT...]``, ``patchlint rules``, ``patchlint explain``.

Exit status: 0 when no finding reaches the failing severity, 1 when one does, 2 when an input
could not be used or the command line is wrong (one line on stderr says which and why).
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__, report
from .api import parse_address
from .catalogue import all_rules, rule_by_name
from .config import Config, ConfigError, config_in, find_config, load
from .engine import Runner
from .report import say
from .run import Options, check
from .settings import resolve
from .sources import Source

EPILOG = """\
inputs:
  A patch mail (git format-patch), an mbox holding a series, a plain unified diff, a review
  reply quoting a patch with '> ', or '-' for standard input (the default when stdin is not a
  terminal).  Only what a patch adds is judged; context lines are read, never reported.

examples:
  patchlint 0001-qemu-Add-async-abort.patch      annotated findings for one patch
  git format-patch -3 --stdout | patchlint       a series, from stdin
  patchlint --format=concise outgoing/*.patch    one line per finding (editors, grep)
  patchlint --select flags-type,flags-last x.patch
  patchlint --ignore us-spelling --fail-on error x.patch
  patchlint --diff x.patch | git apply            fix the mechanical points in your tree
  patchlint --fix outgoing/*.patch               fix them in the patch files instead
  patchlint --format=reply x.patch > reply.mbox  a review reply quoting the patch
  patchlint rules                                list the rules
  patchlint explain vircheckflags-dropped        what a rule checks, why, and examples

exit status:
  0  no finding at or above --fail-on (default: warning)
  1  at least one such finding
  2  an input could not be read, or the command line is wrong
"""



class _Parser(argparse.ArgumentParser):
    def error(self, message):
        say(f"patchlint: error: {message} (see 'patchlint --help')\n")
        sys.exit(2)


def _csv(value):
    return [v.strip() for v in value.split(",") if v.strip()]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, told the terminal's width: left to find it, it imports shutil
    (and with it bz2 and lzma) for every argument added, 3 ms of every run."""

    def __init__(self, prog, **kw):
        if kw.get("width") is None:
            try:
                columns = int(os.environ.get("COLUMNS", ""))
            except ValueError:
                try:
                    columns = os.get_terminal_size(sys.stdout.fileno()).columns
                except (OSError, ValueError, AttributeError):
                    columns = 80
            kw["width"] = max(columns, 40) - 2
        super().__init__(prog, **kw)


def build_parser():
    p = _Parser(
        prog="patchlint",
        usage="patchlint [OPTIONS] [INPUT...]\n       patchlint rules\n"
              "       patchlint explain RULE\n"
              "       patchlint followup [OPTIONS] THREAD [V2...]\n"
              "       patchlint install-hook [--force|--chain] | uninstall-hook",
        description="Check patches the way a libvirt maintainer reviews them, before you "
                    "send them.",
        epilog=EPILOG, formatter_class=_Formatter)
    p.add_argument("inputs", nargs="*", metavar="INPUT", help=argparse.SUPPRESS)
    src = p.add_argument_group("what to check besides INPUT files")
    src.add_argument("--git", action="append", metavar="RANGE",
                     help="the commits of a git range (A..B, or one revision), each as its "
                          "format-patch mail; repeatable")
    src.add_argument("--staged", action="store_true",
                     help="the staged changes (the index against HEAD)")
    src.add_argument("--worktree", action="store_true",
                     help="everything not committed yet: the working tree against HEAD, "
                          "untracked files that are not ignored included")
    src.add_argument("--pre-push", action="store_true",
                     help="the commits being pushed, from pre-commit's PRE_COMMIT_FROM_REF "
                          "and PRE_COMMIT_TO_REF")
    src.add_argument("--commit-msg", metavar="FILE",
                     help="a commit message file (git's commit-msg hook): sign-off and "
                          "message rules")
    src.add_argument("--outgoing", action="store_true",
                     help="the inputs are mails about to be sent (what the send-email hook "
                          "checks): a review reply is not a patch being submitted, so the "
                          "patch it quotes is not judged")
    src.add_argument("--no-tree", action="store_true",
                     help="don't read the git tree a patch belongs to (by default patchlint "
                          "reads the changed files around each hunk when it can)")
    out = p.add_argument_group("output")
    out.add_argument("--format", metavar="FORMAT",
                     help="full (default: each finding under its line, with the fix), "
                          "concise (path:line:col: severity: message [rule]), json, "
                          "reply (a review mail), sarif (2.1.0, code scanning), github "
                          "(workflow annotations), gitlab (Code Quality report), b4 (b4 prep "
                          "--check), b4-review")
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                     help="colour the output (default: auto, only on a terminal; "
                          "NO_COLOR turns it off)")
    out.add_argument("-q", "--quiet", action="store_true",
                     help="no closing summary line")
    st_jobs = p.add_argument_group("speed")
    st_jobs.add_argument("-j", "--jobs", type=int, metavar="N",
                         help="check inputs in N processes, printing results in input order "
                              "(default: one per CPU when there are 8 or more input files)")
    fix = p.add_argument_group("fixes")
    fix.add_argument("--fix", action="store_true",
                     help="apply the certain fixes to the lines the patches add: patch files "
                          "are rewritten in place (stdin: the fixed patch goes to stdout); "
                          "what can't be fixed is still reported")
    fix.add_argument("--diff", action="store_true",
                     help="print a fix-up diff (against the patched tree, for git apply) "
                          "instead of the findings; exit 1 when there is one")
    rep = p.add_argument_group("review replies (--format=reply)")
    rep.add_argument("--from", dest="from_", metavar="ADDRESS",
                     help="the reply's From: (default: git config user.name/user.email)")
    rep.add_argument("--reply-context", type=int, metavar="N",
                     help="lines of the patch quoted above each commented line (default 3)")
    rep.add_argument("--reply-cover", action="store_true",
                     help="for a series, also reply with a summary: to its cover letter, or "
                          "to its first patch when it has none")
    rep.add_argument("--reply-dir", metavar="DIR",
                     help="write each reply to its own file in DIR (git send-email sends one "
                          "mail per file) instead of one mbox on stdout")
    sel = p.add_argument_group("rule selection")
    sel.add_argument("--select", type=_csv, action="extend", metavar="RULES",
                     help="only these rules (ids, syntax-check names like sc_flags_usage, "
                          "check scripts like check-aclrules, or prefixes ending in '-'); "
                          "comma-separated, repeatable")
    sel.add_argument("--extend-select", type=_csv, action="extend", default=[],
                     metavar="RULES", help="add rules to the selection")
    sel.add_argument("--ignore", type=_csv, action="extend", default=[], metavar="RULES",
                     help="leave these rules out")
    sel.add_argument("--option", "-o", action="append", default=[], metavar="RULE.KEY=VALUE",
                     help="set a rule option, e.g. prefer-usleep.function=g_usleep")
    sel.add_argument("--profile", metavar="ERA",
                     help="which era of libvirt's rules and advice: glib (today's tree, the "
                          "default) or gnulib (the 2012 tree: VIR_ALLOC, virAsprintf, c-ctype)")
    sel.add_argument("--config", metavar="FILE",
                     help="read the configuration from FILE (.patchlint.toml, or "
                          "pyproject.toml's [tool.patchlint]); by default it is looked up "
                          "in the current directory, then at the top of the git tree")
    sel.add_argument("--isolated", action="store_true",
                     help="ignore configuration files")
    st = p.add_argument_group("when to fail")
    st.add_argument("--fail-on", choices=("error", "warning", "note", "never"),
                    default=None,
                    help="lowest severity that makes a run fail (default: warning, "
                         "or the configuration's fail-on)")
    st.add_argument("--exit-zero", action="store_true",
                    help="exit 0 even with findings (errors reading inputs still give 2)")
    p.add_argument("--version", action="version", version=f"patchlint {__version__}")
    return p


def _parse_option(text):
    import json  # noqa: PLC0415 (lazy: only -o needs it)
    if "=" not in text or "." not in text.split("=", 1)[0]:
        raise ValueError(f"-o {text}: expected RULE.KEY=VALUE")
    key, raw = text.split("=", 1)
    rid, opt = key.split(".", 1)
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    if isinstance(value, str) and "," in value:
        value = [v.strip() for v in value.split(",")]
    return rid.strip(), opt.strip(), value


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(argv)
    except KeyboardInterrupt:
        say("patchlint: interrupted\n")
        return 130
    except SystemExit:
        raise
    except BrokenPipeError:
        # the reader went away (| head, or quitting less): stop quietly, as other command
        # line tools do; what is still buffered for stdout goes nowhere instead of raising
        # again when Python flushes it at exit
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except Exception as e:  # a bug of ours: one line, never a traceback
        import traceback  # noqa: PLC0415 (lazy: only a crash needs it)
        where = traceback.extract_tb(e.__traceback__)[-1]
        say(f"patchlint: internal error: {type(e).__name__}: {e} "
            f"({os.path.basename(where.filename)}:{where.lineno}; "
            "please report it)\n")
        return 2


def console() -> None:
    """The ``patchlint`` command (and ``python -m patchlint``): :func:`main`, then leave.

    A hook starts patchlint once per mail, and Python's own way out (tearing down every
    module, collecting and freeing every object one by one) costs ~5 ms, more than reading a
    small patch: once the report is out, the process ends at once instead, after what Python
    would run at exit anyway (``atexit`` handlers).  Should flushing fail, or a thread still
    run, it leaves the ordinary way.
    """
    status = main()
    if not isinstance(status, int):
        sys.exit(status)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        sys.exit(status)
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(status)
    import atexit  # noqa: PLC0415 (a built-in module: costs nothing)
    atexit._run_exitfuncs()
    os._exit(status)


def _main(argv) -> int:
    if argv and argv[0] in SUBCOMMANDS and not os.path.isfile(argv[0]):
        return _subcommand(argv)
    return check_command(argv)


def check_command(argv, out=None) -> int:
    """``patchlint [OPTIONS] [INPUT...]``: the report goes to ``out`` (stdout by default; the
    send-email hook gives stderr, where git shows a hook's complaints)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_usage(args, parser, report.FORMATS)
    try:
        settings = resolve(make_config(args))
        runner = Runner(settings)
    except (ConfigError, ValueError) as e:
        say(f"patchlint: error: {e}\n")
        return 2
    sources = _sources(args, parser)
    if out is None:
        # --fix on standard input: the fixed patch is the output, so the report goes to
        # stderr, whatever its format (a report mixed into the patch would break git am)
        out = sys.stderr if args.fix and any(s.kind == "file" and s.name == "-"
                                             for s in sources) else sys.stdout
    color = args.color == "always" or (
        args.color == "auto" and not os.environ.get("NO_COLOR")
        and hasattr(out, "isatty") and out.isatty())
    cls = report.get("diff" if args.diff else args.format)
    options = report.Options(color=color, quiet=args.quiet, reply_context=args.reply_context,
                             reply_cover=args.reply_cover, reply_dir=args.reply_dir,
                             sender=_sender(args))
    reporter = cls(out, options, all_rules())
    run = Options(fix=args.fix, diff=args.diff, outgoing=args.outgoing,
                  jobs=_jobs(args.jobs, sources), exit_zero=args.exit_zero,
                  fixup=cls.wants_fixup, mail=cls.wants_mail)
    status = check(sources, settings, runner, reporter, run, say, _write_stdout)
    out.flush()
    sys.stdout.flush()
    return status


def _write_stdout(data: bytes):
    sys.stdout.flush()
    sys.stdout.buffer.write(data)


def _sender(args):
    """A review reply's From: the --from given, else git's user.name and user.email."""
    if args.format != "reply":
        return None
    if args.from_:
        return args.from_
    from .gitsrc import identity  # noqa: PLC0415 (lazy: git, for a reply's sender only)
    return identity() or "patchlint <patchlint@localhost>"


def _subcommand(argv) -> int:
    """The sub-commands that are not a check (each module imported only when asked for)."""
    cmd = argv[0]
    if cmd in ("rules", "explain"):
        from . import commands  # noqa: PLC0415 (lazy: a sub-command)
        return commands.rules(argv[1:]) if cmd == "rules" else commands.explain(argv[1:])
    if cmd == "followup":
        from .followup import cli as followup  # noqa: PLC0415 (lazy: a sub-command)
        return followup.main(argv[1:], make_config)
    from . import hooks  # noqa: PLC0415 (lazy: a sub-command)
    if cmd in ("install-hook", "uninstall-hook"):
        return hooks.admin(cmd, argv[1:])
    if len(argv) < 2 or argv[1] != hooks.NAME:
        say(f"patchlint: error: 'hook' runs the {hooks.NAME} hook: "
            f"patchlint hook {hooks.NAME} FILE [HEADERS]")
        return 2
    return hooks.validate(argv[2:], lambda args: check_command(args, out=sys.stderr),
                          make_config)


def _check_usage(args, parser, formats):
    """Options that cannot mean what they say are refused with one line, not ignored."""
    if args.format is not None and args.format not in formats:
        parser.error(f"--format: unknown format {args.format!r} "
                     f"(choose from {', '.join(formats)})")
    if args.fix and args.diff:
        parser.error("--fix and --diff do not go together (--diff changes nothing)")
    if args.diff and args.format is not None:
        parser.error(f"--diff prints the fix-up diff, not a report: --format={args.format} "
                     "has nothing to do with it")
    if args.jobs is not None and args.jobs < 1:
        parser.error(f"-j/--jobs: expected a number of processes, 1 or more, not {args.jobs}")
    reply_only = [opt for opt, given in (("--reply-dir", args.reply_dir),
                                         ("--reply-cover", args.reply_cover),
                                         ("--reply-context", args.reply_context is not None),
                                         ("--from", args.from_)) if given]
    if reply_only and args.format != "reply":
        parser.error(f"{reply_only[0]} is an option of --format=reply")
    if args.reply_context is not None and args.reply_context < 0:
        parser.error("--reply-context: expected a number of lines, 0 or more")
    if args.reply_dir and os.path.exists(args.reply_dir) and not os.path.isdir(args.reply_dir):
        parser.error(f"--reply-dir {args.reply_dir}: not a directory")
    if args.from_:
        name, addr = parse_address(args.from_)
        if "@" not in addr or any(c.isspace() for c in addr):
            parser.error(f"--from {args.from_!r}: not a mail address (give 'Name <you@host>' "
                         "or 'you@host')")
    args.format = args.format or "full"
    if args.reply_context is None:
        args.reply_context = 3


def _jobs(asked, sources):
    """How many processes: as asked, else one per CPU when there are many inputs to share."""
    if asked is not None:
        return max(1, asked)
    files = [s for s in sources if s.kind == "file" and s.name != "-"]
    if len(files) < 8 or len(files) != len(sources):
        return 1
    return min(os.cpu_count() or 1, len(files))


SUBCOMMANDS = ("rules", "explain", "install-hook", "uninstall-hook", "hook", "followup")


def make_config(args):
    """The configuration file (unless --isolated), then the command line over it."""
    config = None
    path = args.config or (None if args.isolated else find_config())
    if path:
        if args.config and os.path.isdir(path):
            found = config_in(path)
            if found is None:
                raise ConfigError(f"--config {path}: a directory with no .patchlint.toml and "
                                  "no pyproject.toml holding [tool.patchlint]")
            path = found
        elif not os.path.isfile(path):
            raise ConfigError(f"--config {path}: no such file")
        config = load(path)
    config = config or Config()
    if args.select is not None:
        config.select = args.select
    config.ignore += args.ignore
    config.extend_select += args.extend_select
    if args.fail_on is not None:
        config.fail_on = args.fail_on
    if args.profile is not None:
        config.profile = args.profile
    if args.no_tree:
        config.tree = False
    for text in args.option:
        rid, opt, value = _parse_option(text)
        spec = rule_by_name(rid)
        if spec is None:
            raise ConfigError(f"-o {text}: unknown rule {rid!r}")
        key = opt.replace("-", "_")
        config.options.setdefault(spec.id, {})[key] = value
        config.option_keys[(spec.id, key)] = f"-o {text}"
    return config


def _sources(args, parser):
    """What to check, in order."""
    out = [Source("git", spec) for spec in args.git or []]
    if args.staged:
        out.append(Source("staged", "--staged"))
    if args.worktree:
        out.append(Source("worktree", "--worktree"))
    if args.pre_push:
        out.append(Source("pre-push", "--pre-push"))
    if args.commit_msg:
        out.append(Source("commit-msg", args.commit_msg))
    out += [Source("file", name) for name in args.inputs]
    if not out:
        if sys.stdin is None or sys.stdin.isatty():
            parser.error("no INPUT given (name patch files, pipe one into '-', or use "
                         "--git/--staged/--worktree)")
        out = [Source("file", "-")]
    return out
