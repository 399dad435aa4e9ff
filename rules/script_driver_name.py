"""A driver method, callback typedef or struct member not named after the API it implements.

## What it flags
Names libvirt derives from one another, in what the patch adds:

- an entry of a driver's table (``virHypervisorDriver``... and the state driver's), in the
  drivers libvirt's script reads (the daemon's, and vbox), whose function is not named after
  its field with the table's prefix: ``.domainFoo`` is
  implemented by ``qemuDomainFoo`` in the qemu driver, ``.networkLookupByName`` by
  ``networkLookupByName`` in the network driver, whose prefix starts the field already.  The
  prefix is that of the table's first function (of the other entries the patch shows, when
  the table's head is out of sight).  The finding is on the entry and names the function it
  should call.
- in ``src/driver-*.h``: a callback typedef not named ``virDrv`` and the API
  (``(*virDrvDomainFoo)`` for ``virDomainFoo``), one whose public API is exported nowhere
  (neither in the series' ``.syms`` files nor, inside the tree, in ``src/libvirt_public.syms``,
  ``libvirt_qemu.syms`` or ``libvirt_lxc.syms``), and a struct member not named after its
  type (``virDrvDomainFoo domainFoo;``).  The typedefs libvirt's script lets be (the state
  driver's, the migration steps', ``virDrvConnectSupportsFeature``...) are let be.  Without
  the tree, an API is known missing only when the series exports a name that differs from it
  by a slip (``virDomainSetThrotleGroup`` for ``virDomainSetThrottleGroup``).

## Why
libvirt's tests run ``scripts/check-driverimpls.py`` over its drivers and
``scripts/check-drivername.py`` over the driver headers: a name that breaks the pattern fails
``meson test``.  The pattern is what lets anyone find, from a public API, the callback and
every driver's implementation of it with one grep, and what ``hvsupport.py`` relies on to
build the support matrix.

## Example
```diff path=src/qemu/qemu_driver.c start=20308
@@ -20308,3 +20308,4 @@ static virHypervisorDriver qemuHypervisorDriver = {
     .domainFDAssociate = qemuDomainFDAssociate, /* 9.0.0 */
     .domainGraphicsReload = qemuDomainGraphicsReload, /* 10.2.0 */
+    .domainSetThrottleGroup = qemuDomainThrottleGroupSet, /* 10.8.0 */
 };
```
```findings
20310:31: driver-name: the function behind .domainSetThrottleGroup is named after its field:
  qemuDomainSetThrottleGroup, not qemuDomainThrottleGroupSet
```

A struct member named otherwise than its type:

```diff path=src/driver-hypervisor.h start=1436
@@ -1436,3 +1436,4 @@ struct _virHypervisorDriver {
     virDrvDomainFDAssociate domainFDAssociate;
     virDrvDomainGraphicsReload domainGraphicsReload;
+    virDrvDomainSetThrottleGroup domainThrottleGroup;
 };
```
```findings
1438:34: driver-name: the member of type virDrvDomainSetThrottleGroup is named
  domainSetThrottleGroup
```

## Use instead
```diff path=src/qemu/qemu_driver.c start=20308
@@ -20308,3 +20308,4 @@ static virHypervisorDriver qemuHypervisorDriver = {
     .domainFDAssociate = qemuDomainFDAssociate, /* 9.0.0 */
     .domainGraphicsReload = qemuDomainGraphicsReload, /* 10.2.0 */
+    .domainSetThrottleGroup = qemuDomainSetThrottleGroup, /* 10.8.0 */
 };
```

```diff path=src/network/bridge_driver.c start=5241
@@ -5241,3 +5241,4 @@ static virNetworkDriver networkDriver = {
     .name = "bridge",
     .connectNumOfNetworks = networkConnectNumOfNetworks, /* 0.2.0 */
+    .networkSetThrottle = networkSetThrottle, /* 10.8.0 */
     .connectListNetworks = networkConnectListNetworks, /* 0.2.0 */
```

## Origin
libvirt's ``scripts/check-driverimpls.py`` and ``scripts/check-drivername.py``.
"""

