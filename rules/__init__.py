"""The rulebook: one module per rule; its docstring documents it and carries its examples.

Installed as ``patchlint.rules``.  See ``patchlint/api.py`` for what a rule is given.
"""
