"""The everyday command lines are read without argparse, and read exactly as argparse reads
them: same values, and whatever argparse refuses is left to argparse (which says why)."""

import contextlib
import io
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from patchlint import quickargs
from patchlint.cliparser import build_parser


def argparse_reading(argv):
    """argparse's namespace as a dict, or "error" when it refuses the command line."""
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            return vars(build_parser().parse_args(argv))
    except SystemExit:
        return "error"


def test_defaults_are_argparse_defaults():
    assert vars(quickargs.parse([])) == argparse_reading([])


def test_every_option_read_quickly_is_one_of_the_parser_s_with_the_same_attribute():
    parser = build_parser()
    dests = {opt: action.dest for action in parser._actions for opt in action.option_strings}
    for opt, dest in quickargs.FLAGS.items():
        assert dests[opt] == dest, opt
    for opt, (dest, _, _) in quickargs.VALUES.items():
        assert dests[opt] == dest, opt


def test_a_hook_s_command_lines_are_read_quickly_as_argparse_reads_them():
    for argv in (["--format=full", "--quiet", "--outgoing", "0001-x.patch"],
                 ["--staged"], ["--pre-push"], ["--commit-msg", ".git/COMMIT_EDITMSG"],
                 ["--format", "b4", "-"], ["--git", "HEAD~3..", "--no-tree"],
                 ["--select", "flags-type,flags-last", "--ignore=us-spelling", "a.patch"],
                 ["-j", "2", "a.patch", "b.patch"], ["--fail-on", "error", "--exit-zero"],
                 ["--format=reply", "--from", "Me <me@example.org>", "--reply-context=1",
                  "x.patch"], ["-o", "prefer-usleep.function=g_usleep", "x.patch"]):
        got = quickargs.parse(argv)
        assert got is not None, argv
        assert vars(got) == argparse_reading(argv), argv


def test_what_only_argparse_reads_is_left_to_it():
    for argv in (["--help"], ["--version"], ["--iso", "x"], ["--fail-on", "fatal"],
                 ["-j", "two"], ["x", "--quiet", "y"], ["--", "x"], ["--format"],
                 ["--format", "--quiet"], ["-qj2"], ["--color=sometimes"], ["--config=--"]):
        assert quickargs.parse(argv) is None, argv


TOKENS = st.sampled_from(
    sorted(quickargs.FLAGS) + sorted(quickargs.VALUES) +
    [f"{o}=v" for o in sorted(quickargs.VALUES)] + [f"{o}=--" for o in sorted(quickargs.VALUES)] +
    ["a.patch", "b.mbox", "-", "--", "x,y", "", "3", "-1", "error", "never", "auto", "--help",
     "--bogus", "--fail-on=note", "--color=always", "--jobs=0", "-j2"])


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=6))
def test_any_command_line_is_read_as_argparse_reads_it_or_left_to_it(argv):
    got = quickargs.parse(argv)
    if got is not None:
        assert vars(got) == argparse_reading(argv)


def test_the_command_line_of_a_check_does_not_import_argparse(tmp_path):
    patch = tmp_path / "x.diff"
    patch.write_text("diff --git a/README b/README\n--- a/README\n+++ b/README\n"
                     "@@ -1,1 +1,2 @@\n hello\n+world\n")
    code = ("import sys; from patchlint.cli import main; "
            f"s = main(['--isolated', '--format=concise', {str(patch)!r}]); "
            "print(s, 'argparse' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       cwd=tmp_path)
    assert r.stdout.split() == ["0", "False"], r.stderr
