"""Layout and spacing: braces, labels, macro backslashes, and the spacing of C tokens.

The one-line rules of the family are pattern rules (see patchlint/patterns.py): a regular
expression over the code an added line holds, its message, its libvirt syntax-check name, and
a bad and a good example that the test suite runs.  The rules that need the lines around them
(``if``/``else`` braces, hanging braces) and the checks of libvirt's
``build-aux/check-spacing.pl`` (which read a line the way that script does, see
:mod:`patchlint.c.spacing`) are code rules in ``rules/layout_*.py``.
"""

from patchlint.api import C_XDR_FILES, Family, Pattern

FAMILY = Family("layout", "Layout and spacing", rank=5)

PATTERNS = [
    Pattern(
        "paren-brace-space", r"\)\{(?=\s*$)",
        "put a space between ')' and the '{' that opens the block",
        syntax_check="sc_prohibit_paren_brace", files=C_XDR_FILES, needs=("){",),
        replacement=") {",
        what="A line that ends in ``){``: a block's opening brace glued to the parenthesis "
             "before it, in C sources and the RPC protocol's ``.x`` files.",
        why="libvirt writes a block's opening brace after one space: `if (ret < 0) {`.  A "
            "brace glued to the parenthesis is easy to miss when reading the condition.",
        bad=[("    if (virDomainObjIsActive(vm)){",
              "1:33: paren-brace-space: put a space between ')' and the '{' that opens the\n"
              "  block\n"
              "    fix: \"){\" -> \") {\"")],
        good="    if (virDomainObjIsActive(vm)) {"),

    Pattern(
        "label-indent", r"^(?:|  |   )(?!default:)([A-Za-z_0-9]+):(?=\s*$)",
        "indent a goto label by exactly one space",
        # (in the 2012 tree labels sat in column 0: the rule came later)
        syntax_check="sc_require_space_before_label", needs=(":",),
        replacement=r" \1:", profiles=("glib",),
        what="A ``goto`` label alone on its line (``cleanup:``) indented by no space, two or "
             "three instead of one; ``default:`` is no label.",
        why="libvirt indents every label by one space: it keeps the label out of column 0 "
            "(where `diff -p` and editors look for function names, so hunk headers name the "
            "function rather than `cleanup:`) while it still stands out from the body.",
        bad=[("    return 0;\n"
              "\n"
              "cleanup:\n"
              "    virObjectUnref(cfg);",
              "3:1: label-indent: indent a goto label by exactly one space\n"
              "    fix: \"cleanup:\" -> \" cleanup:\""),
             ("    return 0;\n"
              "\n"
              "   error:\n"
              "    return -1;",
              "3:1: label-indent: indent a goto label by exactly one space\n"
              "    fix: \"   error:\" -> \" error:\"")],
        good=("    return 0;\n\n cleanup:\n    virObjectUnref(cfg);",
              "    switch (type) {\n    default:\n        break;\n    }")),

    Pattern(
        "label-colon-space", r"^( {0,3}[A-Za-z_0-9]+)\s+:(?=\s*$)",
        "no space between a label and its colon",
        syntax_check="sc_prohibit_space_in_label", needs=(":",),
        replacement=r"\1:",
        what="A label alone on its line, indented by three spaces at most, with blanks between "
             "its name and its colon (``cleanup :``).",
        why="A label is written like a `case`: the name and its colon together "
            "(` cleanup:`), so that searching for `cleanup:` finds it.",
        bad=[("    return ret;\n"
              "\n"
              " cleanup :\n"
              "    VIR_FREE(path);",
              "3:1: label-colon-space: no space between a label and its colon\n"
              "    fix: \" cleanup :\" -> \" cleanup:\"")],
        good="    return ret;\n\n cleanup:\n    VIR_FREE(path);"),

    Pattern(
        "backslash-alignment", r"(?<![ \t])[ \t]*(?:  |\t)\\$",
        "put a single space before a line-continuation backslash, do not align it",
        # (the 2012 tree still aligned them: the rule came later)
        syntax_check="sc_prohibit_backslash_alignment", scope="any", needs=("\\",),
        profiles=("glib",),
        # (gnulib's maint.mk, which projects copy in as it is, keeps gnulib's style)
        files=C_XDR_FILES + ("*.am", "*.mk"), exclude=("build-aux/syntax-check.mk", "maint.mk"),
        replacement=r" \\",
        what="A line ending in a macro-continuation backslash with more than one space, or a "
             "TAB, before it: the backslash pushed out to line up with the others.  In C "
             "sources, ``.x`` files and makefiles, but the copies of gnulib's ``maint.mk``.",
        why="Backslashes lined up in a right-hand column have to be realigned whenever a "
            "longer line is added to the macro, which turns a one-line change into a diff of "
            "the whole macro; one space before each backslash never needs touching.",
        bad=[("#define VIR_EXAMPLE_CHECK(obj)        \\\n"
              "    do {                              \\\n"
              "        if (!(obj))                   \\\n"
              "            return -1;                \\\n"
              "    } while (0)",
              "1:31: backslash-alignment: put a single space before a line-continuation\n"
              "  backslash, do not align it\n"
              "    fix: \"        \\\\\" -> \" \\\\\"\n"
              "2:9: backslash-alignment: put a single space before a line-continuation\n"
              "  backslash, do not align it\n"
              "    fix: \"                              \\\\\" -> \" \\\\\"\n"
              "3:20: backslash-alignment: put a single space before a line-continuation\n"
              "  backslash, do not align it\n"
              "    fix: \"                   \\\\\" -> \" \\\\\"\n"
              "4:23: backslash-alignment: put a single space before a line-continuation\n"
              "  backslash, do not align it\n"
              "    fix: \"                \\\\\" -> \" \\\\\"")],
        good=("#define VIR_EXAMPLE_CHECK(obj) \\\n"
              "    do { \\\n"
              "        if (!(obj)) \\\n"
              "            return -1; \\\n"
              "    } while (0)")),
]
