"""``--format=sarif``: one SARIF 2.1.0 log for the whole run (GitHub code scanning and others).

The log has one run.  ``tool.driver.rules`` is the whole rulebook (not only the rules that
fired): id, short and full description, the rule's documentation as help (text and markdown),
its default level, and, for a port of a libvirt syntax-check rule, that rule's name.  Each
finding is a result with the rule's id and index, its level, the message, where it is (the
path relative to the repository root, under ``%SRCROOT%``; 1-based line and UTF-16 columns, as
SARIF counts by default), a fingerprint that survives the line moving, and, when patchlint is
certain of the fix, that fix as a SARIF replacement.

Where a finding sits is judged for the tree the patches apply to, which is what a code scanning
upload describes: see :func:`anchor`.
"""

from __future__ import annotations

from . import Reporter, clean

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "note": "note"}


# -- where a finding is, in the post-image ---------------------------------------------------

def _new_line_near(line):
    """The post-image line number where a removed line used to be."""
    lines = line.hunk.lines
    for ln in lines[line.index + 1:]:
        if ln.new_no is not None:
            return ln.new_no
    for ln in reversed(lines[:line.index]):
        if ln.new_no is not None:
            return ln.new_no
    return max(line.hunk.new_start, 1)


def _first_changed_line(fd):
    """Where a patch first touches a file, in the post-image (1 when nothing says)."""
    for h in fd.hunks:
        for ln in h.lines:
            if ln.kind == "+":
                return ln.new_no
            if ln.kind == "-":
                return ln.old_no if fd.is_deleted else _new_line_near(ln)
    return 1


def anchor(f) -> dict:
    """Where a finding goes in a report about the patched tree.

    ``{"path", "line", "col", "end", "text", "side", "old_line", "patch_level", "line_known"}``;
    ``col``/``end`` are 0-based code-point columns into ``text`` (end exclusive) or None.

    * A finding on an added or context line: that line, its columns.
    * A finding on a removed line (``vircheckflags-dropped``): JSON reports it at its pre-image
      line, but a code scanning alert or a pull-request annotation is shown on the tree *after*
      the patch, where that number points at unrelated code.  So it goes to the post-image line
      where the removal happened (the line that now follows it), without columns; the old line
      number is kept in ``old_line``.  A removed line of a deleted file keeps its old place.
    * A finding on a whole file (no line): the line given, else where the patch first touches
      the file.
    * A patch-level finding (no Signed-off-by, split-patch): GitHub code scanning shows only
      results that have a location with a file and a start line, and the patch input itself
      (often stdin, or a file outside the repository) is no artifact of the repository.  So
      it goes to the first file the patch changes, at the first line it changes there, with
      ``patch_level`` set so the message can name the patch.  A patch that changes no file
      gives no location at all (``path`` None).
    """
    out = {"path": None, "line": None, "col": None, "end": None, "text": None,
           "side": "new", "old_line": None, "patch_level": False, "line_known": True}
    ln = f.line
    if ln is not None:
        fd = ln.hunk.file
        out["text"] = ln.text
        if ln.kind == "-" and not fd.is_deleted:
            out.update(path=fd.new_path or fd.path, line=_new_line_near(ln), side="old",
                       old_line=ln.old_no, text=None)
            return out
        out.update(path=f.path, line=ln.number)
        if ln.kind == "-":
            out["side"] = "old"
        if f.start is not None:
            out["col"] = f.start
            if f.end is not None and f.end >= f.start:
                out["end"] = f.end
        return out
    if f.file is not None:
        line = f.number
        if line is None:
            line = _first_changed_line(f.file)
            out["line_known"] = False
        out.update(path=f.path, line=max(line, 1))
        return out
    out["patch_level"] = True
    out["line_known"] = False
    patch = f.patch
    files = [fd for fd in (patch.files if patch is not None else []) if fd.path]
    texts = [fd for fd in files if not fd.is_binary] or files
    if texts:
        fd = texts[0]
        out.update(path=fd.path, line=max(_first_changed_line(fd), 1))
    return out


def utf16_column(text, col):
    """A code-point offset into ``text`` as a 1-based UTF-16 column (SARIF's default kind)."""
    return len(text[:col].encode("utf-16-le", "surrogatepass")) // 2 + 1


def uri(path) -> str:
    """A repository-relative path as a URI reference (percent-encoded, '/' kept)."""
    from urllib.parse import quote
    return quote(clean(path).lstrip("/"), safe="/-._~!$&'()*+,;=@")


# -- the rule catalogue ------------------------------------------------------------------------

def _plain(text: str) -> str:
    """Doc text as plain text: one line per paragraph, double backticks made single."""
    import re
    text = re.sub(r"(?<!`)``(?!`)", "`", text)
    paras = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(p for p in paras if p)


