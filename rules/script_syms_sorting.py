"""A symbol added to a private ``.syms`` file out of its group's order, or a group out of place.

## What it flags
In libvirt's private symbol files (``src/libvirt_private.syms`` and the other
``src/libvirt_*.syms`` the library is linked with, ``src/admin/libvirt_admin_private.syms``),
symbols come in groups separated by blank lines, each headed by a comment naming the header
that declares them (``# util/virthrottle.h``, relative to ``src/``); the groups are sorted by
that name and the symbols of a group by theirs, both ignoring case.  Flagged:

- a symbol the patch adds out of that order among the symbols around it: the finding is on
  the added symbol and says which one it goes after (or before);
- a group the patch adds out of order with the groups around it (on its header line);
- a group header the patch adds that names a header nobody has: neither the series nor,
  inside the tree, ``src/``.

The public files (``libvirt_public.syms``, ``libvirt_qemu.syms``, ``libvirt_lxc.syms``) keep
their symbols by the release that brought them and are not sorted.  Only what the patch shows
(or the whole file, when the tree is at hand) is compared: a symbol at the edge of a hunk is
judged against the neighbour the hunk shows.

## Why
libvirt's tests run ``scripts/check-symsorting.py`` over these files and fail on a group out
of order.  Sorted groups are what keeps the file mergeable: two series adding symbols to the
same header never touch the same line unless their symbols sort together.

## Example
```diff path=src/libvirt_private.syms start=3455
@@ -3455,4 +3455,5 @@
 # util/virsysinfo.h
 virSysinfoBIOSDefFree;
 virSysinfoDefFree;
+virSysinfoBaseBoardDefClear;
 virSysinfoFormat;
```
```findings
3458:1: syms-sorting: virSysinfoBaseBoardDefClear is out of its group's order: it goes
  before virSysinfoBIOSDefFree (in util/virsysinfo.h's group, sorted ignoring case)
```

## Use instead
```diff path=src/libvirt_private.syms start=3455
@@ -3455,4 +3455,5 @@
 # util/virsysinfo.h
+virSysinfoBaseBoardDefClear;
 virSysinfoBIOSDefFree;
 virSysinfoDefFree;
 virSysinfoFormat;
```

## Origin
libvirt's ``scripts/check-symsorting.py`` (``meson test``'s ``check-symsorting``).
"""

from patchlint.api import ERROR, finding, lazy_re, match_path, post_image, rule, tree_of

RULE = "syms-sorting"
FILES = ("src/libvirt_*.syms", "src/admin/libvirt_admin_private.syms")
PUBLIC = ("src/libvirt_public.syms", "src/libvirt_qemu.syms", "src/libvirt_lxc.syms")

_HEADER = lazy_re(r"^#\s*((?:\w+/)*\w+\.h)\s*$")


class Group:
    """The lines of a group as far as they are seen: the header it is under (the last
    ``# file.h`` line above it, as libvirt's script reads it: a header with a blank line
    under it still heads the symbols after the blank), that header's model line (None when
    out of sight), and its symbols as (model line or None, name)."""

    def __init__(self, header=None, header_line=None):
        self.header = header
        self.header_line = header_line
        self.symbols = []


def _groups(seq):
    """The groups of one sequence of (model line, number, text)."""
    out = []
    cur = Group()
    for ln, _, text in seq:
        t = text.strip()
        if not t:
            out.append(cur)
            cur = Group(cur.header, cur.header_line)
            continue
        if t.startswith("#"):
            m = _HEADER.match(t)
            if m:
                cur.header, cur.header_line = m.group(1), ln
            continue
        cur.symbols.append((ln, t.rstrip(";").strip()))
    out.append(cur)
    return out


def _added(ln):
    return ln is not None and ln.kind == "+"


def _unsorted(group):
    """Findings for the added symbols of a group that break its order."""
    syms = group.symbols
    key = [name.lower() for _, name in syms]
    for k, (ln, name) in enumerate(syms):
        if not _added(ln):
            continue
        before = [j for j in range(k) if not _added(syms[j][0])]
        after = [j for j in range(k + 1, len(syms)) if not _added(syms[j][0])]
        bad = before and key[before[-1]] > key[k] or after and key[k] > key[after[0]]
        if not bad and k > 0 and _added(syms[k - 1][0]) and key[k - 1] > key[k]:
            bad = True                  # after an added symbol it should precede
        if not bad:
            continue
        others = [j for j in range(len(syms)) if j != k]
        lower = [j for j in others if key[j] <= key[k]]
        if lower:
            where = f"it goes after {syms[max(lower, key=lambda j: (key[j], j))][1]}"
        else:
            where = f"it goes before {syms[min(others, key=lambda j: (key[j], j))][1]}"
        about = f" (in {group.header}'s group, sorted ignoring case)" if group.header else \
            " (a group is sorted ignoring case)"
        same = [x for x, _ in syms if x is not None and x.hunk is ln.hunk]
        yield finding(ln, f"{name} is out of its group's order: {where}{about}",
                      start=len(ln.text) - len(ln.text.lstrip()), end=len(ln.text.rstrip()),
                      context=[(same[0], same[-1])])


def _misplaced(groups):
    """Findings for a group out of order with the one before it, as libvirt's script
    compares them (each group that holds symbols with the header in force at the blank line
    before it), reported at the header line the patch adds."""
    prev = prev_line = None
    for g in groups:
        if g.symbols and g.header and prev and prev.lower() > g.header.lower():
            if _added(g.header_line):
                yield finding(g.header_line, f"the group of {g.header} comes before that of "
                                             f"{prev}: the groups are sorted by their "
                                             "header's name")
            elif _added(prev_line):
                yield finding(prev_line, f"the group of {prev} comes after that of "
                                         f"{g.header}: the groups are sorted by their "
                                         "header's name")
        prev, prev_line = g.header, g.header_line


def _known_files(patch):
    """The files the series has so far (its patches' post-images), under ``src/``."""
    known = patch.shared.setdefault(RULE, set()) if patch.shared is not None else set()
    for fd in patch.files:
        if fd.path and fd.path.startswith("src/") and not fd.is_deleted:
            known.add(fd.path[len("src/"):])
    return known


def _nameless(groups, file):
    """Findings for an added header naming a file neither the series nor the tree has."""
    heads = {id(g.header_line): g for g in groups if _added(g.header_line)}
    if not heads:
        return
    known = _known_files(file.patch)
    tree = tree_of(file)
    for g in heads.values():
        if g.header in known or tree is None or tree.exists("src/" + g.header):
            continue
        yield finding(g.header_line, f"the group names {g.header}, which is not a file of "
                                     "src/: a group is headed by the header that declares "
                                     "its symbols")


@rule(RULE, severity=ERROR, files=FILES, exclude=PUBLIC, family="scripts",
      check_script="check-symsorting")
def check(patch):
    _known_files(patch)             # every patch's files: a later one's groups may name them
    for file in patch.files:
        if file.is_deleted or not file.hunks or not match_path(file.path, FILES) or \
                match_path(file.path, PUBLIC):
            continue
        for _, seq in post_image(file):
            groups = _groups(seq)
            for group in groups:
                yield from _unsorted(group)
            yield from _misplaced(groups)
            yield from _nameless(groups, file)
