"""A driver method the patch adds that never checks the caller's access (``...EnsureACL()``).

## What it flags
An entry the patch adds to a method table (``virHypervisorDriver``, ``virNetworkDriver``...)
of a driver that runs inside a daemon (qemu, lxc, libxl, ch, bhyve, vz, and the network,
storage, secret, interface, nwfilter and node device drivers) whose function calls no access
control check: neither ``vir<API>EnsureACL()`` (or, for an API that lists objects,
``vir<API>CheckACL()``) in its body, nor a function that does (the stub of an older API that
hands on to its ``...Flags`` successor; the shared helpers of ``src/hypervisor``).  The
function is looked for wherever it is: in the patch (any of its files: the node device
driver's table is in ``node_device_udev.c``, its methods in ``node_device_driver.c``), in the
series' earlier patches, and, inside the tree, in the table's file and the other files of its
directory.  When its body can't be read whole, nothing is said; nor when it hands its object
or connection to a function of the driver's that is out of sight (which may be the one that
checks, as libvirt's script would see), a lookup such as ``qemuDomainObjFromDomain()`` aside.

An API whose remote procedure is marked ``@aclfilter`` in ``remote_protocol.x`` returns a list
of objects, which its method must also filter with ``vir<API>CheckACL``.  An ``EnsureACL`` or
``CheckACL`` call the patch adds to a function it does not belong to (a check copied from
another method) is flagged at the call.

Not judged, as libvirt's script does not judge them: the test and remote drivers and the
drivers that run in the client (esx, hyperv, openvz, vmware, vbox), whose checks are the
daemon's; the state driver's table; the methods that need no check (``connectClose``,
``connectIsAlive``, ``connectIsEncrypted``, ``connectIsSecure``, ``connectURIProbe``, the
secondary drivers' open and close...).  The finding is on the table's entry.

## Why
Every public API a daemon serves is access-controlled in the driver: the check, generated from
the ``@acl`` annotations of the remote procedure, is the first thing the method does with the
object it looked up.  A method that forgets it lets any client that may connect do what the
API does, whatever the policy says.  libvirt's tests run ``scripts/check-aclrules.py`` over
the drivers and fail on such a method; this says it before the mail is sent.

## Example
```mail
From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
From: Jane Doe <jane@example.org>
Date: Mon, 2 Sep 2024 10:00:00 +0200
Subject: [PATCH] qemu: Implement virDomainSetThrottleGroup

Signed-off-by: Jane Doe <jane@example.org>
---
diff --git a/src/qemu/qemu_driver.c b/src/qemu/qemu_driver.c
index 1111111..2222222 100644
--- a/src/qemu/qemu_driver.c
+++ b/src/qemu/qemu_driver.c
@@ -20050,6 +20050,24 @@ qemuDomainGraphicsReload(virDomainPtr domain,
 }


+static int
+qemuDomainSetThrottleGroup(virDomainPtr dom,
+                           const char *group,
+                           unsigned int flags)
+{
+    virDomainObj *vm = NULL;
+    int ret = -1;
+
+    virCheckFlags(0, -1);
+
+    if (!(vm = qemuDomainObjFromDomain(dom)))
+        return -1;
+
+    ret = qemuDomainSetThrottleGroupInternal(vm, group);
+    virDomainObjEndAPI(&vm);
+    return ret;
+}
+
 static virHypervisorDriver qemuHypervisorDriver = {
     .name = QEMU_DRIVER_NAME,
     .connectURIProbe = qemuConnectURIProbe,
@@ -20308,3 +20326,4 @@ static virHypervisorDriver qemuHypervisorDriver = {
     .domainFDAssociate = qemuDomainFDAssociate, /* 9.0.0 */
     .domainGraphicsReload = qemuDomainGraphicsReload, /* 10.2.0 */
+    .domainSetThrottleGroup = qemuDomainSetThrottleGroup, /* 10.8.0 */
 };
--
2.45.2
```
```findings
src/qemu/qemu_driver.c:20328:31: acl-check-missing: qemuDomainSetThrottleGroup, the driver's
  .domainSetThrottleGroup, calls no access control check: call
  virDomainSetThrottleGroupEnsureACL() once it has the domain's definition
```

## Use instead
```mail
From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
From: Jane Doe <jane@example.org>
Date: Mon, 2 Sep 2024 10:00:00 +0200
Subject: [PATCH] qemu: Implement virDomainSetThrottleGroup

Signed-off-by: Jane Doe <jane@example.org>
---
diff --git a/src/qemu/qemu_driver.c b/src/qemu/qemu_driver.c
index 1111111..2222222 100644
--- a/src/qemu/qemu_driver.c
+++ b/src/qemu/qemu_driver.c
@@ -20050,6 +20050,27 @@ qemuDomainGraphicsReload(virDomainPtr domain,
 }


+static int
+qemuDomainSetThrottleGroup(virDomainPtr dom,
+                           const char *group,
+                           unsigned int flags)
+{
+    virDomainObj *vm = NULL;
+    int ret = -1;
+
+    virCheckFlags(0, -1);
+
+    if (!(vm = qemuDomainObjFromDomain(dom)))
+        return -1;
+
+    if (virDomainSetThrottleGroupEnsureACL(dom->conn, vm->def) < 0)
+        goto cleanup;
+
+    ret = qemuDomainSetThrottleGroupInternal(vm, group);
+ cleanup:
+    virDomainObjEndAPI(&vm);
+    return ret;
+}
+
 static virHypervisorDriver qemuHypervisorDriver = {
     .name = QEMU_DRIVER_NAME,
     .connectURIProbe = qemuConnectURIProbe,
@@ -20308,3 +20329,4 @@ static virHypervisorDriver qemuHypervisorDriver = {
     .domainFDAssociate = qemuDomainFDAssociate, /* 9.0.0 */
     .domainGraphicsReload = qemuDomainGraphicsReload, /* 10.2.0 */
+    .domainSetThrottleGroup = qemuDomainSetThrottleGroup, /* 10.8.0 */
 };
--
2.45.2
```

## Origin
libvirt's ``scripts/check-aclrules.py`` (run by ``meson test`` over the daemon's drivers), and
``docs/api_extension.rst``.
"""

