"""git's sendemail-validate hook: install it, remove it, and be it.

``patchlint install-hook`` writes a small shell script into the hooks directory git uses
(``core.hooksPath`` is honoured).  git send-email runs it on every mail before sending any,
``--dry-run`` included, with the mail's file (and, from git 2.41, a file of SMTP headers);
a non-zero exit stops the whole send.  The script runs ``patchlint hook sendemail-validate``,
which checks that one mail, prints the annotated findings, and fails when one reaches the
failing severity (``fail-on`` in the configuration, default warning).
"""

from __future__ import annotations

import os
import sys

# (argparse, shlex and subprocess are imported where installing or removing the hook needs
# them: being the hook, once per mail, needs none of them)

NAME = "sendemail-validate"
MARK = "# installed by patchlint"
CHAINED = NAME + ".patchlint-chained"


class HookError(Exception):
    pass


def hooks_dir(cwd=None) -> str:
    import subprocess  # noqa: PLC0415 (lazy: see the imports)
    r = subprocess.run(["git", "rev-parse", "--git-path", "hooks"], capture_output=True,
                       text=True, cwd=cwd)
    if r.returncode != 0:
        raise HookError("not inside a git repository")
    path = r.stdout.strip()
    return os.path.abspath(os.path.join(cwd or os.getcwd(), path))


def script() -> str:
    import shlex  # noqa: PLC0415 (lazy: see the imports)
    py = shlex.quote(sys.executable)
    return f"""#!/bin/sh
{MARK} ({NAME}): git send-email runs it on every mail before sending any.
# Remove it with: patchlint uninstall-hook
chained="$(dirname "$0")/{CHAINED}"
if [ -x "$chained" ]; then
    "$chained" "$@" || exit $?
fi
if [ -x {py} ]; then
    exec {py} -m patchlint hook {NAME} "$@"
fi
exec patchlint hook {NAME} "$@"
"""


def install(force=False, chain=False, cwd=None) -> str:
    folder = hooks_dir(cwd)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, NAME)
    if os.path.exists(path):
        with open(path, encoding="utf-8", errors="replace") as f:
            ours = MARK in f.read()
        if not ours:
            if chain:
                os.replace(path, os.path.join(folder, CHAINED))
            elif not force:
                raise HookError(f"{path} exists and is not patchlint's: use --chain to run "
                                "it before patchlint, or --force to replace it")
    with open(path, "w", encoding="utf-8") as f:
        f.write(script())
    os.chmod(path, 0o755)
    return path


def uninstall(cwd=None) -> str:
    folder = hooks_dir(cwd)
    path = os.path.join(folder, NAME)
    if not os.path.exists(path):
        raise HookError(f"no {NAME} hook in {folder}")
    with open(path, encoding="utf-8", errors="replace") as f:
        if MARK not in f.read():
            raise HookError(f"{path} is not patchlint's: left alone")
    os.remove(path)
    chained = os.path.join(folder, CHAINED)
    if os.path.exists(chained):
        os.replace(chained, path)           # give the chained hook its place back
    return path


def validate(args, check, make_config=None) -> int:
    """Be the hook: ``FILE [HEADERS]`` (git >= 2.41 passes the SMTP headers too).  ``check``
    runs a check's command line with its report on stderr, where git send-email shows a
    hook's complaints: the mail is judged as a mail being sent (``--outgoing``).  With
    ``make_config`` (the command line's), a follow-up of v1's review thread is run on the
    mail too when one is configured (see :func:`patchlint.followup.cli.hook`)."""
    if not 1 <= len(args) <= 2:
        sys.stderr.write(f"patchlint: error: hook {NAME} takes the mail file and, optionally, "
                         "the headers file\n")
        return 2
    mail = args[0]
    counter = os.environ.get("GIT_SENDEMAIL_FILE_COUNTER")
    total = os.environ.get("GIT_SENDEMAIL_FILE_TOTAL")
    if counter == "1" and total and total != "1":
        sys.stderr.write(f"patchlint: checking {total} mails before they are sent\n")
    status = check(["--format=full", "--quiet", "--outgoing", mail])
    more = None
    if make_config is not None:
        from .followup.cli import hook  # noqa: PLC0415 (lazy: the follow-up, when asked)
        more = hook(mail, make_config)
    todo = [what for what, code in (("fix the findings above", status),
                                    ("follow v1's review up (above)", more)) if code == 1]
    if todo:
        sys.stderr.write(f"patchlint: {os.path.basename(mail)}: not sent: {' and '.join(todo)}"
                         ", or send with --no-validate to override\n")
    return status if more is None else max(status, more)


def admin(cmd, args) -> int:
    """``patchlint install-hook [--force|--chain]`` and ``patchlint uninstall-hook``."""
    import argparse  # noqa: PLC0415 (lazy: see the imports)
    p = argparse.ArgumentParser(
        prog=f"patchlint {cmd}",
        description="Install (or remove) the git send-email hook that checks every mail "
                    "before it is sent." if cmd == "install-hook" else
                    "Remove the sendemail-validate hook patchlint installed (and give a "
                    "chained hook its place back).")
    if cmd == "install-hook":
        p.add_argument("--force", action="store_true",
                       help="replace a sendemail-validate hook that is not patchlint's")
        p.add_argument("--chain", action="store_true",
                       help="keep such a hook and run it before patchlint")
    ns = p.parse_args(args)
    try:
        if cmd == "install-hook":
            path = install(force=ns.force, chain=ns.chain)
            sys.stdout.write(f"installed {path}: git send-email now checks every mail "
                             "first\n")
        else:
            path = uninstall()
            sys.stdout.write(f"removed {path}\n")
    except HookError as e:
        sys.stderr.write(f"patchlint: error: {e}\n")
        return 2
    return 0
