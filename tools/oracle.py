#!/usr/bin/env python3
"""Compare patchlint with libvirt's real ``syntax-check``, patch by patch (issue 12).

patchlint promises to say, on the patch and without the tree, what libvirt's CI says when it
runs ``syntax-check`` on the tree.  This tool checks the promise.  For every patch it writes the
post-image of each file the patch changes into a scratch tree (same paths), runs libvirt's own
``build-aux/syntax-check.mk`` targets over exactly those files with GNU make, keeps the hits on
lines the patch adds, runs patchlint on the same patch, and compares the two by syntax-check
rule name (``sc_*``).

    python tools/oracle.py history --libvirt LIBVIRT_GITDIR --libvirt-rev REV --repo GITDIR
    python tools/oracle.py patches --libvirt LIBVIRT_GITDIR --libvirt-rev REV [--repo G] FILE..
    python tools/oracle.py plants  --libvirt LIBVIRT_GITDIR --libvirt-rev REV [--plants DIR]

``history``: every non-merge commit of GITDIR (a bare git directory is fine) as its
``git format-patch`` mail; the post-images come from the commit (``git cat-file``).
``patches``: patch files or mails; a post-image is read by the blob id of the patch's ``index``
line from ``--repo``, or, failing that, rebuilt from the hunks alone (lines the hunks do not
show left empty; then whole-file checks are not counted for that file).
``plants``: violations planted into libvirt's own files (tools/oracle_plants/*.toml: insert a
line, replace one, append at the end, or add a new file), each as a one-file patch against the
libvirt tree; reports, per plant, the oracle's rules and patchlint's rules on the planted lines.

What it needs: GNU make, grep, sed, awk, perl, python3 and git on PATH, and a libvirt git
directory (``--libvirt``, or $PATCHLINT_ORACLE_LIBVIRT; the revision ``--libvirt-rev`` or
$PATCHLINT_ORACLE_LIBVIRT_REV, default HEAD).  Nothing of libvirt is kept in this repository:
``build-aux/``, ``scripts/`` and ``include/libvirt/`` are extracted at run time with
``git archive`` into the cache.  patchlint is driven through its command line only
(``python -m patchlint --format=json --isolated --no-tree --select ALL``, profile ``glib``:
libvirt's v10 syntax-check is the GLib era's).

How make is driven (what meson does through build-aux/Makefile.in, done on make's command
line instead; see :func:`make_command`): ``make -i -C TREE -f SUPPORT/build-aux/syntax-check.mk
top_srcdir=. VC_LIST='cat FILELIST' GREP=grep SED=sed AWK=awk PERL=perl PYTHON=python3
RUNUTF8=... FLAKE8= BLACK= SHELL=WRAPPER .SHELLFLAGS='$@ -c' sc_...``.  ``VC_LIST`` replaces
``git ls-tree`` by the list of the patch's post-image files; ``top_srcdir=.`` keeps the paths
the targets print relative, as libvirt's exception regexes (``^tests/``) expect; the helper
files the make file names under ``$(top_srcdir)`` (its scripts, the public headers
``sc_flags_usage`` counts) are linked into the scratch tree but not listed, so never checked;
``-i`` runs every command of a target even after one fails (CI stops a target at its first
failing command: here a second regex of the same target is still seen); the SHELL wrapper
receives the target's name (``$@`` in ``.SHELLFLAGS``) and keeps each command's stdout, stderr
and exit status apart, so every printed line is attributed to its target without parsing
make's output.  ``sc_flake8`` and ``sc_black`` are not run (Python linters).

Caching: mails, the extracted libvirt files and each patch's oracle result are kept under
``--cache`` (default /tmp/patchlint-oracle, or $PATCHLINT_ORACLE_CACHE), so a rerun only
compares.  ``--jobs`` oracle runs go in parallel; each has ``--timeout`` seconds; a target that
crashes or a make that hangs is recorded and the run goes on.

Output: a plain-text summary on stdout (also ``summary.txt`` in ``--out``) and
``disagreements.json`` (every disagreement with its file, line and text; per plant, every
result).  Exit status 0, or 2 when the inputs cannot be read.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import difflib
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

try:
    import tomllib
except ModuleNotFoundError:         # Python 3.10
    import tomli as tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(HERE)
DEFAULT_CACHE = os.environ.get("PATCHLINT_ORACLE_CACHE", "/tmp/patchlint-oracle")
DEFAULT_PLANTS = os.path.join(HERE, "oracle_plants")
# Bump when what an oracle run records changes: cached results of older runs are then ignored.
RESULT_VERSION = 3

# Targets not run: Python linters, not C review rules (the brief of issue 12 leaves them out).
SKIPPED_TARGETS = {"sc_flake8": "runs flake8 on Python files", "sc_black": "runs black"}
# Targets known to judge the tree rather than the files listed: what they need is not there.
TREE_WIDE = {
    "sc_po_check": "compares po/POTFILES with every translatable file of the tree; without "
                   "po/POTFILES it passes silently",
    "sc_group-qemu-caps": "reads src/qemu/qemu_capabilities.[ch] of the whole tree",
    "sc_mock-noinline": "reads the file list from stdin with the newlines kept, so it never "
                        "sees a '.h' or 'mock.c' name and never fails (a libvirt bug)",
}
# The support files: what syntax-check.mk names under $(top_srcdir), extracted from libvirt.
SUPPORT_DIRS = ("build-aux", "scripts", "include/libvirt")
# Patterns of libvirt's environment for the scripts (meson's `runutf8`).
RUNUTF8 = "LC_ALL= LANG=C LC_CTYPE=C.UTF-8"
PATCHLINT_ARGS = ("--format=json", "--isolated", "--no-tree", "--select", "ALL",
                  "--profile", "glib", "--exit-zero", "-q")

# The SHELL make runs each recipe line with: $1 is the target ($@ in .SHELLFLAGS), then -c and
# the command.  Each command's stdout, stderr and exit status go to their own files in
# $ORACLE_OUT, numbered per target.  A call with no target ($(shell) while parsing) is passed on.
WRAPPER = """#!/bin/sh
# written by patchlint's tools/oracle.py: keep each syntax-check command's output apart
t=$1; shift
case $t in -c) exec /bin/sh -c "$1";; esac
shift
n=0
while [ -e "$ORACLE_OUT/$t.$n.rc" ] || [ -e "$ORACLE_OUT/$t.$n.out" ]; do n=$((n+1)); done
: >"$ORACLE_OUT/$t.$n.out"
/bin/sh -c "$1" >"$ORACLE_OUT/$t.$n.out" 2>"$ORACLE_OUT/$t.$n.err"
rc=$?
echo $rc >"$ORACLE_OUT/$t.$n.rc"
exit $rc
"""

_MAIL_FROM_RE = re.compile(rb"^From ([0-9a-f]{40}|[0-9a-f]{64}) Mon Sep 17 00:00:00 2001$", re.M)
_HUNK_RE = re.compile(rb"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_CRASH_RE = re.compile(r"Traceback|No such file or directory|command not found|Can't open|"
                       r"Permission denied|syntax error|Killed")


# -- git -----------------------------------------------------------------------------------

def git(gitdir, *args, stdin=None) -> bytes:
    """Run git on GITDIR (bare or not) and return its stdout; fail loudly on error."""
    cmd = ["git", "--git-dir", gitdir, "-c", "core.quotePath=false", *args]
    proc = subprocess.run(cmd, capture_output=True, input=stdin)
    if proc.returncode != 0:
        raise SystemExit(f"oracle: {' '.join(cmd[:7])}...: "
                         f"{proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


def cat_blobs(gitdir, names) -> dict:
    """{name: bytes} for each object name (``COMMIT:path`` or a blob id) that is a blob."""
    if not names:
        return {}
    out = git(gitdir, "cat-file", "--batch", stdin="".join(f"{n}\n" for n in names).encode())
    blobs, pos = {}, 0
    for name in names:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3:
            size = int(header[2])
            if header[1] == b"blob":
                blobs[name] = out[pos:pos + size]
            pos += size + 1
    return blobs


def cache_key(gitdir) -> str:
    """A cache directory name for GITDIR: readable, and unique per absolute path."""
    path = os.path.abspath(gitdir).rstrip("/")
    name = os.path.basename(path)
    if name in ("repo", ".git"):
        name = os.path.basename(os.path.dirname(path))
    digest = hashlib.sha1(path.encode()).hexdigest()[:8]
    return f"{re.sub(r'[^A-Za-z0-9+._-]', '_', name)}-{digest}"


def write_atomic(path, data: bytes):
    """Write a cache file so that an interrupted run never leaves half of one."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


