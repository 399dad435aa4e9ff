"""Command line: ``patchlint [OPTIONS] [INPUT...]``, ``patchlint rules``, ``patchlint explain``.

Exit status: 0 when no finding reaches the failing severity, 1 when one does, 2 when an input
could not be used or the command line is wrong (one line on stderr says which and why).
"""

from __future__ import annotations

import os
import sys

from . import report
from .api import parse_address
from .catalogue import all_rules, rule_by_name
from .config import Config, ConfigError, config_in, find_config, load
from .engine import Runner
from .quickargs import parse as quick_parse
from .report import say, usage_error
from .run import Options, check
from .settings import resolve
from .sources import Source


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
    args = quick_parse(argv)
    if args is None:
        from .cliparser import build_parser  # noqa: PLC0415 (lazy: see patchlint.quickargs)
        args = build_parser().parse_args(argv)
    _check_usage(args, report.FORMATS)
    try:
        settings = resolve(make_config(args))
        runner = Runner(settings)
    except (ConfigError, ValueError) as e:
        say(f"patchlint: error: {e}\n")
        return 2
    sources = _sources(args)
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


def _check_usage(args, formats):
    """Options that cannot mean what they say are refused with one line, not ignored."""
    if args.format is not None and args.format not in formats:
        usage_error(f"--format: unknown format {args.format!r} "
                     f"(choose from {', '.join(formats)})")
    if args.fix and args.diff:
        usage_error("--fix and --diff do not go together (--diff changes nothing)")
    if args.diff and args.format is not None:
        usage_error(f"--diff prints the fix-up diff, not a report: --format={args.format} "
                     "has nothing to do with it")
    if args.jobs is not None and args.jobs < 1:
        usage_error(f"-j/--jobs: expected a number of processes, 1 or more, not {args.jobs}")
    reply_only = [opt for opt, given in (("--reply-dir", args.reply_dir),
                                         ("--reply-cover", args.reply_cover),
                                         ("--reply-context", args.reply_context is not None),
                                         ("--from", args.from_)) if given]
    if reply_only and args.format != "reply":
        usage_error(f"{reply_only[0]} is an option of --format=reply")
    if args.reply_context is not None and args.reply_context < 0:
        usage_error("--reply-context: expected a number of lines, 0 or more")
    if args.reply_dir and os.path.exists(args.reply_dir) and not os.path.isdir(args.reply_dir):
        usage_error(f"--reply-dir {args.reply_dir}: not a directory")
    if args.from_:
        name, addr = parse_address(args.from_)
        if "@" not in addr or any(c.isspace() for c in addr):
            usage_error(f"--from {args.from_!r}: not a mail address (give 'Name <you@host>' "
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


def _sources(args):
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
            usage_error("no INPUT given (name patch files, pipe one into '-', or use "
                         "--git/--staged/--worktree)")
        out = [Source("file", "-")]
    return out
