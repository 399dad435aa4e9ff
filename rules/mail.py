"""The patch mail itself: its subject, its commit message, its authors and sign-offs, and the
series it belongs to, rather than the code it changes.

Each is a rule of its own in this directory (``mail_*.py``), declared with ``family="patch"``.
This module only declares the family.
"""

from patchlint.api import Family

FAMILY = Family("patch", "The patch mail itself", rank=8)