# -- libvirt's side: the make file and its helpers ------------------------------------------

def prepare_support(libvirt, rev, cache) -> dict:
    """Extract libvirt's syntax-check files at REV into the cache; describe what is there.

    Returns {"dir", "rev", "mk", "targets", "links", "src_dirs"}: ``targets`` are the
    ``sc_*`` rules of the make file (found as meson finds them), ``links`` the files the make
    file names under ``$(top_srcdir)`` that the extraction holds, ``src_dirs`` libvirt's
    ``src/*/`` directories (``sc_prohibit_cross_inclusion`` lists them with $(wildcard)).
    """
    sha = git(libvirt, "rev-parse", "--verify", f"{rev}^{{commit}}").decode().strip()
    root = os.path.join(cache, f"libvirt-{sha[:12]}")
    if not os.path.exists(os.path.join(root, ".complete")):
        tmp = tempfile.mkdtemp(dir=cache, prefix="libvirt-extract-")
        archive = git(libvirt, "archive", sha, *SUPPORT_DIRS)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        open(os.path.join(tmp, ".complete"), "w").close()
        if os.path.exists(root):
            shutil.rmtree(root)
        os.replace(tmp, root)
    mk_path = os.path.join(root, "build-aux", "syntax-check.mk")
    with open(mk_path, encoding="utf-8") as f:
        mk = f.read()
    targets = [t for t in re.findall(r"(?m)^(sc_[A-Za-z0-9_-]*):", mk)
               if t not in SKIPPED_TARGETS]
    named = set(re.findall(r"\$\(top_srcdir\)/([A-Za-z0-9_./-]+)", mk))
    links = sorted(p for p in named if os.path.isfile(os.path.join(root, p)))
    src_dirs = [p.split("/", 1)[1].rstrip("/") for p in
                git(libvirt, "ls-tree", "-d", "--name-only", sha, "src/").decode().split()]
    return {"dir": root, "rev": sha, "mk": mk_path, "targets": list(dict.fromkeys(targets)),
            "links": links, "src_dirs": src_dirs,
            "mk_digest": hashlib.sha1(mk.encode()).hexdigest()[:10]}


def make_command(support, tree, filelist, wrapper, targets) -> list:
    """The make command line: what meson's Makefile.in would define, given as variables."""
    return ["make", "-i", "--no-print-directory", "-C", tree, "-f", support["mk"],
            "top_srcdir=.",                       # relative paths, as the regexes expect
            f"top_builddir={os.path.dirname(filelist)}/build",
            f"VC_LIST=cat {filelist}",             # instead of `git ls-tree -r HEAD:`
            "GREP=grep", "SED=sed", "AWK=awk", "PERL=perl", "PYTHON=python3",
            f"RUNUTF8={RUNUTF8}", "FLAKE8=", "BLACK=",
            f"SHELL={wrapper}", ".SHELLFLAGS=$@ -c", *targets]


# -- patches -------------------------------------------------------------------------------

def _diff_name(raw: bytes) -> str:
    """A path from a ---/+++ line or `rename to`: strip a/ b/, undo git's C quoting."""
    name = raw.split(b"\t")[0].rstrip(b"\r")
    if name.startswith(b'"') and name.endswith(b'"'):
        name = name[1:-1].decode("unicode_escape").encode("latin-1")
    text = name.decode("utf-8", "surrogateescape")
    return text[2:] if text[:2] in ("a/", "b/") else text


def _new_file(header: bytes) -> dict:
    m = re.match(rb"diff --git a/(.*) b/(.*)$", header)
    path = m.group(2).decode("utf-8", "surrogateescape") if m else None
    return {"path": path, "new": False, "deleted": False, "binary": False, "mode": None,
            "index": None, "added": {}, "shown": {}}


def parse_diff(data: bytes) -> list:
    """The files of a patch: {path, new, deleted, binary, mode, index, added, shown}.

    ``added`` maps a post-image line number to the text of a `+` line, ``shown`` every
    post-image line the hunks show (context and added), ``index`` the post-image blob id of the
    ``index`` line.  Reads git diffs, mails and plain ``diff -u`` output.
    """
    files, cur, old_left, new_left, new_no = [], None, 0, 0, 0
    for raw in data.split(b"\n"):
        if cur is not None and (old_left > 0 or new_left > 0):
            tag = raw[:1]
            if tag in (b"+", b" ", b"") and new_left > 0:
                text = raw[1:].rstrip(b"\r")
                cur["shown"][new_no] = text
                if tag == b"+":
                    cur["added"][new_no] = text
                else:
                    old_left -= 1
                new_no, new_left = new_no + 1, new_left - 1
                continue
            if tag == b"-":
                old_left -= 1
                continue
            if tag == b"\\":
                continue
            old_left = new_left = 0
        if raw.startswith(b"diff --git "):
            cur = _new_file(raw)
            files.append(cur)
        elif raw.startswith(b"--- ") and (cur is None or cur["shown"] or cur["added"]):
            cur = _new_file(b"")            # a plain diff: no `diff --git` line
            files.append(cur)
            cur["new"] = raw.startswith(b"--- /dev/null")
        elif cur is None:
            continue
        elif m := _HUNK_RE.match(raw):
            old_left, new_left = int(m.group(2) or 1), int(m.group(4) or 1)
            new_no = int(m.group(3)) if new_left else 0
        else:
            _file_header(cur, raw)
    return [f for f in files if f["path"] and not f["deleted"]]


def _file_header(cur, raw):
    """Read one header line of a file's diff into CUR."""
    if raw.startswith(b"+++ "):
        if raw.startswith(b"+++ /dev/null"):
            cur["deleted"] = True
        else:
            cur["path"] = _diff_name(raw[4:])
    elif raw.startswith(b"--- /dev/null") or raw.startswith(b"new file mode"):
        cur["new"] = True
        cur["mode"] = raw.split()[-1].decode() if raw.startswith(b"new") else cur["mode"]
    elif raw.startswith(b"deleted file mode"):
        cur["deleted"] = True
    elif raw.startswith(b"new mode "):
        cur["mode"] = raw.split()[-1].decode()
    elif raw.startswith(b"rename to ") or raw.startswith(b"copy to "):
        cur["path"] = _diff_name(b"b/" + raw.split(b" to ", 1)[1])
    elif raw.startswith(b"index "):
        parts = raw.split()
        cur["index"] = parts[1].split(b"..")[-1].decode()
        if len(parts) > 2:
            cur["mode"] = parts[2].decode()
    elif raw.startswith(b"Binary files ") or raw.startswith(b"GIT binary patch"):
        cur["binary"] = True


def rebuild_from_hunks(fd) -> bytes:
    """A post-image from the hunks alone: lines they do not show are left empty."""
    if not fd["shown"]:
        return b""
    last = max(fd["shown"])
    return b"".join(fd["shown"].get(n, b"") + b"\n" for n in range(1, last + 1))


# -- post-images ---------------------------------------------------------------------------

def post_images(job, fds) -> tuple:
    """({path: bytes} of the regular files a patch leaves, {paths rebuilt from hunks})."""
    wanted = [fd for fd in fds if not fd["binary"]
              and (fd["mode"] or "100644").startswith("100")]    # no symlink, no submodule
    source = job["post"]
    if "files" in source:
        return {fd["path"]: source["files"][fd["path"]].encode("utf-8", "surrogateescape")
                for fd in wanted if fd["path"] in source["files"]}, set()
    if "commit" in source:
        names = {fd["path"]: f"{source['commit']}:{fd['path']}" for fd in wanted}
        blobs = cat_blobs(source["git"], list(names.values()))
        return {p: blobs[n] for p, n in names.items() if n in blobs}, set()
    blobs = {}
    if source.get("git"):
        ids = [fd["index"] for fd in wanted if fd["index"] and set(fd["index"]) != {"0"}]
        blobs = cat_blobs(source["git"], ids) if ids else {}
    files, partial = {}, set()
    for fd in wanted:
        if fd["index"] in blobs:
            files[fd["path"]] = blobs[fd["index"]]
        elif fd["new"] or fd["shown"]:
            files[fd["path"]] = rebuild_from_hunks(fd)
            if not fd["new"]:
                partial.add(fd["path"])
    return files, partial


