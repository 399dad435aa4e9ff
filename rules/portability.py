"""Portability and C idioms: constructs that build on one system and misbehave on another, and
C spellings that say more than they mean.

Each entry is a pattern rule (see patchlint/patterns.py) over the code an added line holds:
libvirt's syntax-check greps the raw line, comments and strings included; these look at code
only (comments and string contents blanked), so a comment that mentions ``exit(1)`` or a
message that quotes ``const ... const`` is never reported.

Most of these targets came to libvirt with gnulib's ``maint.mk`` and grep every file of the
tree; the constructs they look for are C, so the rules read C files (a ``.c`` or ``.h``, their
``.in`` templates and the RPC ``.x`` files): what they would find elsewhere (a doc that quotes
code) is not what they are about.  Where libvirt names the files itself (``in_vc_files``) or
spares some (``exclude_file_name_regexp--sc_*``), the rules do the same.

Two eras: ``exit()`` in tests, ``qsort()`` and ``strncat(a, b, strlen(b))`` were only
forbidden after 2012, so those rules belong to profile ``glib``; the unused-parameter marker
and the configure macros changed names (``ATTRIBUTE_UNUSED``/``G_GNUC_UNUSED``,
``HAVE_DECL_``/``WITH_DECL_``), so those rules come twice, once per profile.  The two shell
rules of the family (``test ==``, ``grep -q``) need to know what kind of file they read: they
are code rules, ``shell_test_double_equal.py`` and ``shell_grep_q.py``.
"""

from patchlint.api import C_XDR_FILES, Family, Pattern

FAMILY = Family("portability", "Portability and C idioms", rank=3.7)

# The headers libvirt lets mark parameters unused: virlog.h's and the bridge driver's inline
# helpers, whose parameters only some builds use.
_UNUSED_IN_HEADER_EXEMPT = ("src/util/virlog.h", "src/network/bridge_driver.h")

# A '#' before the first occurrence of the marker: a preprocessor line (its definition, a
# #define that passes it on), which libvirt's check leaves alone.
_HASH_BEFORE = r"^(?:(?!{0})[^#])*#"

