"""A rule's docstring is its documentation; its examples are patches its tests run.

Sections are markdown ``## Heading`` blocks.  Fenced blocks under ``## Example`` are patches the
rule must flag; those under ``## Use instead`` must pass.  A fence's info string names the kind
of text and may give a path and a first line number::

    ```c path=src/qemu/qemu_driver.c        every line is added to a new file
    ```diff path=src/libvirt.c start=120    lines keep their ' ', '+', '-' prefixes
    ```mail                                 a whole patch mail (or mbox), as is
    ```mail diff=stand-in                   ... each patch mail given a one-line diff

A rule about the mail itself (its subject, its sign-offs, the series) shows its mails without a
diff, marked ``diff=stand-in``; the test reads each mail that is not a cover letter with a
one-line change appended after its ``---``.  A bad example may say how many findings it gives
with ``expect=N`` (default: at least one).
"""

from __future__ import annotations

import re

from .lazyre import lazy_re

_FENCE_RE = lazy_re(r"^```(\w*)(.*)$")


class Example:
    """One fenced example of a rule's docstring: bad (``good`` False) or good."""

    def __init__(self, rule, good, kind, text, path, start, expect, number, stand_in=False):
        self.stand_in = stand_in
        self.rule = rule
        self.good = good
        self.kind = kind
        self.text = text
        self.path = path
        self.start = start
        self.expect = expect
        self.number = number

    @property
    def name(self):
        return f"{self.rule}-{'good' if self.good else 'bad'}-{self.number}"


def sections(doc: str) -> dict:
    """{heading: text} for a docstring; the summary paragraph is under ''."""
    out = {"": []}
    cur = ""
    for line in _dedent(doc).splitlines():
        m = re.match(r"^##\s+(.*?)\s*$", line)
        if m:
            cur = m.group(1)
            out[cur] = []
        else:
            out[cur].append(line)
    return {k: "\n".join(v).strip("\n") for k, v in out.items()}


def _dedent(doc):
    """Like inspect.cleandoc, but TABs stay TABs (examples may need them)."""
    lines = (doc or "").split("\n")
    indents = [len(ln) - len(ln.lstrip(" ")) for ln in lines[1:] if ln.strip()]
    margin = min(indents) if indents else 0
    lines = [lines[0].strip()] + [ln[margin:] for ln in lines[1:]]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def default_path(spec) -> str:
    from .api import match_path
    for candidate in ("src/util/virexample.c", "docs/example.rst", "README", "example.txt"):
        if match_path(candidate, spec.files) and not match_path(candidate, spec.exclude):
            return candidate
    pat = spec.files[0]
    return pat.replace("*", "example")


def examples(spec) -> list:
    out = []
    secs = sections(spec.doc)
    for heading, good in (("Example", False), ("Use instead", True)):
        text = secs.get(heading, "")
        number = 0
        block = None
        for line in text.splitlines():
            m = _FENCE_RE.match(line.strip())
            if block is None and m and line.strip().startswith("```"):
                attrs = dict(re.findall(r"(\w+)=(\S+)", m.group(2)))
                block = {"kind": m.group(1) or "c", "attrs": attrs, "lines": []}
                indent = len(line) - len(line.lstrip())
                block["indent"] = indent
                continue
            if block is not None and line.strip() == "```":
                number += 1
                attrs = block["attrs"]
                out.append(Example(
                    rule=spec.id, good=good, kind=block["kind"],
                    text="\n".join(block["lines"]) + "\n",
                    path=attrs.get("path", default_path(spec)),
                    start=int(attrs.get("start", 1)),
                    expect=int(attrs["expect"]) if "expect" in attrs else None,
                    number=number, stand_in=attrs.get("diff") == "stand-in"))
                block = None
                continue
            if block is not None:
                ind = block["indent"]
                block["lines"].append(line[ind:] if line[:ind].strip() == "" else line)
    return out


_STAND_IN = ("diff --git a/src/util/virexample.c b/src/util/virexample.c\n"
             "--- a/src/util/virexample.c\n+++ b/src/util/virexample.c\n"
             "@@ -10,2 +10,3 @@\n int a;\n+int b;\n int c;\n")
_MBOX_FROM = lazy_re(r"(?m)^(?=From [0-9a-f]{40} )")
_COVER = lazy_re(r"(?m)^Subject:.*\b0/\d+\]")


def _with_stand_in_diffs(text):
    """``text`` (a mail or an mbox) with a one-line diff at the end of each patch mail that
    has none (a cover letter keeps none)."""
    out = []
    for mail in _MBOX_FROM.split(text):
        if mail.strip() and "\ndiff --git " not in mail and not _COVER.search(mail):
            mail = mail.rstrip("\n") + "\n"
            if not mail.endswith("---\n"):
                mail += "\n"           # after a diffstat, a blank line before the diff
            mail += _STAND_IN + "\n"
        out.append(mail)
    return "".join(out)


def example_bytes(ex: Example) -> bytes:
    """The example as a patch patchlint can read."""
    if ex.kind in ("mail", "patch", "mbox"):
        text = _with_stand_in_diffs(ex.text) if ex.stand_in else ex.text
        return text.encode("utf-8")
    if ex.kind == "diff":
        body = ex.text.splitlines()
    else:
        body = ["+" + ln for ln in ex.text.splitlines()]
    path = ex.path
    out = [f"diff --git a/{path} b/{path}"]
    new_file = ex.kind != "diff"
    if new_file:
        out += ["new file mode 100644", "index 0000000..1111111", "--- /dev/null"]
    else:
        out += ["index 1111111..2222222 100644", f"--- a/{path}"]
    out.append(f"+++ b/{path}")
    hunks = [[]]
    for ln in body:
        if ln.startswith("@@"):
            hunks.append([ln])
        else:
            hunks[-1].append(ln)
    old = new = ex.start
    for h in hunks:
        if not h:
            continue
        if h[0].startswith("@@"):
            m = re.match(r"@@ -(\d+)(?:,\d+)? \+(\d+)", h[0])
            old, new = int(m.group(1)), int(m.group(2))
            section = h[0].split("@@", 2)[-1]
            h = h[1:]
        else:
            section = ""
        lines = [ln if ln[:1] in (" ", "+", "-", "\\") else " " + ln for ln in h]
        n_old = sum(1 for ln in lines if ln[:1] in " -")
        n_new = sum(1 for ln in lines if ln[:1] in " +")
        o = 0 if new_file else old
        out.append(f"@@ -{o},{n_old} +{new},{n_new} @@{section}")
        out.extend(lines)
        old += n_old
        new += n_new
    return ("\n".join(out) + "\n").encode("utf-8")
