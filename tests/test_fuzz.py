"""Fuzzing the reader and every rule with hypothesis.

Inputs are the bundled samples mutated (bytes flipped, lines dropped, duplicated or replaced,
hostile lines inserted, the text cut short) and patches generated from scratch.  Whatever the
input:

* reading raises nothing but :class:`InputError`, and no rule crashes (the engine's
  ``runner.errors`` stays empty);
* every finding points at a line the patch has: a line of one of its file's hunks, numbered
  within that hunk's range on its side, with its columns inside the line; a finding without a
  line names a hunk's first line or nothing (patch level);
* the command line exits 0, 1 or 2, never with a traceback or an "internal error".

That time grows linearly with the input (four times the hunks, or a line four times as long,
costs about four times as much, not sixteen) is measured by ``python bench/linear.py``, by
hand: timings stay out of the tests.

The normal run uses a quick, fixed set of examples.  ``PATCHLINT_FUZZ=long pytest
tests/test_fuzz.py`` runs thousands of random ones (a reproducer is printed for any failure).
"""

import os
import re
from pathlib import Path

from conftest import check_locations, make_mail, run_cli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from patchlint.engine import Runner
from patchlint.reader import InputError, read_input

LONG = os.environ.get("PATCHLINT_FUZZ") == "long"
SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"
SAMPLES = {p.name: p.read_bytes() for p in sorted(SAMPLES_DIR.iterdir())
           if p.suffix in (".patch", ".mbox", ".txt")}


def fuzz_settings(quick, long):
    """Quick: a fixed, small set of examples for every run.  Long: random and many."""
    return settings(max_examples=long if LONG else quick, deadline=None,
                    derandomize=not LONG, database=None, print_blob=True,
                    suppress_health_check=list(HealthCheck))


# Lines that break parsers and rules: diff and mail syntax out of place, C that never closes.
HOSTILE = [
    b"", b" ", b"+", b"-", b"\\", b"@@", b"@@ -1 +1 @@", b"@@ -0,0 +0,0 @@", b"@@ -1,x +1 @@",
    b"@@ -99999999999999999999,1 +1 @@", b"@@ -5 +5,2 @@ static int foo(void)", b"-- ", b"--",
    b"---", b"--- a/x.c", b"+++ b/x.c", b"--- /dev/null", b"+++ /dev/null",
    b"diff --git a/x.c b/x.c", b"diff --git a/x.c", b"diff --git", b"diff -u a b",
    b'diff --git "a/\\303\\251\\"q" "b/\\303\\251\\"q"', b"index 0000000..1111111 100644",
    b"new file mode 100644", b"deleted file mode 100644", b"old mode 100644",
    b"new mode 100755", b"rename from a.c", b"rename to b.c", b"similarity index 90%",
    b"copy from a.c", b"GIT binary patch", b"literal 3", b"Binary files a/x and b/x differ",
    b"\\ No newline at end of file", b"\\ Kein Zeilenumbruch am Dateiende.",
    b"From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001",
    b"From jane@example.org Thu Jan  1 12:00:00 2026", b">From here", b"From: x",
    b"Subject: [PATCH 0/2] x", b"Content-Type: multipart/mixed; boundary=b",
    b"Content-Transfer-Encoding: base64", b"Content-Transfer-Encoding: quoted-printable",
    b"--b", b"--b--", b"=20", b"=", b"=3D=", b"> +++ b/x.c", b"> @@ -1 +1 @@", b">", b"[...]",
    b"> [snip]", b"On Thu, 1 Jan 2026 at 12:00, Jane <j@x.org> wrote:",
    b"Signed-off-by: Jane <j@x.org>", b"\x00", b"\xff\xfe\xfd", b"\xed\xa0\x80", b"\r",
    b"\x1b[2J\x1b]0;title\x07", b"\xe2\x80\xae", b"\t\t", b"+\t\tint flags;",
    b"+int flags = 1;", b"+    virCheckFlags(0, -1);", b"-    virCheckFlags(0, -1);",
    b"+static int", b"+foo(int flags, int x)", b"+{", b"+}", b"+/*", b"+ */", b'+"',
    b"+'", b"+#define X \\", b"+typedef enum {", b"+    VIR_X_FLAG_A = 4,", b"+} virXFlags;",
    b"+ * Copyright (C) 2001-2011 Red Hat", b"+ * bitwise or of flags, cancelled",
    b"+    nanosleep(&ts, NULL);", b"+    if (a &&", b"+            b)",
    b"+" + b"(" * 300, b"+" + b")" * 300, b"+" + b"/*" * 150, b"+" + b"\"\\" * 150,
    b"+" + b"flags " * 60, b"+" + b"int " * 80,
]

OPS = st.one_of(
    st.tuples(st.just("drop"), st.integers(0, 10_000)),
    st.tuples(st.just("dup"), st.integers(0, 10_000)),
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.sampled_from(HOSTILE)),
    st.tuples(st.just("replace"), st.integers(0, 10_000), st.sampled_from(HOSTILE)),
    st.tuples(st.just("flip"), st.integers(0, 10**7), st.integers(0, 255)),
    st.tuples(st.just("cut"), st.integers(0, 10**7)),
)


