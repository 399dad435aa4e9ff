"""A change to an RPC protocol's structures without the matching change to its ``-structs`` file.

## What it flags
A patch that changes what an RPC protocol definition (``src/remote/remote_protocol.x``,
``qemu_protocol.x``, ``lxc_protocol.x``, ``src/admin/admin_protocol.x``, the lock daemon's,
the LXC monitor's, the RPC layer's own) puts on the wire, a struct, union or enum (a new
procedure number included), while it leaves the file libvirt keeps the compiled form of those
structures in (``src/remote_protocol-structs`` and its siblings) alone.  Comments, ``const``
and ``typedef`` lines, ``%`` pass-through lines, changes of white space and an enum's values
written out where they were implicit (``FOO`` become ``FOO = 0``) change no structure.  The
finding is on the first line of the protocol that changes.

## Why
The ``-structs`` files are the protocol's ABI written down: libvirt's tests compile the
protocol, print its structures with ``pdwtags`` and compare them with the file
(``scripts/check-remote-protocol.py``), so that a change of the wire format is always one a
reviewer saw.  A new API adds its ``_args``/``_ret`` structures and its procedure number to
both files, in the same patch.

## Example
```diff path=src/remote/remote_protocol.x start=3975
@@ -3975,5 +3975,11 @@ struct remote_domain_event_callback_nic_mac_change_msg {
     remote_nonnull_string newMAC;
 };

+struct remote_domain_set_throttle_group_args {
+    remote_nonnull_domain dom;
+    remote_nonnull_string group;
+    unsigned int flags;
+};
+
 /*----- Protocol. -----*/

```
```findings
3978: protocol-structs: remote_protocol.x's wire structures change, but
  src/remote_protocol-structs does not: add them there as pdwtags prints them
```

## Use instead
A comment is no structure:

```diff path=src/remote/remote_protocol.x start=3975
@@ -3975,5 +3975,6 @@ struct remote_domain_event_callback_nic_mac_change_msg {
     remote_nonnull_string newMAC;
 };

+/* The throttle group APIs come below. */
 /*----- Protocol. -----*/

```

## Origin
libvirt's ``scripts/check-remote-protocol.py`` (``meson test``'s ``check-remote_protocol``
and its siblings, run where ``pdwtags`` is installed).
"""

from collections import Counter

from patchlint.api import ERROR, finding, lazy_re, rule

STRUCTS = {
    "src/remote/remote_protocol.x": "src/remote_protocol-structs",
    "src/remote/qemu_protocol.x": "src/qemu_protocol-structs",
    "src/remote/lxc_protocol.x": "src/lxc_protocol-structs",
    "src/admin/admin_protocol.x": "src/admin_protocol-structs",
    "src/locking/lock_protocol.x": "src/lock_protocol-structs",
    "src/lxc/lxc_monitor_protocol.x": "src/lxc_monitor_protocol-structs",
    "src/rpc/virnetprotocol.x": "src/virnetprotocol-structs",
    "src/rpc/virkeepaliveprotocol.x": "src/virkeepaliveprotocol-structs",
}
_NOT_STRUCTURES = ("%", "const ", "typedef ")


_ENUM_HEAD = lazy_re(r"^\s*enum\s+\w+\s*\{")
_CONSTANT = lazy_re(r"^\s*([A-Z_][A-Z0-9_]*)\s*(?:=\s*([^,]+?))?\s*,?\s*$")


def _wire(ln):
    """The line's code, white space made single, when it is part of a structure; else None."""
    if ln.text.lstrip().startswith("%"):
        return None
    code = " ".join(ln.code.split())
    if not code or code.startswith(_NOT_STRUCTURES):
        return None
    return code


def _side(lines):
    """{model line: what it puts in the structures} for one side of a hunk: its code, or, for
    an enum's constant, its name and value (counted on from the one before when implicit and
    the enum's start is in sight), as the compiled structures show them."""
    out = {}
    value = None                        # the next implicit value, when known
    for ln in lines:
        code = _wire(ln)
        if code is None:
            continue
        if _ENUM_HEAD.match(code):
            value = 0
        elif code.startswith("}"):
            value = None
        else:
            m = _CONSTANT.match(code)
            if m:
                given = m.group(2)
                if given is not None:
                    try:
                        value = int(given, 0)
                    except ValueError:
                        value = None
                        code = f"{m.group(1)} = {given}"
                if value is not None:
                    code = f"{m.group(1)} = {value}"
                    value += 1
                elif given is None:
                    code = m.group(1)
        out[id(ln)] = code
    return out


def _changed(file):
    """The first line of the file whose change reaches the structures, or None."""
    added, removed = Counter(), Counter()
    first = None
    for hunk in file.hunks:
        old = _side(hunk.old_side())
        new = _side(hunk.new_side())
        for ln in hunk.lines:
            if ln.kind == " ":
                continue
            code = (new if ln.kind == "+" else old).get(id(ln))
            if code is None:
                continue
            (added if ln.kind == "+" else removed)[code] += 1
            if first is None:
                first = ln
    if first is None or added == removed:
        return None                     # nothing, or the same structures written anew
    return first


@rule("protocol-structs", severity=ERROR, files=tuple(STRUCTS), family="scripts",
      check_script="check-remote-protocol")
def check(patch):
    touched = {fd.path for fd in patch.files} | {fd.old_path for fd in patch.files}
    for fd in patch.files:
        structs = STRUCTS.get(fd.path)
        if structs is None or structs in touched or fd.is_deleted:
            continue
        ln = _changed(fd)
        if ln is not None:
            name = fd.path.rsplit("/", 1)[-1]
            yield finding(ln, f"{name}'s wire structures change, but {structs} does not: add "
                              "them there as pdwtags prints them")
