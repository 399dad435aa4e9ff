"""The steps of a new API name different releases, or an old one.

## What it flags
For a public function the series adds, the release each step names: the version section of
the ``.syms`` file that exports it (``LIBVIRT_10.8.0``), the ``Since: 10.8.0`` tag of its
documentation, and the ``/* 10.8.0 */`` comment of each driver-table entry the series adds for
it (libvirt's ``hvsupport.py`` builds the driver support matrix from those comments).  They
must name the same release; the line that disagrees with the others is reported (the
``Since:`` line, a table entry, the export).  A driver entry may name a later release than the
API (a driver implementing an older API later carries its own version), never an earlier one.

The export is reported when it goes into a section of an earlier release than the rest of the
API says, or, inside a libvirt git tree, than the release ``meson.build`` says is being made: a
released section never changes.  A new section must inherit the section above it
(``LIBVIRT_10.8.0 { ... } LIBVIRT_10.2.0;``).

Inside the tree, when the series is based on the tree's current ``HEAD``, the steps of a new
API, and the table entries a series adds for an existing API, must not name a release older
than ``meson.build``'s version (a series written before the last release and not updated
since); nor may a table entry name a release older than its API's own ``.syms`` section.  A
series that changes ``meson.build``'s version itself (a release, or a diff between two
releases) is not held to the tree's version.

## Why
The version sections of the ``.syms`` files are libvirt's ABI: an application built against a
newer libvirt refuses to load an older one because it asks for the symbol's version.  Adding a
symbol to a section that has been released makes that check lie.  The ``Since:`` tags are what
the API reference tells developers, and the table comments are what the support matrix on
libvirt.org says; a stale version in any of them is a bug report waiting to happen, and
reviewers ask for it on nearly every new API ("this will be 10.8.0 now").

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
@@ -6524,4 +6524,6 @@ int virDomainGraphicsReload(virDomainPtr domain,
                             unsigned int type,
                             unsigned int flags);

+int virDomainBlockJobWait(virDomainPtr dom);
+
 #endif /* LIBVIRT_DOMAIN_H */
diff --git a/src/libvirt-domain.c b/src/libvirt-domain.c
--- a/src/libvirt-domain.c
+++ b/src/libvirt-domain.c
@@ -14079,3 +14079,17 @@ virDomainGraphicsReload(virDomainPtr domain,
     virDispatchError(domain->conn);
     return -1;
 }
+
+/**
+ * virDomainBlockJobWait:
+ * @dom: pointer to domain object
+ *
+ * Wait for the block job on @dom to end.
+ *
+ * Since: 10.7.0
+ */
+int
+virDomainBlockJobWait(virDomainPtr dom)
+{
+    return -1;
+}
diff --git a/src/libvirt_public.syms b/src/libvirt_public.syms
--- a/src/libvirt_public.syms
+++ b/src/libvirt_public.syms
@@ -948,4 +948,9 @@ LIBVIRT_10.2.0 {
         virDomainGraphicsReload;
 } LIBVIRT_10.1.0;

+LIBVIRT_10.8.0 {
+    global:
+        virDomainBlockJobWait;
+} LIBVIRT_10.2.0;
+
 # .... define new API here using predicted next version number ....
```
```findings
src/libvirt-domain.c:14089:4: api-version-mismatch: virDomainBlockJobWait() says
  Since: 10.7.0, but src/libvirt_public.syms exports it in LIBVIRT_10.8.0
```

## Use instead
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
@@ -6524,4 +6524,6 @@ int virDomainGraphicsReload(virDomainPtr domain,
                             unsigned int type,
                             unsigned int flags);

+int virDomainBlockJobWait(virDomainPtr dom);
+
 #endif /* LIBVIRT_DOMAIN_H */
diff --git a/src/libvirt-domain.c b/src/libvirt-domain.c
--- a/src/libvirt-domain.c
+++ b/src/libvirt-domain.c
@@ -14079,3 +14079,17 @@ virDomainGraphicsReload(virDomainPtr domain,
     virDispatchError(domain->conn);
     return -1;
 }
+
+/**
+ * virDomainBlockJobWait:
+ * @dom: pointer to domain object
+ *
+ * Wait for the block job on @dom to end.
+ *
+ * Since: 10.8.0
+ */
+int
+virDomainBlockJobWait(virDomainPtr dom)
+{
+    return -1;
+}
diff --git a/src/libvirt_public.syms b/src/libvirt_public.syms
--- a/src/libvirt_public.syms
+++ b/src/libvirt_public.syms
@@ -948,4 +948,9 @@ LIBVIRT_10.2.0 {
         virDomainGraphicsReload;
 } LIBVIRT_10.1.0;

+LIBVIRT_10.8.0 {
+    global:
+        virDomainBlockJobWait;
+} LIBVIRT_10.2.0;
+
 # .... define new API here using predicted next version number ....
```

## Measured
libvirt v10.7.0's whole tree read as one new-file patch: 42 warnings, every one a real
disagreement of libvirt's own data, most of them from its first years: the storage driver's
table says 0.4.0 for 30 APIs ``src/libvirt_public.syms`` exports in ``LIBVIRT_0.4.1`` or later;
five drivers date ``domainCreateXML`` before the API took that name in 0.5.0; three entries
(``virNodeDeviceLookupSCSIHostByWWN``, ``virStoragePoolListAllVolumes``) are a release early;
``virDomainBlockPeek()`` and ``virDomainMemoryPeek()`` say ``Since: 0.4.3`` but are exported in
``LIBVIRT_0.4.2``; and two ABI slips of the kind this rule is for: ``virDomainSetBlockThreshold``
exported in ``LIBVIRT_3.1.0`` with ``Since: 3.2.0``, ``virAdmServerUpdateTlsFiles`` (6.2.0)
exported in ``LIBVIRT_ADMIN_2.0.0``.  The releases' changes and their ``.syms`` commits as a
series: none.  libvirt-glib and libvirt-dbus: none.

## Origin
The head comment of libvirt's ``src/libvirt_public.syms`` (versions are fixed to the release
that introduced a symbol), ``docs/api_extension.rst``, the ``Since:`` tags of the API
documentation and ``scripts/hvsupport.py``, which reads the driver tables' comments.
"""

