"""What a rule reports: a :class:`Finding`, a place in the patch model and what is wrong there.

Rules fill its message and location (through :func:`patchlint.api.finding`); the engine fills
the rest (rule id, severity); :mod:`patchlint.results` turns it into the record a reporter reads.
"""

from __future__ import annotations


class Finding:
    """What a rule reports.  Rules fill ``message`` and the location; the engine fills the rest.

    ``start``/``end`` are 0-based columns into the line's text; ``replacement`` (when not None)
    is the certain fix for that span, which ``--fix`` may apply.  ``suggestion`` is advice text
    for the human when the fix is not mechanical.  ``context`` lists ``(first, last)`` lines
    the judgement rests on.
    """

    __slots__ = ("message", "line", "file", "patch", "start", "end", "replacement",
                 "suggestion", "severity", "rule", "syntax_check", "check_script", "number",
                 "context", "about", "series")

    def __init__(self, message, line=None, file=None, patch=None, start=None, end=None,
                 replacement=None, suggestion=None, severity=None, rule=None,
                 syntax_check=None, number=None, context=None, about=None,
                 check_script=None):
        self.message = message
        self.line = line
        self.file = file
        self.patch = patch
        self.start = start
        self.end = end
        self.replacement = replacement
        self.suggestion = suggestion
        self.severity = severity
        self.rule = rule
        self.syntax_check = syntax_check
        self.check_script = check_script    # the libvirt script (scripts/NAME.py) it ports
        self.number = number            # explicit line number when there is no model line
        self.context = context
        self.about = about              # what of the mail a finding on no file is about
        self.series = False             # found on an input's patches together

    def __repr__(self):
        return f"<Finding {self.rule} {self.path}:{self.lineno} {self.message!r}>"

    @property
    def path(self):
        if self.file is not None:
            return self.file.path if not (self.line is not None and self.line.kind == "-") \
                else (self.file.old_path or self.file.path)
        return None

    @property
    def lineno(self):
        if self.line is not None:
            return self.line.number
        return self.number

    @property
    def column(self):
        return None if self.start is None else self.start + 1

    @property
    def fixable(self) -> bool:
        """``--fix`` can apply it: a certain fix on a line the patch adds."""
        return self.replacement is not None and self.line is not None and self.line.kind == "+"
