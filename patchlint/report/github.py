"""``--format=github``: GitHub Actions workflow commands, one annotation per finding.

    ::error file=src/util/virfile.c,line=42,endLine=42,col=5,endColumn=9,title=flags-type::...

``error``, ``warning`` and ``notice`` (for a note).  ``col``/``endColumn`` (1-based, end
exclusive, on the one line the annotation covers) only when the finding knows its columns; a
finding on a removed line is shown where the removal happened in the patched file.  A finding
about the whole mail (no Signed-off-by, split-patch, a subject prefix, a series without a cover
letter) is placed as SARIF places it (:func:`patchlint.report.sarif.anchor`): at the first line
the patch changes in its first file, with ``file`` and ``line`` but no columns, and its message
names the patch, since that place is only where the patch starts.  GitHub shows an annotation
with a file on the pull request's diff, and one without only on the run's summary page, which
few reviewers open.  A mail that changes no file (a cover letter) has no ``file``.  Data is
escaped as the runner expects: ``%`` ``\\r`` ``\\n`` in the message, and also ``:`` ``,`` in
property values.  A closing plain line counts the findings (GitHub shows only the first few
annotations of each kind per step; the log keeps them all).
"""

from __future__ import annotations

from . import Reporter, clean, display, summary, utf16_column

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text) -> str:
    """A workflow command's message: ``%``, CR and LF escaped; other controls shown."""
    text = clean(str(text)).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return display(text)


def escape_property(text) -> str:
    """A workflow command's property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind, message, **props) -> str:
    parts = [f"{k}={escape_property(v)}" for k, v in props.items() if v is not None]
    return f"::{kind} {','.join(parts)}::{escape_data(message)}" if parts else \
        f"::{kind}::{escape_data(message)}"


class GithubReporter(Reporter):
    def patch(self, inp, patch, findings):
        for f in findings:
            self.out.write(annotation(f) + "\n")

    def series(self, inp, findings):
        self.patch(inp, None, findings)

    def error(self, name, message):
        self.out.write(command("error", f"{name}: {message}", title="patchlint") + "\n")

    def finish(self, tally):
        if not self.quiet:
            self.out.write(summary(tally) + "\n")


def annotation(f) -> str:
    """The workflow command of one finding."""
    a = f.anchor
    message = f.message
    if a.patch_level or a.path is None:
        if f.subject:
            message = f'Patch "{f.title}": {message}'
    elif a.side == "old" and a.old_line is not None:
        message += f" (removed line {a.old_line} of the old file)"
    if f.suggestion:
        message += "\n" + f.suggestion
    props = {}
    if a.path is not None:
        props["file"] = a.path
        props["line"] = a.line
        if a.col is not None and a.text is not None:
            props["endLine"] = a.line
            props["col"] = utf16_column(a.text, a.col)
            if a.end is not None:
                props["endColumn"] = utf16_column(a.text, a.end)
    props["title"] = f.rule
    return command(_COMMAND.get(f.severity, "warning"), message, **props)
