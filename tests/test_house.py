"""The house rules of patchlint's own code, kept by a test: no import cycle, modules of one
idea each, no reaching into another module's private names or the standard library's."""

import ast
import os

from conftest import ROOT

PKG = os.path.join(ROOT, "patchlint")
MAX_LINES = 420     # "under ~400": a module that grows past it holds two ideas


def modules():
    """{dotted name: path} of every module of the package."""
    out = {}
    for folder, _, files in os.walk(PKG):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, ROOT)[:-3].replace(os.sep, ".")
                out[rel[:-len(".__init__")] if rel.endswith(".__init__") else rel] = path
    return out


def imports(name, path):
    """[(module imported, names imported from it)] of a module, function-level ones too."""
    tree = ast.parse(open(path, encoding="utf-8").read())
    package = name if path.endswith("__init__.py") else name.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((a.name, []) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            names = [a.name for a in node.names]
            out.append((target, names))
            # "from . import report" imports a module
            out.extend((f"{target}.{n}", []) for n in names)
    return out


def graph():
    mods = modules()
    edges = {}
    for name, path in mods.items():
        edges[name] = {m for m, _ in imports(name, path) if m in mods and m != name}
    return edges


def test_no_import_cycle():
    edges = graph()
    seen, stack, cycles = set(), [], []

    def visit(n):
        if n in stack:
            cycles.append(stack[stack.index(n):] + [n])
            return
        if n in seen:
            return
        seen.add(n)
        stack.append(n)
        for m in sorted(edges[n]):
            visit(m)
        stack.pop()
    for n in sorted(edges):
        visit(n)
    assert not cycles, cycles


def test_modules_hold_one_idea_each():
    too_long = {}
    for name, path in modules().items():
        n = sum(1 for _ in open(path, encoding="utf-8"))
        if n > MAX_LINES:
            too_long[name] = n
    assert not too_long, too_long


def test_no_reach_into_private_names():
    """No module imports another's ``_private`` names, nor the standard library's private
    modules (``email._parseaddr`` ...)."""
    mods = modules()
    bad = []
    for name, path in mods.items():
        for target, names in imports(name, path):
            if any(part.startswith("_") and not part.endswith("__")
                   for part in (target or "").split(".")):
                bad.append((name, target))
            bad.extend((name, f"{target}.{n}") for n in names
                       if n.startswith("_") and not n.endswith("__"))
    assert not bad, bad
