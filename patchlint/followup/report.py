"""The follow-up's outputs on a terminal or for tools: ``full`` (annotated, grouped per
patch), ``concise`` (one line per item) and ``json`` (CONTRACT.md's array).  Each reads the
records of :mod:`.records` only.

``full``::

    [PATCH 1/3] util: Introduce virFileWaitForPath
      v2: [PATCH v2 1/4] util: Introduce virFileWaitForPath (changed)

    open[comment]: Peter Reviewer <peter@example.org>
      --> v1 src/util/virfile.c:131, v2 src/util/virfile.c:133: the line is still there
         |
     131 | +        nanosleep(&ts, NULL);
         |
        No need for a timespec: g_usleep() is what we use everywhere else.

Each comment shows its status, the reviewer, the v1 line and the v2 place with why, the v1
line (and the v2 line it became, when it changed) and the reviewer's words, then the
contributor's answers and the reviewers' replies to them.
"""

from __future__ import annotations

import json

from ..report import clean, display, plural
from .records import STATUSES, tally

_COLORS = {"open": "\033[1;31m", "carry": "\033[1;31m", "present": "\033[1;31m",
           "new": "\033[1;31m", "answered": "\033[1;33m", "renew": "\033[1;33m",
           "problem": "\033[1;33m", "addressed": "\033[1;32m", "kept": "\033[1;32m",
           "fixed": "\033[1;32m", "dropped": "\033[1;36m", "general": "\033[1;36m",
           "dim": "\033[34m", "bold": "\033[1m", "reset": "\033[0m"}
_KIND_ORDER = {"comment": 0, "trailer": 1, "finding": 2, "version": 3, "patch": 4}


class Reporter:
    """Writes a :class:`~.follow.Result` to ``out``."""

    def __init__(self, out, color=False, quiet=False, sender=None):
        self.out = out
        self.color = color
        self.quiet = quiet
        self.sender = sender

    def c(self, key, text):
        return f"{_COLORS[key]}{text}{_COLORS['reset']}" if self.color else text


def shown_items(result):
    """The items as the outputs list them: by group, then kind, then as found."""
    order = {g.index: k for k, g in enumerate(result.groups)}
    return sorted((it for it in result.items if it.kind != "patch"),
                  key=lambda it: (order.get(it.group, len(order)), _KIND_ORDER[it.kind],
                                  0 if it.kind == "comment" else
                                  STATUSES[it.kind].index(it.status)))


def summary(result) -> str:
    """One sentence counting it all."""
    return f"v{result.version} review: " + counts(result) + "."


def counts(result) -> str:
    """What the summary counts, without its head."""
    t = tally(result.items)
    parts = []
    comments = [f"{n} {s}" for s, n in t["comment"].items() if n]
    parts.append(", ".join(comments) if comments else "no comments")
    trailers = [f"{n} to {s}" if s in ("carry", "renew") else f"{n} {s}"
                for s, n in t["trailer"].items() if n]
    if trailers:
        parts.append(f"trailers: {', '.join(trailers)}")
    findings = [f"{n} still present" if s == "present" else f"{n} {s}"
                for s, n in t["finding"].items() if n]
    if findings:
        parts.append(f"patchlint findings: {', '.join(findings)}")
    if t["version"]["problem"]:
        parts.append(plural(t["version"]["problem"], "problem") +
                     f" with the v{result.version + 1} mails")
    patches = [f"{n} {s}" for s, n in t["patch"].items() if n]
    if patches:
        parts.append(f"patches: {', '.join(patches)}")
    return "; ".join(parts)


def name_of(author) -> str:
    text = author or "someone"
    return text.split("<")[0].strip().strip('"') or text


