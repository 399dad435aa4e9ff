"""The check command's everyday command lines, read without argparse.

A hook starts patchlint once per mail or commit, and importing argparse and building the whole
parser (every option with its help, gettext's look-ups for each) costs ~3 ms, a tenth of a
small patch's run.  What hooks, pre-commit, b4 and scripts pass is plain: flags, and options
with one value (``--format=concise``, ``--select a,b``, ``--git A..B``).  :func:`parse` reads
those; for anything else (``--help``, ``--version``, an option it does not know or an
abbreviation, a value outside an option's choices, ``--``, a value that starts with ``-``,
input files on both sides of an option) it gives None and the caller asks argparse, which
knows every option and words every error.  tests/test_quickargs.py checks that both read
every command line alike.
"""

from __future__ import annotations

from types import SimpleNamespace

# flags: option -> attribute set to True
FLAGS = {"--staged": "staged", "--worktree": "worktree", "--pre-push": "pre_push",
         "--outgoing": "outgoing", "--no-tree": "no_tree", "-q": "quiet", "--quiet": "quiet",
         "--fix": "fix", "--diff": "diff", "--isolated": "isolated",
         "--exit-zero": "exit_zero", "--reply-cover": "reply_cover"}
# options with one value: option -> (attribute, how the value is read, its choices or None)
VALUES = {"--format": ("format", "str", None), "--config": ("config", "str", None),
          "--commit-msg": ("commit_msg", "str", None), "--profile": ("profile", "str", None),
          "--from": ("from_", "str", None), "--reply-dir": ("reply_dir", "str", None),
          "--color": ("color", "str", ("auto", "always", "never")),
          "--fail-on": ("fail_on", "str", ("error", "warning", "note", "never")),
          "-j": ("jobs", "int", None), "--jobs": ("jobs", "int", None),
          "--reply-context": ("reply_context", "int", None),
          "--git": ("git", "append", None), "-o": ("option", "append", None),
          "--option": ("option", "append", None),
          "--select": ("select", "csv", None), "--ignore": ("ignore", "csv", None),
          "--extend-select": ("extend_select", "csv", None)}

# what argparse gives when an option is not on the command line
DEFAULTS = {"inputs": [], "git": None, "staged": False, "worktree": False, "pre_push": False,
            "commit_msg": None, "outgoing": False, "no_tree": False, "format": None,
            "color": "auto", "quiet": False, "jobs": None, "fix": False, "diff": False,
            "from_": None, "reply_context": None, "reply_cover": False, "reply_dir": None,
            "select": None, "extend_select": [], "ignore": [], "option": [], "profile": None,
            "config": None, "isolated": False, "fail_on": None, "exit_zero": False}


def csv(value):
    """A comma-separated list of rule names (``--select a,b``), blanks dropped."""
    return [v.strip() for v in value.split(",") if v.strip()]


def parse(argv):
    """The command line as argparse's namespace would hold it, or None when only argparse can
    read it."""
    ns = {k: (list(v) if isinstance(v, list) else v) for k, v in DEFAULTS.items()}
    inputs = ns["inputs"]
    ended = False                       # input files were given, then an option
    k = 0
    while k < len(argv):
        arg = argv[k]
        k += 1
        if arg == "-" or not arg.startswith("-"):
            if ended:
                return None             # (argparse refuses files after an option after files)
            inputs.append(arg)
            continue
        if inputs:
            ended = True
        if arg in FLAGS:
            ns[FLAGS[arg]] = True
            continue
        name, eq, value = arg.partition("=")
        spec = VALUES.get(name)
        if spec is None:
            return None
        if not eq:
            if k == len(argv) or argv[k].startswith("-"):
                return None
            value = argv[k]
            k += 1
        if value == "--":
            return None                 # (argparse reads "--" as the end of the options)
        dest, how, choices = spec
        if choices is not None and value not in choices:
            return None
        if how == "int":
            try:
                value = int(value)
            except ValueError:
                return None
        elif how == "append":
            value = (ns[dest] or []) + [value]
        elif how == "csv":
            value = (ns[dest] or []) + csv(value)
        ns[dest] = value
    return SimpleNamespace(**ns)
