"""Command line: ``patchlint [OPTIONS] [INPUT...]``, ``patchlint rules``, ``patchlint explain``.

Exit status: 0 when no finding reaches the failing severity, 1 when one does, 2 when an input
could not be used or the command line is wrong (one line on stderr says which and why).
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .fix import CannotFix
from .reader import InputError

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



def say(text):
    """Write a one-line message to stderr with its control characters escaped: a file name
    or a patch may carry escape sequences, which must not reach the terminal raw."""
    from .report import display
    sys.stderr.write(display(text.rstrip("\n")) + "\n")


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
                          "or prefixes ending in '-'); comma-separated, repeatable")
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
    import json
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
        import traceback
        where = traceback.extract_tb(e.__traceback__)[-1]
        say(f"patchlint: internal error: {type(e).__name__}: {e} "
            f"({os.path.basename(where.filename)}:{where.lineno}; "
            "please report it)\n")
        return 2


def _main(argv) -> int:
    if argv and argv[0] in SUBCOMMANDS and not os.path.isfile(argv[0]):
        return _subcommand(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    from . import report
    _check_usage(args, parser, report.FORMATS)
    from .config import ConfigError
    try:
        config = make_config(args)
        from .engine import Runner
        runner = Runner(config)
    except (ConfigError, ValueError) as e:
        say(f"patchlint: error: {e}\n")
        return 2

    sources = _sources(args, parser)
    # --fix on standard input: the fixed patch is the output, so the report goes to stderr,
    # whatever its format (a report mixed into the patch would break git am)
    out = sys.stderr if args.fix and ("file", "-") in sources else sys.stdout
    color = args.color == "always" or (
        args.color == "auto" and not os.environ.get("NO_COLOR")
        and hasattr(out, "isatty") and out.isatty())
    if args.diff:
        reporter = report.get("diff")(out, options=args)
    else:
        reporter = report.get(args.format)(out, color=color, quiet=args.quiet, options=args)
    status_error = False
    stdin_fixed = None
    jobs = _jobs(args.jobs, sources)
    if jobs > 1:
        status_error = _check_parallel(sources, jobs, runner, config, args, reporter)
    else:
        for kind, name in sources:
            err, fixed = _check_source(kind, name, runner, config, args, reporter)
            status_error |= err
            if fixed is not None:
                stdin_fixed = fixed
    reporter.finish()
    if stdin_fixed is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(stdin_fixed)
    sys.stdout.flush()
    if status_error:
        return 2
    if args.exit_zero:
        return 0
    if args.diff:
        return 1 if reporter.changed else 0
    from .engine import failing_counts
    return 1 if failing_counts(reporter.tally.severities, config.fail_on) else 0


def _subcommand(argv) -> int:
    """The sub-commands that are not a check (each module imported only when asked for)."""
    cmd = argv[0]
    if cmd in ("rules", "explain"):
        from . import commands
        return commands.rules(argv[1:]) if cmd == "rules" else commands.explain(argv[1:])
    from . import hooks
    if cmd in ("install-hook", "uninstall-hook"):
        return hooks.admin(cmd, argv[1:])
    if len(argv) < 2 or argv[1] != hooks.NAME:
        say(f"patchlint: error: 'hook' runs the {hooks.NAME} hook: "
            f"patchlint hook {hooks.NAME} FILE [HEADERS]")
        return 2
    return hooks.run_sendemail_validate(argv[2:])


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
        from .api import parse_address
        name, addr = parse_address(args.from_)
        if "@" not in addr or any(c.isspace() for c in addr):
            parser.error(f"--from {args.from_!r}: not a mail address (give 'Name <you@host>' "
                         "or 'you@host')")
    args.format = args.format or "full"
    if args.reply_context is None:
        args.reply_context = 3


def _check_source(kind, name, runner, config, args, reporter):
    """Check one source, reporting as it goes: (something broke?, fixed stdin bytes or None)."""
    status_error = False
    stdin_fixed = None
    try:
        if kind == "file" and not args.fix:
            return _check_stream(name, runner, config, reporter, args.outgoing), None
        got = _read_source(kind, name)
    except BrokenPipeError:
        raise                               # our output's reader went away: see main()
    except OSError as e:
        say(f"patchlint: {name}: cannot read: "
            f"{e.strerror or e.__class__.__name__}\n")
        reporter.error(name, "cannot read")
        return True, None
    except InputError as e:
        where = f"{name}:{e.line}" if e.line else name
        say(f"patchlint: {where}: {e.message}\n")
        reporter.error(name, e.message)
        return True, None
    shared = {}             # the commits of one --git range are one series
    for data, result in got:
        if args.outgoing:
            result.patches = _submitted(name, result.patches)
        for p in result.patches:
            p.shared = shared
        if config.tree and kind != "commit-msg":
            from .tree import attach
            attach(result.patches)
        findings, crashed = _lint(runner, result.name, result)
        status_error |= crashed
        if args.fix:
            try:
                data, result, findings, fixed = _fix(runner, kind, result.name, data,
                                                     result, findings, config)
            except CannotFix as e:
                say(f"patchlint: {result.name}: cannot fix: {e}\n")
                status_error = True
            else:
                reporter.tally.fixed += fixed
                if kind == "file" and name == "-":
                    stdin_fixed = data
        reporter.add(result, findings)
    return status_error, stdin_fixed


def _jobs(asked, sources):
    """How many processes: as asked, else one per CPU when there are many inputs to share."""
    if asked is not None:
        return max(1, asked)
    files = [s for s in sources if s[0] == "file" and s[1] != "-"]
    if len(files) < 8 or len(files) != len(sources):
        return 1
    return min(os.cpu_count() or 1, len(files))


# the worker's share of the parent's state (inherited by fork, never pickled)
_WORKER = {}


def _check_parallel(sources, jobs, runner, config, args, reporter) -> bool:
    """Check the sources in ``jobs`` processes; print their results in input order."""
    import multiprocessing
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:                      # no fork here: one process it is
        ctx = None
    if ctx is None or any(kind != "file" or name == "-" for kind, name in sources):
        err = False
        for kind, name in sources:
            err |= _check_source(kind, name, runner, config, args, reporter)[0]
        return err
    _WORKER.update(runner=runner, config=config, args=args, cls=type(reporter),
                   color=reporter.color)
    status = False
    with ctx.Pool(jobs) as pool:
        for err, state, errors in pool.imap(_worker, sources, chunksize=4):
            sys.stderr.write(errors)  # (said by workers)
            reporter.merge(state)
            status |= err
    return status


def _worker(source):
    """In a worker process: check one source with a private reporter, hand back its output."""
    import io
    kind, name = source
    w = _WORKER
    rep = w["cls"](io.StringIO(), color=w["color"], quiet=True, options=w["args"])
    old = sys.stderr
    sys.stderr = err = io.StringIO()
    try:
        failed, _ = _check_source(kind, name, w["runner"], w["config"], w["args"], rep)
    except Exception as e:  # a bug of ours, in a worker: one line, like the parent
        failed = True
        say(f"patchlint: {name}: internal error: {type(e).__name__}: {e}\n")
    finally:
        sys.stderr = old
    return failed, rep.export(), err.getvalue()


def _submitted(name, patches):
    """The patches of an outgoing mail that are being submitted: a review reply's are not
    (the patch it quotes is someone else's, under review; its fix-up is a suggestion)."""
    kept = [p for p in patches if not p.reply]
    if len(kept) < len(patches):
        say(f"patchlint: {name}: a review reply: the patch it quotes is not judged\n")
    return kept


def _check_stream(name, runner, config, reporter, outgoing=False) -> bool:
    """Check one input file patch by patch, reporting as it goes; True if something broke.

    Each patch's model is dropped once it is reported, so a big mbox never sits in memory
    whole.  Raises InputError/OSError like reading does.
    """
    from .reader import InputStream, ReadResult
    stream = InputStream(name, _read_bytes(name))
    crashed = False
    seen = []
    before = len(runner.errors)
    replies = 0
    for patch in stream:
        if outgoing and patch.reply:
            replies += 1
            continue
        one = ReadResult(name, [patch], stream.messages)
        if config.tree:
            from .tree import attach
            attach(one.patches)
        findings = runner.run_patch(patch)
        reporter.add(one, findings)
        patch.shed()                        # reported: most of its model can go
        seen.append(patch)
    if replies:
        say(f"patchlint: {name}: a review reply: the patch it quotes is not judged\n")
    series = runner.run_series(seen)
    if series:
        reporter.add(ReadResult(name, [], stream.messages), series)
    for rid, where, text in runner.errors[before:]:
        loc = getattr(where, "src_no", None)
        say(f"patchlint: {name}{':' + str(loc) if loc else ''}: "
            f"internal error in rule {rid}: {text}\n")
        crashed = True
    return crashed


SUBCOMMANDS = ("rules", "explain", "install-hook", "uninstall-hook", "hook")


def make_config(args):
    """The configuration file (unless --isolated), then the command line over it."""
    from .catalogue import rule_by_name
    from .config import Config, ConfigError, config_in, find_config, load
    config = Config()
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
        load(path, config)
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
    return config.check()


def _sources(args, parser):
    """What to check, in order: (kind, name) pairs."""
    out = [("git", spec) for spec in args.git or []]
    if args.staged:
        out.append(("staged", "--staged"))
    if args.worktree:
        out.append(("worktree", "--worktree"))
    if args.pre_push:
        out.append(("pre-push", "--pre-push"))
    if args.commit_msg:
        out.append(("commit-msg", args.commit_msg))
    out += [("file", name) for name in args.inputs]
    if not out:
        if sys.stdin is None or sys.stdin.isatty():
            parser.error("no INPUT given (name patch files, pipe one into '-', or use "
                         "--git/--staged/--worktree)")
        out = [("file", "-")]
    return out


def _read_source(kind, name):
    """[(bytes or None, ReadResult)] for one source; raises InputError/OSError."""
    from . import gitsrc
    from .reader import read_input
    if kind == "file":
        data = _read_bytes(name)
        return [(data, read_input(name, data))]
    if kind == "git":
        return [(None, r) for r in gitsrc.read_range(name)]
    if kind == "staged":
        return [(None, gitsrc.read_staged())]
    if kind == "worktree":
        return [(None, gitsrc.read_worktree())]
    if kind == "pre-push":
        spec, notice = gitsrc.push_range(os.environ)
        if notice:
            say(f"patchlint: {notice}\n")
        return [(None, r) for r in gitsrc.read_range(spec)] if spec else []
    if kind == "commit-msg":
        data = _read_bytes(name)
        return [(data, gitsrc.read_commit_msg(name, data))]
    raise ValueError(kind)


def _lint(runner, name, result):
    """Findings for one input; report rule crashes (internal errors) on stderr."""
    before = len(runner.errors)
    findings = runner.run(result.patches)
    crashed = False
    for rid, where, text in runner.errors[before:]:
        loc = getattr(where, "src_no", None)
        say(f"patchlint: {name}{':' + str(loc) if loc else ''}: "
            f"internal error in rule {rid}: {text}\n")
        crashed = True
    return findings, crashed


FIX_ROUNDS = 5      # fixes that overlapped on a line get their turn in the next round


def _fix(runner, kind, name, data, result, findings, config):
    """Apply the certain fixes, round after round until none is left; return what is left
    to report.  (Two fixes on the same columns can't be applied together: the second waits
    for the next round, judged again on the fixed text.)"""
    total = 0
    for _ in range(FIX_ROUNDS):
        data, result, findings, count = _fix_round(runner, kind, name, data, result,
                                                   findings, config)
        total += count
        if not count or not any(f.fixable for f in findings):
            break
    return data, result, findings, total


def _fix_round(runner, kind, name, data, result, findings, config):
    if kind in ("staged", "worktree"):
        from .fix import fix_tree_files
        count = fix_tree_files(findings)
        if not count:
            return data, result, findings, 0
        from . import gitsrc
        result = gitsrc.read_staged() if kind == "staged" else gitsrc.read_worktree()
        if config.tree:
            from .tree import attach
            attach(result.patches)
        findings, _ = _lint(runner, name, result)
        return data, result, findings, count
    if kind != "file":
        raise CannotFix("commits are fixed in the tree: check out the branch and use "
                        "--worktree --fix, or --diff")
    from .fix import fix_patch_bytes
    from .reader import decoded_mail, read_input
    plain = decoded_mail(data) if any(
        (p.headers or {}).get("content-transfer-encoding", "").lower()
        in ("quoted-printable", "base64") for p in result.patches) else None
    if plain is not None:
        # an encoded mail is rewritten as 8bit: the fixed lines can then be read as they are
        result = read_input(name, plain)
        findings, _ = _lint(runner, name, result)
        data = plain
    new, count = fix_patch_bytes(data, result.patches, findings)
    if not count:
        return data, result, findings, 0
    if name != "-":
        with open(name, "wb") as f:
            f.write(new)
    result = read_input(name, new)
    if config.tree:
        from .tree import attach
        attach(result.patches)
    findings, _ = _lint(runner, name, result)
    return new, result, findings, count


def _read_bytes(name) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    if os.path.isdir(name):
        raise IsADirectoryError(21, "is a directory")
    with open(name, "rb") as f:
        return f.read()
