"""libvirt's own tree passes its syntax-check: lines of libvirt v10.7.0 that patchlint's ports
of it used to flag (issue 12), each as a new file, with what is said about them now.

Each case is real code from the tree (``path`` as libvirt has it): either nothing is said (a
false positive fixed, or a path libvirt exempts), or the finding that remains is a habit
libvirt's coding style asks for and its check cannot see, at the severity the rule gives it
(see the rule's documentation for why).
"""

import pytest
from conftest import lint_bytes


def new_file(path, lines):
    body = "".join("+" + ln + "\n" for ln in lines)
    return (f"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..1111111\n"
            f"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n{body}").encode()


def said(path, lines, select):
    return [(f["rule"], f["line"], f["column"], f["severity"])
            for f in lint_bytes(new_file(path, lines), select=[select])]


CASES = [
    # libvirt exempts virsh's expected output (tests/virshtestdata/) from sc_trailing_blank
    ("tests/virshtestdata/domain-id.out", ["Security model: testSecurity", "Security DOI:   "],
     "trailing-whitespace", []),
    ("tests/virshtestdata/snapshot.out", ["", "  ", "Domain snapshot s3 created"],
     "trailing-whitespace", []),
    # ... and the NSS plugin's readers from sc_avoid_strcase
    ("tools/nss/libvirt_nss_leases.c",
     ["static void", "f(void)", "{",
      "    if (parser->entry.hostname && !strcasecmp(parser->name, parser->entry.hostname))",
      "        found = true;", "}"],
     "prefer-g-ascii-strcasecmp", []),
    ("tools/nss/libvirt_nss_macs.c",
     ["static void", "f(void)", "{", "    if (!strcasecmp(parser->entry.name, parser->name)) {",
      "        g = 1;", "    }", "}"],
     "prefer-g-ascii-strcasecmp", []),
    # the same call anywhere else is still the glib era's error
    ("tools/virsh-host.c",
     ["static void", "f(void)", "{", "    if (!strcasecmp(parser->entry.name, parser->name)) {",
      "        g = 1;", "    }", "}"],
     "prefer-g-ascii-strcasecmp", [("prefer-g-ascii-strcasecmp", 4, 10, "error")]),
    # an initialised local collecting VIR_* flags: libvirt merged 15 of them; a note
    ("tools/virsh-domain.c",
     ["static bool", "cmdFoo(vshControl *ctl, const vshCmd *cmd)", "{",
      "    int flags = 0;", "",
      "    if (vshCommandOptBool(cmd, \"config\"))",
      "        flags |= VIR_DOMAIN_AFFECT_CONFIG;", "    return true;", "}"],
     "flags-type", [("flags-type", 4, 5, "note")]),
    ("src/locking/domain_lock.c",
     ["static int", "f(void)", "{", "    int flags = VIR_LOCK_MANAGER_ACQUIRE_RESTRICT;",
      "    return 0;", "}"],
     "flags-type", [("flags-type", 4, 5, "note")]),
    # a parameter is an interface: still an error, also first in the list, where
    # sc_flags_usage's expression (a blank before the type) does not reach
    ("tests/qemuxmlconftest.c",
     ["static int", "testCheckExclusiveFlags(int flags)", "{", "    return 0;", "}"],
     "flags-type", [("flags-type", 2, 25, "error")]),
    # a function defined by a macro: its lines end in a backslash, written compactly
    ("tests/testutils.h",
     ["/* Setup, then call func() */", "#define VIR_TEST_MAIN(func) \\",
      "    int main(int argc, char **argv) { \\",
      "        return virTestMain(argc, argv, func, NULL); \\", "    }"],
     "function-brace-line", []),
    # outside a macro, the brace still belongs on a line of its own (coding style)
    ("src/qemu/qemu_driver.c",
     ["static const char *qemuConnectGetType(virConnectPtr conn) {",
      "    return \"QEMU\";", "}"],
     "function-brace-line", [("function-brace-line", 1, 59, "warning")]),
    # a doubled word split by a comment's " * ": a typo libvirt's check cannot see (warning)
    ("tests/virmock.h",
     ["/*", " * LD_PRELOAD based wrappers. They provide a replacement for",
      " * for an existing shared library symbol export. They will", " */"],
     "doubled-word", [("doubled-word", 3, 4, "warning")]),
    ("src/conf/domain_postparse.c",
     ["    /* For an ISCSI LUN that is", "     * is provided by /dev/disk/by-path/... */"],
     "doubled-word", [("doubled-word", 2, 8, "warning")]),
    ("tools/virsh-domain.c",
     ["        /* If either callback could be registered and we've got an event, we can",
      "         * can end the waiting loop */"],
     "doubled-word", [("doubled-word", 2, 12, "warning")]),
    # the arguments after a message pulled left (aligned, it would pass 80 columns) keep
    # its indentation
    ("src/conf/network_conf.c",
     ["static int", "f(void)", "{", "            if (!(id || name)) {",
      "                virReportError(VIR_ERR_XML_ERROR,",
      "                           _(\"Static host definition in IPv6 network '%1$s' must have "
      "id or name attribute\"),",
      "                           networkName);", "                return -1;", "            }",
      "}"],
     "continuation-indent", []),
    ("tests/objecteventtest.c",
     ["static int", "f(void)", "{",
      "    id = virConnectStoragePoolEventRegisterAny(test->conn, NULL,",
      "                      VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,",
      "                      VIR_STORAGE_POOL_EVENT_CALLBACK(&storagePoolLifecycleCb),",
      "                      &counter, NULL);", "}"],
     "continuation-indent", []),
    # ... but a short line pulled left is still out of line
    ("tests/bhyvexml2argvtest.c",
     ["static int", "f(void)", "{", "            VIR_TEST_DEBUG(\"Got expected error: %s\",",
      "                    virGetLastErrorMessage());", "}"],
     "continuation-indent", [("continuation-indent", 5, 1, "warning")]),
    # GCC's layout of an asm statement's operand lists
    ("src/util/virhostcpu.c",
     ["void", "f(void)", "{",
      "    asm(\"xor %%ebx, %%ebx;\" /* clear the other registers as some cpuid */",
      "        \"xor %%edx, %%edx;\" /* functions may use them as additional arguments */",
      "        \"cpuid;\"", "        : \"=a\" (out[0]),", "          \"=b\" (out[1]),",
      "          \"=c\" (out[2]),", "          \"=d\" (out[3])", "        : \"a\" (leaf),",
      "          \"c\" (extended));", "}"],
     "continuation-indent", []),
]


@pytest.mark.parametrize("path,lines,select,expected", CASES,
                         ids=[f"{c[2]}-{c[0]}" for c in CASES])
def test_libvirt_tree_line(path, lines, select, expected):
    assert said(path, lines, select) == expected
