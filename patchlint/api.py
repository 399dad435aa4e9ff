"""What a rule module may use.  Rules import from here, nothing else of patchlint.

A rule is a module under ``rules/`` whose docstring is its documentation and which holds one
function decorated with :func:`rule` (or a family's module, holding a table of
:class:`Pattern` rules given as data).  What the function is given is said by its parameter
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
``api``
    (with ``patch`` or ``patches``) the new public API of the series, gathered over its
    patches (and the tree, when patchlint runs inside it): an
    :class:`~patchlint.apimodel.ApiModel`.  A ``patch`` rule sees what the patches up to this
    one add; a ``patches`` rule sees the whole series, and is called once the last patch of it
    is in (the commits of a ``--git`` range make one series);
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

Besides the model and :func:`rule`/:func:`finding`, this module hands rules what several of
them need, so that no rule imports another: the C structure of :mod:`patchlint.c` (open
parentheses, parameters, functions, enums, statement heads, check-spacing's view of a line,
diagnostic calls), a file's whole text before and after the patch when it can be known and
the line that ends it when the patch shows it (:mod:`patchlint.wholefile`, for a ``file``
rule that judges a file as a whole, as some of libvirt's checks do), the git tree the patch
belongs to (:func:`tree_of`: its other files, the words its sources hold, for a rule that must
look past the patch), libvirt's driver tables and the function bodies a text holds
(:mod:`patchlint.c.drivers`, for the ports of its check scripts), the DMARC helpers of
:mod:`patchlint.dmarc`, :class:`Pattern` and :class:`Family` for a family's module, the file
globs (``C_FILES``...), and :func:`lazy_re` (a rule compiles no expression before it needs
it: start-up is paid on every commit a hook checks).
"""

from __future__ import annotations

import fnmatch
import re

from .apimodel import callback_name, files_for, module_of, proc_matches, version
from .c.diagnostics import diagnostic_calls
from .c.drivers import (
    METHOD_TABLES,
    STATE_TABLE,
    calls,
    driver_tables,
    function_bodies,
    leading_lower,
    post_image,
)
from .c.enums import added_flag_constants, enclosing_enum, is_flags_enum
from .c.functions import enclosing_function, functions
from .c.params import params
from .c.parens import (
    BOUNDARY,
    close_paren,
    ident_before,
    new_side,
    old_side,
    open_paren,
    side_of,
    word_before,
)
from .c.spacing import SPACING_FILES, spacing_fix, spacing_matches, spacing_view
from .c.statements import compound_head, statement_code
from .dmarc import dmarc_rewritten, in_body_from
from .finding import Finding
from .lazyre import lazy_re
from .mail import parse_address
from .model import (
    CODE,
    COMMENT,
    ERROR,
    NOTE,
    PREPROC,
    STRING,
    WARNING,
    FileDiff,
    Line,
    Patch,
)
from .patterns import Pattern
from .rulespec import ANY_FILE, C_FILES, C_XDR_FILES, DOC_FILES, Family, RuleMeta, RuleSpec
from .wholefile import WholeFile, file_end, is_regular, whole_file

# What rules may import (everything else here is the engine's).
__all__ = [
    # declaring a rule, and what it yields
    "rule", "finding", "Pattern", "Family", "RuleMeta", "RuleSpec",
    "ERROR", "WARNING", "NOTE",
    # the model a rule reads
    "Patch", "FileDiff", "Line", "Finding", "CODE", "COMMENT", "STRING", "PREPROC",
    # where a rule looks
    "ANY_FILE", "C_FILES", "C_XDR_FILES", "DOC_FILES", "LIBVIRT_SOURCES", "LIBVIRT_CODE",
    "PUBLIC_DOC_DEFAULT", "match_path", "is_public_doc", "in_api_doc_comment",
    "legacy_migration_api",
    # C structure (patchlint.c)
    "BOUNDARY", "side_of", "new_side", "old_side", "open_paren", "close_paren",
    "ident_before", "word_before", "params", "functions", "enclosing_function",
    "enclosing_enum", "is_flags_enum", "added_flag_constants", "compound_head",
    "statement_code", "SPACING_FILES", "spacing_view", "spacing_matches", "spacing_fix",
    "diagnostic_calls",
    # libvirt's driver tables and the functions they name (patchlint.c.drivers)
    "METHOD_TABLES", "STATE_TABLE", "driver_tables", "function_bodies", "calls",
    "leading_lower", "post_image",
    # a file as a whole (patchlint.wholefile), the tree a patch belongs to (patchlint.tree)
    "whole_file", "WholeFile", "file_end", "is_regular", "tree_of", "whole_finding",
    "unused_include",
    # a mail's authors
    "parse_address", "in_body_from", "dmarc_rewritten",
    # expressions compiled when first used
    "lazy_re",
    # the API a series adds (patchlint.apimodel), for rules taking `api`
    "version", "callback_name", "files_for", "module_of", "proc_matches",
]

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


def legacy_migration_api(name: str) -> bool:
    """Is ``name`` one of libvirt's migration functions (``virDomainMigrate...``,
    ``qemuMigration...``, ``...Migrate...``)?  Their argument order and their ``unsigned long
    flags`` are fixed by the migration protocol (ABI), so the flags rules leave them alone."""
    return "igrat" in name              # Migrate, Migration, migrate


