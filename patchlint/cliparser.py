"""The check command's whole command line, as argparse reads it: ``--help`` and every option.

Everyday command lines are read by :mod:`patchlint.quickargs` without importing argparse; this
parser reads the rest, and words what is wrong with a command line.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .quickargs import csv as _csv
from .report import usage_error

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
        usage_error(message)


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