def _safe_path(path) -> bool:
    return bool(path) and not path.startswith("/") and ".." not in path.split("/")


def build_tree(support, files, scratch) -> tuple:
    """Lay out a scratch tree: libvirt's helper files linked in, the post-images over them.

    Returns (tree dir, file list path, paths where a post-image took a helper's place).
    """
    tree = os.path.join(scratch, "tree")
    for rel in support["links"]:
        dest = os.path.join(tree, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        os.symlink(os.path.join(support["dir"], rel), dest)
    for d in support["src_dirs"]:
        os.makedirs(os.path.join(tree, "src", d), exist_ok=True)
    collisions, listed = [], []
    for path, data in sorted(files.items()):
        dest = os.path.join(tree, path)
        try:
            if os.path.islink(dest):
                collisions.append(path)
                os.unlink(dest)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as f:
                f.write(data)
            listed.append(path)
        except OSError as e:
            collisions.append(f"{path} ({e.strerror})")
    filelist = os.path.join(scratch, "files.txt")
    with open(filelist, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("".join(p + "\n" for p in listed))
    return tree, filelist, collisions


def run_make(support, files, targets, timeout, keep=False) -> dict:
    """Run the targets over FILES; return {"commands": {target: [(rc, out, err)]}, "error"}."""
    scratch = tempfile.mkdtemp(prefix="patchlint-oracle-")
    try:
        tree, filelist, collisions = build_tree(support, files, scratch)
        out_dir = os.path.join(scratch, "out")
        os.makedirs(out_dir)
        wrapper = os.path.join(scratch, "shell")
        with open(wrapper, "w") as f:
            f.write(WRAPPER)
        os.chmod(wrapper, 0o755)
        cmd = make_command(support, tree, filelist, wrapper, targets)
        env = dict(os.environ, ORACLE_OUT=out_dir)
        error, log = None, b""
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            log = proc.communicate(timeout=timeout)[0]
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            log = proc.communicate()[0]
            error = f"timeout after {timeout}s"
        if error is None and proc.returncode != 0:
            error = f"make exited {proc.returncode}: " + _last_line(log)
        commands = collect_commands(out_dir)
        if error and error.startswith("timeout"):
            running = [t for t, cmds in commands.items() if any(c[0] is None for c in cmds)]
            error += f" (running: {', '.join(running) or 'none'})"
        return {"commands": commands, "error": error, "collisions": collisions,
                "scratch": scratch if keep else None}
    finally:
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)


def _last_line(data: bytes) -> str:
    lines = [ln for ln in data.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1].strip() if lines else ""


def collect_commands(out_dir) -> dict:
    """{target: [(rc or None, stdout, stderr)]} from the wrapper's files, in command order."""
    found = collections.defaultdict(dict)
    for name in os.listdir(out_dir):
        target, n, kind = name.rsplit(".", 2)
        with open(os.path.join(out_dir, name), "rb") as f:
            found[(target, int(n))][kind] = f.read().decode("utf-8", "surrogateescape")
    commands = collections.defaultdict(list)
    for (target, _n), parts in sorted(found.items()):
        rc = parts.get("rc", "").strip()
        commands[target].append((int(rc) if rc.lstrip("-").isdigit() else None,
                                 parts.get("out", ""), parts.get("err", "")))
    return dict(commands)


# -- reading what the targets printed ------------------------------------------------------

# Targets that name a file but no line: where in the file the finding is (first line matching),
# so it can be compared with a finding on a line.  "$last" is the file's last line.
LOCATE = {
    "sc_require_config_h_first": r"^# *include\b",
    "sc_gettext_init": r"\bmain *\(",
    "sc_require_locale_h": r"setlocale *\(",
    "sc_copyright_usage": r"COPYING",
    "sc_prohibit_empty_lines_at_EOF": "$last",
    "sc_prohibit_assert_without_use": r'^# *include [<"]assert\.h',
    "sc_prohibit_getopt_without_use": r'^# *include [<"]getopt\.h',
    "sc_prohibit_signal_without_use": r'^# *include [<"]signal\.h',
    "sc_prohibit_stdio--_without_use": r'^# *include [<"]stdio--\.h',
    "sc_prohibit_stddef_without_use": r'^# *include [<"]stddef\.h',
    "sc_prohibit_dirent_without_use": r'^# *include [<"]dirent\.h',
}


def locate(target, message, data: bytes):
    """The line a file-level finding of TARGET is about, or None."""
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        lines.pop()
    if target == "sc_prohibit_wrong_filename_in_comment":
        m = re.match(r"\s*(\S+) mentioned in comments", message)
        pattern = re.escape(m.group(1)) if m else None
        lines = lines[:2]
    else:
        pattern = LOCATE.get(target)
    if pattern == "$last":
        return len(lines) or None
    if pattern:
        rx = re.compile(pattern.encode())
        for n, line in enumerate(lines, 1):
            if rx.search(line):
                return n
    return None


def _path_regex(paths):
    alts = "|".join(re.escape(p) for p in sorted(paths, key=len, reverse=True))
    return re.compile(rf"^(?:in )?({alts})(?:([:-])(\d+)\2(.*)|: (.*)|)$")


def parse_output(target, n, text, path_rx, halt) -> list:
    """The findings in one command's output: {target, cmd, path, lines, text, detail, halt}.

    ``path:N:text`` (grep -n), ``path-N-text`` (a context line of grep -A: joined to the finding
    just above it when it is the next line), ``path: message`` and a bare ``path`` (file-level).
    A line ending in ':' that names no file (check-spacing.pl's "Whitespace after
    non-keyword:") is kept as the ``detail`` of the finding after it.
    """
    hits, detail = [], ""
    for line in text.splitlines():
        m = path_rx.match(line)
        if not m:
            if line.rstrip().endswith(":"):
                detail = line.strip()
            continue
        path, sep, num, rest, message = m.groups()
        last = hits[-1] if hits else None
        if sep == "-" and last and last["path"] == path and last["lines"] \
                and int(num) == last["lines"][-1] + 1:
            last["lines"].append(int(num))
            continue
        hits.append({"target": target, "cmd": n, "path": path,
                     "lines": [int(num)] if num else [], "text": (rest or "").strip(),
                     "message": (message or "").strip(), "detail": detail, "halt": halt})
        detail = ""
    return hits


def read_target(target, commands, path_rx, files) -> tuple:
    """(findings, [(state, note)] per command) of one target, from its commands' output.

    A command's state: ``clean``, ``hits`` (failed, naming lines of the files), ``failed``
    (failed without naming one), ``skipped`` (a tool is missing), ``crashed`` (a script died,
    a file it needs is missing, or it did not finish).
    """
    hits, states = [], []
    for n, (rc, out, err) in enumerate(commands):
        err_lines = [ln for ln in err.splitlines() if ln.strip()]
        halt = err_lines[-1].strip() if err_lines else ""
        found = parse_output(target, n, out, path_rx, halt) + \
            parse_output(target, n, err, path_rx, halt)
        if rc is None:
            states.append(("crashed", "did not finish"))
        elif "skipping test" in err:
            states.append(("skipped", halt))
        elif rc != 0 and (_CRASH_RE.search(err) or rc in (2, 124, 125, 126, 127) or rc > 128):
            states.append(("crashed", f"exit {rc}: " + (halt or _last_line(out.encode()))))
        elif rc != 0:
            states.append(("hits", "") if found else ("failed", halt))
        else:
            states.append(("clean", ""))
        for hit in found:
            if not hit["lines"]:
                at = locate(target, hit["message"], files.get(hit["path"], b""))
                hit["lines"], hit["located"] = ([at], True) if at else ([], False)
        hits += found
    return hits, states


def oracle_job(job, support, targets, timeout, keep=False) -> dict:
    """Run the oracle on one patch: its files, the added lines, every target's findings."""
    start = time.monotonic()
    with open(job["patch"], "rb") as f:
        fds = parse_diff(f.read())
    files, partial = post_images(job, fds)
    result = {"id": job["id"], "files": sorted(files), "partial": sorted(partial),
              "new": sorted(fd["path"] for fd in fds if fd["new"] and fd["path"] in files),
              "added": {fd["path"]: {str(n): t.decode("utf-8", "replace")
                                     for n, t in fd["added"].items()}
                        for fd in fds if fd["path"] in files and fd["added"]},
              "hits": [], "targets": {}, "error": None, "collisions": []}
    if not files:
        result["seconds"] = round(time.monotonic() - start, 2)
        return result
    run = run_make(support, files, targets, timeout, keep)
    result.update(error=run["error"], collisions=run["collisions"], scratch=run["scratch"])
    path_rx = _path_regex(files)
    for target in targets:
        hits, states = read_target(target, run["commands"].get(target, []), path_rx, files)
        result["hits"] += hits
        result["targets"][target] = states
    result["seconds"] = round(time.monotonic() - start, 2)
    return result


# -- the patches of each mode --------------------------------------------------------------

def history_jobs(gitdir, cache, rev="HEAD", limit=None) -> list:
    """One job per non-merge commit reachable from REV (oldest first), its mail cached."""
    args = ["rev-list", "--no-merges"] + ([f"--max-count={limit}"] if limit else [])
    commits = git(gitdir, *args, rev).decode().split()[::-1]
    mail_dir = os.path.join(cache, cache_key(gitdir), "mails")
    path_of = {c: os.path.join(mail_dir, f"{c}.patch") for c in commits}
    missing = [c for c in commits if not os.path.exists(path_of[c])]
    for k in range(0, len(missing), 400):
        batch = missing[k:k + 400]
        print(f"oracle: formatting commits {k + 1}-{k + len(batch)} of {len(missing)}",
              file=sys.stderr)
        out = git(gitdir, "format-patch", "--stdout", "--no-walk", "--no-numbered", *batch)
        marks = [m for m in _MAIL_FROM_RE.finditer(out) if m.group(1).decode() in set(batch)]
        for j, m in enumerate(marks):
            end = marks[j + 1].start() if j + 1 < len(marks) else len(out)
            write_atomic(path_of[m.group(1).decode()], out[m.start():end])
    return [{"id": c, "patch": path_of[c], "label": c[:12],
             "post": {"git": os.path.abspath(gitdir), "commit": c}}
            for c in commits if os.path.exists(path_of[c])]


def file_jobs(paths, gitdir=None) -> list:
    """One job per patch file; post-images by blob id from GITDIR, else from the hunks."""
    return [{"id": os.path.abspath(p), "patch": os.path.abspath(p), "label": p,
             "post": {"git": os.path.abspath(gitdir) if gitdir else None}} for p in paths]


def unified_patch(path, old: str | None, new: str, subject: str) -> bytes:
    """A git-style diff of one file from OLD (None: a new file) to NEW, as a mail."""
    old_lines = [] if old is None else old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    body = list(difflib.unified_diff(old_lines, new_lines, "/dev/null" if old is None
                                     else f"a/{path}", f"b/{path}", n=3))
    fixed = []
    for line in body[2:]:
        fixed.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    head = [f"diff --git a/{path} b/{path}\n"] + (["new file mode 100644\n"] if old is None
                                                  else []) + body[:2]
    mail = (f"From: Oracle Plant <oracle@example.org>\nSubject: [PATCH] {subject}\n\n"
            f"Planted violation: {subject}\n\n"
            "Signed-off-by: Oracle Plant <oracle@example.org>\n---\n")
    return (mail + "".join(head + fixed) + "-- \n2.0\n").encode("utf-8", "surrogateescape")


# -- patchlint's side ----------------------------------------------------------------------

def run_patchlint(cmd, paths, batch=200) -> dict:
    """{input path: [finding]} from patchlint's JSON, run on PATHS in batches."""
    found = {p: [] for p in paths}
    for k in range(0, len(paths), batch):
        chunk = paths[k:k + batch]
        proc = subprocess.run([*cmd, *PATCHLINT_ARGS, *chunk], capture_output=True,
                              cwd=REPO_ROOT)
        try:
            findings = json.loads(proc.stdout or b"[]")
        except json.JSONDecodeError:
            raise SystemExit(f"oracle: patchlint printed no JSON (exit {proc.returncode}): "
                             f"{proc.stderr.decode(errors='replace')[-500:]}") from None
        for line in proc.stderr.decode(errors="replace").splitlines():
            print(f"oracle: patchlint: {line}", file=sys.stderr)
        for f in findings:
            found.setdefault(f.get("input"), []).append(f)
    return found


def claimed_rules(cmd) -> dict:
    """{sc name: [patchlint rule ids]} of today's profile, from `patchlint rules`."""
    out = subprocess.run([*cmd, "rules"], capture_output=True, text=True, cwd=REPO_ROOT).stdout
    claimed = collections.defaultdict(list)
    for line in out.splitlines():
        m = re.match(r"\s+(\S+)\s+(?:error|warning|note)\s+.*\[(sc_[^\]]+)\]"
                     r"(?: \(profile (\w+)\))?$", line)
        if m and m.group(3) in (None, "glib"):
            for sc in m.group(2).split(", "):
                claimed[sc].append(m.group(1))
    return dict(claimed)


# -- comparing -----------------------------------------------------------------------------

def oracle_hits_on_added(result) -> list:
    """The oracle's findings on lines the patch adds (a whole new file: all its lines)."""
    kept, seen = [], set()
    for h in result["hits"]:
        added = result["added"].get(h["path"], {})
        if h["lines"]:
            on = any(str(n) in added for n in h["lines"])
        else:       # names the file only: counts when the patch adds the whole file, or
            # when the file was clean before (a plant)
            on = h["path"] in result["new"] or result.get("planted", False)
        if h["path"] in result["partial"] and h.get("located") is not None:
            on = False                  # a whole-file check of a file rebuilt from hunks
        key = (h["target"], h["path"], tuple(h["lines"]) or h["message"])
        if on and key not in seen:
            seen.add(key)
            kept.append(h)
    return kept


def _matches(hit, f) -> bool:
    return hit["path"] == f["path"] and (not hit["lines"] or f["line"] in hit["lines"])


def _names(f) -> set:
    """The syntax-check names a finding answers to: every name its rule ports (a rule may port
    several: ``sizeof (x)`` is both sc_size_of_brackets and sc_spacing-check)."""
    return f.get("syntax_checks") or {f.get("syntax_check")}


def name_findings(findings, claimed) -> None:
    """Give each finding ``syntax_checks``: the names its rule claims (from ``claimed``)."""
    of_rule = collections.defaultdict(set)
    for sc, rules in claimed.items():
        for rid in rules:
            of_rule[rid].add(sc)
    for fs in findings.values():
        for f in fs:
            if f.get("syntax_check"):
                f["syntax_checks"] = of_rule.get(f["rule"], set()) | {f["syntax_check"]}


def compare(result, findings, targets) -> list:
    """Records of one patch: {kind: both|oracle_only|patchlint_only, sc, path, line, ...}."""
    records = []
    pl = [f for f in findings if f.get("syntax_check") and f.get("path") in result["files"]
          and f.get("line") and f.get("side", "new") != "old"]
    text_of = result["added"]
    for h in oracle_hits_on_added(result):
        mine = [f for f in pl if h["target"] in _names(f) and _matches(h, f)]
        line = next((n for n in h["lines"] if str(n) in text_of.get(h["path"], {})),
                    h["lines"][0] if h["lines"] else None)
        added = text_of.get(h["path"], {})
        whole = [added[k] for k in sorted(added, key=int)] \
            if h["path"] in result["new"] else None
        records.append({"kind": "both" if mine else "oracle_only", "sc": h["target"],
                        "id": result["id"], "path": h["path"], "line": line, "whole": whole,
                        "text": added.get(str(line), h["text"]),
                        "lines_text": [added[str(n)] for n in h["lines"] if str(n) in added]
                        or [h["text"]],
                        "detail": h["detail"] or h["message"] or h["halt"],
                        "rules": sorted({f["rule"] for f in mine})})
    by_line = collections.defaultdict(list)
    for f in pl:
        if not any(h["target"] in _names(f) and _matches(h, f) for h in result["hits"]):
            by_line[(f["syntax_check"], f["path"], f["line"])].append(f)
    for (sc, path, line), fs in by_line.items():
        states = {s for s, _ in result["targets"].get(sc, [])}
        why = "no such target" if sc not in targets else \
            "target did not run" if not states or states & {"crashed", "skipped"} else None
        records.append({"kind": "patchlint_only", "sc": sc, "id": result["id"], "path": path,
                        "line": line, "text": text_of.get(path, {}).get(str(line), ""),
                        "detail": fs[0]["message"], "rules": sorted({f["rule"] for f in fs}),
                        "class": why})
    return records


# -- planted violations --------------------------------------------------------------------

def _plant_line(plant, lines) -> int:
    """The 1-based line a plant is placed at (for insert: after it; 0 = the very top)."""
    if "line" in plant:
        return int(plant["line"]) + int(plant.get("offset", 0))
    rx = re.compile(plant["at"])
    for n, line in enumerate(lines, 1):
        if rx.search(line):
            return n + int(plant.get("offset", 0))
    raise ValueError(f"anchor {plant['at']!r} not found in {plant['file']}")


def plant_post_image(plant, old: str | None) -> str:
    """The file after the plant: OLD with the plant's text inserted, replaced or appended."""
    new = plant["text"].split("\n")
    op = plant.get("op", "insert")
    if op == "new":
        return plant["text"] + "\n"
    lines = old.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if op == "append":
        lines += new
    else:
        at = _plant_line(plant, lines)
        lines[at - 1 if op == "replace" else at:at] = new
    return "\n".join(lines) + "\n"


def load_plants(where) -> list:
    """The plants of a TOML file, or of every ``*.toml`` of a directory (in name order), each
    with its place's keys filled in; a file's ``[places]`` serve the plants of every file."""
    files = ([os.path.join(where, n) for n in sorted(os.listdir(where)) if n.endswith(".toml")]
             if os.path.isdir(where) else [where])
    places, plants = {}, []
    for name in files:
        with open(name, "rb") as f:
            data = tomllib.load(f)
        places.update(data.get("places", {}))
        plants += data.get("plant", [])
    return [{**places.get(p.get("where"), {}), **p} for p in plants]


def plant_jobs(plants_file, libvirt, rev, cache) -> list:
    """One job per plant: a one-file patch against libvirt's tree at REV."""
    plants = load_plants(plants_file)
    old_of = cat_blobs(libvirt, sorted({f"{rev}:{p['file']}" for p in plants
                                        if p.get("op") != "new"}))
    out_dir = os.path.join(cache, "plants")
    jobs = []
    for n, plant in enumerate(plants, 1):
        blob = old_of.get(f"{rev}:{plant['file']}")
        old = blob.decode("utf-8", "surrogateescape") if blob is not None else None
        if old is None and plant.get("op") != "new":
            raise SystemExit(f"oracle: plant {n}: no {plant['file']} in libvirt {rev}")
        new = plant_post_image(plant, old)
        pid = f"{n:03d}-{plant['expect']}"
        path = os.path.join(out_dir, pid + ".patch")
        write_atomic(path, unified_patch(plant["file"], old, new, f"plant {pid}"))
        jobs.append({"id": pid, "patch": path, "label": pid, "plant": plant,
                     "post": {"files": {plant["file"]: new}}})
    return jobs


# -- running the oracle on every job -------------------------------------------------------

def _result_path(job, support, cache) -> str:
    with open(job["patch"], "rb") as f:
        digest = hashlib.sha1(f.read())
    digest.update(json.dumps(job["post"], sort_keys=True).encode())
    key = f"{support['rev'][:12]}-{support['mk_digest']}-v{RESULT_VERSION}"
    return os.path.join(cache, "results", key, digest.hexdigest() + ".json")


def _guarded_job(job, support, targets, timeout, keep):
    """oracle_job, with anything that escapes it recorded instead of raised."""
    try:
        return oracle_job(job, support, targets, timeout, keep)
    except Exception as e:      # a broken patch, git failing: record it and go on
        return {"id": job["id"], "files": [], "partial": [], "new": [], "added": {},
                "hits": [], "targets": {}, "collisions": [], "seconds": 0,
                "error": f"{type(e).__name__}: {e}", "uncached": True}


def run_oracle(jobs, support, args) -> dict:
    """{job id: oracle result}, cached; new ones run in a pool of --jobs processes."""
    results, todo = {}, []
    for job in jobs:
        path = _result_path(job, support, args.cache)
        if os.path.exists(path) and not args.rerun:
            with open(path, encoding="utf-8") as f:
                results[job["id"]] = json.load(f)
        else:
            todo.append((job, path))
    if todo:
        print(f"oracle: running syntax-check on {len(todo)} patches "
              f"({len(jobs) - len(todo)} cached), {args.jobs} at a time", file=sys.stderr)
    start = time.monotonic()
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(_guarded_job, job, support, support["targets"], args.timeout,
                               args.keep): (job, path) for job, path in todo}
        for k, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            job, path = futures[fut]
            result = fut.result()
            results[job["id"]] = result
            if not result.get("uncached") and not (result["error"] or "").startswith("timeout"):
                write_atomic(path, json.dumps(result).encode())
            if k % 50 == 0 or k == len(todo):
                print(f"oracle: {k}/{len(todo)} done, {time.monotonic() - start:.0f}s",
                      file=sys.stderr)
    return results


