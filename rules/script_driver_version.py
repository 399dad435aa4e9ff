"""A new driver-table entry without the ``/* x.y.z */`` comment naming the release it came in.

## What it flags
An entry the patch adds to a table of driver methods (``virHypervisorDriver``,
``virNetworkDriver``, ``virStorageDriver``... the types of ``src/driver-*.h``) whose line does
not end with the version comment libvirt puts on every one: ``/* 10.8.0 */`` after the
comma, the release that first ships the method in that driver.  A comment that is not a
version (``/* TBD */``, ``/* since 10.8.0 */``) is flagged as well.  A slot kept ``NULL`` for a
method a driver dropped carries both releases, ``/* 0.6.4 - 5.5.0 */``; a ``NULL`` without
them, or a function with them, is flagged too.  ``.name``, ``.no`` and ``.connectURIProbe``
(which no public API calls) need none; the state driver's table and the connect driver's
(``virStateDriver``, ``virConnectDriver``) are not method tables.  The finding is on the entry.

## Why
libvirt's documentation build runs ``scripts/hvsupport.py`` over these tables: the comment is
where the "API support matrix" of libvirt.org learns which release of which driver implements
which API.  An entry without it stops the build ("Method ... is missing version"); one with a
comment the script can't read is skipped without a word, and the method disappears from the
matrix (v10.7.0's bhyve driver has such a ``/* TBD */``).  Whether the release is the right
one is ``api-version-mismatch``'s question.

## Example
```diff path=src/qemu/qemu_driver.c start=20308
@@ -20308,3 +20308,4 @@ static virHypervisorDriver qemuHypervisorDriver = {
     .domainFDAssociate = qemuDomainFDAssociate, /* 9.0.0 */
     .domainGraphicsReload = qemuDomainGraphicsReload, /* 10.2.0 */
+    .domainSetThrottleGroup = qemuDomainSetThrottleGroup,
 };
```
```findings
20310:5: driver-version-comment: the new entry .domainSetThrottleGroup has no version comment:
  end it with /* x.y.z */, the release that brings it
```

## Use instead
```diff path=src/qemu/qemu_driver.c start=20308
@@ -20308,3 +20308,4 @@ static virHypervisorDriver qemuHypervisorDriver = {
     .domainFDAssociate = qemuDomainFDAssociate, /* 9.0.0 */
     .domainGraphicsReload = qemuDomainGraphicsReload, /* 10.2.0 */
+    .domainSetThrottleGroup = qemuDomainSetThrottleGroup, /* 10.8.0 */
 };
```

## Origin
libvirt's ``scripts/hvsupport.py``, which builds the support matrix of its documentation
from these comments, and ``docs/api_extension.rst``.
"""

from patchlint.api import ERROR, METHOD_TABLES, driver_tables, finding, lazy_re, rule

_VERSION = lazy_re(r"^/\*\s*(\d+\.\d+\.\d+)\s*(?:-\s*(\d+\.\d+\.\d+)\s*)?\*/$")
_NO_VERSION = ("name", "no", "connectURIProbe")


def _problem(entry):
    """What is wrong with an entry's version comment, or None."""
    rest = entry.rest
    if not rest:
        return (f"the new entry .{entry.field} has no version comment: end it with "
                "/* x.y.z */, the release that brings it")
    m = _VERSION.match(rest)
    if m is None:
        return (f"{rest} is not a version hvsupport.py can read: write the release that "
                "brings the method, /* x.y.z */")
    if entry.value == "NULL" and m.group(2) is None:
        return (f"a NULL .{entry.field} is a method the driver dropped: give both releases, "
                "/* added - removed */")
    if entry.value != "NULL" and m.group(2) is not None:
        return (f".{entry.field} names a function, so the driver has the method: "
                "one release only, /* x.y.z */")
    return None


@rule("driver-version-comment", severity=ERROR, files=("src/*.c",), family="scripts",
      check_script="hvsupport")
def check(file):
    for table in driver_tables(file):
        if table.type not in METHOD_TABLES:
            continue
        for entry in table.entries:
            if not entry.added or entry.field in _NO_VERSION:
                continue
            message = _problem(entry)
            if message is not None:
                start = entry.text.index(".")
                yield finding(entry.line, message, start=start,
                              end=len(entry.text.rstrip()))
