"""What a rule is, however it is written.

A rule is written either as a function (:func:`patchlint.api.rule`, one per module under
``rules/``) or as data (a :class:`patchlint.patterns.Pattern` in a family's table).  Both
are a :class:`RuleMeta`: the one type that holds what the catalogue, the configuration, the
reporters and the documentation need to know of a rule (its id, severity, files, profiles,
family, options, documentation) and that checks those fields once for both.  What a kind of
rule adds is only how the engine runs it:

``kind``
    ``line``, ``file``, ``patch`` or ``patches`` for a function (what it is called with),
    ``pattern`` for a pattern;
``fn``, ``params``
    the function and the names of its parameters (a pattern has neither);
``needs``
    literal strings one of which an added line must hold for the rule to be worth running
    on it (None: every line);
``pattern``
    the :class:`~patchlint.patterns.Pattern` of a pattern rule (itself), else None.

A family of rules (``layout``, ``messages``...) is declared once, as a :class:`Family` in its
module under ``rules/``: its title in ``patchlint rules`` and the README's table lives there.
"""

from __future__ import annotations

from .model import ERROR, NOTE, WARNING

# File globs rules apply to (see patchlint.api.match_path).
C_FILES = ("*.c", "*.h", "*.h.in", "*.c.in")
# ... with the RPC protocol's XDR definitions, which libvirt's brace and spacing checks read too
C_XDR_FILES = C_FILES + ("*.x",)
DOC_FILES = ("docs/*", "*.rst", "*.md", "*.txt", "*.html", "*.html.in", "*.pod", "*.adoc",
             "README*", "NEWS*", "ChangeLog*", "HACKING*")
ANY_FILE = ("*",)

SEVERITIES = (ERROR, WARNING, NOTE)


def _names(value) -> tuple:
    """A name or a tuple of names (the first the main one) as a tuple."""
    return (value,) if isinstance(value, str) else tuple(value or ())


class Family:
    """A family of rules, as ``patchlint rules`` and the README's rule table group them.

    ``id`` is what a rule's ``family=`` names (and what ``--select`` takes), ``title`` the
    family's heading, ``rank`` where it comes among the families (lowest first).
    """

    def __init__(self, id: str, title: str, *, rank: int):
        self.id = id
        self.title = title
        self.rank = rank

    def __repr__(self):
        return f"<Family {self.id}>"


class RuleMeta:
    """What a rule is: the fields every rule has, whether a function or a pattern.

    ``id`` (kebab-case), ``severity`` (its default: error, warning or note), ``files`` and
    ``exclude`` (globs of the paths it reads and of those it spares), ``syntax_check`` (the
    libvirt ``make syntax-check`` rule it ports, if any; a tuple when it ports several, the
    first its main one: ``syntax_checks`` holds them all), ``check_script`` (likewise, the
    script of libvirt's ``scripts/`` that checks the same at build time, named without its
    ``.py``: ``check-aclrules``; ``check_scripts`` holds them all), ``coding_style`` (the section of
    libvirt's ``docs/coding-style.rst`` whose habit it checks, if any), ``profiles`` (the
    eras of libvirt's advice it belongs to; None: all), ``family``, ``fixable`` (it gives
    certain fixes),
    ``options`` (name -> default), ``profile_options`` (profile -> {name: default}: where an
    era's default differs), ``doc`` (its documentation, markdown with ``## Sections``) and
    ``module`` (the module under ``rules/`` it comes from, set by the catalogue).
    """

    kind = None
    fn = None
    params = ()
    needs = None
    pattern = None

    def __init__(self, id, *, severity, files=ANY_FILE, exclude=(), syntax_check=None,
                 profiles=None, family="review", fixable=False, options=None,
                 profile_options=None, doc="", coding_style=None, check_script=None):
        if severity not in SEVERITIES:
            raise ValueError(f"rule {id}: bad severity {severity!r} "
                             f"(expected {', '.join(SEVERITIES)})")
        self.id = id
        self.severity = severity
        self.files = tuple(files)
        self.exclude = tuple(exclude)
        names = _names(syntax_check)
        self.syntax_check = names[0] if names else None
        self.syntax_checks = names
        scripts = _names(check_script)
        bad = [n for n in scripts if n.endswith(".py") or "/" in n]
        if bad:
            raise ValueError(f"rule {id}: check_script names a script without its directory "
                             f"and '.py' ('check-aclrules'), not {bad}")
        self.check_script = scripts[0] if scripts else None
        self.check_scripts = scripts
        self.coding_style = coding_style
        self.profiles = tuple(profiles) if profiles else None
        self.family = family
        self.fixable = fixable
        self.options = dict(options or {})
        self.profile_options = {p: dict(o) for p, o in (profile_options or {}).items()}
        unknown = {k for o in self.profile_options.values() for k in o} - set(self.options)
        if unknown:
            raise ValueError(f"rule {id}: profile_options sets unknown option(s) "
                             f"{sorted(unknown)}")
        self._doc = doc
        self.module = ""

    def __repr__(self):
        return f"<{type(self).__name__} {self.id}>"

    @property
    def doc(self) -> str:
        return self._doc

    @doc.setter
    def doc(self, text):
        self._doc = text

    @property
    def origins(self) -> tuple:
        """Every name of libvirt's a user may call the rule by: its syntax-check targets,
        then its check scripts."""
        return self.syntax_checks + self.check_scripts

    @property
    def summary(self) -> str:
        """The docstring's first paragraph as one line: a whole sentence, however it wraps."""
        doc = self.doc.strip()
        if not doc:
            return self.id
        return " ".join(doc.split("\n\n", 1)[0].split()).replace("``", "`")

    def defaults(self, profile) -> dict:
        """The rule's options as they start under ``profile``, before the user's settings:
        its defaults, with the profile's own where it has them."""
        merged = dict(self.options)
        merged.update(self.profile_options.get(profile, {}))
        return merged


class RuleSpec(RuleMeta):
    """A rule written as a function: its metadata, the function, what it is called with
    (``kind``, ``params``) and the literals a line must hold for it (``needs``)."""

    def __init__(self, id, *, fn, kind, params=(), needs=None, **meta):
        super().__init__(id, **meta)
        self.fn = fn
        self.kind = kind
        self.params = tuple(params)
        self.needs = tuple(needs) if needs else None
