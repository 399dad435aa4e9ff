"""Flags and modes: how they are printed in debug output, and that flags are never ignored.

Each entry is a pattern rule (see patchlint/patterns.py).  The format rules read string
literals (the format of a ``VIR_DEBUG()``, ``virReportError()``, ``g_strdup_printf()``...); the
unused-flags rule reads code.

The two eras differ: the 2012 tree printed flags as ``flags=%x`` and modes as ``mode=%o``,
which its syntax-check accepted; since 2013 libvirt asks for ``0x%x`` and ``0%o`` so that the
base shows in the log.  Printing flags or a mode in decimal is wrong in both eras; a missing
``0x``/``0`` prefix only with profile ``glib``.
"""

from patchlint.api import LIBVIRT_CODE, Family, Pattern

FAMILY = Family("flags", "Flags", rank=2)

# libvirt's exemptions for its flags checks: libc mocks and wrappers (whose prototypes libc
# fixes) and the documentation.
_FLAGS_EXEMPT = ("tests/*mock.c", "tests/virfilewrapper.c", "src/util/virnetdevtap.c",
                 "docs/*")

PATTERNS = [
    Pattern(
        "flags-debug-hex",
        r"(?P<n>[Ff]lags)=%(?P<w>[0-9.]*)(?P<l>[hlLjzt]*)[diou]",
        "flags printed in decimal (or octal): print them as 0x%x",
        syntax_check="sc_flags_debug", scope="string", needs=("lags=%",),
        replacement=r"\g<n>=0x%\g<w>\g<l>x",
        what="``flags=%d``, ``%i``, ``%o`` or ``%u`` (or ``Flags=``; any width or length "
             "modifier) in a string literal: flags printed in decimal or octal.",
        why="Flags are a set of bits: `flags=0x14` shows which bits are set at a glance, "
            "`flags=20` makes every reader of the log convert it by hand.",
        bad=[("    VIR_DEBUG(\"dom=%p, flags=%u\", dom, flags);",
              "1:24: flags-debug-hex: flags printed in decimal (or octal): print them as 0x%x\n"
              "    fix: \"flags=%u\" -> \"flags=0x%x\"")],
        good=('    VIR_DEBUG("dom=%p, flags=0x%x", dom, flags);',
              '    VIR_DEBUG("params=%p, nparams=%d, flags=0x%x", params, nparams, flags);')),

    Pattern(
        "flags-debug-0x",
        r"(?P<n>[Ff]lags)=%(?P<w>[0-9.]*)(?P<l>[hlLjzt]*)x",
        "flags printed in hex without a 0x prefix: print them as 0x%x",
        syntax_check="sc_flags_debug", scope="string", needs=("lags=%",),
        replacement=r"\g<n>=0x%\g<w>\g<l>x", profiles=("glib",),
        what="``flags=%x`` or ``Flags=%x`` (any width or length modifier: ``flags=%lx``) in a "
             "string literal: flags printed in hexadecimal without the ``0x`` that says so.",
        why="Without its prefix a hex value is indistinguishable from a decimal one: "
            "`flags=10` could be ten or sixteen.  libvirt prints every flags value as 0x%x "
            "(the 2012 tree still wrote `flags=%x`, hence profile ``glib``).",
        bad=[("    VIR_DEBUG(\"conn=%p, flags=%x\", conn, flags);",
              "1:25: flags-debug-0x: flags printed in hex without a 0x prefix: print them as\n"
              "  0x%x\n"
              "    fix: \"flags=%x\" -> \"flags=0x%x\"")],
        good='    VIR_DEBUG("conn=%p, flags=0x%x", conn, flags);'),

    Pattern(
        "mode-debug-octal",
        r"\bmode=%[0-9.]*[hlLjzt]*[diuxX]",
        "a mode printed in decimal or hex: print mode_t values as 0%o",
        syntax_check="sc_flags_debug", scope="string", needs=("mode=%",),
        suggestion="mode=0%o (and if this `mode` is an enum, not a mode_t, print its name "
                   "with the enum's ToString function)",
        what="``mode=%d``, ``%i``, ``%u``, ``%x`` or ``%X`` (any width or length modifier) in a "
             "string literal: a mode printed in decimal or hexadecimal.",
        why="Permission bits are read in octal: `mode=0644` is obvious, `mode=420` or "
            "`mode=1a4` is not.",
        bad=[("    VIR_DEBUG(\"path=%s, mode=%d\", path, mode);",
              "1:25: mode-debug-octal: a mode printed in decimal or hex: print mode_t values "
              "as\n"
              "  0%o")],
        good=('    VIR_DEBUG("path=%s, mode=0%o", path, mode);',
              '    VIR_DEBUG("path=%s, mode=%s", path, virDomainDiskModeTypeToString(mode));')),

    Pattern(
        "mode-debug-leading-zero",
        r"\bmode=%(?P<w>[0-9.]*)o",
        "a mode printed in octal without its leading 0: print it as 0%o",
        syntax_check="sc_flags_debug", scope="string", needs=("mode=%",),
        replacement=r"mode=0%\g<w>o", profiles=("glib",),
        what="``mode=%o`` (any width) in a string literal: a mode printed in octal without the "
             "leading ``0`` that says so.",
        why="`mode=644` reads as a decimal number; the leading zero says octal, as in C and "
            "chmod.  (The 2012 tree still wrote `mode=%o`, hence profile ``glib``.)",
        bad=[("    VIR_DEBUG(\"path=%s, mode=%o\", path, mode);",
              "1:25: mode-debug-leading-zero: a mode printed in octal without its leading 0:\n"
              "  print it as 0%o\n"
              "    fix: \"mode=%o\" -> \"mode=0%o\"")],
        good='    VIR_DEBUG("path=%s, mode=0%o", path, mode);'),

    Pattern(
        "flags-unused-marker",
        r"(?<![\w*])flags\s+(?:G_GNUC_UNUSED|ATTRIBUTE_UNUSED)\b",
        "`flags` marked unused: check them with virCheckFlags() instead",
        syntax_check="sc_flags_usage", needs=("UNUSED",),
        # a parameter of an enum type named ...Flags is not a flags word virCheckFlags knows
        unless=r"\b[A-Za-z_]\w*Flags\s+flags\b",
        exclude=_FLAGS_EXEMPT, files=LIBVIRT_CODE,     # (virCheckFlags is libvirt's own)
        suggestion="drop the marker and start the body with virCheckFlags(0, -1); (or the "
                   "supported flags and the function's error value)",
        what="A parameter named ``flags`` marked ``G_GNUC_UNUSED`` or ``ATTRIBUTE_UNUSED``, in "
             "libvirt's own sources.  One whose type is a named enum (``virFooFlags flags``) is "
             "left alone.",
        why="A function that ignores its flags accepts any value a caller passes; the day a "
            "flag is defined for it, old daemons silently ignore it instead of refusing it. "
            "virCheckFlags(0, ...) rejects every flag until one is supported, and uses the "
            "parameter, so no unused marker is needed.",
        bad=[("                     unsigned int flags G_GNUC_UNUSED)",
              "1:35: flags-unused-marker: `flags` marked unused: check them with\n"
              "  virCheckFlags() instead"),
             ("                     unsigned int flags ATTRIBUTE_UNUSED)",
              "1:35: flags-unused-marker: `flags` marked unused: check them with\n"
              "  virCheckFlags() instead")],
        good=("                     unsigned int flags)",
              "                     virSecurityDomainImageLabelFlags flags G_GNUC_UNUSED)")),
]
