"""A symbol the patch adds to a ``.syms`` file that is listed there already.

## What it flags
A symbol added to one of the files that make libvirt's version script (``src/*.syms``:
``libvirt_public.syms``, ``libvirt_private.syms`` and the other private lists; the admin
library's ``src/admin/*.syms`` make another) when the same library lists it on another line:
in the same file or another one of the patch, as far as the patch shows them, or anywhere in
those files when the tree is at hand.  A symbol moved (removed on one line, added on another)
is listed once.  The finding names the other line.

## Why
libvirt's build joins the ``.syms`` files of a library into one version script, and its tests
run ``scripts/check-symfile.py``, which fails on a symbol listed twice ("Symbol ... is listed
twice").  It happens when a symbol is added to a second group, or to the public list while a
private one still exports it.

## Example
```diff path=src/libvirt_private.syms start=3455
@@ -3455,4 +3455,5 @@
 # util/virsysinfo.h
 virSysinfoBIOSDefFree;
+virSysinfoDefFree;
 virSysinfoDefFree;
 virSysinfoFormat;
```
```findings
3457:1: syms-duplicate: virSysinfoDefFree is listed already, on line 3458
```

## Use instead
```diff path=src/libvirt_private.syms start=3455
@@ -3455,4 +3455,5 @@
 # util/virsysinfo.h
 virSysinfoBIOSDefFree;
 virSysinfoDefFree;
+virSysinfoFormat;
 virSysinfoGetHostInfo;
```

## Origin
libvirt's ``scripts/check-symfile.py`` ("listed twice").
"""

from patchlint.api import ERROR, finding, lazy_re, match_path, post_image, rule, tree_of

RULE = "syms-duplicate"
SYMS = ("src/*.syms",)
_SYMBOL = lazy_re(r"^\s*([A-Za-z_]\w*)\s*;\s*$")


def _library(path):
    """Which version script a ``.syms`` file goes into."""
    return "admin" if path.startswith("src/admin/") else "libvirt"


def _listed(texts):
    for no, text in texts:
        m = _SYMBOL.match(text)
        if m and m.group(1) not in ("global", "local"):
            yield no, m.group(1)


def _shown(patch):
    """{library: {symbol: [(path, line number, model line or None)]}} of what the patch's
    ``.syms`` files list in the lines it shows (all of each file when it is known whole)."""
    out = {}
    for fd in patch.files:
        if fd.is_deleted or not fd.hunks or not match_path(fd.path, SYMS):
            continue
        lib = out.setdefault(_library(fd.path), {})
        for _, seq in post_image(fd):
            lines = {no: ln for ln, no, _ in seq}
            for no, sym in _listed((no, text) for _, no, text in seq):
                lib.setdefault(sym, []).append((fd.path, no, lines[no]))
    return out


def _tree_lists(patch, libs):
    """Add to ``libs`` what the tree's other ``.syms`` files of those libraries list."""
    tree = tree_of(patch)
    if tree is None:
        return
    changed = {fd.path for fd in patch.files}
    for directory, lib in (("src", "libvirt"), ("src/admin", "admin")):
        if lib not in libs:
            continue
        for base in tree.listdir(directory):
            path = f"{directory}/{base}"
            if not base.endswith(".syms") or path in changed:
                continue
            for sym, no in _tree_listing(tree, path):
                libs[lib].setdefault(sym, []).append((path, no, None))


_LISTINGS = {}


def _tree_listing(tree, path):
    """[(symbol, line number)] of a tree's ``.syms`` file, read once while it is unchanged."""
    texts = tree.read(path) or []
    key = (tree.root, path)
    got = _LISTINGS.get(key)
    if got is None or got[0] is not texts:
        got = _LISTINGS[key] = (texts, [(sym, no) for no, sym in _listed(enumerate(texts, 1))])
    return got[1]


def _where(path, no, own):
    return f"on line {no}" if path == own else f"in {path}, line {no}"


@rule(RULE, severity=ERROR, files=SYMS, family="scripts", check_script="check-symfile")
def check(patch):
    libs = _shown(patch)
    if not any(ln is not None and ln.kind == "+" for lib in libs.values()
               for places in lib.values() for _, _, ln in places):
        return
    _tree_lists(patch, libs)
    for lib in libs.values():
        for sym, places in lib.items():
            if len(places) < 2:
                continue
            added = [p for p in places if p[2] is not None and p[2].kind == "+"]
            for path, _, ln in places:
                if ln is None or ln.kind != "+":
                    continue
                if len(added) == len(places) and ln is added[0][2]:
                    continue            # added twice: the second is the one to drop
                other = next((p, n) for p, n, o in places if o is not ln)
                start = ln.text.index(sym)
                yield finding(ln, f"{sym} is listed already, {_where(*other, path)}",
                              start=start, end=start + len(sym))