# -- probes: why the two disagree ----------------------------------------------------------

def probe_diff(entries) -> tuple:
    """A diff adding each entry's lines (path, [text]) as its own hunk, 1000 lines apart.

    Returns (diff bytes, {entry index: (path, {post-image line numbers})}).
    """
    by_path = collections.defaultdict(list)
    for i, (path, lines) in enumerate(entries):
        by_path[path].append((i, lines))
    out, where = [], {}
    for path, items in by_path.items():
        out.append(f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n")
        inserted = 0
        for k, (i, lines) in enumerate(items):
            start = 1000 * (k + 1) + 1
            out.append(f"@@ -{start - 1 - inserted},0 +{start},{len(lines)} @@\n")
            out += [f"+{line}\n" for line in lines]
            where[i] = (path, set(range(start, start + len(lines))))
            inserted += len(lines)
    return "".join(out).encode("utf-8", "surrogateescape"), where


def new_file_probe(cmd, entries, work, claimed) -> set:
    """Indices of ENTRIES (sc, path, [whole text]) that patchlint flags for sc anywhere in the
    file when the file is added whole at PATH."""
    files = []
    for n, (_sc, path, lines) in enumerate(entries):
        body = "".join(f"+{line}\n" for line in lines)
        data = (f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n"
                f"+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n{body}")
        name = os.path.join(work, f"whole-{n}.diff")
        write_atomic(name, data.encode("utf-8", "surrogateescape"))
        files.append(name)
    found = run_patchlint(cmd, files) if files else {}
    name_findings(found, claimed)
    return {n for n, ((sc, _p, _l), name) in enumerate(zip(entries, files))
            if any(sc in _names(f) for f in found.get(name, []))}


def patchlint_probe(cmd, sets, work, claimed) -> list:
    """For each probe set (sc name, [(path, [lines])]): which entries patchlint flags for sc."""
    files, maps = [], []
    for n, (_sc, entries) in enumerate(sets):
        data, where = probe_diff(entries)
        path = os.path.join(work, f"probe-{n}.diff")
        write_atomic(path, data)
        files.append(path)
        maps.append(where)
    found = run_patchlint(cmd, files) if files else {}
    name_findings(found, claimed)
    flagged = []
    for (sc, _entries), path, where in zip(sets, files, maps):
        hits = {(f["path"], f["line"]) for f in found.get(path, []) if sc in _names(f)}
        flagged.append({i for i, (p, lines) in where.items()
                        if any((p, n) in hits for n in lines)})
    return flagged


def _suffix(path) -> str:
    m = re.search(r"(\.[A-Za-z_]\w*){1,2}$", os.path.basename(path))
    return m.group(0) if m else ""


def oracle_generic_probe(records, support, timeout) -> set:
    """Indices of RECORDS whose line the oracle flags (for their sc) at a plain libvirt path.

    Each record's line goes alone into src/util/oracleprobe<N><suffix>: a file no exception
    of libvirt's names, with the suffix the record's file has.
    """
    files, wanted = {}, {}
    for i, r in enumerate(records):
        path = f"src/util/oracleprobe{i}{_suffix(r['path'])}"
        files[path] = (r["text"] + "\n").encode("utf-8", "surrogateescape")
        wanted[path] = (i, r["sc"])
    if not files:
        return set()
    targets = sorted({r["sc"] for r in records} & set(support["targets"]))
    run = run_make(support, files, targets, timeout * 4)
    path_rx = _path_regex(files)
    flagged = set()
    for target in targets:
        hits, _states = read_target(target, run["commands"].get(target, []), path_rx, files)
        flagged |= {wanted[h["path"]][0] for h in hits if wanted[h["path"]][1] == target}
    return flagged


def canonical_snippets(plants_file) -> dict:
    """{sc name: [(file, [line, ...])]}: the planted violations of each rule patchlint claims.

    The file is where the plant goes in libvirt: the reference path where the snippet must be
    flagged for the probe to tell anything.
    """
    snippets = collections.defaultdict(list)
    for p in load_plants(plants_file):
        if not p.get("unclaimed") and p.get("op", "insert") in ("insert", "replace"):
            lines = [ln for ln in p["text"].split("\n") if ln.strip()]
            snippets[p["expect"]].append((p["file"], lines))
    return snippets


def judged_files(records, snippets, cmd, work, claimed) -> dict:
    """{(sc, path): does patchlint judge PATH for SC}, for the rules whose planted example
    patchlint flags at the plant's own libvirt path (else the probe tells nothing).

    A path is judged when one of the rule's planted examples, added alone at that path, is
    flagged by patchlint for that sc name.
    """
    pairs = sorted({(r["sc"], r["path"]) for r in records if r["class"] is None})
    sets, owners = [], []
    for sc in sorted({sc for sc, _ in pairs}):
        paths = [p for s, p in pairs if s == sc]
        entries = [(p, lines) for p in paths for _ref, lines in snippets.get(sc, [])]
        refs = [(ref, lines) for ref, lines in snippets.get(sc, [])]
        if entries:
            sets.append((sc, entries + refs))
            owners.append([p for p in paths for _ in snippets[sc]] + [None] * len(refs))
    judged = {}
    for (sc, _), who, flagged in zip(sets, owners, patchlint_probe(cmd, sets, work, claimed)):
        if not any(who[i] is None for i in flagged):
            continue            # patchlint misses its own example: no verdict on scope
        for p in who:
            if p is not None:
                judged[(sc, p)] = any(who[i] == p for i in flagged)
    return judged


def reference_paths(plants_file) -> dict:
    """{sc name: [libvirt path, ...]}: where each rule's plants go in libvirt, places where
    patchlint's rule for that name certainly applies (its plant is flagged there)."""
    refs = collections.defaultdict(list)
    for p in load_plants(plants_file):
        if not p.get("unclaimed") and p["file"] not in refs[p["expect"]]:
            refs[p["expect"]].append(p["file"])
    return refs


def _reference(sc, path, refs) -> str:
    """A libvirt path for the scope probe of a miss at PATH: a plant's file of the same
    suffix, else an ordinary file of libvirt's src/util with that suffix."""
    suffix = _suffix(path)
    same = [p for p in refs.get(sc, []) if _suffix(p) == suffix]
    return same[0] if same else f"src/util/oracleprobe{suffix}"


# Where patchlint deliberately differs from syntax-check (README: "Where patchlint differs
# from syntax-check").  A miss that one of these explains is counted apart from the
# agreement: (key, sc name or None for any, path regex, line regex, reason).
DIVERGENCES = (
    ("glib-test-macros", "sc_spacing-check", r"", r"\bg_assert_cmp\w*\s*\(",
     "GLib's g_assert_cmp*() take a comparison operator as an argument (a, ==, b): "
     "check-spacing.pl reads it as an operator without spaces"),
    ("comments-are-not-code",
     ("sc_prohibit_loop_var_decl", "sc_prohibit_mixed_case_abbreviations",
      "sc_unportable_grep_q", "sc_redundant_const", "sc_prohibit_qsort",
      "sc_prohibit_test_double_equal", "sc_prohibit_devname", "sc_prohibit_dirent_d_type",
      "sc_prohibit_internal_functions", "sc_prohibit_gettext_noop", "sc_gettext_init"),
     r"", r"^\s*(?:/?\*|//|#(?!\s*(?:if|el|define|undef|include)))",
     "the regexes also match prose in comments ('watch for (bitfield of ...'); patchlint "
     "matches patterns about code against code"),
    ("strdup-printf-first-argument", "sc_prohibit_asprintf", r"", r"$^",
     "the regex for g_strdup_printf(\"%s\", x) wants a comma before the \"%s\", so it "
     "misses the call it means (patchlint flags it)"),
    ("config-h-where-the-project-has-one", "sc_require_config_h_first",
     r"^(?!src/[^/]+/|src/(?:libvirt|driver|datatypes)|tests/|tools/)", r"#\s*include",
     "outside libvirt's layout, <config.h> is asked for only when the patch (or the tree) "
     "shows the project has one: libvirt-dbus builds without"),
    ("config-h-where-the-project-has-one", "sc_require_config_h",
     r"^(?!src/[^/]+/|src/(?:libvirt|driver|datatypes)|tests/|tools/)", r"",
     "outside libvirt's layout, <config.h> is asked for only when the patch (or the tree) "
     "shows the project has one: libvirt-dbus builds without"),
    ("internal-helpers-in-libvirt-layout",
     ("sc_gettext_init", "sc_prohibit_close", "sc_flags_usage", "sc_prohibit_strcmp",
      "sc_prohibit_virXXXFree", "sc_prohibit_strtol", "sc_prohibit_xmlGetProp",
      "sc_prohibit_include_public_headers_brackets", "sc_prohibit_internal_functions"),
     r"^(?!src/[^/]+/|src/(?:libvirt|driver|datatypes)|tests/|tools/)", r"",
     "advice about libvirt's internal helpers (virGettextInitialize(), VIR_FORCE_CLOSE(), "
     "virCheckFlags()...) is given in libvirt's source layout only"),
    ("copying-outside-libvirt", "sc_copyright_usage", r"", r"\bCOPYING\b(?!\.)",
     "a mention of COPYING must come with COPYING.LESSER only in libvirt, whose licence "
     "file is COPYING.LESSER; libvirt-glib's is COPYING"),
)


# Targets that judge a file as a whole: on an existing file patchlint needs the tree for them,
# and this tool runs it with --no-tree ('needs tree', not counted).
WHOLE_FILE_TARGETS = frozenset((
    "sc_prohibit-duplicate-header", "sc_header-ifdef", "sc_gettext_init", "sc_require_locale_h",
    "sc_require_config_h", "sc_require_config_h_first", "sc_prohibit_empty_lines_at_EOF",
    "sc_prohibit_empty_first_line", "sc_prohibit_assert_without_use",
    "sc_prohibit_dirent_without_use", "sc_prohibit_getopt_without_use",
    "sc_prohibit_signal_without_use", "sc_prohibit_stddef_without_use",
    "sc_prohibit_stdio--_without_use"))


def divergence(record) -> str | None:
    """The key of the documented divergence that explains an oracle-only RECORD, if any."""
    for key, sc, path_rx, line_rx, _why in DIVERGENCES:
        names = (sc,) if isinstance(sc, str) or sc is None else sc
        if None not in names and record["sc"] not in names \
                or not re.search(path_rx, record["path"]):
            continue
        if any(re.search(line_rx, t) for t in record["lines_text"]):
            return key
    return None


def classify(records, claimed, plants, cmd, support, args, work):
    """Set each disagreement's ``class``: why the two tools disagree on it.

    Oracle only: ``unclaimed`` (no patchlint rule has the sc name), ``divergence`` (one of
    DIVERGENCES explains it), ``not judged`` (the rule's file scope leaves the file out, as
    documented for libvirt-internal advice: none of the rule's planted examples is flagged
    at that path, or the line itself is flagged at a libvirt path where the rule applies),
    ``context`` (the line alone at its own path is flagged: something around it in the patch
    made the difference), ``pattern`` (patchlint's rule does not match the line).
    patchlint only: ``target did not run``, ``path`` (syntax-check flags the line at a plain
    libvirt path: it exempts or skips this file), ``pattern`` (its regex does not match).
    """
    mine = [r for r in records if r["kind"] == "oracle_only"]
    for r in mine:
        r["class"] = None if r["sc"] in claimed else "unclaimed"
        if r["class"] is None and divergence(r):
            r["class"], r["divergence"] = "divergence", divergence(r)
    refs = reference_paths(plants)
    judged = judged_files([r for r in mine if r["class"] is None], canonical_snippets(plants),
                          cmd, work, claimed)
    for r in mine:
        if r["class"] is None and judged.get((r["sc"], r["path"])) is False:
            r["class"] = "not judged"
    todo = [r for r in mine if r["class"] is None]
    by_sc = collections.defaultdict(list)
    for r in todo:
        by_sc[r["sc"]].append(r)
    own = [(sc, [(r["path"], r["lines_text"]) for r in rs]) for sc, rs in by_sc.items()]
    ref = [(sc, [(_reference(sc, r["path"], refs), r["lines_text"]) for r in rs])
           for sc, rs in by_sc.items()]
    home = [(sc, [((refs.get(sc) or ["src/util/oracleprobe.c"])[0], r["lines_text"])
                  for r in rs]) for sc, rs in by_sc.items()]
    flagged = patchlint_probe(cmd, own + ref + home, work, claimed)
    n = len(own)
    for k, (_sc, rs) in enumerate(by_sc.items()):
        for i, r in enumerate(rs):
            r["class"] = "context" if i in flagged[k] else \
                "not judged" if i in flagged[n + k] or i in flagged[2 * n + k] else "pattern"
    # a miss in a file the patch adds whole: judged whole at a libvirt path, is it flagged?
    for r in todo:
        if r["class"] == "pattern" and r["sc"] in WHOLE_FILE_TARGETS and not r.get("whole"):
            r["class"] = "needs tree"
    whole = [r for r in todo if r["class"] == "pattern" and r.get("whole")]
    entries = [(r["sc"], _reference(r["sc"], r["path"], refs), r["whole"]) for r in whole]
    for i in new_file_probe(cmd, entries, work, claimed):
        whole[i]["class"] = "not judged"
    theirs = [r for r in records if r["kind"] == "patchlint_only" and r["class"] is None]
    flagged = oracle_generic_probe(theirs, support, args.timeout)
    for i, r in enumerate(theirs):
        r["class"] = "path" if i in flagged else "pattern"


# -- the report ----------------------------------------------------------------------------

ORACLE_CLASSES = ("divergence", "not judged", "needs tree", "context", "pattern")
PATCHLINT_CLASSES = ("path", "pattern", "target did not run", "no such target")


def rule_table(records, claimed) -> list:
    """Rows (sc, claimed, both, oracle_only by class, patchlint_only by class), busiest first."""
    rows = collections.defaultdict(lambda: {"both": 0, "oracle_only": collections.Counter(),
                                            "patchlint_only": collections.Counter(),
                                            "ids": set()})
    for r in records:
        row = rows[r["sc"]]
        row["ids"].add(r["id"])
        if r["kind"] == "both":
            row["both"] += 1
        else:
            row[r["kind"]][r["class"]] += 1
    out = [{"sc": sc, "claimed": sc in claimed, "patches": len(row.pop("ids")), **row}
           for sc, row in rows.items()]
    out.sort(key=lambda r: (not r["claimed"], -(r["both"] + sum(r["oracle_only"].values())
                                                + sum(r["patchlint_only"].values())), r["sc"]))
    return out


def _counts(counter, classes) -> str:
    total = sum(counter.values())
    parts = [f"{counter[c]} {c}" for c in classes if counter[c]]
    return f"{total}" + (f" ({', '.join(parts)})" if parts else "")


def format_table(rows) -> list:
    lines = [f"{'syntax-check rule':48} {'both':>5}  {'oracle only':30}  patchlint only"]
    for row in rows:
        if not row["claimed"]:
            continue
        lines.append(f"{row['sc']:48} {row['both']:5}  "
                     f"{_counts(row['oracle_only'], ORACLE_CLASSES):30}  "
                     f"{_counts(row['patchlint_only'], PATCHLINT_CLASSES)}")
    unclaimed = [r for r in rows if not r["claimed"]]
    if unclaimed:
        lines += ["", "Rules no patchlint rule claims "
                  "(oracle hits on added lines, in how many patches):"]
        for row in unclaimed:
            n = sum(row["oracle_only"].values())
            lines.append(f"  {row['sc']:46} {n:5}  {row['patches']:4}")
    return lines


def agreement(records, claimed) -> tuple:
    """(both, denominator): oracle hits of claimed rules in files patchlint judges."""
    both = sum(1 for r in records if r["kind"] == "both")
    missed = sum(1 for r in records if r["kind"] == "oracle_only" and r["sc"] in claimed
                 and r["class"] in ("context", "pattern"))
    return both, both + missed


def coverage_lines(cmd, support) -> list:
    """Targets of the make file that `patchlint rules --syntax-check` neither ports nor
    explains, and names it lists that the make file does not have."""
    out = subprocess.run([*cmd, "rules", "--syntax-check"], capture_output=True, text=True,
                         cwd=REPO_ROOT).stdout.splitlines()[:-1]
    listed = {line.split()[0] for line in out if line.startswith("sc_")}
    real = set(support["targets"])
    lines = [f"Syntax-check targets: {len(real)} in the make file; patchlint ports or explains "
             f"{len(real & listed)}"]
    if real - listed:
        lines.append("  neither ported nor explained: " + ", ".join(sorted(real - listed)))
    if listed - real:
        lines.append("  (listed by patchlint, not run by this tool or not in this make file: "
                     + ", ".join(sorted(listed - real)) + ")")
    return lines + [""]


def target_health(results, support) -> list:
    """Lines on targets that were skipped, crashed, or failed naming no file, per patch."""
    tally = collections.defaultdict(collections.Counter)
    notes = {}
    ran = [r for r in results.values() if r["files"]]
    for r in ran:
        for target, states in r["targets"].items():
            for state, note in states:
                if state in ("skipped", "crashed", "failed"):
                    tally[target][state] += 1
                    notes.setdefault((target, state), note)
    lines = []
    for target in support["targets"]:
        if target in TREE_WIDE or tally[target]:
            what = ", ".join(f"{state} in {n}/{len(ran)} patches"
                             f" ({notes[(target, state)][:90]})"
                             for state, n in tally[target].most_common())
            lines.append(f"  {target}: {what or 'never fails'}"
                         + (f"; {TREE_WIDE[target]}" if target in TREE_WIDE else ""))
    lines += [f"  {t}: not run ({why})" for t, why in SKIPPED_TARGETS.items()]
    errors = [r for r in results.values() if r["error"]]
    lines += [f"  make error in {r['id'][:12]}: {r['error']}" for r in errors[:10]]
    return lines


def examples(records, per=3) -> list:
    """A few examples of each (rule, side, class) of disagreement."""
    groups = collections.defaultdict(list)
    for r in records:
        if r["kind"] != "both":
            groups[(r["sc"], r["kind"], r["class"])].append(r)
    lines = []
    for (sc, kind, cls), rs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1],
                                                                     str(kv[0][2]))):
        side = "oracle only" if kind == "oracle_only" else "patchlint only"
        lines.append(f"{sc}: {side}, {cls}: {len(rs)}")
        for r in rs[:per]:
            extra = f"  [{', '.join(r['rules'])}]" if r["rules"] else \
                f"  [{r['detail'][:60]}]" if r["detail"] else ""
            lines.append(f"    {r['id'][:12]} {r['path']}:{r['line']}: "
                         f"{r['text'].strip()[:100]}{extra}")
    return lines


