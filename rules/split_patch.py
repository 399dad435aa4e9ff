"""A large patch that spans several layers: suggest a series.

## What it flags
A patch that changes code in several layers of the project at once (public header, public API,
remote protocol, driver, monitor, utilities, virsh) and changes many lines.  Tests and
documentation do not count as layers.  It is a note: advice, never a failure.

## Why
Review goes faster and bisecting works better when a feature arrives as a series: the public
API and its documentation first, then the driver, then the lower layers, each patch compiling
and passing tests on its own.  A single patch that does everything is hard to review in one
sitting, and a reviewer will ask for it to be split.

## Example
```mail
From: Jane Developer <jane@example.org>
Subject: [PATCH] Add async block job abort

Signed-off-by: Jane Developer <jane@example.org>
---
 include/libvirt/libvirt.h.in |  10 +++
 src/libvirt.c                |   9 ++-
 src/qemu/qemu_driver.c       |  24 ++++---
 src/qemu/qemu_monitor.c      |  24 ++++++
 src/qemu/qemu_monitor.h      |   2 +
 src/qemu/qemu_monitor_json.c |  36 ++++++---
 6 files changed, 90 insertions(+), 15 deletions(-)

diff --git a/src/qemu/qemu_monitor.h b/src/qemu/qemu_monitor.h
--- a/src/qemu/qemu_monitor.h
+++ b/src/qemu/qemu_monitor.h
@@ -10,2 +10,3 @@
 int qemuMonitorBlockJob(qemuMonitorPtr mon);
+int qemuMonitorBlockJobCancelWait(qemuMonitorPtr mon, const char *device);
 int qemuMonitorOther(void);
```
```findings
split-patch: 6 files in 4 layers (public header, public API, driver, monitor),
  +90 -15: consider splitting it into a series
```

## Use instead
```mail
From: Jane Developer <jane@example.org>
Subject: [PATCH 3/4] qemu: Add a monitor command to wait for block job cancellation

Signed-off-by: Jane Developer <jane@example.org>
---
 src/qemu/qemu_monitor.h | 1 +
 1 file changed, 1 insertion(+)

diff --git a/src/qemu/qemu_monitor.h b/src/qemu/qemu_monitor.h
--- a/src/qemu/qemu_monitor.h
+++ b/src/qemu/qemu_monitor.h
@@ -10,2 +10,3 @@
 int qemuMonitorBlockJob(qemuMonitorPtr mon);
+int qemuMonitorBlockJobCancelWait(qemuMonitorPtr mon, const char *device);
 int qemuMonitorOther(void);
```

## Options
``min_layers`` (default 3) and ``min_lines`` (default 80, lines added plus removed): when to
speak.  ``layers``: a table of layer name to path globs.

## Origin
A reviewer's remark ("I'm almost wondering if we should break this patch into a series of
smaller patches"), and libvirt's contributor guide, which asks for one logical change per patch.
"""


from patchlint.api import NOTE, finding, lazy_re, match_path, rule

LAYERS = {
    "public header": ["include/libvirt/*", "include/*.h", "include/*.h.in"],
    "public API": ["src/libvirt.c", "src/libvirt-*.c", "src/libvirt_*.syms"],
    "remote protocol": ["src/remote/*", "src/rpc/*", "*.x"],
    "monitor": ["src/qemu/qemu_monitor*"],
    "driver": ["src/*/*_driver.c", "src/qemu/*", "src/lxc/*", "src/libxl/*", "src/ch/*",
               "src/storage/*", "src/network/*", "src/node_device/*", "src/secret/*",
               "src/nwfilter/*", "src/interface/*", "src/bhyve/*", "src/vz/*",
               "src/test/*", "src/esx/*", "src/hyperv/*", "src/vbox/*", "src/openvz/*"],
    "configuration": ["src/conf/*"],
    "utilities": ["src/util/*"],
    "virsh": ["tools/*"],
}
_STAT_LINE = lazy_re(r"^\s*(\S.*?\S)\s+\|\s+(?:\d+|Bin)")


def _layer(path, layers):
    for name, globs in layers.items():
        if match_path(path, globs):
            return name
    return None


# the steps of docs/api_extension.rst, in its order, as the API model names them
STEPS = ("public API", "driver callback", "implementation", "remote protocol", "virsh")


@rule("split-patch", severity=NOTE,
      options={"min_layers": 3, "min_lines": 80, "layers": LAYERS})
def check(patch, options, api):
    layers = options["layers"]
    paths = [f.path for f in patch.files]
    stat = patch.diffstat
    if patch.notes:
        # the diffstat says what the patch touches even when the diff is trimmed (quoted)
        listed = [m.group(1) for m in map(_STAT_LINE.match, patch.notes.splitlines()) if m]
        if listed:
            paths = listed
    if stat:
        changed = stat["insertions"] + stat["deletions"]
        plus, minus, nfiles = stat["insertions"], stat["deletions"], stat["files"]
    else:
        plus, minus, nfiles = patch.insertions, patch.deletions, len(patch.files)
        changed = plus + minus
    if changed < options["min_lines"]:
        return
    if api is not None:
        whole = _whole_api(patch, api, options["min_layers"])
        if whole is not None:
            yield whole
            return
    found = []
    for p in paths:
        name = _layer(p, layers)
        if name and name not in found:
            found.append(name)
    if len(found) < options["min_layers"]:
        return
    yield finding(patch, f"{nfiles} files in {len(found)} layers ({', '.join(found)}), "
                         f"+{plus} -{minus}: consider splitting it into a series",
                  suggestion="one patch per layer, each building and passing tests: the "
                             "public API and its docs first, then the driver, then the rest")


def _whole_api(patch, api, min_steps):
    """A patch that adds a public function together with its remote protocol and a driver
    (and ``min_steps`` steps of the API at least): the finding that names each step and the
    patch it belongs in, or None."""
    steps = api.steps.get(api.current, {})          # (the patch being checked)
    names = [f.name for f in api.new_functions() if f.patch == api.current]
    drivers = sorted(s for s in steps if s.endswith(" driver"))
    if not names or "remote protocol" not in steps or not drivers:
        return None
    order = [s for s in STEPS if s in steps] + drivers
    if len(order) < min_steps:
        return None
    plan = "; ".join(f"{n}. {step}: {', '.join(sorted(steps[step]))}"
                     for n, step in enumerate(order, 1))
    what = ", ".join(f"{n}()" for n in names[:3]) + (" and more" if len(names) > 3 else "")
    verb = "arrives" if len(names) == 1 else "arrive"
    return finding(patch, f"{what} {verb} whole in one patch: public API, remote protocol "
                          f"and {', '.join(drivers)}; libvirt wants one patch per step",
                   suggestion=f"split it in the order of docs/api_extension.rst: {plan}")
