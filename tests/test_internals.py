"""The rules of libvirt's internal APIs (rules/internals*.py): what the docstring examples
cannot show, pinned as users see it (line, column, message).

A split translation or a ``VIR_ENUM_IMPL()`` judged when only the second of its lines is added,
the era's answer for ``virFree()``, libvirt's path exemptions and markers, and what is left
alone because it is not code.
"""

from conftest import lint_bytes


def diff(path, body, start=10, section=""):
    """A plain diff of one hunk of ``path``; ``body`` lines carry their ' ', '+', '-'."""
    lines = body.splitlines()
    old = sum(1 for ln in lines if ln[:1] in " -")
    new = sum(1 for ln in lines if ln[:1] in " +")
    return (f"diff --git a/{path} b/{path}\nindex 1111111..2222222 100644\n"
            f"--- a/{path}\n+++ b/{path}\n@@ -{start},{old} +{start},{new} @@{section}\n" +
            "".join(ln + "\n" for ln in lines))


def found(text, rule, profile="glib"):
    """(line, column, message) of each finding of ``rule``."""
    got = lint_bytes(text.encode(), "x.patch", select=[rule], profile=profile, options={})
    return [(f["line"], f["column"], f["message"]) for f in got if f["rule"] == rule]


# -- translation-split-space ----------------------------------------------------------------

def test_a_split_is_judged_on_the_second_line_when_only_that_one_is_added():
    text = diff("src/qemu/qemu_driver.c",
                "     virReportError(VIR_ERR_INTERNAL_ERROR, \"%s\", _(\"cannot read\"\n"
                "-                                                   \" the file\"));\n"
                "+                                                   \"the file\"));\n")
    assert found(text, "translation-split-space") == [
        (11, 52, "put a blank at the end of this piece or at the start of the next: the "
                 "message reads \"readthe\"")]


def test_the_split_that_lacks_the_blank_is_reported_not_the_first_line():
    text = diff("tools/virsh-domain.c",
                "+    .help = N_(\"set the group \"\n"
                "+               \"of the disk\"\n"
                "+               \"and its limits\"),\n")
    assert found(text, "translation-split-space") == [
        (11, 28, "put a blank at the end of this piece or at the start of the next: the "
                 "message reads \"diskand\"")]


def test_no_translation_open_no_finding():
    # the _() closed before the split; a plain string; a \n at the split; a blank after it
    text = diff("src/util/virfile.c",
                "+    msg = _(\"x\"), \"foo\"\n"
                "+        \"bar\";\n"
                "+    str = \"foo\"\n"
                "+        \"bar\";\n"
                "+    msg = _(\"foo\\n\"\n"
                "+            \"bar\");\n"
                "+    msg = _(\"foo\"\n"
                "+            \" bar\");\n")
    assert found(text, "translation-split-space") == []


# -- enum-last-marker -----------------------------------------------------------------------

def test_the_marker_line_is_judged_when_only_it_is_added():
    text = diff("src/conf/domain_conf.c",
                " VIR_ENUM_IMPL(virDomainThrottle,\n"
                "-              VIR_DOMAIN_THROTTLE_LAST,\n"
                "+              VIR_DOMAIN_THROTTLE_LAST, \"none\", \"iops\",\n"
                "               \"bytes\",\n"
                " );\n")
    assert found(text, "enum-last-marker") == [
        (11, 41, "put the _LAST marker alone on the line after VIR_ENUM_IMPL(name, and the "
                 "strings below it")]


def test_a_changed_string_below_the_macro_is_no_business_of_the_rule():
    text = diff("src/conf/domain_conf.c",
                " VIR_ENUM_IMPL(virDomainThrottle, VIR_DOMAIN_THROTTLE_LAST,\n"
                "               \"none\",\n"
                "-              \"iops\",\n"
                "+              \"iops\", \"bytes\",\n"
                " );\n")
    assert found(text, "enum-last-marker") == []


def test_a_lone_string_a_define_and_a_comment_are_left_alone():
    text = diff("src/conf/domain_conf.c",
                "+VIR_ENUM_IMPL(virDomainA, VIR_DOMAIN_A_LAST, \"one\");\n"
                "+#define X VIR_ENUM_IMPL(virDomainB, 3, \"a\", \"b\")\n"
                "+/* VIR_ENUM_IMPL(virDomainC, 3, \"a\", \"b\") */\n"
                "+VIR_ENUM_IMPL(virDomainD,\n"
                "+              VIR_DOMAIN_D_LAST,\n"
                "+              \"a,b\", \"c\",\n"
                "+);\n")
    assert found(text, "enum-last-marker") == []


