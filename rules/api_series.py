"""A new API, done completely: the steps of libvirt's ``docs/api_extension.rst`` judged over a
whole series.

Adding a public function to libvirt takes a fixed set of steps, one patch each: the
declaration in a public header and its export in a new ``.syms`` version section, the driver
callback, the implementation with its documentation and ``Since:`` tag, the remote protocol,
virsh, and each driver.  A reviewer traces them across files and patches; these rules do it
from the series' API model (``patchlint/apimodel.py``), with the git tree when patchlint runs
inside it: ``api-incomplete`` (a step missing), ``api-version-mismatch`` (the steps name
different releases) and ``flag-not-accepted`` (a new flag no driver lets through).  Each is a
rule of its own in this directory, declared with ``family="api"``; this module only declares
the family.
"""

from patchlint.api import Family

FAMILY = Family("api", "A new API, step by step (docs/api_extension.rst)", rank=1.5)