def rule_descriptor(spec) -> dict:
    from ..ruledoc import _dedent, sections
    secs = sections(spec.doc)
    full = secs.get("What it flags") or secs.get("") or spec.summary
    why = secs.get("Why")
    help_text = _plain(full) + ("\n\nWhy: " + _plain(why) if why else "")
    head = f"`{spec.id}` ({spec.severity}"
    if spec.syntax_check:
        head += f"; ports libvirt's syntax-check rule `{spec.syntax_check}`"
    if spec.fixable:
        head += "; `patchlint --fix` fixes it"
    head += ")"
    props = {"tags": [spec.family], "fixable": bool(spec.fixable)}
    if spec.syntax_check:
        props["syntaxCheck"] = spec.syntax_check
    return {
        "id": spec.id,
        "name": spec.id,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": _plain(full)},
        "help": {"text": help_text,
                 "markdown": head + "\n\n" + _dedent(spec.doc)},
        "defaultConfiguration": {"level": _LEVEL[spec.severity]},
        "properties": props,
    }


def _information_uri():
    """The project's home page from the installed metadata, if it names one."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata
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
    def __init__(self, out, color=False, quiet=False, options=None):
        super().__init__(out, color=color, quiet=quiet, options=options)
        self.unreadable = []
        self.results = []
        self._index = None
        self._seen = {}

    def add(self, result, findings):
        import hashlib

        from ..catalogue import all_rules
        super().add(result, findings)
        if self._index is None:
            self._index = {s.id: k for k, s in enumerate(all_rules())}
        for f in findings:       # turned into SARIF at once: no finding is kept
            self.results.append(self._result(f, self._index, self._seen, hashlib))

    def error(self, name, message):
        super().error(name, message)
        self.unreadable.append((name, message))

    def export(self):
        return dict(super().export(), results=self.results, unreadable=self.unreadable)

    def merge(self, state):
        super().merge(state)
        self.results.extend(state["results"])
        self.unreadable.extend(state["unreadable"])

    def finish(self):
        import json

        from .. import __version__
        from ..catalogue import all_rules

        specs = all_rules()
        driver = {"name": "patchlint", "version": __version__,
                  "semanticVersion": __version__}
        info = _information_uri()
        if info:
            driver["informationUri"] = info
        driver["rules"] = [rule_descriptor(s) for s in specs]

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

    def _result(self, f, index, seen, hashlib):
        a = anchor(f)
        patch = f.patch
        message = clean(f.message)
        title = None
        if patch is not None and patch.subject:
            title = clean(patch.subject_info.title or patch.subject)
        if a["patch_level"] and title:
            message = f'Patch "{title}": {message}'
        if f.suggestion:
            message += "\n\n" + clean(f.suggestion)
        res = {"ruleId": f.rule}
        if f.rule in index:
            res["ruleIndex"] = index[f.rule]
        res["level"] = _LEVEL.get(f.severity, "warning")
        res["message"] = {"text": message}

        region = None
        if a["path"] is not None:
            region = {"startLine": a["line"]}
            text = a["text"]
            if a["col"] is not None and text is not None:
                region["startColumn"] = utf16_column(text, a["col"])
                if a["end"] is not None:
                    region["endColumn"] = utf16_column(text, a["end"])
            if text is not None:
                region["snippet"] = {"text": clean(text)}
            res["locations"] = [{"physicalLocation": {
                "artifactLocation": {"uri": uri(a["path"]), "uriBaseId": "%SRCROOT%"},
                "region": region}}]

        # Stable across runs and line moves: rule, path, the line's text (or, for a finding
        # on no line, the patch's title), and how many identical ones came before it.
        if a["text"] is not None:
            what = a["text"]
        elif a["patch_level"] or not a["line_known"]:
            what = title or ""
        else:
            what = str(a["line"])
        key = "\0".join([f.rule or "", clean(a["path"] or ""), clean(what)])
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        # the ":n" of identical ones is counted in finish(), over the whole run in order
        res["partialFingerprints"] = {"patchlint/v1": digest}

        # A certain fix of a line the patched file has (added, or context: the file is fixed,
        # not the patch, so a context line's fix applies as well as an added line's).
        if (f.replacement is not None and a["side"] == "new" and a["text"] is not None
                and region is not None and "startColumn" in region
                and "endColumn" in region):
            res["fixes"] = [{
                "description": {"text": f"Replace with `{clean(f.replacement)}`"
                                if f.replacement else "Delete it"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri(a["path"]), "uriBaseId": "%SRCROOT%"},
                    "replacements": [{
                        "deletedRegion": {"startLine": region["startLine"],
                                          "startColumn": region["startColumn"],
                                          "endColumn": region["endColumn"]},
                        "insertedContent": {"text": clean(f.replacement)}}]}]}]

        props = {}
        if patch is not None:
            props["input"] = clean(patch.input)
            props["patch"] = patch.index
            if patch.subject:
                props["subject"] = clean(patch.subject)
            if patch.commit:
                props["commit"] = patch.commit
        if f.syntax_check:
            props["syntaxCheck"] = f.syntax_check
        if a["patch_level"]:
            props["patchLevel"] = True
        if a["side"] == "old":
            props["side"] = "old"
            if a["old_line"] is not None:
                props["oldLine"] = a["old_line"]
        if f.replacement is not None:
            props["replacement"] = clean(f.replacement)
        if props:
            res["properties"] = props
        return res
