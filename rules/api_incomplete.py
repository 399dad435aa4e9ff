"""A new public function that lacks a step of ``docs/api_extension.rst``.

## What it flags
A function a series declares in a public header (``include/libvirt/libvirt-*.h``) that did
not exist before, when the series (or, inside a libvirt git tree, the tree) does not also hold
every step libvirt asks of a new API.  One finding per function, at the header line that holds
its name, saying what it lacks and what it has.  A warning when a required step is missing:

- the export of its symbol in ``src/libvirt_public.syms`` (``libvirt_qemu.syms``,
  ``libvirt_lxc.syms``, ``admin/libvirt_admin_public.syms`` for those modules);
- its implementation in ``src/libvirt-*.c``, with a ``/** name: ... */`` comment that
  documents every parameter, names its flags enum at ``@flags`` when the series adds one for
  it (``vir<Name>Flags``), and carries a ``Since: x.y.z`` tag;
- the driver callback: the ``virDrv...`` typedef and the driver struct's member in
  ``src/driver-*.h``, when the implementation hands its work to a driver (a helper that calls
  no driver needs neither, nor a remote procedure);
- the remote procedure (``REMOTE_PROC_...`` in ``src/remote/remote_protocol.x``, numbered
  after the last one: a number is never reused) and the remote driver's table entry in
  ``src/remote/remote_driver.c`` (the admin API has its own protocol and no driver table).

A note when only the optional steps are missing: a driver that implements it, a virsh command
(and the series touching its manual, ``docs/manpages/virsh.rst``), a ``NEWS.rst`` entry.

Nothing is said while the series cannot be seen whole: one patch of a numbered series checked
alone (as git's send-email hook does, mail by mail), or a patch quoted in a review reply.
Names declared on a removed line, or in the header before the patch, are not new.

## Why
A public function that is declared but not exported fails to link for every program that
calls it; one exported in an already released version section breaks the symbol versioning
that lets an application refuse an old libvirt; one with no remote procedure works only with
the drivers that run inside the client library.  Each step is mechanical and easy to forget,
and a reviewer has to trace them across a whole series to see one is missing.

## Example
```mail
From 5b27d4c1a2b3c4d5e6f708192a3b4c5d6e7f8091 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Mon, 6 Oct 2025 10:00:00 +0200
Subject: [PATCH] Introduce virDomainBlockJobWait

Signed-off-by: Jane Developer <jane@example.org>
---
diff --git a/include/libvirt/libvirt-domain.h b/include/libvirt/libvirt-domain.h
--- a/include/libvirt/libvirt-domain.h
+++ b/include/libvirt/libvirt-domain.h
@@ -6524,4 +6524,8 @@ int virDomainGraphicsReload(virDomainPtr domain,
                             unsigned int type,
                             unsigned int flags);

+int virDomainBlockJobWait(virDomainPtr dom,
+                          const char *disk,
+                          unsigned int flags);
+
 #endif /* LIBVIRT_DOMAIN_H */
```
```findings
include/libvirt/libvirt-domain.h:6527:5: api-incomplete: new API
  virDomainBlockJobWait() lacks its export in src/libvirt_public.syms, its
  implementation in src/libvirt-domain.c, the driver callback typedef
  virDrvDomainBlockJobWait and member domainBlockJobWait in
  src/driver-hypervisor.h, the remote procedure in src/remote/remote_protocol.x
  and the remote driver's entry in src/remote/remote_driver.c; and, optionally,
  a driver implementing it, a virsh command and a NEWS.rst entry; it has its
  declaration
```

## Use instead
The same declaration as the first patch of a series that also exports it, implements and
documents it, adds the driver callback, the remote procedure, virsh support and the qemu
driver: see ``samples/api-series.mbox``.  A patch that only adds a driver's implementation of
an API the tree already has is complete too:
```mail
From 5b27d4c1a2b3c4d5e6f708192a3b4c5d6e7f8091 Mon Sep 17 00:00:00 2001
From: Jane Developer <jane@example.org>
Date: Mon, 6 Oct 2025 10:00:00 +0200
Subject: [PATCH] test: Implement virDomainGraphicsReload

Signed-off-by: Jane Developer <jane@example.org>
---
diff --git a/src/test/test_driver.c b/src/test/test_driver.c
--- a/src/test/test_driver.c
+++ b/src/test/test_driver.c
@@ -10520,4 +10520,5 @@ static virHypervisorDriver testHypervisorDriver = {
     .domainFDAssociate = testDomainFDAssociate, /* 9.0.0 */
+    .domainGraphicsReload = testDomainGraphicsReload, /* 10.8.0 */
 };
```

## Measured
libvirt v10.7.0's whole tree read as one new-file patch (every public function new at once):
21 notes, no warning: 20 APIs virsh has no command for (``virDomainBlockPeek()``,
``virDomainOpenGraphics()``, ``virStreamSendHole()``...; virsh is optional) and
``virStreamRecvHole()``, which only the remote stream driver implements.  The releases'
changes (v8.1.0 to v9.8.0, v9.8.0 to v10.4.0, v10.4.0 to v10.7.0, each one patch, and the
release commits touching ``.syms`` as one series): 2 notes, ``virDomainSaveParams()`` and
``virDomainRestoreParams()``, which virsh did not call in those releases.  libvirt-glib and
libvirt-dbus (whole histories): none.  Helpers that call no driver (``virDomainGetConnect()``,
``virTypedParams*()``, the error functions) need no callback, procedure nor virsh; hand-written
remote functions (keepalive, ``virConnectIsEncrypted()``) need no procedure of their own.

## Origin
libvirt's ``docs/api_extension.rst`` ("Implementing a new API in libvirt"), the steps it lists
and the order it gives them; ``docs/coding-style.rst`` on documenting the public API; the
``Since:`` tags libvirt's API documentation is generated from.
"""

