"""The coding-style rules (family ``style``): what each leaves alone, beyond the examples of
their documentation.  Each case is a shape of correct code met in libvirt, libvirt-glib or
libvirt-dbus that a rule must not flag (the tool runs in git's send-email hook: a false
positive refuses a correct mail), and a few shapes it must flag."""

import pytest
from conftest import lint_bytes


def added(path, code):
    """A new file ``path`` holding ``code``."""
    lines = code.splitlines()
    body = "".join("+" + ln + "\n" for ln in lines)
    return (f"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..2222222\n"
            f"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n{body}")


def found(code, rule, path="src/util/virthrottle.c"):
    """(line, column, severity) of each finding of ``rule`` on ``code`` as a new file."""
    got = lint_bytes(added(path, code).encode(), "x.patch", select=[rule])
    return [(f["line"], f["column"], f["severity"]) for f in got if f["rule"] == rule]


def fn(body):
    """``body`` (lines indented by 4) as the body of a function."""
    return "static int\nvirThrottleTest(size_t n, int rc, const char *name)\n{\n" + body + \
        "    return 0;\n}\n"


CLEAN = {
    "multiline-body-braces": [
        # a statement continued over deeper lines: the style's exception
        fn("    if (rc < 0)\n        virReportError(VIR_ERR_INTERNAL_ERROR,\n"
           "                       _(\"no '%1$s'\"), name);\n"),
        # a nested unbraced if of one statement: its second line is deeper
        fn("    if (rc < 0)\n        if (n > 0)\n            return -1;\n"),
        # else-if chains of one-line bodies
        fn("    if (rc < 0)\n        return -1;\n    else if (rc == 0)\n        return 0;\n"
           "    else\n        n++;\n"),
        # an empty body
        fn("    while (n-- > 0)\n        ;\n"),
        # a macro whose body has no semicolon, the next definition after it
        "#define CHECK(x) \\\n    if (x) \\\n        n++\nstatic int foo;\n",
        # preprocessor lines inside the body: not judged
        fn("    if (rc < 0)\n#ifdef WITH_FOO\n        return -1;\n#else\n        return -2;\n"
           "#endif\n"),
        # a switch and a do loop
        fn("    switch (rc)\n    {\n    case 0:\n        break;\n    }\n"),
        fn("    do\n        n--;\n    while (n > 0);\n"),
        # a comment after the body, at the indentation of the next statement
        fn("    if (rc < 0)\n        return -1;\n    /* all good */\n    n++;\n"),
    ],
    "message-argument-quotes": [
        fn("    virReportError(VIR_ERR_INTERNAL_ERROR, _(\"no group '%1$s'\"), name);\n"),
        fn("    virReportError(VIR_ERR_INTERNAL_ERROR, _(\"%1$s: no such group\"), name);\n"),
        fn("    virReportSystemError(errno, _(\"cannot open '%1$s': %2$s\"), name, name);\n"),
        fn("    virReportError(VIR_ERR_INTERNAL_ERROR, _(\"bad type=%1$s\"), name);\n"),
        fn("    virReportError(VIR_ERR_INTERNAL_ERROR, _(\"group %1$d of %2$zu\"), rc, n);\n"),
        fn("    virReportError(VIR_ERR_INTERNAL_ERROR, \"%s\", _(\"no group\"));\n"),
        # each _() of a ternary is a message of its own
        fn("    virReportError(VIR_ERR_INTERNAL_ERROR,\n"
           "                   rc ? _(\"group '%1$s' busy\") : _(\"group '%1$s' gone\"),\n"
           "                   name);\n"),
        # not a diagnostic
        fn("    g_printerr(_(\"usage: %1$s FILE\\n\"), name);\n"),
    ],
    "message-from-parts": [
        fn("    virReportError(VIR_ERR_INTERNAL_ERROR, _(\"no group '%1$s'\"), \"virtio\");\n"),
        fn("    virReportError(VIR_ERR_INTERNAL_ERROR, _(\"failed: %1$s\"),\n"
           "                   name ? name : _(\"unknown error\"));\n"),
        fn("    virReportError(VIR_ERR_INTERNAL_ERROR, \"%s\", _(\"no group\"));\n"),
        fn("    virReportError(VIR_ERR_INTERNAL_ERROR, _(\"bad '%1$s'\"), NULLSTR(name));\n"),
    ],
    "message-null-argument": [
        fn("    if (!name)\n        virReportError(VIR_ERR_INTERNAL_ERROR, _(\"'%1$s'\"),\n"
           "                       NULLSTR(name));\n"),
        fn("    if (name)\n        virReportError(VIR_ERR_INTERNAL_ERROR, _(\"'%1$s'\"),"
           " name);\n"),
        fn("    if (!name) {\n        name = \"x\";\n"
           "        virReportError(VIR_ERR_INTERNAL_ERROR, _(\"'%1$s'\"), name);\n    }\n"),
        fn("    if (!(name = virThrottleName(n)))\n"
           "        virReportError(VIR_ERR_INTERNAL_ERROR, _(\"'%1$zu'\"), n);\n"),
    ],
    "bool-literal-compare": [
        fn("    /* when enabled == true */\n    if (g_setenv(\"A\", \"b\", TRUE) == FALSE)\n"
           "        return -1;\n"),
    ],
    "ternary-operator": [
        fn("    virBufferAsprintf(&buf, \"<a x='%s'/>\\n\", rc ? \"yes\" : \"no\");\n"),
        fn("    virThrottleSet(rc ? 1 : 0, n ? 1 : 0);\n"),
        fn("    n = (rc &&\n         n > 2) ? 1 : 0;\n"),
        fn("    switch (rc) {\n    case 1:\n        n = rc ? 1 : 2;\n        break;\n"
           "    default:\n        break;\n    }\n"),
        "#define X(a) ((a) ? (a) : \"?\")\n",
        fn("    virBufferAddLit(&buf, \"<?xml version='1.0'?>\\n\");\n"),
    ],
    "line-too-long": [
        fn("    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,\n                   _(\"" +
           "a" * 100 + "\"));\n"),
        fn("    /* see https://example.org/" + "a" * 100 + " */\n"),
    ],
    "goto-backward": [
        fn(" retry:\n    if (rc < 0)\n        goto retry;\n"),
        fn(" retry_open:\n    if (rc < 0)\n        goto retry_open;\n"),
        fn("    if (rc < 0)\n        goto error;\n cleanup:\n    return rc;\n\n error:\n"
           "    n--;\n    goto cleanup;\n"),
        fn("    if (rc < 0)\n        goto cleanup;\n    n++;\n cleanup:\n"),
    ],
    "label-name": [
        fn(" cleanup:\n    n++;\n endjob:\n    n++;\n done:\n"),
        fn("    switch (rc) {\n    case 1:\n    default:\n        break;\n    }\n"),
    ],
    "numeric-truth-test": [
        # an int may be a boolean or a return code
        fn("    if (rc)\n        return -1;\n"),
        fn("    if (n > 0 && name)\n        return -1;\n"),
        fn("    if (!name)\n        return -1;\n"),
    ],
}

