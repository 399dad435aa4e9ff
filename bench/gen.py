"""Deterministic libvirt-style patches for the benchmark (not real code, just its shape)."""

import random

_WORDS = ["dom", "vm", "priv", "def", "disk", "net", "conn", "ret", "rc", "cfg", "mon"]


def _function(rnd, k, small=False):
    name = f"qemuDomainBenchHelper{k}"
    body = ["static int", f"{name}(virDomainObj *vm,",
            f"{' ' * (len(name) + 1)}const char *path,",
            f"{' ' * (len(name) + 1)}unsigned int flags)", "{",
            "    qemuDomainObjPrivate *priv = vm->privateData;",
            "    g_autofree char *tmp = NULL;", "    int ret = -1;", "",
            "    virCheckFlags(0, -1);", ""]
    for i in range(rnd.randint(1, 2) if small else rnd.randint(4, 10)):
        w = rnd.choice(_WORDS)
        body += [f"    /* step {i}: look at the {w} and decide */",
                 f"    if (virBenchCheck(priv->{w}, path, {i}) < 0 &&",
                 f"        virBenchOther(vm, \"{w}-{i}\") < 0) {{",
                 "        virReportError(VIR_ERR_INTERNAL_ERROR,",
                 "                       _(\"failed to check '%1$s'\"), path);",
                 "        goto cleanup;", "    }", ""]
    body += ["    ret = 0;", " cleanup:", "    return ret;", "}", ""]
    return body


def make_patch(lines, seed=1, index=1, total=1):
    """A format-patch mail adding about ``lines`` lines over several hunks and files."""
    rnd = random.Random(seed)
    files = {}
    count = 0
    k = 0
    while count < lines or not files:
        path = f"src/qemu/qemu_bench{k % 4}.c"
        fn = _function(rnd, k, small=lines < 100)
        files.setdefault(path, []).append(fn)
        count += len(fn) + 4
        k += 1
    subject = "qemu: Add bench helpers" if total == 1 else f"qemu: Add bench helpers {index}"
    prefix = "[PATCH]" if total == 1 else f"[PATCH {index}/{total}]"
    out = ["From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001",
           "From: Jane Developer <jane@example.org>",
           "Date: Thu, 1 Jan 2026 12:00:00 +0000",
           f"Subject: {prefix} {subject}", "",
           "Add helpers the benchmark can lint.", "",
           "Signed-off-by: Jane Developer <jane@example.org>", "---", ""]
    for path, funcs in files.items():
        out += [f"diff --git a/{path} b/{path}", "index 1111111..2222222 100644",
                f"--- a/{path}", f"+++ b/{path}"]
        start = 100
        for fn in funcs:
            ctx = [" }", " "]
            out.append(f"@@ -{start},{len(ctx) + 1} +{start},{len(ctx) + 1 + len(fn)} @@")
            out += ctx + ["+" + ln for ln in fn] + [" /* end */"]
            start += 200
    out += ["-- ", "2.39.5", ""]
    return "\n".join(out) + "\n"


def make_mbox(n):
    return "".join(make_patch(120, seed=i, index=i, total=n) for i in range(1, n + 1))