from patchlint.api import (
    ERROR,
    METHOD_TABLES,
    calls,
    driver_tables,
    finding,
    function_bodies,
    lazy_re,
    leading_lower,
    match_path,
    post_image,
    rule,
    tree_of,
)

RULE = "acl-check-missing"

# the drivers libvirt's script reads (stateful_driver_source_files in src/*/meson.build), and
# the node device driver's udev backend, whose table names the functions of the driver's file
ACL_FILES = tuple(f"src/{d}/*.c" for d in (
    "bhyve", "ch", "hypervisor", "interface", "libxl", "lxc", "network", "node_device",
    "nwfilter", "qemu", "secret", "storage", "vz"))
PROTOCOL = "src/remote/remote_protocol.x"

# methods that need no check, and the functions and helpers the script knows for exempt or
# checked (check-aclrules.py's lists)
PERMITTED = frozenset((
    "connectClose", "connectIsEncrypted", "connectIsSecure", "connectIsAlive", "networkOpen",
    "networkClose", "nwfilterOpen", "nwfilterClose", "secretOpen", "secretClose",
    "storageOpen", "storageClose", "interfaceOpen", "interfaceClose", "connectURIProbe",
    "localOnly", "domainQemuAttach"))
IMPL_PERMITTED = frozenset(("vzDomainMigrateConfirm3Params",))
HELPERS = frozenset(("virDomainDriverNodeDeviceDetachFlags", "virDomainDriverNodeDeviceReset",
                     "virDomainDriverNodeDeviceReAttach"))

_CHECK = lazy_re(r"\b(\w+)(EnsureACL|CheckACL)\b")
_PROC = lazy_re(r"\bREMOTE_PROC_(\w+)\s*=")
# what a stub hands on to: the same API with more arguments
_SUCCESSOR = lazy_re(r"(Flags|WithFiles|WithFormat|Pattern|Params)$")
# the lookups a method starts with, which check nothing
_LOOKUP = lazy_re(r"ObjFrom|FromDomain|FromNetwork|Lookup|GetDef$")
_FIRST_PARAM = lazy_re(r"\(\s*(?:const\s+)?[A-Za-z_]\w*[\s*]+([A-Za-z_]\w*)\s*[,)]")
_CALL = lazy_re(r"\b([A-Za-z_]\w*)\s*\(([^;]*)")


