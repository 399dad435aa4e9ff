"""``--format=sarif``: one SARIF 2.1.0 log for the whole run (GitHub code scanning and others).

The log has one run.  ``tool.driver.rules`` is the whole rulebook (not only the rules that
fired): id, short and full description, the rule's documentation as help (text and markdown),
its default level, and, for a port of a libvirt syntax-check rule, that rule's name.  Each
finding is a result with the rule's id and index, its level, the message, where it is (the
path relative to the repository root, under ``%SRCROOT%``; 1-based line and UTF-16 columns, as
SARIF counts by default), a fingerprint that survives the line moving, and, when patchlint is
certain of the fix, that fix as a SARIF replacement.

Where a finding sits is judged for the tree the patches apply to, which is what a code scanning
upload describes: the anchor :mod:`patchlint.results` gives every finding.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib.metadata import PackageNotFoundError, metadata
from urllib.parse import quote

from .. import __version__
from ..ruledoc import dedent, sections
from . import Reporter, clean, utf16_column

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "note": "note"}


def uri(path) -> str:
    """A repository-relative path as a URI reference (percent-encoded, '/' kept)."""
    return quote(clean(path).lstrip("/"), safe="/-._~!$&'()*+,;=@")


# -- the rule catalogue ------------------------------------------------------------------------

def _plain(text: str) -> str:
    """Doc text as plain text: one line per paragraph, double backticks made single."""
    text = re.sub(r"(?<!`)``(?!`)", "`", text)
    paras = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(p for p in paras if p)


def rule_descriptor(spec) -> dict:
    secs = sections(spec.doc)
    full = secs.get("What it flags") or secs.get("") or spec.summary
    why = secs.get("Why")
    help_text = _plain(full) + ("\n\nWhy: " + _plain(why) if why else "")
    head = f"`{spec.id}` ({spec.severity}"
    if spec.syntax_check:
        head += f"; ports libvirt's syntax-check rule `{spec.syntax_check}`"
    if spec.check_script:
        head += f"; ports libvirt's check script `scripts/{spec.check_script}.py`"
    if spec.fixable:
        head += "; `patchlint --fix` fixes it"
    head += ")"
    props = {"tags": [spec.family], "fixable": bool(spec.fixable)}
    if spec.syntax_check:
        props["syntaxCheck"] = spec.syntax_check
    if spec.check_script:
        props["checkScript"] = spec.check_script
    if spec.coding_style:
        props["codingStyle"] = spec.coding_style
    return {
        "id": spec.id,
        "name": spec.id,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": _plain(full)},
        "help": {"text": help_text,
                 "markdown": head + "\n\n" + dedent(spec.doc)},
        "defaultConfiguration": {"level": _LEVEL[spec.severity]},
        "properties": props,
    }


def _information_uri():
    """The project's home page from the installed metadata, if it names one."""
    try:
        try:
            meta = metadata("patchlint")
        except PackageNotFoundError:
            return None
        for value in meta.get_all("Project-URL") or []:
            label, _, url = value.partition(",")
            if label.strip().lower() in ("homepage", "home", "documentation", "source",
                                         "repository") and url.strip():
                return url.strip()
        home = meta.get("Home-page")
        return home.strip() if home and home.strip() not in ("", "UNKNOWN") else None
    except Exception:  # metadata is a nicety: never fail a run over it
        return None


# -- results ---------------------------------------------------------------------------------