def plant_report(jobs, results, findings) -> tuple:
    """(lines, rows): per plant, the oracle's rules and patchlint's rules on its lines."""
    rows, lines = [], []
    for job in jobs:
        result, plant = results[job["id"]], job["plant"]
        added = result["added"].get(plant["file"], {})
        oracle = sorted({h["target"] for h in oracle_hits_on_added(result)})
        mine = [f for f in findings.get(job["patch"], [])
                if f.get("path") == plant["file"] and str(f.get("line")) in added]
        rules = sorted({f["rule"] + (f" [{f['syntax_check']}]" if f.get("syntax_check")
                                     else "") for f in mine})
        sc_mine = set().union(*(_names(f) for f in mine))
        verdict = ("both" if plant["expect"] in oracle and plant["expect"] in sc_mine else
                   "patchlint only, documented" if plant.get("oracle_misses")
                   and plant["expect"] in sc_mine else
                   "exempt, both silent" if plant.get("exempt") and plant["expect"] not in oracle
                   and plant["expect"] not in sc_mine else
                   "oracle only" if plant["expect"] in oracle else
                   "patchlint only" if plant["expect"] in sc_mine else "neither")
        rows.append({"plant": job["id"], "file": plant["file"], "text": plant["text"],
                     "expect": plant["expect"], "unclaimed": bool(plant.get("unclaimed")),
                     "oracle": oracle, "patchlint": rules, "verdict": verdict,
                     "error": result["error"]})
        first = plant["text"].split("\n")[0][:70]
        lines.append(f"{job['id']:52} {verdict:14} {plant['file']}: {first}")
        lines.append(f"{'':52} oracle: {', '.join(oracle) or '-'}")
        lines.append(f"{'':52} patchlint: {', '.join(rules) or '-'}")
    return lines, rows


