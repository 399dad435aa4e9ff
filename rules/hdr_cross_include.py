"""A ``src/`` subdirectory includes a header of a directory above it in the layering.

## What it flags
An added ``#include "dir/header.h"`` in a file under ``src/<subdir>/`` where ``dir`` is another
of libvirt's ``src/`` directories that ``subdir`` may not include from.  Today's map: ``util``
includes only ``util``; ``access`` and ``conf`` add ``conf``; ``cpu``, ``network``,
``node_device``, ``rpc``, ``security`` and ``storage`` may use ``util``, ``conf`` and
``storage``; every other directory (the drivers) may use ``access``, ``admin``, ``conf``,
``cpu``, ``locking``, ``logging``, ``rpc``, ``security``, ``hypervisor`` and ``util``.  With
profile ``gnulib`` the 2012 map applies (``util`` alone; ``cpu``, ``locking``, ``network``,
``rpc``, ``security`` add ``conf``; ``xenapi`` and ``xenxs`` add ``xen``; the rest add
``cpu``, ``network``, ``locking``, ``rpc`` and ``security``).  A directory may always include
from itself.  System headers (``<rpc/rpc.h>``, ``<security/pam_appl.h>``) are not libvirt's and
are left alone.

## Why
libvirt's code is layered: utilities know nothing of the configuration parser, the parser
nothing of the drivers.  An include that reaches up a layer ties a lower layer to a higher one
and, sooner or later, makes a library link against code it must not depend on.

## Example
```c path=src/util/virthrottle.c
#include "conf/domain_conf.h"
```
```findings
1:11: cross-directory-include: src/util/ must not include from src/conf/ (unsafe
  cross-directory include)
```

## Use instead
```c path=src/qemu/qemu_throttle.c
#include "conf/domain_conf.h"
```

## Origin
libvirt's ``sc_prohibit_cross_inclusion`` ("unsafe cross-directory include").
"""

from patchlint.api import ERROR, finding, lazy_re, rule

# libvirt's src/ subdirectories, past and present.
SRC_DIRS = frozenset("""access admin bhyve ch conf cpu cpu_map esx hyperv hypervisor interface
    keycodemapdb libxl locking logging lxc network node_device nwfilter openvz phyp qemu
    remote rpc secret security storage storage_file test uml util vbox vmware vmx vz xen
    xenapi xenconfig xenxs parallels""".split())

_GLIB_MID = ("access", "admin", "conf", "cpu", "locking", "logging", "rpc", "security",
             "hypervisor", "util")
_GNULIB_MID = ("util", "conf", "cpu", "network", "locking", "rpc", "security")


def allowed(subdir, profile):
    """The directories a file of ``src/<subdir>/`` may include from."""
    if profile == "gnulib":
        if subdir == "util":
            return {"util"}
        if subdir in ("cpu", "locking", "network", "rpc", "security"):
            return {subdir, "util", "conf"}
        if subdir in ("xenapi", "xenxs"):
            return {subdir, "util", "conf", "xen"}
        return {subdir, *_GNULIB_MID}
    if subdir == "util":
        return {"util"}
    if subdir in ("access", "conf"):
        return {subdir, "conf", "util"}
    if subdir in ("cpu", "network", "node_device", "rpc", "security", "storage"):
        return {subdir, "util", "conf", "storage"}
    return {subdir, *_GLIB_MID}


_INCLUDE = lazy_re(r"^#\s*include\s*\"([A-Za-z_]\w*)/")


@rule("cross-directory-include", severity=ERROR, files=("src/*",), needs=("include",),
      syntax_check="sc_prohibit_cross_inclusion", family="comments")
def check(line, config):
    m = _INCLUDE.match(line.text)
    if not m or m.group(1) not in SRC_DIRS:
        return
    parts = line.file.path.split("/")
    if len(parts) < 3:
        return                          # src/libvirt.c and the like: no layer of their own
    subdir = parts[1]
    ok = allowed(subdir, config.profile)
    if m.group(1) in ok:
        return
    yield finding(line, f"src/{subdir}/ must not include from src/{m.group(1)}/ "
                        "(unsafe cross-directory include)",
                  start=m.start(1), end=m.end(1),
                  suggestion=f"src/{subdir}/ may include from "
                             f"{', '.join(sorted(ok - {subdir}))} and itself; move the code "
                             "or what it needs to the right layer")