class Facts:
    """What the rule knows of a function: does its body call an ACL check (``ensure``: an
    ``EnsureACL``; ``filter``: a ``CheckACL``), which functions it calls, and to which it
    hands its first parameter (the object or the connection a check would need)."""

    __slots__ = ("ensure", "filter", "callees", "handoffs")

    def __init__(self, header, texts):
        found = {m.group(2) for t in texts if "ACL" in t for m in _CHECK.finditer(t)}
        self.ensure = "EnsureACL" in found
        self.filter = "CheckACL" in found
        self.callees = frozenset(calls(texts))
        first = _FIRST_PARAM.search(" ".join(header))
        self.handoffs = frozenset()
        if first and first.group(1) != "void":
            name = first.group(1)
            param = lazy_re(rf"\b{name}\b")
            # (a line or a call without the name cannot hand it over: no search there)
            self.handoffs = frozenset(m.group(1) for t in texts if name in t
                                      for m in _CALL.finditer(t)
                                      if name in m.group(2) and param.search(m.group(2)))


def _functions_of(texts, into, lines=None, spans=None):
    """Record the facts of every function ``texts`` show whole; with the model ``lines``
    of the texts, the span of each in ``spans`` (what a finding rests on)."""
    for name, body in function_bodies(texts).items():
        if body.end is not None:
            into[name] = Facts(texts[body.start:body.open + 1], texts[body.open + 1:body.end])
            if spans is not None:
                spans[name] = (lines[body.start], lines[body.end])


def _filtered_procs(texts, into):
    """The remote procedures whose comment block carries ``@aclfilter``, by their name in
    lower case without underscores (``connectlistalldomains``)."""
    marked = False
    for text in texts:
        if "/**" in text:
            marked = False
        elif "@aclfilter" in text:
            marked = True
        elif marked:
            m = _PROC.search(text)
            if m:
                if "_EVENT_REGISTER" not in text:
                    into.add(m.group(1).replace("_", "").lower())
                marked = False


def _state(patch):
    """The facts this patch's files give, added to those of the series' earlier patches."""
    shared = patch.shared if patch.shared is not None else {}
    state = shared.setdefault(RULE, {"functions": {}, "filtered": set()})
    spans = {}                      # this patch's functions: model lines, not to be kept
    for fd in patch.files:
        if fd.is_deleted or not fd.hunks:
            continue
        if match_path(fd.path, ACL_FILES):
            # what the hunks show (the tree's context widens them to whole functions); the
            # rest of the file is the tree's, read when a lookup needs it
            for hunk in fd.hunks:
                if not hunk.trimmed and any(ln.kind == "+" for ln in hunk.lines):
                    side = hunk.new_side()
                    _functions_of([ln.text for ln in side], state["functions"], side, spans)
        elif fd.path == PROTOCOL:
            for _, seq in post_image(fd):
                _filtered_procs([t for _, _, t in seq], state["filtered"])
    return state, spans


_PARSED = {}


def _tree_functions(tree, path):
    """{name: Facts} of a file of the tree, parsed once while it is unchanged."""
    texts = tree.read(path) or []
    key = (tree.root, path)
    got = _PARSED.get(key)
    if got is None or got[0] is not texts:
        found = {}
        _functions_of(texts, found)
        got = _PARSED[key] = (texts, found)
    return got[1]


class _Tree:
    """The functions of the tree's files, read a directory at a time when first needed."""

    def __init__(self, tree):
        self.tree = tree
        self.functions = {}
        self.dirs = set()
        self.filtered = None

    def find(self, directory, name):
        if self.tree is None:
            return None
        if directory not in self.dirs:
            self.dirs.add(directory)
            for base in self.tree.listdir(directory):
                if base.endswith(".c"):
                    self.functions.update(_tree_functions(self.tree, f"{directory}/{base}"))
        return self.functions.get(name)

    def filtered_procs(self):
        if self.filtered is None:
            self.filtered = set()
            if self.tree is not None:
                _filtered_procs(self.tree.read(PROTOCOL) or [], self.filtered)
        return self.filtered


def _acl_name(field, kind="EnsureACL"):
    name = field[:1].upper() + field[1:]
    if name.startswith("Nwfilter"):
        name = "NWFilter" + name[len("Nwfilter"):]
    return f"vir{name}{kind}"


