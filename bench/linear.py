#!/usr/bin/env python3
"""Does patchlint's time grow linearly with its input?  (Timings stay out of the tests.)

    python bench/linear.py [--size N] [--factor F] [--token TEXT ...]

For each hostile token (runs of blanks, parentheses, comment openers, type words, "flags, "
...) and each place rules look (a C file, a public header, a documentation file, the commit
message), builds a patch whose added lines repeat the token to about ``--size`` characters,
then one ``--factor`` times longer, and reads and lints both in this process with every rule
selected.  Linear costs grow about ``factor`` times, quadratic ``factor`` squared: a ratio over
twice linear is reported, with the rules (each selected alone) that make it.  It then does the
same for the number of hunks in one file.

Exit status 1 when something grows faster than twice linear, so it can gate a release by hand.
"""

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

TOKENS = [" ", "\t", "(", ")", "*", "/*", "*/", '"', "'", "\\", ",", ";", "=", "{", "}", "[",
          "a", "_", "#", "//", "<", "->", "@", "%s", "flags ", "int ", "unsigned ", "long ",
          "flags, ", "int flags, ", "x(int flags,", "(int flags, ", "x(", "a[", "i, ",
          "nanosleep (", "virCheckFlags(", "bitwise or ", "Copyright 2001, ", "= 0x", "the ",
          '_("', "VIR_DEBUG(", "static ", "for (", "if (", "g_auto", "Pci", "strcmp(",
          "unsigned int flags, ", "/* ", '"\\', "http://", "== ", "), ", "{ ", "; ",
          "virBufferAddLit(buf, ", "\\n", "%", ":", "0", "x "]


def mail(path, lines, message):
    """A format-patch mail with one hunk of ``lines`` (each with its prefix) in ``path``."""
    old = sum(1 for ln in lines if ln[:1] in " -")
    new = sum(1 for ln in lines if ln[:1] in " +")
    text = ("From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001\n"
            "From: Jane Developer <jane@example.org>\n"
            "Date: Thu, 1 Jan 2026 12:00:00 +0000\nSubject: [PATCH] util: Add a helper\n\n"
            f"{message}\n\nSigned-off-by: Jane Developer <jane@example.org>\n---\n"
            f"diff --git a/{path} b/{path}\nindex 1111111..2222222 100644\n"
            f"--- a/{path}\n+++ b/{path}\n@@ -10,{old} +10,{new} @@\n"
            + "".join(ln + "\n" for ln in lines) + "-- \n2.39.5\n\n")
    return text.encode("utf-8", "surrogateescape")


def contexts(run):
    """(name, patch) putting ``run`` where rules look."""
    return [
        ("c", mail("src/util/virfile.c",
                   [" static int", " foo(unsigned int flags,", "+" + run, "+    " + run + ")",
                    " {", "-    virCheckFlags(0, -1);", "+    " + run + ";", " }"],
                   "Explain why.")),
        ("header", mail("include/libvirt/libvirt-domain.h",
                        [" typedef enum {", "+    VIR_DOMAIN_FOO_FLAG_X = " + run + ",",
                         "+" + run, " } virDomainFooFlags;"], "Explain why.")),
        ("doc", mail("docs/formatdomain.rst", ["+" + run, "+x" + run + "x"], "Explain why.")),
        ("message", mail("src/util/virfile.c", [" int", "+    return 0;", " }"],
                         run + "\n\n" + run)),
    ]


def many_hunks(n):
    body = [" static int", "+foo(int flags, unsigned long x)", "+{", "+    /* cancelled */",
            "+    nanosleep(&ts, NULL);", "-    virCheckFlags(0, -1);", "+}"]
    old = sum(1 for ln in body if ln[:1] in " -")
    new = sum(1 for ln in body if ln[:1] in " +")
    path = "src/util/virfile.c"
    parts = [f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n"]
    for k in range(n):
        at = 1 + k * (old + 10)
        parts.append(f"@@ -{at},{old} +{at + k},{new} @@ static int foo(void)\n")
        parts.extend(ln + "\n" for ln in body)
    return "".join(parts).encode()


def cost(data, select=None, runs=3):
    """The least CPU time of a few reads and lint runs of ``data``."""
    from patchlint.config import Config
    from patchlint.engine import Runner
    from patchlint.reader import InputError, read_input
    best = None
    for _ in range(runs):
        runner = Runner(Config(select=select) if select else Config())
        t = time.process_time()
        try:
            runner.run(read_input("bench", data).patches)
        except InputError:
            pass
        took = time.process_time() - t
        if runner.errors:
            rule, line, error = runner.errors[0]
            raise SystemExit(f"rule {rule} crashed: {error[:200]}")
        best = took if best is None else min(best, took)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=4000, help="characters in the shorter run")
    ap.add_argument("--factor", type=int, default=4)
    ap.add_argument("--hunks", type=int, default=300, help="hunks in the smaller patch")
    ap.add_argument("--token", action="append", help="only these tokens")
    args = ap.parse_args()
    from patchlint.catalogue import all_rules
    f = args.factor
    bad = 0
    checked = 0
    worst = (0.0, "")
    for token in args.token or TOKENS:
        reps = max(1, args.size // len(token))
        small = dict(contexts(token * reps))
        big = dict(contexts(token * reps * f))
        for name in small:
            t1, t2 = cost(small[name]), cost(big[name])
            checked += 1
            ratio = t2 / max(t1, 1e-3)
            if ratio > worst[0]:
                worst = (ratio, f"{token!r} in {name}")
            if t2 <= 2 * f * t1 + 0.02:
                continue
            culprits = []
            for spec in all_rules():
                s1 = cost(small[name], [spec.id], 1)
                s2 = cost(big[name], [spec.id], 1)
                if s2 > 2 * f * s1 + 0.02:
                    culprits.append(f"{spec.id} {s1:.3f}s -> {s2:.3f}s")
            if culprits:            # (noise alone does not repeat rule by rule)
                bad += 1
                print(f"{token!r} in {name}: {t1:.3f}s -> {t2:.3f}s; " + "; ".join(culprits))
    t1, t2 = cost(many_hunks(args.hunks)), cost(many_hunks(args.hunks * f))
    print(f"hunks: {args.hunks} -> {args.hunks * f}: {t1:.3f}s -> {t2:.3f}s "
          f"(x{t2 / max(t1, 1e-3):.1f} for x{f} the input)")
    if t2 > 2 * f * t1 + 0.02:
        bad += 1
    print(f"long lines: {checked} token/place pairs, {args.size} -> {args.size * f} characters; "
          f"worst growth x{worst[0]:.1f} ({worst[1]}) for x{f} the input; "
          f"{bad} growing faster than twice linear")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
