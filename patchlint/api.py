"""What a rule module may use.  Rules import from here (and :mod:`patchlint.c`), nothing else.

A rule is a module under ``rules/`` whose docstring is its documentation and which holds one
function decorated with :func:`rule`.  What the function is given is said by its parameter
names, as in pycodestyle:

``line``
    called for every added line of every file the rule's ``files`` globs match;
``file``
    called once for every such file (a :class:`~patchlint.model.FileDiff`);
``patch``
    called once for every patch (mail or diff) that is not a cover letter;
``patches``
    called once per input with all its patches (cover letters included);
``options``
    this rule's options: its defaults, overridden by the user's configuration;
``config``
    the whole run's configuration (read-only).

The function yields :func:`finding` objects and never prints.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

from .model import (CODE, COMMENT, ERROR, NOTE, PREPROC, STRING, WARNING, Finding,  # noqa: F401
                    FileDiff, Line, Patch)

C_FILES = ("*.c", "*.h", "*.h.in", "*.c.in")
DOC_FILES = ("docs/*", "*.rst", "*.md", "*.txt", "*.html", "*.html.in", "*.pod", "*.adoc",
             "README*", "NEWS*", "ChangeLog*", "HACKING*")
ANY_FILE = ("*",)


@dataclass
class RuleSpec:
    id: str
    severity: str
    fn: object = None
    kind: str = "line"
    params: tuple = ()
    files: tuple = ANY_FILE
    exclude: tuple = ()
    syntax_check: str | None = None
    fixable: bool = False
    options: dict = field(default_factory=dict)
    doc: str = ""
    module: str = ""
    family: str = "review"

    @property
    def summary(self) -> str:
        if not self.doc.strip():
            return self.id
        return self.doc.strip().splitlines()[0].strip().replace("``", "`")


_KINDS = ("line", "file", "patch", "patches")


def rule(id: str, *, severity: str, files=ANY_FILE, exclude=(), syntax_check=None,
         fixable=False, options=None, family="review"):
    """Declare a rule.  See this module's docstring for what the function receives."""
    if severity not in (ERROR, WARNING, NOTE):
        raise ValueError(f"rule {id}: bad severity {severity!r}")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", id):
        raise ValueError(f"rule id {id!r} is not kebab-case")

    def deco(fn):
        import inspect
        params = tuple(inspect.signature(fn).parameters)
        kinds = [p for p in params if p in _KINDS]
        if len(kinds) != 1:
            raise TypeError(f"rule {id}: takes exactly one of {_KINDS}, got {params}")
        unknown = [p for p in params if p not in _KINDS + ("options", "config")]
        if unknown:
            raise TypeError(f"rule {id}: unknown parameter(s) {unknown}")
        fn.__patchlint_rule__ = RuleSpec(
            id=id, severity=severity, fn=fn, kind=kinds[0], params=params,
            files=tuple(files), exclude=tuple(exclude), syntax_check=syntax_check,
            fixable=fixable, options=dict(options or {}), family=family)
        return fn
    return deco


def finding(where, message, *, start=None, end=None, replacement=None, suggestion=None,
            severity=None, number=None, context=None) -> Finding:
    """A finding at ``where``: a :class:`Line` (with optional columns), a file or a patch.

    ``start``/``end`` are 0-based columns into ``line.text``.  ``replacement`` is the text that
    certainly fixes ``text[start:end]`` (``--fix`` applies it); ``suggestion`` is advice shown
    to the user when the fix needs a human.  ``context`` is ``(first, last)``, or a list of
    such pairs: the lines the judgement rests on (an opening parenthesis, the enum, the whole
    function, a later use), so that a review reply quotes enough for a reader, and patchlint,
    to see the point.  Each pair lies within one hunk.
    """
    if context is not None and context and not isinstance(context[0], (tuple, list)):
        context = [context]
    f = Finding(message=message, start=start, end=end, replacement=replacement,
                suggestion=suggestion, severity=severity, number=number, context=context)
    if isinstance(where, Line):
        f.line = where
        f.file = where.hunk.file
        f.patch = f.file.patch
    elif isinstance(where, FileDiff):
        f.file = where
        f.patch = where.patch
    elif isinstance(where, Patch):
        f.patch = where
    else:
        raise TypeError(f"finding() needs a Line, FileDiff or Patch, not {type(where)}")
    return f


def match_path(path: str, patterns) -> bool:
    """Glob match: a pattern with a '/' matches the whole path, otherwise the base name too."""
    base = path.rsplit("/", 1)[-1]
    for pat in patterns:
        if pat == "*":
            return True
        if "/" in pat:
            if fnmatch.fnmatchcase(path, pat):
                return True
        elif fnmatch.fnmatchcase(base, pat) or fnmatch.fnmatchcase(path, pat):
            return True
    return False


def is_doc_file(path: str) -> bool:
    return match_path(path, DOC_FILES) and not match_path(path, C_FILES)


PUBLIC_DOC_DEFAULT = ("include/*", "docs/*", "src/libvirt.c", "src/libvirt-*.c")


def is_public_doc(line: Line, paths=PUBLIC_DOC_DEFAULT) -> bool:
    """Is this line part of the public documentation?

    Public headers and docs/ as a whole; in the files that implement the public API
    (``src/libvirt*.c``) the ``/** ... */`` comment blocks that document an API.
    """
    path = line.hunk.file.path
    if not match_path(path, paths):
        return False
    if match_path(path, API_FILES):
        return in_api_doc_comment(line)     # the API's doc blocks, not its code comments
    return True


API_FILES = ("src/libvirt.c", "src/libvirt-*.c")


def in_api_doc_comment(line: Line) -> bool:
    """Is the line inside a ``/** ...`` block comment (the API documentation style)?"""
    hunk = line.hunk
    side = hunk.old_side() if line.kind == "-" else hunk.new_side()
    k = hunk.side_index(line)
    for j in range(k, -1, -1):
        t = side[j].text
        if "*/" in t and j != k:
            return False
        if "/**" in t:
            return True
        if "/*" in t:
            return False
    # the block began before the hunk: a hunk header naming an API doc is good enough
    return line.hunk.section.strip().startswith(("*", "/**")) or \
        bool(re.match(r"\s*\*", side[0].text if side else ""))