def _verdict(impl, facts, lookup, attr):
    """True when ``impl`` calls a check (``attr``: ensure or filter), itself or through a
    function it calls; False when it does not; None when that can't be told."""
    if getattr(facts, attr):
        return True
    unknown = False
    prefix = leading_lower(impl)
    for callee in facts.callees:
        if attr == "ensure" and callee in HELPERS:
            return True
        other = lookup(callee)
        if other is not None:
            if getattr(other, attr):
                return True
        elif callee != impl and leading_lower(callee) == prefix and (
                _SUCCESSOR.search(callee) or
                callee in facts.handoffs and not _LOOKUP.search(callee)):
            unknown = True              # a successor or helper whose body is out of sight
    return None if unknown else False


def _entries(patch):
    for fd in patch.files:
        if fd.is_deleted or not fd.hunks or not match_path(fd.path, ACL_FILES):
            continue
        for table in driver_tables(fd):
            if table.type not in METHOD_TABLES:
                continue
            for entry in table.methods():
                if entry.added and entry.field not in PERMITTED and \
                        entry.value not in IMPL_PERMITTED:
                    yield fd, entry


def _missing(fd, entry, state, tree, spans):
    directory = fd.path.rsplit("/", 1)[0]
    known = state["functions"]

    def lookup(name):
        return known.get(name) or tree.find(directory, name)

    facts = lookup(entry.value)
    if facts is None:
        return None
    start = entry.text.index(entry.value, entry.text.index("="))
    span = dict(start=start, end=start + len(entry.value))
    if entry.value in spans:
        span["context"] = [spans[entry.value]]      # the function, when this patch shows it
    if _verdict(entry.value, facts, lookup, "ensure") is False:
        obj = _object(entry.field)
        when = f"once it has the {obj}'s definition" if obj else "before it does anything"
        return finding(entry.line, f"{entry.value}, the driver's .{entry.field}, calls no "
                                   f"access control check: call {_acl_name(entry.field)}() "
                                   f"{when}", **span)
    filtered = state["filtered"] | tree.filtered_procs()
    if entry.field.lower() in filtered and \
            _verdict(entry.value, facts, lookup, "filter") is False:
        return finding(entry.line, f"{entry.value}, the driver's .{entry.field}, returns "
                                   "objects its caller may not be allowed to see: filter them "
                                   f"with {_acl_name(entry.field, 'CheckACL')}", **span)
    return None


_OBJECTS = (("domain", "domain"), ("network", "network"), ("storagePool", "pool"),
            ("storageVol", "volume"), ("nodeDevice", "device"), ("interface", "interface"),
            ("secret", "secret"), ("nwfilter", "filter"))


def _object(field):
    """The object an API acts on, whose definition its check reads; None for an API of the
    connection or the host."""
    for head, word in _OBJECTS:
        if field.startswith(head):
            return word
    return None


def _mismatched(patch):
    """Checks the patch adds to a function they do not belong to."""
    for fd in patch.files:
        if fd.is_deleted or not match_path(fd.path, ACL_FILES) or \
                not any("ACL" in ln.text for ln in fd.added_lines()):
            continue
        for _, seq in post_image(fd):
            if not any(ln is not None and ln.kind == "+" and "ACL" in t for ln, _, t in seq):
                continue
            texts = [t for _, _, t in seq]
            for body in function_bodies(texts).values():
                end = body.end if body.end is not None else len(seq) - 1
                for ln, _, text in seq[body.open:end + 1]:
                    if ln is None or ln.kind != "+" or "ACL" not in text:
                        continue
                    m = _CHECK.search(ln.code)
                    if m is None:
                        continue
                    api = m.group(1)[3:] if m.group(1).startswith("vir") else m.group(1)
                    if not body.name.lower().endswith(api.lower()):
                        yield finding(ln, f"{m.group(0)} is the check of another API: "
                                          f"{body.name} is not its implementation",
                                      start=m.start(), end=m.end())


@rule(RULE, severity=ERROR, files=ACL_FILES, family="scripts", check_script="check-aclrules")
def check(patch):
    state, spans = _state(patch)
    tree = _Tree(tree_of(patch))
    for fd, entry in _entries(patch):
        f = _missing(fd, entry, state, tree, spans)
        if f is not None:
            yield f
    yield from _mismatched(patch)