# -- prefer-vir-macro -----------------------------------------------------------------------

def test_virfree_is_answered_in_the_eras_own_words():
    text = diff("src/qemu/qemu_driver.c",
                "+    virFree(&def);\n"
                "+    if (virAllocN(&list, sizeof(*list), n) < 0)\n")
    assert found(text, "prefer-vir-macro") == [
        (10, 5, "use g_free() or VIR_FREE() instead of calling virFree()"),
        (11, 9, "use g_new0() instead of calling virAllocN()")]
    assert found(text, "prefer-vir-macro", profile="gnulib") == [
        (10, 5, "use VIR_FREE() instead of calling virFree()"),
        (11, 9, "use VIR_ALLOC_N() instead of calling virAllocN()")]


def test_the_implementations_and_comments_are_left_alone():
    assert found(diff("src/util/virfile.c", "+    return virFileClose(&fd, 0);\n"),
                 "prefer-vir-macro") == []
    assert found(diff("src/util/virbuffer.c", "+    /* virFileClose(&fd, 0) would do */\n"),
                 "prefer-vir-macro") == []


# -- the virsh rules ------------------------------------------------------------------------

def test_virsh_wrappers_bodies_carry_libvirts_marker():
    text = diff("tools/virsh-util.c",
                "+    virDomainFree(dom); /* sc_prohibit_obj_free_apis_in_virsh */\n"
                "+    virNetworkPortFree(port);\n")
    assert found(text, "prefer-virsh-free") == []


def test_virconnectopen_is_only_for_virsh_command_files():
    line = "+    if (!(conn = virConnectOpenAuth(uri, virConnectAuthPtrDefault, 0)))\n"
    assert found(diff("tools/virsh.c", line), "virsh-connect-open") == []
    assert found(diff("tools/virsh-host.c", line), "virsh-connect-open") == [
        (10, 18, "use the connection virsh holds (priv->conn, opened by virshConnect()) "
                 "instead of virConnectOpenAuth()")]


def test_virsh_enums_may_be_named_virsh():
    text = diff("tools/virsh-domain.c",
                "+VIR_ENUM_DECL(virshDomainThrottle);\n"
                "+VIR_ENUM_IMPL(virStorageThrottle,\n")
    assert found(text, "virsh-enum-prefix") == [
        (11, 15, "name virsh's enums with the virsh prefix: virshStorageThrottle, not "
                 "virStorageThrottle")]


# -- the QEMU driver's security calls -------------------------------------------------------

def test_qemu_security_wraps_the_manager_and_types_are_fine():
    body = ("+    virSecurityManager *mgr = driver->securityManager;\n"
            "+    if (virSecurityManagerGetNested(mgr) == NULL)\n")
    assert found(diff("src/qemu/qemu_security.c", body), "prefer-qemu-security") == []
    assert found(diff("src/lxc/lxc_process.c", body), "prefer-qemu-security") == []
    assert found(diff("src/qemu/qemu_process.c", body), "prefer-qemu-security") == [
        (11, 9, "call the qemuSecurity wrapper (qemu_security.h) instead of "
                "virSecurityManagerGetNested()")]


# -- the portability rules ------------------------------------------------------------------

def test_devname_in_a_string_or_outside_libvirt_is_left_alone():
    assert found(diff("tools/virsh-domain.c",
                      "+    if (vshCommandOptString(ctl, cmd, \"devname\", &name) < 0)\n"),
                 "no-devname") == []
    assert found(diff("libvirt-gobject/libvirt-gobject-domain.c",
                      "+                                  const gchar *devname,\n"),
                 "no-devname") == []


def test_ids_compared_after_a_cast_are_fine():
    text = diff("src/util/virutil.c",
                "+    if (uid == (uid_t) -1 || gid != (gid_t)-1 || nuid == -1)\n"
                "+    if (cfg->user == -1)\n")
    assert found(text, "cast-id-minus-one") == [
        (11, 14, "cast -1 to uid_t or gid_t before comparing it with user")]
