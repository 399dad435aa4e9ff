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
    called once per input with all its patches (cover letters included), after each patch
    has been checked and reported on its own: a patch's headers, message and counts
    (``insertions``, ``deletions``) are all there, but of its files only the first changed
    hunk is kept (where a finding about the series is shown), so that a long mbox is not held
    in memory;
``options``
    this rule's options: its defaults, overridden by the user's configuration;
``config``
    the whole run's configuration (read-only): ``config.profile`` is the era of libvirt's
    advice (``glib``, today's tree, or ``gnulib``, the 2012 tree).

The function yields :func:`finding` objects and never prints.

Remembering across a series: the patches of one input are checked one after the other, and
each patch's files are let go once it is reported (:meth:`Patch.shed`), so a later patch can't
read an earlier one's hunks.  ``patch.shared`` is one dict that every patch of the same input
shares (a fresh one per input): a rule may put there, under its own id, the few facts a later
patch of the series will need (plain data, never model objects, which would keep the shed
files alive), e.g. the flag constants a public header patch adds, for the driver patch that
comes after it.  Only earlier patches can be known: when patch 2 is checked, patch 3 has not
been read yet.
"""

from __future__ import annotations

import fnmatch
import re

from .mail import parse_address  # noqa: F401 ("Name", "addr") of a From: or a trailer
from .model import (  # noqa: F401
    CODE,
    COMMENT,
    ERROR,
    NOTE,
    PREPROC,
    STRING,
    WARNING,
    FileDiff,
    Finding,
    Line,
    Patch,
)

C_FILES = ("*.c", "*.h", "*.h.in", "*.c.in")
DOC_FILES = ("docs/*", "*.rst", "*.md", "*.txt", "*.html", "*.html.in", "*.pod", "*.adoc",
             "README*", "NEWS*", "ChangeLog*", "HACKING*")
ANY_FILE = ("*",)

# libvirt's own C sources, by where libvirt keeps them: the drivers and utilities in src/'s
# subdirectories, the API and driver files at its top, the tests and mocks (named *test.c,
# *mock.c, testutils*), the public headers.  Projects that use libvirt from outside
# (libvirt-glib, libvirt-dbus: src/*.c at the top, tests/test-*.c) have no internal.h, no
# virStrToLong(), no STREQ(): rules whose advice is one of libvirt's internals read these only.
LIBVIRT_SOURCES = ("src/*/*.c", "src/*/*.h", "src/datatypes.c", "src/datatypes.h",
                   "src/driver*.c", "src/driver*.h", "src/libvirt*.c", "src/libvirt*.h",
                   "src/internal.h", "tests/*test.c", "tests/*mock.c", "tests/testutils*.c",
                   "tests/testutils*.h", "include/libvirt/*.h")
# ... and its tools (virsh and friends), which are built on those internals too
LIBVIRT_CODE = LIBVIRT_SOURCES + ("tools/*.c", "tools/*.h")


class RuleSpec:
    """A rule as the engine knows it: its id, severity, files, options and function."""

    def __init__(self, id, severity, fn=None, kind="line", params=(), files=ANY_FILE,
                 exclude=(), syntax_check=None, fixable=False, options=None, doc="",
                 module="", family="review", needs=None, profiles=None, pattern=None):
        self.id = id
        self.severity = severity
        self.fn = fn
        self.kind = kind
        self.params = params
        self.files = files
        self.exclude = exclude
        self.syntax_check = syntax_check
        self.fixable = fixable
        self.options = options if options is not None else {}
        self.doc = doc
        self.module = module
        self.family = family
        self.needs = needs              # substrings a line must hold to be worth a call
        self.profiles = profiles        # eras of libvirt's advice it belongs to (None: all)
        self.pattern = pattern          # a Pattern, for a rule given as data

    def __repr__(self):
        return f"<RuleSpec {self.id}>"

    @property
    def summary(self) -> str:
        """The docstring's first paragraph as one line: a whole sentence, however it wraps."""
        doc = self.doc.strip()
        if not doc:
            return self.id
        return " ".join(doc.split("\n\n", 1)[0].split()).replace("``", "`")


_KINDS = ("line", "file", "patch", "patches")


def pattern_spec(pat, module="", family=None):
    """The RuleSpec of a pattern rule (see patchlint.patterns)."""
    return RuleSpec(id=pat.id, severity=pat.severity, kind="pattern", files=pat.files,
                    exclude=pat.exclude, syntax_check=pat.syntax_check,
                    fixable=pat.replacement is not None, doc=pat.doc(), module=module,
                    family=family or pat.family or module, profiles=pat.profiles,
                    pattern=pat)


def rule(id: str, *, severity: str, files=ANY_FILE, exclude=(), syntax_check=None,
         fixable=False, options=None, family="review", needs=None, profiles=None):
    """Declare a rule.  See this module's docstring for what the function receives.

    ``needs`` (line rules): strings one of which an added line must contain for the rule to
    have anything to say about it; the engine skips the other lines without calling the rule.
    """
    if severity not in (ERROR, WARNING, NOTE):
        raise ValueError(f"rule {id}: bad severity {severity!r}")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", id):
        raise ValueError(f"rule id {id!r} is not kebab-case")

    def deco(fn):
        code = fn.__code__             # (not inspect.signature: importing inspect is slow)
        params = tuple(code.co_varnames[:code.co_argcount + code.co_kwonlyargcount])
        kinds = [p for p in params if p in _KINDS]
        if len(kinds) != 1:
            raise TypeError(f"rule {id}: takes exactly one of {_KINDS}, got {params}")
        unknown = [p for p in params if p not in _KINDS + ("options", "config")]
        if unknown:
            raise TypeError(f"rule {id}: unknown parameter(s) {unknown}")
        fn.__patchlint_rule__ = RuleSpec(
            id=id, severity=severity, fn=fn, kind=kinds[0], params=params,
            files=tuple(files), exclude=tuple(exclude), syntax_check=syntax_check,
            fixable=fixable, options=dict(options or {}), family=family,
            needs=tuple(needs) if needs else None,
            profiles=tuple(profiles) if profiles else None)
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
        test = _GLOBS.get(pat)
        if test is None:
            test = _GLOBS[pat] = _glob_test(pat)
        if test(path, base):
            return True
    return False


_GLOBS = {}


def _glob_test(pat):
    """A (path, base) -> bool test for one glob; the common shapes without fnmatch's regexes
    (each of which costs a compile at start-up)."""
    if pat == "*":
        return lambda path, base: True
    body = pat[1:] if pat.startswith("*") else None
    if body is not None and not any(c in body for c in "*?[/"):          # "*.h.in"
        return lambda path, base: base.endswith(body)
    if pat.endswith("*") and not any(c in pat[:-1] for c in "*?["):
        head = pat[:-1]
        if "/" in head:                                                   # "docs/*"
            return lambda path, base: path.startswith(head)
        return lambda path, base: base.startswith(head) or path.startswith(head)  # "README*"
    if not any(c in pat for c in "*?["):                                  # "src/libvirt.c"
        return (lambda path, base: path == pat) if "/" in pat else \
            (lambda path, base: base == pat or path == pat)
    if not any(c in pat for c in "?["):                                   # "src/*/*.c"
        test = _stars(pat.split("*"))
        if "/" in pat:
            return lambda path, base: test(path)
        return lambda path, base: test(base) or test(path)
    if "/" in pat:
        return lambda path, base: fnmatch.fnmatchcase(path, pat)
    return lambda path, base: fnmatch.fnmatchcase(base, pat) or fnmatch.fnmatchcase(path, pat)


def _stars(parts):
    """fnmatch of a glob whose only wildcard is ``*`` (split into ``parts`` around them)."""
    first, middle, last = parts[0], parts[1:-1], parts[-1]

    def test(s):
        if not s.startswith(first):
            return False
        pos = len(first)
        for part in middle:                 # each as early as it can be: leaves most room
            i = s.find(part, pos)
            if i < 0:
                return False
            pos = i + len(part)
        return len(s) - len(last) >= pos and s.endswith(last)
    return test


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
