#!/usr/bin/env python3
"""Whole-process speed and memory of patchlint, next to bare interpreter start-up.

    python bench/bench.py [--runs N] [--checkpatch PATH] [--qemu-checkpatch PATH]
                          [--callgrind] [--python PY | --venv]

Generates libvirt-style patches of about 30, 250 and 2,000 lines and a 20-patch mbox (in a
temporary directory, deterministic), then times ``patchlint --format=concise`` on each as a
separate process, the way a hook runs it, next to ``python -c pass`` measured in the same run.
Prints medians, ratios to bare start-up, the marginal cost per patch line, and peak RSS.
It also measures peak RSS on a 100,000-line mbox.  The kernel's scripts/checkpatch.pl is
timed beside it (``--no-tree --terse``) when ``--checkpatch`` names it or when Debian's
linux-source package left its tarball in /usr/src (it is then unpacked into the temporary
directory, never into this tree).  QEMU's scripts/checkpatch.pl (``--qemu-checkpatch``, from
Debian's ``qemu_*.orig.tar.xz``) is the second yardstick: patchlint and it run in turns on each
input (paired runs, median of 9), with the ratio per input, and the fixed cost (a two-line
diff of a text file) next to ``python -c pass``.  Timings never go into tests: run this by hand
and quote it.

patchlint runs as a hook runs it: the ``patchlint`` command installed beside ``--python`` (when
there is none, ``python -m patchlint``).  A development environment's editable install adds an
import finder to every start of its Python (~7 ms, python -c pass included) that users do not
have: ``--venv`` measures a fresh virtual environment with this tree installed the ordinary way
(``pip install .``, in the temporary directory) instead.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from gen import make_mbox, make_patch  # noqa: E402


def run(cmd, runs, env=None, cpu=False):
    """Median wall time (s) and peak RSS (KiB) of ``cmd`` over ``runs`` runs (+1 warm-up).

    With ``cpu``, also the median CPU time (user + system, s): steadier than wall time on a
    machine doing other things.
    """
    times, peaks, cpus = [], [], []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=env)
        _, status, usage = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        if i:
            times.append(dt)
            cpus.append(usage.ru_utime + usage.ru_stime)
    # peak RSS through GNU time: a child forked from this process would count this
    # process's memory at the fork in its own maximum
    for _ in range(2):
        r = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, env=env)
        peaks.append(int(r.stderr.strip().splitlines()[-1]))
    if cpu:
        return statistics.median(times), max(peaks), statistics.median(cpus)
    return statistics.median(times), max(peaks)


def paired(cmd_a, cmd_b, runs, env=None):
    """Median wall times (s) of two commands run in turns (a, b, a, b, ...; one warm-up each):
    a busy moment of the machine weighs on both alike."""
    times = ([], [])
    for i in range(runs + 1):
        for k, cmd in enumerate((cmd_a, cmd_b)):
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            if i:
                times[k].append(time.perf_counter() - t0)
    return statistics.median(times[0]), statistics.median(times[1])


def qemu_yardstick(args, inputs, env, tmp):
    """Paired runs of patchlint and QEMU's checkpatch.pl on each input, and the fixed cost."""
    text = os.path.join(tmp, "text.diff")
    with open(text, "w") as f:
        f.write("diff --git a/README b/README\n--- a/README\n+++ b/README\n"
                "@@ -1,1 +1,2 @@\n hello\n+world\n")
    mine = [*args.patchlint, "--format=concise"]
    base, fixed = paired([args.python, "-c", "pass"], [*mine, text], 9, env)
    print(f"\nfixed cost (two-line text diff): {fixed * 1000:.1f} ms, "
          f"{fixed / base:.1f}x python -c pass ({base * 1000:.1f} ms); paired, median of 9")
    print("patchlint vs QEMU checkpatch.pl --no-tree --no-signoff (paired, median of 9):")
    for label, path, lines in inputs:
        a, b = paired([*mine, path], ["perl", args.qemu_checkpatch, "--no-tree",
                                      "--no-signoff", path], 9, env)
        print(f"{label:18} {lines:6d} patchlint {a * 1000:7.1f}ms  checkpatch "
              f"{b * 1000:7.1f}ms  ratio {a / b:5.2f}")


def instructions(cmd, env=None):
    """Instructions executed by ``cmd`` (valgrind's callgrind): the same count on every run,
    however busy the machine is, unlike wall or CPU time on a shared VM."""
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                       capture_output=True, text=True, env=env)
    for line in r.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split()[-1])
    raise RuntimeError(f"callgrind gave no count: {r.stderr[-500:]}")


