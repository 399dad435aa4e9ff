"""The "Portability and C idioms" family (issue 12): where each rule stops.

The docstring examples show each rule's main case; these pin the edges of libvirt's own
definitions that the rules mirror (the files a target reads, its exclusions, what its regex
leaves alone) and the places where the rules judge code only, unlike libvirt's grep.
"""

import pytest
from conftest import lint_bytes


def diff(path, body, start=10, new_file=False):
    """A plain diff of one hunk of ``path``; ``body`` lines carry their ' ', '+', '-'."""
    lines = body.splitlines()
    old = sum(1 for ln in lines if ln[:1] in " -")
    new = sum(1 for ln in lines if ln[:1] in " +")
    head = f"diff --git a/{path} b/{path}\n"
    if new_file:
        head += f"new file mode 100644\nindex 0000000..2222222\n--- /dev/null\n+++ b/{path}\n"
        hunk = f"@@ -0,0 +1,{new} @@\n"
    else:
        head += f"index 1111111..2222222 100644\n--- a/{path}\n+++ b/{path}\n"
        hunk = f"@@ -{start},{old} +{start},{new} @@\n"
    return head + hunk + "".join(ln + "\n" for ln in lines)


def added(path, code):
    return diff(path, "".join("+" + ln + "\n" for ln in code.splitlines()), new_file=True)


def of_era(text, profile):
    """The rule ids a run of ``profile`` with no selection reports (each era's own rules)."""
    return sorted({f["rule"] for f in lint_bytes(text.encode(), "x.patch", profile=profile)})


def found(text, rule, profile="glib"):
    """(line, column, fix) of each finding of ``rule``."""
    return [(f["line"], f["column"], (f.get("fix") or {}).get("replacement"))
            for f in lint_bytes(text.encode(), "x.patch", select=[rule], profile=profile)
            if f["rule"] == rule]


# -- test == in shell scripts ---------------------------------------------------------------

@pytest.mark.parametrize("path,first,flagged", [
    ("tools/virt-probe", "#!/bin/sh", True),              # no extension: its #! line
    ("tools/virt-probe", "#! /bin/bash", True),
    ("tools/virt-probe", "#!/usr/bin/env bash", False),   # not /bin/...sh: libvirt skips it
    ("tools/virt-probe", "# a sourced fragment", False),
    ("tools/virt-probe.sh", "# a sourced fragment", False),  # first line shown: it decides
    ("src/util/virprobe.c", "#!/bin/sh", False),          # C is never a script
    ("docs/probe.rst", "#!/bin/sh", False),
])
def test_a_script_is_known_by_its_first_line_when_the_patch_shows_it(path, first, flagged):
    text = added(path, f'{first}\n\nif [ "$1" == "--stop" ]; then\n    exit 0\nfi')
    assert found(text, "test-double-equal") == ([(3, 11, "=")] if flagged else [])


@pytest.mark.parametrize("path,flagged", [("tools/libvirt-guests.sh.in", True),
                                          ("tools/virt-probe.sh", True),
                                          ("tools/virt-probe.in", False)])
def test_below_its_first_lines_a_script_is_known_by_its_name(path, flagged):
    text = diff(path, ' retval() {\n+    if test "$1" == 0; then\n', start=120)
    assert found(text, "test-double-equal") == ([(121, 18, "=")] if flagged else [])


def test_test_double_equal_reads_neither_comments_nor_quotes():
    text = added("tools/virt-probe.sh",
                 "#!/bin/sh\n"
                 "# never: test a == b\n"
                 'echo "then test a == b"\n'
                 "echo 'and [ a == b ]'\n"
                 "x=1 # [ $x == 1 ]\n"
                 "[[ $x == 1 ]] && echo one\n"     # (libvirt wants a blank before '[')
                 "if [[ $x == 1 ]]; then :; fi\n"
                 "if [ ${#x} == 1 ]; then :; fi\n")   # ${#x} is no comment
    assert found(text, "test-double-equal") == [(7, 10, "="), (8, 12, "=")]


def test_test_double_equal_gives_no_fix_after_arithmetic():
    text = added("tools/virt-probe.sh", "#!/bin/sh\nif [ $((x == 1)) -eq 1 ]; then :; fi\n")
    assert found(text, "test-double-equal") == [(2, 11, None)]