from collections import Counter

from patchlint.api import (
    ERROR,
    METHOD_TABLES,
    STATE_TABLE,
    driver_tables,
    finding,
    lazy_re,
    leading_lower,
    match_path,
    rule,
    tree_of,
)

RULE = "driver-name"
DRIVER_HEADERS = ("src/driver-*.h",)
# the drivers libvirt's check-driverimpls reads (driver_source_files in src/*/meson.build)
IMPL_FILES = tuple(f"src/{d}/*.c" for d in (
    "bhyve", "ch", "interface", "libxl", "lxc", "network", "node_device", "nwfilter", "qemu",
    "secret", "storage", "vbox", "vz"))
# the .syms files whose exports driver callbacks implement (check-drivername's arguments)
PUBLIC_SYMS = ("src/libvirt_public.syms", "src/libvirt_qemu.syms", "src/libvirt_lxc.syms")

# callbacks no public API of the same name calls, which libvirt's script skips
NOT_APIS = frozenset(
    ["virDrvStateInitialize", "virDrvStateCleanup", "virDrvStateReload", "virDrvStateStop",
     "virDrvStateShutdownPrepare", "virDrvStateShutdownWait", "virDrvConnectSupportsFeature",
     "virDrvConnectURIProbe", "virDrvStreamInData"] +
    [f"virDrvDomainMigrate{step}" for step in (
        "Prepare", "Prepare2", "Prepare3", "Prepare3Params", "PrepareTunnel",
        "PrepareTunnelParams", "PrepareTunnel3", "PrepareTunnel3Params", "Perform",
        "Perform3", "Perform3Params", "Confirm", "Confirm3", "Confirm3Params", "Begin",
        "Begin3", "Begin3Params", "Finish", "Finish2", "Finish3", "Finish3Params")])

_TYPEDEF = lazy_re(r"\(\s*\*\s*(vir\w+)\s*\)")
_MEMBER = lazy_re(r"^\s*(virDrv\w+)\s+(\w+)\s*;")
_EXPORT = lazy_re(r"^\s*(vir\w+)\s*;\s*$")
_LEADING_UPPER = lazy_re(r"^[A-Z]+")


# -- check-driverimpls -----------------------------------------------------------------------

def _main_prefix(table):
    """The prefix the table's functions share: its first function's, when the table is seen
    from its head; else the one most of its other visible entries have."""
    methods = table.methods()
    if not methods:
        return None
    if table.head is not None:
        return leading_lower(methods[0].value)
    seen = [e for e in methods if not e.added] or methods
    return Counter(leading_lower(e.value) for e in seen).most_common(1)[0][0]


def expected_name(field, prefix):
    """The function libvirt's check-driverimpls expects behind ``field`` in a table of
    ``prefix``'s functions."""
    if field.startswith(prefix):
        return field
    return prefix + field[:1].upper() + field[1:]


def _matches(field, impl, prefix):
    """Does ``impl`` fit ``field``, read as check-driverimpls reads it?"""
    if leading_lower(impl) != prefix:
        return False
    if field.startswith(prefix):
        return impl == field
    rest = impl[len(leading_lower(impl)):] if leading_lower(impl) != impl else impl
    rest = _LEADING_UPPER.sub(lambda m: m.group(0).lower(), rest)
    return rest == field


def _tables(file):
    for table in driver_tables(file):
        if table.type not in METHOD_TABLES and table.type != STATE_TABLE:
            continue
        added = [e for e in table.methods() if e.added]
        if not added:
            continue
        prefix = _main_prefix(table)
        for entry in added:
            if _matches(entry.field, entry.value, prefix):
                continue
            want = expected_name(entry.field, prefix)
            start = entry.text.index(entry.value, entry.text.index("="))
            yield finding(entry.line,
                          f"the function behind .{entry.field} is named after its field: "
                          f"{want}, not {entry.value}",
                          start=start, end=start + len(entry.value),
                          check_script="check-driverimpls")


# -- check-drivername ------------------------------------------------------------------------