from patchlint.api import NOTE, WARNING, files_for, finding, module_of, proc_matches, rule

_SRC = ("src/",)


@rule("api-incomplete", severity=WARNING, family="api")
def check(patches, api):
    if not api.whole:
        return
    new = api.new_functions()
    tree = api.tree
    if tree is not None:
        words = []
        for fn in new:
            member = api.member_of(fn.name)
            words += [fn.name, member, "virDrv" + member[:1].upper() + member[1:]]
        tree.want(words)
    for fn in new:
        have, missing, optional = _steps(api, fn)
        if not missing and not optional:
            continue
        text = fn.line.text
        col = text.find(fn.name)
        lacks = _join(missing)
        if optional:
            lacks += ("; and, optionally, " if missing else "") + _join(optional)
        yield finding(fn.line, f"new API {fn.name}() lacks {lacks}; it has {_join(have)}",
                      start=col, end=col + len(fn.name),
                      severity=None if missing else NOTE,
                      suggestion="docs/api_extension.rst lists every step, each in a patch of "
                                 "its own")


def _join(items):
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _steps(api, fn):
    """What the function has, what it lacks, and which optional steps it lacks."""
    name = fn.name
    module = module_of(fn.path)
    where = files_for(module)
    have, missing, optional = ["its declaration"], [], []
    if name in api.exports or api.tree is not None and api.tree.section_of(name):
        have.append("its export")
    else:
        missing.append(f"its export in {where['syms']}")
    _implementation(api, name, where, have, missing)
    member = api.member_of(name)
    if api.needs_driver(name):
        _callback(api, member, where, have, missing)
    if api.remoted(name):
        _remote(api, name, member, module, where, have, missing)
    if module == "admin":
        return have, missing, optional
    if not api.needs_driver(name):
        return have, missing, optional      # a helper of the library itself
    drivers = sorted({d for d, _ in api.implementations(member) if d != "remote"})
    if drivers:
        have.append(f"a driver ({', '.join(drivers)})")
    elif not member.startswith("connect"):  # (the connection's own: the remote driver's)
        optional.append("a driver implementing it")
    if any(c.startswith(name) for c in api.virsh_calls):
        if api.manpage:
            have.append("virsh")
        else:
            optional.append("its entry in docs/manpages/virsh.rst")
    elif api.in_tree(name, ("tools/virsh",), r"\b{w}\s*\("):
        have.append("virsh")
    else:
        optional.append("a virsh command")
    if api.news is not None or api.in_tree(name, ("NEWS.rst",), "{w}"):
        have.append("NEWS")
    else:
        optional.append("a NEWS.rst entry")
    return have, missing, optional