class SarifReporter(Reporter):
    def __init__(self, out, options=None, rules=()):
        super().__init__(out, options, rules)
        self.unreadable = []
        self.results = []
        self._index = {s.id: k for k, s in enumerate(rules)}

    def patch(self, inp, patch, findings):
        self.results.extend(self._result(f) for f in findings)

    def series(self, inp, findings):
        self.patch(inp, None, findings)

    def error(self, name, message):
        self.unreadable.append((name, message))

    def finish(self, tally):


        driver = {"name": "patchlint", "version": __version__,
                  "semanticVersion": __version__}
        info = _information_uri()
        if info:
            driver["informationUri"] = info
        driver["rules"] = [rule_descriptor(s) for s in self.rules]

        results = self.results
        seen = {}
        for res in results:
            digest = res["partialFingerprints"]["patchlint/v1"]
            n = seen[digest] = seen.get(digest, 0) + 1
            res["partialFingerprints"]["patchlint/v1"] = f"{digest}:{n}"

        invocation = {"executionSuccessful": not self.unreadable}
        if self.unreadable:
            invocation["toolExecutionNotifications"] = [
                {"level": "error", "message": {"text": f"{clean(name)}: {clean(msg)}"},
                 "descriptor": {"id": "unreadable-input"}}
                for name, msg in self.unreadable]
        run = {"tool": {"driver": driver}, "invocations": [invocation],
               "columnKind": "utf16CodeUnits", "results": results}
        log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        json.dump(log, self.out, indent=2)
        self.out.write("\n")

    def _result(self, f):
        a = f.anchor
        title = clean(f.title) if f.subject else None
        message = clean(f.message)
        if a.patch_level and title:
            message = f'Patch "{title}": {message}'
        if f.suggestion:
            message += "\n\n" + clean(f.suggestion)
        res = {"ruleId": f.rule}
        if f.rule in self._index:
            res["ruleIndex"] = self._index[f.rule]
        res["level"] = _LEVEL.get(f.severity, "warning")
        res["message"] = {"text": message}
        region = _region(a)
        if region is not None:
            res["locations"] = [{"physicalLocation": {
                "artifactLocation": {"uri": uri(a.path), "uriBaseId": "%SRCROOT%"},
                "region": region}}]
        # the ":n" of identical ones is counted in finish(), over the whole run in order
        res["partialFingerprints"] = {"patchlint/v1": _fingerprint(f, title)}
        fixes = _fixes(f, region)
        if fixes:
            res["fixes"] = fixes
        props = _properties(f)
        if props:
            res["properties"] = props
        return res


def _region(a):
    """A result's region in the patched file, or None for a finding with no place there."""
    if a.path is None:
        return None
    region = {"startLine": a.line}
    if a.col is not None and a.text is not None:
        region["startColumn"] = utf16_column(a.text, a.col)
        if a.end is not None:
            region["endColumn"] = utf16_column(a.text, a.end)
    if a.text is not None:
        region["snippet"] = {"text": clean(a.text)}
    return region


def _fingerprint(f, title):
    """Stable across runs and line moves: rule, path, the line's text (or, for a finding on
    no line, the patch's title); identical ones are numbered in order by the reporter."""
    a = f.anchor
    if a.text is not None:
        what = a.text
    elif a.patch_level or not a.line_known:
        what = title or ""
    else:
        what = str(a.line)
    key = "\0".join([f.rule or "", clean(a.path or ""), clean(what)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _fixes(f, region):
    """A certain fix of a line the patched file has (added, or context: the file is fixed, not
    the patch, so a context line's fix applies as well as an added line's)."""
    a = f.anchor
    if f.replacement is None or a.side != "new" or a.text is None or region is None \
            or "startColumn" not in region or "endColumn" not in region:
        return None
    return [{
        "description": {"text": f"Replace with `{clean(f.replacement)}`"
                        if f.replacement else "Delete it"},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri(a.path), "uriBaseId": "%SRCROOT%"},
            "replacements": [{
                "deletedRegion": {"startLine": region["startLine"],
                                  "startColumn": region["startColumn"],
                                  "endColumn": region["endColumn"]},
                "insertedContent": {"text": clean(f.replacement)}}]}]}]


def _properties(f):
    a = f.anchor
    props = {}
    if f.patch is not None:
        props["input"] = clean(f.input)
        props["patch"] = f.patch
        if f.subject:
            props["subject"] = clean(f.subject)
        if f.commit:
            props["commit"] = f.commit
    if f.syntax_check:
        props["syntaxCheck"] = f.syntax_check
    if f.check_script:
        props["checkScript"] = f.check_script
    if a.patch_level:
        props["patchLevel"] = True
    if a.side == "old":
        props["side"] = "old"
        if a.old_line is not None:
            props["oldLine"] = a.old_line
    if f.replacement is not None:
        props["replacement"] = clean(f.replacement)
    return props