FLAGGED = {
    "multiline-body-braces": [
        (fn("    if (rc < 0)\n        /* oops */\n        return -1;\n"), [(4, 5, "warning")]),
        # a nested if whose else lines up with it
        (fn("    for (; n > 0; n--)\n        if (rc)\n            rc--;\n        else\n"
            "            break;\n"), [(4, 5, "warning")]),
    ],
    "message-null-argument": [
        (fn("    if (n > 0 &&\n        name == NULL)\n"
            "        virReportError(VIR_ERR_INTERNAL_ERROR, _(\"'%1$s'\"), name);\n"),
         [(6, 61, "error")]),
    ],
    "ternary-operator": [
        (fn("    virReportError(VIR_ERR_INTERNAL_ERROR, \"%s\",\n"
            "                   rc ? _(\"a\") :\n                   (n ? _(\"b\") : _(\"c\")));\n"),
         [(5, 23, "note"), (6, 23, "note")]),
    ],
    "numeric-truth-test": [
        (fn("    size_t count = n;\n\n    while (count && !name)\n        count--;\n"),
         [(6, 12, "note")]),
    ],
}


@pytest.mark.parametrize("rule,code", [(r, c) for r, cs in CLEAN.items() for c in cs])
def test_correct_code_is_left_alone(rule, code):
    assert found(code, rule) == []


@pytest.mark.parametrize("rule,code,expected",
                         [(r, c, e) for r, cs in FLAGGED.items() for c, e in cs])
def test_the_habit_is_flagged(rule, code, expected):
    assert found(code, rule) == expected


def test_line_length_reads_libvirts_sources_only():
    long_call = fn("    virThrottleGroupApplyLimits(n, rc, name, n, rc, name, n, rc, name, n, "
                   "rc, name, n, rc, name, n, rc);\n")
    assert found(long_call, "line-too-long") == [(4, 101, "note")]
    assert found(long_call, "line-too-long", path="libvirt-gobject/libvirt-gobject-domain.c") \
        == []


def test_xml_name_moved_is_not_new():
    moved = ("diff --git a/src/conf/schemas/domaincommon.rng b/src/conf/schemas/domaincommon.rng\n"
             "index 1111111..2222222 100644\n--- a/src/conf/schemas/domaincommon.rng\n"
             "+++ b/src/conf/schemas/domaincommon.rng\n@@ -10,3 +10,3 @@\n"
             "-      <element name=\"max_size\">\n+        <element name=\"max_size\">\n"
             "         <text/>\n"
             "@@ -40,2 +40,3 @@\n       <optional>\n+        <attribute name=\"new_thing\"/>\n"
             "       </optional>\n")
    got = lint_bytes(moved.encode(), "x.patch", select=["xml-name-camelcase"])
    assert [(f["line"], f["message"].split(":")[0]) for f in got] == \
        [(41, "attribute name 'new_thing' joins words with '_'")]