# -- grep -q ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path,line,col", [
    ("tools/virt-probe.sh", "lsmod | grep -q kvm", 9),
    ("libvirt.spec.in", "    if grep -q kvm /proc/modules; then", 8),
    ("tools/meson.build", "r = run_command('sh', '-c', 'egrep -qs kvm /proc/modules')", 31),
    ("src/util/virprobe.c", '    cmd = virCommandNewArgList("sh", "-c", "grep -q kvm", NULL);', 45),
    ("docs/kbase/probe.rst", "   # lsmod | grep -q kvm", 14),     # a root prompt, not a comment
    ("tools/virt-probe.sh", 'echo "# not a comment" | grep -q "#"', 26),
])
def test_grep_q_is_flagged_wherever_a_command_line_can_be(path, line, col):
    assert found(added(path, line), "grep-q") == [(1, col, None)]


@pytest.mark.parametrize("path,line", [
    ("tools/virt-probe.sh", "# grep -q is not portable"),
    ("tools/virt-probe.sh", "lsmod | grep kvm >/dev/null  # not grep -q"),
    ("tools/meson.build", "# grep -q would do"),
    ("src/util/virprobe.c", "    /* grep -q is not portable */"),
    ("src/util/virprobe.c", "    ret = 0; // grep -q"),
    ("po/de.po", 'msgid "grep -q"'),
])
def test_grep_q_in_a_comment_is_not_flagged(path, line):
    assert found(added(path, line), "grep-q") == []


# -- the C idioms -----------------------------------------------------------------------------

@pytest.mark.parametrize("path,flagged", [
    ("src/util/virprobe.h", True),
    ("tests/testutilsprobe.h", True),
    ("src/util/virlog.h", False),                 # libvirt's exclusions
    ("src/network/bridge_driver.h", False),
    ("src/util/virprobe.c", False),               # the definition is where it belongs
    ("include/libvirt/libvirt-probe.h.in", False),  # in_vc_files='\.h$'
])
def test_g_gnuc_unused_in_a_header_follows_libvirts_file_list(path, flagged):
    text = added(path, "int virProbe(int fd G_GNUC_UNUSED);")
    assert found(text, "g-gnuc-unused-in-header") == ([(1, 21, None)] if flagged else [])


@pytest.mark.parametrize("line", [
    "#define VIR_PROBE_UNUSED G_GNUC_UNUSED",        # a '#' before it
    "int virProbe(int fd); /* G_GNUC_UNUSED on the definition */",
    "int virProbe(int fd G_GNUC_UNUSED:1);",         # followed by ':' (as libvirt's regex)
])
def test_g_gnuc_unused_left_alone(line):
    assert found(added("src/util/virprobe.h", line), "g-gnuc-unused-in-header") == []


def test_the_unused_marker_is_the_eras_own():
    glib = added("src/util/virprobe.h", "int virProbe(int fd G_GNUC_UNUSED);")
    old = added("src/util/virprobe.h", "int virProbe(int fd ATTRIBUTE_UNUSED);")
    assert "g-gnuc-unused-in-header" in of_era(glib, "glib")
    assert "g-gnuc-unused-in-header" not in of_era(glib, "gnulib")
    assert found(old, "attribute-unused-in-header", profile="gnulib") == [(1, 21, None)]
    assert "attribute-unused-in-header" not in of_era(old, "glib")


def test_decl_macros_are_the_eras_own():
    assert found(added("src/util/virprobe.c", "#ifdef WITH_DECL_SEEK_HOLE"),
                 "with-decl-defined") == [(1, 1, None)]
    assert found(added("src/util/virprobe.c", "#if WITH_DECL_SEEK_HOLE"),
                 "with-decl-defined") == []
    assert found(added("src/util/virprobe.c", "#if defined HAVE_DECL_SEEK_HOLE"),
                 "have-decl-defined", profile="gnulib") == [(1, 5, None)]


@pytest.mark.parametrize("line,flagged", [
    ("        exit(1);", True),
    ("        exit(77);", True),
    ("        exit (77);", False),           # the skip code, spelt as libvirt spares it
    ("        exit(-1);", True),
    ("        sys.exit(1)", False),          # a method, not exit()
    ("        _exit(1);", False),
    ("    if (error(x)) exit(1);", False),   # libvirt spares every line calling error()
    ("        exit(EXIT_FAILURE);", False),
    ('        puts("exit(1)");', False),      # a string: code only
    ("        /* exit(1) */", False),
])
def test_exit_magic_number(line, flagged):
    got = found(added("tools/virt-probe.c", line), "exit-magic-number")
    assert bool(got) == flagged