def mutate(data: bytes, ops) -> bytes:
    lines = data.split(b"\n")
    for op in ops:
        k = op[1] % (len(lines) + 1)
        if op[0] == "drop" and k < len(lines):
            del lines[k]
        elif op[0] == "dup" and k < len(lines):
            lines.insert(k, lines[k])
        elif op[0] == "insert":
            lines.insert(k, op[2])
        elif op[0] == "replace" and k < len(lines):
            lines[k] = op[2]
        elif op[0] in ("flip", "cut"):
            raw = b"\n".join(lines)
            if not raw:
                continue
            pos = op[1] % len(raw)
            raw = raw[:pos] + bytes([op[2]]) + raw[pos + 1:] if op[0] == "flip" else raw[:pos]
            lines = raw.split(b"\n")
    return b"\n".join(lines)


mutated = st.builds(mutate, st.sampled_from(sorted(SAMPLES.values())),
                    st.lists(OPS, min_size=1, max_size=6))

# Patches made from scratch: C-ish lines from tokens, hunks whose counts may or may not hold.
TOKENS = ["int", "unsigned", "long", "flags", "x", "(", ")", "{", "}", ";", ",", "*", "/*",
          "*/", "//", '"', "'", "\\", "#", "=", "&", "|", "<<", "1", "0x4", " ", "\t", "  ",
          "virCheckFlags", "nanosleep", "enum", "typedef", "static", "if", "return", "VIR_",
          "_FLAG_", "bitwise or", "cancelled", "Copyright", "2001", "é", "\x00", "\x1b",
          "\u202e", "\udcff"]
c_line = st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)
hunk_line = st.tuples(st.sampled_from([" ", "+", "-", "+", "+"]), c_line).map("".join)
PATHS = ["src/util/virfile.c", "include/libvirt/libvirt-domain.h", "docs/formatdomain.rst",
         "src/qemu/qemu_driver.c", "tests/foo mock.c", "Makefile", "po/fr.po"]


@st.composite
def generated(draw):
    """A plain diff or a patch mail, files and hunks drawn from scratch."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        parts.append(f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n")
        start = draw(st.integers(0, 50))
        for _ in range(draw(st.integers(1, 3))):
            body = draw(st.lists(hunk_line, min_size=1, max_size=12))
            old = sum(1 for ln in body if ln[:1] in " -")
            new = sum(1 for ln in body if ln[:1] in " +")
            if draw(st.booleans()):             # counts that do not hold
                old += draw(st.integers(-2, 2))
                new += draw(st.integers(-2, 2))
            section = draw(st.sampled_from(["", " static int", " foo(unsigned int flags,"]))
            parts.append(f"@@ -{start},{max(old, 0)} +{start},{max(new, 0)} @@{section}\n")
            parts.extend(ln + "\n" for ln in body)
            start += len(body) + draw(st.integers(1, 20))
    diff = "".join(parts)
    if draw(st.booleans()):
        head, _, _ = make_mail([" x"]).partition("diff --git")
        diff = head + diff + "-- \n2.39.5\n"
    return diff.encode("utf-8", "surrogateescape")


inputs = st.one_of(mutated, generated())


# -- the properties ------------------------------------------------------------------------

RUNNER = None


def runner():
    global RUNNER
    if RUNNER is None:
        from conftest import run_settings
        RUNNER = Runner(run_settings())
    return RUNNER


def lint(data: bytes):
    """(patches, findings) for ``data``, or None when it is unusable (InputError)."""
    try:
        result = read_input("fuzz", data)
    except InputError as e:
        assert e.message and "\n" not in e.message
        return None
    from conftest import model_findings
    findings = model_findings(result.patches, runner=runner())  # (asserts no rule crashed)
    return result.patches, findings


@fuzz_settings(quick=60, long=4000)
@given(inputs)
@example(b"")
@example(b"diff --git a/x b/x\n")
@example(SAMPLES["patch-corrupt.patch"][:-200])
def test_reader_and_every_rule_survive_any_input(data):
    got = lint(data)
    if got is not None:
        check_locations(*got)


@fuzz_settings(quick=25, long=1500)
@given(st.sampled_from(sorted(SAMPLES.values())), st.integers(0, 10**7))
def test_every_truncation_reads_as_patches_or_a_clean_error(data, cut):
    got = lint(data[:cut % (len(data) + 1)])
    if got is not None:
        check_locations(*got)


@fuzz_settings(quick=4, long=150)
@given(st.lists(inputs, min_size=1, max_size=3),
       st.sampled_from(["full", "concise", "json", "sarif", "reply", "github"]))
def test_command_line_exits_0_1_or_2_and_never_a_traceback(tmp_path_factory, datas, fmt):
    d = tmp_path_factory.mktemp("cli")
    names = []
    for k, data in enumerate(datas):
        (d / f"in{k}.patch").write_bytes(data)
        names.append(f"in{k}.patch")
    r = run_cli("--isolated", "--no-tree", f"--format={fmt}", *names, cwd=d)
    assert r.returncode in (0, 1, 2), r
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    for line in r.stderr.splitlines():         # each error line names its input
        assert re.match(r"patchlint: in\d\.patch(:\d+)?: \S", line), line
