"""The rulebook: one module per rule; its docstring documents it and carries its examples.

A family's module (``layout.py``, ``libc.py``, ``review.py``...) declares the family,
``FAMILY = Family(id, title, rank=N)``, and holds its table of pattern rules (``PATTERNS``),
if it has one.  Installed as ``patchlint.rules``.  See ``patchlint/api.py`` for what a rule is
given, and the only module it imports from.
"""