def divergence_lines(records) -> list:
    """The documented divergences that explain oracle hits, with their counts."""
    seen = collections.Counter(r.get("divergence") for r in records
                               if r.get("class") == "divergence")
    if not seen:
        return []
    out = ["Documented divergences (README: 'Where patchlint differs from syntax-check'):"]
    for key, why in {key: why for key, _sc, _path, _line, why in DIVERGENCES}.items():
        if seen[key]:
            out.append(f"  {key}: {seen[key]}: {why}")
    return out + [""]


def report(args, support, jobs, results, records, claimed, findings) -> str:
    """The plain-text summary; writes it and disagreements.json into --out."""
    rows = rule_table(records, claimed)
    both, denom = agreement(records, claimed)
    files = sum(len(r["files"]) for r in results.values())
    out = [f"patchlint vs libvirt syntax-check {support['rev'][:12]} ({args.mode}: "
           f"{args.repo or args.plants or 'patch files'})",
           f"{len(jobs)} patches, {files} post-image files, "
           f"{sum(1 for r in results.values() if r['error'])} with a make error; patchlint: "
           f"python -m patchlint {' '.join(PATCHLINT_ARGS)}", "",
           "Findings on added lines, by syntax-check rule:", *format_table(rows), "",
           f"Agreement: patchlint reports {both} of the oracle's {denom} hits on added lines "
           f"in files patchlint judges for that rule"
           + (f" ({100 * both / denom:.1f}%)" if denom else ""),
           "  (not counted: rules no patchlint rule claims; hits in files the rule's scope "
           "leaves out, 'not judged'; whole-file checks of an existing file, which need the "
           "tree, 'needs tree'; documented divergences)", "",
           *divergence_lines(records), *coverage_lines(shlex.split(args.patchlint)
                                                        if args.patchlint else
                                                        [sys.executable, "-m", "patchlint"],
                                                        support),
           "Targets that did not run, crashed, or failed without naming a line:",
           *target_health(results, support), ""]
    plants = []
    if args.mode == "plants":
        plant_lines, plants = plant_report(jobs, results, findings)
        tally = collections.Counter(p["verdict"] for p in plants if not p["unclaimed"])
        out += ["Plants (verdict on the rule each plant aims at): "
                + ", ".join(f"{n} {v}" for v, n in tally.most_common()), *plant_lines, ""]
    out += ["Disagreements (a few of each kind; all in disagreements.json):",
            *examples(records)]
    text = "\n".join(out) + "\n"
    os.makedirs(args.out, exist_ok=True)
    write_atomic(os.path.join(args.out, "summary.txt"), text.encode())
    data = {"libvirt": support["rev"], "mode": args.mode, "patches": len(jobs),
            "agreement": [both, denom], "table": rows, "plants": plants,
            "disagreements": [{k: v for k, v in r.items() if k != "whole"}
                              for r in records if r["kind"] != "both"]}
    write_atomic(os.path.join(args.out, "disagreements.json"),
                 json.dumps(data, indent=1, default=list).encode())
    return text


