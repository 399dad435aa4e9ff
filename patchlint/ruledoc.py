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
one-line change appended after its ``---``.

Each bad example is followed by a ``findings`` block, what patchlint reports on it, which the
test holds it to exactly (a finding missing, added or worded otherwise fails)::

    ```findings
    2:25: flags-type: `flags` is declared `int`; libvirt passes flags as `unsigned int`
        fix: "int" -> "unsigned int"
    ```

One finding a line, ``WHERE: RULE: MESSAGE``.  WHERE is ``LINE:COLUMN`` in the example's file
(``LINE`` alone when the finding has no column); in a mail it starts with the file's path, and
a finding about the mail as a whole has no WHERE.  An example of several mails puts ``mail N:``
first.  RULE is followed by the finding's severity in parentheses when that is not the rule's
own (``us-spelling (warning): ...``).  A certain fix comes on the next line, indented:
``fix: TEXT -> REPLACEMENT``, the text it replaces and what replaces it, as JSON strings.  A
line too long for a docstring goes on after a single blank on lines indented two blanks more
(:func:`wrapped`).  A sample's expectations (``samples/NAME.expected``) use the same lines,
with a fixed WHERE, ``MAIL:PATH:LINE:COLUMN``, ``-`` for what a finding has not
(:func:`sample_lines`).
"""

from __future__ import annotations

import json
import re
from collections import namedtuple

from .api import match_path
from .lazyre import lazy_re

_FENCE_RE = lazy_re(r"^```(\w*)(.*)$")


class Example:
    """One fenced example of a rule's docstring: bad (``good`` False) or good.  A bad one
    carries the lines of the ``findings`` block that follows it (None when it has none)."""

    def __init__(self, rule, good, kind, text, path, start, number, stand_in=False):
        self.stand_in = stand_in
        self.rule = rule
        self.good = good
        self.kind = kind
        self.text = text
        self.path = path
        self.start = start
        self.number = number
        self.findings = None

    @property
    def name(self):
        return f"{self.rule}-{'good' if self.good else 'bad'}-{self.number}"

    @property
    def is_mail(self):
        return self.kind in ("mail", "patch", "mbox")

    @property
    def mails(self) -> int:
        """How many patch mails the example holds (an mbox: one per ``From <commit>`` line)."""
        return max(1, len(_MBOX_FROM.findall(self.text))) if self.is_mail else 1


def sections(doc: str) -> dict:
    """{heading: text} for a docstring; the summary paragraph is under ''."""
    out = {"": []}
    cur = ""
    for line in dedent(doc).splitlines():
        m = re.match(r"^##\s+(.*?)\s*$", line)
        if m:
            cur = m.group(1)
            out[cur] = []
        else:
            out[cur].append(line)
    return {k: "\n".join(v).strip("\n") for k, v in out.items()}


def dedent(doc):
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
    for candidate in ("src/util/virexample.c", "docs/example.rst", "README", "example.txt"):
        if match_path(candidate, spec.files) and not match_path(candidate, spec.exclude):
            return candidate
    pat = spec.files[0]
    return pat.replace("*", "example")


def examples(spec) -> list:
    """The fenced examples of a rule's docstring, each bad one with its findings block."""
    out = []
    secs = sections(spec.doc)
    for heading, good in (("Example", False), ("Use instead", True)):
        number = 0
        for kind, attrs, lines in _fences(secs.get(heading, "")):
            if kind == "findings":
                if good or not out or out[-1].good or out[-1].findings is not None:
                    raise ValueError(f"{spec.id}: a findings block must follow a bad example")
                out[-1].findings = lines
                continue
            number += 1
            out.append(Example(
                rule=spec.id, good=good, kind=kind or "c", text="\n".join(lines) + "\n",
                path=attrs.get("path", default_path(spec)),
                start=int(attrs.get("start", 1)),
                number=number, stand_in=attrs.get("diff") == "stand-in"))
    return out


