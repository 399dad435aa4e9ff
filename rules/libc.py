"""libc and GLib replacements: calls libvirt has its own (or GLib's) better answer for.

Each entry is a pattern rule (see patchlint/patterns.py): a regular expression over the code
an added line holds, its message, its libvirt syntax-check name, and a bad and a good example
that the test suite runs.  The GLib era (profile ``glib``, the default) and the 2012 gnulib era
(profile ``gnulib``) differ in what they ask for instead: where they do, the rule comes twice,
once per profile, under two ids and the same syntax-check name.

The path exemptions are libvirt's own (``exclude_file_name_regexp--sc_*``), those of today's
tree and of the 2012 tree together: the files that implement the wrapper a rule asks for, test
mocks, the NSS plugin and the examples, which cannot link libvirt's internals.
"""

from patchlint.api import C_XDR_FILES, LIBVIRT_CODE, Family, Pattern

FAMILY = Family("libc", "libc and GLib replacements", rank=3)

# The balanced argument list of a call, two levels of nested parentheses deep.  Rules run on
# the code of a line, where string and character literals are blanked, so a ')' inside a
# string can't unbalance it.
_ARGS = r"(?:[^()]|\((?:[^()]|\([^()]*\))*\))*"

# Where a call's value is a condition by itself: "if (", "while (" or after && / ||.
_TRUTH = r"(?:(?<=\bif \()|(?<=\bwhile \()|(?<=&& )|(?<=\|\| ))"

# Not a member (foo.close(), foo->close()) nor the tail of a longer name.
_CALL = r"(?<![\w.])(?<!->)"

_NONREENTRANT = (
    "asctime|ctime|drand48|ecvt|erand48|ether_aton|ether_ntoa|fcvt|fgetgrent|fgetpwent|"
    "fgetsgent|fgetspent|getaliasbyname|getaliasent|getdate|getgrent|getgrgid|getgrnam|"
    "gethostbyaddr|gethostbyname2|gethostbyname|gethostent|getlogin|getmntent|getnetbyaddr|"
    "getnetbyname|getnetent|getnetgrent|getprotobyname|getprotobynumber|getprotoent|getpwent|"
    "getpwnam|getpwuid|getrpcbyname|getrpcbynumber|getrpcent|getservbyname|getservbyport|"
    "getservent|getsgent|getsgnam|getspent|getspnam|getutent|getutid|getutline|gmtime|"
    "hcreate|hdestroy|hsearch|initstate|jrand48|lcong48|localtime|lrand48|mrand48|nrand48|"
    "ptsname|qecvt|qfcvt|random|rand|seed48|setstate|sgetsgent|sgetspent|srand48|srandom|"
    "strtok|tmpnam|ttyname")

_INET = "addr|aton|lnaof|makeaddr|netof|network|nsap_addr|nsap_ntoa|ntoa|ntop|pton"

# libvirt's exemptions from sc_prohibit_nonreentrant, of today and of 2012.
_NONREENTRANT_EXEMPT = ("tests/*", "examples/*", "po/*", "tools/virt-login-shell.c",
                        "tools/virsh.c", "tools/console.c")

_STRCASE = ("strcasecmp", "strncasecmp", "strcasestr")

_CTYPE = ("isalnum|isalpha|isascii|isblank|iscntrl|isdigit|isgraph|islower|isprint|ispunct|"
          "isspace|isupper|isxdigit|tolower|toupper")

# The public objects whose vir*Free() drops the caller's reference in the public API.
_PUBLIC_OBJECTS = ("Domain|Network|NetworkPort|NodeDevice|StorageVol|StoragePool|Stream|Secret|"
                   "NWFilter|NWFilterBinding|Interface|DomainSnapshot|DomainCheckpoint")

# The NSS plugin is loaded into other programs and cannot link libvirt's internals.
_NSS = ("tools/nss/*",)