class FullReporter(Reporter):
    def write(self, result):
        w = self.out.write
        first = True
        items = shown_items(result)
        self.names = (f"v{result.version}", f"v{result.version + 1}")
        for g in result.groups:
            mine = [it for it in items if it.group == g.index]
            if not mine:
                continue
            if not first:
                w("\n")
            first = False
            self._head(g)
            for it in mine:
                w("\n")
                self._item(it)
        if not self.quiet:
            w(("\n" if not first else "") + self.c("bold", summary(result)) + "\n")

    def _head(self, g):
        w = self.out.write
        if g.v1_subject is None and g.v2_subject is None:
            w(self.c("bold", "The series as a whole") + "\n")
            return
        if g.v1_subject is None:
            w(self.c("bold", display(g.v2_subject)) + f"\n  new in {self.names[1]}\n")
            return
        w(self.c("bold", display(g.v1_subject)) + "\n")
        if g.v2_subject is None:
            w(f"  {self.names[1]}: none (dropped)\n")
        else:
            w(f"  {self.names[1]}: {display(g.v2_subject)}" + (f" ({g.status})" if g.status
                                                                   else "")
              + "\n")

    def _item(self, it):
        w = self.out.write
        label = self.c(it.status, f"{it.status}[{it.rule if it.kind == 'finding' else it.kind}]")
        if it.kind == "comment":
            after = f", after {name_of(it.follows)}" if it.follows else ""
            w(f"{label}: {display((it.reviewer or 'someone') + after)}\n")
        else:
            w(f"{label}: {display(it.text)}\n")
        loc = _where(it, self.names)
        if loc:
            w(f"  {self.c('dim', '-->')} {display(loc)}\n")
        elif it.why:
            w(f"  {self.c('dim', '=')} {display(it.why)}\n")
        self._excerpt(it)
        if it.kind == "comment":
            self._words(it.text, "    ")
            for a in it.answers:
                w(f"  {display(name_of(a['author']))} answered:\n")
                self._words(a["text"], "    ")
            for r in it.reactions:
                w(f"  {display(name_of(r['author']))} replied:\n")
                self._words(r["text"], "    ")

    def _excerpt(self, it):
        rows = []
        if it.v1_text is not None and it.anchor == "message":
            rows.append(("msg", it.v1_text))
        elif it.v1_text is not None:
            rows.append((str(it.line or ""), it.v1_text))
        if it.v2_text is not None and it.v2_text != it.v1_text:
            rows.append((f"{self.names[1]} " + str(it.v2_line or "") if it.v1_text is not None
                         else str(it.v2_line or ""), it.v2_text))
        if not rows:
            return
        width = max(len(r[0]) for r in rows)
        bar = self.c("dim", " " * width + " |")
        self.out.write(bar + "\n")
        for gutter, text in rows:
            self.out.write(self.c("dim", gutter.rjust(width) + " |") + " "
                           + display(text) + "\n")
        self.out.write(bar + "\n")

    def _words(self, text, indent):
        for line in (text or "").split("\n"):
            self.out.write((indent + display(line)).rstrip() + "\n")


def _where(it, names) -> str:
    """The ``-->`` line of an item: its v1 and v2 places, and why it has its status."""
    v1 = v2 = None
    if it.path is not None:
        v1 = f"{names[0]} {it.path}" + (f":{it.line}" if it.line is not None else "")
    elif it.kind == "comment":
        v1 = names[0] + " " + {"message": "commit message", "cover": "cover letter"}.get(
            it.anchor, "patch as a whole")
    if it.v2_path is not None:
        v2 = f"{names[1]} {it.v2_path}" + (f":{it.v2_line}" if it.v2_line is not None else "")
    if it.kind == "version" and it.subject:
        v2 = it.subject
    parts = ", ".join(p for p in (v1, v2) if p)
    if it.why and it.kind in ("comment", "trailer"):
        return f"{parts}: {it.why}" if parts else it.why
    return parts


class ConciseReporter(Reporter):
    """``PLACE: STATUS: TEXT (WHO) [KIND]``, one line per item; PLACE is the v1 ``path:line``
    (the v2 one for a new finding), else the patch's title in brackets."""

    def write(self, result):
        for it in shown_items(result):
            self.out.write(concise_line(it) + "\n")
        if not self.quiet:
            self.out.write(summary(result) + "\n")


def concise_line(it) -> str:
    if it.path is not None:
        place = it.path + (f":{it.line}" if it.line is not None else "")
    elif it.v2_path is not None:
        place = it.v2_path + (f":{it.v2_line}" if it.v2_line is not None else "")
    else:
        place = f"[{it.subject or it.v2_subject or 'series'}]"
    text = " ".join((it.text or "").split())
    if len(text) > 120:
        text = text[:117].rstrip() + "..."
    who = f" ({name_of(it.reviewer)})" if it.reviewer and it.kind == "comment" else ""
    kind = it.rule if it.kind == "finding" else it.kind
    return display(f"{place}: {it.status}: {text}{who} [{kind}]")


class JsonReporter(Reporter):
    """One JSON array, an object per item (CONTRACT.md, "Review follow-up")."""

    def write(self, result):
        items = [_clean(it.as_dict()) for it in shown_items(result)]
        items += [_clean(it.as_dict()) for it in result.items if it.kind == "patch"]
        json.dump(items, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")


def _clean(value):
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