def _fences(text):
    """(kind, {attribute: value}, lines) of each fenced block of ``text``, in order."""
    block = None
    for line in text.splitlines():
        m = _FENCE_RE.match(line.strip())
        if block is None and m and line.strip().startswith("```"):
            indent = len(line) - len(line.lstrip())
            block = (m.group(1), dict(re.findall(r"(\w+)=(\S+)", m.group(2))), [], indent)
        elif block is not None and line.strip() == "```":
            yield block[:3]
            block = None
        elif block is not None:
            ind = block[3]
            block[2].append(line[ind:] if line[:ind].strip() == "" else line)


# -- what a finding looks like in an expectation ------------------------------------------------

# What a user sees of a finding, all an expectation pins: the mail (1-based index in the
# input), path, line and column (1-based) it is at (None where it has none), its rule,
# severity and message, and for a certain fix the text it replaces and what replaces it.
Reported = namedtuple("Reported", "mail path line column rule severity message "
                                  "replaced replacement")


def reported(f) -> Reported:
    """A finding record (:class:`~patchlint.results.FindingInfo`) as a user sees it."""
    replaced = None
    if f.replacement is not None:
        replaced = f.text[f.start:f.end] if f.text is not None and f.start is not None \
            else ""
    return Reported(f.patch, f.path, f.line, f.column, f.rule, f.severity, f.message,
                    replaced, f.replacement)


def finding_lines(r, where, default_severity) -> list:
    """``WHERE: RULE: MESSAGE`` (see the module's docstring), then the fix when it has one."""
    sev = f" ({r.severity})" if r.severity != default_severity else ""
    out = [f"{where + ': ' if where else ''}{r.rule}{sev}: {r.message}"]
    if r.replacement is not None:
        out.append(f"    fix: {_json(r.replaced)} -> {_json(r.replacement)}")
    return out


def _json(text):
    return json.dumps(text, ensure_ascii=False)


def example_lines(r, ex, default_severity) -> list:
    """A finding (:class:`Reported`) of example ``ex`` as expectation lines."""
    where = []
    if ex.is_mail and r.path is not None:
        where.append(r.path)
    if r.line is not None:
        where.append(str(r.line))
        if r.column is not None:
            where.append(str(r.column))
    where = ":".join(where)
    if ex.mails > 1:
        where = f"mail {r.mail}: {where}" if where else f"mail {r.mail}"
    return finding_lines(r, where, default_severity)


def sample_lines(r, default_severity) -> list:
    """A finding (:class:`Reported`) of a sample as expectation lines:
    ``MAIL:PATH:LINE:COLUMN: RULE: MESSAGE``."""
    where = ":".join("-" if v is None else str(v) for v in (r.mail, r.path, r.line, r.column))
    return finding_lines(r, where, default_severity)


def entries(lines) -> list:
    """Expectation lines as findings, sorted (the findings of an input, whatever order a
    reporter gives them in): each a tuple of its line and its ``fix:`` line, a long line's
    continuations joined back to it."""
    out = []
    for line in lines:
        text = line.strip()
        if line[:1] in (" ", "\t") and out:
            if text.startswith("fix: "):
                out[-1].append(text)
            else:
                out[-1][-1] += " " + text           # a long line, wrapped
        elif text:
            out.append([text])
    return sorted(tuple(e) for e in out)


def wrapped(lines, width=99) -> list:
    """Expectation lines wrapped at ``width`` columns, for a docstring: a long line goes on,
    at a single space, on lines indented two more blanks than its own."""
    out = []
    for line in lines:
        indent = len(line) - len(line.lstrip())
        first = True
        while len(line) > width:
            cut = line.rfind(" ", indent + 1, width + 1)
            while cut > indent and (line[cut - 1] == " " or line[cut + 1:cut + 2] == " "):
                cut = line.rfind(" ", indent + 1, cut)  # (only a single blank is given back)
            if cut <= indent:
                break
            out.append(line[:cut])
            line = " " * (indent + 2 if first else indent) + line[cut + 1:]
            if first:
                indent += 2
                first = False
        out.append(line)
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