# -- command line --------------------------------------------------------------------------

def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Run libvirt's own syntax-check (GNU make over build-aux/syntax-check.mk) "
        "and patchlint on the same patches; compare them rule by rule.",
        epilog="Defaults from the environment: PATCHLINT_ORACLE_LIBVIRT (--libvirt), "
        "PATCHLINT_ORACLE_LIBVIRT_REV (--libvirt-rev), PATCHLINT_ORACLE_CACHE (--cache).")
    p.add_argument("mode", choices=("history", "patches", "plants"))
    p.add_argument("files", nargs="*", help="patch files or mails (mode 'patches')")
    p.add_argument("--libvirt", default=os.environ.get("PATCHLINT_ORACLE_LIBVIRT"),
                   help="a libvirt git directory (bare is fine): where syntax-check.mk, its "
                   "scripts and the planted files come from")
    p.add_argument("--libvirt-rev", default=os.environ.get("PATCHLINT_ORACLE_LIBVIRT_REV",
                                                           "HEAD"))
    p.add_argument("--repo", help="git directory whose history is checked (mode 'history'), "
                   "or where patch files' blobs are read (mode 'patches')")
    p.add_argument("--rev", default="HEAD", help="history: the commits reachable from REV")
    p.add_argument("--limit", type=int, help="history: only the newest N commits")
    p.add_argument("--plants", default=DEFAULT_PLANTS,
                   help="plants: a TOML file or a directory of them (tools/oracle_plants/)")
    p.add_argument("--cache", default=DEFAULT_CACHE)
    p.add_argument("--out", help="report directory (default: under the cache)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--timeout", type=int, default=300, help="seconds for one patch's make")
    p.add_argument("--patchlint", help="the patchlint command (default: this Python's "
                   "'-m patchlint', run from this checkout)")
    p.add_argument("--rerun", action="store_true", help="ignore cached oracle results")
    p.add_argument("--keep", action="store_true", help="keep the scratch trees (debugging)")
    args = p.parse_args(argv)
    if not args.libvirt:
        p.error("--libvirt (or PATCHLINT_ORACLE_LIBVIRT) is required")
    if args.mode == "history" and not args.repo:
        p.error("history needs --repo GITDIR")
    if args.mode == "patches" and not args.files:
        p.error("patches needs patch files")
    if args.jobs < 1 or args.timeout < 1:
        p.error("--jobs and --timeout must be positive")
    tag = cache_key(args.repo) if args.repo else "plants" if args.mode == "plants" else "files"
    args.out = args.out or os.path.join(args.cache, f"report-{args.mode}-{tag}")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    os.makedirs(args.cache, exist_ok=True)
    support = prepare_support(args.libvirt, args.libvirt_rev, args.cache)
    if args.mode == "history":
        jobs = history_jobs(args.repo, args.cache, args.rev, args.limit)
    elif args.mode == "patches":
        jobs = file_jobs(args.files, args.repo)
    else:
        jobs = plant_jobs(args.plants, args.libvirt, support["rev"], args.cache)
    results = run_oracle(jobs, support, args)
    for result in results.values():
        result["planted"] = args.mode == "plants"     # the file was clean before the patch
    cmd = shlex.split(args.patchlint) if args.patchlint else [sys.executable, "-m",
                                                              "patchlint"]
    claimed = claimed_rules(cmd)
    findings = run_patchlint(cmd, [j["patch"] for j in jobs])
    name_findings(findings, claimed)
    records = []
    for job in jobs:
        records += compare(results[job["id"]], findings.get(job["patch"], []),
                           support["targets"])
    with tempfile.TemporaryDirectory(prefix="patchlint-oracle-probes-") as work:
        classify(records, claimed, args.plants, cmd, support, args, work)
    sys.stdout.write(report(args, support, jobs, results, records, claimed, findings))
    print(f"oracle: report in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