PATTERNS = [
    # -- the preprocessor -------------------------------------------------------------------
    Pattern(
        "macro-boolean-value",
        r"^#define.*(yes|no|true|false)$",
        r"define the macro as 1 or 0, not '\1': #if reads any word as 0",
        syntax_check="sc_Wundef_boolean", files=C_XDR_FILES, needs=("#define",),
        summary="a macro defined as yes/no/true/false, which #if reads as 0",
        suggestion="#define WITH_FOO 1, and leave it undefined (or 0) for no",
        what="A ``#define`` (the ``#`` in the first column, as libvirt's check wants it) whose "
             "line ends in ``yes``, ``no``, ``true`` or ``false``, in code (a comment at the "
             "end of the line is not the macro's value).  libvirt's check does not ask for a "
             "whole word: ``#define IS_ON is_true`` counts too.",
        why="The preprocessor does not know C's words: in ``#if WITH_FOO`` a macro defined "
            "as ``true`` or ``yes`` expands to an identifier, and every identifier left in an "
            "``#if`` is 0, so the feature is silently off.  -Wundef would say so, but the "
            "tree cannot build with it; the check keeps the words out instead.",
        bad=[("#define WITH_VIRTUALPORT true",
              "1:1: macro-boolean-value: define the macro as 1 or 0, not 'true': #if reads any\n"
              "  word as 0")],
        good=("#define WITH_VIRTUALPORT 1",
              "#define VIR_NET_DEFAULT_ENABLED 0 /* true with systemd */")),
    Pattern(
        "have-config-h-test",
        r"^# *if.*HAVE_CONFIG_H",
        "remove the HAVE_CONFIG_H test: include <config.h> unconditionally",
        syntax_check="sc_prohibit_have_config_h", files=C_XDR_FILES,
        summary="a preprocessor test of HAVE_CONFIG_H",
        what="An ``#if``, ``#ifdef`` or ``#ifndef`` (``#`` in the first column) whose condition "
             "names ``HAVE_CONFIG_H``.",
        why="Every file of the tree is built with its configuration: ``<config.h>`` is always "
            "there and always comes first, so a guard around it only hides a build that "
            "forgot it, with every ``WITH_*`` test quietly false.",
        bad=[("#ifdef HAVE_CONFIG_H\n"
              "# include <config.h>\n"
              "#endif",
              "1:1: have-config-h-test: remove the HAVE_CONFIG_H test: include <config.h>\n"
              "  unconditionally")],
        good="#include <config.h>"),
    Pattern(
        "with-decl-defined",
        r"(?:#[\t ]*ifn?def|\bdefined)\b[\t (]+WITH_DECL_",
        "test WITH_DECL_* macros with #if, not #ifdef or defined()",
        syntax_check="sc_prohibit_defined_have_decl_tests", files=C_XDR_FILES,
        profiles=("glib",), needs=("WITH_DECL_",),
        summary="a WITH_DECL_* macro tested with #ifdef or defined() instead of #if",
        suggestion="#if WITH_DECL_SEEK_HOLE",
        what="``#ifdef WITH_DECL_...``, ``#ifndef WITH_DECL_...`` or ``defined(WITH_DECL_...)`` "
             "(``defined WITH_DECL_...`` too).",
        why="The macros came from autoconf's AC_CHECK_DECLS, which defines HAVE_DECL_FOO to 0 "
            "or 1 whether or not the declaration exists, so ``#ifdef`` was always true.  "
            "meson now defines WITH_DECL_FOO only when it is found, but libvirt tests every "
            "WITH_ macro with ``#if`` and the check keeps it that way: one spelling whatever "
            "the build system.",
        bad=[("#ifdef WITH_DECL_SEEK_HOLE",
              "1:1: with-decl-defined: test WITH_DECL_* macros with #if, not #ifdef or\n"
              "  defined()"),
             ("#if defined(__linux__) && defined(WITH_DECL_HTOLE64)",
              "1:27: with-decl-defined: test WITH_DECL_* macros with #if, not #ifdef or\n"
              "  defined()")],
        good=("#if WITH_DECL_SEEK_HOLE",
              "#if defined(__linux__) && WITH_DECL_HTOLE64")),
    Pattern(
        "have-decl-defined",
        r"(?:#[\t ]*ifn?def|\bdefined)\b[\t (]+HAVE_DECL_",
        "test HAVE_DECL_* macros with #if: they are always defined, to 0 or 1",
        syntax_check="sc_prohibit_defined_have_decl_tests", files=C_XDR_FILES,
        profiles=("gnulib",), needs=("HAVE_DECL_",),
        summary="a HAVE_DECL_* macro tested with #ifdef or defined(), which is always true",
        suggestion="#if HAVE_DECL_SEEK_HOLE",
        what="``#ifdef HAVE_DECL_...``, ``#ifndef HAVE_DECL_...`` or ``defined(HAVE_DECL_...)``.",
        why="autoconf's AC_CHECK_DECLS defines HAVE_DECL_FOO to 1 when the declaration "
            "exists and to 0 when it does not: it is always defined, so ``#ifdef`` takes the "
            "branch on every system.",
        bad=[("#ifdef HAVE_DECL_SEEK_HOLE",
              "1:1: have-decl-defined: test HAVE_DECL_* macros with #if: they are always\n"
              "  defined, to 0 or 1")],
        good="#if HAVE_DECL_SEEK_HOLE"),

    # -- declarations -----------------------------------------------------------------------
    Pattern(
        "g-gnuc-unused-in-header",
        r"G_GNUC_UNUSED(?!:)",
        "mark the parameter G_GNUC_UNUSED where the function is defined, in the .c file, "
        "not in the header",
        syntax_check="sc_avoid_g_gnuc_unused_in_header", files=("*.h",),
        exclude=_UNUSED_IN_HEADER_EXEMPT, profiles=("glib",),
        unless=_HASH_BEFORE.format("G_GNUC_UNUSED"), example_path="src/util/virthrottle.h",
        summary="G_GNUC_UNUSED in a header instead of on the definition in the .c file",
        what="``G_GNUC_UNUSED`` in the code of a ``.h`` file, unless a ``#`` comes before it "
             "on the line (its definition, a macro that passes it on).  libvirt's own "
             "exceptions, ``src/util/virlog.h`` and ``src/network/bridge_driver.h``, whose "
             "inline helpers use a parameter in some builds only, are left alone.",
        why="Whether a parameter is used is a fact about one function body, not about its "
            "interface: on a prototype the attribute tells the compiler nothing, and it "
            "misleads the reader of the header into thinking the argument does not matter.",
        bad=[("int virThrottleGroupApply(virThrottleGroup *group,\n"
              "                          unsigned int flags G_GNUC_UNUSED);",
              "2:46: g-gnuc-unused-in-header: mark the parameter G_GNUC_UNUSED where the\n"
              "  function is defined, in the .c file, not in the header")],
        good=("int virThrottleGroupApply(virThrottleGroup *group,\n"
              "                          unsigned int flags);",
              "#define VIR_UNUSED_ARG G_GNUC_UNUSED")),
    Pattern(
        "attribute-unused-in-header",
        r"ATTRIBUTE_UNUSED(?!:)",
        "mark the parameter ATTRIBUTE_UNUSED where the function is defined, in the .c file, "
        "not in the header",
        syntax_check="sc_avoid_attribute_unused_in_header", files=("*.h",),
        profiles=("gnulib",), unless=_HASH_BEFORE.format("ATTRIBUTE_UNUSED"),
        example_path="src/util/virthrottle.h",
        summary="ATTRIBUTE_UNUSED in a header instead of on the definition in the .c file",
        what="``ATTRIBUTE_UNUSED`` in the code of a ``.h`` file, unless a ``#`` comes before it "
             "on the line (its definition in ``internal.h``, a macro that passes it on).",
        why="Whether a parameter is used is a fact about one function body, not about its "
            "interface: on a prototype the attribute tells the compiler nothing, and it "
            "misleads the reader of the header.",
        bad=[("int virThrottleGroupApply(virThrottleGroupPtr group,\n"
              "                          unsigned int flags ATTRIBUTE_UNUSED);",
              "2:46: attribute-unused-in-header: mark the parameter ATTRIBUTE_UNUSED where\n"
              "  the function is defined, in the .c file, not in the header")],
        good=("int virThrottleGroupApply(virThrottleGroupPtr group,\n"
              "                          unsigned int flags);",
              "# define ATTRIBUTE_UNUSED __attribute__((__unused__))")),
    Pattern(
        "redundant-const",
        r"\bconst\b[\s0-9A-Za-z]{2,}\bconst\b",
        "drop the second const: the type is const already",
        syntax_check="sc_redundant_const", files=C_XDR_FILES, needs=("const",),
        summary="`const` written twice for the same type",
        suggestion="const char *name, or char *const name for a constant pointer",
        what="Two ``const`` keywords with only blanks, letters and digits between them "
             "(``const char const``, ``const struct foo const``): both qualify the same type.  "
             "``const char *const p`` (a ``*`` between them) is a constant pointer to constant "
             "characters and is not flagged, nor is ``#define const const``.",
        why="Repeating a qualifier on one type changes nothing; it usually means the writer "
            "wanted a constant pointer (``char *const``) and put the second ``const`` on the "
            "wrong side of the ``*``.",
        bad=[("static const char const *virThrottleModes[] = { \"off\", \"on\" };",
              "1:8: redundant-const: drop the second const: the type is const already")],
        good=("static const char *const virThrottleModes[] = { \"off\", \"on\" };",
              "    /* a const pointer to const data */")),
    Pattern(
        "const-long-options",
        r"^ *static.*struct option ",
        "make the option table const: static const struct option",
        syntax_check="sc_const_long_option", files=C_XDR_FILES,
        unless=r"const struct option|struct option const", needs=("struct option",),
        example_path="tools/virt-throttle.c",
        summary="a static `struct option` table for getopt_long() that is not const",
        what="A line starting with ``static`` (after spaces) that declares a ``struct option`` "
             "(getopt_long()'s table of long options) without ``const struct option`` or "
             "``struct option const`` on it.",
        why="getopt_long() never writes to the table; a const table lives in read-only "
            "memory, where a stray write faults instead of changing the program's options.",
        bad=[("    static struct option opts[] = {",
              "1:1: const-long-options: make the option table const: static const struct\n"
              "  option")],
        good="    static const struct option opts[] = {"),

    # -- memory -----------------------------------------------------------------------------
    Pattern(
        "free-arg-cast",
        r"\bfree *\( *\(",
        "drop the cast: free() takes any pointer",
        syntax_check="sc_cast_of_argument_to_free", files=C_XDR_FILES,
        summary="a cast on the argument of free()",
        what="``free(`` followed directly by a second ``(``: the argument starts with a cast "
             "(``free((void *) p)``), or an extra pair of parentheses.  ``g_free()``, "
             "``VIR_FREE()`` and other names that merely end in ``free`` are not flagged.",
        why="Any object pointer converts to ``void *`` by itself; a cast only silences the "
            "compiler when the pointer is ``const``, and that warning is the one worth "
            "hearing: memory that is freed should not be reached through a const pointer.",
        bad=[("    free((void *) def->name);",
              "1:5: free-arg-cast: drop the cast: free() takes any pointer")],
        good="    free(def->name);"),
    Pattern(
        "xalloc-cast",
        r"\*\) *(x(?:m|c|re)alloc)\b",
        r"drop the cast of what \1() returns: void * converts to any object pointer",
        syntax_check="sc_cast_of_x_alloc_return_value", files=C_XDR_FILES,
        needs=("alloc",),
        summary="a cast on the result of gnulib's xmalloc(), xcalloc() or xrealloc()",
        what="A pointer cast, ``*)``, right before a call of gnulib's ``xmalloc()``, "
             "``xcalloc()`` or ``xrealloc()``.",
        why="In C the ``void *`` they return converts to the target's type without a cast; "
            "the cast only repeats the type, and hides a missing prototype (the old implicit "
            "``int``) that the compiler would otherwise report.",
        bad=[("    buf = (char *) xmalloc(len + 1);",
              "1:17: xalloc-cast: drop the cast of what xmalloc() returns: void * converts to\n"
              "  any object pointer")],
        good="    buf = xmalloc(len + 1);"),
    Pattern(
        "verbose-strcat",
        r"strncat\([^,]*,\s+([^,]*),\s+strlen\(\1\)\)",
        "write strcat(dst, src): strncat(dst, src, strlen(src)) bounds nothing",
        syntax_check="sc_prohibit_verbose_strcat", files=("*.c", "*.h"), profiles=("glib",),
        suggestion="the length limit of strncat() is the room left in dst, not the length of "
                   "src; better still, build the string with g_strdup_printf() or a virBuffer",
        summary="strncat(dst, src, strlen(src)), a strcat() in disguise",
        what="A ``strncat()`` whose length argument is ``strlen()`` of its own source (the "
             "same text as the second argument).",
        why="strncat()'s count limits how much of the source is appended, so the source's "
            "own length limits nothing: the call is strcat() with the look of a bounds "
            "check, and the reader trusts a bound that is not there.",
        bad=[("    strncat(path, name, strlen(name));",
              "1:5: verbose-strcat: write strcat(dst, src): strncat(dst, src, strlen(src))\n"
              "  bounds nothing")],
        good=("    strcat(path, name);",
              "    strncat(path, name, sizeof(path) - strlen(path) - 1);")),
    Pattern(
        "prefer-g-qsort",
        r"\b(qsort|qsort_r) *\(",
        r"sort with g_qsort_with_data() instead of \1()",
        syntax_check="sc_prohibit_qsort", files=C_XDR_FILES, profiles=("glib",),
        needs=("qsort",),
        suggestion="g_qsort_with_data(base, n, size, cmp, NULL); its comparator takes a third, "
                   "user-data argument",
        summary="qsort()/qsort_r() where libvirt sorts with g_qsort_with_data()",
        what="A call of ``qsort()`` or ``qsort_r()``.",
        why="qsort() does not promise to keep equal elements in their order, and C libraries "
            "differ (glibc 2.37 changed its algorithm), so the same input can come out in "
            "another order on another system: output and test results that differ between "
            "builds.  GLib's sort is stable and the same everywhere; qsort_r() is not even "
            "portable (BSD's takes its arguments in another order).",
        bad=[("    qsort(list, nlist, sizeof(*list), virThrottleGroupCompare);",
              "1:5: prefer-g-qsort: sort with g_qsort_with_data() instead of qsort()")],
        good="    g_qsort_with_data(list, nlist, sizeof(*list), virThrottleGroupCompare, NULL);"),

    # -- exiting ----------------------------------------------------------------------------
    Pattern(
        "exit-magic-number",
        r"(?<![.\w])(usage|exit) ?\(-?[0-9]+[,)]",
        r"pass EXIT_SUCCESS or EXIT_FAILURE to \1(), not a number",
        syntax_check="sc_prohibit_magic_number_exit", files=C_XDR_FILES,
        unless=r"exit \(77\)|error ?\(", needs=("exit", "usage"),
        example_path="tools/virt-throttle.c",
        summary="exit() or usage() given a number instead of EXIT_SUCCESS/EXIT_FAILURE",
        what="``exit(N)`` or ``usage(N)`` (one blank allowed before the parenthesis) with a "
             "literal number, negative ones too; a method call (``.exit(1)``) is not flagged.  "
             "As in libvirt's check, a line that calls ``error()`` anywhere, or that holds "
             "``exit (77)``, the automake code for a skipped test, is left alone.",
        why="The meaning of an exit status is fixed by EXIT_SUCCESS and EXIT_FAILURE, not by "
            "numbers that differ between systems (VMS) and between programs; the names also "
            "say at a glance which way the program ends.",
        bad=[("        exit(1);",
              "1:9: exit-magic-number: pass EXIT_SUCCESS or EXIT_FAILURE to exit(), not a\n"
              "  number"),
             ("    usage(0);",
              "1:5: exit-magic-number: pass EXIT_SUCCESS or EXIT_FAILURE to usage(), not a\n"
              "  number")],
        good=("        exit(EXIT_FAILURE);",
              "    usage(EXIT_SUCCESS);")),
    Pattern(
        "exit-in-tests",
        r"\bexit *\(",
        "return from the test instead of calling exit(): the harness reports the result",
        syntax_check="sc_prohibit_exit_in_tests", files=("*tests/*.c",), profiles=("glib",),
        needs=("exit",), example_path="tests/virthrottletest.c",
        suggestion="return EXIT_FAILURE (or -1 from a test callback); a line that must exit "
                   "says so with /* exempt from syntax-check */",
        summary="exit() called in a test program",
        what="A call of ``exit()`` in a ``.c`` file under a ``tests/`` directory (``_exit()`` "
             "is another function).  A line carrying libvirt's ``exempt from syntax-check`` "
             "comment is left alone.",
        why="libvirt's test programs return from their callbacks and from mymain(), so that "
            "virTestRun() prints the test's result, VIR_TEST_MAIN() cleans up and a failure "
            "is reported as one; exit() in the middle skips all that and hides which test "
            "failed.",
        bad=[("        exit(EXIT_FAILURE);",
              "1:9: exit-in-tests: return from the test instead of calling exit(): the\n"
              "  harness reports the result")],
        good=("        return -1;",
              "    exit(EXIT_FAILURE); /* exempt from syntax-check */")),
]