_ALL = [
    # -- string comparison ------------------------------------------------------------------
    Pattern(
        "prefer-streq",
        rf"!\s*strcmp\s*\(|\bstrcmp\s*\({_ARGS}\)\s*[!=]=(?:\s*0\b)?|[!=]=\s*strcmp\s*\("
        rf"|{_TRUTH}strcmp\s*\({_ARGS}\)(?=\s*(?:\)|&&|\|\|))",
        "test strings for equality with STREQ() or STRNEQ(), not strcmp()",
        syntax_check="sc_prohibit_strcmp", needs=("strcmp",),
        unless=r"#\s*define\s+STRN?EQ\b",
        suggestion="STREQ(a, b) for strcmp(a, b) == 0, STRNEQ(a, b) for != 0; strcmp() stays "
                   "for ordering (a qsort() comparator, '< 0')",
        files=LIBVIRT_CODE,
        what="``strcmp()`` used to test two strings for equality: compared with ``==`` or ``!=`` "
             "(``strcmp(a, b) == 0``), negated (``!strcmp(a, b)``), or standing alone as a "
             "condition (after ``if (``, ``while (``, ``&&`` or ``||``).  A ``strcmp()`` whose "
             "sign matters (a sort comparator returning it, ``< 0``) is not flagged, nor is the "
             "definition of ``STREQ`` itself.  A bare condition goes beyond libvirt's check, "
             "which wants ``!`` or ``==``/``!=``, but not beyond its coding style (\"do not use "
             "the strcmp, strncmp, etc functions directly\"): ``if (strcmp(a, b))`` means "
             "STRNEQ() while reading as a test for equality.  libvirt v10.7.0 has one, in "
             "``tests/virbitmaptest.c``.",
        why="STREQ(a, b) says what the test is about; '!strcmp(a, b)' reads as the opposite of "
            "what it does, and a comparison left out or inverted silently flips the test.  "
            "strcmp() itself is fine where its sign matters: a sort comparator returning it, "
            "or '< 0'.",
        bad=[("    if (strcmp(model, \"virtio\") == 0)",
              "1:9: prefer-streq: test strings for equality with STREQ() or STRNEQ(), not\n"
              "  strcmp()"),
             ("    if (!strcmp(def->os.machine, \"q35\"))",
              "1:9: prefer-streq: test strings for equality with STREQ() or STRNEQ(), not\n"
              "  strcmp()"),
             ("    if (strcmp(src->path, dst->path))\n"
              "        return -1;",
              "1:9: prefer-streq: test strings for equality with STREQ() or STRNEQ(), not\n"
              "  strcmp()")],
        good=("    if (STREQ(model, \"virtio\"))",
              "    return strcmp(a->name, b->name);",
              "    if (strcmp(a->name, b->name) < 0)"),
        exclude=_NSS + ("tools/virt-login-shell.c",)),
    Pattern(
        "prefer-streqlen",
        rf"!\s*strncmp\s*\(|\bstrncmp\s*\({_ARGS}\)\s*[!=]=(?:\s*0\b)?|[!=]=\s*strncmp\s*\("
        rf"|{_TRUTH}strncmp\s*\({_ARGS}\)(?=\s*(?:\)|&&|\|\|))",
        "compare a prefix or the first bytes with STRPREFIX() or STREQLEN(), not strncmp()",
        syntax_check="sc_prohibit_strncmp", needs=("strncmp",),
        unless=r"#\s*define\s+STR(?:N?EQLEN|PREFIX)\b",
        suggestion="STRPREFIX(str, \"prefix\") needs no length to keep in step with the prefix; "
                   "STREQLEN(a, b, n) for n bytes",
        files=LIBVIRT_CODE,
        what="``strncmp()`` used to test equality: compared with ``==`` or ``!=``, negated, or "
             "standing alone as a condition (after ``if (``, ``while (``, ``&&`` or ``||``).  A "
             "``strncmp()`` whose sign matters is not flagged, nor are the definitions of "
             "``STREQLEN`` and ``STRPREFIX``.  A bare condition goes beyond libvirt's check "
             "but not beyond its coding style, as for prefer-streq; libvirt v10.7.0 has one, "
             "``if (strncmp(field, fieldnames[i], len))`` in ``src/util/virpci.c``.",
        why="strncmp(path, \"/dev/\", 5) == 0 repeats the prefix's length by hand, and the "
            "day the literal changes the count is wrong; STRPREFIX() counts for you and "
            "STREQLEN() names the test.",
        bad=[("    if (strncmp(path, \"/dev/\", 5) == 0)",
              "1:9: prefer-streqlen: compare a prefix or the first bytes with STRPREFIX() or\n"
              "  STREQLEN(), not strncmp()"),
             ("    if (!strncmp(name, \"vnet\", 4))",
              "1:9: prefer-streqlen: compare a prefix or the first bytes with STRPREFIX() or\n"
              "  STREQLEN(), not strncmp()")],
        good=("    if (STRPREFIX(path, \"/dev/\"))",
              "    ret = strncmp(a, b, len);"),
        exclude=_NSS),
    Pattern(
        "prefer-strneq", r"!\s*STREQ(?=\s*\()",
        "write STRNEQ(a, b), not !STREQ(a, b)",
        syntax_check="sc_prohibit_not_streq", needs=("STREQ",), replacement="STRNEQ",
        what="A ``!`` in front of a call of ``STREQ()`` (``STREQ_NULLABLE()`` is another macro "
             "and is left alone).",
        why="libvirt has both tests so that neither needs negating; a '!' in front of a "
            "macro call is easy to miss when reading the condition.",
        bad=[("    if (!STREQ(def->name, newdef->name))",
              "1:9: prefer-strneq: write STRNEQ(a, b), not !STREQ(a, b)\n"
              "    fix: \"!STREQ\" -> \"STRNEQ\"")],
        good=("    if (STRNEQ(def->name, newdef->name))",
              "    if (!STREQ_NULLABLE(def->title, newdef->title))")),
    Pattern(
        "no-negated-strneq", r"!\s*STRNEQ(?=\s*\()",
        "write STREQ(a, b), not !STRNEQ(a, b)",
        syntax_check="sc_prohibit_not_streq", needs=("STRNEQ",), replacement="STREQ",
        what="A ``!`` in front of a call of ``STRNEQ()``.",
        why="A negated inequality is a double negative: STREQ() says the same thing "
            "directly.",
        bad=[("    if (!STRNEQ(type, \"bridge\"))",
              "1:9: no-negated-strneq: write STREQ(a, b), not !STRNEQ(a, b)\n"
              "    fix: \"!STRNEQ\" -> \"STREQ\"")],
        good="    if (STREQ(type, \"bridge\"))"),

    # -- copying and formatting strings -----------------------------------------------------
    Pattern(
        "prefer-g-strdup", r"\b(strn?dup)(?=\s*\()",
        r"use g_\1() instead of \1()",
        syntax_check="sc_prohibit_strdup", profiles=("glib",), needs=("strdup", "strndup"),
        summary="strdup()/strndup() where libvirt uses g_strdup()/g_strndup()",
        suggestion="g_strdup()/g_strndup() abort on OOM and accept NULL, so the copy needs no "
                   "error path",
        what="A call of ``strdup()`` or ``strndup()``.",
        why="GLib's copies abort when memory runs out, as every other allocation in libvirt "
            "does, and pass NULL through; strdup() returns NULL on OOM, which then needs a "
            "check nobody tests.",
        bad=[("    if (!(def->name = strdup(name)))",
              "1:23: prefer-g-strdup: use g_strdup() instead of strdup()")],
        good=("    def->name = g_strdup(name);",
              "    def->alias = g_strndup(alias, len);"),
        exclude=("docs/*", "examples/*", "tests/virnetserverclientmock.c",
                 "tests/commandhelper.c") + _NSS),
    Pattern(
        "no-strncpy", r"\bstrncpy(?=\s*\()",
        "do not use strncpy(): it may leave the copy unterminated and NUL-pads the rest",
        syntax_check="sc_prohibit_strncpy", profiles=("glib",), needs=("strncpy",),
        suggestion="virStrcpy()/virStrcpyStatic() into a fixed buffer (they fail rather than "
                   "truncate), g_strndup() for a new copy of n bytes",
        files=LIBVIRT_CODE,
        what="A call of ``strncpy()`` in libvirt's own sources and tools.",
        why="strncpy() was made for fixed-width records: when the source is as long as the "
            "buffer the result has no terminating NUL, and when it is shorter the whole rest "
            "is zero-filled.  Neither is what a C string copy wants.",
        bad=[("    strncpy(addr.sun_path, path, sizeof(addr.sun_path));",
              "1:5: no-strncpy: do not use strncpy(): it may leave the copy unterminated and\n"
              "  NUL-pads the rest")],
        good="    if (virStrcpyStatic(addr.sun_path, path) < 0)"),
    Pattern(
        "prefer-virstrncpy", r"\bstrncpy(?=\s*\()",
        "use virStrncpy() or virStrcpy() instead of strncpy()",
        syntax_check="sc_prohibit_strncpy", profiles=("gnulib",), needs=("strncpy",),
        suggestion="virStrncpy()/virStrcpy()/virStrcpyStatic() always terminate the copy and "
                   "return NULL when it does not fit",
        files=LIBVIRT_CODE,
        what="A call of ``strncpy()``.",
        why="strncpy() leaves the copy unterminated when the source fills the buffer; "
            "libvirt's wrappers terminate it and report a source that does not fit.",
        bad=[("    strncpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name));",
              "1:5: prefer-virstrncpy: use virStrncpy() or virStrcpy() instead of strncpy()")],
        good="    if (virStrcpyStatic(ifr.ifr_name, ifname) == NULL)",
        exclude=("src/util/util.c", "tools/virsh.c")),
    Pattern(
        "no-sprintf", r"\b(v?sprintf)\b",
        r"\1() cannot bound what it writes: use g_snprintf(), or g_strdup_printf() for a new "
        r"string",
        syntax_check="sc_prohibit_sprintf", profiles=("glib",), needs=("sprintf",),
        summary="sprintf()/vsprintf(), which cannot bound what they write",
        what="The name ``sprintf`` or ``vsprintf`` in code: a call, or the function passed on.",
        why="sprintf() writes as much as the format produces, however small the buffer; even "
            "a buffer that is large enough today stops being so when the format grows.",
        bad=[("    sprintf(buf, \"%d\", port);",
              "1:5: no-sprintf: sprintf() cannot bound what it writes: use g_snprintf(), or\n"
              "  g_strdup_printf() for a new string")],
        good=("    g_snprintf(buf, sizeof(buf), \"%d\", port);",
              "    g_autofree char *str = g_strdup_printf(\"%d\", port);")),
    Pattern(
        "prefer-snprintf", r"\b(v?sprintf)\b",
        r"use snprintf() (or virAsprintf() for a new string) instead of \1()",
        syntax_check="sc_prohibit_sprintf", profiles=("gnulib",), needs=("sprintf",),
        summary="sprintf()/vsprintf() where the 2012 tree asks for snprintf()",
        what="The name ``sprintf`` or ``vsprintf`` in code: a call, or the function passed on.",
        why="sprintf() writes past a buffer the format outgrows; snprintf() is bounded, and "
            "gnulib makes it portable.",
        bad=[("    sprintf(buf, \"%d\", port);",
              "1:5: prefer-snprintf: use snprintf() (or virAsprintf() for a new string) "
              "instead\n"
              "  of sprintf()")],
        good="    snprintf(buf, sizeof(buf), \"%d\", port);"),
    Pattern(
        "prefer-g-snprintf", r"\bsnprintf\b",
        "use g_snprintf() instead of snprintf()",
        syntax_check="sc_prohibit_snprintf", profiles=("glib",), needs=("snprintf",),
        replacement="g_snprintf",
        what="The name ``snprintf`` in code (a call, or the function passed on).",
        why="libvirt formats through GLib so that every platform gets the same C99 "
            "behaviour (return value, positional arguments); g_snprintf() takes the same "
            "arguments.",
        bad=[("    snprintf(buf, sizeof(buf), \"%u\", idx);",
              "1:5: prefer-g-snprintf: use g_snprintf() instead of snprintf()\n"
              "    fix: \"snprintf\" -> \"g_snprintf\"")],
        good="    g_snprintf(buf, sizeof(buf), \"%u\", idx);",
        exclude=("tools/virt-login-shell.c",)),
    Pattern(
        "prefer-g-vsnprintf", r"\bvsnprintf\b",
        "use g_vsnprintf() instead of vsnprintf()",
        syntax_check="sc_prohobit_vsnprintf", profiles=("glib",), needs=("vsnprintf",),
        replacement="g_vsnprintf", files=C_XDR_FILES,
        what="The name ``vsnprintf`` in code (a call, or the function passed on).",
        why="As for snprintf(): GLib's version behaves the same on every platform and takes "
            "the same arguments.",
        bad=[("    vsnprintf(msg, sizeof(msg), fmt, args);",
              "1:5: prefer-g-vsnprintf: use g_vsnprintf() instead of vsnprintf()\n"
              "    fix: \"vsnprintf\" -> \"g_vsnprintf\"")],
        good="    g_vsnprintf(msg, sizeof(msg), fmt, args);"),
    Pattern(
        "prefer-g-strdup-printf", r"\b(v?asprintf)\b",
        r"use g_strdup_printf() (g_strdup_vprintf() for a va_list) instead of \1()",
        syntax_check="sc_prohibit_asprintf", profiles=("glib",), needs=("asprintf",),
        summary="asprintf()/vasprintf() where libvirt uses g_strdup_printf()",
        what="The name ``asprintf`` or ``vasprintf`` in code (a call, or the function passed "
             "on).",
        why="After a failed asprintf() the result pointer is undefined, so every caller needs "
            "its own error handling; g_strdup_printf() returns the string and aborts on OOM.",
        bad=[("    if (asprintf(&path, \"%s/%s.xml\", dir, name) < 0)",
              "1:9: prefer-g-strdup-printf: use g_strdup_printf() (g_strdup_vprintf() for a\n"
              "  va_list) instead of asprintf()")],
        good="    path = g_strdup_printf(\"%s/%s.xml\", dir, name);",
        exclude=("examples/*", "tests/vircgroupmock.c", "tools/virt-login-shell.c") + _NSS),
    Pattern(
        "prefer-virasprintf", r"\b(v?asprintf)\b",
        r"use virAsprintf() (virVasprintf() for a va_list) instead of \1()",
        syntax_check="sc_prohibit_asprintf", profiles=("gnulib",), needs=("asprintf",),
        summary="asprintf()/vasprintf() where the 2012 tree asks for virAsprintf()",
        files=LIBVIRT_CODE,
        what="The name ``asprintf`` or ``vasprintf`` in code, in libvirt's own sources and "
             "tools.",
        why="After a failed asprintf() the result pointer is undefined; virAsprintf() sets it "
            "to NULL, so cleanup code can free it unconditionally.",
        bad=[("    if (asprintf(&path, \"%s/%s.xml\", dir, name) < 0)",
              "1:9: prefer-virasprintf: use virAsprintf() (virVasprintf() for a va_list)\n"
              "  instead of asprintf()")],
        good="    if (virAsprintf(&path, \"%s/%s.xml\", dir, name) < 0)",
        exclude=("examples/*", "src/util/util.c")),
    Pattern(
        "g-strdup-printf-s", r"\bg_strdup_printf\s*\(\s*\"%s\"\s*,",
        "use g_strdup(str) instead of g_strdup_printf(\"%s\", str)",
        syntax_check="sc_prohibit_asprintf", profiles=("glib",), scope="any",
        needs=("g_strdup_printf",),
        suggestion="g_strdup() copies the string without parsing a format (and keeps NULL "
                   "as NULL)",
        what="A call of ``g_strdup_printf()`` whose format is nothing but ``\"%s\"``: a copy of "
             "one string made through the formatter.",
        why="Formatting a single '%s' is a copy done the slow way; g_strdup() says what "
            "happens.",
        bad=[("    vm->def->name = g_strdup_printf(\"%s\", name);",
              "1:21: g-strdup-printf-s: use g_strdup(str) instead of g_strdup_printf(\"%s\", "
              "str)")],
        good=("    vm->def->name = g_strdup(name);",
              "    alias = g_strdup_printf(\"%s%zu\", prefix, idx);"),
        exclude=("examples/*",) + _NSS),

    # -- numbers ----------------------------------------------------------------------------
    Pattern(
        "prefer-virstrtolong", r"\b(strto(?:u?ll?|[ui]max))(?=\s*\()",
        r"use virStrToLong_*() instead of \1()",
        syntax_check="sc_prohibit_strtol", needs=("strto",),
        summary="strtol() and its kin where libvirt uses virStrToLong_*()",
        suggestion="virStrToLong_i/ui/l/ul/ll/ull() report a malformed number, trailing "
                   "garbage and overflow in their return value",
        files=LIBVIRT_CODE,
        what="A call of ``strtol()``, ``strtoul()``, ``strtoll()``, ``strtoull()``, "
             "``strtoimax()`` or ``strtoumax()``.",
        why="Used correctly, strtol() needs errno cleared beforehand and checked afterwards, "
            "an end pointer compared, and a range check: code rarely does all of it.  "
            "virStrToLong_*() do it once, for every integer type.",
        bad=[("    port = strtol(str, &end, 10);",
              "1:12: prefer-virstrtolong: use virStrToLong_*() instead of strtol()")],
        good="    if (virStrToLong_i(str, &end, 10, &port) < 0)"),
    Pattern(
        "prefer-virstrtodouble", r"\b(strto(?:[df]|ld))(?=\s*\()",
        r"use virStrToDouble() instead of \1()",
        syntax_check="sc_prohibit_strtol", needs=("strto",),
        summary="strtod()/strtof() where libvirt uses virStrToDouble()",
        files=LIBVIRT_CODE,
        what="A call of ``strtod()``, ``strtof()`` or ``strtold()``.",
        why="Like strtol(), strtod() needs errno and the end pointer checked by hand; "
            "virStrToDouble() does it.",
        bad=[("    ratio = strtod(str, NULL);",
              "1:13: prefer-virstrtodouble: use virStrToDouble() instead of strtod()")],
        good="    if (virStrToDouble(str, NULL, &ratio) < 0)"),
    Pattern(
        "no-atoi", r"\b(ato(?:i|f|l|ll|q))(?=\s*\()",
        r"\1() cannot report a malformed number: use virStrToLong_*() or virStrToDouble()",
        syntax_check="sc_prohibit_atoi", needs=("atoi", "atof", "atol", "atoq"),
        summary="atoi() and its kin, which cannot report a malformed number",
        files=LIBVIRT_CODE,
        what="A call of ``atoi()``, ``atof()``, ``atol()``, ``atoll()`` or ``atoq()`` in "
             "libvirt's own sources and tools.",
        why="atoi(\"junk\") is 0 and atoi(\"99999999999\") is whatever it is: the ato*() "
            "functions have no way to say the input was not a number.",
        bad=[("    id = atoi(str);",
              "1:10: no-atoi: atoi() cannot report a malformed number: use virStrToLong_*() "
              "or\n"
              "  virStrToDouble()")],
        good=("    if (virStrToLong_i(str, NULL, 10, &id) < 0)",
              "    if (g_atomic_int_dec_and_test(&obj->refs))")),

    # -- characters -------------------------------------------------------------------------
    Pattern(
        "prefer-g-ascii-ctype", rf"\b({_CTYPE})(?=\s*\()",
        r"\1() depends on the locale: use GLib's g_ascii_*() character tests",
        syntax_check="sc_avoid_ctype_macros", profiles=("glib",), files=("*.c", "*.h"),
        summary="a locale-dependent <ctype.h> test where libvirt uses g_ascii_*()",
        needs=tuple(_CTYPE.split("|")),
        suggestion="g_ascii_isdigit(), g_ascii_isspace(), g_ascii_tolower(), ... take a char "
                   "and only ever mean ASCII",
        what="A call of one of ``<ctype.h>``'s character tests or case conversions "
             "(``isspace()``, ``isdigit()``, ``isalnum()``, ``tolower()``...) in a ``.c`` or "
             "``.h`` file.",
        why="The <ctype.h> tests follow the process locale and are undefined for a negative "
            "char; libvirt parses machine formats (XML attributes, /proc, monitor replies), "
            "which are ASCII whatever the user's locale.",
        bad=[("    while (isspace(*cur))",
              "1:12: prefer-g-ascii-ctype: isspace() depends on the locale: use GLib's\n"
              "  g_ascii_*() character tests")],
        good=("    while (g_ascii_isspace(*cur))",
              "    if (c_isdigit(*p))")),
    Pattern(
        "prefer-c-ctype", rf"\b({_CTYPE})(?=\s*\()",
        r"use c_\1() from c-ctype.h instead of the locale-dependent \1()",
        syntax_check="sc_avoid_ctype_macros", profiles=("gnulib",), files=("*.c", "*.h"),
        summary="a locale-dependent <ctype.h> test where the 2012 tree uses c-ctype.h",
        needs=tuple(_CTYPE.split("|")),
        what="A call of one of ``<ctype.h>``'s character tests or case conversions "
             "(``isspace()``, ``isdigit()``, ``isalnum()``, ``tolower()``...) in a ``.c`` or "
             "``.h`` file.",
        why="The <ctype.h> tests follow the process locale and are undefined for a negative "
            "char; gnulib's c-ctype versions are ASCII-only and safe for any char.",
        bad=[("    while (isspace(*cur))",
              "1:12: prefer-c-ctype: use c_isspace() from c-ctype.h instead of the\n"
              "  locale-dependent isspace()")],
        good="    while (c_isspace(*cur))"),
    Pattern(
        "no-ctype-h", r"^\s*#\s*include\s*<ctype\.h>",
        "do not include <ctype.h>: use GLib's g_ascii_*() character tests",
        syntax_check="sc_prohibit_ctype_h", profiles=("glib",), needs=("ctype.h",),
        what="An ``#include <ctype.h>``.",
        why="The header only brings in the locale-dependent tests libvirt does not use; "
            "GLib's come with <glib.h>, which internal.h includes.",
        bad=[("#include <ctype.h>",
              "1:1: no-ctype-h: do not include <ctype.h>: use GLib's g_ascii_*() character\n"
              "  tests")],
        good="#include <unistd.h>"),
    Pattern(
        "prefer-c-ctype-h", r"^\s*#\s*include\s*<ctype\.h>",
        "include \"c-ctype.h\" instead of <ctype.h>",
        syntax_check="sc_prohibit_ctype_h", profiles=("gnulib",), needs=("ctype.h",),
        what="An ``#include <ctype.h>``.",
        why="gnulib's c-ctype.h has the ASCII-only versions of the character tests.",
        bad=[("#include <ctype.h>",
              "1:1: prefer-c-ctype-h: include \"c-ctype.h\" instead of <ctype.h>")],
        good="#include \"c-ctype.h\""),
    Pattern(
        "prefer-g-ascii-strcasecmp", r"\b(strn?case(?:cmp|str))(?=\s*\()",
        r"use STRCASEEQ()/STRCASEPREFIX() or g_ascii_strcasecmp() instead of \1()",
        syntax_check="sc_avoid_strcase", profiles=("glib",), needs=_STRCASE,
        summary="strcasecmp() and its kin where libvirt uses STRCASEEQ() or g_ascii_strcasecmp()",
        what="A call of ``strcasecmp()``, ``strncasecmp()``, ``strcasestr()`` or "
             "``strncasestr()``.",
        why="strcasecmp() folds case by the locale (in a Turkish locale 'I' is not 'i'); "
            "names in XML and on the wire compare ASCII-blind.",
        bad=[("    if (strcasecmp(value, \"yes\") == 0)",
              "1:9: prefer-g-ascii-strcasecmp: use STRCASEEQ()/STRCASEPREFIX() or\n"
              "  g_ascii_strcasecmp() instead of strcasecmp()")],
        good=("    if (STRCASEEQ(value, \"yes\"))",
              "    return g_ascii_strcasecmp(a->name, b->name);"),
        # the NSS plugin's lease and MAC readers run inside other programs, without GLib
        exclude=("tools/vsh.h", "tools/nss/libvirt_nss_leases.c",
                 "tools/nss/libvirt_nss_macs.c")),
    Pattern(
        "prefer-c-strcase", r"\b(strn?case(?:cmp|str))(?=\s*\()",
        r"use STRCASEEQ() or c_\1() from gnulib instead of \1()",
        syntax_check="sc_avoid_strcase", profiles=("gnulib",), needs=_STRCASE,
        summary="strcasecmp() and its kin where the 2012 tree uses c-strcase",
        what="A call of ``strcasecmp()``, ``strncasecmp()``, ``strcasestr()`` or "
             "``strncasestr()``.",
        why="strcasecmp() folds case by the locale; gnulib's c-strcase functions are "
            "ASCII-only.",
        bad=[("    if (strcasecmp(value, \"yes\") == 0)",
              "1:9: prefer-c-strcase: use STRCASEEQ() or c_strcasecmp() from gnulib instead "
              "of\n"
              "  strcasecmp()")],
        good="    if (STRCASEEQ(value, \"yes\"))",
        exclude=("tools/virsh.c",)),

    # -- thread safety ----------------------------------------------------------------------
    Pattern(
        "nonreentrant-function", rf"{_CALL}({_NONREENTRANT})(?=\s*\()",
        r"\1() is not thread-safe: use \1_r() or a libvirt helper",
        syntax_check="sc_prohibit_nonreentrant",
        summary="a libc function that is not thread-safe (localtime(), strtok(), getpwnam(), "
                "rand(), ...)",
        needs=("ctime", "gmtime", "localtime", "rand", "cvt", "ether_", "getalias", "getdate",
               "getgr", "gethost", "getlogin", "getmntent", "getnet", "getproto", "getpw",
               "getrpc", "getserv", "getsg", "getsp", "getut", "hcreate", "hdestroy", "hsearch",
               "initstate", "lcong48", "ptsname", "seed48", "setstate", "strtok", "tmpnam",
               "ttyname"),
        suggestion="localtime_r(), strtok_r(); virGetUserID()/virGetUserDirectory() rather "
                   "than getpw*(); virRandomBits() for random numbers; getaddrinfo() rather "
                   "than gethostby*()",
        what="A call of one of the libc functions that return their result in static storage "
             "shared by every thread: ``localtime()``, ``gmtime()``, ``ctime()``, ``strtok()``, "
             "``getpwnam()``, ``getpwuid()``, ``getgrnam()``, ``gethostbyname()``, ``rand()``, "
             "``random()``, ``ttyname()`` and the rest of that list.  A call through a struct "
             "member (``ops->rand()``) is not one of them, and the tests, the examples and a few "
             "tools are left alone.",
        why="These functions return a pointer into static storage, or keep hidden state, that "
            "another thread overwrites at any time; libvirtd runs many threads.",
        bad=[("    tm = localtime(&now);",
              "1:10: nonreentrant-function: localtime() is not thread-safe: use localtime_r()\n"
              "  or a libvirt helper")],
        good=("    localtime_r(&now, &tm);",
              "    tok = strtok_r(str, \",\", &saveptr);"),
        exclude=_NONREENTRANT_EXEMPT),
    Pattern(
        "prefer-virsocketaddr", rf"{_CALL}(inet_(?:{_INET}))(?=\s*\()",
        r"use virSocketAddrParse()/virSocketAddrFormat() instead of \1()",
        syntax_check="sc_prohibit_nonreentrant", needs=("inet_",),
        summary="an inet_*() address conversion where libvirt uses virSocketAddr*()",
        files=LIBVIRT_CODE,
        what="A call of one of the ``inet_*()`` address conversions: ``inet_ntoa()``, "
             "``inet_ntop()``, ``inet_pton()``, ``inet_aton()``, ``inet_addr()`` and the rest of "
             "that family.",
        why="inet_ntoa() returns static storage and inet_aton() knows only IPv4; "
            "virSocketAddr handles IPv4 and IPv6 alike and reports errors.",
        bad=[("    VIR_DEBUG(\"peer %s\", inet_ntoa(sin->sin_addr));",
              "1:26: prefer-virsocketaddr: use virSocketAddrParse()/virSocketAddrFormat()\n"
              "  instead of inet_ntoa()")],
        good=("    if (!(addrstr = virSocketAddrFormat(&addr)))",
              "    if (virSocketAddrParse(&addr, str, AF_UNSPEC) < 0)"),
        exclude=_NONREENTRANT_EXEMPT),
    Pattern(
        "prefer-g-strerror", rf"{_CALL}strerror(?=\s*\()",
        "use g_strerror() instead of strerror(), which is not thread-safe",
        syntax_check="sc_prohibit_nonreentrant", profiles=("glib",), needs=("strerror",),
        suggestion="to report an error, virReportSystemError(errno, ...) adds the text itself",
        what="A call of ``strerror()``.",
        why="strerror() may return a buffer the next call from any thread overwrites; "
            "g_strerror() returns a string that stays valid.",
        bad=[("    VIR_WARN(\"cannot open %s: %s\", path, strerror(errno));",
              "1:42: prefer-g-strerror: use g_strerror() instead of strerror(), which is not\n"
              "  thread-safe")],
        good="    VIR_WARN(\"cannot open %s: %s\", path, g_strerror(errno));",
        exclude=("tests/*", "examples/*", "tools/virt-login-shell.c")),
    Pattern(
        "prefer-virstrerror", rf"{_CALL}strerror(?=\s*\()",
        "use virStrerror() (or virReportSystemError()) instead of strerror(), which is not "
        "thread-safe",
        syntax_check="sc_prohibit_nonreentrant", profiles=("gnulib",), needs=("strerror",),
        files=LIBVIRT_CODE,
        what="A call of ``strerror()``.",
        why="strerror() may return a buffer the next call from any thread overwrites; "
            "virStrerror() formats into the caller's buffer.",
        bad=[("    VIR_WARN(\"cannot open %s: %s\", path, strerror(errno));",
              "1:42: prefer-virstrerror: use virStrerror() (or virReportSystemError()) "
              "instead\n"
              "  of strerror(), which is not thread-safe")],
        good="    VIR_WARN(\"cannot open %s: %s\", path,\n             virStrerror(errno, ebuf, "
             "sizeof(ebuf)));",
        exclude=("tests/*", "tools/virsh.c", "tools/console.c")),
    Pattern(
        "prefer-virthreadcreate", r"\bpthread_create\b",
        "start threads with virThreadCreate(), not pthread_create()",
        syntax_check="sc_prohibit_pthread_create", needs=("pthread_create",),
        files=LIBVIRT_CODE,
        what="The name ``pthread_create`` in code.",
        why="virThreadCreate() names the thread, sets up its job and error state, and is the "
            "one place libvirt's thread handling can be changed.",
        bad=[("    if (pthread_create(&thr, NULL, qemuProcessReconnect, data) != 0)",
              "1:9: prefer-virthreadcreate: start threads with virThreadCreate(), not\n"
              "  pthread_create()")],
        good="    if (virThreadCreate(&thr, false, qemuProcessReconnect, data) < 0)",
        exclude=("src/util/virthread.c", "src/util/threads-pthread.c", "tests/*")),

    # -- file descriptors and files ---------------------------------------------------------
    Pattern(
        "prefer-vir-close", r"(?<![\w.>])([fp]?close)(?=\s*\()",
        r"use VIR_[FORCE_]CLOSE() or VIR_[FORCE_]FCLOSE() instead of \1()",
        syntax_check="sc_prohibit_close", needs=("close",),
        summary="close()/fclose() where libvirt uses VIR_[FORCE_]CLOSE()/VIR_[FORCE_]FCLOSE()",
        suggestion="VIR_FORCE_CLOSE(fd) in cleanup paths, VIR_CLOSE(fd) where the result "
                   "matters; both set fd to -1",
        files=LIBVIRT_CODE,
        what="A call of ``close()``, ``fclose()`` or ``pclose()`` in libvirt's own sources and "
             "tools.  A call through a struct member (``mon->cb->close(mon)``) is another "
             "function; the files that implement the ``VIR_*CLOSE`` macros, the NSS plugin and a "
             "few test helpers are left alone.",
        why="The macros set the variable to -1 (or NULL) after closing, so a second close in "
            "a cleanup path cannot hit a descriptor some other thread has opened meanwhile; "
            "VIR_FORCE_CLOSE() also keeps errno intact for the error being reported.",
        bad=[("    close(fd);",
              "1:5: prefer-vir-close: use VIR_[FORCE_]CLOSE() or VIR_[FORCE_]FCLOSE() instead\n"
              "  of close()")],
        good=("    VIR_FORCE_CLOSE(fd);",
              "    mon->cb->close(mon);"),
        exclude=("*.py", "*.pl", "docs/*", "src/util/virfile.c", "src/util/virevent.c",
                 "src/libvirt-stream.c", "src/libvirt.c", "tests/vir*mock.c",
                 "tests/commandhelper.c", "tests/qemusecuritymock.c") + _NSS),
    Pattern(
        "prefer-vir-fdopen", rf"{_CALL}fdopen(?=\s*\()",
        "use VIR_FDOPEN() instead of fdopen()",
        syntax_check="sc_prohibit_close", needs=("fdopen",),
        suggestion="VIR_FDOPEN(fd, mode) hands the descriptor over to the FILE and sets fd "
                   "to -1",
        files=LIBVIRT_CODE,
        what="A call of ``fdopen()`` in libvirt's own sources and tools.",
        why="After fdopen() two owners hold one descriptor; VIR_FDOPEN() clears the integer "
            "so that a later VIR_FORCE_CLOSE() does not close the FILE's descriptor.",
        bad=[("    if (!(fp = fdopen(fd, \"r\")))",
              "1:16: prefer-vir-fdopen: use VIR_FDOPEN() instead of fdopen()")],
        good="    if (!(fp = VIR_FDOPEN(fd, \"r\")))",
        exclude=("*.py", "*.pl", "docs/*", "src/util/virfile.c", "src/libvirt.c",
                 "tests/vir*mock.c", "tests/commandhelper.c") + _NSS),
    Pattern(
        "prefer-safewrite", r"(?<![\w.>])write(?=\s*\()",
        "use safewrite() instead of write(), which may write only part of the buffer",
        syntax_check="sc_avoid_write", files=LIBVIRT_CODE, needs=("write",),
        suggestion="safewrite() retries after EINTR and partial writes until all is written",
        what="A call of ``write()`` in libvirt's own sources and tools.  A call through a struct "
             "member (``st->write(...)``) is another function.  A call that must stay "
             "``write()`` (``safewrite()`` itself, a signal handler) says so as libvirt does, "
             "with the comment ``/* sc_avoid_write */`` on its line.",
        why="write() may return after a short write or EINTR; a caller that treats its "
            "return as all-or-nothing loses data on pipes and sockets.",
        bad=[("    if (write(fd, buf, len) < 0)",
              "1:9: prefer-safewrite: use safewrite() instead of write(), which may write "
              "only\n"
              "  part of the buffer")],
        good=("    if (safewrite(fd, buf, len) < 0)",
              "    if (st->driver->streamSend(st, buf, len) < 0)",
              "        done = write(mon->fd, buf, len); /* sc_avoid_write */"),
        # libvirt exempts only the file whose documentation shows write() in examples; a
        # call that must stay write() carries the comment /* sc_avoid_write */ on its line.
        exclude=("src/libvirt-stream.c",)),
    Pattern(
        "prefer-vircommand", rf"{_CALL}(fork|popen|system)(?=\s*\()",
        r"run child processes through virCommand, not \1()",
        syntax_check="sc_prohibit_fork_wrappers", needs=("fork", "popen", "system"),
        summary="fork()/popen()/system() where libvirt uses virCommand",
        suggestion="virCommandNewArgList() + virCommandRun(): no shell, descriptors closed, "
                   "signals and environment reset, errors reported",
        files=LIBVIRT_CODE,
        what="A call of ``fork()``, ``popen()`` or ``system()`` in libvirt's own sources and "
             "tools, but the files that implement ``virCommand`` and the daemons' start-up.",
        why="A child of a multi-threaded daemon must close inherited descriptors, reset "
            "signal handlers and avoid a shell's quoting; virCommand does all of it and "
            "reports a failure properly.",
        bad=[("    if ((pid = fork()) < 0)",
              "1:16: prefer-vircommand: run child processes through virCommand, not fork()"),
             ("    system(\"/sbin/modprobe kvm\");",
              "1:5: prefer-vircommand: run child processes through virCommand, not system()")],
        good=("    cmd = virCommandNewArgList(MODPROBE, \"kvm\", NULL);",
              "    if (virProcessRunInFork(cb, opaque) < 0)"),
        exclude=("src/util/vircommand.c", "src/util/command.c", "src/util/virdaemon.c",
                 "src/lxc/lxc_controller.c", "src/libvirt.c", "tests/testutils.c",
                 "daemon/libvirtd.c")),
    Pattern(
        "prefer-g-mkstemp", rf"{_CALL}(mko?stemps?)(?=\s*\()",
        r"use g_mkstemp_full() with O_CLOEXEC instead of \1()",
        syntax_check="sc_prohibit_mkstemp", profiles=("glib",), files=C_XDR_FILES,
        summary="mkstemp() and its kin where libvirt uses g_mkstemp_full() with O_CLOEXEC",
        needs=("mkstemp", "mkostemp"),
        what="A call of ``mkstemp()``, ``mkostemp()``, ``mkstemps()`` or ``mkostemps()``.",
        why="A descriptor opened without O_CLOEXEC leaks into every child the daemon starts "
            "before it is closed.",
        bad=[("    if ((fd = mkstemp(tmpl)) < 0)",
              "1:15: prefer-g-mkstemp: use g_mkstemp_full() with O_CLOEXEC instead of mkstemp()")],
        good="    if ((fd = g_mkstemp_full(tmpl, O_RDWR | O_CLOEXEC, 0600)) < 0)"),
    Pattern(
        "prefer-g-mkdtemp", rf"{_CALL}mkdtemp(?=\s*\()",
        "use g_mkdtemp() instead of mkdtemp()",
        syntax_check="sc_prohibit_mkdtemp", profiles=("glib",), files=C_XDR_FILES,
        needs=("mkdtemp",), replacement="g_mkdtemp",
        what="A call of ``mkdtemp()``.",
        why="g_mkdtemp() takes and returns the same template on every platform libvirt "
            "builds on, including those without mkdtemp().",
        bad=[("    if (!mkdtemp(tmpdir))",
              "1:10: prefer-g-mkdtemp: use g_mkdtemp() instead of mkdtemp()\n"
              "    fix: \"mkdtemp\" -> \"g_mkdtemp\"")],
        good="    if (!g_mkdtemp(tmpdir))"),
    Pattern(
        "prefer-virfileresolvelink", rf"{_CALL}readlink(?=\s*\()",
        "use virFileResolveLink() instead of readlink()",
        syntax_check="sc_prohibit_readlink", needs=("readlink",),
        suggestion="virFileResolveLink() allocates the result and terminates it; "
                   "virFileResolveAllLinks() follows the whole chain",
        files=LIBVIRT_CODE,
        what="A call of ``readlink()``.",
        why="readlink() neither terminates what it returns nor tells you the buffer was too "
            "small; code built on it gets both wrong.",
        bad=[("    if ((n = readlink(path, buf, sizeof(buf) - 1)) < 0)",
              "1:14: prefer-virfileresolvelink: use virFileResolveLink() instead of readlink()")],
        good="    if (virFileResolveLink(path, &target) < 0)",
        exclude=("src/util/virutil.c", "src/util/util.c", "src/lxc/lxc_container.c")),
    Pattern(
        "prefer-virgethostname", rf"{_CALL}gethostname(?=\s*\()",
        "use virGetHostname() instead of gethostname()",
        syntax_check="sc_prohibit_gethostname", needs=("gethostname",),
        files=LIBVIRT_CODE,
        what="A call of ``gethostname()``.",
        why="gethostname() may truncate silently and gives a short name where libvirt "
            "reports the fully qualified one; virGetHostname() allocates, qualifies and "
            "reports errors.",
        bad=[("    if (gethostname(name, sizeof(name)) < 0)",
              "1:9: prefer-virgethostname: use virGetHostname() instead of gethostname()")],
        good="    if (!(name = virGetHostname()))",
        exclude=("src/util/virutil.c", "src/util/util.c")),
    Pattern(
        "prefer-virdiropen", rf"{_CALL}((?:read|open|close)dir)(?=\s*\()",
        r"use virDirOpen()/virDirRead() and g_autoptr(DIR) instead of \1()",
        syntax_check="sc_prohibit_readdir", profiles=("glib",),
        summary="opendir()/readdir()/closedir() where libvirt uses virDirOpen()/virDirRead()",
        needs=("readdir", "opendir", "closedir"),
        suggestion="virDirOpen() reports why it failed, virDirRead() skips '.' and '..' and "
                   "tells the end of the directory from an error, g_autoptr(DIR) closes it",
        files=LIBVIRT_CODE,
        what="A call of ``opendir()``, ``readdir()`` or ``closedir()`` in libvirt's own sources "
             "and tools.",
        why="readdir() returns NULL both at the end and on error, with only errno to tell "
            "them apart, and every caller used to skip '.' and '..' by hand.",
        bad=[("    while ((ent = readdir(dir)))",
              "1:19: prefer-virdiropen: use virDirOpen()/virDirRead() and g_autoptr(DIR)\n"
              "  instead of readdir()")],
        good="    while ((rc = virDirRead(dir, &ent, path)) > 0)",
        exclude=("tests/*mock.c", "tests/virfilewrapper.c", "tools/nss/libvirt_nss.c")),
    Pattern(
        "prefer-virfilecanonicalizepath", r"\bcanonicalize_file_name(?=\s*\()",
        "use virFileCanonicalizePath() instead of canonicalize_file_name()",
        syntax_check="sc_prohibit_canonicalize_file_name", profiles=("glib",),
        needs=("canonicalize_file_name",),
        files=LIBVIRT_CODE,
        what="A call of ``canonicalize_file_name()``.",
        why="virFileCanonicalizePath() is the wrapper the test suite mocks, so that tests "
            "resolve paths inside their fake root.",
        bad=[("    if (!(real = canonicalize_file_name(path)))",
              "1:18: prefer-virfilecanonicalizepath: use virFileCanonicalizePath() instead of\n"
              "  canonicalize_file_name()")],
        good="    if (!(real = virFileCanonicalizePath(path)))",
        exclude=("tests/virfilemock.c",)),
    Pattern(
        "no-path-max", r"\bPATH_MAX\b",
        "do not size paths with PATH_MAX: build them with g_strdup_printf() or g_build_filename()",
        # (any PATH_MAX, so also the allocations sc_prohibit_path_max_allocation forbids)
        syntax_check=("sc_prohibit_PATH_MAX", "sc_prohibit_path_max_allocation"),
        profiles=("glib",), needs=("PATH_MAX",),
        what="Any use of ``PATH_MAX`` in code.",
        why="PATH_MAX is not a limit the kernel enforces (and some systems do not define it); "
            "a fixed buffer of that size truncates a longer path or wastes 4 KiB of stack.",
        bad=[("    char path[PATH_MAX];",
              "1:15: no-path-max: do not size paths with PATH_MAX: build them with\n"
              "  g_strdup_printf() or g_build_filename()")],
        good="    g_autofree char *path = g_build_filename(dir, name, NULL);",
        exclude=("tests/virfilemock.c",)),
    Pattern(
        "no-path-max-array", r"\[[^\]]*\bPATH_MAX\b|\balloca\s*\([^)]*\bPATH_MAX\b",
        "do not allocate PATH_MAX bytes for a path: allocate what it needs",
        syntax_check="sc_prohibit_path_max_allocation", profiles=("gnulib",),
        needs=("PATH_MAX",),
        what="``PATH_MAX`` in the size of an array (between its brackets) or in the argument of "
             "``alloca()``: a buffer of ``PATH_MAX`` bytes for a path.",
        why="PATH_MAX is not a limit the kernel enforces; a fixed buffer of that size "
            "truncates a longer path or wastes 4 KiB of stack.",
        bad=[("    char path[PATH_MAX];",
              "1:14: no-path-max-array: do not allocate PATH_MAX bytes for a path: allocate\n"
              "  what it needs")],
        good="    if (virAsprintf(&path, \"%s/%s\", dir, name) < 0)"),
    Pattern(
        "prefer-poll", rf"{_CALL}select(?=\s*\()",
        "use poll() instead of select()",
        syntax_check="sc_prohibit_select", needs=("select",),
        what="A call of ``select()``.",
        why="select() cannot watch a descriptor numbered FD_SETSIZE (1024) or above, and "
            "a daemon with many guests has such descriptors.",
        bad=[("    ret = select(fd + 1, &rfds, NULL, NULL, &tv);",
              "1:11: prefer-poll: use poll() instead of select()")],
        good="    ret = poll(fds, nfds, timeout);",
        exclude=("src/util/vireventglibwatch.c",)),
    Pattern(
        "prefer-g-path-get",
        rf"{_CALL}((?:base|dir)name)(?=\s*\()|#\s*include\s*[<\"]libgen\.h[>\"]",
        "use g_path_get_basename()/g_path_get_dirname() instead of <libgen.h>",
        syntax_check="sc_prohibit_libgen", profiles=("glib",),
        needs=("basename", "dirname", "libgen"),
        suggestion="GLib's versions return a new string and never modify their argument",
        what="A call of ``basename()`` or ``dirname()``, or an ``#include`` of ``<libgen.h>``, "
             "which declares them.",
        why="POSIX basename() and dirname() may modify their argument and may return static "
            "storage that another thread overwrites.",
        bad=[("    name = basename(path);",
              "1:12: prefer-g-path-get: use g_path_get_basename()/g_path_get_dirname() "
              "instead\n"
              "  of <libgen.h>"),
             ("#include <libgen.h>",
              "1:1: prefer-g-path-get: use g_path_get_basename()/g_path_get_dirname() instead\n"
              "  of <libgen.h>")],
        good="    g_autofree char *name = g_path_get_basename(path);"),
    Pattern(
        "prefer-last-component",
        rf"{_CALL}((?:base|dir)name)(?=\s*\()|#\s*include\s*[<\"]libgen\.h[>\"]",
        "use gnulib's last_component()/mdir_name() instead of <libgen.h>",
        syntax_check="sc_prohibit_libgen", profiles=("gnulib",), severity="warning",
        needs=("basename", "dirname", "libgen"),
        what="A call of ``basename()`` or ``dirname()``, or an ``#include`` of ``<libgen.h>``, "
             "which declares them.",
        why="POSIX basename() and dirname() may modify their argument and return static "
            "storage; gnulib's dirname module gives a pointer into the string "
            "(last_component()) or a new copy (mdir_name()).",
        bad=[("    name = basename(path);",
              "1:12: prefer-last-component: use gnulib's last_component()/mdir_name() instead\n"
              "  of <libgen.h>")],
        good="    name = last_component(path);"),
    Pattern(
        "prefer-virfileisexecutable",
        r"\b(?:f?access(?:at)?|e(?:uid)?access)\s*\([^;]*\bX_OK\b",
        "use virFileIsExecutable() instead of testing X_OK with access()",
        syntax_check="sc_prohibit_access_xok", needs=("X_OK",),
        files=LIBVIRT_CODE,
        what="A call of ``access()`` (or ``faccessat()``, ``euidaccess()``, ``eaccess()``) that "
             "asks for ``X_OK`` before the end of the statement's line.",
        why="access(path, X_OK) succeeds on a directory, which exec() will not run; "
            "virFileIsExecutable() checks for a regular file too.",
        bad=[("    if (access(path, X_OK) < 0)",
              "1:9: prefer-virfileisexecutable: use virFileIsExecutable() instead of testing\n"
              "  X_OK with access()")],
        good=("    if (!virFileIsExecutable(path))",
              "    if (access(path, R_OK) < 0)"),
        exclude=("src/util/virutil.c", "src/util/util.c")),
    Pattern(
        "prefer-virsetuidgid", r"\b(set(?:re)?[ug]id)(?=\s*\()",
        r"use virSetUIDGID() instead of \1()",
        syntax_check="sc_prohibit_setuid", needs=("setuid", "setgid", "setreuid", "setregid"),
        summary="setuid()/setgid() where libvirt uses virSetUIDGID()",
        files=LIBVIRT_CODE,
        what="A call of ``setuid()``, ``setgid()``, ``setreuid()`` or ``setregid()``.",
        why="Dropping privileges safely means setting the supplementary groups and the group "
            "before the user, and checking each step; virSetUIDGID() does it in that order.",
        bad=[("    if (setuid(uid) < 0)",
              "1:9: prefer-virsetuidgid: use virSetUIDGID() instead of setuid()")],
        good="    if (virSetUIDGID(uid, gid, groups, ngroups) < 0)",
        exclude=("src/util/virutil.c", "src/util/util.c", "tools/virt-login-shell.c")),

    # -- memory -----------------------------------------------------------------------------
    Pattern(
        "prefer-g-alloc", r"(?<![\w.>])((?:[mc]|re)alloc|free)(?=\s*\((?!\s*\)))",
        r"use GLib's allocation (g_new0(), g_renew(), g_free(), g_autofree) instead of \1()",
        syntax_check="sc_prohibit_raw_allocation", profiles=("glib",),
        summary="malloc()/calloc()/realloc()/free() where libvirt uses GLib's allocation",
        needs=("alloc", "free"),
        suggestion="g_new0(type, n) for an array, g_renew() to grow it, g_free()/g_autofree "
                   "to release; they abort on OOM",
        what="A call of ``malloc()``, ``calloc()``, ``realloc()`` or ``free()`` with arguments.  "
             "A call through a struct member (``ops->free(obj)``) is not libc's; the allocator's "
             "own wrappers, the examples, the NSS plugin and a few test helpers are left alone.",
        why="libvirt allocates through GLib, which aborts when memory runs out, so no caller "
            "needs an OOM path; the typed g_new0() also gets the size right and zeroes.",
        bad=[("    if (!(vcpus = calloc(nvcpus, sizeof(*vcpus))))",
              "1:19: prefer-g-alloc: use GLib's allocation (g_new0(), g_renew(), g_free(),\n"
              "  g_autofree) instead of calloc()")],
        good=("    vcpus = g_new0(virDomainVcpuDef, nvcpus);",
              "    g_free(vcpus);"),
        exclude=("src/util/viralloc.c", "src/util/viralloc.h", "src/util/memory.c",
                 "src/util/memory.h", "examples/*", "tests/securityselinuxhelper.c",
                 "tests/vircgroupmock.c", "tests/nssmock.c", "tests/commandhelper.c",
                 "tools/wireshark/src/packet-libvirt.c") + _NSS),
    Pattern(
        "prefer-vir-alloc", r"(?<![\w.>])((?:[mc]|re)alloc|free)(?=\s*\((?!\s*\)))",
        r"use VIR_ALLOC()/VIR_ALLOC_N()/VIR_REALLOC_N()/VIR_FREE() instead of \1()",
        syntax_check="sc_prohibit_raw_allocation", profiles=("gnulib",),
        summary="malloc()/calloc()/realloc()/free() where the 2012 tree uses the VIR_ macros",
        needs=("alloc", "free"),
        files=LIBVIRT_CODE,
        what="A call of ``malloc()``, ``calloc()``, ``realloc()`` or ``free()`` with arguments "
             "in libvirt's own sources and tools.  A call through a struct member is not libc's; "
             "the files that implement the ``VIR_ALLOC`` macros and the examples are left alone.",
        why="The VIR_ macros take the pointer's address: they get the size from the type, "
            "zero the memory, report OOM, and VIR_FREE() leaves NULL behind.",
        bad=[("    if (!(vcpus = calloc(nvcpus, sizeof(*vcpus))))",
              "1:19: prefer-vir-alloc: use "
              "VIR_ALLOC()/VIR_ALLOC_N()/VIR_REALLOC_N()/VIR_FREE()\n"
              "  instead of calloc()")],
        good="    if (VIR_ALLOC_N(vcpus, nvcpus) < 0)",
        exclude=("src/util/memory.c", "src/util/memory.h", "src/util/viralloc.c",
                 "src/util/viralloc.h", "examples/*")),
    Pattern(
        "prefer-virobjectunref", rf"\bvir(?:{_PUBLIC_OBJECTS})Free\b",
        "inside libvirt, drop a reference with virObjectUnref(), not the public vir*Free()",
        syntax_check="sc_prohibit_virXXXFree", profiles=("glib",),
        needs=tuple(f"vir{o}Free" for o in _PUBLIC_OBJECTS.split("|")),
        files=("src/*/*.c", "src/*/*.h"), example_path="src/qemu/qemu_driver.c",
        suggestion="virObjectUnref(obj), or g_autoptr(virDomain) and friends",
        what="The name of a public object's release function, ``virDomainFree``, "
             "``virNetworkFree``, ``virStorageVolFree`` and the rest of the public object types, "
             "in the code under ``src/``'s subdirectories (the drivers), where those objects are "
             "reference-counted.",
        why="The public vir*Free() functions reset the thread's last error and check "
            "their argument for the API caller; inside the library they clobber an error "
            "about to be reported.  Only the library's own code is judged (a directory "
            "under src/): API clients such as libvirt-glib must call vir*Free().",
        bad=[("    virDomainFree(dom);",
              "1:5: prefer-virobjectunref: inside libvirt, drop a reference with\n"
              "  virObjectUnref(), not the public vir*Free()")],
        good=("    virObjectUnref(dom);",
              "    virDomainDefFree(def);"),
        exclude=("docs/*", "tests/*", "examples/*", "tools/*", "src/test/test_driver.c",
                 "include/libvirt/*", "src/libvirt-*.c", "src/qemu/qemu_shim.c")),
    Pattern(
        "prefer-virgetsystempagesize", r"\bsysconf\s*\(\s*_SC_PAGE_?SIZE\b",
        "use virGetSystemPageSize() or virGetSystemPageSizeKB() instead of "
        "sysconf(_SC_PAGESIZE)",
        syntax_check="sc_prohibit_sysconf_pagesize", profiles=("glib",), needs=("_SC_PAGE",),
        files=LIBVIRT_CODE,
        what="``sysconf(_SC_PAGESIZE)`` or ``sysconf(_SC_PAGE_SIZE)``.",
        why="The wrapper is what the tests mock to pretend another page size, and it "
            "handles the error return.",
        bad=[("    pagesize = sysconf(_SC_PAGESIZE);",
              "1:16: prefer-virgetsystempagesize: use virGetSystemPageSize() or\n"
              "  virGetSystemPageSizeKB() instead of sysconf(_SC_PAGESIZE)")],
        good="    pagesize = virGetSystemPageSizeKB();",
        exclude=("src/util/virhostmem.c", "src/util/virutil.c")),

    # -- XML --------------------------------------------------------------------------------
    Pattern(
        "prefer-virxmlpropstring", r"\bxmlGetProp(?=\s*\()",
        "use virXMLPropString() instead of xmlGetProp()",
        syntax_check="sc_prohibit_xmlGetProp", needs=("xmlGetProp",),
        files=LIBVIRT_CODE,
        what="A call of ``xmlGetProp()``.",
        why="xmlGetProp() takes and returns xmlChar, which needs casts at every call; "
            "virXMLPropString() returns a char * to free as usual.",
        bad=[("    type = (char *)xmlGetProp(node, BAD_CAST \"type\");",
              "1:20: prefer-virxmlpropstring: use virXMLPropString() instead of xmlGetProp()")],
        good="    type = virXMLPropString(node, \"type\");",
        exclude=("src/util/virxml.c", "src/util/xml.c")),
    Pattern(
        "prefer-viruri", r"\b(xml(?:ParseURI|SaveUri))(?=\s*\()",
        r"use virURIParse()/virURIFormat() instead of \1()",
        syntax_check="sc_prohibit_xmlURI", needs=("xmlParseURI", "xmlSaveUri"),
        summary="xmlParseURI()/xmlSaveUri() where libvirt uses virURIParse()/virURIFormat()",
        files=LIBVIRT_CODE,
        what="A call of ``xmlParseURI()`` or ``xmlSaveUri()``.",
        why="libxml2's URI functions mishandle IPv6 addresses in brackets; libvirt's wrappers "
            "fix that up.",
        bad=[("    if (!(uri = xmlParseURI(uristr)))",
              "1:17: prefer-viruri: use virURIParse()/virURIFormat() instead of xmlParseURI()")],
        good="    if (!(uri = virURIParse(uristr)))",
        exclude=("src/util/viruri.c",)),
    Pattern(
        "virbufferadd-literal", r"\bvirBufferAdd\s*\([^,]+,\s*\"[^\"]",
        "use virBufferAddLit() to add a string literal",
        syntax_check="sc_prohibit_virBufferAdd_with_string_literal", needs=("virBufferAdd",),
        suggestion="virBufferAddLit(buf, \"...\") takes no length",
        what="A call of ``virBufferAdd()`` whose second argument is a non-empty string literal.",
        why="virBufferAddLit() knows the length of a literal at compile time; with "
            "virBufferAdd() the length is either -1 (a strlen() at run time) or a count "
            "that goes stale when the text changes.",
        bad=[("    virBufferAdd(&buf, \"<features>\\n\", -1);",
              "1:5: virbufferadd-literal: use virBufferAddLit() to add a string literal")],
        good=("    virBufferAddLit(&buf, \"<features>\\n\");",
              "    virBufferAdd(&buf, def->name, -1);")),
    Pattern(
        "virbufferasprintf-literal",
        r"\bvirBufferAsprintf(?=\s*\([^,\"]+,\s*\"(?:[^%\"\\]|\\.)*\"\s*\))",
        "use virBufferAddLit() for a string without conversions",
        syntax_check="sc_prohibit_virBufferAsprintf_with_string_literal", scope="any",
        needs=("virBufferAsprintf",), replacement="virBufferAddLit",
        what="A call of ``virBufferAsprintf()`` whose only argument after the buffer is a string "
             "literal without any ``%`` conversion (``\"</devices>\\n\"``), all on one line.",
        why="With nothing to format, virBufferAsprintf() parses the literal at run time for "
            "nothing; virBufferAddLit() copies it.",
        bad=[("    virBufferAsprintf(&buf, \"</devices>\\n\");",
              "1:5: virbufferasprintf-literal: use virBufferAddLit() for a string without\n"
              "  conversions\n"
              "    fix: \"virBufferAsprintf\" -> \"virBufferAddLit\"")],
        good=("    virBufferAddLit(&buf, \"</devices>\\n\");",
              "    virBufferAsprintf(&buf, \"<vcpu>%u</vcpu>\\n\", def->vcpus);")),
    Pattern(
        "virbuffer-manual-indent", r"\bvirBuffer\w*\s*\(.*?\" +<",
        "indent XML with virBufferAdjustIndent(), not spaces in the string",
        syntax_check="sc_forbid_manual_xml_indent", scope="any", needs=("\" ",),
        suggestion="virBufferAdjustIndent(&buf, 2) before the child elements, -2 after",
        what="A call of a ``virBuffer...()`` function with a string literal, on the same line, "
             "that starts with spaces and then ``<``: an XML element indented by hand.",
        why="Spaces written into each string go wrong as soon as the element is formatted "
            "at another depth; the buffer's own indentation follows the nesting.",
        bad=[("    virBufferAddLit(&buf, \"  <boot dev='hd'/>\\n\");",
              "1:5: virbuffer-manual-indent: indent XML with virBufferAdjustIndent(), not\n"
              "  spaces in the string")],
        good=(("    virBufferAdjustIndent(&buf, 2);\n"
               "    virBufferAddLit(&buf, \"<boot dev='hd'/>\\n\");"),
              "    virBufferAsprintf(&buf, \"<cpu mode='%s'>\\n\", mode);")),
]

PATTERNS = _ALL