def _unpack_checkpatch(tmp):
    """scripts/checkpatch.pl from Debian's linux-source tarball, unpacked into ``tmp``."""
    import glob
    import tarfile
    for tarball in sorted(glob.glob("/usr/src/linux-source-*.tar.xz")):
        top = os.path.basename(tarball)[:-len(".tar.xz")]
        wanted = [f"{top}/scripts/{n}" for n in ("checkpatch.pl", "spelling.txt",
                                                  "const_structs.checkpatch")]
        with tarfile.open(tarball) as tar:
            members = [tar.getmember(n) for n in wanted]
            tar.extractall(tmp, members=members, filter="data")
        return os.path.join(tmp, top, "scripts", "checkpatch.pl")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--checkpatch", help="path to the kernel's scripts/checkpatch.pl")
    ap.add_argument("--qemu-checkpatch", help="path to QEMU's scripts/checkpatch.pl")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--venv", action="store_true",
                    help="measure a fresh virtual environment with this tree installed")
    ap.add_argument("--callgrind", action="store_true",
                    help="also count instructions with valgrind (steady on a noisy machine)")
    args = ap.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)     # hooks run with cached bytecode
    with tempfile.TemporaryDirectory() as tmp:
        if args.venv:
            venv = os.path.join(tmp, "venv")
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
            args.python = os.path.join(venv, "bin", "python")
            subprocess.run([args.python, "-m", "pip", "install", "-q",
                            os.path.dirname(HERE)], check=True, env=env)
        # make sure bytecode is cached, as an installed package has it
        subprocess.run([args.python, "-m", "compileall", "-q",
                        os.path.join(os.path.dirname(HERE), "patchlint"),
                        os.path.join(os.path.dirname(HERE), "rules")], env=env, check=False)
        subprocess.run([args.python, "-c", "import compileall, patchlint, os; "
                        "compileall.compile_dir(os.path.dirname(patchlint.__file__), quiet=1)"],
                       env=env, check=False, cwd=tmp)
        script = os.path.join(os.path.dirname(args.python), "patchlint")
        args.patchlint = [script] if os.path.exists(script) else \
            [args.python, "-m", "patchlint"]
        # run from an empty directory: in a checkout of patchlint, "python -m patchlint" would
        # import the checkout's package instead of the one --python has installed, and the
        # checkout's git tree would turn tree context on
        os.chdir(tmp)
        inputs = []
        for n in (30, 250, 2000):
            path = os.path.join(tmp, f"p{n}.patch")
            text = make_patch(n, seed=n)
            with open(path, "w") as f:
                f.write(text)
            inputs.append((f"~{n}-line patch", path, text.count("\n")))
        mbox = os.path.join(tmp, "series.mbox")
        text = make_mbox(20)
        with open(mbox, "w") as f:
            f.write(text)
        inputs.append(("20-patch mbox", mbox, text.count("\n")))
        big = os.path.join(tmp, "big.mbox")
        with open(big, "w") as f:
            n = i = 0
            while n < 100000:
                t = make_patch(400, seed=i, index=i + 1, total=300)
                f.write(t)
                n += t.count("\n")
                i += 1
        big_lines = n
        if not args.checkpatch:
            args.checkpatch = _unpack_checkpatch(tmp)

        base, base_rss, base_cpu = run([args.python, "-c", "pass"], args.runs, env, cpu=True)
        print(f"python -c pass: {base * 1000:.1f} ms wall, {base_cpu * 1000:.1f} ms CPU, "
              f"peak {base_rss / 1024:.1f} MiB (median of {args.runs})")
        print(f"{'input':18} {'lines':>6} {'wall':>9} {'x':>6} {'CPU':>9} {'x':>6} "
              f"{'peak RSS':>9}")
        got = {}
        for label, path, lines in inputs:
            cmd = [*args.patchlint, "--format=concise", path]
            t, rss, c = run(cmd, args.runs, env, cpu=True)
            got[label] = (t, c, lines)
            print(f"{label:18} {lines:6d} {t * 1000:7.1f}ms {t / base:5.1f}x "
                  f"{c * 1000:7.1f}ms {c / base_cpu:5.1f}x {rss / 1024:7.1f}MiB")
        (t1, c1, l1), (t2, c2, l2) = got["~250-line patch"], got["~2000-line patch"]
        print(f"marginal cost: {(t2 - t1) / (l2 - l1) * 1000:.4f} ms wall, "
              f"{(c2 - c1) / (l2 - l1) * 1000:.4f} ms CPU per patch line")
        t, rss = run([*args.patchlint, "--format=concise", big], 2, env)
        print(f"{big_lines}-line mbox: {t:.2f} s, peak RSS {rss / 1024:.1f} MiB")
        if args.callgrind:
            base_i = instructions([args.python, "-c", "pass"], env)
            print(f"\ninstructions (callgrind): python -c pass {base_i / 1e6:.0f} M")
            counts = {}
            for label, path, lines in inputs:
                n = instructions([*args.patchlint, "--format=concise", path], env)
                counts[label] = (n, lines)
                print(f"{label:18} {lines:6d} {n / 1e6:7.0f} M {n / base_i:5.1f}x")
            (n1, l1), (n2, l2) = counts["~250-line patch"], counts["~2000-line patch"]
            print(f"marginal: {(n2 - n1) / (l2 - l1) / 1e3:.1f} k instructions per patch line "
                  f"({(n2 - n1) / (l2 - l1) / base_i * (base_cpu * 1000):.4f} ms at the "
                  "start-up's instructions per ms)")
        if args.qemu_checkpatch:
            qemu_yardstick(args, inputs, env, tmp)
        if args.checkpatch:
            print("\ncheckpatch.pl --no-tree --terse:")
            for label, path, lines in inputs:
                t, rss = run(["perl", args.checkpatch, "--no-tree", "--terse", path],
                             max(3, args.runs // 3))
                mine = got[label][0]
                print(f"{label:18} {lines:6d} {t * 1000:7.1f}ms {t / base:9.1f}x "
                      f"{rss / 1024:7.1f}MiB  (patchlint {t / mine:.1f}x faster)")


if __name__ == "__main__":
    main()