def member_name(typedef):
    """The struct member a callback type names: ``virDrvDomainFoo`` -> ``domainFoo``."""
    rest = typedef[len("virDrv"):]
    if rest.startswith("NWFilter"):
        rest = "nwfilter" + rest[len("NWFilter"):]
    return rest[:1].lower() + rest[1:]


def _series(patch):
    """What the series has added so far, this patch included (remembered for the patches
    after it): the public symbols it exports, the callback types it declares."""
    state = patch.shared.setdefault(RULE, {"exports": set(), "callbacks": set()}) \
        if patch.shared is not None else {"exports": set(), "callbacks": set()}
    for fd in patch.files:
        if fd.path in PUBLIC_SYMS:
            for ln in fd.added_lines():
                m = _EXPORT.match(ln.text)
                if m:
                    state["exports"].add(m.group(1))
        elif match_path(fd.path, DRIVER_HEADERS):
            for ln in fd.added_lines():
                m = _TYPEDEF.search(ln.text)
                if m:
                    state["callbacks"].add(m.group(1))
    return state


def _tree_exports(patch):
    tree = tree_of(patch)
    if tree is None:
        return None
    found = set()
    for path in PUBLIC_SYMS:
        for text in tree.read(path) or ():
            m = _EXPORT.match(text)
            if m:
                found.add(m.group(1))
    return found or None


def _near(name, names):
    import difflib  # noqa: PLC0415 (lazy: only a callback whose API is missing asks)
    close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.85)
    return close[0] if close else None


def _api_missing(ln, name, series, tree_exported):
    api = "vir" + name[len("virDrv"):]
    exported = series["exports"]
    if api in exported or tree_exported is not None and api in tree_exported:
        return None
    # a slip: an export of the series close to the API's name that has no callback of its
    # own (one that has is a sibling API, and this callback one of an API already released)
    orphans = {e for e in exported if "virDrv" + e[len("vir"):] not in series["callbacks"]}
    near = _near(api, orphans)
    if near is not None:
        # ... and of the series' callbacks without an export, this is the closest to it
        strays = {c for c in series["callbacks"]
                  if c.startswith("virDrv") and "vir" + c[len("virDrv"):] not in exported}
        if _near("virDrv" + near[len("vir"):], strays) != name:
            near = None
    if tree_exported is None and near is None:
        return None                     # without the tree, only a slip can be told
    start = ln.text.index(name)
    said = f"; the series exports {near}" if near else ""
    return finding(ln, f"{name} implements no public API: {api} is exported nowhere{said}",
                   start=start, end=start + len(name), check_script="check-drivername")


def _headers(file, series, tree_exported):
    for ln in file.added_lines():
        text = ln.code if "/*" in ln.text or "//" in ln.text else ln.text
        m = _TYPEDEF.search(text)
        if m:
            name = m.group(1)
            if not name.startswith("virDrv"):
                yield finding(ln, f"a driver callback type is named virDrv and its API, not "
                                  f"{name}", start=m.start(1), end=m.end(1),
                              check_script="check-drivername")
            elif name not in NOT_APIS:
                f = _api_missing(ln, name, series, tree_exported)
                if f is not None:
                    yield f
            continue
        m = _MEMBER.match(text)
        if m and m.group(2) != member_name(m.group(1)):
            yield finding(ln, f"the member of type {m.group(1)} is named "
                              f"{member_name(m.group(1))}",
                          start=m.start(2), end=m.end(2), check_script="check-drivername")


@rule(RULE, severity=ERROR, files=IMPL_FILES + DRIVER_HEADERS, family="scripts",
      check_script=("check-driverimpls", "check-drivername"))
def check(patch):
    series = _series(patch)
    tree_exported = None
    for fd in patch.files:
        if fd.is_deleted or not fd.hunks:
            continue
        if match_path(fd.path, DRIVER_HEADERS):
            if tree_exported is None and any(_TYPEDEF.search(ln.text)
                                             for ln in fd.added_lines()):
                tree_exported = _tree_exports(patch)
            yield from _headers(fd, series, tree_exported)
        elif match_path(fd.path, IMPL_FILES):
            yield from _tables(fd)
