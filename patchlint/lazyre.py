"""Regular expressions compiled on first use.

Compiling a pattern costs ~0.5 ms; a module-level ``re.compile`` pays that at start-up for
every pattern, used or not.  patchlint runs on every commit from a hook, so its patterns wait
until a line needs them.
"""

import re


class LazyPattern:
    """Behaves like the compiled pattern (``.match``, ``.search``, ``.finditer``, ...)."""

    # the methods rules call are kept in slots once compiled: an attribute found there costs
    # nothing, while __getattr__ (called for what is not found) costs a call on every use
    _METHODS = ("match", "search", "finditer", "findall", "fullmatch", "sub", "split")
    __slots__ = ("_pattern", "_flags", "_re") + _METHODS

    def __init__(self, pattern, flags=0):
        self._pattern = pattern
        self._flags = flags
        self._re = None

    def __getattr__(self, name):
        compiled = self._re
        if compiled is None:
            compiled = self._re = re.compile(self._pattern, self._flags)
            for method in self._METHODS:
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def lazy_re(pattern, flags=0) -> LazyPattern:
    return LazyPattern(pattern, flags)