def _implementation(api, name, where, have, missing):
    impl = api.impls.get(name)
    if impl is None:
        if api.in_tree(name, _SRC, r"^{w}\s*\("):
            have.append("its implementation")
        else:
            missing.append(f"its implementation in {where['impl']}")
        return
    have.append("its implementation")
    if not impl.doc:
        missing.append(f"a /** {name}: */ comment documenting it")
        return
    loose = [p for p in impl.params if p not in impl.documented]
    if loose:
        missing.append("documentation of " + ", ".join("@" + p for p in loose))
    if "flags" in impl.params:
        enum = _flags_enum(api, name)
        if enum and enum not in (impl.flags_doc or ""):
            missing.append(f"an @flags description naming {enum}")
    if not impl.since:
        missing.append("a Since: tag in its documentation")


def _flags_enum(api, name):
    """The flags enum the series adds for the function (vir<Name>Flags), if any."""
    for flag in api.new_flags():
        for enum in flag.enums:
            if enum in (name + "Flags", name + "FlagValues", name + "Flag"):
                return enum
    return None


def _callback(api, member, where, have, missing):
    typedef = "virDrv" + member[:1].upper() + member[1:]
    has_member = member in api.members or \
        api.in_tree(member, ("src/driver",), r"^\s+\w+\s+{w}\s*;")
    if member in api.members:
        typedef = api.members[member].name      # (virDrvNWFilter..., not virDrvNwfilter...)
    elif has_member:
        typedef = next(t.split()[0] for p, _, t in api.tree.grep(member)
                       if p.startswith("src/driver") and t.split()[1:2] == [member + ";"])
    has_type = typedef in api.typedefs or \
        api.in_tree(typedef, ("src/driver",), r"\(\s*\*\s*{w}\s*\)")
    if has_type and has_member:
        have.append("its driver callback")
    elif has_type:
        missing.append(f"the driver struct member {member} in {where['driver']}")
    elif has_member:
        missing.append(f"the driver callback typedef {typedef} in {where['driver']}")
    else:
        missing.append(f"the driver callback typedef {typedef} and member {member} in "
                       f"{where['driver']}")


def _remote(api, name, member, module, where, have, missing):
    prefix = where["proc"]
    procs = [(n, p) for n, p in api.new_procs().items()
             if n.startswith(prefix) and proc_matches(n, member, module)]
    if procs:
        number = procs[0][1].name
        top = api.proc_top(prefix)
        if number <= top:
            missing.append(f"a remote procedure number of its own ({number} is taken: "
                           f"the last one is {top})")
        else:
            have.append("its remote procedure")
    elif _tree_proc(api, member, module, where):
        have.append("its remote procedure")
    elif not any(f in api.remote_defs for d, f in api.implementations(member)
                 if d == "remote"):
        missing.append(f"the remote procedure in {where['protocol']}")
    if module == "admin":
        return
    remote = any(d == "remote" for d, _ in api.implementations(member))
    if remote:
        have.append("the remote driver's entry")
    else:
        missing.append("the remote driver's entry in src/remote/remote_driver.c")


def _tree_proc(api, member, module, where):
    tree = api.tree
    if tree is None:
        return False
    prefix = where["proc"]
    for line in tree.read(where["protocol"]):
        text = line.strip()
        if text.startswith(prefix):
            proc = text.split("=", 1)[0].strip()
            if proc_matches(proc, member, module):
                return True
    return False