from collections import Counter

from patchlint.api import WARNING, finding, rule, version

_DOTTED = r"(\d+\.\d+\.\d+)"


@rule("api-version-mismatch", severity=WARNING, family="api")
def check(patches, api):
    tree = api.tree
    dev = None
    if tree is not None and api.meson is None and tree.current():
        dev = tree.version()
    done = set()
    for fn in api.new_functions():
        if not fn.name.startswith("virAdm"):
            done.add(api.member_of(fn.name))
        yield from _function(api, fn.name, dev)
    yield from _sections(api)
    if tree is not None:
        yield from _old_apis(api, tree, dev, done)


def _section_version(section):
    return section.rsplit("_", 1)[-1] if section else None


def _function(api, name, dev):
    export = api.exports.get(name)
    impl = api.impls.get(name)
    entries = [] if name.startswith("virAdm") else \
        [e for e in api.new_entries(api.member_of(name)) if e.version]
    remote = [e for e in entries if e.driver == "remote"]
    drivers = [e for e in entries if e.driver != "remote"]
    exported = _section_version(export.section) if export is not None else None
    new_section = export is not None and export.section in api.sections
    votes = Counter()
    if exported:
        votes[exported] += 2 if new_section else 1
    if impl is not None and impl.since:
        votes[impl.since] += 1
    if not votes:
        for e in remote:        # (the remote driver came later than the oldest APIs)
            votes[e.version] += 1
    if not votes:
        return
    ref = max(votes, key=lambda v: (votes[v], version(v)))
    said = _who(export, impl, remote, ref)
    if exported and exported != ref:
        if not new_section and version(exported) < version(ref):
            yield finding(export.line, f"{name} is exported in {export.section}, a section of "
                                       f"an earlier release, but {said}",
                          suggestion=f"export it in a new LIBVIRT_{ref} section that "
                                     "inherits the last one: a released section never changes")
        else:
            yield finding(export.line, f"{name} is exported in {export.section}, but {said}")
    elif exported and dev and not new_section and version(exported) < dev:
        yield finding(export.line, f"{name} is exported in {export.section}, but the tree "
                                   f"is making {_dotted(dev)} (meson.build): that section is "
                                   "released", suggestion="export it in a new section")
        return
    if impl is not None and impl.since and impl.since != ref:
        col = impl.since_line.text.find("Since")
        yield finding(impl.since_line, f"{name}() says Since: {impl.since}, but {said}",
                      start=col, end=col + len("Since: ") + len(impl.since))
    for e in drivers + remote:
        if version(e.version) < version(ref):
            yield _entry(e, f"the {e.driver} driver's entry for {name}() says {e.version}, "
                            f"older than the API itself ({ref})")
    if dev and version(ref) < dev and (not exported or exported == ref):
        where = export.line if export is not None else impl.since_line if impl is not None \
            and impl.since_line is not None else None
        if where is not None:
            yield finding(where, f"{name}() is dated {ref}, but the tree is making "
                                 f"{_dotted(dev)} (meson.build)")


def _who(export, impl, remote, ref):
    """Which step names the reference version, for a message: the export first."""
    if export is not None and _section_version(export.section) == ref:
        return f"{export.path} exports it in {export.section}"
    if impl is not None and impl.since == ref:
        return f"its Since: tag says {ref}"
    if remote and remote[0].version == ref:
        return f"the remote driver's entry says {ref}"
    return f"the rest of the API says {ref}"


def _entry(e, message):
    text = e.line.text
    col = text.find("/*")
    return finding(e.line, message, start=col if col >= 0 else None,
                   end=len(text.rstrip()) if col >= 0 else None)


def _dotted(v):
    return ".".join(map(str, v))


def _sections(api):
    for section in api.sections.values():
        if section.inherits and section.previous and section.inherits != section.previous \
                and section.closing is not None:
            yield finding(section.closing, f"{section.name} inherits {section.inherits}, but "
                                           f"the section above it is {section.previous}")


def _old_apis(api, tree, dev, done):
    """Table entries the series adds for APIs it does not add: their version against the
    API's own (its .syms section in the tree) and against the tree's."""
    for member in api.entries:
        if member in done:
            continue
        name = "vir" + member[:1].upper() + member[1:]
        section = tree.section_of(name)
        since = version(_section_version(section)) if section else None
        for e in api.new_entries(member):
            got = version(e.version)
            if got is None:
                continue
            if since and got < since:
                yield _entry(e, f"the {e.driver} driver's entry for {name}() says {e.version}, "
                                f"older than the API itself ({section})")
            elif dev and got < dev:
                yield _entry(e, f"the {e.driver} driver's entry for {name}() says {e.version}, "
                                f"but the tree is making {_dotted(dev)} (meson.build)")
