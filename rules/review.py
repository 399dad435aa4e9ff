"""The review thread's habits: what libvirt's maintainers asked of the patch that started
patchlint, and what they ask of every patch since.

``unsigned int flags``, flags last, never drop ``virCheckFlags()``, ``1 << N`` flag values,
"bitwise-OR", US spelling in the public documentation, aligned continuation lines, no trailing
whitespace nor TAB indentation, ``usleep()`` for a plain sleep, a current copyright year, a
sign-off, a patch the mailer did not mangle and one not too big to review: each is a rule of
its own in this directory (``flags_type.py``, ``vircheckflags_dropped.py``...), declared with
``family="review"``, the default.  This module only declares the family.
"""

from patchlint.api import Family

FAMILY = Family("review", "The review thread's habits", rank=1)
