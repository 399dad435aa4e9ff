"""libvirt's check scripts: what its build runs over the whole tree, judged on the patch.

Besides ``make syntax-check``, libvirt's tests run scripts of its own over the sources
(``scripts/check-aclrules.py``, ``check-driverimpls.py``, ``check-drivername.py``,
``check-symsorting.py``, ``check-symfile.py``, ``check-remote-protocol.py``), and its
documentation build reads the driver tables (``scripts/hvsupport.py``).  A contributor hears of
a miss when ``meson test`` or the CI fails; these rules say it before the mail goes out, from
the patch, the series before it and, when patchlint runs inside the tree, the tree.

Each rule is a module of its own (``script_*.py``) declared with ``family="scripts"`` and a
``check_script`` key naming the script it ports (``--select check-aclrules`` picks it); this
module only declares the family.  The header checks that syntax-check runs through scripts
(``header-ifdef.py``, ``prohibit-duplicate-header.py``) are ``header-guard`` and
``duplicate-include``, in the family of headers.
"""

from patchlint.api import Family

FAMILY = Family("scripts", "libvirt's check scripts (scripts/*.py)", rank=3.6)