_KINDS = ("line", "file", "patch", "patches")


def rule(id: str, *, severity: str, files=ANY_FILE, exclude=(), syntax_check=None,
         fixable=False, options=None, profile_options=None, family="review", needs=None,
         profiles=None, coding_style=None, check_script=None):
    """Declare a rule.  See this module's docstring for what the function receives.

    ``needs`` (line rules): strings one of which an added line must contain for the rule to
    have anything to say about it; the engine skips the other lines without calling the rule.
    ``options``: the rule's options and their defaults; ``profile_options``: the defaults
    that differ under a profile (``{"glib": {"function": "g_usleep"}}``).  The other fields
    are :class:`RuleMeta`'s.
    """
    meta = dict(severity=severity, files=files, exclude=exclude, syntax_check=syntax_check,
                fixable=fixable, options=options, profile_options=profile_options,
                family=family, profiles=profiles, coding_style=coding_style,
                check_script=check_script)
    RuleMeta(id, **meta)               # its fields are checked where the rule is declared

    def deco(fn):
        code = fn.__code__             # (not inspect.signature: importing inspect is slow)
        names = tuple(code.co_varnames[:code.co_argcount + code.co_kwonlyargcount])
        kinds = [p for p in names if p in _KINDS]
        if len(kinds) != 1:
            raise TypeError(f"rule {id}: takes exactly one of {_KINDS}, got {names}")
        unknown = [p for p in names if p not in _KINDS + ("options", "config", "api")]
        if unknown:
            raise TypeError(f"rule {id}: unknown parameter(s) {unknown}")
        if "api" in names and kinds[0] not in ("patch", "patches"):
            raise TypeError(f"rule {id}: `api` goes with `patch` or `patches`")
        fn.__patchlint_rule__ = RuleSpec(id, fn=fn, kind=kinds[0], params=names,
                                         needs=needs, **meta)
        return fn
    return deco


def finding(where, message, *, start=None, end=None, replacement=None, suggestion=None,
            severity=None, number=None, context=None, about=None,
            syntax_check=None, check_script=None) -> Finding:
    """A finding at ``where``: a :class:`Line` (with optional columns), a file or a patch.

    ``start``/``end`` are 0-based columns into ``line.text``.  ``replacement`` is the text that
    certainly fixes ``text[start:end]`` (``--fix`` applies it); ``suggestion`` is advice shown
    to the user when the fix needs a human.  ``context`` is ``(first, last)``, or a list of
    such pairs: the lines the judgement rests on (an opening parenthesis, the enum, the whole
    function, a later use), so that a review reply quotes enough for a reader, and patchlint,
    to see the point.  Each pair lies within one hunk.  ``about`` says what part of the mail
    a finding on a whole patch is about: ``"trailers"`` (a review reply discusses it under
    the commit message's trailers) or, by default, the patch as a whole (under its diffstat).
    ``syntax_check``: which of the rule's syntax-check names this finding is, for a rule that
    ports several (by default its first); ``check_script`` likewise, for a rule that ports
    several of libvirt's check scripts.
    """
    if context is not None and context and not isinstance(context[0], (tuple, list)):
        context = [context]
    f = Finding(message=message, start=start, end=end, replacement=replacement,
                suggestion=suggestion, severity=severity, number=number, context=context,
                about=about, syntax_check=syntax_check, check_script=check_script)
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


def tree_of(where):
    """The git work tree (:class:`patchlint.tree.Tree`) the patch of ``where`` (a patch, file
    or line) was found to belong to, for a rule that must look past the files the patch
    changes; None when patchlint runs without the tree or the patch is not of this tree."""
    if isinstance(where, Line):
        where = where.hunk.file
    if isinstance(where, FileDiff):
        where = where.patch
    return getattr(where, "tree", None)


def whole_finding(whole, no, message, **kw) -> Finding:
    """A finding at line ``no`` of a :class:`WholeFile`'s post-image: at that line when the
    patch shows it, else about the file, its message saying which line."""
    ln = whole.line(no)
    if ln is not None:
        return finding(ln, message, **kw)
    return finding(whole.file, f"line {no}: {message}", **kw)


_INCLUDES = {}


def unused_include(file, header, use, message):
    """The finding of a file whose whole text includes ``<header>`` (or ``"header"``) and
    has no line ``use`` (a compiled expression) matches, when the patch made it so: the
    include added, or the last use taken away.  libvirt's ``sc_prohibit_*_without_use``."""
    whole = whole_file(file)
    if whole is None:
        return
    include = _INCLUDES.get(header)
    if include is None:
        include = _INCLUDES[header] = re.compile(rf'^# *include [<"]{re.escape(header)}[">]')

    def unused(lines):
        at = None
        for no, text in enumerate(lines, 1):
            if use.search(text):
                return None
            if at is None and text.startswith("#") and include.match(text):
                at = no
        return at

    no = whole.introduced(unused)
    if no is not None:
        yield whole_finding(whole, no, message, suggestion="delete the #include")


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
