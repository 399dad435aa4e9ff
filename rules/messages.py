"""Messages and translation: how a translatable string is written, and where it must not be.

Each entry is a pattern rule (see patchlint/patterns.py) over one added line.  The rules that
need a whole diagnostic call (its arguments spread over several lines) are code rules of the
same family: ``msg_*.py``.  Two of these came with libvirt's move to positional conversions
(libvirt 9.x, 2023): they belong to profile ``glib`` only, since the 2012 tree split messages
over lines and used plain ``%s``; so does the ban on translations in tests, which came later
than 2012 too.
"""

from patchlint.api import Family, Pattern

FAMILY = Family("messages", "Messages and translation", rank=6)

_EXAMPLE = "src/qemu/qemu_driver.c"

PATTERNS = [
    Pattern(
        "diagnostic-one-line",
        # a _( still open at the end of the line, and the line ends in a string literal
        r"(?<![\w])_\((?:[^()]|\([^()]*\))*\"\s*$",
        "translatable message split over several lines: keep it on one line, even past "
        "80 columns",
        summary='a translatable message split over several lines',
        syntax_check="sc_prohibit_error_message_on_multiple_lines", needs=("_(",),
        unless=r"\\n\"\s*$", profiles=("glib",), example_path=_EXAMPLE,
        suggestion="join the pieces into one string literal on one line, so that the whole "
                   "message can be found with grep and translators see one sentence",
        what="A line where a ``_(`` is still open at the end and whose last token is a string "
             "literal: the first piece of a translatable message that goes on over the next "
             "line.  A piece that ends in ``\\n`` (usage and help text) is left alone.",
        why="A message cut into pieces cannot be found with ``git grep`` from what a user "
            "reports, and the pieces invite a reflow that drops the space at the cut.  libvirt "
            "keeps each translatable message on one line however long it gets; only text that "
            "ends with ``\\n`` (help and usage output) may go on over several lines.",
        bad=[("    virReportError(VIR_ERR_CONFIG_UNSUPPORTED, _(\"throttle group '%1$s' \"\n"
              "                                                 \"needs a disk\"), group);",
              "1:48: diagnostic-one-line: translatable message split over several lines: keep\n"
              "  it on one line, even past 80 columns")],
        good=("    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,\n"
              "                   _(\"throttle group '%1$s' needs a disk\"), group);")),

    Pattern(
        "translation-positional",
        r"(?<![\w])N?_\(\s*\"(?!%s\"\s*\))(?:[^\"\\%]|\\.|%%|%\d+\$"
        r"|%(?=[^-+#0'\d.*hlLqjztdiouxXeEfFgGaAcsSpn%]))*"
        r"(%[-+#0']*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsSpn])",
        "non-positional conversion in a translatable string: write %1$s, %2$d, ...",
        summary='a conversion without a position (`%s`, not `%1$s`) in a translatable string',
        syntax_check="sc_require_permutable_format_in_translation", needs=("_(",),
        scope="any", profiles=("glib",), example_path=_EXAMPLE,
        # a bare _("%s") is translation-useless's, a debug message translation-in-debug's
        unless=r"\bVIR_(?:WARN|INFO|DEBUG)\s*\(\s*_\(",
        suggestion="number every conversion of the string (%1$s, %2$llu, ...) in the order "
                   "of the arguments",
        what="A string in ``_()`` or ``N_()`` holding a conversion without a position, ``%s``, "
             "``%d``, ``%llu``..., where ``%1$s`` is wanted.  A bare ``_(\"%s\")`` is "
             "translation-useless's, and a debug message translation-in-debug's.",
        why="A translation may have to put the arguments in another order than English does; "
            "it can only do so when every conversion says which argument it takes.  libvirt "
            "numbers every conversion of a translatable string, and its syntax-check refuses a "
            "plain ``%s`` inside ``_()``.",
        bad=[("    virReportError(VIR_ERR_INVALID_ARG, _(\"queue %u of disk '%s' is busy\"),\n"
              "                   q, dst);",
              "1:41: translation-positional: non-positional conversion in a translatable\n"
              "  string: write %1$s, %2$d, ...")],
        good=("    virReportError(VIR_ERR_INVALID_ARG, _(\"queue %1$u of disk '%2$s' is busy\"),\n"
              "                   q, dst);")),

    Pattern(
        "translation-useless",
        r"(?<![\w])N?_\(\s*\"(?:%s)?\"\s*\)",
        "nothing to translate: drop the _() around an empty string or a bare \"%s\"",
        summary='`_()` around an empty string or a bare `"%s"`',
        # (a bare "%s" is also a conversion without a position, which it answers too)
        syntax_check=("sc_prohibit_useless_translation",
                      "sc_require_permutable_format_in_translation"),
        needs=("_(",), scope="any", exclude=("tests/virpolkittest.c",), example_path=_EXAMPLE,
        what="``_(\"\")`` or ``_(\"%s\")`` (or the same with ``N_``).",
        why="``_(\"\")`` hands translators an empty msgid (which gettext maps to the catalogue's "
            "header) and ``_(\"%s\")`` a string with no words in it; both only cost a lookup.",
        bad=[("    virReportError(VIR_ERR_INTERNAL_ERROR, _(\"%s\"), msg);",
              "1:44: translation-useless: nothing to translate: drop the _() around an empty\n"
              "  string or a bare \"%s\"")],
        good="    virReportError(VIR_ERR_INTERNAL_ERROR, \"%s\", msg);"),

    Pattern(
        "translation-in-tests",
        r"(?<![\w])N?_\(",
        "tests and examples are not translated: drop the _()",
        summary='a string marked for translation in `tests/` or `examples/`',
        syntax_check="sc_prohibit_useless_translation", needs=("_(",),
        files=("tests/*.c", "tests/*.h", "examples/*.c", "examples/*.h"),
        exclude=("tests/virpolkittest.c",), example_path="tests/qemublocktest.c",
        profiles=("glib",),
        what="A ``_(`` or ``N_(`` in the C sources of ``tests/`` and ``examples/``.",
        why="Nobody translates the test suite or the examples: marking their strings adds "
            "them to the catalogue translators work through, for nothing.",
        bad=[("        fprintf(stderr, _(\"throttle group '%s' missing\\n\"), name);",
              "1:25: translation-in-tests: tests and examples are not translated: drop the _()")],
        good="        fprintf(stderr, \"throttle group '%s' missing\\n\", name);"),

    Pattern(
        "translation-in-debug",
        r"\bVIR_(?:WARN|INFO|DEBUG)\s*\(\s*_\(",
        "VIR_DEBUG/VIR_INFO/VIR_WARN messages are for developers: do not mark them for "
        "translation",
        summary='a `VIR_DEBUG()`/`VIR_INFO()`/`VIR_WARN()` message marked for translation',
        # (its conversions without a position go with the _(): it answers for them too)
        syntax_check=("sc_prohibit_gettext_markup",
                      "sc_require_permutable_format_in_translation"),
        needs=("_(",), example_path=_EXAMPLE,
        suggestion="drop the _( ) around the message",
        what="``VIR_DEBUG(_(``, ``VIR_INFO(_(`` or ``VIR_WARN(_(``: a log message whose format "
             "is marked for translation.",
        why="Debug, info and warning log messages are read by developers in a log file; "
            "translating them gains nothing and makes a bug report harder to grep for.  Only "
            "the messages a user is shown (``virReportError()``, ``VIR_ERROR()``) are marked.",
        bad=[("    VIR_WARN(_(\"throttle group '%1$s' has no members\"), group);",
              "1:5: translation-in-debug: VIR_DEBUG/VIR_INFO/VIR_WARN messages are for\n"
              "  developers: do not mark them for translation")],
        good="    VIR_WARN(\"throttle group '%s' has no members\", group);"),
]