@pytest.mark.parametrize("path,flagged", [
    ("tests/virprobetest.c", True),
    ("tests/virprobemock.c", True),
    ("src/foo/tests/probe.c", True),     # libvirt's 'tests/.*\.c$' is not anchored
    ("tests/virprobetest.h", False),
    ("src/util/virprobe.c", False),
])
def test_exit_in_tests_follows_libvirts_file_list(path, flagged):
    got = found(added(path, "        exit(EXIT_FAILURE);"), "exit-in-tests")
    assert got == ([(1, 9, None)] if flagged else [])


def test_exit_in_tests_honours_the_marker_and_the_era():
    text = added("tests/virprobetest.c",
                 "    _exit(EXIT_FAILURE);\n"
                 "    exit(EXIT_FAILURE); /* exempt from syntax-check */\n"
                 "    exit(EXIT_FAILURE);\n")
    assert found(text, "exit-in-tests") == [(3, 5, None)]
    assert "exit-in-tests" not in of_era(text, "gnulib")


@pytest.mark.parametrize("line,flagged", [
    ("#define WITH_PROBE true", True),
    ("#define WITH_PROBE yes", True),
    ("#define VIR_PROBE_CHECK is_true", True),        # libvirt asks for no whole word
    ("#define WITH_PROBE 1", False),
    ("#define WITH_PROBE 1 /* true */", False),
    ("#define WITH_PROBE 1 // yes", False),           # a comment: code only
    ("# define WITH_PROBE true", False),              # libvirt wants '#define' at column 1
    ('#define PROBE_ANSWER "yes"', False),
])
def test_macro_boolean_value(line, flagged):
    assert bool(found(added("src/util/virprobe.h", line), "macro-boolean-value")) == flagged


@pytest.mark.parametrize("line,flagged", [
    ("    const char const *p;", True),
    ("    const unsigned long long const x = 0;", True),
    ("    const char *const p = NULL;", False),
    ("#define const const", False),
    ("    const char *a, const char *b", False),
    ("    size_t nconst = 0; const char *cconst = NULL;", False),
    ('    msg = "a const pointer to const data";', False),
])
def test_redundant_const(line, flagged):
    assert bool(found(added("src/util/virprobe.c", line), "redundant-const")) == flagged


@pytest.mark.parametrize("line,flagged", [
    ("static struct option opts[] = {", True),
    ("    static struct option opts[] = {", True),
    ("static const struct option opts[] = {", False),
    ("static struct option const opts[] = {", False),
    ("\tstatic struct option opts[] = {", False),     # '^ *static': spaces only
    ("struct option opts[] = {", False),
])
def test_const_long_options(line, flagged):
    assert bool(found(added("tools/virt-probe.c", line), "const-long-options")) == flagged


@pytest.mark.parametrize("line,rule,flagged", [
    ("    free((void *) p);", "free-arg-cast", True),
    ("    free( (char *)p);", "free-arg-cast", True),
    ("    g_free((char *) p);", "free-arg-cast", False),
    ("    VIR_FREE((p));", "free-arg-cast", False),
    ("    p = (char *) xmalloc(n);", "xalloc-cast", True),
    ("    p = (char **)xcalloc(n, sizeof(*p));", "xalloc-cast", True),
    ("    p = xmalloc(n);", "xalloc-cast", False),
    ("    p = (char *) xmallocx(n);", "xalloc-cast", False),
    ("    strncat(buf, name, strlen(name));", "verbose-strcat", True),
    ("    strncat(buf, name, strlen(other));", "verbose-strcat", False),
    ("    qsort(a, n, sizeof(*a), cmp);", "prefer-g-qsort", True),
    ("    qsort_r(a, n, sizeof(*a), cmp, NULL);", "prefer-g-qsort", True),
    ("    /* like qsort(3) */", "prefer-g-qsort", False),
    ("#ifndef HAVE_CONFIG_H", "have-config-h-test", True),
    ("/* #ifdef HAVE_CONFIG_H */", "have-config-h-test", False),
])
def test_c_idioms(line, rule, flagged):
    assert bool(found(added("src/util/virprobe.c", line), rule)) == flagged


def test_rules_libvirt_added_after_2012_stay_in_their_era():
    text = added("src/util/virprobe.c",
                 "    qsort(a, n, sizeof(*a), cmp);\n"
                 "    strncat(buf, name, strlen(name));\n")
    assert {"prefer-g-qsort", "verbose-strcat"} <= set(of_era(text, "glib"))
    assert not {"prefer-g-qsort", "verbose-strcat"} & set(of_era(text, "gnulib"))
